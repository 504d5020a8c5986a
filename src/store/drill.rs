//! The records behind a figure of the report: the activities of a category, a month, a 村居, a
//! team or a key date; the volunteers who served (by band of hours), the new ones, those of a
//! star level; the May trainings, honors and information reports. A page at a time.

use rusqlite::types::Value;

use super::meta::Table;
use super::report::{HOUR_BANDS, Scope};
use super::{Result, Store};
use crate::domain::hours::{STAR_THRESHOLDS, Tenths, star_label};
use crate::domain::period::Period;

/// Which counted activities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActivityFilter {
    /// This category.
    pub category: Option<String>,
    /// This month (YYYY-MM).
    pub month: Option<String>,
    /// Organised by this unit (empty: by none).
    pub unit: Option<String>,
    /// Held by this team (empty: by none).
    pub team: Option<String>,
    /// For this key date (主题节点).
    pub key_date: Option<String>,
    /// Only 关爱系列 and 精准扶贫 activities without 留存资料.
    pub without_materials: bool,
}

/// What a figure is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drill {
    /// Counted activities.
    Activities(ActivityFilter),
    /// Volunteers who served in the period, most hours first; in one of [`HOUR_BANDS`].
    Served(Option<usize>),
    /// Volunteers registered in the period.
    NewVolunteers,
    /// Live volunteers of a star level (0: none yet), hours of all time.
    Star(u8),
    /// Trainings in May and their attendees.
    MayTrainings,
    /// Honors given in the period.
    Honors,
    /// Information reports sent in the period (adopted ones only).
    Reports(bool),
}

/// One record of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillRow {
    /// Where it lives.
    pub table: Table,
    /// Its key.
    pub id: String,
    /// The cells under [`Drill::headers`].
    pub cells: Vec<String>,
}

/// A page of records and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DrillPage {
    /// All records behind the figure.
    pub total: i64,
    /// Those of the page.
    pub rows: Vec<DrillRow>,
}

impl Drill {
    /// The column heads.
    pub fn headers(&self) -> &'static [&'static str] {
        match self {
            Drill::Activities(_) => &["日期", "活动名称", "类别", "参与人次", "服务时长（小时）"],
            Drill::Served(_) => &["编号", "姓名", "参与人次", "服务时长（小时）"],
            Drill::NewVolunteers => &["编号", "姓名", "注册日期", "所属村居"],
            Drill::Star(_) => &["编号", "姓名", "累计服务时长（小时）", "所属村居"],
            Drill::MayTrainings => &["日期", "培训主题", "地点", "参训人数"],
            Drill::Honors => &["授予日期", "称号", "级别", "获得者"],
            Drill::Reports(_) => &["报送日期", "信息标题", "报送渠道", "是否采用"],
        }
    }

    /// The title of the list.
    pub fn title(&self) -> String {
        match self {
            Drill::Activities(f) => {
                let mut parts: Vec<String> = Vec::new();
                if let Some(m) = &f.month {
                    parts.push(format!(
                        "{}年{}月",
                        &m[..4.min(m.len())],
                        m.get(5..).unwrap_or("").trim_start_matches('0')
                    ));
                }
                if let Some(c) = &f.category {
                    parts.push(c.clone());
                }
                if let Some(k) = &f.key_date {
                    parts.push(k.clone());
                }
                if f.without_materials {
                    parts.push("缺少留存资料".into());
                }
                if parts.is_empty() {
                    "活动".into()
                } else {
                    format!("{}的活动", parts.join("·"))
                }
            }
            Drill::Served(None) => "参与服务的志愿者".into(),
            Drill::Served(Some(b)) => {
                format!("服务时长{}的志愿者", HOUR_BANDS.get(*b).map_or("", |b| b.0))
            }
            Drill::NewVolunteers => "新登记的志愿者".into(),
            Drill::Star(level) => format!("{}志愿者", star_label(*level)),
            Drill::MayTrainings => "5月的培训".into(),
            Drill::Honors => "表彰".into(),
            Drill::Reports(false) => "报送的信息".into(),
            Drill::Reports(true) => "被采用的信息".into(),
        }
    }
}

/// Counted (held) activities of the period, with named parameters (`activities.counted`).
const COUNTED: &str = "a.counted AND a.date BETWEEN :from AND :to";

fn hours(t: i64) -> String {
    Tenths(t).to_string()
}

impl Store {
    /// A page of the records behind a figure.
    pub fn drill(
        &self,
        period: &Period,
        scope: &Scope,
        drill: &Drill,
        offset: usize,
        limit: usize,
    ) -> Result<DrillPage> {
        let key = match scope {
            Scope::All => Value::Null,
            Scope::Unit { id, .. } | Scope::Team { id, .. } => Value::Text(id.clone()),
        };
        let sa = scope.activities_sql().replace("?3", ":key");
        let sv = scope.volunteers_sql().replace("?3", ":key");
        let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Text);
        let mut params: Vec<(&str, Value)> = vec![
            (":from", Value::Text(period.from.to_string())),
            (":to", Value::Text(period.to.to_string())),
            (":key", key),
            (":limit", Value::Integer(limit as i64)),
            (":offset", Value::Integer(offset as i64)),
        ];
        // (rows SQL, count SQL, table, cells from columns 1.. of a row)
        let (from_where, select, order, table): (String, &str, &str, Table) = match drill {
            Drill::Activities(f) => {
                params.extend([
                    (":category", text(&f.category)),
                    (":month", text(&f.month)),
                    (":unit", text(&f.unit)),
                    (":team", text(&f.team)),
                    (":key_date", text(&f.key_date)),
                    (":materials", Value::Integer(i64::from(f.without_materials))),
                ]);
                (
                    format!(
                        "FROM activities a LEFT JOIN activity_facts t
                           ON t.activity_key = a.key AND t.date = a.date
                         WHERE {COUNTED}{sa}
                           AND (:category IS NULL OR a.category = :category)
                           AND (:month IS NULL OR substr(a.date, 1, 7) = :month)
                           AND (:unit IS NULL OR coalesce(a.organizer_id, '') = :unit)
                           AND (:team IS NULL OR coalesce(a.team_id, '') = :team)
                           AND (:key_date IS NULL OR a.key_date = :key_date)
                           AND (NOT :materials OR (
                               a.category IN ('关爱系列', '精准扶贫、乡村振兴')
                               AND NOT EXISTS (SELECT 1 FROM attachments x
                                   WHERE x.owner_kind = 'activities' AND x.owner_id = a.id
                                     AND x.deleted_at IS NULL)))"
                    ),
                    "a.id, a.date, a.title, a.category, coalesce(t.participations, 0),
                     coalesce(t.hours_tenths, 0)",
                    "a.date, a.start_time, a.id",
                    Table::Activities,
                )
            }
            Drill::Served(band) => {
                let (lo, hi) = band
                    .and_then(|b| HOUR_BANDS.get(b))
                    .map_or((0, i64::MAX), |b| (b.1, b.2));
                params.extend([(":lo", Value::Integer(lo)), (":hi", Value::Integer(hi))]);
                (
                    format!(
                        "FROM (SELECT p.volunteer_ref AS vk, count(*) AS n,
                                      sum(p.hours_tenths) AS h
                               FROM participation_rows p JOIN activities a
                                 ON a.key = p.activity_ref
                               WHERE p.deleted_at IS NULL AND {COUNTED}{sa}
                               GROUP BY p.volunteer_ref) per
                         JOIN volunteers v ON v.key = per.vk
                         WHERE per.h >= :lo AND per.h < :hi"
                    ),
                    "v.id, v.number, v.name || CASE WHEN v.deleted_at IS NULL THEN ''
                           ELSE '（已删除）' END, per.n, per.h",
                    "per.h DESC, v.number",
                    Table::Volunteers,
                )
            }
            Drill::NewVolunteers => (
                format!(
                    "FROM volunteers v LEFT JOIN units u ON u.id = v.community_id
                     WHERE v.deleted_at IS NULL AND v.registered_on BETWEEN :from AND :to{sv}"
                ),
                "v.id, v.number, v.name, v.registered_on, coalesce(u.name, '')",
                "v.registered_on, v.number",
                Table::Volunteers,
            ),
            Drill::Star(level) => {
                let at = |l: usize| {
                    l.checked_sub(1)
                        .and_then(|i| STAR_THRESHOLDS.get(i))
                        .map_or(if l == 0 { 0 } else { i64::MAX }, |h| h * 10)
                };
                let l = *level as usize;
                params.extend([
                    (":lo", Value::Integer(at(l))),
                    (":hi", Value::Integer(at(l + 1))),
                ]);
                (
                    format!(
                        "FROM volunteers v JOIN volunteer_search s ON s.volunteer_key = v.key
                         LEFT JOIN units u ON u.id = v.community_id
                         WHERE v.deleted_at IS NULL AND s.total_tenths >= :lo
                           AND s.total_tenths < :hi{sv}"
                    ),
                    "v.id, v.number, v.name, s.total_tenths, coalesce(u.name, '')",
                    "s.total_tenths DESC, v.number",
                    Table::Volunteers,
                )
            }
            Drill::MayTrainings => (
                format!(
                    "FROM trainings t WHERE t.deleted_at IS NULL AND t.date BETWEEN :from AND :to
                       AND substr(t.date, 6, 2) = '05'{}",
                    match scope {
                        Scope::All => "",
                        Scope::Unit { .. } => " AND t.organizer_id = :key",
                        Scope::Team { .. } => {
                            " AND EXISTS (SELECT 1 FROM training_attendance x
                               JOIN team_members m ON m.volunteer_id = x.volunteer_id
                               WHERE x.training_id = t.id AND x.deleted_at IS NULL
                                 AND m.team_id = :key AND m.deleted_at IS NULL)"
                        }
                    }
                ),
                "t.id, t.date, t.topic, t.location, (SELECT count(*) FROM training_attendance x
                     WHERE x.training_id = t.id AND x.deleted_at IS NULL)",
                "t.date, t.id",
                Table::Trainings,
            ),
            Drill::Honors => (
                format!(
                    "FROM honors h LEFT JOIN volunteers v ON v.id = h.volunteer_id
                     LEFT JOIN teams m ON m.id = h.team_id
                     WHERE h.deleted_at IS NULL AND h.awarded_on BETWEEN :from AND :to{}",
                    match scope {
                        Scope::All => "",
                        Scope::Unit { .. } => {
                            " AND (v.community_id = :key OR m.unit_id = :key)"
                        }
                        Scope::Team { .. } => {
                            " AND (h.team_id = :key OR h.volunteer_id IN (SELECT volunteer_id
                                   FROM team_members WHERE team_id = :key AND deleted_at IS NULL))"
                        }
                    }
                ),
                "h.id, h.awarded_on, h.title, h.level, coalesce(v.name, m.name, '')",
                "h.awarded_on, h.id",
                Table::Honors,
            ),
            Drill::Reports(adopted) => {
                params.push((":adopted", Value::Integer(i64::from(*adopted))));
                let scoped = match scope {
                    Scope::All => String::new(),
                    _ => format!(
                        " AND r.activity_id IN (SELECT a.id FROM activities a
                                                WHERE a.deleted_at IS NULL{sa})"
                    ),
                };
                (
                    format!(
                        "FROM info_reports r WHERE r.deleted_at IS NULL
                           AND r.sent_on BETWEEN :from AND :to
                           AND (NOT :adopted OR r.adopted){scoped}"
                    ),
                    "r.id, r.sent_on, r.title, r.sent_to,
                     CASE WHEN r.adopted THEN '已采用' ELSE '未采用' END",
                    "r.sent_on, r.id",
                    Table::InfoReports,
                )
            }
        };
        let c = self.conn();
        let bind = |stmt: &mut rusqlite::CachedStatement<'_>| -> Result<()> {
            for (name, value) in &params {
                if let Some(i) = stmt.parameter_index(name)? {
                    stmt.raw_bind_parameter(i, value)?;
                }
            }
            Ok(())
        };
        let mut count = c.prepare_cached(&format!("SELECT count(*) {from_where}"))?;
        bind(&mut count)?;
        let total: i64 = match count.raw_query().next()? {
            Some(r) => r.get(0)?,
            None => 0,
        };
        let mut stmt = c.prepare_cached(&format!(
            "SELECT {select} {from_where} ORDER BY {order} LIMIT :limit OFFSET :offset"
        ))?;
        bind(&mut stmt)?;
        let mut rows = stmt.raw_query();
        let mut out = Vec::new();
        let width = drill.headers().len();
        while let Some(r) = rows.next()? {
            let mut cells = Vec::with_capacity(width);
            for i in 1..=width {
                let cell = match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => String::new(),
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Real(x) => x.to_string(),
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                };
                cells.push(cell);
            }
            // Hours are kept in tenths.
            match drill {
                Drill::Activities(_) | Drill::Served(_) => {
                    if let Some(h) = cells.last_mut() {
                        *h = hours(h.parse().unwrap_or(0));
                    }
                }
                Drill::Star(_) => {
                    cells[2] = hours(cells[2].parse().unwrap_or(0));
                }
                _ => {}
            }
            out.push(DrillRow {
                table,
                id: r.get(0)?,
                cells,
            });
        }
        Ok(DrillPage { total, rows: out })
    }
}
