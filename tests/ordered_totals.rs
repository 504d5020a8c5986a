//! Schema version 32: each volunteer's year, quarter and half year kept in order of hours, from
//! the months, with no second index; every total as before, moved by every kind of change.
// Tests read and change the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use rusqlite::Connection;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::totals::drift_in_file;

/// Every (period, volunteer, services, hours) of the years and spans, in one order.
fn totals(db: &Path) -> Vec<(i64, i64, i64, i64)> {
    Connection::open(db)
        .unwrap()
        .prepare(
            "SELECT year, volunteer_key, participations, hours_tenths FROM volunteer_years
             UNION ALL
             SELECT span, volunteer_key, participations, hours_tenths FROM volunteer_spans
             ORDER BY 1, 2",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The SQL of the totals' tables, indexes and triggers, by name.
fn totals_schema(db: &Path) -> Vec<(String, String)> {
    common::schema_where(
        db,
        "tbl_name IN ('volunteer_years', 'volunteer_spans', 'volunteer_months')
         OR name LIKE 'trg_totals_%'",
    )
}

const PERIODS: [&str; 6] = ["2026", "2026H1", "2026H2", "2026Q3", "2025", "2025Q4"];

fn reports(store: &Store) -> Vec<String> {
    PERIODS
        .iter()
        .map(|p| format!("{:?}", store.report(&Period::parse(p).unwrap()).unwrap()))
        .collect()
}

/// No running total differs from a recount of the service records.
fn whole(db: &Path, after: &str) {
    let drift = drift_in_file(db).unwrap();
    assert!(drift.is_empty(), "{after}: {drift:?}");
}

#[test]
fn the_step_keeps_every_total_in_order_of_hours_and_the_triggers_keep_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v31.sqlite", 300, 11);
    let fresh = totals_schema(&db);
    let before_totals = totals(&db);
    let before_reports = reports(&Store::open(&db).unwrap());
    assert!(before_totals.len() > 500, "{}", before_totals.len());

    let conn = Connection::open(&db).unwrap();
    common::totals_as_v31(&conn);
    // Schema 31 left a row at nought when a volunteer's only service of a year went.
    conn.execute_batch(
        "INSERT INTO volunteer_years VALUES (2019, 1, 0, 0);
         INSERT INTO volunteer_spans VALUES (20191, 1, 0, 0);",
    )
    .unwrap();
    drop(conn);

    let store = Store::open(&db).unwrap();
    assert_eq!(totals_schema(&db), fresh);
    assert_eq!(totals(&db), before_totals);
    assert_eq!(reports(&store), before_reports);
    whole(&db, "升级后");
    drop(store);

    // Every kind of change moves the years and spans with the months.
    let conn = Connection::open(&db).unwrap();
    let (activity, date): (i64, String) = conn
        .query_row(
            "SELECT key, date FROM activities WHERE counted AND date LIKE '2026-0%'
               AND key IN (SELECT activity_ref FROM participation_rows WHERE deleted_at IS NULL)
             ORDER BY key LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let steps = [
        (
            "改时长",
            "UPDATE participation_rows SET hours_tenths = hours_tenths + 7
                    WHERE activity_ref = ?1",
        ),
        (
            "删记录",
            "UPDATE participation_rows SET deleted_at = '2026-11-01T00:00:00.000Z'
                    WHERE rowid = (SELECT min(rowid) FROM participation_rows
                                   WHERE activity_ref = ?1)",
        ),
        (
            "恢复",
            "UPDATE participation_rows SET deleted_at = NULL WHERE activity_ref = ?1",
        ),
        (
            "改到另一年",
            "UPDATE activities SET date = '2025-12-31' WHERE key = ?1",
        ),
        (
            "改到另一季",
            "UPDATE activities SET date = '2026-08-15' WHERE key = ?1",
        ),
        (
            "取消",
            "UPDATE activities SET status = '已取消' WHERE key = ?1",
        ),
        (
            "完成",
            "UPDATE activities SET status = '已完成' WHERE key = ?1",
        ),
        (
            "彻底删除记录",
            "DELETE FROM participation_rows WHERE rowid = (SELECT max(rowid)
                          FROM participation_rows WHERE activity_ref = ?1)",
        ),
    ];
    for (what, sql) in steps {
        conn.execute(sql, [activity]).unwrap();
        whole(&db, what);
    }
    conn.execute(
        "UPDATE activities SET date = ?2 WHERE key = ?1",
        rusqlite::params![activity, date],
    )
    .unwrap();
    whole(&db, "改回原日期");
    // A month's volunteer and month are fixed: moving one would leave its periods behind.
    let err = conn
        .execute(
            "UPDATE volunteer_months SET month = month + 1
                  WHERE month = (SELECT max(month) FROM volunteer_months)",
            [],
        )
        .unwrap_err();
    assert!(err.to_string().contains("月份和志愿者不能更改"), "{err}");
    // Who served in a year, most hours first, read in the table's own order.
    let ordered: Vec<i64> = conn
        .prepare("SELECT hours_tenths FROM volunteer_years WHERE year = 2026")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(ordered.windows(2).all(|w| w[0] <= w[1]));
    let none: i64 = conn
        .query_row(
            "SELECT count(*) FROM volunteer_years WHERE participations <= 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(none, 0);
}

#[test]
fn the_step_stops_on_a_counting_trigger_it_does_not_know() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v31.sqlite", 30, 12);
    let conn = Connection::open(&db).unwrap();
    common::totals_as_v31(&conn);
    conn.execute_batch(
        "DROP TRIGGER trg_totals_insert;
         CREATE TRIGGER trg_totals_insert AFTER INSERT ON participation_rows
         BEGIN SELECT 1; END;",
    )
    .unwrap();
    drop(conn);
    let err = match Store::open(&db) {
        Ok(_) => panic!("升级应当停止"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("trg_totals_insert"), "{err}");
    let conn = Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 31);
    let served: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'idx_volunteer_years_served'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(served, 1);
}
