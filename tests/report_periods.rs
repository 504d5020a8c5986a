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

/// Turns the running totals back to the text keys of schema version 19 (their triggers stand
/// in by name: the step to version 20 drops them and makes its own).
fn totals_as_v19(conn: &rusqlite::Connection) {
    common::as_v20(conn);
    let mut sql = String::from(
        "DROP TRIGGER trg_totals_activity; DROP TRIGGER trg_totals_delete;
         DROP TRIGGER trg_totals_insert; DROP TRIGGER trg_totals_update;
         DROP TRIGGER trg_spans_insert; DROP TRIGGER trg_spans_update;
         DROP TRIGGER trg_spans_delete;",
    );
    for (table, column, index) in [
        ("volunteer_months", "month", ""),
        ("volunteer_years", "year", "idx_volunteer_years_served"),
        ("volunteer_spans", "span", "idx_volunteer_spans_served"),
    ] {
        // Version 20's key: 16 bytes of a UUID, or a text key.
        let key = "(CASE typeof(volunteer_key) WHEN 'blob' THEN lower(
                substr(hex(volunteer_key), 1, 8) || '-' || substr(hex(volunteer_key), 9, 4)
                || '-' || substr(hex(volunteer_key), 13, 4) || '-'
                || substr(hex(volunteer_key), 17, 4) || '-' || substr(hex(volunteer_key), 21))
            ELSE volunteer_key END)";
        sql += &format!(
            "CREATE TABLE text_keyed ({column} TEXT NOT NULL, volunteer_id TEXT NOT NULL,
                 participations INTEGER NOT NULL, hours_tenths INTEGER NOT NULL,
                 PRIMARY KEY ({column}, volunteer_id)) WITHOUT ROWID;
             INSERT INTO text_keyed
             SELECT {column}, {key}, participations, hours_tenths FROM {table};
             DROP TABLE {table};
             ALTER TABLE text_keyed RENAME TO {table};"
        );
        if !index.is_empty() {
            sql += &format!(
                "CREATE INDEX {index} ON {table}({column}, hours_tenths, participations)
                     WHERE participations > 0;"
            );
        }
    }
    sql += "CREATE TRIGGER trg_totals_activity AFTER UPDATE ON activities BEGIN SELECT 1; END;
            CREATE TRIGGER trg_totals_delete AFTER DELETE ON participations BEGIN SELECT 1; END;
            CREATE TRIGGER trg_totals_insert AFTER INSERT ON participations BEGIN SELECT 1; END;
            CREATE TRIGGER trg_totals_update AFTER UPDATE ON participations BEGIN SELECT 1; END;
            CREATE TRIGGER trg_spans_insert AFTER INSERT ON volunteer_months BEGIN SELECT 1; END;
            CREATE TRIGGER trg_spans_update AFTER UPDATE ON volunteer_months BEGIN SELECT 1; END;
            CREATE TRIGGER trg_spans_delete AFTER DELETE ON volunteer_months BEGIN SELECT 1; END;
            PRAGMA user_version = 19;";
    conn.execute_batch(&sql).unwrap();
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
        totals_as_v19(&conn);
        conn.execute_batch(
            "DROP TRIGGER trg_spans_insert; DROP TRIGGER trg_spans_update;
             DROP TRIGGER trg_spans_delete; DROP TABLE volunteer_spans;
             DROP INDEX idx_volunteer_years_served;
             CREATE INDEX idx_volunteers_id_number ON volunteers(id_number);
             CREATE INDEX idx_volunteers_mobile ON volunteers(mobile);
             CREATE INDEX idx_volunteer_years_hours ON volunteer_years(year, hours_tenths);
             DROP INDEX idx_volunteers_community;
             CREATE INDEX idx_volunteers_community ON volunteers(community_id);
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
fn the_schema_step_keeps_the_totals_with_short_keys_and_they_go_on_counting() {
    use common::{d, enrol, held, person, record};
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "v19.sqlite", 300, 5);
    let periods = ["2026", "2026H1", "2025Q3", "2026-03-07..2026-06-20"];
    let before: Vec<_> = {
        let store = Store::open(&path).unwrap();
        periods
            .iter()
            .map(|p| store.report(&Period::parse(p).unwrap()).unwrap())
            .collect()
    };
    let text_bytes = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        totals_as_v19(&conn);
        conn.query_row(
            "SELECT sum(length(volunteer_id)) FROM volunteer_spans",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
    };
    let mut store = Store::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    // Through version 20 (16 bytes) to version 21: each volunteer's short key.
    let (keys, others, orphans): (i64, i64, i64) = conn
        .query_row(
            "SELECT sum(typeof(volunteer_key) = 'integer'), sum(typeof(volunteer_key) != 'integer'),
                    sum(NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.key = volunteer_key))
             FROM volunteer_spans",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(
        keys > 300 && others == 0 && orphans == 0,
        "{keys} keys, {others} others, {orphans} orphans"
    );
    assert!(text_bytes > 300 * 36, "{text_bytes} bytes of text keys");
    common::assert_totals_true(&path);
    for (p, was) in periods.iter().zip(&before) {
        assert_eq!(
            &store.report(&Period::parse(p).unwrap()).unwrap(),
            was,
            "{p}"
        );
    }
    // The triggers of version 20 keep counting: a new volunteer's 3.5 hours in March 2026.
    let march = |s: &Store| s.report(&Period::parse("2026-03").unwrap()).unwrap();
    let was = march(&store);
    let v = enrol(&mut store, person("K0001", "钱玥", d(1990, 5, 5), 1));
    record(
        &mut store,
        held("三月新活动", "关爱系列", d(2026, 3, 15)),
        &[(v.as_str(), 35)],
    );
    common::assert_totals_true(&path);
    let now = march(&store);
    assert_eq!(now.volunteers, was.volunteers + 1);
    assert_eq!(now.hours.0, was.hours.0 + 35);
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

#[test]
fn a_volunteer_key_is_sixteen_bytes_only_for_a_uuid_as_this_program_writes_it() {
    // Schema version 20's key of the running totals; version 21 maps it back to each
    // volunteer's short key, which needs it one to one.
    use volunteer_ledger::store::totals::volunteer_key;
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let canonical = "0195f3a2-7c4e-7b10-9d2a-4f6e8a1b2c3d";
    // Each differs from the canonical key in one way; none may share its 16 bytes.
    let others = [
        "0195F3A2-7C4E-7B10-9D2A-4F6E8A1B2C3D",
        "0195f3a27c4e-7b10-9d2a-4f6e-8a1b2c3d",
        "0195f3a27c4e7b109d2a4f6e8a1b2c3d",
        "0195f3a2-7c4e-7b10-9d2a-4f6e8a1b2c3g",
        "Station-7",
        "a",
    ];
    let key = |id: &str| -> rusqlite::types::Value {
        conn.query_row(&format!("SELECT {}", volunteer_key("?1")), [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let k = key(canonical);
    assert!(
        matches!(&k, rusqlite::types::Value::Blob(b) if b.len() == 16),
        "{k:?}"
    );
    let rusqlite::types::Value::Blob(bytes) = &k else {
        unreachable!()
    };
    assert_eq!(
        uuid::Uuid::from_slice(bytes).unwrap().to_string(),
        canonical
    );
    for id in others {
        let k = key(id);
        assert_eq!(k, rusqlite::types::Value::Text(id.into()), "{id}");
    }
}
