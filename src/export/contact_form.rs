//! 志愿服务工作负责人联络表: one unit's (portrait, to stamp and fax) or many units' (landscape)
//! contact persons as they were on a date, written as PDF, DOCX or XLSX from one data snapshot.

use std::path::Path;

use chrono::NaiveDate;

use crate::store::units::{Unit, UnitContact};
use crate::store::{Result, Store, StoreError};

/// The form's title.
pub const TITLE: &str = "志愿服务工作负责人联络表";

/// The fields of a unit's row, in the table's order, with their group (分管领导 …) and header.
pub const FIELDS: [(&str, &str); 12] = [
    ("分管领导", "姓名"),
    ("分管领导", "职务"),
    ("分管领导", "办公电话"),
    ("分管领导", "手机"),
    ("负责部门", "名称"),
    ("具体负责同志", "姓名"),
    ("具体负责同志", "职务"),
    ("具体负责同志", "办公电话"),
    ("具体负责同志", "手机"),
    ("具体负责同志", "传真"),
    ("具体负责同志", "电子邮箱"),
    ("", "备注"),
];

/// One unit's line of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLine {
    /// 单位名称
    pub unit: String,
    /// The twelve fields of [`FIELDS`], empty where nobody is recorded.
    pub values: [String; 12],
}

/// Everything a 联络表 shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFormData {
    /// 填报单位 (the user's own unit).
    pub issuer: String,
    /// The day the contacts are taken as of.
    pub as_of: NaiveDate,
    /// The units, in order.
    pub lines: Vec<ContactLine>,
    /// The note under the table (请于3月5日下班前传真至区文明办 …).
    pub note: String,
}

impl ContactFormData {
    /// One unit: a portrait form of label and value rows.
    pub fn is_single(&self) -> bool {
        self.lines.len() == 1
    }

    /// The label rows of a single unit's form: (序号, 项目, 内容).
    pub fn single_rows(&self) -> Vec<(String, String, String)> {
        let Some(line) = self.lines.first() else {
            return Vec::new();
        };
        let mut rows = vec![("1".to_string(), "单位名称".to_string(), line.unit.clone())];
        for (i, ((group, field), value)) in FIELDS.iter().zip(&line.values).enumerate() {
            let label = match *group {
                "" => (*field).to_string(),
                "负责部门" => "负责部门".to_string(),
                g => format!("{g}{field}"),
            };
            rows.push(((i + 2).to_string(), label, value.clone()));
        }
        rows
    }
}

/// The note the district asks for, with the district office's fax when it is in the directory.
pub fn default_note(store: &Store) -> String {
    let fax = store.district_office_fax().ok().flatten();
    match fax {
        Some(f) => format!("请于3月5日下班前将加盖公章的联络表传真至区文明办（传真：{f}）。"),
        None => "请于3月5日下班前将加盖公章的联络表传真至区文明办。".to_string(),
    }
}

fn line(unit: &Unit, c: Option<&UnitContact>) -> ContactLine {
    let v = |f: fn(&UnitContact) -> &String| c.map(f).cloned().unwrap_or_default();
    ContactLine {
        unit: unit.name.clone(),
        values: [
            v(|c| &c.leader_name),
            v(|c| &c.leader_title),
            v(|c| &c.leader_office_phone),
            v(|c| &c.leader_mobile),
            v(|c| &c.department),
            v(|c| &c.contact_name),
            v(|c| &c.contact_title),
            v(|c| &c.contact_office_phone),
            v(|c| &c.contact_mobile),
            v(|c| &c.contact_fax),
            v(|c| &c.contact_email),
            v(|c| &c.remark),
        ],
    }
}

/// The form for these units (keys, in order; every live unit when empty) as of `as_of`.
pub fn collect(store: &Store, unit_ids: &[String], as_of: NaiveDate) -> Result<ContactFormData> {
    let ids: Vec<String> = if unit_ids.is_empty() {
        store.live_unit_ids()?
    } else {
        unit_ids.to_vec()
    };
    let mut lines = Vec::with_capacity(ids.len());
    for id in &ids {
        let unit: Unit = store.get(id)?;
        let contact = store.contact_on(id, as_of)?;
        lines.push(line(&unit, contact.as_ref()));
    }
    if lines.is_empty() {
        return Err(StoreError::Refused("没有可填入联络表的单位".into()));
    }
    // One unit's form is stamped by that unit; a table of many by the user's own.
    let issuer = match lines.as_slice() {
        [one] => one.unit.clone(),
        _ => store.unit_name()?.unwrap_or_default(),
    };
    Ok(ContactFormData {
        issuer,
        as_of,
        lines,
        note: default_note(store),
    })
}

/// Units found by name (exact, or else the only one containing it), for the command line.
pub fn units_named(store: &Store, names: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for name in names {
        let found = store.units_matching(name)?;
        match found.as_slice() {
            [] => return Err(StoreError::Refused(format!("没有名为“{name}”的单位"))),
            [(id, _)] => out.push(id.clone()),
            [(id, n), ..] if n == name => out.push(id.clone()),
            many => {
                let names: Vec<&str> = many.iter().map(|m| m.1.as_str()).take(5).collect();
                return Err(StoreError::Refused(format!(
                    "“{name}”对应多个单位：{}，请写全称",
                    names.join("、")
                )));
            }
        }
    }
    Ok(out)
}

/// Writes the form; the format follows the extension (.pdf, .docx, .xlsx). The file is written
/// beside its name and renamed, so a failure never leaves half a file under the name.
pub fn write(data: &ContactFormData, out: &Path) -> Result<()> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = match ext.as_str() {
        "pdf" => super::contact_pdf::pdf(data)?,
        "docx" => super::contact_docx::docx(data)?,
        "xlsx" => super::contact_xlsx::xlsx(data)?,
        _ => {
            return Err(StoreError::Refused(format!(
                "不支持的文件类型“{}”：请用 .pdf、.docx 或 .xlsx",
                out.display()
            )));
        }
    };
    super::save(out, &bytes)
}

impl ContactFormData {
    /// 填报单位（盖章）：…… — the issuer, with room for the stamp.
    pub fn issuer_line(&self) -> String {
        format!("填报单位（盖章）：{}", self.issuer)
    }

    /// 填报日期：2026年  月  日 — month and day left for the hand that stamps it.
    pub fn date_line(&self) -> String {
        use chrono::Datelike;
        format!("填报日期：{}年    月    日", self.as_of.year())
    }
}
