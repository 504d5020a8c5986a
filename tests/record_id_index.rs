//! Schema version 29 (#22, goal 7): the service records' unique index holds the 16 bytes each
//! row keeps for its id instead of the 36 characters it shows. The step keeps every record as
//! the view showed it, gives an id one form, and stops, unchanged, on triggers it does not
//! know; the recycle bin and the record's form find a record by its id through the index,
//! whatever form the id has.
// Tests read the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use rusqlite::Connection;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Participation;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::migrations::LATEST;

fn one<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> T {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

/// The index's bytes, as SQLite's pages hold them after VACUUM.
fn index_bytes(db: &Path) -> i64 {
    Connection::open(db).unwrap().execute("VACUUM", []).unwrap();
    one(
        db,
        "SELECT sum(pgsize) FROM dbstat WHERE name = 'idx_participation_rows_id'",
    )
}

/// How the rows keep their ids: "type length" → count.
fn id_kinds(db: &Path) -> Vec<(String, i64)> {
    Connection::open(db)
        .unwrap()
        .prepare(
            "SELECT typeof(id) || ' ' || length(id), count(*) FROM participation_rows
             GROUP BY 1 ORDER BY 1",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The SQL of every index and trigger of the service records, by name.
fn record_schema(db: &Path) -> Vec<(String, String)> {
    common::schema_where(db, "tbl_name IN ('participation_rows', 'participations')")
}

#[test]
fn the_step_indexes_the_kept_id_and_every_record_stays_and_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v28.sqlite", 300, 7);
    let fresh = record_schema(&db);
    common::ids_as_v28(&Connection::open(&db).unwrap());
    // One id in our form kept as text (as no program writes it since schema 26), one in
    // another form.
    Connection::open(&db)
        .unwrap()
        .execute_batch(
            "UPDATE participation_rows SET id = lower(hex(substr(id, 1, 4)) || '-' ||
                 hex(substr(id, 5, 2)) || '-' || hex(substr(id, 7, 2)) || '-' ||
                 hex(substr(id, 9, 2)) || '-' || hex(substr(id, 11))) WHERE rowid = 3;
             UPDATE participation_rows SET id = 'legacy-0004' WHERE rowid = 4;",
        )
        .unwrap();
    assert_eq!(one::<i64>(&db, "PRAGMA user_version"), 28);
    let before = common::service_records(&db);
    let bytes_before = index_bytes(&db);
    let n = before.len() as i64;
    assert!(n > 1000, "{n} records");
    let turned: String = one(&db, "SELECT id FROM participation_rows WHERE rowid = 3");

    let mut seen = Vec::new();
    let mut store = Store::open_with(&db, &mut |p| seen.push(p)).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(
        common::service_records(&db),
        before,
        "every record as shown"
    );
    assert_eq!(
        id_kinds(&db),
        [("blob 16".to_string(), n - 1), ("text 11".to_string(), 1)]
    );
    // The index and the view's triggers as a new file has them.
    assert_eq!(record_schema(&db), fresh);
    // The index takes at most 60% of the room it took (45 → 26 bytes a record).
    let bytes_after = index_bytes(&db);
    assert!(
        bytes_after * 100 <= bytes_before * 60,
        "{bytes_before} → {bytes_after} bytes"
    );

    // Each form of id: found, to the recycle bin and back, changed through the view, removed
    // for good with its text listed for exchange packages.
    let all_live = store.count_live(Table::Participations).unwrap();
    for id in [turned.as_str(), "legacy-0004"] {
        let live = store.count_live(Table::Participations).unwrap();
        let p: Participation = store.get(id).unwrap();
        assert_eq!(p.meta.id, id);
        store.soft_delete(Table::Participations, id).unwrap();
        assert_eq!(store.count_live(Table::Participations).unwrap(), live - 1);
        let p: Participation = store.get(id).unwrap();
        assert!(p.meta.deleted_at.is_some());
        store.restore_deleted(Table::Participations, id).unwrap();
        assert_eq!(store.count_live(Table::Participations).unwrap(), live);
        Connection::open(&db)
            .unwrap()
            .execute(
                "UPDATE participations SET remark = '补记' WHERE id = ?1",
                [id],
            )
            .unwrap();
        let p: Participation = store.get(id).unwrap();
        assert_eq!(p.remark, "补记");
        // Removed for good as purging its activity removes it: through the view's trigger.
        Connection::open(&db)
            .unwrap()
            .execute("DELETE FROM participations WHERE id = ?1", [id])
            .unwrap();
        assert!(store.get::<Participation>(id).is_err());
        let listed: i64 = one(
            &db,
            &format!("SELECT count(*) FROM exchange_tombstones WHERE id = '{id}'"),
        );
        assert_eq!(listed, 1, "{id}");
    }
    assert_eq!(
        store.count_live(Table::Participations).unwrap(),
        all_live - 2
    );
    // An activity purged from the recycle bin takes its records along.
    let (activity, records): (String, i64) = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT activity_id, count(*) FROM participations GROUP BY 1 ORDER BY 2 DESC",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    store.soft_delete(Table::Activities, &activity).unwrap();
    store.purge(Table::Activities, &activity).unwrap();
    assert_eq!(
        one::<i64>(&db, "SELECT count(*) FROM participation_rows"),
        n - 2 - records
    );
    assert_eq!(
        one::<i64>(
            &db,
            "SELECT count(*) FROM exchange_tombstones WHERE tbl = 'participations'"
        ),
        2 + records
    );
    drop(store);
    common::assert_totals_true(&db);
}

#[test]
fn a_file_whose_record_view_triggers_differ_is_refused_before_the_index_step() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "odd28.sqlite", 60, 5);
    {
        let conn = Connection::open(&db).unwrap();
        common::ids_as_v28(&conn);
        conn.execute_batch(
            "DROP TRIGGER trg_participations_delete;
             CREATE TRIGGER trg_participations_delete INSTEAD OF DELETE ON participations
             BEGIN SELECT 1; END;",
        )
        .unwrap();
    }
    let err = Store::open(&db).err().expect("the upgrade must stop");
    assert!(
        err.to_string().contains("trg_participations_delete"),
        "{err}"
    );
    assert_eq!(one::<i64>(&db, "PRAGMA user_version"), 28);
    let index: String = one(
        &db,
        "SELECT sql FROM sqlite_master WHERE name = 'idx_participation_rows_id'",
    );
    assert!(index.contains("lower(hex("), "{index}");
}
