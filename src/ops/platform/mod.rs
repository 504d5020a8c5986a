//! The platforms without retyping: templates the clerk brings (their header row found and each
//! column matched to a ledger field, corrected by her), the batch file of a period's service
//! records written in a template's columns, and the activities marked 已录入平台.

use std::path::Path;

use chrono::NaiveDate;

use super::{Progress, Result, Written};
use crate::domain::period::Period;
use crate::domain::platform::{BUILTIN, Column, PlatformField, Template};
use crate::export::platform as batch;
use crate::export::roster::Numbers;
use crate::store::Store;
use crate::store::export_log;
use crate::store::platform::{SavedTemplate, ServiceLine};
use crate::store::report::Scope;

mod reconcile;
pub use reconcile::{
    DIFFERENCE_COLUMNS, Difference, Reconciled, Record, difference_rows, export_differences,
    reconcile,
};

/// What a column is set to on the command line: a field's name (or a header meaning it),
/// `留空`, or `固定:文字`.
pub fn parse_column(text: &str) -> Result<Column> {
    let t = text.trim();
    if t == "留空" {
        return Ok(Column::Blank);
    }
    if let Some(fixed) = t.strip_prefix("固定:").or_else(|| t.strip_prefix("固定：")) {
        return Ok(Column::Fixed(fixed.trim().to_string()));
    }
    match PlatformField::from_header(t) {
        Some(f) => Ok(Column::Field(f)),
        None => anyhow::bail!(
            "“{t}”不是可对应的字段：可写 {}，或“留空”，或“固定:文字”",
            crate::domain::platform::PLATFORM_FIELDS
                .iter()
                .map(|f| f.1)
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

/// Reads a platform's template file, finds its header row (the row among the first twenty
/// that names the most fields, at least two) and matches its columns; `set` corrects columns
/// by header. Saved under `name` with the file; returns it and the headers still unmatched.
pub fn add_template(
    db: &Path,
    name: &str,
    file: &Path,
    set: &[(String, Column)],
) -> Result<(Template, Vec<String>)> {
    let rows = crate::export::table::read(file)?;
    let Some(header_row) = header_row(&rows) else {
        anyhow::bail!(
            "“{}”的前 20 行中没有找到表头行（至少要有两列能认出，如 姓名、证件号码、服务时长）",
            file.display()
        );
    };
    let mut headers: Vec<String> = rows[header_row].iter().map(|c| c.text.clone()).collect();
    while headers.last().is_some_and(|h| h.trim().is_empty()) {
        headers.pop();
    }
    let mut template = Template::from_headers(name.trim(), &headers);
    for (header, column) in set {
        let Some(i) = headers.iter().position(|h| h.trim() == header.trim()) else {
            anyhow::bail!(
                "模板中没有表头为“{header}”的列（有：{}）",
                headers.join("、")
            );
        };
        template.columns[i] = column.clone();
    }
    let bytes = std::fs::read(file)?;
    if bytes.len() > batch::TEMPLATE_LIMIT {
        anyhow::bail!("模板文件超过 20 MB，不像是平台的导入模板");
    }
    let unmatched = template
        .unmatched()
        .into_iter()
        .filter(|h| !set.iter().any(|(s, _)| s.trim() == h.trim()))
        .map(str::to_string)
        .collect();
    let mut store = Store::open(db)?;
    store.save_platform_template(&SavedTemplate {
        template: template.clone(),
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        file: bytes,
        header_row,
    })?;
    Ok((template, unmatched))
}

/// The template saved under `name`, or the built-in one for [`BUILTIN`].
pub fn template(store: &Store, name: &str) -> Result<Option<SavedTemplate>> {
    if name.trim() == BUILTIN {
        return Ok(None);
    }
    match store.platform_template(name)? {
        Some(t) => Ok(Some(t)),
        None => {
            let names: Vec<String> = store
                .platform_templates()?
                .into_iter()
                .map(|t| t.0)
                .collect();
            anyhow::bail!(
                "没有名为“{name}”的平台模板（已保存：{}）",
                if names.is_empty() {
                    "无".to_string()
                } else {
                    names.join("、")
                }
            )
        }
    }
}

/// What an export for batch entry covers.
#[derive(Debug, Clone, PartialEq)]
pub enum Covering {
    /// The held activities of a period in a scope.
    Period(Period, Scope),
    /// These activities.
    Activities(Vec<String>),
    /// The activities the activity list shows (at most 500).
    Listed(crate::store::lists::ListQuery),
    /// The register as filtered (志愿者批量导入: one row per volunteer).
    Volunteers(crate::store::register::RegisterQuery),
}

/// The most rows an Excel sheet holds below a header.
pub const SHEET_ROWS: usize = 1_048_000;

/// What a batch file holds and how: the template, what it covers, whole numbers or not, the
/// activities marked 已录入平台 as of a day by someone, and at most how many rows per file.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// The template's name ([`BUILTIN`] for the built-in one).
    pub template: String,
    /// What the rows are.
    pub covering: Covering,
    /// Whole ID numbers and mobiles (then logged) or masked.
    pub numbers: Numbers,
    /// Who entered them, and when: the activities are marked 已录入平台.
    pub mark_entered: Option<(String, NaiveDate)>,
    /// At most this many rows in one file (0: as many as a sheet holds); more are written to
    /// several files, an activity's rows kept in one where they fit.
    pub per_file: usize,
}

impl Batch {
    /// `covering` in `template`, numbers masked, nothing marked, files as large as a sheet.
    pub fn new(template: &str, covering: Covering) -> Self {
        Batch {
            template: template.to_string(),
            covering,
            numbers: Numbers::Masked,
            mark_entered: None,
            per_file: 0,
        }
    }
}

/// The lines cut into files of at most `per_file` rows: an activity's lines stay together
/// unless they alone are more than a file holds.
fn files_of(lines: &[ServiceLine], per_file: usize) -> Vec<std::ops::Range<usize>> {
    let mut files = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < lines.len() {
        let mut end = at + 1;
        while end < lines.len() && lines[end].activity_id == lines[at].activity_id {
            end += 1;
        }
        // The activity's lines [at, end) go into the current file if they fit.
        if end - start > per_file && at > start {
            files.push(start..at);
            start = at;
        }
        while end - start > per_file {
            files.push(start..start + per_file);
            start += per_file;
        }
        at = end;
    }
    if start < lines.len() || files.is_empty() {
        files.push(start..lines.len());
    }
    files
}

/// Where the `k`th of `n` files goes: `out` itself when there is one, else 名称-1.xlsx ….
fn file_path(out: &Path, k: usize, n: usize) -> std::path::PathBuf {
    if n == 1 {
        return out.to_path_buf();
    }
    let stem = out
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!("{stem}-{}.xlsx", k + 1))
}

/// Writes the service records `batch` covers into batch files at `out` (several, numbered,
/// when they are more than a file holds); whole ID numbers and mobiles only with
/// `numbers` Full (then logged). A failure or a cancel leaves none of the files.
pub fn export(db: &Path, batch: &Batch, out: &Path, progress: Progress<'_>) -> Result<Written> {
    Ok(export_listing(db, batch, out, progress)?.0)
}

/// As [`export`], with the keys of the activities written (to mark them entered after).
pub fn export_listing(
    db: &Path,
    batch: &Batch,
    out: &Path,
    progress: Progress<'_>,
) -> Result<(Written, Vec<String>)> {
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        anyhow::bail!(
            "平台导入文件须为 Excel 工作簿：“{}”应以 .xlsx 结尾",
            out.display()
        );
    }
    let per_file = match batch.per_file {
        0 => SHEET_ROWS,
        n => n.min(SHEET_ROWS),
    };
    let store = Store::open_read_only(db)?;
    let saved = template(&store, &batch.template)?;
    let template = saved
        .as_ref()
        .map_or_else(Template::builtin, |s| s.template.clone());
    let for_volunteers = matches!(batch.covering, Covering::Volunteers(_));
    let lines = match &batch.covering {
        Covering::Period(period, scope) => store.service_lines(period, scope)?,
        Covering::Activities(ids) => store.service_lines_of(ids)?,
        Covering::Listed(query) => {
            store.service_lines_of(&super::documents::listed_activities(&store, query)?)?
        }
        Covering::Volunteers(query) => {
            let n = store.register_count(query)? as usize;
            let ids: Vec<String> = store
                .register_page(query, 0, n)?
                .into_iter()
                .map(|r| r.id)
                .collect();
            store.volunteer_lines(&ids)?
        }
    };
    if !progress(0.3) {
        anyhow::bail!(super::lists::CANCELLED);
    }
    let file = saved
        .as_ref()
        .filter(|s| s.file_name.to_lowercase().ends_with(".xlsx"))
        .map(|s| (s.file.as_slice(), s.header_row));
    let dates = file.map(|(bytes, header)| batch::dates_of(bytes, header, template.headers.len()));
    let cells = batch::Cells::new(&template, dates.as_deref(), batch.numbers);
    let files = files_of(&lines, per_file);
    let mut written: Vec<std::path::PathBuf> = Vec::new();
    let mut write_all = |written: &mut Vec<std::path::PathBuf>| -> Result<()> {
        for (k, range) in files.iter().enumerate() {
            let bytes = batch::workbook(&template, file, &lines[range.clone()], &cells)?;
            let path = file_path(out, k, files.len());
            crate::export::save(&path, &bytes)?;
            written.push(path);
            if !progress(0.3 + 0.6 * (k + 1) as f32 / files.len() as f32) {
                anyhow::bail!(super::lists::CANCELLED);
            }
        }
        Ok(())
    };
    if let Err(e) = write_all(&mut written) {
        for path in &written {
            let _ = std::fs::remove_file(path);
        }
        return Err(e);
    }
    let mut people: Vec<&str> = lines.iter().map(|l| l.number.as_str()).collect();
    people.sort_unstable();
    people.dedup();
    if batch.numbers == Numbers::Full && template.has_numbers() {
        let what = format!("平台导入文件“{}”（完整证件号码和手机号码）", template.name);
        export_log::record(db, &what, out, people.len() as i64)?;
    }
    let mut ids: Vec<String> = lines
        .iter()
        .map(|l| l.activity_id.clone())
        .filter(|id| !id.is_empty())
        .collect();
    ids.dedup();
    drop(store);
    let mut marked = String::new();
    if let Some((by, on)) = &batch.mark_entered {
        let n = Store::open(db)?.mark_entered(&ids, &template.name, *on, by)?;
        marked = format!("；{n} 场活动已标记为已录入平台");
    }
    let place = if written.len() > 1 {
        format!(
            "分为 {} 个文件（每个至多 {per_file} 行）：“{}”至“{}”",
            written.len(),
            written[0].display(),
            written[written.len() - 1].display()
        )
    } else {
        format!("到“{}”", out.display())
    };
    let message = if for_volunteers {
        format!(
            "已按模板“{}”导出 {} 名志愿者{place}。",
            template.name,
            lines.len()
        )
    } else {
        format!(
            "已按模板“{}”导出 {} 场活动的 {} 条服务记录（{} 名志愿者）{place}{marked}。",
            template.name,
            ids.len(),
            lines.len(),
            people.len(),
        )
    };
    let written = Written {
        path: written
            .first()
            .cloned()
            .unwrap_or_else(|| out.to_path_buf()),
        count: lines.len(),
        message,
    };
    Ok((written, ids))
}

/// The header row of a platform's sheet: the row among the first twenty that names the most
/// fields, at least two.
fn header_row(rows: &[Vec<crate::export::table::Cell>]) -> Option<usize> {
    rows.iter()
        .take(20)
        .enumerate()
        .map(|(i, r)| {
            let n = r
                .iter()
                .filter(|c| PlatformField::from_header(&c.text).is_some())
                .count();
            (i, n)
        })
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(i, n)| (*n, usize::MAX - i))
        .map(|(i, _)| i)
}
