//! `user_version` migrations, one file per step in this folder (`vNN.sql`, or `vNN.rs` where
//! SQL cannot compute the step), listed once in [`MIGRATIONS`]; `schema.sql` is the schema as
//! the steps leave it (a test keeps it so). Append-only, one transaction each, a backup before migrating an
//! existing database, and a database newer than this program refused.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::error::{Result, StoreError};

mod v04;
mod v07;
mod v20;
mod v21;
mod v24;
mod v26;
mod v27;
mod v28;
mod v29;
mod v32;

/// `PRAGMA application_id` of our files ("VLDG").
pub const APPLICATION_ID: i64 = 0x564C_4447;

/// The migration steps, in order; step `i` brings the schema to version `i + 1`.
/// Never edit a step that has shipped: add a new one.
pub const MIGRATIONS: &[Step] = &[
    Step::Sql(include_str!("v01.sql")),
    Step::Sql(include_str!("v02.sql")),
    Step::Sql(include_str!("v03.sql")),
    Step::Code(v04::run),
    Step::Sql(include_str!("v05.sql")),
    Step::Sql(include_str!("v06.sql")),
    Step::Code(v07::run),
    Step::Sql(include_str!("v08.sql")),
    Step::Sql(include_str!("v09.sql")),
    Step::Sql(include_str!("v10.sql")),
    Step::Sql(include_str!("v11.sql")),
    Step::Sql(include_str!("v12.sql")),
    Step::Sql(include_str!("v13.sql")),
    Step::Sql(include_str!("v14.sql")),
    Step::Sql(include_str!("v15.sql")),
    Step::Sql(include_str!("v16.sql")),
    Step::Sql(include_str!("v17.sql")),
    Step::Sql(include_str!("v18.sql")),
    Step::Sql(include_str!("v19.sql")),
    Step::Code(v20::run),
    Step::Rebuild(v21::run),
    Step::Sql(include_str!("v22.sql")),
    Step::Sql(include_str!("v23.sql")),
    Step::Rebuild(v24::run),
    Step::Sql(include_str!("v25.sql")),
    Step::Rebuild(v26::run),
    Step::Rebuild(v27::run),
    Step::Rebuild(v28::run),
    Step::Rebuild(v29::run),
    Step::Sql(include_str!("v30.sql")),
    Step::Sql(include_str!("v31.sql")),
    Step::Rebuild(v32::run),
    Step::Sql(include_str!("v33.sql")),
];

/// One migration step: a SQL script, or code for what SQL cannot compute (pinyin keys) or what
/// it would write many times (the volunteer's key in the running totals).
pub enum Step {
    /// Run as a batch.
    Sql(&'static str),
    /// Run inside the step's transaction.
    Code(fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>),
    /// Code that builds tables again (drops a parent table and renames its new copy): run
    /// with foreign keys and the renaming of references switched off, as SQLite's own recipe
    /// for changing a table asks; the step keeps every key and reference as it was.
    /// It tells its share done (0.0‥1.0) as it goes: at district scale it takes minutes.
    Rebuild(fn(&rusqlite::Transaction<'_>, &mut dyn FnMut(f32)) -> rusqlite::Result<()>),
}

/// The schema version this program writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The file's schema version.
pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses files that are not ours or are too new; returns the current version.
pub fn check_compatible(conn: &Connection, path: &Path) -> Result<i64> {
    let version = user_version(conn)?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id == super::exchange::PACKAGE_APP_ID {
        return Err(StoreError::Package(path.to_path_buf()));
    }
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    if version == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(StoreError::Foreign(path.to_path_buf()));
        }
    }
    if version > LATEST {
        return Err(StoreError::TooNew {
            found: version,
            supported: LATEST,
        });
    }
    Ok(version)
}

/// Whether opening a file of `version` upgrades it (an existing file older than this program).
pub fn upgrades(version: i64) -> bool {
    version > 0 && version < LATEST
}

/// Applies the steps after the current version up to `target`, each in its own transaction.
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    migrate_to_with(conn, target, &mut |_| {})
}

/// As [`migrate_to`], telling `progress` the share of the steps done (0.0‥1.0) after each.
pub fn migrate_to_with(
    conn: &mut Connection,
    target: i64,
    progress: &mut dyn FnMut(f32),
) -> Result<()> {
    let current = user_version(conn)?;
    let last = target.min(LATEST);
    for version in (current + 1)..=last {
        let step = &MIGRATIONS[(version - 1) as usize];
        let fail = |e: rusqlite::Error| StoreError::Migration {
            version,
            reason: e.to_string(),
        };
        let rebuilds = matches!(step, Step::Rebuild(_));
        let checked: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .map_err(fail)?;
        if rebuilds {
            conn.execute_batch("PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;")
                .map_err(fail)?;
        }
        let steps = (last - current) as f32;
        let before = (version - 1 - current) as f32;
        let done = run_step(conn, step, version, &mut |share| {
            progress((before + share.clamp(0.0, 1.0)) / steps)
        });
        if rebuilds {
            conn.execute_batch(&format!(
                "PRAGMA legacy_alter_table = OFF; PRAGMA foreign_keys = {};",
                if checked { "ON" } else { "OFF" }
            ))
            .map_err(fail)?;
        }
        done.map_err(fail)?;
        progress((version - current) as f32 / (last - current) as f32);
    }
    Ok(())
}

/// Runs one step and stamps its version, in one transaction.
fn run_step(
    conn: &mut Connection,
    step: &Step,
    version: i64,
    progress: &mut dyn FnMut(f32),
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    match step {
        Step::Sql(sql) => tx.execute_batch(sql)?,
        Step::Code(run) => run(&tx)?,
        Step::Rebuild(run) => run(&tx, progress)?,
    }
    if version == 1 {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()
}

/// Copies the database on `conn` to `dest` in steps of 1024 pages (4 MB), all inside one read
/// transaction of `conn`: every page comes from the same snapshot, a consistent copy even while
/// another connection writes (without it, a copy in steps starts over whenever the source
/// changes).
/// `progress` gets 0.0‥1.0 after each step and answers whether to go on; busy or locked: wait
/// and retry.
pub fn backup_to_with(
    conn: &Connection,
    dest: &Path,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<()> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut out = Connection::open(dest).map_err(|e| StoreError::Backup(e.to_string()))?;
    let began = conn.is_autocommit();
    if began {
        conn.execute_batch("BEGIN")?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
    }
    let copied = copy_pages(conn, &mut out, progress);
    if began {
        // Only a read transaction: nothing to keep or undo.
        let _ = conn.execute_batch("COMMIT");
    }
    copied
}

fn copy_pages(
    conn: &Connection,
    out: &mut Connection,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<()> {
    let backup =
        rusqlite::backup::Backup::new(conn, out).map_err(|e| StoreError::Backup(e.to_string()))?;
    let mut waits = 0;
    loop {
        match backup
            .step(1024)
            .map_err(|e| StoreError::Backup(e.to_string()))?
        {
            // The last answer counts too: a copy not wanted any more is not kept.
            rusqlite::backup::StepResult::Done => {
                return if progress(1.0) {
                    Ok(())
                } else {
                    Err(StoreError::Cancelled)
                };
            }
            rusqlite::backup::StepResult::More => {
                let p = backup.progress();
                let done = 1.0 - p.remaining as f32 / p.pagecount.max(1) as f32;
                if !progress(done) {
                    return Err(StoreError::Cancelled);
                }
            }
            _ => {
                waits += 1;
                if waits > 600 {
                    return Err(StoreError::Backup(
                        "数据库一直被占用，30 秒内未能完成备份".into(),
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
}

/// Where the copy made before migrating from `version` goes: `backups/` beside the database.
pub fn pre_migration_backup_path(db: &Path, version: i64, stamp: &str) -> PathBuf {
    let dir = db
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups");
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ledger".to_string());
    dir.join(format!("{stem}-升级前-v{version}-{stamp}.sqlite"))
}

/// The SQL of trigger `name` with each (from, to) of `pairs` replaced, for a step that changes
/// how the triggers name what they write. The step stops, changing nothing, when nothing was
/// replaced or a text of `left` is still there: the trigger is not as schema version `before`
/// left it.
fn rewritten_trigger(
    tx: &rusqlite::Transaction<'_>,
    name: &str,
    pairs: &[(String, String)],
    left: &[&str],
    before: i64,
) -> rusqlite::Result<String> {
    rewrite_trigger(tx, name, before, |sql| {
        let new = pairs
            .iter()
            .fold(sql.to_string(), |s, (from, to)| s.replace(from, to));
        (new != sql && !left.iter().any(|l| new.contains(l))).then_some(new)
    })
}

/// The SQL of trigger `name` as `change` makes it; the step stops, changing nothing, when
/// `change` finds the trigger not as schema version `before` left it (returns `None`).
fn rewrite_trigger(
    tx: &rusqlite::Transaction<'_>,
    name: &str,
    before: i64,
    change: impl FnOnce(&str) -> Option<String>,
) -> rusqlite::Result<String> {
    let sql: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
        [name],
        |r| r.get(0),
    )?;
    change(&sql).ok_or_else(|| {
        stop(format!(
            "触发器 {name} 与第 {before} 版不同，已停止升级，文件未改动"
        ))
    })
}

/// The error that stops a step with the clerk's message `what` (its transaction rolls back).
fn stop(what: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
        Some(what),
    )
}
