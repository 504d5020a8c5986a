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
                "数据库“{}”已在另一个志愿服务台账窗口中打开，或正由一条命令写入。同一个数据库同时只能由一处写入，请切换到已打开的窗口，或等命令结束后再试。",
                db.display()
            ))),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }

    /// Takes the lock of `db` for a command that writes: when a window or another command has
    /// it, says so once through `waiting` and tries again until `patience` has passed, then
    /// refuses as [`Lock::acquire`] does. Two imports started together thus run one after the
    /// other, the second seeing what the first wrote.
    pub fn wait(
        db: &Path,
        patience: std::time::Duration,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Lock> {
        let started = std::time::Instant::now();
        let mut told = false;
        loop {
            match Lock::acquire(db) {
                Ok(lock) => return Ok(lock),
                Err(StoreError::Refused(why)) => {
                    if started.elapsed() >= patience {
                        return Err(StoreError::Refused(why));
                    }
                    if !told {
                        waiting(&format!(
                            "数据库“{}”正由另一个窗口或命令使用，等它用完（最多 {} 秒）……",
                            db.display(),
                            patience.as_secs()
                        ));
                        told = true;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(other) => return Err(other),
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}
