//! Narrower indexes of the activities (#22, goal 7). Schema version 31: the list's indexes by
//! title, category, location and status no longer hold each activity's id; ties in those orders
//! go by the activity's short key. Schema version 33: no index by organiser or team; what used
//! them alone, a team removed for good, still clears every activity's link to it.
// Tests read and change the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use rusqlite::Connection;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::ActivityFilter;
use volunteer_ledger::store::meta::Table;

const SORTED: [&str; 4] = ["title", "category", "location", "status"];

/// Each sort index's SQL and its bytes, by name.
fn indexes(db: &Path) -> Vec<(String, String, i64)> {
    Connection::open(db)
        .unwrap()
        .prepare(
            "SELECT m.name, m.sql, (SELECT sum(pgsize) FROM dbstat d WHERE d.name = m.name)
             FROM sqlite_master m WHERE m.name LIKE 'idx_activities_live_%' ORDER BY m.name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// Every live activity's (column value, start time, short key, id) in the list's order by
/// `column` (1‥4 of the list's sorts), as the database holds them.
fn expected(db: &Path, column: &str, descending: bool) -> Vec<String> {
    let dir = if descending { "DESC" } else { "ASC" };
    Connection::open(db)
        .unwrap()
        .prepare(&format!(
            "SELECT id FROM activities NOT INDEXED WHERE deleted_at IS NULL
             ORDER BY {column} {dir}, start_time {dir}, key {dir}"
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn the_step_narrows_the_sort_indexes_and_every_order_is_whole_and_stable() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v30.sqlite", 300, 5);
    let fresh = indexes(&db);
    // Two activities with the same title and start time, entered in one order but with ids
    // the other way round: the tie goes by the order entered (the short key).
    let conn = Connection::open(&db).unwrap();
    for id in ["ffff-entered-first", "0000-entered-second"] {
        conn.execute(
            "INSERT INTO activities (id, title, category, date, start_time, status,
                                     created_at, updated_at, origin)
             SELECT ?1, '同名活动', category, date, '09:00', status, created_at, updated_at,
                    origin
             FROM activities WHERE deleted_at IS NULL ORDER BY key LIMIT 1",
            [id],
        )
        .unwrap();
    }
    // The file as schema version 30 left it.
    common::totals_as_v31(&conn);
    for name in SORTED {
        conn.execute_batch(&format!(
            "DROP INDEX idx_activities_live_{name};
             CREATE INDEX idx_activities_live_{name} ON activities({name}, start_time, id)
                 WHERE deleted_at IS NULL;"
        ))
        .unwrap();
    }
    conn.execute_batch("PRAGMA user_version = 30").unwrap();
    drop(conn);
    let old = indexes(&db);

    let store = Store::open(&db).unwrap();
    let new = indexes(&db);
    for ((name, sql, bytes), (_, fresh_sql, _)) in new.iter().zip(&fresh) {
        assert_eq!(sql, fresh_sql, "{name}");
        let before = old.iter().find(|o| &o.0 == name).unwrap().2;
        assert!(*bytes < before, "{name}: {bytes} ≥ {before}");
    }
    assert_eq!(new.len(), 4);

    let all = store.activity_count(&ActivityFilter::default()).unwrap() as usize;
    assert!(all > 20, "{all}");
    for (i, name) in SORTED.iter().enumerate() {
        for descending in [false, true] {
            let filter = ActivityFilter {
                sort: Some((i + 1, descending)),
                ..ActivityFilter::default()
            };
            // Page by page, as the list reads it.
            let mut shown = Vec::new();
            while shown.len() < all {
                let page = store.activity_page(&filter, shown.len(), 50).unwrap();
                assert!(!page.is_empty(), "{name}: {} of {all}", shown.len());
                shown.extend(page.into_iter().map(|r| r.id));
            }
            let want = expected(&db, name, descending);
            let first_wrong = shown.iter().zip(&want).position(|(a, b)| a != b);
            assert_eq!(
                first_wrong, None,
                "{name} {descending}: the first out of place"
            );
            assert_eq!(shown.len(), want.len(), "{name} {descending}");
        }
    }
    let by_title = ActivityFilter {
        sort: Some((1, false)),
        text: "同名活动".into(),
        ..ActivityFilter::default()
    };
    let ids: Vec<String> = store
        .activity_page(&by_title, 0, 10)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, ["ffff-entered-first", "0000-entered-second"]);
}

#[test]
fn a_team_removed_for_good_leaves_its_activities_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v33.sqlite", 300, 6);
    let count = |sql: &str, id: &str| -> i64 {
        Connection::open(&db)
            .unwrap()
            .query_row(sql, [id], |r| r.get(0))
            .unwrap()
    };
    let team: String = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT team_id FROM activities WHERE team_id IS NOT NULL AND deleted_at IS NULL
             GROUP BY team_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let led = count("SELECT count(*) FROM activities WHERE team_id = ?1", &team);
    assert!(led > 3, "{led}");
    let mut store = Store::open(&db).unwrap();
    store.soft_delete(Table::Teams, &team).unwrap();
    store.purge_team(&team).unwrap();
    assert_eq!(count("SELECT count(*) FROM teams WHERE id = ?1", &team), 0);
    assert_eq!(
        count("SELECT count(*) FROM activities WHERE team_id = ?1", &team),
        0
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM activity_facts WHERE team_id = ?1",
            &team
        ),
        0
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM team_members WHERE team_id = ?1",
            &team
        ),
        0
    );
    let broken: i64 = Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    common::assert_totals_true(&db);
}
