//! The figures beside the activities: 学雷锋志愿服务日 month by month, materials missing,
//! trainings, honors, information reports and new registrations.

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, ToSql};

use super::pass::COUNTED;
use super::{LeiFengDay, Scope};
use crate::domain::calendar::second_saturday;
use crate::domain::hours::Tenths;
use crate::domain::period::Period;
use crate::store::Result;

/// The counts of the paperwork of a period.
pub(super) struct Paperwork {
    pub without_materials: i64,
    pub trainings: i64,
    pub training_attendees: i64,
    pub training_hours: Tenths,
    pub may_trainings: i64,
    pub may_attendees: i64,
    pub honors: i64,
    pub reports_sent: i64,
    pub reports_adopted: i64,
    pub new_volunteers: i64,
}

fn one(c: &Connection, sql: &str, params: &[&dyn ToSql]) -> Result<i64> {
    Ok(c.prepare_cached(sql)?.query_row(params, |r| r.get(0))?)
}

/// 学雷锋志愿服务日: the activities of that category in the period, by day and length, month by
/// month.
pub(super) fn leifeng_days(
    c: &Connection,
    period: &Period,
    scope: &Scope,
    params: &[&dyn ToSql],
) -> Result<Vec<LeiFengDay>> {
    let sa = scope.activities_sql();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT a.date, a.start_time, a.end_time FROM activities a
         WHERE {COUNTED} AND a.category = '学雷锋志愿服务日'{sa}"
    ))?;
    let leifeng: Vec<(NaiveDate, String, String)> = stmt
        .query_map(params, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(period
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
        .collect())
}

/// Materials missing, trainings, honors, information reports and new registrations.
pub(super) fn paperwork(c: &Connection, scope: &Scope, params: &[&dyn ToSql]) -> Result<Paperwork> {
    let sa = scope.activities_sql();
    let one = |sql: &str| one(c, sql, params);
    // The scope first: a cheap test of the row before the search of its attachments.
    let without_materials = one(&format!(
        "SELECT count(*) FROM activities a WHERE {COUNTED}
           AND a.category IN ('关爱系列', '精准扶贫、乡村振兴'){sa}
           AND NOT EXISTS (SELECT 1 FROM attachments x WHERE x.owner_kind = 'activities'
                           AND x.owner_id = a.id AND x.deleted_at IS NULL)"
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
            " AND (EXISTS (SELECT 1 FROM volunteers v WHERE v.id = h.volunteer_id
                           AND v.community_id = ?3)
                   OR EXISTS (SELECT 1 FROM teams t WHERE t.id = h.team_id AND t.unit_id = ?3))"
        }
        Scope::Team { .. } => {
            " AND (h.team_id = ?3 OR EXISTS (SELECT 1 FROM team_members m
                   WHERE m.volunteer_id = h.volunteer_id AND m.team_id = ?3
                     AND m.deleted_at IS NULL))"
        }
    };
    let honors = one(&format!(
        "SELECT count(*) FROM honors h WHERE h.deleted_at IS NULL
           AND h.awarded_on BETWEEN ?1 AND ?2{honors_in}"
    ))?;
    let reports_in = match scope {
        Scope::All => String::new(),
        _ => format!(
            " AND EXISTS (SELECT 1 FROM activities a
                          WHERE a.id = r.activity_id AND a.deleted_at IS NULL{sa})"
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
    Ok(Paperwork {
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
    })
}
