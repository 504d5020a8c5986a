//! The 台账 of a period, as inspections read it: a cover (单位, 期间, 范围, 编制日期), the
//! contents, the list of held activities (日期, 活动名称, 类别, 地点, 参与人数, 服务时长, 留存资料
//! 份数), every held activity's 活动记录表, then the trainings with their attendees, the honors,
//! the 信息报送 and the 邻里守望需求登记 with what served each need. One PDF, on a worker
//! with progress and cancel; as a folder of Word files for those who edit
//! (`ledger_docx`). Planned and cancelled activities never appear.

use chrono::NaiveDate;

use super::activity_record::{self, RecordSheet};
use super::flow::{Flow, Grid};
use super::pdf::{self, A4, MM, Metrics, line_height};
use crate::domain::dates;
use crate::domain::hours::Tenths;
use crate::domain::period::Period;
use crate::ops::lists::{HONORS, INFO_REPORTS, NEEDS};
use crate::store::ledger::LedgerRow;
use crate::store::lists::ListQuery;
use crate::store::report::Scope;
use crate::store::{Result, Store, StoreError};

/// Photos a whole 台账 carries at most (their files' bytes); beyond, they are named instead.
pub const PHOTO_BUDGET: u64 = 256 * 1024 * 1024;

/// A training with the people who attended it.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingEntry {
    /// 日期
    pub date: NaiveDate,
    /// 主题
    pub topic: String,
    /// 组织单位
    pub organizer: String,
    /// 授课人
    pub trainer: String,
    /// 学时
    pub hours: Tenths,
    /// 姓名（编号）, by number.
    pub attendees: Vec<String>,
}

/// A table of one of the smaller registers: headers, shares of the width, rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Its heading.
    pub title: &'static str,
    /// Header texts.
    pub headers: Vec<&'static str>,
    /// Each column's share of the width.
    pub widths: Vec<f32>,
    /// The rows' cells.
    pub rows: Vec<Vec<String>>,
}

/// Everything the 台账 shows but the record sheets (read one at a time while laying out).
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// The unit keeping the ledger.
    pub unit: String,
    /// The period.
    pub period: Period,
    /// 本单位, a 村居 or a team.
    pub scope: String,
    /// 编制日期
    pub compiled: NaiveDate,
    /// The held activities, by date.
    pub activities: Vec<LedgerRow>,
    /// The period's trainings.
    pub trainings: Vec<TrainingEntry>,
    /// 表彰, 信息报送 and 邻里守望需求登记.
    pub sections: Vec<Section>,
}

/// The title on the cover.
pub fn title(unit: &str) -> String {
    format!("{unit}志愿服务台账")
}

/// Every row of a register in the period, oldest first, as the list's cells.
fn all_rows<T>(
    store: &Store,
    list: &crate::ops::lists::ListTable<T>,
    period: &Period,
) -> Result<Vec<(T, Vec<String>)>> {
    let query = ListQuery {
        from: Some(period.from),
        to: Some(period.to),
        sort_column: 0,
        descending: false,
        ..Default::default()
    };
    let n = (list.count)(store, &query)? as usize;
    let rows = (list.page)(store, &query, 0, n)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let cells = (list.cells)(&r);
            (r, cells)
        })
        .collect())
}

/// The shares of the width of a list's columns, from their widths.
fn shares(columns: &[(&'static str, f32)]) -> (Vec<&'static str>, Vec<f32>) {
    let total: f32 = columns.iter().map(|c| c.1).sum();
    (
        columns.iter().map(|c| c.0).collect(),
        columns.iter().map(|c| c.1 / total.max(1.0)).collect(),
    )
}

/// A register of the period as a section, in its list's columns.
fn list_section<T>(
    store: &Store,
    title: &'static str,
    list: &crate::ops::lists::ListTable<T>,
    period: &Period,
) -> Result<Section> {
    let (headers, widths) = shares(list.columns);
    Ok(Section {
        title,
        headers,
        widths,
        rows: all_rows(store, list, period)?
            .into_iter()
            .map(|r| r.1)
            .collect(),
    })
}

/// Reads the 台账 of `period` in `scope` (the trainings, honors, reports and needs are the
/// unit's whole registers for the period, whatever the scope).
pub fn collect(store: &Store, period: &Period, scope: &Scope, today: NaiveDate) -> Result<Ledger> {
    let activities = store.ledger_activities(period, scope)?;
    let query = ListQuery {
        from: Some(period.from),
        to: Some(period.to),
        sort_column: 0,
        descending: false,
        ..Default::default()
    };
    let n = store.training_count(&query)? as usize;
    let mut trainings = Vec::new();
    for t in store.training_page(&query, 0, n)? {
        let attendees = store
            .training_attendees(&t.id)?
            .into_iter()
            .map(|h| format!("{}（{}）", h.name, h.number))
            .collect();
        trainings.push(TrainingEntry {
            date: t.date,
            topic: t.topic,
            organizer: t.organizer,
            trainer: t.trainer,
            hours: t.hours,
            attendees,
        });
    }
    let mut sections = vec![
        list_section(store, "表彰", &HONORS, period)?,
        list_section(store, "信息报送", &INFO_REPORTS, period)?,
    ];
    let mut needs = Section {
        title: "邻里守望需求登记",
        headers: vec![
            "登记日期",
            "对象",
            "所在村居",
            "需求类别",
            "状态",
            "服务的活动",
        ],
        widths: vec![0.13, 0.12, 0.15, 0.13, 0.09, 0.38],
        rows: Vec::new(),
    };
    for (need, cells) in all_rows(store, &NEEDS, period)? {
        let served = store.need_served_by(&need.id)?;
        let mut names: Vec<String> = served
            .iter()
            .take(10)
            .map(|s| format!("{} {}", dates::iso(s.date), s.title))
            .collect();
        if served.len() > 10 {
            names.push(format!("等 {} 场", served.len()));
        }
        let mut row: Vec<String> = cells.into_iter().take(5).collect();
        row.resize(5, String::new());
        row.push(if names.is_empty() {
            "—".into()
        } else {
            names.join("；")
        });
        needs.rows.push(row);
    }
    sections.push(needs);
    Ok(Ledger {
        unit: store.unit_name()?.unwrap_or_default(),
        period: period.clone(),
        scope: scope.label().to_string(),
        compiled: today,
        activities,
        trainings,
        sections,
    })
}

/// Shares of the width of the list's columns.
pub const LIST_WIDTHS: [f32; 8] = [0.05, 0.13, 0.27, 0.13, 0.12, 0.08, 0.11, 0.11];

/// Headers of the list of held activities.
pub const LIST_HEADERS: [&str; 8] = [
    "序号",
    "日期",
    "活动名称",
    "类别",
    "地点",
    "参与人数",
    "服务时长（小时）",
    "留存资料份数",
];

impl Ledger {
    /// The list of held activities, with the total as its last row.
    pub fn list_rows(&self) -> Vec<Vec<String>> {
        let mut rows: Vec<Vec<String>> = self
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| {
                vec![
                    (i + 1).to_string(),
                    dates::iso(a.date),
                    a.title.clone(),
                    a.category.clone(),
                    a.location.clone(),
                    a.participants.to_string(),
                    a.hours.to_string(),
                    a.materials.to_string(),
                ]
            })
            .collect();
        rows.push(vec![
            String::new(),
            "合计".into(),
            format!("{} 场", self.activities.len()),
            String::new(),
            String::new(),
            self.activities
                .iter()
                .map(|a| a.participants)
                .sum::<i64>()
                .to_string(),
            Tenths(self.activities.iter().map(|a| a.hours.0).sum()).to_string(),
            self.activities
                .iter()
                .map(|a| a.materials)
                .sum::<i64>()
                .to_string(),
        ]);
        rows
    }

    /// The headings of the parts, numbered.
    pub fn parts(&self) -> Vec<String> {
        let mut parts = vec!["一、志愿服务活动一览".to_string(), "二、活动记录表".into()];
        parts.push("三、志愿者培训".into());
        for (i, s) in self.sections.iter().enumerate() {
            parts.push(format!(
                "{}、{}",
                ["四", "五", "六", "七"][i.min(3)],
                s.title
            ));
        }
        parts
    }
}

/// Reads one activity's record sheet for the 台账, its photos counted against `budget`
/// (those over it are named instead).
pub fn sheet(store: &Store, id: &str, budget: &mut u64) -> Result<RecordSheet> {
    let mut sheet = activity_record::collect(store, id)?;
    let mut kept = Vec::new();
    for p in std::mem::take(&mut sheet.photos) {
        let n = p.bytes.len() as u64;
        if n <= *budget {
            *budget -= n;
            kept.push(p);
        } else {
            sheet
                .unshown
                .push(format!("{}（台账中照片过多，请见留存资料）", p.name));
        }
    }
    sheet.photos = kept;
    Ok(sheet)
}

const BODY: f32 = 10.5;

/// Several activities' record sheets in one PDF, each from a new page, the pages numbered
/// throughout. `progress` gets the share done and returns false to stop.
pub fn sheets_pdf(
    store: &Store,
    ids: &[String],
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Vec<u8>> {
    let m = Metrics::new()?;
    let mut f = Flow::new(&m, A4, 20.0 * MM, line_height(BODY) + 6.0);
    let mut budget = PHOTO_BUDGET;
    let n = ids.len().max(1) as f32;
    for (i, id) in ids.iter().enumerate() {
        if !progress(0.9 * i as f32 / n) {
            return Err(StoreError::Cancelled);
        }
        f.new_page();
        let sheet = sheet(store, id, &mut budget)?;
        activity_record::lay_out(&mut f, &sheet);
    }
    pdf::render(&f.finish(BODY), A4)
}

/// The PDF's bytes. `progress` gets the share done and returns false to stop.
pub fn pdf(store: &Store, data: &Ledger, progress: &mut dyn FnMut(f32) -> bool) -> Result<Vec<u8>> {
    let m = Metrics::new()?;
    let foot = line_height(BODY) + 6.0;
    let mut body = Flow::new(&m, A4, 20.0 * MM, foot);
    let parts = data.parts();
    let mut starts = Vec::new();

    // 一、the list.
    starts.push(body.page_number());
    body.line(14.0, true, &parts[0]);
    body.gap(4.0);
    body.line(
        BODY,
        false,
        &format!("{}，{}，已完成的活动。", data.period.label, data.scope),
    );
    body.gap(4.0);
    let grid = Grid {
        headers: &LIST_HEADERS,
        widths: &LIST_WIDTHS,
        centred: &[true, true, false, true, false, true, true, true],
        size: 9.0,
    };
    body.table(&grid, data.list_rows());

    // 二、every activity's record sheet, each from a new page.
    body.new_page();
    starts.push(body.page_number());
    body.line(14.0, true, &parts[1]);
    body.gap(6.0);
    let mut budget = PHOTO_BUDGET;
    let n = data.activities.len().max(1) as f32;
    for (i, a) in data.activities.iter().enumerate() {
        if !progress(0.9 * i as f32 / n) {
            return Err(StoreError::Cancelled);
        }
        if i > 0 {
            body.new_page();
        }
        let sheet = sheet(store, &a.id, &mut budget)?;
        activity_record::lay_out(&mut body, &sheet);
    }
    if data.activities.is_empty() {
        body.line(BODY, false, "本期间没有已完成的活动。");
    }

    // 三、trainings with their attendees.
    body.new_page();
    starts.push(body.page_number());
    body.line(14.0, true, &parts[2]);
    body.gap(6.0);
    if data.trainings.is_empty() {
        body.line(BODY, false, "本期间没有培训记录。");
    }
    for t in &data.trainings {
        body.need(3.0 * line_height(BODY));
        let mut head = format!("{} {}", dates::iso(t.date), t.topic);
        let mut more = Vec::new();
        if !t.organizer.is_empty() {
            more.push(format!("组织单位：{}", t.organizer));
        }
        if !t.trainer.is_empty() {
            more.push(format!("授课人：{}", t.trainer));
        }
        more.push(format!("学时：{}", t.hours));
        more.push(format!("参加 {} 人", t.attendees.len()));
        head.push_str(&format!("（{}）", more.join("，")));
        body.paragraph(BODY, true, &head);
        body.names(BODY, "参加人员：", &t.attendees);
        body.gap(6.0);
    }

    // 四 to 六: honors, reports, needs.
    for (i, s) in data.sections.iter().enumerate() {
        body.gap(10.0);
        body.need(4.0 * line_height(BODY));
        starts.push(body.page_number());
        body.line(14.0, true, &parts[3 + i]);
        body.gap(4.0);
        if s.rows.is_empty() {
            body.line(BODY, false, "本期间没有记录。");
            continue;
        }
        let centred: Vec<bool> = (0..s.headers.len()).map(|c| c == 0).collect();
        let grid = Grid {
            headers: &s.headers,
            widths: &s.widths,
            centred: &centred,
            size: 9.0,
        };
        body.table(&grid, s.rows.iter().cloned());
    }
    if !progress(0.92) {
        return Err(StoreError::Cancelled);
    }

    // The cover and the contents go before; the body's pages move down by two.
    let mut front = Flow::new(&m, A4, 20.0 * MM, foot);
    front.gap(60.0 * MM);
    front.centred(26.0, true, &title(&data.unit));
    front.gap(30.0 * MM);
    let lines = [
        format!("单　　位：{}", data.unit),
        format!(
            "期　　间：{}（{} 至 {}）",
            data.period.label,
            dates::iso(data.period.from),
            dates::iso(data.period.to)
        ),
        format!("范　　围：{}", data.scope),
        format!("编制日期：{}", dates::chinese(data.compiled)),
    ];
    // One block, centred by its widest line, each line flush left in it.
    let widest = lines
        .iter()
        .map(|l| m.width(l, 14.0, false))
        .fold(0.0, f32::max)
        .min(front.width);
    let x = front.left + (front.width - widest) / 2.0;
    for line in &lines {
        pdf::text(&mut front.ops, (x, front.y), 14.0, false, line);
        front.gap(line_height(14.0) + 8.0);
    }
    front.new_page();
    front.centred(18.0, true, "目　　录");
    front.gap(10.0);
    for (part, start) in parts.iter().zip(&starts) {
        let page = format!("第 {} 页", start + 2);
        let dots = front.width - m.width(part, 12.0, false) - m.width(&page, 12.0, false);
        let mut line = part.clone();
        let dot = m.width("·", 12.0, false).max(1.0);
        line.push_str(&"·".repeat((dots / dot).max(0.0) as usize));
        front.line(12.0, false, &line);
        let y = front.y - line_height(12.0);
        let x = front.left + front.width - m.width(&page, 12.0, false);
        pdf::text(&mut front.ops, (x, y), 12.0, false, &page);
        front.gap(6.0);
    }
    let mut pages = front.into_pages();
    pages.extend(body.into_pages());
    pdf::number_pages(
        &mut pages,
        &m,
        (
            20.0 * MM,
            A4.0 - 40.0 * MM,
            A4.1 - 20.0 * MM - line_height(BODY),
        ),
        BODY,
    );
    let bytes = pdf::render(&pages, A4)?;
    progress(1.0);
    Ok(bytes)
}
