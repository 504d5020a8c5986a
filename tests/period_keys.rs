//! Schema versions 27 and 28 (#22, goal 7): the running totals key their periods by integers,
//! and the activity facts their activity by its short key. Each step turns a file's keys with
//! every report unchanged, the counting triggers go on counting in the new form, and a file
//! whose triggers are not as the version before left them is refused, unchanged.
// Tests read the file directly, beside the store, for the plain SQL.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use rusqlite::Connection;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::migrations::LATEST;
use volunteer_ledger::store::report::Scope;

const PERIODS: [&str; 9] = [
    "2026",
    "2025",
    "2026H1",
    "2025H2",
    "2026Q1",
    "2025Q4",
    "2026-03",
    "2026-03-07..2026-06-20",
    "2025-11-15..2026-02-10",
];

/// How many keys of each total table are of each SQL type, as "table:type" counts.
fn key_types(conn: &Connection) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for (table, column) in [
        ("volunteer_months", "month"),
        ("volunteer_years", "year"),
        ("volunteer_spans", "span"),
    ] {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT '{table}:' || typeof({column}), count(*) FROM {table} GROUP BY 1"
            ))
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<Vec<(String, i64)>>>()
            .unwrap();
        out.extend(rows);
    }
    out
}

#[test]
fn the_step_keys_periods_by_integers_and_every_report_stays() {
    use common::{d, enrol, held, person, record};
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "v26.sqlite", 300, 7);
    let reports = |s: &Store| -> Vec<_> {
        PERIODS
            .iter()
            .map(|p| s.report(&Period::parse(p).unwrap()).unwrap())
            .collect()
    };
    let before = reports(&Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        common::facts_as_v27(&conn);
        common::periods_as_v26(&conn);
        let types = key_types(&conn);
        assert!(types.iter().all(|(t, _)| t.ends_with(":text")), "{types:?}");
        let (quarters, halves): (i64, i64) = conn
            .query_row(
                "SELECT sum(span GLOB '[0-9][0-9][0-9][0-9]Q[1-4]'),
                        sum(span GLOB '[0-9][0-9][0-9][0-9]H[12]') FROM volunteer_spans",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(quarters > 300 && halves > 300, "{quarters} / {halves}");
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    let conn = Connection::open(&path).unwrap();
    let types = key_types(&conn);
    assert_eq!(types.len(), 3, "{types:?}");
    assert!(
        types.iter().all(|(t, _)| t.ends_with(":integer")),
        "{types:?}"
    );
    // Each key in its form: months YYYYMM, quarters YYYY1-4, halves YYYY5-6.
    let bad: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM volunteer_months
                     WHERE month % 100 NOT BETWEEN 1 AND 12 OR month / 100 NOT BETWEEN 2000 AND 2100)
                  + (SELECT count(*) FROM volunteer_spans
                     WHERE span % 10 NOT BETWEEN 1 AND 6 OR span / 10 NOT BETWEEN 2000 AND 2100)
                  + (SELECT count(*) FROM volunteer_years WHERE year NOT BETWEEN 2000 AND 2100)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0);
    common::assert_totals_true(&path);
    let after = reports(&store);
    assert_eq!(after, before);
    // And each period's people and hours are what plain SQL over the records gives.
    for (p, r) in PERIODS.iter().zip(&after) {
        let period = Period::parse(p).unwrap();
        let plain: (i64, i64) = conn
            .query_row(
                "SELECT count(DISTINCT p.volunteer_id), coalesce(sum(p.hours_tenths), 0)
                 FROM participations p JOIN activities a ON a.id = p.activity_id
                 WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status = '已完成'
                   AND a.date BETWEEN ?1 AND ?2",
                [period.from.to_string(), period.to.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let banded: i64 = r.hour_bands.iter().map(|b| b.volunteers).sum();
        assert_eq!(
            (r.volunteers, banded, r.hours.0),
            (plain.0, plain.0, plain.1),
            "{p}"
        );
    }

    // The triggers count in the new form: a record, an activity moved to another quarter and
    // year, an activity removed.
    let march = |s: &Store| s.report(&Period::parse("2026Q1").unwrap()).unwrap();
    let was = march(&store);
    let v = enrol(&mut store, person("K0001", "钱玥", d(1990, 5, 5), 1));
    let a = record(
        &mut store,
        held("三月新活动", "关爱系列", d(2026, 3, 15)),
        &[(v.as_str(), 35)],
    );
    common::assert_totals_true(&path);
    let now = march(&store);
    assert_eq!(now.volunteers, was.volunteers + 1);
    assert_eq!(now.hours.0, was.hours.0 + 35);
    let mut moved: Activity = store.get(&a).unwrap();
    moved.date = d(2025, 12, 20);
    store
        .save_activity(&mut moved, &[(v.clone(), Tenths(35))])
        .unwrap();
    common::assert_totals_true(&path);
    let back = march(&store);
    assert_eq!(
        (back.volunteers, back.hours, back.participations),
        (was.volunteers, was.hours, was.participations)
    );
    let dec: i64 = conn
        .query_row(
            "SELECT hours_tenths FROM volunteer_spans s JOIN volunteers v ON v.key = s.volunteer_key
             WHERE v.id = ?1 AND s.span = 20254",
            [&v],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dec, 35);
    store.soft_delete(Table::Activities, &a).unwrap();
    common::assert_totals_true(&path);
    let year: i64 = conn
        .query_row(
            "SELECT coalesce(sum(y.hours_tenths), 0) FROM volunteer_years y
             JOIN volunteers v ON v.key = y.volunteer_key WHERE v.id = ?1",
            [&v],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(year, 0);
}

#[test]
fn a_file_whose_counting_triggers_differ_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "odd.sqlite", 60, 3);
    {
        let conn = Connection::open(&path).unwrap();
        common::facts_as_v27(&conn);
        common::periods_as_v26(&conn);
        conn.execute_batch(
            "DROP TRIGGER trg_spans_insert;
             CREATE TRIGGER trg_spans_insert AFTER INSERT ON volunteer_months BEGIN SELECT 1; END;",
        )
        .unwrap();
    }
    let err = Store::open(&path).err().expect("the upgrade must stop");
    assert!(
        err.to_string().contains("trg_spans_insert"),
        "the message names the trigger: {err}"
    );
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 26);
    let types = key_types(&conn);
    assert!(types.iter().all(|(t, _)| t.ends_with(":text")), "{types:?}");
}

#[test]
fn the_facts_step_keys_each_activity_by_its_short_key_and_every_report_stays() {
    use common::{d, enrol, held, person, record};
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "v27.sqlite", 300, 11);
    let reports = |s: &Store| -> Vec<_> {
        PERIODS
            .iter()
            .map(|p| s.report(&Period::parse(p).unwrap()).unwrap())
            .collect()
    };
    let year = Period::parse("2026").unwrap();
    let (before, ledger) = {
        let s = Store::open(&path).unwrap();
        (
            reports(&s),
            s.ledger_activities(&year, &Scope::All).unwrap(),
        )
    };
    let facts = |conn: &Connection| -> (i64, String) {
        conn.query_row(
            "SELECT count(*), (SELECT group_concat(name) FROM pragma_table_info('activity_facts')
                               WHERE name LIKE 'activity_%') FROM activity_facts",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    let live = {
        let conn = Connection::open(&path).unwrap();
        common::facts_as_v27(&conn);
        let (n, column) = facts(&conn);
        assert_eq!(column, "activity_id");
        n
    };
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    let conn = Connection::open(&path).unwrap();
    assert_eq!(facts(&conn), (live, "activity_key".to_string()));
    let strays: i64 = conn
        .query_row(
            "SELECT count(*) FROM activity_facts f LEFT JOIN activities a ON a.key = f.activity_key
             WHERE a.key IS NULL OR a.deleted_at IS NOT NULL OR a.date <> f.date",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(strays, 0);
    common::assert_totals_true(&path);
    assert_eq!(reports(&store), before);
    assert_eq!(store.ledger_activities(&year, &Scope::All).unwrap(), ledger);

    // The triggers keep the facts by the key: a new activity with a record, one no longer
    // held, one moved to another day, one purged.
    let v = enrol(&mut store, person("K0002", "赵喆", d(1988, 2, 2), 2));
    let a = record(
        &mut store,
        held("新活动", "关爱系列", d(2026, 4, 4)),
        &[(v.as_str(), 20)],
    );
    common::assert_totals_true(&path);
    let mut moved: Activity = store.get(&a).unwrap();
    moved.date = d(2026, 4, 5);
    store
        .save_activity(&mut moved, &[(v.clone(), Tenths(25))])
        .unwrap();
    common::assert_totals_true(&path);
    let day: (String, i64) = conn
        .query_row(
            "SELECT f.date, f.hours_tenths FROM activity_facts f
             JOIN activities a ON a.key = f.activity_key WHERE a.id = ?1",
            [&a],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(day, ("2026-04-05".to_string(), 25));
    store.soft_delete(Table::Activities, &a).unwrap();
    store.purge(Table::Activities, &a).unwrap();
    common::assert_totals_true(&path);
    assert_eq!(facts(&conn).0, live);
}

#[test]
fn a_file_whose_record_triggers_differ_is_refused_before_the_facts_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "odd27.sqlite", 60, 5);
    {
        let conn = Connection::open(&path).unwrap();
        common::facts_as_v27(&conn);
        conn.execute_batch(
            "DROP TRIGGER trg_totals_insert;
             CREATE TRIGGER trg_totals_insert AFTER INSERT ON participation_rows
             BEGIN SELECT 1; END;",
        )
        .unwrap();
    }
    let err = Store::open(&path).err().expect("the upgrade must stop");
    assert!(err.to_string().contains("trg_totals_insert"), "{err}");
    let conn = Connection::open(&path).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 27);
    let column: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('activity_facts') WHERE name = 'activity_id'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(column, 1);
}

/// Each month's year, quarter and half year (the periods its triggers keep, schema version
/// 32) list exactly the months with the same key: all of them, and none of another period.
#[test]
fn each_kept_period_lists_the_months_of_its_key() {
    use volunteer_ledger::store::period_key::KEPT;
    let conn = Connection::open_in_memory().unwrap();
    for k in &KEPT {
        for month in (1..=12).map(|m| 202500 + m) {
            let key: i64 = conn
                .query_row(
                    &format!("SELECT {}", (k.key_of_month)("?1")),
                    [month],
                    |r| r.get(0),
                )
                .unwrap();
            // The months of 2025 and one on each side.
            let near = "[202412,202501,202502,202503,202504,202505,202506,202507,202508,\
                        202509,202510,202511,202512,202601]";
            let listed: Vec<i64> = conn
                .prepare(&format!(
                    "SELECT value FROM json_each('{near}') WHERE value IN {} ORDER BY value",
                    k.months_with("?1")
                ))
                .unwrap()
                .query_map([month], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let same: Vec<i64> = (202501..=202512)
                .filter(|m| {
                    conn.query_row(&format!("SELECT {}", (k.key_of_month)("?1")), [m], |r| {
                        r.get::<_, i64>(0)
                    })
                    .unwrap()
                        == key
                })
                .collect();
            assert_eq!(listed, same, "{} of {month}", k.column);
        }
    }
}
