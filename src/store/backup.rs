//! Backups and restore. Copies are made with SQLite's online backup API into `backups/` beside
//! the database (once a day at start-up, before every migration and restore, or when asked);
//! automatic ones beyond the number to keep are removed, oldest first. A file offered for
//! restore is checked first (readable, intact, ours, not newer than this program), the current
//! database is backed up, and the restored copy is written beside the database and renamed over
//! it. Attachments are content-addressed files in `attachments/` that are never rewritten, so
//! a restored database finds its files there; files beside a backup from elsewhere are copied in.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use super::error::{Result, StoreError};
use super::migrations;

mod check;
pub use check::{FileCheck, check_file, check_file_reporting, check_file_with};

/// Automatic backups kept unless the clerk says otherwise.
pub const DEFAULT_KEEP: usize = 30;

/// Why a backup was made; the word goes into the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The first start of a day.
    Daily,
    /// Before an import.
    BeforeImport,
    /// Before restoring another copy.
    BeforeRestore,
    /// Asked for by the clerk.
    Manual,
    /// Before the running totals are counted again (`check --repair`).
    BeforeRecount,
}

impl Reason {
    fn word(self) -> &'static str {
        match self {
            Reason::Daily => "每日",
            Reason::BeforeImport => "导入前",
            Reason::BeforeRestore => "恢复前",
            Reason::Manual => "手动",
            Reason::BeforeRecount => "重新统计前",
        }
    }

    /// Kept only up to the number to keep (the clerk's own are never removed).
    fn automatic(self) -> bool {
        !matches!(self, Reason::Manual)
    }
}

/// `backups/` beside the database.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ledger".to_string())
}

/// A backup file found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// The file.
    pub path: PathBuf,
    /// 每日, 手动, 升级前 …
    pub reason: String,
    /// When, as in the name (YYYYMMDD-HHMMSS).
    pub stamp: String,
    /// Size in bytes.
    pub size: u64,
}

/// The backups of `db`, newest first.
pub fn list(db: &Path) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(backups_dir(db)) else {
        return Vec::new();
    };
    let mut out: Vec<BackupFile> = entries
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_name()?.to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".sqlite")?;
            // <reason>[-v<version>]-<YYYYMMDD>-<HHMMSS>
            let parts: Vec<&str> = rest.split('-').collect();
            if parts.len() < 3 {
                return None;
            }
            let stamp = format!("{}-{}", parts[parts.len() - 2], parts[parts.len() - 1]);
            Some(BackupFile {
                reason: parts[0].to_string(),
                stamp,
                size: e.metadata().map(|m| m.len()).unwrap_or(0),
                path,
            })
        })
        .collect();
    out.sort_by(|a, b| b.stamp.cmp(&a.stamp).then_with(|| b.path.cmp(&a.path)));
    out
}

/// Copies the open database into `backups/`; removes automatic backups beyond `keep`. Two
/// backups in the same second (two windows, a command beside the window) get different names:
/// the copy is placed under a name only if no file has it.
pub fn backup(conn: &Connection, db: &Path, reason: Reason, keep: usize) -> Result<PathBuf> {
    backup_with(conn, db, (reason, keep), &mut |_| true)
}

/// As `backup`; `progress` gets 0.0‥1.0 and answers whether to go on (a cancelled backup leaves
/// no file).
pub fn backup_with(
    conn: &Connection,
    db: &Path,
    (reason, keep): (Reason, usize),
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<PathBuf> {
    let dir = backups_dir(db);
    std::fs::create_dir_all(&dir).map_err(|e| explain(e.into(), &dir))?;
    sweep_parts(&dir);
    let stamp = super::meta::file_stamp();
    let name = |n: u32| {
        let suffix = if n < 2 {
            String::new()
        } else {
            format!("_{n}")
        };
        dir.join(format!(
            "{}-{}-{stamp}{suffix}.sqlite",
            stem(db),
            reason.word()
        ))
    };
    let part = dir.join(format!(
        "{}-{}.{}.part",
        stem(db),
        stamp,
        uuid::Uuid::new_v4().simple()
    ));
    let copied = migrations::backup_to_with(conn, &part, progress);
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(explain(e, &name(1)));
    }
    let mut n = 1;
    let dest = loop {
        let dest = name(n);
        match place_new(&part, &dest) {
            Ok(()) => break dest,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(explain(e.into(), &dest));
            }
        }
    };
    if reason.automatic() {
        prune(db, keep)?;
    }
    Ok(dest)
}

/// How long a backup's part file may go unwritten before it counts as left behind.
const PART_ABANDONED: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the parts of backups that never finished (the program closed or killed in the
/// middle of a copy): a `.part` or `.part-journal` not written for an hour. A weekly backup of
/// a large file left half-copied would otherwise hold gigabytes of the disk for good.
fn sweep_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".part") || name.ends_with(".part-journal")) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > PART_ABANDONED);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Gives the finished file `part` the name `dest` unless a file has it already
/// (`AlreadyExists`): a hard link made only if the name is free, then the part removed. Where
/// the disk has no hard links (FAT32 sticks), a rename when the name is free.
fn place_new(part: &Path, dest: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(part, dest) {
        Ok(()) => std::fs::remove_file(part),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if dest.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(part, dest),
    }
}

/// Writes the copy beside `dest` and renames it, so a failed backup leaves no half file.
pub(crate) fn backup_atomically(
    conn: &Connection,
    dest: &Path,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<()> {
    let part = dest.with_extension(format!("sqlite.{}.part", uuid::Uuid::new_v4().simple()));
    let result = migrations::backup_to_with(conn, &part, progress).and_then(|()| {
        std::fs::rename(&part, dest)?;
        Ok(())
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result.map_err(|e| explain(e, dest))
}

/// The error of a failed copy to `dest` in words the clerk can act on.
pub(crate) fn explain(e: StoreError, dest: &Path) -> StoreError {
    match e {
        StoreError::Backup(reason) | StoreError::Migration { reason, .. } => {
            StoreError::Backup(disk_message(&reason, dest))
        }
        StoreError::Io(io) => StoreError::Backup(disk_message(&io.to_string(), dest)),
        StoreError::Sql(sql) => StoreError::Backup(disk_message(&sql.to_string(), dest)),
        other => other,
    }
}

/// A Chinese message for a failed copy; a full disk is named as such.
fn disk_message(reason: &str, dest: &Path) -> String {
    let lower = reason.to_lowercase();
    if lower.contains("disk is full") || lower.contains("no space") || lower.contains("full") {
        format!(
            "磁盘空间不足，无法写入“{}”。请清理磁盘（或删除旧备份）后重试；原数据库未受影响",
            dest.display()
        )
    } else {
        format!("无法写入“{}”：{reason}；原数据库未受影响", dest.display())
    }
}

/// Opens `db` on its own connection and backs it up (for a worker thread).
pub fn backup_file(db: &Path, reason: Reason, keep: usize) -> Result<PathBuf> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    backup(&conn, db, reason, keep)
}

/// Removes the oldest automatic backups beyond `keep` (pre-migration and manual ones stay).
pub fn prune(db: &Path, keep: usize) -> Result<()> {
    let automatic: Vec<BackupFile> = list(db)
        .into_iter()
        .filter(|b| {
            matches!(
                b.reason.as_str(),
                "每日" | "导入前" | "恢复前" | "重新统计前"
            )
        })
        .collect();
    for old in automatic.iter().skip(keep.max(1)) {
        std::fs::remove_file(&old.path)?;
    }
    Ok(())
}

/// Files larger than this are backed up automatically once a week, not every day: a daily copy
/// of a district's 4 GB file doubles the disk the ledger needs.
pub const WEEKLY_OVER: u64 = 1 << 30;

/// How often the automatic backup is made (设置 → 自动备份).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Every {
    /// Once a day, or once a week for a file over [`WEEKLY_OVER`] (the default).
    #[default]
    BySize,
    /// Once a day whatever the size.
    Day,
    /// Once a week whatever the size.
    Week,
}

impl Every {
    /// Every choice, in the order the settings pane offers them.
    pub const ALL: [Every; 3] = [Every::BySize, Every::Day, Every::Week];

    /// As the settings pane says it.
    pub fn label(self) -> &'static str {
        match self {
            Every::BySize => "按文件大小（超过 1 GB 每周一次，否则每天一次）",
            Every::Day => "每天一次",
            Every::Week => "每周一次",
        }
    }

    /// As the setting stores it.
    pub fn word(self) -> &'static str {
        match self {
            Every::BySize => "size",
            Every::Day => "day",
            Every::Week => "week",
        }
    }

    /// From the stored setting; anything else is the default.
    pub fn from_word(word: &str) -> Every {
        Every::ALL
            .into_iter()
            .find(|e| e.word() == word.trim())
            .unwrap_or_default()
    }

    /// Days between automatic backups of a file of `size` bytes.
    fn days(self, size: u64) -> i64 {
        match self {
            Every::Day => 1,
            Every::Week => 7,
            Every::BySize if size > WEEKLY_OVER => 7,
            Every::BySize => 1,
        }
    }
}

/// Whether the automatic backup is due on `today`, as often as `every` says.
pub fn due(db: &Path, today: NaiveDate, every: Every) -> bool {
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    due_for(size, &list(db), today, every)
}

/// As [`due`], for a file of `size` bytes with these backups.
pub fn due_for(size: u64, backups: &[BackupFile], today: NaiveDate, every: Every) -> bool {
    let days = every.days(size);
    let since = today - chrono::Duration::days(days - 1);
    !backups.iter().any(|b| {
        b.reason == Reason::Daily.word()
            && b.stamp
                .get(..8)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y%m%d").ok())
                .is_some_and(|d| d >= since && d <= today)
    })
}

/// Sizes in MB or GB, as the messages say them.
fn bytes_text(n: u64) -> String {
    if n >= 1 << 30 {
        format!("{:.1} GB", n as f64 / (1u64 << 30) as f64)
    } else {
        format!("{} MB", n.div_ceil(1 << 20))
    }
}

/// What stands against backing `db` up into `dir` now: `Err` when the copy would not fit,
/// `Ok(Some)` a warning when it would leave less free than the file's own size, `Ok(None)`
/// when there is room (or the free space cannot be told).
pub fn room_for(db: &Path, dir: &Path) -> std::result::Result<Option<String>, String> {
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    let Some(free) = super::disk::free_space(dir) else {
        return Ok(None);
    };
    if let Some(short) = too_little(size, free) {
        return Err(format!("{short}。请清理磁盘，或把备份另存到其他磁盘"));
    }
    if free - size < size {
        return Ok(Some(format!(
            "提醒：备份后磁盘只剩 {}，少于数据库文件的大小（{}），请及时清理旧备份或换更大的磁盘",
            bytes_text(free - size),
            bytes_text(size)
        )));
    }
    Ok(None)
}

/// What says a copy of `size` bytes does not fit in `free` (with some room to spare).
fn too_little(size: u64, free: u64) -> Option<String> {
    (free < size.saturating_add(16 << 20)).then(|| {
        format!(
            "磁盘空间不足：备份需要约 {}，所在磁盘只剩 {}",
            bytes_text(size),
            bytes_text(free)
        )
    })
}

/// Why the copy of `db` made before upgrading it cannot be made in `dir`, when it cannot: it
/// does not fit (the copy's place is fixed, so the clerk is told to make room or move the
/// file).
pub fn no_room_to_upgrade(db: &Path, dir: &Path) -> Option<String> {
    let size = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    let short = too_little(size, super::disk::free_space(dir)?)?;
    Some(format!(
        "{short}。请清理磁盘，或把数据库文件移到空间更大的磁盘后再打开"
    ))
}

/// Whether a backup was already made today (daily backups).
pub fn made_today(db: &Path, today: NaiveDate) -> bool {
    let day = today.format("%Y%m%d").to_string();
    list(db)
        .iter()
        .any(|b| b.reason == "每日" && b.stamp.starts_with(&day))
}

/// Replaces the database at `db` (not open anywhere in this process) with the copy at `from`:
/// checks `from`, backs up the current file (when there is one), copies `from` beside `db` and
/// renames it over, and copies attachment files found beside `from` that `db` lacks.
/// Returns the backup of the previous state.
pub fn restore(db: &Path, from: &Path, keep: usize) -> Result<Option<PathBuf>> {
    restore_with(db, from, keep, &mut |_| true)
}

/// As `restore`; `progress` gets 0.0‥1.0 (the check of `from`, the backup of the current state,
/// then the copy, a third each) and answers whether to go on. Stopped before the file is replaced, the database is as it was.
pub fn restore_with(
    db: &Path,
    from: &Path,
    keep: usize,
    progress: &mut dyn FnMut(f32) -> bool,
) -> Result<Option<PathBuf>> {
    check_file_reporting(from, false, &mut |p| progress(p / 3.0))?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(db, from) {
        return Err(StoreError::Refused(
            "所选文件就是正在使用的数据库，无需恢复".into(),
        ));
    }
    let previous = if db.exists() {
        let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .map_err(|e| StoreError::Backup(e.to_string()))?;
        Some(backup_with(
            &conn,
            db,
            (Reason::BeforeRestore, keep),
            &mut |p| progress((1.0 + p) / 3.0),
        )?)
    } else {
        None
    };
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| StoreError::Backup(e.to_string()))?;
    let part = db.with_extension("sqlite.restore-part");
    let copied = migrations::backup_to_with(&source, &part, &mut |p| progress((2.0 + p) / 3.0));
    drop(source);
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&part);
        return Err(e);
    }
    // Fold the current WAL into the file (its content is in the backup just made either way),
    // then make sure no old WAL is replayed onto the restored file.
    if let Ok(conn) = Connection::open(db) {
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
    for ext in ["sqlite-wal", "sqlite-shm"] {
        let side = db.with_extension(ext);
        if side.exists()
            && let Err(e) = std::fs::remove_file(&side)
        {
            let _ = std::fs::remove_file(&part);
            return Err(StoreError::Refused(format!(
                "数据库正被其他程序使用，无法恢复（{e}）。请关闭其他使用该数据库的程序后重试；当前数据库未被修改"
            )));
        }
    }
    if let Err(e) = std::fs::rename(&part, db) {
        let _ = std::fs::remove_file(&part);
        return Err(StoreError::Refused(format!(
            "无法替换数据库文件（{e}）。请关闭其他使用该数据库的程序后重试；当前数据库未被修改"
        )));
    }
    copy_attachments(from, db)?;
    Ok(previous)
}

/// Copies attachment files beside a backup (its `attachments/`, or that of the folder above a
/// `backups/` folder) that the database's folder lacks.
fn copy_attachments(from: &Path, db: &Path) -> Result<()> {
    let target = super::attachments::attachments_dir(db);
    let mut sources = vec![super::attachments::attachments_dir(from)];
    if let Some(parent) = from.parent().and_then(Path::parent) {
        sources.push(parent.join("attachments"));
    }
    for dir in sources {
        if dir == target || !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&dir)?.flatten() {
            let dest = target.join(entry.file_name());
            if entry.path().is_file() && !dest.exists() {
                std::fs::create_dir_all(&target)?;
                std::fs::copy(entry.path(), &dest)?;
            }
        }
    }
    Ok(())
}
