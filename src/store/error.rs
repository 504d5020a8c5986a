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
    /// The clerk cancelled the operation; nothing was written.
    #[error("已取消，未作任何修改。")]
    Cancelled,
    /// The operation is not allowed for this record; the message says why.
    #[error("{0}")]
    Refused(String),
    /// A file-system error around the database (folders, backups).
    #[error("{}", io_message(.0))]
    Io(#[from] std::io::Error),
    /// Any other SQLite error.
    #[error("{}", sql_message(.0))]
    Sql(#[from] rusqlite::Error),
}

/// What a file-system error means for the clerk; the system's words follow as a detail.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::StorageFull | K::QuotaExceeded => "磁盘空间不足，文件没有写入。请清理磁盘后重试",
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            "没有权限写入（文件是只读的、正被其他程序打开，或文件夹不允许写入）"
        }
        K::NotFound => "找不到文件或文件夹",
        K::AlreadyExists => "文件已存在",
        K::InvalidFilename => "文件名无效（太长或含有不允许的字符）",
        K::FileTooLarge => "文件太大",
        _ => "文件操作失败",
    };
    format!("{what}（详情：{e}）")
}

/// What an SQLite error means for the clerk; SQLite's words follow as a detail.
pub fn sql_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let what = match e {
        rusqlite::Error::SqliteFailure(f, _) => match (f.code, f.extended_code) {
            (C::DiskFull, _) => {
                "磁盘空间不足，数据没有写入。请清理磁盘（或删除旧备份）后重试，已保存的数据未受影响"
            }
            (C::DatabaseBusy | C::DatabaseLocked, _) => {
                "数据库正被另一个窗口或命令使用，数据没有写入，请稍候再试"
            }
            (C::ReadOnly, _) => "数据库文件是只读的（或所在文件夹不允许写入），数据没有写入",
            (C::CannotOpen, _) => "无法打开数据库文件",
            (C::NotADatabase | C::DatabaseCorrupt, _) => "数据库文件已损坏，请从备份恢复",
            (C::ConstraintViolation, 275) => "有数值超出允许的范围（如负的服务时长），数据没有写入",
            (C::ConstraintViolation, 1555 | 2067) => {
                "与已有记录重复（编号或证件号码已被使用），数据没有写入"
            }
            (C::ConstraintViolation, 787) => "引用了不存在的记录，数据没有写入",
            (C::ConstraintViolation, 1299) => "缺少必须填写的内容，数据没有写入",
            (C::ConstraintViolation, _) => "与已有记录冲突，数据没有写入",
            (C::SystemIoFailure, _) => "读写磁盘出错，数据没有写入",
            (C::PermissionDenied, _) => "没有权限访问数据库文件",
            (C::TooBig, _) => "数据太大，没有写入",
            _ => "数据库操作失败",
        },
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) => {
            "数据库中有格式不对的数据（可能来自损坏的文件或交换包），请在命令行运行 check 检查数据库"
        }
        _ => "数据库操作失败",
    };
    format!("{what}（详情：{e}）")
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, StoreError>;
