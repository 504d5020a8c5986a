//! The volunteers who served: how many, by band of hours, the twenty with most hours, and the
//! star levels.

use chrono::{Datelike, NaiveDate};
use rusqlite::ToSql;

use super::pass::COUNTED;
use super::{Count, HOUR_BANDS, Scope, TopVolunteer};
use crate::domain::hours::Tenths;
use crate::domain::period::Period;
use crate::store::{Result, Store};

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
    /// The volunteers who served in the period: how many, by band of hours, and the twenty
    /// with most hours. A whole year of the whole unit reads the yearly running totals; whole
    /// months the monthly ones; anything else the service records.
    pub(super) fn served_volunteers(
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
    pub(super) fn stars(&self, scope: &Scope) -> Result<Vec<Count>> {
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
pub(super) struct Served {
    pub count: i64,
    pub bands: Vec<Count>,
    pub top: Vec<TopVolunteer>,
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
