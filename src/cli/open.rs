//! The database as a command opens it: the lock of a command that writes, and the upgrade of a
//! file of an older version, said on stderr.

use anyhow::Result;

use crate::store::Store;

/// How long a writing command waits for a window or another command to finish with the
/// database.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

/// The database's lock for a command that writes (see [`crate::store::lock::Lock::wait`]); a
/// file of an older version is then backed up and upgraded, saying so ([`upgrade_first`]).
pub(super) fn writer(db: &std::path::Path) -> Result<crate::store::lock::Lock> {
    let lock = lock_only(db)?;
    upgrade_first(db)?;
    Ok(lock)
}

/// The database's lock alone: for a restore, which replaces the file and has no reason to
/// upgrade it first.
pub(super) fn lock_only(db: &std::path::Path) -> Result<crate::store::lock::Lock> {
    Ok(crate::store::lock::Lock::wait(
        db,
        LOCK_PATIENCE,
        &mut |m| eprintln!("{m}"),
    )?)
}

/// Backs up and upgrades a database of an older version before a command writes to it, with
/// its progress on stderr (at a million volunteers an upgrade takes a minute, which a silent
/// command would spend looking hung). Call with the lock held.
pub(super) fn upgrade_first(db: &std::path::Path) -> Result<()> {
    let Some(version) = Store::pending_upgrade(db) else {
        return Ok(());
    };
    eprintln!("{}", upgrade_notice(db, version));
    let started = std::time::Instant::now();
    let mut said = said_every_tenth("升级进度");
    drop(Store::open_with(db, &mut |done| {
        said(done);
    })?);
    eprintln!("升级完成，用时 {:.1} 秒。", started.elapsed().as_secs_f64());
    Ok(())
}

/// What a command says before it upgrades the file at `db` from `version`.
fn upgrade_notice(db: &std::path::Path, version: i64) -> String {
    format!(
        "“{}”是第 {version} 版的数据库，本程序使用第 {} 版：先整份备份到“{}”，再升级。",
        db.display(),
        crate::store::migrations::LATEST,
        crate::store::backup::backups_dir(db).display()
    )
}

/// A progress callback for long work of a command: a line `{what}：N%` on stderr at every tenth
/// (a minute of silence at a district's size looks like a hang); it never stops the work.
pub(super) fn said_every_tenth(what: &str) -> impl FnMut(f32) -> bool + '_ {
    let mut shown = 0;
    move |done| {
        let tenth = (done * 10.0).floor() as i32;
        if tenth > shown {
            shown = tenth;
            eprintln!("{what}：{}%", tenth * 10);
        }
        true
    }
}
