//! The registers as the window lists them and as they go to Excel: each list's columns and
//! cells written once, read by the same store queries, exported as shown (searched, filtered,
//! sorted).

use std::path::Path;

use super::{Progress, Result, Written};
use crate::domain::{dates, phone};
use crate::export::roster::Numbers;
use crate::store::activities::{ActivityFilter, ActivityRow};
use crate::store::honors::HonorRow;
use crate::store::info_reports::InfoReportRow;
use crate::store::lists::ListQuery;
use crate::store::needs::NeedRow;
use crate::store::teams::TeamRow;
use crate::store::trainings::TrainingRow;
use crate::store::units::UnitRow;
use crate::store::{self, Store};

/// One register's table: its name, its columns (header and width in points) and how a row
/// reads, counts and pages.
pub struct ListTable<T: 'static> {
    /// The Chinese name of the list (the sheet's name and the file's title).
    pub title: &'static str,
    /// Headers and widths.
    pub columns: &'static [(&'static str, f32)],
    /// The texts of one row.
    pub cells: fn(&T) -> Vec<String>,
    /// How many rows the query gives.
    pub count: fn(&Store, &ListQuery) -> store::Result<u64>,
    /// Rows `offset..offset + limit` of the query.
    pub page: fn(&Store, &ListQuery, usize, usize) -> store::Result<Vec<T>>,
    /// A second sheet about the rows exported (a team's members), if the list has one.
    pub more: Option<MoreOf<T>>,
    /// How the rows read with whole phone numbers, for a list that holds some.
    pub whole: Option<Whole<T>>,
}

/// A list's cells and further sheet with whole phone numbers: only for an export the clerk
/// acknowledged, which is written in the export log.
pub struct Whole<T: 'static> {
    /// The texts of one row.
    pub cells: fn(&T) -> Vec<String>,
    /// The further sheet.
    pub more: Option<MoreOf<T>>,
}

/// Reads a further sheet about the rows exported.
pub type MoreOf<T> = fn(&Store, &[T]) -> store::Result<Sheet>;

/// A further sheet of an export: its name, columns and rows.
pub struct Sheet {
    /// The sheet's name.
    pub name: &'static str,
    /// Headers and widths.
    pub columns: &'static [(&'static str, f32)],
    /// Every row's cells.
    pub rows: Vec<Vec<String>>,
}

/// 活动
pub const ACTIVITIES: ListTable<ActivityRow> = ListTable {
    title: "活动",
    columns: &[
        ("日期", 130.0),
        ("活动名称", 260.0),
        ("类别", 130.0),
        ("地点", 130.0),
        ("状态", 60.0),
        ("参与人数", 70.0),
        ("服务时长（小时）", 100.0),
    ],
    cells: |r| {
        vec![
            format!("{} {}", dates::iso(r.date), dates::weekday_name(r.date)),
            r.title.clone(),
            r.category.clone(),
            r.location.clone(),
            r.status.clone(),
            r.participants.to_string(),
            r.hours.to_string(),
        ]
    },
    count: |s, q| {
        if q.in_bin {
            s.activities_in_bin()
        } else {
            s.activity_count(&ActivityFilter::from(q))
        }
    },
    page: |s, q, offset, limit| {
        if q.in_bin {
            s.activity_bin_page(offset, limit)
        } else {
            s.activity_page(&ActivityFilter::from(q), offset, limit)
        }
    },
    more: None,
    whole: None,
};

/// 培训
pub const TRAININGS: ListTable<TrainingRow> = ListTable {
    title: "培训",
    columns: &[
        ("日期", 110.0),
        ("主题", 240.0),
        ("组织单位", 180.0),
        ("授课人", 100.0),
        ("学时", 60.0),
        ("参加的志愿者", 100.0),
    ],
    cells: |r| {
        vec![
            dates::iso(r.date),
            r.topic.clone(),
            r.organizer.clone(),
            r.trainer.clone(),
            r.hours.to_string(),
            r.attendees.to_string(),
        ]
    },
    count: Store::training_count,
    page: Store::training_page,
    more: None,
    whole: None,
};

/// 表彰
pub const HONORS: ListTable<HonorRow> = ListTable {
    title: "表彰",
    columns: &[
        ("表彰日期", 110.0),
        ("称号", 220.0),
        ("级别", 70.0),
        ("表彰对象", 200.0),
        ("授予单位", 200.0),
    ],
    cells: |r| {
        vec![
            dates::iso(r.awarded_on),
            r.title.clone(),
            r.level.clone(),
            r.who.clone(),
            r.issuer.clone(),
        ]
    },
    count: Store::honor_count,
    page: Store::honor_page,
    more: None,
    whole: None,
};

/// 信息报送
pub const INFO_REPORTS: ListTable<InfoReportRow> = ListTable {
    title: "信息报送",
    columns: &[
        ("报送日期", 110.0),
        ("信息标题", 260.0),
        ("报送渠道", 150.0),
        ("相关活动", 220.0),
        ("是否采用", 70.0),
    ],
    cells: |r| {
        vec![
            dates::iso(r.sent_on),
            r.title.clone(),
            r.sent_to.clone(),
            r.activity.clone(),
            if r.adopted { "已采用" } else { "未采用" }.to_string(),
        ]
    },
    count: Store::info_report_count,
    page: Store::info_report_page,
    more: None,
    whole: None,
};

/// 需求登记
pub const NEEDS: ListTable<NeedRow> = ListTable {
    title: "需求登记",
    columns: &[
        ("登记日期", 110.0),
        ("对象", 120.0),
        ("所在村居", 120.0),
        ("需求类别", 100.0),
        ("状态", 70.0),
        ("服务过的活动", 100.0),
    ],
    cells: |r| {
        vec![
            dates::iso(r.recorded_on),
            r.person.clone(),
            r.community.clone(),
            r.kind.clone(),
            r.status.clone(),
            r.served.to_string(),
        ]
    },
    count: Store::need_count,
    page: Store::need_page,
    more: None,
    whole: None,
};

/// 队伍
pub const TEAMS: ListTable<TeamRow> = ListTable {
    title: "队伍",
    columns: &[
        ("队伍名称", 200.0),
        ("类别", 110.0),
        ("所属单位", 160.0),
        ("队长", 80.0),
        ("成员数", 60.0),
        ("成员累计时长", 100.0),
    ],
    cells: |r| {
        vec![
            r.name.clone(),
            r.category.clone(),
            r.unit.clone(),
            r.leader.clone(),
            r.members.to_string(),
            format!("{} 小时", r.hours),
        ]
    },
    count: Store::team_count,
    page: Store::team_list_page,
    more: Some(|s, teams| members(s, teams, false)),
    whole: Some(Whole {
        cells: |r| (TEAMS.cells)(r),
        more: Some(|s, teams| members(s, teams, true)),
    }),
};

/// The members of these teams as a sheet, their mobiles whole or masked.
fn members(s: &Store, teams: &[TeamRow], whole: bool) -> store::Result<Sheet> {
    let mut rows = Vec::new();
    for t in teams {
        for m in s.team_members(&t.id)? {
            rows.push(vec![
                t.name.clone(),
                m.number,
                m.name,
                if whole { m.mobile } else { m.mobile_masked },
                dates::iso(m.joined_on),
                format!("{} 小时", m.hours),
            ]);
        }
    }
    Ok(Sheet {
        name: "成员",
        columns: &[
            ("队伍名称", 200.0),
            ("志愿者编号", 110.0),
            ("姓名", 80.0),
            ("手机", 110.0),
            ("加入日期", 100.0),
            ("累计服务时长", 100.0),
        ],
        rows,
    })
}

/// A unit's cells, the contact's mobile whole or masked.
fn unit_cells(r: &UnitRow, whole: bool) -> Vec<String> {
    vec![
        r.name.clone(),
        r.kind.clone(),
        r.parent_name.clone(),
        r.phone.clone(),
        r.contact_name.clone(),
        if whole {
            r.contact_mobile.clone()
        } else {
            phone::mask_mobile(&r.contact_mobile)
        },
    ]
}

/// 单位 (with the current 具体负责同志; the list's category is the unit's type; the mobile
/// masked unless a whole-number export was acknowledged, which is logged).
pub const UNITS: ListTable<UnitRow> = ListTable {
    title: "单位",
    columns: &[
        ("单位名称", 220.0),
        ("类型", 120.0),
        ("上级单位", 160.0),
        ("电话", 120.0),
        ("具体负责同志", 100.0),
        ("手机", 110.0),
    ],
    cells: |r| unit_cells(r, false),
    count: |s, q| s.unit_count(&q.text, q.category.as_deref(), q.in_bin),
    page: |s, q, offset, limit| {
        s.unit_page(&q.text, q.category.as_deref(), q.in_bin, offset, limit)
    },
    more: None,
    whole: Some(Whole {
        cells: |r| unit_cells(r, true),
        more: None,
    }),
};

/// The lists the window and the command line export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListName {
    /// 活动
    Activities,
    /// 培训
    Trainings,
    /// 表彰
    Honors,
    /// 信息报送
    Reports,
    /// 需求登记
    Needs,
    /// 队伍（另附成员表）
    Teams,
    /// 单位（含具体负责同志，手机隐去中间数字）
    Units,
}

impl ListName {
    /// The list's Chinese name.
    pub fn title(self) -> &'static str {
        match self {
            ListName::Activities => ACTIVITIES.title,
            ListName::Trainings => TRAININGS.title,
            ListName::Honors => HONORS.title,
            ListName::Reports => INFO_REPORTS.title,
            ListName::Needs => NEEDS.title,
            ListName::Teams => TEAMS.title,
            ListName::Units => UNITS.title,
        }
    }

    /// Whether the list holds phone numbers (masked unless asked otherwise).
    pub fn personal(self) -> bool {
        matches!(self, ListName::Teams | ListName::Units)
    }

    /// Writes the list as `query` shows it to `out` (.xlsx), phone numbers whole only when
    /// `numbers` says so (and then written in the export log).
    pub fn export(
        self,
        db: &Path,
        query: &ListQuery,
        out: &Path,
        numbers: Numbers,
        progress: Progress<'_>,
    ) -> Result<Written> {
        let how = (numbers, progress);
        match self {
            ListName::Activities => export(db, &ACTIVITIES, query, out, how),
            ListName::Trainings => export(db, &TRAININGS, query, out, how),
            ListName::Honors => export(db, &HONORS, query, out, how),
            ListName::Reports => export(db, &INFO_REPORTS, query, out, how),
            ListName::Needs => export(db, &NEEDS, query, out, how),
            ListName::Teams => export(db, &TEAMS, query, out, how),
            ListName::Units => export(db, &UNITS, query, out, how),
        }
    }
}

/// What a cancelled export says.
pub const CANCELLED: &str = "已取消导出，没有写入文件。";

/// Rows read at a time.
const CHUNK: usize = 2_000;

/// Writes `table` as `query` shows it to `out` (.xlsx): a title line naming the list, what
/// narrowed it and the date, the headers, every row as text. Nothing is left under the name
/// when it fails or is cancelled.
pub fn export<T>(
    db: &Path,
    table: &ListTable<T>,
    query: &ListQuery,
    out: &Path,
    (numbers, progress): (Numbers, Progress<'_>),
) -> Result<Written> {
    let whole = match (numbers, &table.whole) {
        (Numbers::Full, Some(w)) => Some(w),
        _ => None,
    };
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "xlsx" {
        anyhow::bail!("列表只能导出为 Excel 工作簿（.xlsx），请把文件名改为以 .xlsx 结尾");
    }
    let store = Store::open_read_only(db)?;
    let total = (table.count)(&store, query)? as usize;
    let mut read: Vec<T> = Vec::with_capacity(total);
    while read.len() < total {
        let page = (table.page)(&store, query, read.len(), CHUNK)?;
        if page.is_empty() {
            break;
        }
        read.extend(page);
        if !progress(0.8 * read.len() as f32 / total.max(1) as f32) {
            anyhow::bail!(CANCELLED);
        }
    }
    let rows: Vec<Vec<String>> = read
        .iter()
        .map(whole.map_or(table.cells, |w| w.cells))
        .collect();
    let more = match whole.map_or(table.more, |w| w.more) {
        Some(more) => Some(more(&store, &read)?),
        None => None,
    };
    if !progress(0.9) {
        anyhow::bail!(CANCELLED);
    }
    let unit = store.unit_name().ok().flatten().unwrap_or_default();
    let heading = format!("{unit}{}列表", table.title);
    let note = describe(query, rows.len());
    let more = more
        .as_ref()
        .map(|m| (m.name, m.columns, m.rows.as_slice()));
    let bytes =
        crate::export::list_xlsx::xlsx((table.title, &heading, &note), table.columns, &rows, more)
            .map_err(|e| anyhow::anyhow!("生成 Excel 文件失败：{e}"))?;
    crate::export::save(out, &bytes)?;
    let n = rows.len();
    if whole.is_some() {
        let what = format!("{}列表（完整手机号码）", table.title);
        let people = more.as_ref().map_or(n, |m| m.2.len());
        crate::store::export_log::record(db, &what, out, people as i64)?;
    }
    Ok(Written {
        path: out.to_path_buf(),
        count: n,
        message: format!("已导出{} {n} 条到“{}”。", table.title, out.display()),
    })
}

/// What the export holds, said under its title: the search and filters, and how many.
fn describe(q: &ListQuery, n: usize) -> String {
    let mut parts = Vec::new();
    if q.in_bin {
        parts.push("回收站中的记录".to_string());
    }
    if !q.text.trim().is_empty() {
        parts.push(format!("查找“{}”", q.text.trim()));
    }
    match (q.from, q.to) {
        (Some(f), Some(t)) => parts.push(format!("{} 至 {}", dates::iso(f), dates::iso(t))),
        (Some(f), None) => parts.push(format!("{} 起", dates::iso(f))),
        (None, Some(t)) => parts.push(format!("{} 止", dates::iso(t))),
        (None, None) => {}
    }
    if let Some(c) = &q.category {
        parts.push(c.clone());
    }
    if let Some(s) = &q.status {
        parts.push(s.clone());
    }
    let scope = if parts.is_empty() {
        "全部".to_string()
    } else {
        parts.join("，")
    };
    format!(
        "{scope}；共 {n} 条；导出于 {}",
        dates::chinese(chrono::Local::now().date_naive())
    )
}
