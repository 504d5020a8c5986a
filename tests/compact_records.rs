//! Compact service records (schema versions 24 and 26, #22 goal 7): the steps keep every record
//! as the view showed it, in fewer bytes; timestamps and ids in other forms stay as they were;
//! every way the program writes a record keeps the compact forms, and every lookup by id still
//! uses an index; exchange packages still carry text.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Reads the file as SQLite keeps it, apart from the program.
#![allow(clippy::disallowed_types)]

mod common;
use common::d;

use std::path::Path;

use rusqlite::Connection;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::migrations;

fn one<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> T {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// The bytes of the service records' table, as SQLite's pages hold them after VACUUM.
fn table_bytes(db: &Path) -> i64 {
    Connection::open(db).unwrap().execute("VACUUM", []).unwrap();
    one(
        db,
        "SELECT sum(pgsize) FROM dbstat WHERE name = 'participation_rows'",
    )
}

/// How the rows keep their timestamps and origin: (created_at, updated_at, origin) → count.
fn kept_types(db: &Path) -> Vec<(String, String, String, i64)> {
    Connection::open(db)
        .unwrap()
        .prepare(
            "SELECT typeof(created_at), typeof(updated_at), typeof(origin), count(*)
             FROM participation_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// How the rows keep their ids: (type, length) → count.
fn id_kinds(db: &Path) -> Vec<(String, i64, i64)> {
    Connection::open(db)
        .unwrap()
        .prepare(
            "SELECT typeof(id), length(id), count(*) FROM participation_rows
             GROUP BY 1, 2 ORDER BY 1, 2",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Every id kept as its 16 bytes.
fn all_ids_short(db: &Path) {
    let kinds = id_kinds(db);
    assert_eq!(kinds.len(), 1, "{kinds:?}");
    assert_eq!((kinds[0].0.as_str(), kinds[0].1), ("blob", 16), "{kinds:?}");
}

const OTHER_STATION: &str = "5f0c2d7e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

#[test]
fn the_steps_to_versions_24_and_26_keep_every_record_as_shown_in_less_room() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v23.sqlite", 300, 11);
    common::as_v20(&Connection::open(&db).unwrap());
    migrations::migrate_to(&mut Connection::open(&db).unwrap(), 23).unwrap();
    assert_eq!(one::<i64>(&db, "PRAGMA user_version"), 23);
    // Records as an older package may have left them: other forms of time, a date that is
    // not one, a time before 1970, milliseconds, another station.
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(&format!(
        "UPDATE participation_rows SET created_at = '2024-05-01 08:00:00' WHERE rowid = 1;
         UPDATE participation_rows SET updated_at = '2025-02-30T00:00:00.000Z' WHERE rowid = 2;
         UPDATE participation_rows SET created_at = '1969-12-31T23:59:59.999Z' WHERE rowid = 3;
         UPDATE participation_rows SET created_at = '2025-07-01T12:34:56.789Z',
                                       updated_at = '2025-07-01T12:34:57.001Z' WHERE rowid = 4;
         UPDATE participation_rows SET origin = '{OTHER_STATION}' WHERE rowid IN (5, 6);
         UPDATE participation_rows SET id = upper(id) WHERE rowid = 7;
         UPDATE participation_rows SET id = 'legacy-0008' WHERE rowid = 8;"
    ))
    .unwrap();
    drop(conn);
    let before = common::service_records(&db);
    let bytes_before = table_bytes(&db);
    assert!(before.len() > 1000, "{} records", before.len());

    let mut seen = Vec::new();
    let store = Store::open_with(&db, &mut |p| seen.push(p)).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::LATEST);
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    // The bar moves while the rows are copied (a tenth at a time), not only between parts.
    let copying = seen.iter().filter(|p| **p > 0.55 && **p < 0.875).count();
    assert!(copying >= 9, "{seen:?}");
    drop(store);
    assert_eq!(
        common::service_records(&db),
        before,
        "the view shows every record as it was"
    );

    // Only the three stamps not in our own form stayed text.
    let types = kept_types(&db);
    let text: i64 = types
        .iter()
        .filter(|(c, u, _, _)| c == "text" || u == "text")
        .map(|t| t.3)
        .sum();
    assert_eq!(text, 3, "{types:?}");
    assert!(types.iter().all(|t| t.2 == "integer"), "{types:?}");
    assert_eq!(
        one::<String>(
            &db,
            "SELECT typeof(created_at) || typeof(updated_at) FROM participation_rows
             WHERE rowid = 4"
        ),
        "integerinteger"
    );
    assert_eq!(
        one::<i64>(
            &db,
            "SELECT created_at FROM participation_rows WHERE rowid = 4"
        ),
        1_751_373_296_789
    );
    assert_eq!(
        one::<i64>(
            &db,
            &format!("SELECT count(*) FROM stations WHERE id = '{OTHER_STATION}'")
        ),
        1
    );
    // The ids in our form kept as their 16 bytes, the two in other forms as their text.
    assert_eq!(
        id_kinds(&db),
        [
            ("blob".to_string(), 16, before.len() as i64 - 2),
            ("text".to_string(), 11, 1),
            ("text".to_string(), 36, 1)
        ]
    );
    let id7: String = one(&db, "SELECT id FROM participation_rows WHERE rowid = 7");
    assert_eq!(id7, id7.to_uppercase());
    // The rows take at most 45% of the room they took (151 → 76 → 56 bytes a record on the
    // example data at district scale).
    let after = table_bytes(&db);
    assert!(
        after * 100 <= bytes_before * 45,
        "{bytes_before} → {after} bytes"
    );
    common::assert_totals_true(&db);
}

#[test]
fn every_write_keeps_the_compact_forms_and_packages_still_carry_text() {
    let dir = tempfile::tempdir().unwrap();
    let a_path = dir.path().join("a.sqlite");
    let mut a = Store::open(&a_path).unwrap();
    let born = d(1990, 1, 1);
    let wang = common::enrol(&mut a, common::person("ZY0000001", "王玥", born, 1));
    let li = common::enrol(&mut a, common::person("ZY0000002", "李喆", born, 2));
    let zhao = common::enrol(&mut a, common::person("ZY0000003", "赵堃", born, 3));
    let mut act = common::held("关爱空巢老人", "关爱系列", d(2026, 5, 9));
    let people = |list: &[(&String, i64)]| -> Vec<(String, Tenths)> {
        list.iter()
            .map(|(v, t)| ((*v).clone(), Tenths(*t)))
            .collect()
    };
    // Through the view's trigger (new records).
    a.save_activity(&mut act, &people(&[(&wang, 20), (&li, 30)]))
        .unwrap();
    let stamp = |who: &str| -> (String, String) {
        Connection::open(&a_path)
            .unwrap()
            .query_row(
                "SELECT created_at, updated_at FROM participations WHERE volunteer_id = ?1",
                [who],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
    };
    let first = stamp(&li);
    std::thread::sleep(std::time::Duration::from_millis(5));
    // Straight into the rows: hours changed, one taken off, one added.
    a.save_activity(&mut act, &people(&[(&wang, 25), (&zhao, 10)]))
        .unwrap();
    let (created, removed_at) = stamp(&li);
    assert_eq!(created, first.0);
    assert!(removed_at > first.1, "{first:?} → {removed_at}");
    std::thread::sleep(std::time::Duration::from_millis(5));
    // The platform's hours.
    assert!(
        a.set_participation_hours(&act.meta.id, &zhao, Tenths(15))
            .unwrap()
    );
    // The recycle bin, through the view's update trigger.
    let li_record: String = one(
        &a_path,
        &format!("SELECT id FROM participations WHERE volunteer_id = '{li}'"),
    );
    a.restore_deleted(Table::Participations, &li_record)
        .unwrap();
    let restored = stamp(&li);
    assert!(restored.1 > removed_at, "{removed_at} → {}", restored.1);
    for (_, stamp) in [stamp(&wang), stamp(&li), stamp(&zhao)] {
        assert!(
            chrono::NaiveDateTime::parse_from_str(&stamp, "%Y-%m-%dT%H:%M:%S%.3fZ").is_ok(),
            "{stamp}"
        );
    }
    let compact = vec![("integer".into(), "integer".into(), "integer".into(), 3)];
    assert_eq!(kept_types(&a_path), compact);
    all_ids_short(&a_path);
    assert_eq!(
        one::<String>(
            &a_path,
            "SELECT group_concat(origin) FROM (SELECT DISTINCT origin FROM participations)"
        ),
        a.origin()
    );

    // A package holds the text a package always held.
    let package = dir.path().join("a.vlx");
    a.export_exchange(&package, true, &mut |_| true).unwrap();
    let p = Connection::open(&package).unwrap();
    let declared: Vec<String> = p
        .prepare(
            "SELECT type FROM pragma_table_info('participations')
             WHERE name IN ('id', 'created_at', 'updated_at', 'origin')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(declared, ["TEXT"; 4]);
    let kinds: String = p
        .query_row(
            "SELECT group_concat(DISTINCT typeof(id) || length(id) || typeof(created_at) ||
                                 typeof(updated_at) || typeof(origin)) FROM participations",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kinds, "text36texttexttext");
    drop(p);

    // Another station reads it: the same records, kept compact, its station listed.
    let b_path = dir.path().join("b.sqlite");
    let mut b = Store::open(&b_path).unwrap();
    b.import_exchange(&package, &mut |_| true).unwrap();
    assert_eq!(
        common::service_records(&b_path),
        common::service_records(&a_path)
    );
    assert_eq!(kept_types(&b_path), compact);
    all_ids_short(&b_path);
    assert_eq!(
        one::<i64>(
            &b_path,
            &format!("SELECT count(*) FROM stations WHERE id = '{}'", a.origin())
        ),
        1
    );
    common::assert_totals_true(&b_path);
}

#[test]
fn example_data_written_in_bulk_is_compact_too() {
    let dir = tempfile::tempdir().unwrap();
    // The example data writes its service records straight into the rows, as another
    // station (its fixed origin) would have.
    let db = common::demo_db(dir.path(), "demo.sqlite", 200, 3);
    let types = kept_types(&db);
    assert_eq!(types.len(), 1, "{types:?}");
    assert_eq!(
        (
            types[0].0.as_str(),
            types[0].1.as_str(),
            types[0].2.as_str()
        ),
        ("integer", "integer", "integer")
    );
    assert!(types[0].3 > 500, "{types:?}");
    all_ids_short(&db);
    let origins: i64 = one(
        &db,
        "SELECT count(DISTINCT origin) FROM participations
         WHERE origin IN (SELECT id FROM stations)",
    );
    assert_eq!(origins, 1);
}

/// The query plan of `sql` on `conn`, one line per step.
fn plan(conn: &Connection, sql: &str) -> String {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let blanks = vec![""; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(blanks), |r| {
        r.get::<_, String>(3)
    })
    .unwrap()
    .collect::<rusqlite::Result<Vec<_>>>()
    .unwrap()
    .join("\n")
}

#[test]
fn a_record_is_found_by_its_id_through_an_index_and_ids_stay_unique() {
    use volunteer_ledger::store::compact::{record_id_out, record_row_is, record_shown};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ids.sqlite", 200, 5);
    let index = "idx_participation_rows_id (id=?)";
    let conn = Connection::open(&db).unwrap();
    // One record as the view shows it, as the program and exchange packages read it; the
    // rows themselves, as the view's triggers and the direct writes ask.
    for sql in [
        format!("SELECT * FROM {}", record_shown("?1")),
        format!(
            "UPDATE participation_rows SET remark = 'x' WHERE {}",
            record_row_is("?1")
        ),
        format!(
            "DELETE FROM participation_rows WHERE {}",
            record_row_is("?1")
        ),
    ] {
        let p = plan(&conn, &sql);
        assert!(p.contains(index), "{sql}: {p}");
        assert!(
            !p.contains("SCAN r") && !p.contains("SCAN participation_rows"),
            "{sql}: {p}"
        );
    }
    // The view's own `id = ?` reads every record (its id is computed): the program does not ask
    // it so (schema version 29).
    let by_view = plan(&conn, "SELECT * FROM participations WHERE id = ?1");
    assert!(!by_view.contains(index), "{by_view}");
    // A package's keys joined with ours, as its check of keys does (`exchange/validate.rs`).
    conn.execute_batch(
        "CREATE TEMP TABLE package_keys (id TEXT PRIMARY KEY, tbl TEXT);
         INSERT INTO package_keys SELECT id, 'x' FROM participations LIMIT 3;",
    )
    .unwrap();
    let joined = plan(
        &conn,
        &format!(
            "SELECT k.id, k.tbl FROM temp.package_keys k
             CROSS JOIN main.participation_rows m ON m.{} WHERE k.tbl <> 'participations'
             LIMIT 1",
            record_row_is("k.id")
        ),
    );
    assert!(joined.contains(index), "{joined}");
    // Every record read through the index as the view shows it, column for column.
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM participations")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(ids.len() > 500, "{}", ids.len());
    let row = |sql: &str, id: &str| -> Vec<rusqlite::types::Value> {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_row([id], |r| (0..n).map(|i| r.get(i)).collect())
            .unwrap()
    };
    let shown = format!("SELECT * FROM {}", record_shown("?1"));
    for id in &ids {
        assert_eq!(
            row(&shown, id),
            row("SELECT * FROM participations WHERE id = ?1", id),
            "{id}"
        );
    }

    // The same record: the text the view shows, found again by it, through the triggers.
    let (id, remark): (String, String) = conn
        .query_row(
            "SELECT id, remark FROM participations ORDER BY id LIMIT 1 OFFSET 17",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(id.len(), 36);
    let kept: String = conn
        .query_row(
            &format!(
                "SELECT {} FROM participation_rows WHERE {}",
                record_id_out("id"),
                record_row_is("?1")
            ),
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, id);
    // (A change made through the view's trigger is not counted: the remark read back says it.)
    conn.execute(
        "UPDATE participations SET remark = ?2 WHERE id = ?1",
        [&id, &format!("{remark}改")],
    )
    .unwrap();
    let changed: String = conn
        .query_row(
            "SELECT remark FROM participations WHERE id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(changed, format!("{remark}改"));
    // A second record with the same id is refused.
    let again = conn.execute(
        "INSERT INTO participations (id, activity_id, volunteer_id, hours_tenths, created_at,
                                     updated_at, origin)
         SELECT id, activity_id, volunteer_id, 10, created_at, updated_at, origin
         FROM participations WHERE id = ?1",
        [&id],
    );
    assert!(again.is_err(), "{again:?}");
    let count: i64 = conn
        .query_row(
            "SELECT count(*) FROM participations WHERE id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(count, 1);
    // Removed for good: the recycle bin's list of removals holds the text.
    conn.execute("DELETE FROM participations WHERE id = ?1", [&id])
        .unwrap();
    let gone: String = conn
        .query_row(
            "SELECT typeof(id) || ':' || id FROM exchange_tombstones WHERE tbl = 'participations'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gone, format!("text:{id}"));
}

#[test]
fn bulk_loads_keep_ids_as_the_sql_does() {
    use volunteer_ledger::store::compact::{record_id_bytes, record_id_in};
    let conn = Connection::open_in_memory().unwrap();
    let sql = format!("SELECT {}", record_id_in("?1"));
    let cases = [
        "0f8e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5b",
        "00000001-0007-8000-8000-00000000030a",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "0F8E6A4C-1B2D-4E3F-8A9B-0C1D2E3F4A5B",
        "0f8e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5B",
        "0f8e6a4c1-b2d-4e3f-8a9b-0c1d2e3f4a5b",
        "0f8e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5",
        "0f8e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5b0",
        "0f8e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a5g",
        "0f8e6a4c-1b2d-4e3f-8a9b+0c1d2e3f4a5b",
        "0f8e6a4c-1b2d-4e3f-8a9b-0c1d2e3f4a 5",
        "0f8e6a4c 1b2d-4e3f-8a9b-0c1d2e3f4a5b",
        "志愿服务台账志愿服务台账",
        "legacy-0008",
        "",
    ];
    for id in cases {
        let kept: rusqlite::types::Value = conn.query_row(&sql, [id], |r| r.get(0)).unwrap();
        let ours = match record_id_bytes(id) {
            Some(b) => rusqlite::types::Value::Blob(b.to_vec()),
            None => rusqlite::types::Value::Text(id.to_string()),
        };
        assert_eq!(ours, kept, "{id}");
    }
    assert!(record_id_bytes(cases[0]).is_some() && record_id_bytes(cases[4]).is_none());
}
