//! Errors of the store; `Display` is the Chinese message the user reads.

use std::path::PathBuf;

/// Everything that can go wrong in `store/`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened or is not an SQLite database.
    #[error(
        "无法打开数据库文件“{path}”：{reason}。请确认文件存在、未被其他程序占用，且是本程序的数据库。"
    )]
    Open {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        reason: String,
    },
    /// The file belongs to another program.
    #[error(
        "文件“{0}”不是志愿服务台账的数据库（其中有其他程序的数据表）。为保护该文件，本程序不会修改它，请选择正确的数据库文件。"
    )]
    Foreign(PathBuf),
    /// The file is a station's exchange package, not a database.
    #[error(
        "文件“{0}”是站点交换包，不是台账数据库。交换包请在“数据交换”页导入；本程序不会修改它。"
    )]
    Package(PathBuf),
    /// The file was written by a newer version of this program.
    #[error(
        "数据库文件的数据版本为 {found}，高于本程序支持的版本 {supported}，可能由更新版本的程序创建。为保护数据，本程序不会修改此文件，请升级程序后再打开。"
    )]
    TooNew {
        /// The file's `user_version`.
        found: i64,
        /// The newest version this program knows.
        supported: i64,
    },
    /// A migration step failed; the transaction was rolled back.
    #[error("数据库升级到第 {version} 版时失败：{reason}。升级已撤销，原数据未被修改。")]
    Migration {
        /// The step that failed.
        version: i64,
        /// What went wrong.
        reason: String,
    },
    /// The integrity check found damage.
    #[error("数据库文件已损坏（完整性检查未通过：{0}）。请从备份恢复。")]
    Corrupt(String),
    /// Copying the database for a backup failed.
    #[error("备份数据库失败：{0}")]
    Backup(String),
    /// A record that should exist does not.
    #[error("找不到记录（{kind}，编号 {id}），可能已被删除。")]
    NotFound {
        /// Which kind of record.
        kind: &'static str,
        /// Its key.
        id: String,
    },
    /// The operation is not allowed for this record; the message says why.
    #[error("{0}")]
    Refused(String),
    /// A file-system error around the database (folders, backups).
    #[error("文件操作失败：{0}")]
    Io(#[from] std::io::Error),
    /// Any other SQLite error.
    #[error("数据库操作失败：{0}")]
    Sql(#[from] rusqlite::Error),
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, StoreError>;
