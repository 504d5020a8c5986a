//! The volunteers who served: how many, by band of hours, the twenty with most hours, and the
//! star levels.

use chrono::{Datelike, NaiveDate};
use rusqlite::ToSql;

use super::pass::COUNTED;
use super::{Count, HOUR_BANDS, Scope, TopVolunteer};
use crate::domain::hours::Tenths;
use crate::domain::period::Period;
use crate::store::{Result, Store, period_key};

/// The running totals that hold the period whole, as (table, key column, key): a year
/// (`volunteer_years`), a quarter or a half year (`volunteer_spans`).
fn kept(period: &Period) -> Option<(&'static str, &'static str, i64)> {
    let (from, to) = (period.from, period.to);
    let y = from.year();
    if from.day() != 1 || to.year() != y || to.succ_opt()?.day() != 1 {
        return None;
    }
    match (from.month(), to.month()) {
        (1, 12) => Some(("volunteer_years", "year", period_key::year(y))),
        (1, 6) => Some(("volunteer_spans", "span", period_key::half(y, 1))),
        (7, 12) => Some(("volunteer_spans", "span", period_key::half(y, 2))),
        (f, t) if f % 3 == 1 && t == f + 2 => {
            Some(("volunteer_spans", "span", period_key::quarter(y, f / 3 + 1)))
        }
        _ => None,
    }
}

/// The SQL counting who served in a kept period (`table`, `column` of [`kept`]) with hours in
/// a band: a range of the totals table, which keeps them by (period, hours) (schema
/// version 32).
fn band_sql(table: &str, column: &str) -> String {
    format!(
        "SELECT count(*) FROM {table} WHERE {column} = ?1 AND participations > 0
           AND hours_tenths >= ?2 AND hours_tenths < ?3"
    )
}

/// The SQL of who served in a kept period, most hours first: the same table read backwards.
fn ranked_sql(table: &str, column: &str) -> String {
    format!(
        "SELECT volunteer_key, hours_tenths FROM {table}
         WHERE {column} = ?1 AND participations > 0 ORDER BY hours_tenths DESC"
    )
}

/// The whole months inside the period, first and last (their keys), and the days before and
/// after them that the months do not cover.
struct Months {
    first: i64,
    last: i64,
    edges: Vec<(NaiveDate, NaiveDate)>,
}

fn months_within(period: &Period) -> Option<Months> {
    let (from, to) = (period.from, period.to);
    let start = if from.day() == 1 {
        from
    } else {
        let next = from.checked_add_months(chrono::Months::new(1))?;
        NaiveDate::from_ymd_opt(next.year(), next.month(), 1)?
    };
    let after = to.succ_opt()?;
    let end = if after.day() == 1 {
        to
    } else {
        NaiveDate::from_ymd_opt(to.year(), to.month(), 1)?.pred_opt()?
    };
    if start > end {
        return None;
    }
    let mut edges = Vec::new();
    if start > from {
        edges.push((from, start.pred_opt()?));
    }
    if end < to {
        edges.push((end.succ_opt()?, to));
    }
    Some(Months {
        first: period_key::month(start),
        last: period_key::month(end),
        edges,
    })
}

/// Each volunteer's hours added up in memory, by the volunteer's short key (`volunteers.key`,
/// as the running totals and the service records hold it): added up by sorting, which at
/// district scale is quicker than a hash table (no allocation, memory read in order).
#[derive(Default)]
struct Sums {
    rows: Vec<(i64, i64)>,
}

impl Sums {
    /// Adds each (volunteer key, hours) row of `stmt`.
    fn add_rows(
        &mut self,
        stmt: &mut rusqlite::CachedStatement<'_>,
        params: &[&dyn ToSql],
    ) -> Result<()> {
        let mut rows = stmt.query(params)?;
        while let Some(r) = rows.next()? {
            self.rows.push((r.get(0)?, r.get(1)?));
        }
        Ok(())
    }

    /// How many volunteers, how many in each band of hours, and (volunteer key, hours) most
    /// hours first.
    fn counted(self) -> (i64, Vec<i64>, Vec<(i64, i64)>) {
        let mut per = self.rows;
        per.sort_unstable_by_key(|r| r.0);
        per.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 += next.1;
            }
            same
        });
        let bands = HOUR_BANDS
            .iter()
            .map(|(_, lo, hi)| per.iter().filter(|(_, h)| h >= lo && h < hi).count() as i64)
            .collect();
        per.sort_unstable_by_key(|p| std::cmp::Reverse(p.1));
        (per.len() as i64, bands, per)
    }
}

impl Store {
    /// The volunteers who served in the period: how many, by band of hours, and the twenty
    /// with most hours. A whole year, half year or quarter of the whole unit reads its
    /// running totals in their order of hours; whole months the monthly
    /// totals (and the service records of the days around them); a scope the service records.
    pub(super) fn served_volunteers(
        &self,
        period: &Period,
        scope: &Scope,
        params: &[&dyn ToSql],
    ) -> Result<Served> {
        let c = self.conn();
        if let (Scope::All, Some((table, column, key))) = (scope, kept(period)) {
            let mut stmt = c.prepare_cached(&band_sql(table, column))?;
            let bands = HOUR_BANDS
                .iter()
                .map(|(_, lo, hi)| stmt.query_row((&key, lo, hi), |r| r.get::<_, i64>(0)))
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            let count = bands.iter().sum();
            let mut stmt = c.prepare_cached(&ranked_sql(table, column))?;
            let rows = stmt.query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let top = self.top_twenty(rows)?;
            return Ok(Served::new(count, bands, top));
        }
        let mut sums = Sums::default();
        // The period's activities from their facts (date, whether counted, organiser and
        // team in one row each, and the activity's short key), then each one's live service
        // records from the index that holds the volunteer and the hours.
        let mut records = c.prepare_cached(&format!(
            "SELECT p.volunteer_ref, p.hours_tenths
             FROM activity_facts a CROSS JOIN participation_rows p
               ON p.activity_ref = a.activity_key AND p.deleted_at IS NULL
             WHERE {COUNTED}{}",
            scope.activities_sql()
        ))?;
        match (scope, months_within(period)) {
            (Scope::All, Some(months)) => {
                let mut stmt = c.prepare_cached(
                    "SELECT volunteer_key, hours_tenths FROM volunteer_months
                     WHERE month BETWEEN ?1 AND ?2 AND participations > 0",
                )?;
                sums.add_rows(&mut stmt, &[&months.first, &months.last])?;
                for (from, to) in &months.edges {
                    sums.add_rows(&mut records, &[from, to])?;
                }
            }
            _ => sums.add_rows(&mut records, params)?,
        }
        let (count, bands, per) = sums.counted();
        let top = self.top_twenty(per.into_iter().map(Ok))?;
        Ok(Served::new(count, bands, top))
    }

    /// The twenty live volunteers with most hours from (volunteer key, hours) in descending
    /// order of hours; ties by number.
    fn top_twenty(
        &self,
        rows: impl Iterator<Item = rusqlite::Result<(i64, i64)>>,
    ) -> Result<Vec<TopVolunteer>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, number, name FROM volunteers WHERE key = ?1 AND deleted_at IS NULL",
        )?;
        let mut top: Vec<TopVolunteer> = Vec::new();
        for row in rows {
            let (key, hours) = row?;
            if top.len() >= 20 && top.last().is_some_and(|t| t.hours.0 > hours) {
                break;
            }
            let found = stmt.query_row([key], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            });
            match found {
                Ok((id, number, name)) => top.push(TopVolunteer {
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
                // Everyone in scope from the index of live volunteers; those with a star from
                // the register's hours.
                let sv = scope.volunteers_sql().replace("?3", "?1");
                at_least[0] = c
                    .prepare_cached(&format!(
                        "SELECT count(*) FROM volunteers v WHERE v.deleted_at IS NULL{sv}"
                    ))?
                    .query_row([key], |r| r.get(0))?;
                // CROSS JOIN: the register's hours first (a scope holds many volunteers, few
                // with a star).
                let mut stmt = c.prepare_cached(&format!(
                    "SELECT s.total_tenths FROM volunteer_search s
                     CROSS JOIN volunteers v ON v.key = s.volunteer_key
                     WHERE s.total_tenths >= ?2 AND s.live = 1 AND v.deleted_at IS NULL{sv}"
                ))?;
                let first = STAR_THRESHOLDS[0] * 10;
                let totals = stmt.query_map((key, first), |r| r.get::<_, i64>(0))?;
                for t in totals {
                    let t = t?;
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

#[cfg(test)]
mod plans {
    use super::*;

    /// A year's, half year's or quarter's counts by band and its most hours read the kept
    /// totals in the order they are kept (by period and hours, schema version 32): no sorting
    /// and no reading of another period's rows.
    #[test]
    fn a_kept_period_reads_its_totals_in_order_of_hours() {
        let (_dir, store) = crate::store::plan_store();
        for (table, column) in [("volunteer_years", "year"), ("volunteer_spans", "span")] {
            let bands = crate::store::query_plan(store.conn(), &band_sql(table, column));
            let range = format!(
                "SEARCH {table} USING PRIMARY KEY ({column}=? AND hours_tenths>? AND hours_tenths<?)"
            );
            assert_eq!(bands, range);
            let ranked = crate::store::query_plan(store.conn(), &ranked_sql(table, column));
            assert_eq!(
                ranked,
                format!("SEARCH {table} USING PRIMARY KEY ({column}=?)")
            );
        }
    }
}
