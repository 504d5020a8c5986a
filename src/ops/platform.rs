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
    Ok(Written {
        path: written
            .first()
            .cloned()
            .unwrap_or_else(|| out.to_path_buf()),
        count: lines.len(),
        message,
    })
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

/// One service record as a reconcile compares it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Record {
    /// 姓名
    pub name: String,
    /// 证件号码, masked for showing.
    pub id_number: String,
    /// 活动日期
    pub date: NaiveDate,
    /// 活动名称 (empty when the platform's file has none)
    pub activity: String,
    /// 服务时长
    pub hours: String,
    /// The activity's key (empty for a record only on the platform).
    pub activity_id: String,
    /// The volunteer's key (empty for a record only on the platform).
    pub volunteer_id: String,
}

/// Hours that differ for the same person on the same activity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Difference {
    /// The record as the ledger has it.
    pub here: Record,
    /// The hours on the platform.
    pub there: String,
    /// The row of the platform's file (1-based, as Excel numbers them).
    pub row: usize,
}

/// What a reconcile found.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Reconciled {
    /// Hours that differ.
    pub differ: Vec<Difference>,
    /// Records only on the platform, with their row.
    pub only_there: Vec<(usize, Record)>,
    /// Records only in the ledger.
    pub only_here: Vec<Record>,
    /// Records that agree.
    pub agree: usize,
    /// Rows of the file outside the period, or unreadable (row and why).
    pub skipped: Vec<(usize, String)>,
}

impl Reconciled {
    /// Whether anything differs.
    pub fn any(&self) -> bool {
        !self.differ.is_empty() || !self.only_there.is_empty() || !self.only_here.is_empty()
    }
}

/// A date as platforms write it: 2026-03-05, 2026/3/5, 20260305, 2026年3月5日, 2026.03.05.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::parse_from_str(t, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = t
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

/// Hours as a platform writes them (2.5, 2.50, 2): in tenths, rounded.
fn parse_hours(text: &str) -> Option<i64> {
    let t = text.trim().trim_end_matches("小时");
    let v: f64 = t.parse().ok()?;
    (v.is_finite() && (0.0..=24.0).contains(&v)).then(|| (v * 10.0).round() as i64)
}

/// Compares the platform's own export of service records (`file`: .xlsx, .xls or .csv; its
/// header row found and its columns matched as for a template) with the ledger's held
/// records of `period`, by ID number and date (and the activity's name when the file has it).
/// Nothing in the ledger changes.
pub fn reconcile(db: &Path, file: &Path, period: &Period) -> Result<Reconciled> {
    use std::collections::HashMap;
    let rows = crate::export::table::read(file)?;
    let Some(h) = header_row(&rows) else {
        anyhow::bail!(
            "“{}”的前 20 行中没有找到表头行（应有 证件号码、日期、服务时长 等列）",
            file.display()
        );
    };
    let headers: Vec<String> = rows[h].iter().map(|c| c.text.clone()).collect();
    let template = Template::from_headers("", &headers);
    let col = |f: PlatformField| template.columns.iter().position(|c| *c == Column::Field(f));
    let (Some(id_col), Some(date_col), Some(hours_col)) = (
        col(PlatformField::IdNumber),
        col(PlatformField::Date),
        col(PlatformField::Hours),
    ) else {
        anyhow::bail!(
            "“{}”中缺少 证件号码、日期 或 服务时长 列，无法比对（表头为：{}）",
            file.display(),
            headers.join("、")
        );
    };
    let name_col = col(PlatformField::Name);
    let title_col = col(PlatformField::Activity);
    let key = |id: &str, date: NaiveDate, title: &str| {
        (
            id.trim().to_uppercase(),
            date,
            if title_col.is_some() {
                title.trim().to_string()
            } else {
                String::new()
            },
        )
    };
    let store = Store::open_read_only(db)?;
    let mut here: HashMap<(String, NaiveDate, String), Vec<(Record, i64)>> = HashMap::new();
    for l in store.service_lines(period, &Scope::All)? {
        let Some(date) = l.date else { continue };
        let record = Record {
            name: l.name.clone(),
            id_number: crate::domain::id_number::mask(&l.id_number),
            date,
            activity: l.title.clone(),
            hours: l.hours.to_string(),
            activity_id: l.activity_id.clone(),
            volunteer_id: l.volunteer_id.clone(),
        };
        here.entry(key(&l.id_number, date, &l.title))
            .or_default()
            .push((record, l.hours.0));
    }
    let mut out = Reconciled::default();
    let cell = |r: &[crate::export::table::Cell], c: Option<usize>| {
        c.and_then(|c| r.get(c))
            .map(|x| x.text.clone())
            .unwrap_or_default()
    };
    for (i, r) in rows.iter().enumerate().skip(h + 1) {
        let row = i + 1;
        let id = cell(r, Some(id_col));
        if id.trim().is_empty() && r.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let Some(date) = parse_date(&cell(r, Some(date_col))) else {
            out.skipped
                .push((row, format!("日期“{}”无法识别", cell(r, Some(date_col)))));
            continue;
        };
        if date < period.from || date > period.to {
            continue;
        }
        let Some(tenths) = parse_hours(&cell(r, Some(hours_col))) else {
            out.skipped.push((
                row,
                format!("服务时长“{}”无法识别", cell(r, Some(hours_col))),
            ));
            continue;
        };
        let there = crate::domain::hours::Tenths(tenths).to_string();
        let title = cell(r, title_col);
        match here.get_mut(&key(&id, date, &title)).and_then(|v| v.pop()) {
            Some((record, mine)) if mine == tenths => {
                let _ = record;
                out.agree += 1;
            }
            Some((record, _)) => out.differ.push(Difference {
                here: record,
                there,
                row,
            }),
            None => out.only_there.push((
                row,
                Record {
                    name: cell(r, name_col),
                    id_number: crate::domain::id_number::mask(&id),
                    date,
                    activity: title,
                    hours: there,
                    activity_id: String::new(),
                    volunteer_id: String::new(),
                },
            )),
        }
    }
    let mut left: Vec<Record> = here.into_values().flatten().map(|(r, _)| r).collect();
    left.sort_by(|a, b| (a.date, &a.activity, &a.name).cmp(&(b.date, &b.activity, &b.name)));
    out.only_here = left;
    Ok(out)
}

/// A reconcile's differences as rows for a workbook: what, who, when, the two hours.
pub fn difference_rows(found: &Reconciled) -> Vec<Vec<String>> {
    let row = |kind: &str, r: &Record, here: &str, there: &str, at: String| {
        vec![
            kind.to_string(),
            r.name.clone(),
            r.id_number.clone(),
            crate::domain::dates::iso(r.date),
            r.activity.clone(),
            here.to_string(),
            there.to_string(),
            at,
        ]
    };
    let mut rows = Vec::new();
    for d in &found.differ {
        rows.push(row(
            "时长不同",
            &d.here,
            &d.here.hours,
            &d.there,
            d.row.to_string(),
        ));
    }
    for (at, r) in &found.only_there {
        rows.push(row("只在平台上", r, "", &r.hours, at.to_string()));
    }
    for r in &found.only_here {
        rows.push(row("只在台账中", r, &r.hours, "", String::new()));
    }
    rows
}

/// The columns of [`difference_rows`].
pub const DIFFERENCE_COLUMNS: [(&str, f32); 8] = [
    ("差异", 80.0),
    ("姓名", 70.0),
    ("证件号码", 150.0),
    ("活动日期", 90.0),
    ("活动名称", 220.0),
    ("台账时长", 70.0),
    ("平台时长", 70.0),
    ("平台文件行号", 80.0),
];

/// Writes a reconcile's differences to `out` (.xlsx).
pub fn export_differences(found: &Reconciled, period: &Period, out: &Path) -> Result<Written> {
    let rows = difference_rows(found);
    let note = format!(
        "{}：一致 {} 条，时长不同 {} 条，只在平台上 {} 条，只在台账中 {} 条",
        period.label,
        found.agree,
        found.differ.len(),
        found.only_there.len(),
        found.only_here.len()
    );
    let bytes = crate::export::list_xlsx::xlsx(
        ("差异", "平台与台账比对结果", &note),
        &DIFFERENCE_COLUMNS,
        &rows,
        None,
    )
    .map_err(|e| anyhow::anyhow!("生成 Excel 文件失败：{e}"))?;
    crate::export::save(out, &bytes)?;
    Ok(Written {
        path: out.to_path_buf(),
        count: rows.len(),
        message: format!("已导出 {} 处差异到“{}”。", rows.len(), out.display()),
    })
}
