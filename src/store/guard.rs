//! Files the program must never write over: every database opened in this process, its
//! WAL, shared-memory and journal files, its lock, and the files of its backups and
//! attachments folders. Every writer of a document, package or backup asks [`check_output`]
//! first, whichever pane or command it serves.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Result, StoreError};

/// The databases opened in this process.
static OPENED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Notes a database as opened (done by the store when it opens one).
pub fn register(db: &Path) {
    let db = normal(db);
    if let Ok(mut list) = OPENED.lock()
        && !list.contains(&db)
    {
        list.push(db);
    }
}

/// A path made absolute and comparable: canonical where the file (or its folder) exists,
/// lower-case on Windows, where names differing only in case are the same file.
fn normal(path: &Path) -> PathBuf {
    let absolute = path.canonicalize().unwrap_or_else(|_| {
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        match (parent.canonicalize(), path.file_name()) {
            (Ok(dir), Some(name)) => dir.join(name),
            _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
        }
    });
    if cfg!(windows) {
        PathBuf::from(absolute.to_string_lossy().to_lowercase())
    } else {
        absolute
    }
}

/// Why `out` may not be written for the database `db`, if it may not.
fn protected_by(db: &Path, out: &Path) -> Option<&'static str> {
    let name = db.file_name()?.to_string_lossy().into_owned();
    let dir = db.parent()?;
    if out == db {
        return Some("正在使用的数据库文件");
    }
    for (suffix, what) in [
        ("-wal", "数据库的预写日志文件"),
        ("-shm", "数据库的共享内存文件"),
        ("-journal", "数据库的回滚日志文件"),
        (".lock", "数据库的锁文件"),
    ] {
        if out == dir.join(format!("{name}{suffix}")) {
            return Some(what);
        }
    }
    let normal_dir = |d: PathBuf| normal(&d);
    if out.starts_with(normal_dir(super::backup::backups_dir(db))) {
        return Some("备份文件夹中的文件");
    }
    if out.starts_with(normal_dir(super::attachments::attachments_dir(db))) {
        return Some("留存资料文件夹中的文件");
    }
    None
}

/// Refuses an output path that is a database opened by this program or one of its files.
pub fn check_output(out: &Path) -> Result<()> {
    let target = normal(out);
    let opened = OPENED.lock().map(|l| l.clone()).unwrap_or_default();
    for db in &opened {
        if let Some(what) = protected_by(db, &target) {
            return Err(StoreError::Refused(format!(
                "不能写入“{}”：它是{what}（{}），写入会毁掉台账数据。请另选一个文件名或文件夹。",
                out.display(),
                db.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_its_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("台账.sqlite");
        std::fs::write(&db, b"x").unwrap();
        register(&db);
        for bad in [
            db.clone(),
            dir.path().join("台账.sqlite-wal"),
            dir.path().join("台账.sqlite-journal"),
            dir.path().join("台账.sqlite.lock"),
            dir.path()
                .join("backups")
                .join("台账-手动-20260101-000000.sqlite"),
            dir.path().join("attachments").join("ab.pdf"),
            dir.path().join(".").join("台账.sqlite"),
        ] {
            let e = check_output(&bad).unwrap_err().to_string();
            assert!(e.contains("不能写入"), "{bad:?}: {e}");
        }
        check_output(&dir.path().join("统计.xlsx")).unwrap();
        check_output(&dir.path().join("台账.sqlite.xlsx")).unwrap();
    }
}
