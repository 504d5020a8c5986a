//! The figures of a period: activities, participations (人次), distinct volunteers, hours and
//! people served, by category and by month; the 学雷锋志愿服务日 of each month; the compliance
//! matrix of the fourteen categories; trainings, honors, information reports, new volunteers,
//! star levels and the volunteers with most hours. Counted activities are the live ones not
//! cancelled; their live service records count.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::ToSql;
use serde::Serialize;

use super::{Result, Store};

mod paperwork;
mod pass;
mod served;
use crate::domain::hours::Tenths;
use crate::domain::period::Period;
use paperwork::{leifeng_days, paperwork};
use pass::activity_pass;

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
    pub(crate) fn key(&self) -> Option<&str> {
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
    /// Held activities of the period marked entered into a platform (已录入平台).
    pub entered: i64,
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

impl Store {
    /// The report of a period for the whole unit.
    pub fn report(&self, period: &Period) -> Result<Report> {
        self.report_in(period, &Scope::All)
    }

    /// The report of a period for a scope.
    pub fn report_in(&self, period: &Period, scope: &Scope) -> Result<Report> {
        self.map_for_reading()?;
        let c = self.conn();
        let (from, to) = (period.from, period.to);
        let key = scope.key().map(str::to_owned);
        let params: Vec<&dyn ToSql> = match &key {
            None => vec![&from, &to],
            Some(k) => vec![&from, &to, k],
        };
        let pass = activity_pass(c, period, scope, &params)?;
        let leifeng_days = leifeng_days(c, period, scope, &params)?;
        let paper = paperwork(c, scope, &params)?;
        let served_by = self.served_volunteers(period, scope, &params)?;
        let volunteers = served_by.count;
        let hours_per_volunteer = if volunteers > 0 {
            Tenths((pass.total.hours.0 + volunteers / 2) / volunteers)
        } else {
            Tenths(0)
        };
        let stars = self.stars(scope)?;
        Ok(Report {
            period: period.label.clone(),
            from,
            to,
            activities: pass.total.activities,
            participations: pass.total.participations,
            volunteers,
            hours: pass.total.hours,
            served: pass.served,
            by_category: pass.by_category,
            by_month: pass.by_month,
            matrix: pass.matrix,
            leifeng_days,
            without_materials: paper.without_materials,
            entered: c
                .prepare_cached(&format!(
                    "SELECT count(*) FROM activity_facts a
                     JOIN activities k ON k.key = a.activity_key
                     JOIN platform_entries e ON e.activity_id = k.id AND e.deleted_at IS NULL
                     WHERE a.date BETWEEN ?1 AND ?2 AND a.counted{}",
                    scope.activities_sql()
                ))?
                .query_row(params.as_slice(), |r| r.get(0))?,
            trainings: paper.trainings,
            training_attendees: paper.training_attendees,
            training_hours: paper.training_hours,
            may_trainings: paper.may_trainings,
            may_attendees: paper.may_attendees,
            honors: paper.honors,
            reports_sent: paper.reports_sent,
            reports_adopted: paper.reports_adopted,
            new_volunteers: paper.new_volunteers,
            top_volunteers: served_by.top,
            scope: scope.label().to_string(),
            by_unit: pass.by_unit,
            by_team: pass.by_team,
            by_key_date: pass.by_key_date,
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
}
