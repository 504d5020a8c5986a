//! Service records by short keys (schema version 21, #22 goal 7): the step from version 20
//! keeps every record, key and total; a file it cannot carry over is left as it was; the keys
//! hold through VACUUM; writes through the `participations` view keep the totals. The step to
//! version 23 keys the search keys and kinds by the same short keys and finds the same.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Reads the file as SQLite keeps it, apart from the program.
#![allow(clippy::disallowed_types)]

mod common;

use rusqlite::Connection;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::{Store, StoreError};

fn one<T: rusqlite::types::FromSql>(db: &std::path::Path, sql: &str) -> T {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_step_to_version_21_keeps_every_service_record_and_its_totals() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v20.sqlite", 300, 7);
    let before = common::service_records(&db);
    let year = Period::parse("2026").unwrap();
    let report = Store::open(&db).unwrap().report(&year).unwrap();
    assert!(before.len() > 1000, "{} records", before.len());
    common::as_v20(&Connection::open(&db).unwrap());
    assert_eq!(one::<i64>(&db, "PRAGMA user_version"), 20);
    assert_eq!(
        one::<String>(
            &db,
            "SELECT type FROM sqlite_master WHERE name = 'participations'"
        ),
        "table"
    );

    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        volunteer_ledger::store::migrations::LATEST
    );
    assert_eq!(common::service_records(&db), before);
    assert_eq!(store.report(&year).unwrap(), report);
    common::assert_totals_true(&db);
    let conn = Connection::open(&db).unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    // Short keys in the rows, in the order the volunteers were registered.
    let (ints, all): (i64, i64) = conn
        .query_row(
            "SELECT sum(typeof(activity_ref) = 'integer' AND typeof(volunteer_ref) = 'integer'),
                    count(*) FROM participation_rows",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(ints, all);
    let out_of_order: i64 = conn
        .query_row(
            "SELECT count(*) FROM volunteers a JOIN volunteers b ON b.key = a.key + 1
             WHERE b.number < a.number",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(out_of_order, 0);
}

#[test]
fn the_step_tells_its_progress_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "progress.sqlite", 50, 2);
    let mut conn = Connection::open(&db).unwrap();
    common::as_v20(&conn);
    let mut seen = Vec::new();
    volunteer_ledger::store::migrations::migrate_to_with(
        &mut conn,
        volunteer_ledger::store::migrations::LATEST,
        &mut |p| seen.push(p),
    )
    .unwrap();
    // One step, told in five parts: the bar does not stand still for its minutes at 10⁶.
    assert!(seen.len() >= 5, "{seen:?}");
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(seen[0] > 0.0 && seen[0] < 0.5, "{seen:?}");
    assert_eq!(seen.last().copied(), Some(1.0));
}

#[test]
fn a_record_whose_volunteer_is_gone_stops_the_step_and_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "orphan.sqlite", 50, 3);
    let conn = Connection::open(&db).unwrap();
    common::as_v20(&conn);
    // A volunteer removed behind the program's back, their service records left.
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         DELETE FROM volunteers WHERE id = (SELECT volunteer_id FROM participations LIMIT 1);",
    )
    .unwrap();
    let records: i64 = one(&db, "SELECT count(*) FROM participations");
    drop(conn);

    let err = Store::open(&db).err().expect("the step refuses");
    let said = err.to_string();
    assert!(
        matches!(err, StoreError::Migration { version: 21, .. }),
        "{said}"
    );
    assert!(
        said.contains("条服务记录所指的活动或志愿者已不在文件中"),
        "{said}"
    );
    assert!(said.contains("原数据未被修改"), "{said}");
    assert_eq!(one::<i64>(&db, "PRAGMA user_version"), 20);
    assert_eq!(
        one::<i64>(&db, "SELECT count(*) FROM participations"),
        records
    );
}

#[test]
fn short_keys_hold_through_vacuum_and_writes_through_the_view_keep_the_totals() {
    use common::{d, enrol, held, person, record};
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "vacuum.sqlite", 200, 5);
    // Rows removed for good leave gaps that VACUUM would close if the keys were bare rowids.
    let mut store = Store::open(&db).unwrap();
    let gone: String = one(
        &db,
        "SELECT id FROM volunteers ORDER BY key LIMIT 1 OFFSET 10",
    );
    let gone_records: i64 = one(
        &db,
        &format!("SELECT count(*) FROM participations WHERE volunteer_id = '{gone}'"),
    );
    store.soft_delete(Table::Volunteers, &gone).unwrap();
    store.purge_volunteer(&gone).unwrap();
    drop(store);
    let before = common::service_records(&db);
    Connection::open(&db)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    assert_eq!(common::service_records(&db), before);
    common::assert_totals_true(&db);

    // Written through the view: added, changed, moved to the recycle bin, removed for good.
    let mut store = Store::open(&db).unwrap();
    let v = enrol(&mut store, person("K0001", "钱喆", d(1991, 6, 1), 2));
    let w = enrol(&mut store, person("K0002", "孙堃", d(1992, 7, 2), 3));
    let a = record(
        &mut store,
        held("短键写入", "关爱系列", d(2026, 3, 15)),
        &[(v.as_str(), 35), (w.as_str(), 20)],
    );
    common::assert_totals_true(&db);
    let mut act: volunteer_ledger::store::activities::Activity = store.get(&a).unwrap();
    store
        .save_activity(
            &mut act,
            &[(v.clone(), volunteer_ledger::domain::hours::Tenths(40))],
        )
        .unwrap();
    common::assert_totals_true(&db);
    assert_eq!(
        one::<i64>(
            &db,
            &format!(
                "SELECT hours_tenths FROM participations
                 WHERE activity_id = '{a}' AND volunteer_id = '{v}'"
            )
        ),
        40
    );
    store.soft_delete(Table::Activities, &a).unwrap();
    store.purge(Table::Activities, &a).unwrap();
    common::assert_totals_true(&db);
    assert_eq!(
        one::<i64>(
            &db,
            &format!(
                "SELECT count(*) FROM participation_rows r JOIN volunteers x ON x.key = r.volunteer_ref WHERE x.id IN ('{v}', '{w}')"
            )
        ),
        0
    );
    assert_eq!(
        one::<i64>(
            &db,
            "SELECT count(*) FROM exchange_tombstones WHERE tbl = 'participations'"
        ),
        gone_records + 2
    );
}

/// What the register shows for searches of every kind and each filter: the label, the count
/// and the first page's volunteer numbers.
fn register_views(db: &std::path::Path) -> Vec<(String, u64, Vec<String>)> {
    use volunteer_ledger::store::register::{RegisterFilter, RegisterQuery, SortKey};
    let (pinyin, initials, mobile, kind, team, community): (
        String,
        String,
        String,
        String,
        String,
        String,
    ) = Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT s.pinyin, s.initials, substr(v.mobile, -4),
                    (SELECT kind FROM volunteer_kinds GROUP BY kind ORDER BY count(*) DESC),
                    (SELECT team_id FROM team_members GROUP BY team_id ORDER BY count(*) DESC),
                    v.community_id
             FROM volunteers v JOIN volunteer_search s ON s.number = v.number
             WHERE v.deleted_at IS NULL AND v.community_id IS NOT NULL ORDER BY v.number",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    let search = |text: &str| RegisterQuery {
        search: text.into(),
        ..Default::default()
    };
    let filtered = |filter: RegisterFilter, sort, descending| RegisterQuery {
        filter,
        sort,
        descending,
        ..Default::default()
    };
    let queries = [
        ("pinyin", search(&pinyin[..pinyin.len().min(5)])),
        ("initials", search(&initials)),
        ("mobile tail", search(&mobile)),
        ("number", search("SF00001")),
        (
            "initials by hours",
            RegisterQuery {
                sort: SortKey::Hours,
                descending: true,
                ..search(&initials[..1])
            },
        ),
        (
            "kind",
            filtered(
                RegisterFilter {
                    kind: Some(kind),
                    ..Default::default()
                },
                SortKey::Number,
                false,
            ),
        ),
        (
            "team by hours",
            filtered(
                RegisterFilter {
                    team_id: Some(team),
                    ..Default::default()
                },
                SortKey::Hours,
                true,
            ),
        ),
        (
            "star",
            filtered(
                RegisterFilter {
                    star: Some(0),
                    ..Default::default()
                },
                SortKey::Name,
                false,
            ),
        ),
        (
            "community by name",
            filtered(
                RegisterFilter {
                    community_id: Some(community),
                    ..Default::default()
                },
                SortKey::Name,
                false,
            ),
        ),
        (
            "all by hours",
            filtered(RegisterFilter::default(), SortKey::Hours, true),
        ),
    ];
    let store = Store::open(db).unwrap();
    queries
        .into_iter()
        .map(|(label, q)| {
            let count = store.register_count(&q).unwrap();
            let page = store.register_page(&q, 0, 50).unwrap();
            let keys = store.register_keys(&q).unwrap();
            assert_eq!(keys.len() as u64, count, "{label}");
            let numbers = page.into_iter().map(|r| r.number).collect();
            (label.to_string(), count, numbers)
        })
        .collect()
}

#[test]
fn the_step_to_version_23_keys_the_search_and_kinds_by_short_key_and_finds_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "v22.sqlite", 400, 11);
    let before = register_views(&db);
    // Every view finds someone, and the filters narrow.
    assert!(
        before.iter().all(|(_, n, page)| *n > 0 && !page.is_empty()),
        "{before:?}"
    );
    assert!(before.iter().any(|(_, n, _)| *n < 400), "{before:?}");
    let kinds: i64 = one(&db, "SELECT count(*) FROM volunteer_kinds");
    common::as_v20(&Connection::open(&db).unwrap());
    assert_eq!(
        one::<i64>(
            &db,
            "SELECT count(*) FROM pragma_table_info('volunteer_search') WHERE name = 'volunteer_id'"
        ),
        1
    );

    assert_eq!(register_views(&db), before);
    assert_eq!(
        one::<i64>(&db, "SELECT count(*) FROM volunteer_kinds"),
        kinds
    );
    assert_eq!(
        one::<i64>(&db, "SELECT count(*) FROM volunteer_search"),
        one::<i64>(&db, "SELECT count(*) FROM volunteers")
    );
    // Keyed by the short key: the table's rowid, which each of its indexes carries.
    assert_eq!(
        one::<String>(
            &db,
            "SELECT group_concat(name) FROM pragma_table_info('volunteer_search') WHERE pk = 1"
        ),
        "volunteer_key"
    );
    assert_eq!(
        one::<i64>(
            &db,
            "SELECT count(*) FROM volunteer_search s JOIN volunteers v ON v.key = s.volunteer_key
             WHERE v.number = s.number"
        ),
        one::<i64>(&db, "SELECT count(*) FROM volunteers")
    );
    common::assert_totals_true(&db);

    // A volunteer purged from the bin takes their search keys and kinds along, no one else's.
    let (id, key): (String, i64) = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT v.id, v.key FROM volunteers v JOIN volunteer_kinds k ON k.volunteer_key = v.key
             WHERE NOT EXISTS (SELECT 1 FROM certificates c WHERE c.volunteer_id = v.id)
             ORDER BY v.number",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mine: i64 = one(
        &db,
        &format!("SELECT count(*) FROM volunteer_kinds WHERE volunteer_key = {key}"),
    );
    let mut store = Store::open(&db).unwrap();
    store.soft_delete(Table::Volunteers, &id).unwrap();
    store.purge_volunteer(&id).unwrap();
    drop(store);
    assert_eq!(
        one::<i64>(
            &db,
            &format!("SELECT count(*) FROM volunteer_kinds WHERE volunteer_key = {key}")
        ),
        0
    );
    assert_eq!(
        one::<i64>(&db, "SELECT count(*) FROM volunteer_kinds"),
        kinds - mine
    );
    assert_eq!(
        one::<i64>(
            &db,
            &format!("SELECT count(*) FROM volunteer_search WHERE volunteer_key = {key}")
        ),
        0
    );
    assert_eq!(
        one::<i64>(&db, "SELECT count(*) FROM volunteer_search"),
        one::<i64>(&db, "SELECT count(*) FROM volunteers")
    );
}
