//! The figures of a period: activities, participations (人次), distinct volunteers, hours and
//! people served, by category and by month; the 学雷锋志愿服务日 of each month; the compliance
//! matrix of the fourteen categories; trainings, honors, information reports, new volunteers,
//! star levels and the volunteers with most hours. Counted activities are the live ones not
//! cancelled; their live service records count.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
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
    /// 编号
    pub number: String,
    /// 姓名
    pub name: String,
    /// Hours in the period.
    #[serde(serialize_with = "hours")]
    pub hours: Tenths,
}

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
    /// Trainings in May of the period's years, and the volunteers who attended.
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
}

/// Counted activities of the period (`?1`..`?2`).
const COUNTED: &str = "a.deleted_at IS NULL AND a.status != '已取消' AND a.date BETWEEN ?1 AND ?2";

impl Store {
    /// The report of a period.
    pub fn report(&self, period: &Period) -> Result<Report> {
        let c = self.conn();
        let (from, to) = (period.from, period.to);
        let one = |sql: &str| -> Result<i64> {
            Ok(c.prepare_cached(sql)?
                .query_row(rusqlite::params![from, to], |r| r.get(0))?)
        };
        // Per activity: participations and hours, summed by category and month.
        let mut stmt = c.prepare_cached(&format!(
            "SELECT a.category, substr(a.date, 1, 7), count(DISTINCT a.id), count(p.id),
                    coalesce(sum(p.hours_tenths), 0)
             FROM activities a
             LEFT JOIN participations p ON p.activity_id = a.id AND p.deleted_at IS NULL
             WHERE {COUNTED} GROUP BY 1, 2"
        ))?;
        let rows: Vec<(String, String, i64, i64, i64)> = stmt
            .query_map(rusqlite::params![from, to], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
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
        let mut total = Figures::default();
        for (category, month, activities, participations, tenths) in rows {
            let f = Figures {
                activities,
                participations,
                hours: Tenths(tenths),
            };
            for slot in [
                by_category.entry(category.clone()).or_default(),
                by_month.entry(month.clone()).or_default(),
                &mut total,
            ] {
                slot.activities += f.activities;
                slot.participations += f.participations;
                slot.hours = Tenths(slot.hours.0 + f.hours.0);
            }
            if let (Some(row), Some(i)) = (
                matrix.get_mut(&category),
                months.iter().position(|m| *m == month),
            ) {
                row[i] += activities;
            }
        }
        let served = one(&format!(
            "SELECT coalesce(sum(a.served_count), 0) FROM activities a WHERE {COUNTED}"
        ))?;
        // 学雷锋志愿服务日: the activities of that category in the period, by day and length.
        let mut stmt = c.prepare_cached(&format!(
            "SELECT a.date, a.start_time, a.end_time FROM activities a
             WHERE {COUNTED} AND a.category = '学雷锋志愿服务日'"
        ))?;
        let leifeng: Vec<(NaiveDate, String, String)> = stmt
            .query_map(rusqlite::params![from, to], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
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
               AND a.category IN ('关爱系列', '精准扶贫、乡村振兴') AND a.status = '已完成'
               AND NOT EXISTS (SELECT 1 FROM attachments x WHERE x.owner_kind = 'activities'
                               AND x.owner_id = a.id AND x.deleted_at IS NULL)"
        ))?;
        let may_trainings = one("SELECT count(*) FROM trainings t WHERE t.deleted_at IS NULL
               AND t.date BETWEEN ?1 AND ?2 AND substr(t.date, 6, 2) = '05'")?;
        let may_attendees = one("SELECT count(*) FROM training_attendance x
             JOIN trainings t ON t.id = x.training_id
             WHERE x.deleted_at IS NULL AND t.deleted_at IS NULL
               AND t.date BETWEEN ?1 AND ?2 AND substr(t.date, 6, 2) = '05'")?;
        let honors = one(
            "SELECT count(*) FROM honors WHERE deleted_at IS NULL AND awarded_on BETWEEN ?1 AND ?2",
        )?;
        let reports_sent = one(
            "SELECT count(*) FROM info_reports WHERE deleted_at IS NULL AND sent_on BETWEEN ?1 AND ?2",
        )?;
        let reports_adopted = one(
            "SELECT count(*) FROM info_reports WHERE deleted_at IS NULL AND adopted
               AND sent_on BETWEEN ?1 AND ?2",
        )?;
        let new_volunteers = one("SELECT count(*) FROM volunteers WHERE deleted_at IS NULL
               AND registered_on BETWEEN ?1 AND ?2")?;
        // One pass over the period's service records gives both the number of volunteers and
        // the top twenty (summing per volunteer first, looking names up for twenty only).
        let mut stmt = c.prepare_cached(&format!(
            "WITH per AS MATERIALIZED (
                 SELECT p.volunteer_id AS vid, sum(p.hours_tenths) AS h
                 FROM participations p JOIN activities a ON a.id = p.activity_id
                 WHERE p.deleted_at IS NULL AND {COUNTED} GROUP BY p.volunteer_id)
             SELECT (SELECT count(*) FROM per), v.number, v.name, per.h
             FROM per JOIN volunteers v ON v.id = per.vid AND v.deleted_at IS NULL
             ORDER BY per.h DESC, v.number LIMIT 20"
        ))?;
        let mut volunteers = 0;
        let top_volunteers = stmt
            .query_map(rusqlite::params![from, to], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    TopVolunteer {
                        number: r.get(1)?,
                        name: r.get(2)?,
                        hours: Tenths(r.get(3)?),
                    },
                ))
            })?
            .map(|row| {
                row.map(|(count, top)| {
                    volunteers = count;
                    top
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
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
            may_trainings,
            may_attendees,
            honors,
            reports_sent,
            reports_adopted,
            new_volunteers,
            top_volunteers,
        })
    }
}
