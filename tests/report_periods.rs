//! Who served, by every kind of period and scope: the report reads running totals (a year's, a
//! quarter's or a half's), monthly totals with the days around them, or the service records;
//! each way must give what plain SQL over the service records gives. And the schema step that
//! made the quarter and half-year totals fills them from a file's months.
// Tests read the file directly, beside the store, for the plain SQL.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;

use volunteer_ledger::domain::hours::STAR_THRESHOLDS;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::report::{HOUR_BANDS, Scope};

/// Each volunteer's hours in the period and scope, by plain SQL over the service records.
fn plain_sums(conn: &rusqlite::Connection, period: &Period, scope: &Scope) -> HashMap<String, i64> {
    let (cond, key) = match scope {
        Scope::All => ("", String::new()),
        Scope::Unit { id, .. } => (
            " AND (a.organizer_id = ?3 OR a.team_id IN (SELECT id FROM teams
                   WHERE unit_id = ?3 AND deleted_at IS NULL))",
            id.clone(),
        ),
        Scope::Team { id, .. } => (" AND a.team_id = ?3", id.clone()),
    };
    let sql = format!(
        "SELECT p.volunteer_id, sum(p.hours_tenths)
         FROM participations p JOIN activities a ON a.id = p.activity_id
         WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status = '已完成'
           AND a.date >= ?1 AND a.date <= ?2 AND (?3 = ?3){cond}
         GROUP BY p.volunteer_id"
    );
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map(
        rusqlite::params![period.from.to_string(), period.to.to_string(), key],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn every_kind_of_period_and_scope_counts_who_served_as_plain_sql_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "periods.sqlite", 400, 11);
    let store = Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let scopes = store.report_scopes().unwrap();
    let unit = scopes
        .iter()
        .find(|s| matches!(s, Scope::Unit { .. }))
        .unwrap();
    let team = scopes
        .iter()
        .find(|s| matches!(s, Scope::Team { .. }))
        .unwrap();
    let live: HashMap<String, ()> = conn
        .prepare("SELECT id FROM volunteers WHERE deleted_at IS NULL")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, ())))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut checked = 0;
    for text in [
        "2026",
        "2025",
        "2026H1",
        "2026H2",
        "2025H2",
        "2026Q1",
        "2026Q3",
        "2025Q4",
        "2026-03",
        "2026-02-01..2026-04-30",
        "2026-02-10..2026-05-20",
        "2025-11-15..2026-01-10",
        "2026-03-03..2026-03-20",
        "2025-01-01..2026-06-30",
    ] {
        let period = Period::parse(text).unwrap();
        for scope in [&Scope::All, unit, team] {
            let r = store.report_in(&period, scope).unwrap();
            let sums = plain_sums(&conn, &period, scope);
            let at = format!("{text} {}", scope.label());
            assert_eq!(r.volunteers, sums.len() as i64, "served, {at}");
            let bands: Vec<i64> = HOUR_BANDS
                .iter()
                .map(|(_, lo, hi)| sums.values().filter(|h| *h >= lo && *h < hi).count() as i64)
                .collect();
            let got: Vec<i64> = r.hour_bands.iter().map(|b| b.volunteers).collect();
            assert_eq!(got, bands, "bands, {at}");
            let mut top: Vec<i64> = sums
                .iter()
                .filter(|(id, _)| live.contains_key(*id))
                .map(|(_, h)| *h)
                .collect();
            top.sort_unstable_by(|a, b| b.cmp(a));
            top.truncate(20);
            let got: Vec<i64> = r.top_volunteers.iter().map(|t| t.hours.0).collect();
            assert_eq!(got, top, "top twenty, {at}");
            for t in &r.top_volunteers {
                assert_eq!(sums.get(&t.id), Some(&t.hours.0), "{} in {at}", t.name);
            }
            checked += r.volunteers;
        }
    }
    assert!(checked > 2000, "the example data served: {checked}");
}

#[test]
fn star_levels_of_a_village_count_its_live_volunteers_by_their_hours() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "stars.sqlite", 400, 5);
    let store = Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    for scope in store.report_scopes().unwrap() {
        let Scope::Unit { id, .. } = &scope else {
            continue;
        };
        let totals: Vec<i64> = conn
            .prepare(
                "SELECT coalesce((SELECT sum(p.hours_tenths) FROM participations p
                   JOIN activities a ON a.id = p.activity_id
                   WHERE p.volunteer_id = v.id AND p.deleted_at IS NULL
                     AND a.deleted_at IS NULL AND a.status = '已完成'), 0)
                 FROM volunteers v WHERE v.deleted_at IS NULL AND v.community_id = ?1",
            )
            .unwrap()
            .query_map([id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut levels = vec![0i64; STAR_THRESHOLDS.len() + 1];
        for t in &totals {
            levels[STAR_THRESHOLDS.iter().filter(|h| *t >= *h * 10).count()] += 1;
        }
        let r = store
            .report_in(&Period::parse("2026").unwrap(), &scope)
            .unwrap();
        let got: Vec<i64> = r.stars.iter().map(|c| c.volunteers).collect();
        assert_eq!(got, levels, "{}", scope.label());
    }
}

#[test]
fn the_schema_step_fills_quarters_and_half_years_from_the_months() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "v17.sqlite", 300, 3);
    let before = Store::open(&path)
        .unwrap()
        .report(&Period::parse("2026H1").unwrap())
        .unwrap();
    {
        // The file as schema version 17 left it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER trg_spans_insert; DROP TRIGGER trg_spans_update;
             DROP TRIGGER trg_spans_delete; DROP TABLE volunteer_spans;
             DROP INDEX idx_volunteer_years_served;
             CREATE INDEX idx_volunteers_id_number ON volunteers(id_number);
             CREATE INDEX idx_volunteers_mobile ON volunteers(mobile);
             CREATE INDEX idx_volunteer_years_hours ON volunteer_years(year, hours_tenths);
             DROP INDEX idx_volunteers_live_community;
             CREATE INDEX idx_volunteers_live_community ON volunteers(community_id, number)
                 WHERE deleted_at IS NULL;
             DROP INDEX idx_participations_activity_hours;
             DROP INDEX idx_activity_facts_team; DROP INDEX idx_activity_facts_organizer;
             PRAGMA user_version = 17;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let spans: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT count(*) FROM volunteer_spans", [], |r| r.get(0))
        .unwrap();
    assert!(spans > 300, "quarters and halves kept: {spans}");
    common::assert_totals_true(&path);
    let after = store.report(&Period::parse("2026H1").unwrap()).unwrap();
    assert_eq!(after, before);
}

#[test]
fn the_twenty_with_most_hours_skip_the_deleted_and_break_ties_by_number() {
    use common::{d, enrol, held, person, record};
    use volunteer_ledger::store::meta::Table;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("ties.sqlite")).unwrap();
    // 260 volunteers with 2 hours each in 2026 (more than a pass sets aside), the first five
    // numbers with 3 hours more, and three of those five deleted.
    let ids: Vec<String> = (0..260u16)
        .map(|i| {
            let v = person(&format!("T{i:04}"), "同分", d(1980, 1, 1), i + 1);
            enrol(&mut store, v)
        })
        .collect();
    let everyone: Vec<(&str, i64)> = ids.iter().map(|id| (id.as_str(), 20)).collect();
    record(&mut store, held("全员", "其他", d(2026, 3, 5)), &everyone);
    let five: Vec<(&str, i64)> = ids[..5].iter().map(|id| (id.as_str(), 30)).collect();
    record(&mut store, held("五人", "其他", d(2026, 8, 5)), &five);
    for id in &ids[..3] {
        store.soft_delete(Table::Volunteers, id).unwrap();
    }
    let want: Vec<(String, i64)> = ["T0003", "T0004"]
        .iter()
        .map(|n| (n.to_string(), 50))
        .chain((5..23).map(|i| (format!("T{i:04}"), 20)))
        .collect();
    for period in [
        "2026",
        "2026H1",
        "2026H2",
        "2026Q1",
        "2026Q3",
        "2026-03-01..2026-08-31",
    ] {
        let r = store.report(&Period::parse(period).unwrap()).unwrap();
        let got: Vec<(String, i64)> = r
            .top_volunteers
            .iter()
            .map(|t| (t.number.clone(), t.hours.0))
            .collect();
        match period {
            "2026" | "2026-03-01..2026-08-31" => assert_eq!(got, want, "{period}"),
            "2026H2" | "2026Q3" => {
                let only: Vec<(String, i64)> = vec![("T0003".into(), 30), ("T0004".into(), 30)];
                assert_eq!(got, only, "{period}")
            }
            _ => {
                let first: Vec<(String, i64)> = (3..23).map(|i| (format!("T{i:04}"), 20)).collect();
                assert_eq!(got, first, "{period}")
            }
        }
        let bands: i64 = r.hour_bands.iter().map(|c| c.volunteers).sum();
        assert_eq!(r.volunteers, bands, "{period}");
    }
}
