//! The figures of a period: activities, participations (人次), distinct volunteers, hours and
//! people served, by category and by month; the 学雷锋志愿服务日 of each month; the compliance
//! matrix of the fourteen categories; trainings, honors, information reports, new volunteers,
//! star levels and the volunteers with most hours. Counted activities are the live ones not
//! cancelled; their live service records count.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rusqlite::ToSql;
use serde::Serialize;

use super::{Result, Store};
use crate::domain::calendar::second_saturday;
use crate::domain::categories::CATEGORIES;
use crate::domain::hours::Tenths;
use crate::domain::period::Period;

/// Figures of one category, month or group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// 活动数
    pub activities: i64,
    /// 参与人次
    pub participations: i64,
    /// 服务时长（小时）
    #[serde(serialize_with = "hours")]
    pub hours: Tenths,
}

fn hours<S: serde::Serializer>(t: &Tenths, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(t.0 as f64 / 10.0)
}

/// A month's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthFigures {
    /// YYYY-MM
    pub month: String,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The 学雷锋志愿服务日 of one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeiFengDay {
    /// YYYY-MM
    pub month: String,
    /// The second Saturday.
    pub date: NaiveDate,
    /// Some 学雷锋志愿服务日 activity took place in the month.
    pub held: bool,
    /// One took place on the second Saturday itself.
    pub on_day: bool,
    /// One lasted at least 1.5 hours.
    pub hours_ok: bool,
}

/// A volunteer among those with most hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopVolunteer {
    /// The volunteer's key.
    pub id: String,
    /// 编号
    pub number: String,
    /// 姓名
    pub name: String,
    /// Hours in the period.
    #[serde(serialize_with = "hours")]
    pub hours: Tenths,
}

/// Whose figures: the whole unit, one 村居 (or other unit) or one team.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// 本单位: every record.
    #[default]
    All,
    /// One unit (a 村居): activities it organised or its teams held; its volunteers.
    Unit {
        /// The unit's key.
        id: String,
        /// Its name.
        name: String,
    },
    /// One team: its activities; its members.
    Team {
        /// The team's key.
        id: String,
        /// Its name.
        name: String,
    },
}

impl Scope {
    /// How the report names it.
    pub fn label(&self) -> &str {
        match self {
            Scope::All => "本单位",
            Scope::Unit { name, .. } | Scope::Team { name, .. } => name,
        }
    }

    /// The key bound as `?3` (none for the whole unit).
    fn key(&self) -> Option<&str> {
        match self {
            Scope::All => None,
            Scope::Unit { id, .. } | Scope::Team { id, .. } => Some(id),
        }
    }

    /// The condition on activities `a`.
    pub(crate) fn activities_sql(&self) -> &'static str {
        match self {
            Scope::All => "",
            Scope::Unit { .. } => {
                " AND (a.organizer_id = ?3 OR a.team_id IN
                       (SELECT id FROM teams WHERE unit_id = ?3 AND deleted_at IS NULL))"
            }
            Scope::Team { .. } => " AND a.team_id = ?3",
        }
    }

    /// The condition on volunteers `v`.
    pub(crate) fn volunteers_sql(&self) -> &'static str {
        match self {
            Scope::All => "",
            Scope::Unit { .. } => " AND v.community_id = ?3",
            Scope::Team { .. } => {
                " AND v.id IN (SELECT volunteer_id FROM team_members
                               WHERE team_id = ?3 AND deleted_at IS NULL)"
            }
        }
    }
}

impl Store {
    /// The scopes a report can be limited to: the live 村居 (社区) units, then the live teams,
    /// each by name.
    pub fn report_scopes(&self) -> Result<Vec<Scope>> {
        let c = self.conn();
        let mut out = vec![Scope::All];
        let mut stmt = c.prepare_cached(
            "SELECT id, name FROM units WHERE deleted_at IS NULL AND kind = '村居（社区）'
             ORDER BY name",
        )?;
        let units = stmt.query_map([], |r| {
            Ok(Scope::Unit {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        for u in units {
            out.push(u?);
        }
        let mut stmt =
            c.prepare_cached("SELECT id, name FROM teams WHERE deleted_at IS NULL ORDER BY name")?;
        let teams = stmt.query_map([], |r| {
            Ok(Scope::Team {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        for t in teams {
            out.push(t?);
        }
        Ok(out)
    }
}

/// The figures of one group: a 村居, a team or a key date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The key of the unit or team (the name for a key date; empty: none).
    pub id: String,
    /// Its name (未指定 when none).
    pub name: String,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A number of volunteers under a label (a star level, a band of hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// 一星 … / 不足10小时 …
    pub label: String,
    /// Volunteers.
    pub volunteers: i64,
}

/// Bands of a volunteer's hours in the period, in tenths: [from, to).
pub const HOUR_BANDS: [(&str, i64, i64); 5] = [
    ("不足10小时", 0, 100),
    ("10至20小时", 100, 200),
    ("20至50小时", 200, 500),
    ("50至100小时", 500, 1000),
    ("100小时及以上", 1000, i64::MAX),
];

/// Everything a period's report shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// 2026年上半年 …
    pub period: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// 活动数
    pub activities: i64,
    /// 参与人次
    pub participations: i64,
    /// 参与的志愿者（人）
    pub volunteers: i64,
    /// 服务时长（小时）
    #[serde(serialize_with = "hours")]
    pub hours: Tenths,
    /// 服务人次（people served, as recorded on the activities）
    pub served: i64,
    /// By category name.
    pub by_category: BTreeMap<String, Figures>,
    /// By month, every month of the period.
    pub by_month: Vec<MonthFigures>,
    /// The fourteen categories × the months: activity counts.
    pub matrix: BTreeMap<String, Vec<i64>>,
    /// Each month's 学雷锋志愿服务日.
    pub leifeng_days: Vec<LeiFengDay>,
    /// 关爱系列 and 精准扶贫、乡村振兴 activities without 留存资料.
    pub without_materials: i64,
    /// Trainings of the whole period.
    pub trainings: i64,
    /// Attendances of those trainings (人次).
    pub training_attendees: i64,
    /// The trainings' own hours (学时) added up.
    #[serde(serialize_with = "hours")]
    pub training_hours: Tenths,
    /// Trainings in May (志愿服务培训月) of the period's years, and the volunteers who attended.
    pub may_trainings: i64,
    /// Attendees of those trainings.
    pub may_attendees: i64,
    /// Honors given in the period.
    pub honors: i64,
    /// Information reports sent.
    pub reports_sent: i64,
    /// … of which adopted.
    pub reports_adopted: i64,
    /// Volunteers registered in the period.
    pub new_volunteers: i64,
    /// The 20 volunteers with most hours in the period.
    pub top_volunteers: Vec<TopVolunteer>,
    /// 本单位, or the 村居 or team the figures are limited to.
    pub scope: String,
    /// By organising unit (村居 …), most hours first.
    pub by_unit: Vec<Group>,
    /// By team, most hours first.
    pub by_team: Vec<Group>,
    /// Activities held for a key date (主题节点), in the order of the year.
    pub by_key_date: Vec<Group>,
    /// Volunteers (live, in scope) by star level from their hours of all time.
    pub stars: Vec<Count>,
    /// Volunteers who served in the period by their hours in it ([`HOUR_BANDS`]).
    pub hour_bands: Vec<Count>,
    /// Hours per volunteer who served.
    #[serde(serialize_with = "hours")]
    pub hours_per_volunteer: Tenths,
    /// The duties judged for this scope (categories and regular kinds): the unit's own (设置 →
    /// 本单位类型), a 村居's by the notice, none for a team. Others are shown, not judged.
    pub duties: Vec<String>,
}

/// Counted (held) activities of the period (`?1`..`?2`): `activities.counted`, the schema's one
/// definition of what counts.
const COUNTED: &str = "a.counted AND a.date BETWEEN ?1 AND ?2";

fn add(slot: &mut Figures, f: &Figures) {
    slot.activities += f.activities;
    slot.participations += f.participations;
    slot.hours = Tenths(slot.hours.0 + f.hours.0);
}

/// Adds `f` under `key`, allocating the key only the first time.
fn add_to(map: &mut HashMap<String, Figures>, key: &str, f: &Figures) {
    match map.get_mut(key) {
        Some(slot) => add(slot, f),
        None => {
            map.insert(key.to_owned(), *f);
        }
    }
}

/// The groups with their names, most hours first; `none` names the group without a key.
fn groups(
    map: HashMap<String, Figures>,
    names: &HashMap<String, String>,
    none: &str,
) -> Vec<Group> {
    let mut v: Vec<Group> = map
        .into_iter()
        .map(|(id, figures)| Group {
            name: if id.is_empty() {
                none.to_string()
            } else {
                names.get(&id).cloned().unwrap_or_else(|| id.clone())
            },
            id,
            figures,
        })
        .collect();
    v.sort_by(|a, b| {
        b.figures
            .hours
            .0
            .cmp(&a.figures.hours.0)
            .then(b.figures.activities.cmp(&a.figures.activities))
            .then_with(|| a.name.cmp(&b.name))
    });
    v
}

/// Whether the period is one whole calendar year.
fn whole_year(period: &Period) -> Option<i32> {
    let y = period.from.year();
    (period.from == NaiveDate::from_ymd_opt(y, 1, 1)?
        && period.to == NaiveDate::from_ymd_opt(y, 12, 31)?)
    .then_some(y)
}

/// The first and last month when the period is whole months.
fn whole_months(period: &Period) -> Option<(String, String)> {
    let next = period.to.succ_opt()?;
    (period.from.day() == 1 && next.day() == 1).then(|| {
        (
            period.from.format("%Y-%m").to_string(),
            period.to.format("%Y-%m").to_string(),
        )
    })
}

impl Store {
    /// The report of a period for the whole unit.
    pub fn report(&self, period: &Period) -> Result<Report> {
        self.report_in(period, &Scope::All)
    }

    /// The report of a period for a scope.
    pub fn report_in(&self, period: &Period, scope: &Scope) -> Result<Report> {
        let c = self.conn();
        let (from, to) = (period.from, period.to);
        let key = scope.key().map(str::to_owned);
        let params: Vec<&dyn ToSql> = match &key {
            None => vec![&from, &to],
            Some(k) => vec![&from, &to, k],
        };
        let one = |sql: &str| -> Result<i64> {
            Ok(c.prepare_cached(sql)?
                .query_row(params.as_slice(), |r| r.get(0))?)
        };
        let sa = scope.activities_sql();
        let months: Vec<String> = period
            .months()
            .iter()
            .map(|(y, m)| format!("{y:04}-{m:02}"))
            .collect();
        let mut by_category: BTreeMap<String, Figures> = BTreeMap::new();
        let mut by_month: BTreeMap<String, Figures> = months
            .iter()
            .map(|m| (m.clone(), Figures::default()))
            .collect();
        let mut matrix: BTreeMap<String, Vec<i64>> = CATEGORIES
            .iter()
            .map(|c| (c.name.to_string(), vec![0; months.len()]))
            .collect();
        let mut by_unit: HashMap<String, Figures> = HashMap::new();
        let mut by_team: HashMap<String, Figures> = HashMap::new();
        let mut by_key_date: HashMap<String, Figures> = HashMap::new();
        let mut key_date_first: HashMap<String, String> = HashMap::new();
        let mut total = Figures::default();
        let mut served = 0;
        // One pass over the period's range of the activity facts (each live activity with its
        // running totals of service records, kept by triggers).
        {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT a.category, a.date, a.served_count, coalesce(a.organizer_id, ''),
                        coalesce(a.team_id, ''), a.key_date, a.participations, a.hours_tenths
                 FROM activity_facts a
                 WHERE a.date BETWEEN ?1 AND ?2 AND a.counted{sa}"
            ))?;
            let mut rows = stmt.query(params.as_slice())?;
            while let Some(r) = rows.next()? {
                let category = r.get_ref(0)?.as_str().unwrap_or("");
                let date = r.get_ref(1)?.as_str().unwrap_or("");
                let month = date.get(..7).unwrap_or("");
                served += r.get::<_, i64>(2)?;
                let f = Figures {
                    activities: 1,
                    participations: r.get(6)?,
                    hours: Tenths(r.get(7)?),
                };
                add(&mut total, &f);
                match by_category.get_mut(category) {
                    Some(slot) => add(slot, &f),
                    None => {
                        by_category.insert(category.to_owned(), f);
                    }
                }
                if let Some(slot) = by_month.get_mut(month) {
                    add(slot, &f);
                }
                if let (Some(row), Some(i)) = (
                    matrix.get_mut(category),
                    months.iter().position(|m| m == month),
                ) {
                    row[i] += 1;
                }
                add_to(&mut by_unit, r.get_ref(3)?.as_str().unwrap_or(""), &f);
                add_to(&mut by_team, r.get_ref(4)?.as_str().unwrap_or(""), &f);
                let key_date = r.get_ref(5)?.as_str().unwrap_or("");
                if !key_date.is_empty() {
                    add_to(&mut by_key_date, key_date, &f);
                    match key_date_first.get_mut(key_date) {
                        Some(first) if first.as_str() <= date => {}
                        Some(first) => *first = date.to_owned(),
                        None => {
                            key_date_first.insert(key_date.to_owned(), date.to_owned());
                        }
                    }
                }
            }
        }
        let names = |sql: &str| -> Result<HashMap<String, String>> {
            let mut stmt = c.prepare_cached(sql)?;
            let map = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(map)
        };
        let by_unit = groups(
            by_unit,
            &names("SELECT id, name FROM units")?,
            "未指定组织单位",
        );
        let by_team = groups(by_team, &names("SELECT id, name FROM teams")?, "未指定队伍");
        let mut by_key_date = groups(by_key_date, &HashMap::new(), "");
        by_key_date.sort_by(|a, b| key_date_first.get(&a.id).cmp(&key_date_first.get(&b.id)));
        // 学雷锋志愿服务日: the activities of that category in the period, by day and length.
        let mut stmt = c.prepare_cached(&format!(
            "SELECT a.date, a.start_time, a.end_time FROM activities a
             WHERE {COUNTED} AND a.category = '学雷锋志愿服务日'{sa}"
        ))?;
        let leifeng: Vec<(NaiveDate, String, String)> = stmt
            .query_map(params.as_slice(), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let leifeng_days = period
            .months()
            .into_iter()
            .filter_map(|(y, m)| {
                let date = second_saturday(y, m)?;
                let in_month: Vec<&(NaiveDate, String, String)> = leifeng
                    .iter()
                    .filter(|(d, _, _)| d.year() == y && d.month() == m)
                    .collect();
                Some(LeiFengDay {
                    month: format!("{y:04}-{m:02}"),
                    date,
                    held: !in_month.is_empty(),
                    on_day: in_month.iter().any(|(d, _, _)| *d == date),
                    hours_ok: in_month.iter().any(|(_, s, e)| {
                        crate::domain::activity::duration(s, e).is_some_and(|t| t.0 >= 15)
                    }),
                })
            })
            .collect();
        let without_materials = one(&format!(
            "SELECT count(*) FROM activities a WHERE {COUNTED}
               AND a.category IN ('关爱系列', '精准扶贫、乡村振兴')
               AND NOT EXISTS (SELECT 1 FROM attachments x WHERE x.owner_kind = 'activities'
                               AND x.owner_id = a.id AND x.deleted_at IS NULL){sa}"
        ))?;
        let (trainings_in, attendees_in) = match scope {
            Scope::All => ("", ""),
            Scope::Unit { .. } => (" AND t.organizer_id = ?3", " AND t.organizer_id = ?3"),
            Scope::Team { .. } => (
                " AND EXISTS (SELECT 1 FROM training_attendance x
                     JOIN team_members m ON m.volunteer_id = x.volunteer_id
                     WHERE x.training_id = t.id AND x.deleted_at IS NULL
                       AND m.team_id = ?3 AND m.deleted_at IS NULL)",
                " AND x.volunteer_id IN (SELECT volunteer_id FROM team_members
                     WHERE team_id = ?3 AND deleted_at IS NULL)",
            ),
        };
        let trainings = one(&format!(
            "SELECT count(*) FROM trainings t WHERE t.deleted_at IS NULL
               AND t.date BETWEEN ?1 AND ?2{trainings_in}"
        ))?;
        let training_attendees = one(&format!(
            "SELECT count(*) FROM training_attendance x
             JOIN trainings t ON t.id = x.training_id
             WHERE x.deleted_at IS NULL AND t.deleted_at IS NULL
               AND t.date BETWEEN ?1 AND ?2{attendees_in}"
        ))?;
        let training_hours = Tenths(one(&format!(
            "SELECT coalesce(sum(t.hours_tenths), 0) FROM trainings t WHERE t.deleted_at IS NULL
               AND t.date BETWEEN ?1 AND ?2{trainings_in}"
        ))?);
        let may_trainings = one(&format!(
            "SELECT count(*) FROM trainings t WHERE t.deleted_at IS NULL
               AND t.date BETWEEN ?1 AND ?2 AND substr(t.date, 6, 2) = '05'{trainings_in}"
        ))?;
        let may_attendees = one(&format!(
            "SELECT count(*) FROM training_attendance x
             JOIN trainings t ON t.id = x.training_id
             WHERE x.deleted_at IS NULL AND t.deleted_at IS NULL
               AND t.date BETWEEN ?1 AND ?2 AND substr(t.date, 6, 2) = '05'{attendees_in}"
        ))?;
        let honors_in = match scope {
            Scope::All => "",
            Scope::Unit { .. } => {
                " AND (h.volunteer_id IN (SELECT id FROM volunteers WHERE community_id = ?3)
                       OR h.team_id IN (SELECT id FROM teams WHERE unit_id = ?3))"
            }
            Scope::Team { .. } => {
                " AND (h.team_id = ?3 OR h.volunteer_id IN (SELECT volunteer_id
                       FROM team_members WHERE team_id = ?3 AND deleted_at IS NULL))"
            }
        };
        let honors = one(&format!(
            "SELECT count(*) FROM honors h WHERE h.deleted_at IS NULL
               AND h.awarded_on BETWEEN ?1 AND ?2{honors_in}"
        ))?;
        let reports_in = match scope {
            Scope::All => String::new(),
            _ => format!(
                " AND r.activity_id IN (SELECT a.id FROM activities a
                                        WHERE a.deleted_at IS NULL{sa})"
            ),
        };
        let reports_sent = one(&format!(
            "SELECT count(*) FROM info_reports r WHERE r.deleted_at IS NULL
               AND r.sent_on BETWEEN ?1 AND ?2{reports_in}"
        ))?;
        let reports_adopted = one(&format!(
            "SELECT count(*) FROM info_reports r WHERE r.deleted_at IS NULL AND r.adopted
               AND r.sent_on BETWEEN ?1 AND ?2{reports_in}"
        ))?;
        let new_volunteers = one(&format!(
            "SELECT count(*) FROM volunteers v WHERE v.deleted_at IS NULL
               AND v.registered_on BETWEEN ?1 AND ?2{}",
            scope.volunteers_sql()
        ))?;
        let served_by = self.served_volunteers(period, scope, &params)?;
        let volunteers = served_by.count;
        let hours_per_volunteer = if volunteers > 0 {
            Tenths((total.hours.0 + volunteers / 2) / volunteers)
        } else {
            Tenths(0)
        };
        let stars = self.stars(scope)?;
        Ok(Report {
            period: period.label.clone(),
            from,
            to,
            activities: total.activities,
            participations: total.participations,
            volunteers,
            hours: total.hours,
            served,
            by_category,
            by_month: by_month
                .into_iter()
                .map(|(month, figures)| MonthFigures { month, figures })
                .collect(),
            matrix,
            leifeng_days,
            without_materials,
            trainings,
            training_attendees,
            training_hours,
            may_trainings,
            may_attendees,
            honors,
            reports_sent,
            reports_adopted,
            new_volunteers,
            top_volunteers: served_by.top,
            scope: scope.label().to_string(),
            by_unit,
            by_team,
            by_key_date,
            stars,
            hour_bands: served_by.bands,
            hours_per_volunteer,
            duties: match scope {
                Scope::All => self.duties()?,
                Scope::Unit { .. } => crate::domain::duties::UnitKind::Community
                    .default_duties()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                Scope::Team { .. } => Vec::new(),
            },
        })
    }

    /// The volunteers who served in the period: how many, by band of hours, and the twenty
    /// with most hours. A whole year of the whole unit reads the yearly running totals; whole
    /// months the monthly ones; anything else the service records.
    fn served_volunteers(
        &self,
        period: &Period,
        scope: &Scope,
        params: &[&dyn ToSql],
    ) -> Result<Served> {
        let c = self.conn();
        if let (Scope::All, Some(year)) = (scope, whole_year(period)) {
            let year = year.to_string();
            let bands: Vec<String> = HOUR_BANDS
                .iter()
                .map(|(_, lo, hi)| {
                    format!("coalesce(sum(hours_tenths >= {lo} AND hours_tenths < {hi}), 0)")
                })
                .collect();
            let (count, bands) = c
                .prepare_cached(&format!(
                    "SELECT count(*), {} FROM volunteer_years
                     WHERE year = ?1 AND participations > 0",
                    bands.join(", ")
                ))?
                .query_row([&year], |r| {
                    let bands = (0..HOUR_BANDS.len())
                        .map(|i| r.get::<_, i64>(i + 1))
                        .collect::<rusqlite::Result<Vec<i64>>>()?;
                    Ok((r.get::<_, i64>(0)?, bands))
                })?;
            let mut stmt = c.prepare_cached(
                "SELECT volunteer_id, hours_tenths FROM volunteer_years
                 WHERE year = ?1 AND participations > 0 ORDER BY hours_tenths DESC",
            )?;
            let rows = stmt.query_map([&year], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            let top = self.top_twenty(rows)?;
            return Ok(Served::new(count, bands, top));
        }
        let per: Vec<(String, i64)> =
            if let (Scope::All, Some((first, last))) = (scope, whole_months(period)) {
                c.prepare_cached(
                    "SELECT volunteer_id, sum(hours_tenths) FROM volunteer_months
                 WHERE month BETWEEN ?1 AND ?2 AND participations > 0 GROUP BY volunteer_id",
                )?
                .query_map([&first, &last], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
            } else {
                c.prepare_cached(&format!(
                    "SELECT p.volunteer_id, sum(p.hours_tenths)
                 FROM participations p JOIN activities a ON a.id = p.activity_id
                 WHERE p.deleted_at IS NULL AND {COUNTED}{} GROUP BY p.volunteer_id",
                    scope.activities_sql()
                ))?
                .query_map(params, |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
            };
        let bands = HOUR_BANDS
            .iter()
            .map(|(_, lo, hi)| per.iter().filter(|(_, h)| h >= lo && h < hi).count() as i64)
            .collect();
        let count = per.len() as i64;
        let mut per = per;
        per.sort_unstable_by_key(|p| std::cmp::Reverse(p.1));
        let top = self.top_twenty(per.into_iter().map(Ok))?;
        Ok(Served::new(count, bands, top))
    }

    /// The twenty live volunteers with most hours from (volunteer, hours) in descending order
    /// of hours; ties by number.
    fn top_twenty(
        &self,
        rows: impl Iterator<Item = rusqlite::Result<(String, i64)>>,
    ) -> Result<Vec<TopVolunteer>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT number, name FROM volunteers WHERE id = ?1 AND deleted_at IS NULL",
        )?;
        let mut top: Vec<TopVolunteer> = Vec::new();
        for row in rows {
            let (id, hours) = row?;
            if top.len() >= 20 && top.last().is_some_and(|t| t.hours.0 > hours) {
                break;
            }
            let found = stmt.query_row([&id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            });
            match found {
                Ok((number, name)) => top.push(TopVolunteer {
                    id,
                    number,
                    name,
                    hours: Tenths(hours),
                }),
                Err(rusqlite::Error::QueryReturnedNoRows) => {}
                Err(e) => return Err(e.into()),
            }
        }
        top.sort_by(|a, b| {
            b.hours
                .0
                .cmp(&a.hours.0)
                .then_with(|| a.number.cmp(&b.number))
        });
        top.truncate(20);
        Ok(top)
    }

    /// Live volunteers in scope by star level (hours of all time).
    fn stars(&self, scope: &Scope) -> Result<Vec<Count>> {
        use crate::domain::hours::{STAR_THRESHOLDS, star_label};
        let c = self.conn();
        // at_least[k]: volunteers with at least the k-th threshold (k = 0: everyone).
        let mut at_least = vec![0i64; STAR_THRESHOLDS.len() + 1];
        match scope.key() {
            None => {
                at_least[0] = c
                    .prepare_cached("SELECT count(*) FROM volunteers WHERE deleted_at IS NULL")?
                    .query_row([], |r| r.get(0))?;
                let mut stmt = c.prepare_cached(
                    "SELECT count(*) FROM volunteer_search WHERE total_tenths >= ?1 AND live = 1",
                )?;
                for (i, h) in STAR_THRESHOLDS.iter().enumerate() {
                    at_least[i + 1] = stmt.query_row([h * 10], |r| r.get(0))?;
                }
            }
            Some(key) => {
                let mut stmt = c.prepare_cached(&format!(
                    "SELECT s.total_tenths FROM volunteers v
                     JOIN volunteer_search s ON s.volunteer_id = v.id
                     WHERE v.deleted_at IS NULL{}",
                    scope.volunteers_sql().replace("?3", "?1")
                ))?;
                let totals = stmt.query_map([key], |r| r.get::<_, i64>(0))?;
                for t in totals {
                    let t = t?;
                    at_least[0] += 1;
                    for (i, h) in STAR_THRESHOLDS.iter().enumerate() {
                        if t >= h * 10 {
                            at_least[i + 1] += 1;
                        }
                    }
                }
            }
        }
        Ok((0..=STAR_THRESHOLDS.len())
            .map(|level| Count {
                label: star_label(level as u8).to_string(),
                volunteers: at_least[level] - at_least.get(level + 1).copied().unwrap_or(0),
            })
            .collect())
    }
}

/// Who served in a period.
struct Served {
    count: i64,
    bands: Vec<Count>,
    top: Vec<TopVolunteer>,
}

impl Served {
    fn new(count: i64, bands: Vec<i64>, top: Vec<TopVolunteer>) -> Self {
        Served {
            count,
            bands: HOUR_BANDS
                .iter()
                .zip(bands)
                .map(|((label, _, _), volunteers)| Count {
                    label: label.to_string(),
                    volunteers,
                })
                .collect(),
            top,
        }
    }
}
