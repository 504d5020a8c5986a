//! The check of a database file before it is backed up, restored or opened at start-up: an
//! SQLite file, intact, this program's, not newer than this program.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::super::error::{Result, StoreError};
use super::super::migrations;

/// What the check of a database file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    /// Its schema version.
    pub version: i64,
    /// Volunteers in it (live).
    pub volunteers: i64,
    /// Activities in it (live).
    pub activities: i64,
}

/// Checks a file without changing it: an SQLite database, intact (`quick_check`), this
/// program's (application id and tables), not newer than this program.
pub fn check_file(path: &Path) -> Result<FileCheck> {
    check_file_with(path, false)
}

/// As [`check_file`]; `quick` reads no page but the schema's instead of every page: the file
/// is whole (as long as its pages say), its schema readable — seconds less at a district's
/// size, what the start-up of a large file uses.
pub fn check_file_with(path: &Path, quick: bool) -> Result<FileCheck> {
    check_file_reporting(path, quick, &mut |_| true)
}

/// As [`check_file_with`]; the full check reports the share of pages checked (0.0‥1.0) to
/// `progress`, which answers whether to go on: at a district's size it reads gigabytes.
pub fn check_file_reporting(
    path: &Path,
    quick: bool,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<FileCheck> {
    let meta = std::fs::metadata(path).map_err(|e| StoreError::Open {
        path: path.to_path_buf(),
        reason: if e.kind() == std::io::ErrorKind::NotFound {
            "文件不存在".into()
        } else {
            e.to_string()
        },
    })?;
    if meta.len() == 0 {
        return Err(StoreError::Open {
            path: path.to_path_buf(),
            reason: "文件是空的（0 字节）".into(),
        });
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let not_a_database = |e: rusqlite::Error| StoreError::Open {
        path: path.to_path_buf(),
        reason: format!("不是 SQLite 数据库文件或文件已损坏（{e}）"),
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_a_database)?;
    if quick {
        let pages: i64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .map_err(not_a_database)?;
        let page_size: i64 = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .map_err(not_a_database)?;
        if (meta.len() as i64) < pages * page_size {
            return Err(StoreError::Corrupt(format!(
                "文件不完整：应有 {} 字节，只有 {} 字节",
                pages * page_size,
                meta.len()
            )));
        }
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    } else {
        let pages: i64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .map_err(not_a_database)?;
        let (back, lines) = quick_check(conn, pages, progress)?;
        conn = back;
        let lines = lines.map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if lines != ["ok"] {
            return Err(StoreError::Corrupt(lines.join("; ")));
        }
    }
    migrations::check_compatible(&conn, path)?;
    if version == 0 {
        return Err(StoreError::Foreign(path.to_path_buf()));
    }
    let count = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|_| StoreError::Foreign(path.to_path_buf()))
    };
    Ok(FileCheck {
        version,
        volunteers: count("SELECT count(*) FROM volunteers WHERE deleted_at IS NULL")?,
        activities: count("SELECT count(*) FROM activities WHERE deleted_at IS NULL")?,
    })
}

/// How many pages SQLite checks between two calls of the progress handler.
const CHECKED_PER_CALL: i32 = 64;

/// `PRAGMA quick_check` on `conn` (of `pages` pages), on a thread of its own while this one
/// reports to `progress` how many pages were checked (SQLite calls the progress handler once
/// per [`CHECKED_PER_CALL`] pages during a check) and stops it when `progress` says so.
/// Returns the connection and the check's lines.
fn quick_check(
    mut conn: Connection,
    pages: i64,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<(Connection, rusqlite::Result<Vec<String>>)> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
    if !progress(0.0) {
        return Err(StoreError::Cancelled);
    }
    let checked = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (count, asked) = (checked.clone(), stop.clone());
    conn.progress_handler(
        CHECKED_PER_CALL,
        Some(move || {
            count.fetch_add(i64::from(CHECKED_PER_CALL), Ordering::Relaxed);
            asked.load(Ordering::Relaxed)
        }),
    )?;
    let (mut conn, lines) = std::thread::scope(|scope| {
        let worker = scope.spawn(move || {
            let lines = conn
                .prepare("PRAGMA quick_check")
                .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect());
            (conn, lines)
        });
        while !worker.is_finished() {
            let done = checked.load(Ordering::Relaxed) as f32 / pages.max(1) as f32;
            if !progress(done.min(1.0)) {
                stop.store(true, Ordering::Relaxed);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        worker.join()
    })
    .map_err(|_| StoreError::Corrupt("检查数据库文件时出错".into()))?;
    conn.progress_handler(0, None::<fn() -> bool>)?;
    if stop.load(Ordering::Relaxed) {
        return Err(StoreError::Cancelled);
    }
    // Done: said even when the check ended before the first look at its count.
    if !progress(1.0) {
        return Err(StoreError::Cancelled);
    }
    Ok((conn, lines))
}
