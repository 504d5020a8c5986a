//! Checking a spreadsheet's rows against the register, row by row and field by field: the form's
//! rules, the choice lists, duplicates in the file and numbers already registered. Nothing is
//! written here.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::early::Early;
use super::{Checked, FIELDS, ImportError, ImportField, ImportFile, RowProblem, Verdict};
use crate::domain::dates;
use crate::domain::volunteer::{self, Draft, Field, ID_TYPES, KINDS, POLITICAL_STATUSES, Severity};
use crate::export::table::{Cell, CellKind, column_letter};
use crate::store::Store;
use crate::store::meta::RecordMeta;
use crate::store::volunteers::Volunteer;

mod register;
use register::{Register, Seen, key};

/// Normalises the common spellings of 政治面貌.
fn political(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Some("群众");
    }
    if let Some(p) = POLITICAL_STATUSES.iter().find(|p| **p == t) {
        return Some(p);
    }
    match t {
        "党员" | "共产党员" | "中国共产党党员" => Some("中共党员"),
        "预备党员" => Some("中共预备党员"),
        "团员" | "共青团员" | "中国共产主义青年团团员" => Some("共青团员"),
        "无" | "无党派" | "无党派人士" => Some("群众"),
        _ => None,
    }
}

fn yes(text: &str) -> Option<bool> {
    match text.trim() {
        "是" | "已同意" | "同意" | "Y" | "y" | "1" | "√" => Some(true),
        "否" | "不同意" | "未同意" | "N" | "n" | "0" | "" => Some(false),
        _ => None,
    }
}

/// The column of each field (indexed by the field), if the file has one.
pub(super) type Columns = [Option<usize>; FIELDS.len()];

/// One data row being checked, and its problems so far.
pub(super) struct Row<'a> {
    pub(super) headers: &'a [String],
    pub(super) column_of: &'a Columns,
    pub(super) cells: &'a [Cell],
    pub(super) number: usize,
    pub(super) problems: Vec<RowProblem>,
}

impl<'a> Row<'a> {
    fn cell(&self, f: ImportField) -> Option<&'a Cell> {
        self.column_of[f as usize].and_then(|i| self.cells.get(i))
    }

    fn text(&self, f: ImportField) -> &'a str {
        self.cell(f).map_or("", |c| c.text.as_str())
    }

    /// A problem in the field's column (its letter and header), or named by the field when the
    /// file has no such column.
    fn problem(&mut self, f: ImportField, reason: String) {
        let column = match self.column_of[f as usize] {
            Some(i) => format!(
                "{}列（{}）",
                column_letter(i),
                self.headers.get(i).map_or(f.label(), String::as_str)
            ),
            None => format!("“{}”", f.label()),
        };
        self.problems.push(RowProblem {
            row: self.number,
            column,
            reason,
        });
    }
}

/// The fields the form's rules judge, as the row gives them.
struct Typed {
    draft: Draft,
    gender: &'static str,
    birth_text: String,
}

/// The fields chosen from lists.
struct Chosen {
    political_status: &'static str,
    community_id: Option<String>,
    kinds: Vec<&'static str>,
    status: &'static str,
}

/// Checks every data row against the register: the form's rules, the choice lists, duplicates
/// in the file and identity numbers already registered.
pub fn check(store: &Store, file: &ImportFile, today: NaiveDate) -> Result<Checked, ImportError> {
    check_after(store, file, today, Early::new(store, today)?)
}

/// [`check`], taking the rows judged while the file was read when they were judged by the
/// mapping and the day of this check.
pub(super) fn check_after(
    store: &Store,
    file: &ImportFile,
    today: NaiveDate,
    early: Early,
) -> Result<Checked, ImportError> {
    let column_of = columns(&file.mapping);
    if column_of[ImportField::Name as usize].is_none() {
        return Err(ImportError::NoNameColumn);
    }
    let (judged, from, communities) = early.judged_for(file, &column_of, today);
    // One snapshot of the register for every row's lookups (one lock, not two per row).
    store.reading(|| check_rows(store, file, (&column_of, &communities), today, judged, from))
}

/// The column of each field by the mapping: a field mapped to two columns reads the later one.
pub(super) fn columns(mapping: &[Option<ImportField>]) -> Columns {
    let mut column_of: Columns = [None; FIELDS.len()];
    for (i, f) in mapping.iter().enumerate() {
        if let Some(f) = f {
            column_of[*f as usize] = Some(i);
        }
    }
    column_of
}

/// Every data row checked by the columns and the register's 村居 names: `early` holds the
/// rows before `from` (0-based) already judged.
fn check_rows(
    store: &Store,
    file: &ImportFile,
    (column_of, communities): (&Columns, &HashMap<String, String>),
    today: NaiveDate,
    early: Vec<(usize, Judged)>,
    from: usize,
) -> Result<Checked, ImportError> {
    let prefix = store.number_prefix()?;
    let next_number = store
        .next_volunteer_number(&prefix)?
        .get(prefix.len()..)
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(1);
    let rows: Vec<(usize, &[Cell])> = file
        .rows
        .iter()
        .enumerate()
        .skip((file.header_row + 1).max(from))
        .filter(|(_, cells)| !blank(cells))
        .map(|(index, cells)| (index + 1, cells.as_slice()))
        .collect();
    // What each row's own cells say, on every core; then, in row order, what the register and
    // the earlier rows say.
    let rest = in_parallel(&rows, |&(number, cells)| {
        let row = Row {
            headers: &file.headers,
            column_of,
            cells,
            number,
            problems: Vec::new(),
        };
        judge(row, communities, today)
    });
    let judged: Vec<(usize, Judged)> = early
        .into_iter()
        .chain(rows.iter().map(|(number, _)| *number).zip(rest))
        .collect();
    // The register asked once for every row's numbers, not twice per row.
    let id_holders = store.id_number_holders(
        judged
            .iter()
            .map(|(_, j)| key(j.id_number()))
            .collect::<Vec<_>>()
            .iter()
            .map(|k| k.as_ref()),
    )?;
    let number_owners =
        store.volunteers_by_numbers(judged.iter().map(|(_, j)| j.number_text.as_str()))?;
    let mut register = Register::new(id_holders, number_owners, prefix, next_number);
    let mut seen = Seen::with_capacity(judged.len());
    // First what the earlier rows and the register say of each row, borrowing its numbers;
    // then each row's verdict.
    let said: Vec<_> = judged
        .iter()
        .map(|(number, j)| {
            let row = Row {
                headers: &file.headers,
                column_of,
                cells: &[],
                number: *number,
                problems: Vec::new(),
            };
            register.duplicates(&mut seen, row, j.id_number(), &j.number_text)
        })
        .collect();
    drop(seen);
    let mut out = Checked::default();
    out.rows.reserve(judged.len());
    for ((number, judged), (holder, mut more)) in judged.into_iter().zip(said) {
        let mut problems = judged.problems;
        problems.append(&mut more);
        let verdict = register.verdict(problems, holder, judged.number_text, judged.made);
        out.rows.push((number, verdict));
    }
    Ok(out)
}

/// The rows from which threads are worth starting.
const PARALLEL_FROM: usize = 2_000;

/// `f` over every item, the items split among the cores; the results in the items' order.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || items.len() < PARALLEL_FROM {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            out.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        out
    })
}

/// Whether a row has nothing in it (such rows are left out).
pub(super) fn blank(cells: &[Cell]) -> bool {
    cells.iter().all(|c| c.text.is_empty())
}

/// What a row's own cells say.
pub(super) struct Judged {
    /// The problems found in the row itself.
    problems: Vec<RowProblem>,
    /// The identity number as it will be stored, when the row makes no record (a record
    /// holds its own): see [`Judged::id_number`].
    id_number: String,
    /// The volunteer number the row asks for, in capitals.
    number_text: String,
    /// With no problem so far: the record the row makes (its number still to be given), or
    /// the values outside the lists.
    made: std::result::Result<Box<Volunteer>, Vec<RowProblem>>,
}

impl Judged {
    /// The identity number as it will be stored (for duplicates).
    pub(super) fn id_number(&self) -> &str {
        match &self.made {
            Ok(v) => &v.id_number,
            Err(_) => &self.id_number,
        }
    }
}

/// A row by the form's rules and the lists alone.
pub(super) fn judge(
    mut row: Row<'_>,
    communities: &HashMap<String, String>,
    today: NaiveDate,
) -> Judged {
    for f in FIELDS.iter().map(|f| f.0) {
        if let Some(c) = row.cell(f).filter(|c| c.kind == CellKind::Error) {
            row.problem(f, format!("单元格是 Excel 错误值 {}", c.text));
        }
    }
    let typed = typed_fields(&mut row, today);
    let chosen = chosen_fields(&mut row, communities);
    let number_text = row.text(ImportField::Number).to_uppercase();
    if !row.problems.is_empty() {
        return Judged {
            problems: row.problems,
            id_number: typed.draft.id_number,
            number_text,
            made: Err(Vec::new()),
        };
    }
    let mut v = volunteer_of(&row, typed, chosen, today);
    // The same list rule as a package's (the values above were already mapped to the lists; a
    // value outside them is refused, never stored).
    let outside = volunteer::check_choices(
        &v.gender,
        &v.id_type,
        &v.political_status,
        &v.status,
        &v.kinds,
    );
    // A good row's identity number stays in its record only (one string less per row).
    let (id_number, made) = if outside.is_empty() {
        (String::new(), Ok(Box::new(v)))
    } else {
        let outside = outside
            .into_iter()
            .map(|(field, reason)| RowProblem {
                row: row.number,
                column: format!("“{field}”"),
                reason,
            })
            .collect();
        (std::mem::take(&mut v.id_number), Err(outside))
    };
    Judged {
        problems: row.problems,
        id_number,
        number_text,
        made,
    }
}

/// The identity number, its type, gender, dates, mobile, national registration and consent,
/// judged by the volunteer form's own rules.
fn typed_fields(row: &mut Row<'_>, today: NaiveDate) -> Typed {
    let id_cell = row.cell(ImportField::IdNumber);
    let mut id_text: String = row
        .text(ImportField::IdNumber)
        .chars()
        .filter(|c| *c != ' ' && *c != '\u{3000}')
        .flat_map(char::to_uppercase)
        .collect();
    if id_cell.is_some_and(|c| c.kind == CellKind::LongNumber) {
        row.problem(
            ImportField::IdNumber,
            "证件号码被 Excel 存成了数字，末几位已经丢失；请把该列设为“文本”后重新填写".into(),
        );
        id_text.clear();
    } else if id_text.contains('*') {
        row.problem(
            ImportField::IdNumber,
            "证件号码已被隐去部分数字（导出名册时未选择完整证件号码），无法导入".into(),
        );
        id_text.clear();
    }
    let id_type = match row.text(ImportField::IdType) {
        "" | "身份证" => ID_TYPES[0].to_string(),
        t if ID_TYPES.contains(&t) => t.to_string(),
        t => {
            row.problem(
                ImportField::IdType,
                format!("证件类型“{t}”不在可选范围（{}）内", ID_TYPES.join("、")),
            );
            ID_TYPES[0].to_string()
        }
    };
    let gender = match row.text(ImportField::Gender) {
        "男" | "男性" => "男",
        "女" | "女性" => "女",
        "" => "",
        t => {
            row.problem(
                ImportField::Gender,
                format!("性别应为“男”或“女”，不能是“{t}”"),
            );
            ""
        }
    };
    let birth_text = row.text(ImportField::BirthDate).to_string();
    if row
        .cell(ImportField::BirthDate)
        .is_some_and(|c| c.kind == CellKind::Number)
    {
        row.problem(
            ImportField::BirthDate,
            format!("出生日期“{birth_text}”是数字，不是日期"),
        );
    }
    let registered_text = match row.text(ImportField::RegisteredOn) {
        "" => dates::iso(today),
        t => t.to_string(),
    };
    let national_number = row.text(ImportField::NationalNumber).to_string();
    let national_registered = match row.text(ImportField::NationalRegistered) {
        "" => !national_number.is_empty(),
        t => match yes(t) {
            Some(b) => b || !national_number.is_empty(),
            None => {
                row.problem(
                    ImportField::NationalRegistered,
                    format!("应填“是”或“否”，不能是“{t}”"),
                );
                false
            }
        },
    };
    let consent_text = row.text(ImportField::Consent);
    let consent = yes(consent_text).unwrap_or_else(|| {
        row.problem(
            ImportField::Consent,
            format!("应填“是”或“否”，不能是“{consent_text}”"),
        );
        false
    });
    let mut mobile = row.text(ImportField::Mobile).replace([' ', '-'], "");
    if mobile.contains('*') {
        row.problem(
            ImportField::Mobile,
            "手机号码已被隐去部分数字（导出名册时未选择完整号码），无法导入".into(),
        );
        mobile.clear();
    }
    let draft = Draft {
        name: row.text(ImportField::Name).to_string(),
        gender: gender.to_string(),
        id_type,
        id_number: id_text,
        birth_date: birth_text.clone(),
        mobile,
        registered_on: registered_text.clone(),
        national_registered,
        national_number,
        consent,
        consent_date: registered_text,
    };
    let mut issues = volunteer::check(&draft, today);
    // A number already reported as unusable is not reported again as missing.
    if draft.id_number.is_empty() && id_cell.is_some_and(|c| !c.text.is_empty()) {
        issues.retain(|i| i.field != Field::IdNumber);
    }
    for issue in issues.iter().filter(|i| i.severity == Severity::Error) {
        let f = match issue.field {
            Field::Name => ImportField::Name,
            Field::Gender => ImportField::Gender,
            Field::IdNumber => ImportField::IdNumber,
            Field::BirthDate => ImportField::BirthDate,
            Field::Mobile => ImportField::Mobile,
            Field::RegisteredOn | Field::ConsentDate => ImportField::RegisteredOn,
            Field::NationalNumber => ImportField::NationalNumber,
        };
        row.problem(f, issue.message.clone());
    }
    Typed {
        draft,
        gender,
        birth_text,
    }
}

/// 政治面貌, the 村居, the kinds and the status, each from its list.
fn chosen_fields(row: &mut Row<'_>, communities: &HashMap<String, String>) -> Chosen {
    let political_text = row.text(ImportField::Political);
    let political_status = political(political_text).unwrap_or_else(|| {
        row.problem(
            ImportField::Political,
            format!(
                "政治面貌“{political_text}”不在可选范围（{}）内",
                POLITICAL_STATUSES.join("、")
            ),
        );
        "群众"
    });
    let community_id = match row.text(ImportField::Community) {
        "" => None,
        name => match communities.get(name) {
            Some(id) => Some(id.clone()),
            None => {
                row.problem(
                    ImportField::Community,
                    format!("村居“{name}”不在单位名录中，请先在“单位”中添加"),
                );
                None
            }
        },
    };
    let mut kinds = Vec::new();
    for k in row
        .text(ImportField::Kinds)
        .split(['、', '，', ',', ';', '；', '/', ' '])
        .map(str::trim)
        .filter(|k| !k.is_empty())
    {
        match KINDS.iter().find(|x| **x == k) {
            Some(x) if !kinds.contains(x) => kinds.push(*x),
            Some(_) => {}
            None => row.problem(
                ImportField::Kinds,
                format!("志愿者类别“{k}”不在可选范围（{}）内", KINDS.join("、")),
            ),
        }
    }
    let status = match row.text(ImportField::Status) {
        "" => "在册",
        t => match volunteer::STATUSES.iter().find(|s| **s == t) {
            Some(s) => s,
            None => {
                row.problem(
                    ImportField::Status,
                    format!(
                        "状态应为{}之一，不能是“{t}”",
                        volunteer::STATUSES.join("、")
                    ),
                );
                "在册"
            }
        },
    };
    Chosen {
        political_status,
        community_id,
        kinds,
        status,
    }
}

/// The record a good row makes (gender and birth date from the identity number when blank).
fn volunteer_of(row: &Row<'_>, typed: Typed, chosen: Chosen, today: NaiveDate) -> Volunteer {
    let info = volunteer::facts_from_id(&typed.draft, today);
    let parse = |t: &str| dates::parse(t).ok();
    let d = typed.draft;
    let registered = parse(&d.registered_on);
    Volunteer {
        meta: RecordMeta::default(),
        number: String::new(),
        name: d.name.trim().to_string(),
        gender: match (typed.gender, &info) {
            ("", Some(i)) => i.gender.label().to_string(),
            (g, _) => g.to_string(),
        },
        id_type: d.id_type,
        id_number: d.id_number,
        birth_date: parse(&typed.birth_text).or(info.as_ref().map(|i| i.birth_date)),
        mobile: d.mobile,
        political_status: chosen.political_status.to_string(),
        community_id: chosen.community_id,
        workplace: row.text(ImportField::Workplace).to_string(),
        skills: row.text(ImportField::Skills).to_string(),
        kinds: chosen.kinds.join("、"),
        registered_on: registered.unwrap_or(today),
        national_registered: d.national_registered,
        national_number: d.national_number,
        status: chosen.status.to_string(),
        consent: d.consent,
        consent_date: if d.consent { registered } else { None },
        remark: row.text(ImportField::Remark).to_string(),
    }
}
