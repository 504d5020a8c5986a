//! Reconcile: the platform's own export of service records against the ledger's held records,
//! by ID number and date (and the activity's name when the file has it); nothing changes
//! unless the clerk takes the platform's hours for a row.

use super::*;

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
