//! 个人信息导出记录: every export carrying whole identity numbers or phone numbers (a roster
//! with whole numbers, a 联络表, a 志愿服务记录证明) is written down — when, what, which file,
//! how many people — and shown in 设置.

use std::path::Path;

use rusqlite::Connection;

use super::{Result, Store};

/// What the export log calls a roster with whole numbers.
pub const ROSTER_FULL: &str = "志愿者名册（完整证件号码和手机号码）";
/// … a 联络表 (the contact persons' phones).
pub const CONTACT_FORM: &str = "志愿服务工作负责人联络表（联系人电话）";
/// … a 志愿服务记录证明 (the volunteer's identity number).
pub const CERTIFICATE: &str = "志愿服务记录证明（证件号码）";

/// … a station's exchange package (the volunteers' whole records).
pub const EXCHANGE: &str = "站点交换包（志愿者完整信息）";

/// One export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportLogEntry {
    /// Local time, YYYY-MM-DD HH:MM:SS.
    pub at: String,
    /// 志愿者名册（完整证件号码和手机号码） …
    pub what: String,
    /// The file written.
    pub file: String,
    /// People whose information it holds.
    pub people: i64,
}

/// Records an export in the database at `db` (its own connection, so worker threads that
/// read through a read-only one can log).
pub fn record(db: &Path, what: &str, file: &Path, people: i64) -> Result<()> {
    let conn = Connection::open(db)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    let station: String = conn
        .query_row(
            "SELECT coalesce((SELECT value FROM settings WHERE key = 'station_id'), '')",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    conn.execute(
        "INSERT INTO export_log (at, what, file, people, station) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            what,
            file.display().to_string(),
            people,
            station
        ],
    )?;
    Ok(())
}

impl Store {
    /// The latest exports, newest first.
    pub fn export_log(&self, limit: usize) -> Result<Vec<ExportLogEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, what, file, people FROM export_log ORDER BY at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(ExportLogEntry {
                    at: r.get(0)?,
                    what: r.get(1)?,
                    file: r.get(2)?,
                    people: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
