//! Station exchange packages (交换包): a station writes the records it created or changed since
//! its last export (or all of them) into one SQLite file; the street office reads it in.
//!
//! A package holds, for every synchronised table, rows with exactly the table's columns, plus
//! the records the rows refer to (so an incremental package never points at a volunteer the
//! office lacks), the keys of records removed for good, and the attachment files.
//!
//! Reading a package is one transaction and follows these rules, record by record:
//! - a record removed for good here (`exchange_tombstones`) is not brought back;
//! - a record of another station that is the same as one of ours (the same identity number;
//!   the same person in the same activity, team or training) is taken as ours (`exchange_alias`),
//!   and the rows that refer to it are pointed at ours;
//! - a new record is added; an equal one is unchanged;
//! - a record changed only in the package is updated when the package's edit is the newer one;
//! - a record changed on both sides since they last agreed (`exchange_base`) is a conflict:
//!   kept in `exchange_conflicts` with the package's version, nothing overwritten, until the
//!   clerk chooses.
//!
//! The same package read twice changes nothing; packages of different stations read in either
//! order give the same records.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod conflicts;
mod export;
mod import;
mod merge;
mod rows;
use rows::{col_list, one_row, read_row, reindex, select_sql, to_json, update_row};
mod validate;
use crate::store::record::{written_column, written_key, written_table};

#[cfg(test)]
mod plans;

use merge::{COUNTING_TRIGGERS, Merge, recount_touched};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::meta::now_utc;
use super::settings::{self, keys};
use super::{Result, Store, StoreError};

/// `PRAGMA application_id` of a package ("VLXP"), so it is never taken for a database.
pub const PACKAGE_APP_ID: i64 = 0x564C_5850;
/// The package format this program writes and reads.
pub const FORMAT: i64 = 1;
/// Columns of personal information: a package with any record holding one is written in the
/// 个人信息导出记录.
/// (A unit's own `phone` is the office's, not a person's.)
const PERSONAL_COLUMNS: [&str; 8] = [
    "id_number",
    "mobile",
    "contact_mobile",
    "contact_office_phone",
    "leader_mobile",
    "leader_office_phone",
    "office_phone",
    "person",
];

/// The largest attachment file a package may carry.
const MAX_FILE: i64 = 256 << 20;
/// The file extension of packages.
pub const EXTENSION: &str = "vlx";

/// The synchronised tables, parents before children.
pub const SYNCED: [&str; 21] = [
    "units",
    "unit_contacts",
    "volunteers",
    "teams",
    "team_members",
    "activities",
    "participations",
    "trainings",
    "training_attendance",
    "honors",
    "info_reports",
    "needs",
    "need_activities",
    "attachments",
    "custom_key_dates",
    "summary_narratives",
    "certificates",
    "submissions",
    "complaints",
    "platform_templates",
    "platform_entries",
];

/// What the clerk calls the records of a table.
pub fn kind_name(table: &str) -> &'static str {
    match table {
        "units" => "单位",
        "unit_contacts" => "单位负责人",
        "volunteers" => "志愿者",
        "teams" => "队伍",
        "team_members" => "队员",
        "activities" => "活动",
        "participations" => "服务记录",
        "trainings" => "培训",
        "training_attendance" => "培训参加人",
        "honors" => "表彰",
        "info_reports" => "信息报送",
        "needs" => "需求",
        "need_activities" => "需求对接",
        "attachments" => "留存资料",
        "custom_key_dates" => "自定义节点",
        "summary_narratives" => "总结文字",
        "certificates" => "记录证明",
        "submissions" => "报送登记",
        "complaints" => "投诉",
        "platform_templates" => "平台模板",
        "platform_entries" => "已录入平台标记",
        _ => "记录",
    }
}

/// The natural key that makes a record of another station the same as one of ours: the same
/// unit of the district directory, the same person, the same team of a unit, the same person
/// in the same activity.
fn natural_key(table: &str) -> &'static [&'static str] {
    match table {
        "units" => &["name", "kind"],
        "unit_contacts" => &["unit_id", "valid_from"],
        "volunteers" => &["id_number"],
        "teams" => &["name", "unit_id"],
        "custom_key_dates" => &["name", "month", "day"],
        "participations" => &["activity_id", "volunteer_id"],
        "team_members" => &["team_id", "volunteer_id"],
        "training_attendance" => &["training_id", "volunteer_id"],
        "need_activities" => &["need_id", "activity_id"],
        "summary_narratives" => &["period", "section"],
        "platform_templates" => &["name"],
        "platform_entries" => &["activity_id"],
        _ => &[],
    }
}

/// Columns a package never changes in a record we already have.
fn kept_columns(table: &str) -> &'static [&'static str] {
    match table {
        "volunteers" => &["id", "created_at", "origin", "number"],
        "certificates" => &["id", "created_at", "origin", "serial"],
        _ => &["id", "created_at", "origin"],
    }
}

/// A column a value must be unique in, and what the clerk calls it.
fn unique_column(table: &str) -> Option<(&'static str, &'static str)> {
    match table {
        "volunteers" => Some(("number", "志愿者编号")),
        "certificates" => Some(("serial", "证明编号")),
        _ => None,
    }
}

/// What a package says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageInfo {
    /// The package's own key (the same package read twice is recognised).
    pub package_id: String,
    /// The station that wrote it.
    pub station_id: String,
    /// Its name.
    pub station_name: String,
    /// When it was written (UTC).
    pub created_at: String,
    /// The previous export it continues from; `None` for a whole package.
    pub since: Option<String>,
    /// How many records it holds.
    pub records: u64,
}

impl PackageInfo {
    /// 全部 or 增量.
    pub fn kind(&self) -> &'static str {
        if self.since.is_none() {
            "全部记录"
        } else {
            "新增和修改的记录"
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// The package file.
    pub file: PathBuf,
    /// Its description.
    pub info: PackageInfo,
    /// Records per kind (tables with none left out).
    pub counts: Vec<(&'static str, u64)>,
    /// Records removed for good that the package carries.
    pub removals: u64,
    /// Attachment files it carries.
    pub files: u64,
}

impl ExportSummary {
    /// One line for the clerk.
    pub fn message(&self) -> String {
        let what = if self.counts.is_empty() {
            "没有新增或修改的记录".to_string()
        } else {
            self.counts
                .iter()
                .map(|(k, n)| format!("{k} {n} 条"))
                .collect::<Vec<_>>()
                .join("，")
        };
        format!(
            "已导出交换包“{}”（{}）：{what}；彻底删除 {} 条，附件 {} 个。",
            self.file.display(),
            self.info.kind(),
            self.removals,
            self.files
        )
    }
}

/// Counts of one kind of record read from a package.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindCounts {
    /// The kind (志愿者, 活动 …).
    pub kind: &'static str,
    /// New records.
    pub added: u64,
    /// Records updated by a newer edit.
    pub updated: u64,
    /// Records already equal, or older in the package.
    pub unchanged: u64,
    /// Records changed on both sides, waiting for the clerk.
    pub conflicts: u64,
    /// Records taken as one of ours (the same person at two stations).
    pub merged: u64,
}

/// What reading a package did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// The package.
    pub package_id: String,
    /// The station's name.
    pub station_name: String,
    /// Per kind of record.
    pub kinds: Vec<KindCounts>,
    /// Records moved to the recycle bin because the station removed them for good.
    pub removed: u64,
    /// Records in the package that were removed for good here and stay removed.
    pub kept_removed: u64,
    /// Numbers changed because another record here already had them.
    pub renumbered: Vec<String>,
    /// Attachment files copied in.
    pub files: u64,
    /// When the same package was read before, if it was.
    pub seen_before: Option<String>,
}

impl ImportSummary {
    fn sum(&self, f: impl Fn(&KindCounts) -> u64) -> u64 {
        self.kinds.iter().map(f).sum()
    }
    /// New records.
    pub fn added(&self) -> u64 {
        self.sum(|k| k.added)
    }
    /// Updated records.
    pub fn updated(&self) -> u64 {
        self.sum(|k| k.updated)
    }
    /// Unchanged records.
    pub fn unchanged(&self) -> u64 {
        self.sum(|k| k.unchanged)
    }
    /// Conflicts waiting for the clerk.
    pub fn conflicts(&self) -> u64 {
        self.sum(|k| k.conflicts)
    }
    /// Records taken as ours.
    pub fn merged(&self) -> u64 {
        self.sum(|k| k.merged)
    }

    /// One line for the clerk.
    pub fn message(&self) -> String {
        let mut s = format!(
            "已导入“{}”的交换包：新增 {} 条，更新 {} 条，未变 {} 条，冲突 {} 条",
            self.station_name,
            self.added(),
            self.updated(),
            self.unchanged(),
            self.conflicts()
        );
        if self.merged() > 0 {
            s.push_str(&format!("，与本机同一记录合并 {} 条", self.merged()));
        }
        if self.removed > 0 {
            s.push_str(&format!("，移入回收站 {} 条", self.removed));
        }
        if self.kept_removed > 0 {
            s.push_str(&format!(
                "，本机已彻底删除而未导入 {} 条",
                self.kept_removed
            ));
        }
        s.push('。');
        if self.conflicts() > 0 {
            s.push_str("冲突的记录未改动，请在“数据交换”中逐条选择。");
        }
        if let Some(at) = &self.seen_before {
            s.push_str(&format!("（此交换包已于 {} 导入过。）", local_time(at)));
        }
        s
    }
}

/// A record changed on both sides, waiting for the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Its key in the conflict list.
    pub id: i64,
    /// The table.
    pub table: String,
    /// The record.
    pub record_id: String,
    /// What the record is (a name or title).
    pub label: String,
    /// The station whose package brought the other version.
    pub station: String,
    /// When it was changed here.
    pub local_updated_at: String,
    /// When it was changed at the station.
    pub incoming_updated_at: String,
    /// The fields that differ: column label, here, in the package.
    pub fields: Vec<(String, String, String)>,
}

/// One line of the exchange history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// When (local time, to the minute).
    pub at: String,
    /// 导出 or 导入.
    pub direction: String,
    /// The station (ours for exports).
    pub station: String,
    /// The file.
    pub file: String,
    /// What it did, in words.
    pub counts: String,
}

/// How the clerk settles a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// 保留本机的.
    KeepLocal,
    /// 采用交换包的.
    TakeIncoming,
}

/// A UTC timestamp as local time to the minute.
pub fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| at.to_string())
}

/// The columns of a table in `schema` (main or pkg), but for the short keys of volunteers and
/// activities (`key`, schema version 21): each ledger numbers its own, so a package never
/// carries them (and one that does is refused, as any column this program does not know).
fn columns(conn: &Connection, schema: &str, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, ?2)")?;
    let short_keyed = schema == "main" && matches!(table, "volunteers" | "activities");
    let cols = stmt
        .query_map([table, schema], |r| r.get(0))?
        .filter(|c| !(short_keyed && matches!(c, Ok(c) if c == "key")))
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(cols)
}

/// The foreign keys of a table: (column, parent table).
fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    // The service records are a view (schema version 21) whose rows refer by short keys; its
    // text columns refer to their records as the table's did.
    if table == "participations" {
        return Ok(vec![
            ("activity_id".into(), "activities".into()),
            ("volunteer_id".into(), "volunteers".into()),
        ]);
    }
    let mut stmt =
        conn.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1, 'main')")?;
    let fks = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(fks)
}

/// Checks a file is a package this program can read, whole (its integrity too, reading the
/// entire file), and says what it holds. Reading a package does this.
pub fn read_info(path: &Path) -> Result<PackageInfo> {
    read_package(path, true)
}

/// Says what a package holds from its header alone (fast, for the confirmation before an
/// import): a wrong file is named, damage inside is found by [`read_info`] when it is read.
pub fn describe(path: &Path) -> Result<PackageInfo> {
    read_package(path, false)
}

fn read_package(path: &Path, whole: bool) -> Result<PackageInfo> {
    let refuse =
        |why: &str| StoreError::Refused(format!("无法读取交换包“{}”：{why}", path.display()));
    let meta = std::fs::metadata(path).map_err(|_| refuse("文件不存在"))?;
    if meta.len() == 0 {
        return Err(refuse("文件是空的（0 字节）"));
    }
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| refuse("文件无法打开"))?;
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|_| refuse("不是交换包（文件格式不对，可能已损坏或是其他文件改了扩展名）"))?;
    if app_id == super::migrations::APPLICATION_ID {
        return Err(refuse(
            "这是台账数据库文件，不是交换包。要用它替换本机数据，请在“设置”中“从文件恢复”",
        ));
    }
    if app_id != PACKAGE_APP_ID {
        return Err(refuse("不是本程序导出的交换包"));
    }
    let check: String = if whole {
        conn.query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|_| refuse("文件已损坏"))?
    } else {
        "ok".into()
    };
    if check != "ok" {
        return Err(refuse("文件已损坏（完整性检查未通过），请让站点重新导出"));
    }
    let get = |key: &str| -> Result<Option<String>> {
        conn.query_row("SELECT value FROM package WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|_| refuse("文件不完整（缺少交换包说明）"))
    };
    let format: i64 = get("format")?
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| refuse("文件不完整（缺少格式版本）"))?;
    if format > FORMAT {
        return Err(refuse(&format!(
            "交换包格式为第 {format} 版，由更新版本的程序导出，请先升级本程序"
        )));
    }
    let required = |key: &str| -> Result<String> {
        get(key)?.ok_or_else(|| refuse(&format!("文件不完整（缺少 {key}）")))
    };
    Ok(PackageInfo {
        package_id: required("package_id")?,
        station_id: required("station_id")?,
        // Shown in messages and printed on a terminal: escape codes as codes.
        station_name: crate::domain::text::printable(&required("station_name")?),
        created_at: required("created_at")?,
        since: get("since")?.filter(|s| !s.is_empty()),
        records: get("records")?.and_then(|v| v.parse().ok()).unwrap_or(0),
    })
}

impl Store {
    /// This station's name: set in 数据交换, else the unit's name, else 本站.
    pub fn station_name(&self) -> String {
        self.setting(keys::STATION_NAME)
            .ok()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| self.unit_name().ok().flatten())
            .unwrap_or_else(|| "本站".into())
    }

    /// This station's code: four characters of the random part of its key, written into
    /// certificate serials so that two stations never give out the same one.
    pub fn station_code(&self) -> String {
        let code: String = self
            .origin()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<Vec<_>>()
            .iter()
            .rev()
            .take(4)
            .rev()
            .collect();
        code.to_uppercase()
    }

    /// When this station last exported a package (UTC), if it ever did.
    pub fn last_exchange_export(&self) -> Result<Option<String>> {
        self.setting(keys::LAST_EXCHANGE_EXPORT)
    }

    /// The packages written and read, newest first.
    pub fn exchange_history(&self, limit: usize) -> Result<Vec<LogEntry>> {
        let mut stmt = self.conn().prepare(
            "SELECT at, direction, station, file, whole, added, updated, unchanged, conflicts,
                    merged
             FROM exchange_log ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            let direction: String = r.get(1)?;
            let whole: bool = r.get(4)?;
            let n = |i: usize| r.get::<_, i64>(i);
            let counts = if direction == "导出" {
                format!(
                    "{}，{} 条记录",
                    if whole { "全部" } else { "新增和修改" },
                    n(5)?
                )
            } else {
                let mut s = format!(
                    "新增 {}，更新 {}，未变 {}，冲突 {}",
                    n(5)?,
                    n(6)?,
                    n(7)?,
                    n(8)?
                );
                if n(9)? > 0 {
                    s.push_str(&format!("，合并 {}", n(9)?));
                }
                s
            };
            Ok(LogEntry {
                at: local_time(&r.get::<_, String>(0)?),
                direction,
                station: r.get(2)?,
                file: r.get(3)?,
                counts,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
