//! Data: the roster import, backups, restore, station exchange and example data.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{Progress, Result};
use crate::demo::{self, DemoOptions, DemoReport};
use crate::export::import::{self, Checked, ImportFile, ImportReport, OnDuplicate};
use crate::store::backup::{self, Reason};
use crate::store::exchange::{self, ExportSummary, ImportSummary};
use crate::store::meta::Table;
use crate::store::{Store, StoreError};

/// What a cancelled exchange import says.
const IMPORT_CANCELLED: &str = "已取消导入，台账未作任何修改。";

/// Reads a spreadsheet of volunteers (or takes one already read, with the mapping the clerk
/// corrected) and checks every row against the register, writing nothing.
pub fn check_import(
    db: &Path,
    path: &Path,
    read: Option<ImportFile>,
    today: NaiveDate,
) -> Result<(ImportFile, Checked)> {
    let store = Store::open_read_only(db)?;
    Ok(match read {
        Some(file) => {
            let checked = import::check(&store, &file, today)?;
            (file, checked)
        }
        None => import::read_and_check(&store, path, today)?,
    })
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The counts.
    pub report: ImportReport,
    /// The backup of the register as it was, when it held anyone.
    pub backup: Option<PathBuf>,
    /// The line the clerk reads.
    pub message: String,
}

/// Writes the checked rows in one transaction, after backing up the register as it was (when it
/// holds anyone); a stop asked through `progress` writes nothing.
pub fn apply_import(
    db: &Path,
    checked: &Checked,
    file: &ImportFile,
    take_good_rows: bool,
    on_duplicate: OnDuplicate,
    progress: Progress<'_>,
) -> Result<Imported> {
    let mut store = Store::open(db)?;
    let backup = if store.count_live(Table::Volunteers)? > 0 {
        let saved = store
            .backup(Reason::BeforeImport)
            .map_err(|e| anyhow::anyhow!("导入前备份失败，未导入：{e}"))?;
        Some(saved)
    } else {
        None
    };
    let r = import::apply(
        &mut store,
        checked,
        &file.mapping,
        take_good_rows,
        on_duplicate,
        progress,
    )?;
    Ok(Imported {
        message: format!(
            "导入完成：新增 {} 名，更新 {} 名，跳过已在名册中的 {} 名，跳过有错误的行 {} 行。",
            r.added, r.updated, r.skipped, r.bad
        ),
        report: r,
        backup,
    })
}

/// Backs the database up after checking it: into its backups folder (`None`) or to a file.
/// SQLite's online backup gives a consistent copy while the window goes on writing.
pub fn backup(db: &Path, to: Option<&Path>, progress: Progress<'_>) -> Result<PathBuf> {
    let fail = |e: StoreError| match e {
        StoreError::Cancelled => anyhow::anyhow!("已取消备份，没有留下备份文件。"),
        e => anyhow::anyhow!("备份失败：{e}"),
    };
    // Every page is read: at a district's size that is half the work, and the first half of
    // the progress.
    backup::check_file_reporting(db, false, &mut |p| progress(0.5 * p)).map_err(fail)?;
    let dir = to
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| backup::backups_dir(db), Path::to_path_buf);
    std::fs::create_dir_all(&dir).ok();
    backup::room_for(db, &dir).map_err(|why| anyhow::anyhow!("备份失败：{why}"))?;
    let store = Store::open(db).map_err(fail)?;
    match to {
        Some(file) => store
            .backup_to_file_with(file, &mut |p| progress(0.5 + 0.5 * p))
            .map(|()| file.to_path_buf()),
        None => store.backup_with(Reason::Manual, &mut |p| progress(0.5 + 0.5 * p)),
    }
    .map_err(fail)
}

/// Replaces the database at `db` with the backup `from` (checked first; the current file is
/// backed up first). Nothing in this process may have `db` open. Returns the backup of the
/// state before.
pub fn restore(db: &Path, from: &Path, progress: Progress<'_>) -> Result<Option<PathBuf>> {
    // The file's whole check comes with the restore (its first third, with progress); this
    // one reads no more than the header and schema, for a clear word on a wrong file.
    backup::check_file_with(from, true).map_err(|e| anyhow::anyhow!("不能用该文件恢复：{e}"))?;
    let keep = Store::open_read_only(db)
        .map(|s| s.backups_kept())
        .unwrap_or(backup::DEFAULT_KEEP);
    backup::restore_with(db, from, keep, progress).map_err(|e| match e {
        StoreError::Cancelled => anyhow::anyhow!("已取消恢复，当前数据库未被替换。"),
        e => anyhow::anyhow!("恢复失败：{e}"),
    })
}

/// The line the clerk reads after a restore.
pub fn restored_message(from: &Path, previous: Option<&Path>) -> String {
    format!(
        "已从“{}”恢复。{}",
        from.display(),
        previous
            .map(|p| format!("恢复前的数据库已备份到“{}”。", p.display()))
            .unwrap_or_default()
    )
}

/// Writes an exchange package: the records new or changed since the last export, or all.
pub fn export_exchange(
    db: &Path,
    out: &Path,
    whole: bool,
    progress: Progress<'_>,
) -> Result<ExportSummary> {
    let mut store = Store::open(db)?;
    store
        .export_exchange(out, whole, progress)
        .map_err(|e| match e {
            StoreError::Cancelled => anyhow::anyhow!("已取消导出，没有留下交换包文件。"),
            e => anyhow::anyhow!("导出交换包失败：{e}"),
        })
}

/// Reads a station's exchange package: checks its header, backs the database up, then merges
/// it (one transaction; a refused package leaves the file as it was).
pub fn import_exchange(db: &Path, package: &Path, progress: Progress<'_>) -> Result<ImportSummary> {
    let mut store = Store::open(db)?;
    // Checked before the backup: a wrong file costs nothing.
    exchange::describe(package)?;
    store
        .backup(Reason::BeforeImport)
        .map_err(|e| anyhow::anyhow!("导入前备份失败，未导入：{e}"))?;
    if !progress(0.05) {
        anyhow::bail!(IMPORT_CANCELLED);
    }
    store
        .import_exchange(package, &mut |p| progress(0.05 + 0.95 * p))
        .map_err(|e| match e {
            StoreError::Cancelled => anyhow::anyhow!(IMPORT_CANCELLED),
            e => anyhow::anyhow!("导入交换包失败：{e}"),
        })
}

/// Fills an empty database with example data; refuses one that has volunteers.
pub fn demo(db: &Path, opts: DemoOptions, progress: Progress<'_>) -> Result<DemoReport> {
    let mut store = Store::open(db)?;
    if store.counts()?.volunteers > 0 {
        anyhow::bail!(
            "数据库“{}”中已有志愿者记录，示例数据只能填入空数据库",
            db.display()
        );
    }
    demo::generate(&mut store, opts, progress).map_err(|e| match e {
        StoreError::Cancelled => anyhow::anyhow!("已取消载入示例数据，数据库未作任何修改。"),
        e => anyhow::anyhow!("载入失败：{e}"),
    })
}
