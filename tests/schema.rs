//! `src/store/migrations/schema.sql` is the schema as the migration steps leave a new database:
//! the one place to read the tables, indexes and triggers as they are now. Regenerate it after
//! adding a step with `UPDATE_SCHEMA=1 cargo test --test schema`.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use rusqlite::Connection;
use volunteer_ledger::store::Store;

/// Every table, index, trigger and view, by kind and name, as SQLite keeps their text.
fn dump(db: &Path) -> String {
    let c = Connection::open(db).unwrap();
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mut out = format!(
        "-- The schema of a new database (data version {version}), as the steps in this folder\n\
         -- build it. Generated: UPDATE_SCHEMA=1 cargo test --test schema. Do not edit.\n\n"
    );
    let mut stmt = c
        .prepare(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2
                      ELSE 3 END, name",
        )
        .unwrap();
    for sql in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
        out.push_str(sql.unwrap().trim());
        out.push_str(";\n\n");
    }
    out
}

#[test]
fn schema_sql_is_what_the_migrations_build() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite");
    drop(Store::open(&db).unwrap());
    let built = dump(&db);
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations/schema.sql");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&file, &built).unwrap();
    }
    let kept = std::fs::read_to_string(&file)
        .unwrap_or_default()
        .replace("\r\n", "\n");
    assert!(
        kept == built,
        "src/store/migrations/schema.sql differs from what the migrations build; \
         regenerate it with UPDATE_SCHEMA=1 cargo test --test schema"
    );
}
