//! Volunteers in from a spreadsheet: find the header row, map the columns by their usual
//! Chinese names (the clerk can correct the mapping), check every row with the form's rules,
//! then write the good rows in one transaction — or nothing.

use std::path::Path;

use super::table::{self, Cell, TableError};
use crate::store::meta::RecordMeta;
use crate::store::volunteers::Volunteer;
use crate::store::{Store, StoreError};

mod check;
mod early;
pub use check::check;

/// A register field a spreadsheet column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImportField {
    /// 志愿者编号
    Number,
    /// 姓名
    Name,
    /// 性别
    Gender,
    /// 证件类型
    IdType,
    /// 证件号码
    IdNumber,
    /// 出生日期
    BirthDate,
    /// 手机
    Mobile,
    /// 政治面貌
    Political,
    /// 所在村居
    Community,
    /// 工作单位或学校
    Workplace,
    /// 服务技能
    Skills,
    /// 志愿者类别
    Kinds,
    /// 注册日期
    RegisteredOn,
    /// 是否已在全国志愿服务信息系统注册
    NationalRegistered,
    /// 全国志愿服务信息系统编号
    NationalNumber,
    /// 状态
    Status,
    /// 个人信息使用同意
    Consent,
    /// 备注
    Remark,
}

/// Every field, its header as the roster export writes it, and the other headers that mean it.
pub const FIELDS: [(ImportField, &str, &[&str]); 18] = [
    (ImportField::Number, "志愿者编号", &["编号", "志愿者号"]),
    (ImportField::Name, "姓名", &["名字", "志愿者姓名"]),
    (ImportField::Gender, "性别", &[]),
    (ImportField::IdType, "证件类型", &[]),
    (
        ImportField::IdNumber,
        "证件号码",
        &["身份证号", "身份证号码", "身份证", "公民身份号码", "证件号"],
    ),
    (ImportField::BirthDate, "出生日期", &["出生年月", "生日"]),
    (
        ImportField::Mobile,
        "手机",
        &["手机号", "手机号码", "联系电话", "电话", "联系方式"],
    ),
    (ImportField::Political, "政治面貌", &[]),
    (
        ImportField::Community,
        "所在村居",
        &[
            "所在社区",
            "社区",
            "村居",
            "所属社区",
            "所在村居/社区",
            "村（社区）",
        ],
    ),
    (
        ImportField::Workplace,
        "工作单位或学校",
        &["工作单位", "单位", "学校", "工作单位/学校"],
    ),
    (
        ImportField::Skills,
        "服务技能",
        &["专业特长", "技能", "特长", "服务技能/专业特长"],
    ),
    (ImportField::Kinds, "志愿者类别", &["类别", "人员类别"]),
    (
        ImportField::RegisteredOn,
        "注册日期",
        &["登记日期", "加入日期"],
    ),
    (
        ImportField::NationalRegistered,
        "已在全国志愿服务信息系统注册",
        &["全国系统注册", "是否在全国系统注册", "已在全国系统注册"],
    ),
    (
        ImportField::NationalNumber,
        "全国志愿服务信息系统编号",
        &["全国系统编号", "系统编号", "志愿中国编号"],
    ),
    (ImportField::Status, "状态", &["在册状态"]),
    (
        ImportField::Consent,
        "个人信息使用同意",
        &["同意使用个人信息", "信息使用同意"],
    ),
    (ImportField::Remark, "备注", &[]),
];

impl ImportField {
    /// The field's Chinese name.
    pub fn label(self) -> &'static str {
        FIELDS.iter().find(|f| f.0 == self).map_or("", |f| f.1)
    }

    /// The field a header names, if any (spaces, colons, asterisks and brackets ignored).
    pub fn from_header(header: &str) -> Option<ImportField> {
        let h: String = header
            .chars()
            .filter(|c| !c.is_whitespace() && !"*＊:：".contains(*c))
            .collect();
        if h.is_empty() {
            return None;
        }
        let bare: String = h.split(['（', '(']).next().unwrap_or(&h).to_string();
        FIELDS
            .iter()
            .find(|(_, name, others)| {
                [*name]
                    .iter()
                    .chain(others.iter())
                    .any(|n| *n == h || *n == bare)
            })
            .map(|f| f.0)
    }
}

/// Why an import could not go ahead.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error(transparent)]
    Table(#[from] TableError),
    /// No header row.
    #[error(
        "没有找到表头行：前 20 行中没有一行同时包含“姓名”和其他列名（如 性别、证件号码、手机）"
    )]
    NoHeader,
    /// The mapping lacks 姓名.
    #[error("没有哪一列对应“姓名”，请在列对应关系中指定")]
    NoNameColumn,
    /// Bad rows and the clerk did not choose to take only the good ones.
    #[error("有 {0} 行数据有错误，未导入任何记录（可选择“只导入正确的行”）")]
    BadRows(usize),
    /// Cancelled: nothing was written.
    #[error("导入已取消，数据库没有任何改动")]
    Cancelled,
    /// The database refused the write: nothing was written.
    #[error("写入数据库失败，未导入任何记录：{0}")]
    Store(#[from] StoreError),
}

/// A read file: its rows, the header row found and the columns' mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    /// Every row of the sheet.
    pub rows: Vec<Vec<Cell>>,
    /// The header row (0-based).
    pub header_row: usize,
    /// The header texts.
    pub headers: Vec<String>,
    /// Which field each column holds (`None`: ignored).
    pub mapping: Vec<Option<ImportField>>,
}

/// Reads a spreadsheet and maps its columns.
pub fn read(path: &Path) -> Result<ImportFile, ImportError> {
    let rows = table::read(path)?;
    from_rows(rows)
}

/// Reads a spreadsheet, maps its columns and checks every row against the register, as
/// [`read`] then [`check`] do; the rows of an .xlsx are checked while the rest of it is still
/// being unpacked and parsed.
pub fn read_and_check(
    store: &Store,
    path: &Path,
    today: chrono::NaiveDate,
) -> Result<(ImportFile, Checked), ImportError> {
    let mut early = early::Early::new(store, today)?;
    let rows = table::read_watched(path, &mut |rows, complete| early.watch(rows, complete))?;
    let file = from_rows(rows)?;
    let checked = check::check_after(store, &file, today, early)?;
    Ok((file, checked))
}

/// The rows among which the header row is looked for.
const HEADER_WITHIN: usize = 20;

/// Finds the header row among the first rows and maps its columns.
pub fn from_rows(rows: Vec<Vec<Cell>>) -> Result<ImportFile, ImportError> {
    let header_row = header_row(&rows).ok_or(ImportError::NoHeader)?;
    let headers: Vec<String> = rows[header_row].iter().map(|c| c.text.clone()).collect();
    let mapping = auto_map(&headers);
    Ok(ImportFile {
        rows,
        header_row,
        headers,
        mapping,
    })
}

/// The header row: among the first rows, the one naming 姓名 and the most other fields.
fn header_row(rows: &[Vec<Cell>]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(HEADER_WITHIN).enumerate() {
        let fields: Vec<ImportField> = row
            .iter()
            .filter_map(|c| ImportField::from_header(&c.text))
            .collect();
        let score = fields.len();
        if fields.contains(&ImportField::Name) && score >= 2 && best.is_none_or(|(_, s)| score > s)
        {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// Maps each header to a field, each field at most once (the first column wins).
pub fn auto_map(headers: &[String]) -> Vec<Option<ImportField>> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|h| {
            let f = ImportField::from_header(h).filter(|f| !used.contains(f))?;
            used.push(f);
            Some(f)
        })
        .collect()
}

/// One problem of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number as the spreadsheet shows it (1-based).
    pub row: usize,
    /// The column: its letter and header, or the field when the file has no such column.
    pub column: String,
    /// Why, in Chinese.
    pub reason: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第 {} 行，{}：{}", self.row, self.column, self.reason)
    }
}

/// What a data row turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A new volunteer.
    New(Box<Volunteer>),
    /// Someone already in the register (same identity number): the register's key, and the
    /// record as the file would make it.
    Duplicate(String, Box<Volunteer>),
    /// Problems; nothing of this row is written.
    Bad(Vec<RowProblem>),
}

/// Every data row checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// (spreadsheet row number, verdict), blank rows left out.
    pub rows: Vec<(usize, Verdict)>,
}

impl Checked {
    /// How many new, duplicate and bad rows.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for (_, v) in &self.rows {
            match v {
                Verdict::New(_) => n.0 += 1,
                Verdict::Duplicate(..) => n.1 += 1,
                Verdict::Bad(_) => n.2 += 1,
            }
        }
        n
    }

    /// Every problem, in row order.
    pub fn problems(&self) -> impl Iterator<Item = &RowProblem> {
        self.rows.iter().flat_map(|(_, v)| match v {
            Verdict::Bad(p) => p.as_slice(),
            _ => &[],
        })
    }
}

/// What to do with someone already in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnDuplicate {
    /// Leave the register as it is.
    #[default]
    Skip,
    /// Overwrite the register's fields with the file's (the columns the file has).
    Update,
}

/// What was imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// New volunteers.
    pub added: usize,
    /// Volunteers updated from the file.
    pub updated: usize,
    /// Volunteers already registered and left as they were.
    pub skipped: usize,
    /// Rows with problems, not imported.
    pub bad: usize,
}

/// Writes the checked rows in one transaction. With bad rows and `take_good_rows` false,
/// nothing is written. `progress` gets the share done and returns false to cancel, which
/// also writes nothing.
pub fn apply(
    store: &mut Store,
    checked: &Checked,
    file_columns: &[Option<ImportField>],
    take_good_rows: bool,
    on_duplicate: OnDuplicate,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<ImportReport, ImportError> {
    let (_, _, bad) = checked.counts();
    if bad > 0 && !take_good_rows {
        return Err(ImportError::BadRows(bad));
    }
    let has = |f: ImportField| file_columns.contains(&Some(f));
    let total = checked.rows.len().max(1);
    let mut report = ImportReport {
        bad,
        ..Default::default()
    };
    let mut cancelled = false;
    let prefix = store.number_prefix()?;
    let result = store.bulk(|w| {
        for (i, (_, verdict)) in checked.rows.iter().enumerate() {
            if i % 500 == 0 && !progress(i as f32 / total as f32) {
                cancelled = true;
                return Err(StoreError::Refused("导入已取消".into()));
            }
            match verdict {
                Verdict::New(v) => {
                    // Checked again inside the transaction: another import (another window
                    // or command) may have registered the person or taken the number since.
                    let registered = w.volunteer_with_id_number(&v.id_number)?;
                    if let Some(id) = registered.filter(|_| !v.id_number.is_empty()) {
                        match on_duplicate {
                            OnDuplicate::Skip => report.skipped += 1,
                            OnDuplicate::Update => {
                                let mut held: Volunteer = w.get(&id)?;
                                merge_into(&mut held, v, &has);
                                w.update_volunteer(&mut held)?;
                                report.updated += 1;
                            }
                        }
                        continue;
                    }
                    let mut v = (**v).clone();
                    if w.number_taken(&v.number)? {
                        v.number = w.next_volunteer_number(&prefix)?;
                    }
                    v.meta = RecordMeta::new(w.origin());
                    w.put(&v)?;
                    report.added += 1;
                }
                Verdict::Duplicate(id, from_file) => match on_duplicate {
                    OnDuplicate::Skip => report.skipped += 1,
                    OnDuplicate::Update => {
                        let mut v: Volunteer = w.get(id)?;
                        merge_into(&mut v, from_file, &has);
                        w.update_volunteer(&mut v)?;
                        report.updated += 1;
                    }
                },
                Verdict::Bad(_) => {}
            }
        }
        Ok(())
    });
    match result {
        Ok(()) => {
            progress(1.0);
            Ok(report)
        }
        Err(_) if cancelled => Err(ImportError::Cancelled),
        Err(e) => Err(e.into()),
    }
}

/// Copies the fields the file has columns for onto a registered volunteer.
fn merge_into(v: &mut Volunteer, f: &Volunteer, has: &dyn Fn(ImportField) -> bool) {
    use ImportField as F;
    v.name = f.name.clone();
    if has(F::Gender) || v.gender.is_empty() {
        v.gender = f.gender.clone();
    }
    if has(F::IdType) {
        v.id_type = f.id_type.clone();
    }
    if has(F::BirthDate) || v.birth_date.is_none() {
        v.birth_date = f.birth_date;
    }
    if has(F::Mobile) {
        v.mobile = f.mobile.clone();
    }
    if has(F::Political) {
        v.political_status = f.political_status.clone();
    }
    if has(F::Community) {
        v.community_id = f.community_id.clone();
    }
    if has(F::Workplace) {
        v.workplace = f.workplace.clone();
    }
    if has(F::Skills) {
        v.skills = f.skills.clone();
    }
    if has(F::Kinds) {
        v.kinds = f.kinds.clone();
    }
    if has(F::RegisteredOn) {
        v.registered_on = f.registered_on;
    }
    if has(F::NationalNumber) || has(F::NationalRegistered) {
        v.national_registered = f.national_registered;
        v.national_number = f.national_number.clone();
    }
    if has(F::Status) {
        v.status = f.status.clone();
    }
    if has(F::Consent) {
        v.consent = f.consent;
        v.consent_date = f.consent_date;
    }
    if has(F::Remark) {
        v.remark = f.remark.clone();
    }
}

/// The header row a roster file needs, for the clerk's template.
pub fn template_headers() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.1).collect()
}
