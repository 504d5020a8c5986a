//! The example-data generator: deterministic, valid, and shaped like a real street office.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::domain::calendar::second_saturday;
use volunteer_ledger::domain::{id_number, phone};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn generate(path: &Path, volunteers: u64, seed: u64) -> demo::DemoReport {
    let mut store = Store::open(path).unwrap();
    let opts = DemoOptions {
        volunteers,
        seed,
        today: today(),
    };
    demo::generate(&mut store, opts, &mut |_| true).unwrap()
}

/// Every row of every table except the per-installation settings, as text, in key order.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    for table in Table::ALL {
        if table == Table::Settings {
            continue;
        }
        let sql = format!("SELECT * FROM {} ORDER BY id", table.name());
        let mut stmt = conn.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut cells = Vec::with_capacity(n);
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(cells.join("|"))
            })
            .unwrap();
        for row in rows {
            out.push(format!("{}:{}", table.name(), row.unwrap()));
        }
    }
    out
}

#[test]
fn same_seed_gives_same_records_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.sqlite"),
        dir.path().join("b.sqlite"),
        dir.path().join("c.sqlite"),
    );
    let ra = generate(&a, 300, 7);
    let rb = generate(&b, 300, 7);
    generate(&c, 300, 8);
    assert_eq!(ra, rb);
    let (da, db, dc) = (dump(&a), dump(&b), dump(&c));
    assert!(da.len() > 2000, "{} rows", da.len());
    assert!(da == db, "same seed, different data");
    assert!(da != dc, "different seeds, same data");
}

#[test]
fn example_data_is_valid_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    let report = generate(&path, 2000, 1);
    assert_eq!(report.volunteers, 2000);
    assert_eq!(
        report.participations, 10_000,
        "five service records per volunteer"
    );
    let store = Store::open(&path).unwrap();
    store.integrity_check().unwrap();
    // The running totals, counted once at the end of the bulk load, are what the records say.
    common::assert_totals_true(&path);
    // The load does not look each reference up as it writes; every one leads to its record.
    {
        let conn = Connection::open(&path).unwrap();
        let dangling: Vec<String> = conn
            .prepare("PRAGMA foreign_key_check")
            .unwrap()
            .query_map([], |r| {
                Ok(format!(
                    "{}:{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?
                ))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(dangling.is_empty(), "{dangling:?}");
    }
    assert!(store.unit_name().unwrap().is_some());
    for table in Table::ALL {
        if matches!(table, Table::Attachments) {
            continue; // example data carries no files
        }
        assert!(
            store.count_live(table).unwrap() > 0,
            "{} is empty",
            table.name()
        );
    }
    drop(store);

    let conn = Connection::open(&path).unwrap();
    let mut stmt = conn
        .prepare("SELECT id_number, birth_date, gender, mobile, name FROM volunteers")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, NaiveDate>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .unwrap();
    let mut ids = BTreeSet::new();
    let mut mobiles = BTreeSet::new();
    let mut rare = 0;
    for row in rows {
        let (id, birth, gender, mobile, name) = row.unwrap();
        let info = id_number::parse(&id, today()).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(!info.legacy_15);
        assert!(
            info.address_code.starts_with("12"),
            "Tianjin address code: {id}"
        );
        assert_eq!(info.birth_date, birth, "{id}");
        assert_eq!(info.gender.label(), gender, "{id}");
        assert!(today().year() - birth.year() >= 16, "{id} too young");
        phone::validate_mobile(&mobile).unwrap();
        assert!(ids.insert(id.clone()), "duplicate ID {id}");
        assert!(mobiles.insert(mobile.clone()), "duplicate mobile {mobile}");
        if name
            .chars()
            .any(|c| "玥喆堃彧昇镕珺犇赟祎旻瑄璟".contains(c))
        {
            rare += 1;
        }
    }
    assert_eq!(ids.len(), 2000);
    assert!(rare > 50, "rare name characters appear ({rare})");

    // Every month of both years has 学雷锋志愿服务日 activities on its second Saturday.
    for year in [2025, 2026] {
        for month in 1..=12 {
            let sat = second_saturday(year, month).unwrap();
            let n: i64 = conn
                .query_row(
                    "SELECT count(*) FROM activities WHERE category = '学雷锋志愿服务日' AND date = ?1",
                    [sat],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(n >= 12, "{year}-{month}: {n}");
        }
    }
    // Activities after today are planned and have no hours yet.
    let future_hours: i64 = conn
        .query_row(
            "SELECT count(*) FROM participations p JOIN activities a ON a.id = p.activity_id
             WHERE a.date > '2026-11-29' OR a.status != '已完成'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(future_hours, 0);
    let trainings_in_may: i64 = conn
        .query_row(
            "SELECT count(*) FROM trainings WHERE strftime('%m', date) = '05'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(trainings_in_may, 8);
}

#[test]
fn the_cli_refuses_to_fill_a_database_that_has_volunteers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.sqlite");
    generate(&path, 10, 1);
    let err = volunteer_ledger::cli::run(
        Some(path.clone()),
        volunteer_ledger::cli::Command::Demo {
            volunteers: 10,
            seed: 1,
            today: Some(today()),
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("已有志愿者记录"), "{err}");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 10);
}

/// Every table and index as SQLite stores its definition.
fn schema(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn example_data_leaves_the_schema_exactly_as_migrations_made_it() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.sqlite");
    drop(Store::open(&fresh).unwrap());
    let filled = dir.path().join("filled.sqlite");
    generate(&filled, 50, 1);
    let (a, b) = (schema(&fresh), schema(&filled));
    assert!(
        a.iter()
            .any(|s| s.contains("idx_participation_rows_volunteer"))
    );
    assert_eq!(
        a, b,
        "indexes rebuilt by the bulk load match the migrations"
    );
}

#[test]
fn a_failed_bulk_load_keeps_the_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("failed.sqlite");
    let mut store = Store::open(&path).unwrap();
    let before = schema(&path);
    let result: volunteer_ledger::store::Result<()> = store.bulk_load(|_| {
        Err(volunteer_ledger::store::StoreError::Refused(
            "测试：中途失败".into(),
        ))
    });
    assert!(result.is_err());
    // References are checked again: a service record of nobody is refused.
    let mut stray = volunteer_ledger::store::activities::Participation {
        activity_id: "没有这场活动".into(),
        volunteer_id: "没有这个人".into(),
        ..Default::default()
    };
    assert!(store.insert(&mut stray).is_err());
    drop(store);
    assert_eq!(schema(&path), before);
}

#[test]
fn a_cancelled_load_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cancelled.sqlite");
    let mut store = Store::open(&path).unwrap();
    let before = dump(&path);
    let opts = DemoOptions {
        volunteers: 30_000,
        seed: 1,
        today: today(),
    };
    // Stopped at the second report (part-way through the volunteers).
    let mut calls = 0;
    let err = demo::generate(&mut store, opts, &mut |_| {
        calls += 1;
        calls < 3
    })
    .unwrap_err();
    assert!(
        matches!(err, volunteer_ledger::store::StoreError::Cancelled),
        "{err}"
    );
    assert_eq!(calls, 3);
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 0);
    assert_eq!(dump(&path), before);
    // And the file still takes example data whole.
    let report = demo::generate(&mut store, opts, &mut |_| true).unwrap();
    assert_eq!(report.volunteers, 30_000);
}
