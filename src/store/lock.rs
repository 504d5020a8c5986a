//! One window per database: an operating-system lock on `<database>.lock`, held while the
//! program has the database open. The system releases it when the process ends, however it
//! ends, so a lock file left behind by a crash does not block the next start.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::error::{Result, StoreError};

/// The held lock; released when dropped.
#[derive(Debug)]
pub struct Lock {
    _file: File,
    path: PathBuf,
}

/// `<database>.lock` beside the database.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

impl Lock {
    /// Takes the lock of `db`, or says that another copy of the program has the database open.
    pub fn acquire(db: &Path) -> Result<Lock> {
        let path = lock_path(db);
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)?;
        match file.try_lock() {
            Ok(()) => {
                // Who holds it, for a person looking at the folder.
                let _ = file.set_len(0);
                let _ = writeln!(file, "{}", std::process::id());
                Ok(Lock { _file: file, path })
            }
            Err(TryLockError::WouldBlock) => Err(StoreError::Refused(format!(
                "数据库“{}”已在另一个志愿服务台账窗口中打开。同一个数据库同时只能由一个窗口使用，请切换到已打开的窗口；如果刚关闭了它，请稍候再试。",
                db.display()
            ))),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
