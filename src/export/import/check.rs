//! Checking a spreadsheet's rows against the register, row by row and field by field: the form's
//! rules, the choice lists, duplicates in the file and numbers already registered. Nothing is
//! written here.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Checked, FIELDS, ImportError, ImportField, ImportFile, RowProblem, Verdict};
use crate::domain::dates;
use crate::domain::volunteer::{self, Draft, Field, ID_TYPES, KINDS, POLITICAL_STATUSES, Severity};
use crate::export::table::{Cell, CellKind, column_letter};
use crate::store::Store;
use crate::store::meta::RecordMeta;
use crate::store::volunteers::{Holder, Volunteer};

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

/// What the whole check knows beside the row: the register, and what earlier rows used.
struct Register<'a> {
    store: &'a Store,
    today: NaiveDate,
    communities: HashMap<String, String>,
    prefix: String,
    next_number: u64,
    seen_ids: HashMap<String, usize>,
    seen_numbers: HashMap<String, usize>,
}

/// One data row being checked, and its problems so far.
struct Row<'a> {
    file: &'a ImportFile,
    column_of: &'a HashMap<ImportField, usize>,
    cells: &'a [Cell],
    number: usize,
    problems: Vec<RowProblem>,
}

impl<'a> Row<'a> {
    fn cell(&self, f: ImportField) -> Option<&'a Cell> {
        self.column_of.get(&f).and_then(|i| self.cells.get(*i))
    }

    fn text(&self, f: ImportField) -> &'a str {
        self.cell(f).map_or("", |c| c.text.as_str())
    }

    /// A problem in the field's column (its letter and header), or named by the field when the
    /// file has no such column.
    fn problem(&mut self, f: ImportField, reason: String) {
        let column = match self.column_of.get(&f) {
            Some(i) => format!(
                "{}列（{}）",
                column_letter(*i),
                self.file.headers.get(*i).map_or(f.label(), String::as_str)
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
    let column_of: HashMap<ImportField, usize> = file
        .mapping
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some(((*f)?, i)))
        .collect();
    if !column_of.contains_key(&ImportField::Name) {
        return Err(ImportError::NoNameColumn);
    }
    let prefix = store.number_prefix()?;
    let next_number = store
        .next_volunteer_number(&prefix)?
        .get(prefix.len()..)
        .and_then(|n| n.parse::<u64>().ok())
        .unwrap_or(1);
    let mut register = Register {
        store,
        today,
        communities: store
            .community_choices()?
            .into_iter()
            .map(|c| (c.name, c.id))
            .collect(),
        prefix,
        next_number,
        seen_ids: HashMap::new(),
        seen_numbers: HashMap::new(),
    };
    let mut out = Checked::default();
    for (index, cells) in file.rows.iter().enumerate().skip(file.header_row + 1) {
        if cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        let row = Row {
            file,
            column_of: &column_of,
            cells,
            number: index + 1,
            problems: Vec::new(),
        };
        out.rows.push((index + 1, check_row(&mut register, row)?));
    }
    Ok(out)
}

fn check_row(reg: &mut Register<'_>, mut row: Row<'_>) -> Result<Verdict, ImportError> {
    for f in FIELDS.iter().map(|f| f.0) {
        if let Some(c) = row.cell(f).filter(|c| c.kind == CellKind::Error) {
            row.problem(f, format!("单元格是 Excel 错误值 {}", c.text));
        }
    }
    let typed = typed_fields(&mut row, reg.today);
    let chosen = chosen_fields(&mut row, reg);
    let (holder, number) = duplicates(&mut row, reg, &typed.draft.id_number)?;
    if !row.problems.is_empty() {
        return Ok(Verdict::Bad(row.problems));
    }
    let mut v = volunteer_of(&row, typed, chosen, number, reg.today);
    // The same list rule as a package's (the values above were already mapped to the lists; a
    // value outside them is refused, never stored).
    let outside = volunteer::check_choices(
        &v.gender,
        &v.id_type,
        &v.political_status,
        &v.status,
        &v.kinds,
    );
    if !outside.is_empty() {
        let problems = outside
            .into_iter()
            .map(|(field, reason)| RowProblem {
                row: row.number,
                column: format!("“{field}”"),
                reason,
            })
            .collect();
        return Ok(Verdict::Bad(problems));
    }
    Ok(match holder {
        Some(h) => {
            if v.number.is_empty() {
                v.number = h.number.clone();
            }
            Verdict::Duplicate(h.id, Box::new(v))
        }
        None => {
            if v.number.is_empty() {
                v.number = format!("{}{:07}", reg.prefix, reg.next_number);
                reg.next_number += 1;
            }
            Verdict::New(Box::new(v))
        }
    })
}

/// The identity number, its type, gender, dates, mobile, national registration and consent,
/// judged by the volunteer form's own rules.
fn typed_fields(row: &mut Row<'_>, today: NaiveDate) -> Typed {
    let id_cell = row.cell(ImportField::IdNumber);
    let mut id_text = row
        .text(ImportField::IdNumber)
        .replace([' ', '\u{3000}'], "")
        .to_uppercase();
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
fn chosen_fields(row: &mut Row<'_>, reg: &Register<'_>) -> Chosen {
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
        name => match reg.communities.get(name) {
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

/// The identity number and the volunteer number against earlier rows and the register: who
/// holds the identity number already, and the number the row asks for.
fn duplicates(
    row: &mut Row<'_>,
    reg: &mut Register<'_>,
    id_text: &str,
) -> Result<(Option<Holder>, String), ImportError> {
    if !id_text.is_empty() {
        if let Some(first) = reg.seen_ids.get(id_text) {
            row.problem(
                ImportField::IdNumber,
                format!("与第 {first} 行的证件号码重复"),
            );
        } else {
            reg.seen_ids.insert(id_text.to_string(), row.number);
        }
    }
    let holder = if id_text.is_empty() {
        None
    } else {
        reg.store.id_number_holder(id_text, "")?
    };
    let number_text = row.text(ImportField::Number).to_uppercase();
    if !number_text.is_empty() {
        if let Some(first) = reg.seen_numbers.get(&number_text) {
            row.problem(
                ImportField::Number,
                format!("与第 {first} 行的志愿者编号重复"),
            );
        } else {
            reg.seen_numbers.insert(number_text.clone(), row.number);
        }
        if let Some(owner) = reg.store.volunteer_by_number(&number_text)?
            && holder.as_ref().is_none_or(|h| h.id != owner.id)
        {
            row.problem(
                ImportField::Number,
                format!(
                    "志愿者编号 {number_text} 已属于{}，与本行不是同一人",
                    owner.name
                ),
            );
        }
    }
    Ok((holder, number_text))
}

/// The record a good row makes (gender and birth date from the identity number when blank).
fn volunteer_of(
    row: &Row<'_>,
    typed: Typed,
    chosen: Chosen,
    number: String,
    today: NaiveDate,
) -> Volunteer {
    let info = volunteer::facts_from_id(&typed.draft, today);
    let parse = |t: &str| dates::parse(t).ok();
    let d = typed.draft;
    let registered = parse(&d.registered_on);
    Volunteer {
        meta: RecordMeta::default(),
        number,
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
