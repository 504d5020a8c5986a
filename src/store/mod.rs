//! Everything SQLite: opening (pragmas, migrations, backup before migrating) and one file per
//! aggregate. Functions take and return typed structs.

// The one place SQL and rusqlite's types live (see clippy.toml).
#![allow(clippy::disallowed_types)]

pub mod activities;
pub mod attachments;
pub mod backup;
mod bulk;
pub use bulk::Bulk;
pub mod calendar;
pub mod certificates;
pub mod compact;
pub mod disk;
pub mod drill;
pub mod error;
pub mod exchange;
pub mod export_log;
pub mod guard;
pub mod honors;
pub mod info_reports;
pub mod key_dates;
pub mod ledger;
pub mod lists;
pub mod lock;
pub mod meta;
pub mod migrations;
pub mod needs;
pub mod paperwork;
pub mod participants;
pub mod period_key;
pub mod platform;
pub mod record;
pub mod records;
pub mod register;
pub mod report;
pub mod search;
pub mod settings;
pub mod stats;
pub mod summary;
pub mod teams;
pub mod totals;
pub mod trainings;
pub mod units;
pub mod volunteers;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use error::{Result, StoreError};
pub use meta::RecordMeta;

/// An open ledger database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    origin: String,
}

impl Store {
    /// Opens (or creates) the database at `path`: pragmas, compatibility check, a backup copy
    /// before migrating an existing file, migrations to the latest version, and the station id.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, &mut |_| {})
    }

    /// The version of an existing file this program would upgrade on opening it, read from its
    /// header alone (`None`: new, up to date, or not a file it can open; [`Store::open`] says
    /// why).
    pub fn pending_upgrade(path: &Path) -> Option<i64> {
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0) {
            return None;
        }
        let conn =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
        let version = migrations::check_compatible(&conn, path).ok()?;
        migrations::upgrades(version).then_some(version)
    }

    /// As [`Store::open`]; an upgrade reports 0.0‥1.0 to `progress` (the backup before it is
    /// the first half, its steps the second).
    pub fn open_with(path: &Path, progress: &mut dyn FnMut(f32)) -> Result<Store> {
        // An existing empty file is not taken for a new database: it may be a copy that went
        // wrong, and the clerk should hear about it.
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: "文件是空的（0 字节），不是有效的数据库".into(),
            });
        }
        guard::register(path);
        let mut conn = open_connection(path)?;
        // Check before changing anything: a foreign or newer file stays byte for byte as it was.
        let version = migrations::check_compatible(&conn, path)?;
        set_pragmas(&conn, path)?;
        if migrations::upgrades(version) {
            let dest = migrations::pre_migration_backup_path(path, version, &meta::file_stamp());
            // No upgrade without its backup, and no backup started that cannot fit: a copy
            // of gigabytes that fills the disk halfway helps no one.
            let dir = dest.parent().unwrap_or(path);
            if let Some(why) = backup::no_room_to_upgrade(path, dir) {
                return Err(StoreError::Refused(format!(
                    "这个数据库需要升级（第 {version} 版升到第 {} 版），升级前要先整份备份，但{why}",
                    migrations::LATEST
                )));
            }
            // Whole or not at all: an upgrade cut short (the window closed) leaves no half
            // copy among the backups.
            backup::backup_atomically(&conn, &dest, &mut |p| {
                progress(p / 2.0);
                true
            })?;
        }
        migrations::migrate_to_with(&mut conn, migrations::LATEST, &mut |p| {
            progress(0.5 + p / 2.0)
        })?;
        let origin = settings::ensure_station_id(&conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            origin,
        })
    }

    /// Opens an existing, up-to-date database for reading only (worker threads that compute
    /// reports while the window goes on).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        guard::register(path);
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.to_path_buf(),
            reason: if path.exists() {
                e.to_string()
            } else {
                "文件不存在".into()
            },
        };
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        let version = migrations::check_compatible(&conn, path)?;
        if version != migrations::LATEST {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: format!("数据版本为 {version}，需要先用本程序正常打开一次以完成升级"),
            });
        }
        let origin = settings::get(&conn, settings::keys::STATION_ID)?.unwrap_or_default();
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            origin,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// This installation's station id, written into `origin` of every record it creates.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The connection, for the functions of `store/` only.
    pub(in crate::store) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f`'s reads over one snapshot of the file: they see one state, and the file's lock
    /// is taken once instead of once per statement. Nothing is written.
    pub fn reading<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return f();
        }
        let snapshot = self
            .conn
            .unchecked_transaction()
            .map_err(|e| E::from(StoreError::from(e)))?;
        let out = f();
        // Ended without writing (a rollback of nothing).
        drop(snapshot);
        out
    }

    /// Runs `f` inside one transaction: all of its writes land, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Writes many records in one transaction with a large page cache (example data, imports):
    /// everything lands, or nothing does.
    ///
    /// When no other connection has the file open, the write goes through a rollback journal
    /// instead of the WAL: pages appended to the file are then written once instead of twice
    /// (WAL, then checkpoint). Either way the write is one atomic transaction.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&Bulk<'_>) -> Result<T>) -> Result<T> {
        self.bulk_with(false, f)
    }

    /// Like [`Store::bulk`], for filling an empty database (example data): the secondary
    /// indexes that would take millions of random inserts are dropped first and built once,
    /// sorted, before the commit. Use [`Store::bulk`] for writes into a populated database,
    /// where rebuilding whole indexes would cost more than it saves.
    pub fn bulk_load<T>(&mut self, f: impl FnOnce(&Bulk<'_>) -> Result<T>) -> Result<T> {
        self.bulk_with(true, f)
    }

    fn bulk_with<T>(
        &mut self,
        rebuild_indexes: bool,
        f: impl FnOnce(&Bulk<'_>) -> Result<T>,
    ) -> Result<T> {
        let cache = if rebuild_indexes {
            BULK_LOAD_CACHE_KIB
        } else {
            BULK_CACHE_KIB
        };
        self.conn.pragma_update(None, "cache_size", cache)?;
        self.conn.busy_timeout(std::time::Duration::ZERO)?;
        let rollback_journal = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .is_ok_and(|m| m.eq_ignore_ascii_case("delete"));
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Filling an empty file with example data: references are made by the generator itself
        // (each to a record it wrote before) and not looked up again for each of millions of
        // service records; the tests check the generated files with `foreign_key_check`.
        if rebuild_indexes {
            self.conn.pragma_update(None, "foreign_keys", false)?;
        }
        let result = (|| {
            let tx = self.conn.transaction()?;
            // Indexes built once at the end, and one sum per volunteer, month and activity at
            // the end instead of updates per service record (each, inside this one
            // transaction, also wrote a statement journal to a temporary file). The triggers
            // are put back first, the indexes after, so they are built over the totals.
            let (indexes, counting): (&[&str], &[&str]) = if rebuild_indexes {
                (
                    REBUILT_INDEXES,
                    &[
                        "trg_participation_insert",
                        "trg_totals_insert",
                        "trg_facts_insert",
                    ],
                )
            } else {
                (&[], &[])
            };
            let out = totals::without(&tx, totals::Kind::Index, indexes, || {
                totals::without(&tx, totals::Kind::Trigger, counting, || {
                    let out = f(&Bulk {
                        conn: &tx,
                        origin: &self.origin,
                        stations: Default::default(),
                    })?;
                    if rebuild_indexes {
                        totals::recount_all(&tx)?;
                        tx.execute_batch(&totals::recount_register_sql())?;
                    }
                    Ok(out)
                })
            })?;
            tx.commit()?;
            Ok(out)
        })();
        // Back on before anything else can fail.
        let checking = self.conn.pragma_update(None, "foreign_keys", true);
        if rollback_journal {
            let _: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        self.conn
            .pragma_update(None, "cache_size", DEFAULT_CACHE_KIB)?;
        checking?;
        result
    }

    /// Reads through a memory map (up to SQLite's limit of 2 GB) instead of copying each page
    /// into the page cache: a district's report reads service records spread over the whole
    /// file. Only for the reports: the pages mapped count as the process's memory while the
    /// connection is open.
    pub(crate) fn map_for_reading(&self) -> Result<()> {
        let _: i64 =
            self.conn
                .query_row(&format!("PRAGMA mmap_size = {READ_MMAP_BYTES}"), [], |r| {
                    r.get(0)
                })?;
        Ok(())
    }

    /// How often the automatic backup is made (设置 → 自动备份; by the file's size unless
    /// chosen).
    pub fn backup_every(&self) -> backup::Every {
        settings::get(&self.conn, settings::keys::BACKUP_EVERY)
            .ok()
            .flatten()
            .map(|w| backup::Every::from_word(&w))
            .unwrap_or_default()
    }

    /// How many automatic backups are kept (设置: 保留的自动备份份数, default 30).
    pub fn backups_kept(&self) -> usize {
        settings::get(&self.conn, settings::keys::BACKUPS_KEPT)
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse().ok())
            .filter(|n: &usize| *n >= 1)
            .unwrap_or(backup::DEFAULT_KEEP)
    }

    /// Copies the database into `backups/` beside it now.
    pub fn backup(&self, reason: backup::Reason) -> Result<PathBuf> {
        backup::backup(&self.conn, &self.path, reason, self.backups_kept())
    }

    /// As `backup`, reporting progress; `progress` answers whether to go on (a cancelled
    /// backup leaves no file).
    pub fn backup_with(
        &self,
        reason: backup::Reason,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<PathBuf> {
        let keep = self.backups_kept();
        backup::backup_with(&self.conn, &self.path, (reason, keep), progress)
    }

    /// Copies the database to a file of the clerk's choosing (written beside it and renamed).
    pub fn backup_to_file(&self, dest: &Path) -> Result<()> {
        self.backup_to_file_with(dest, &mut |_| true)
    }

    /// As `backup_to_file`, reporting progress; `progress` answers whether to go on.
    pub fn backup_to_file_with(
        &self,
        dest: &Path,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<()> {
        guard::check_output(dest)?;
        backup::backup_atomically(&self.conn, dest, progress)
    }

    /// The first start of a day makes a backup (none when one was made today already; for a
    /// file over 1 GB, once a week, unless 设置 says otherwise); none when it would not fit on
    /// the disk.
    pub fn daily_backup(&self, today: chrono::NaiveDate) -> Result<Option<PathBuf>> {
        if !backup::due(&self.path, today, self.backup_every()) {
            return Ok(None);
        }
        backup::room_for(&self.path, &backup::backups_dir(&self.path))
            .map_err(StoreError::Refused)?;
        self.backup(backup::Reason::Daily).map(Some)
    }

    /// `PRAGMA integrity_check`: `Ok` when SQLite says "ok".
    pub fn integrity_check(&self) -> Result<()> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<_, _>>()?;
        if lines.len() == 1 && lines[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(lines.join("; ")))
        }
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        migrations::user_version(&self.conn)
    }
}

/// Page cache of a bulk write, in KiB (negative: SQLite's unit for KiB).
const BULK_CACHE_KIB: i64 = -1_048_576;
/// Page cache of filling an empty file with example data: the whole file of 10⁶ volunteers
/// does not fit in 1 GB, and the pages written out and read back cost a third of the time.
const BULK_LOAD_CACHE_KIB: i64 = -2_097_152;
/// Secondary indexes a bulk load drops and builds again, each from its own statement as
/// `sqlite_master` keeps it (so the index is as the latest step made it).
const REBUILT_INDEXES: &[&str] = &[
    // Grouped by table: each build reads its table while the last one's pages are cached.
    "idx_volunteers_name",
    "idx_volunteers_community",
    "idx_volunteers_live_number",
    "idx_volunteers_live_registered",
    "idx_volunteers_live_gender",
    "idx_volunteers_live_id_number",
    "idx_volunteers_live_mobile",
    "idx_volunteers_live_political",
    "idx_volunteers_live_status",
    "idx_volunteer_search_initials",
    "idx_volunteer_search_mobile",
    "idx_volunteer_search_id",
    "idx_vs_live_pinyin",
    "idx_vs_live_community",
    "idx_vs_hours",
    "idx_team_members_volunteer",
    "idx_activities_category_date",
    "idx_activities_date",
    "idx_activities_live_category",
    "idx_activities_live_location",
    "idx_activities_live_status",
    "idx_activities_live_title",
    "idx_activity_facts_activity",
    "idx_activity_facts_organizer",
    "idx_activity_facts_team",
    "idx_participation_rows_volunteer",
    // Unique: the generator gives each record a new id; built once, it is packed full.
    "idx_participation_rows_id",
];

/// How long a statement waits for another connection's lock.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
/// Page size of new database files.
const PAGE_SIZE: i64 = 8192;

/// How much of the file a reading connection maps (SQLite's bundled limit, 0x7fff0000).
const READ_MMAP_BYTES: i64 = 0x7fff_0000;
/// Page cache of ordinary work.
const DEFAULT_CACHE_KIB: i64 = -65_536;

/// Opens a connection and makes sure the file is an SQLite database, changing nothing.
pub fn open_connection(path: &Path) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let open_err = |e: rusqlite::Error| StoreError::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let conn = Connection::open(path).map_err(open_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    // The first statement reads the header: a file that is not SQLite fails here.
    let _: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(open_err)?;
    Ok(conn)
}

/// The pragmas every writing connection needs, set outside any transaction.
fn set_pragmas(conn: &Connection, path: &Path) -> Result<()> {
    let open_err = |e: rusqlite::Error| StoreError::Open {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    // Larger pages suit a ledger of millions of rows; this only takes effect while the file is
    // still empty (before WAL is switched on), so existing files keep theirs.
    conn.pragma_update(None, "page_size", PAGE_SIZE)
        .map_err(open_err)?;
    let _: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "cache_size", DEFAULT_CACHE_KIB)
        .map_err(open_err)?;
    Ok(())
}

/// A new, empty ledger in a temporary folder, for the tests of query plans (the folder goes
/// when the first is dropped).
#[cfg(test)]
pub(crate) fn plan_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = Store::open(&dir.path().join("plans.sqlite")).unwrap_or_else(|e| panic!("{e}"));
    (dir, store)
}

/// The query plan of `sql` on `c`, one line per step, its parameters bound to empty text.
#[cfg(test)]
pub(crate) fn query_plan(c: &Connection, sql: &str) -> String {
    let mut stmt = c
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let blanks = vec![""; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(blanks), |r| {
        r.get::<_, String>(3)
    })
    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
    .unwrap_or_else(|e| panic!("{sql}: {e}"))
    .join("\n")
}
