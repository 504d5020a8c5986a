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
mod merge;
mod validate;

use merge::{COUNTING_TRIGGERS, Merge, RECOUNT_TOUCHED};

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
pub const SYNCED: [&str; 19] = [
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

/// The columns of a table in `schema` (main or pkg).
fn columns(conn: &Connection, schema: &str, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, ?2)")?;
    let cols = stmt
        .query_map([table, schema], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(cols)
}

/// The foreign keys of a table: (column, parent table).
fn foreign_keys(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt =
        conn.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1, 'main')")?;
    let fks = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, String)>>>()?;
    Ok(fks)
}

/// A column list for SQL (`"a", "b"`); names come from the schema, never from input.
fn col_list(cols: &[String]) -> String {
    cols.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
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

/// Where a package's file goes while it is written.
fn part_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
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

    /// Writes a package to `out`: every record (`whole`) or those created or changed since the
    /// last export, with the records they refer to, the removals and the attachment files. The
    /// file appears only when complete; the last-export mark moves only then.
    pub fn export_exchange(
        &mut self,
        out: &Path,
        whole: bool,
        progress: &mut dyn FnMut(f32),
    ) -> Result<ExportSummary> {
        let since = if whole {
            None
        } else {
            self.last_exchange_export()?
        };
        super::guard::check_output(out)?;
        let started = now_utc();
        let part = part_path(out);
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        if part.exists() {
            std::fs::remove_file(&part)?;
        }
        let info = PackageInfo {
            package_id: uuid::Uuid::now_v7().to_string(),
            station_id: self.origin().to_string(),
            station_name: self.station_name(),
            created_at: started.clone(),
            since: since.clone(),
            records: 0,
        };
        self.conn().execute(
            "ATTACH DATABASE ?1 AS pkg",
            [part.to_string_lossy().as_ref()],
        )?;
        let written = self.fill_package(&info, progress);
        let detached = self
            .conn()
            .execute_batch("DETACH DATABASE pkg")
            .map_err(StoreError::from);
        let (counts, removals, files, records) = match written.and_then(|w| detached.map(|()| w)) {
            Ok(w) => w,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        std::fs::File::open(&part)?.sync_all()?;
        std::fs::rename(&part, out).map_err(|e| {
            let _ = std::fs::remove_file(&part);
            StoreError::Io(e)
        })?;
        let origin = self.origin().to_string();
        let file = out.display().to_string();
        // Every record that carries a phone or an identity number counts, a contact person's
        // as much as a volunteer's.
        let mut personal = Vec::new();
        for t in SYNCED {
            if columns(self.conn(), "main", t)?
                .iter()
                .any(|c| PERSONAL_COLUMNS.contains(&c.as_str()))
            {
                personal.push(kind_name(t));
            }
        }
        let people: u64 = counts
            .iter()
            .filter(|(k, _)| personal.contains(k))
            .map(|(_, n)| *n)
            .sum();
        let package_id = info.package_id.clone();
        let station = info.station_name.clone();
        self.write(|c| {
            settings::set(c, keys::LAST_EXCHANGE_EXPORT, &started, &origin)?;
            c.execute(
                "INSERT INTO exchange_log (at, direction, package_id, station, file, whole, added)
                 VALUES (?1, '导出', ?2, ?3, ?4, ?5, ?6)",
                params![started, package_id, station, file, whole, records as i64],
            )?;
            // The package carries whole identity numbers or phones: 个人信息导出记录.
            if people > 0 {
                c.execute(
                    "INSERT INTO export_log (at, what, file, people, station)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
                        super::export_log::EXCHANGE,
                        file,
                        people as i64,
                        origin
                    ],
                )?;
            }
            Ok(())
        })?;
        progress(1.0);
        Ok(ExportSummary {
            file: out.to_path_buf(),
            info: PackageInfo { records, ..info },
            counts,
            removals,
            files,
        })
    }

    /// Fills the attached, empty `pkg`: returns the counts per kind, removals, files, records.
    #[allow(clippy::type_complexity)]
    fn fill_package(
        &mut self,
        info: &PackageInfo,
        progress: &mut dyn FnMut(f32),
    ) -> Result<(Vec<(&'static str, u64)>, u64, u64, u64)> {
        let db = self.path().to_path_buf();
        let since = info.since.clone();
        self.conn().execute_batch(&format!(
            "PRAGMA pkg.application_id = {PACKAGE_APP_ID};
             PRAGMA pkg.page_size = 8192;
             PRAGMA pkg.journal_mode = OFF;
             PRAGMA pkg.synchronous = OFF;"
        ))?;
        self.write(|c| {
            c.execute_batch(
                "CREATE TABLE pkg.package (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                 CREATE TABLE pkg.tombstones (id TEXT PRIMARY KEY NOT NULL, tbl TEXT NOT NULL,
                                              purged_at TEXT NOT NULL);
                 CREATE TABLE pkg.files (name TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL);",
            )?;
            // The stored columns of each table (not generated ones such as activities.counted,
            // which the receiving ledger computes itself).
            let mut stored: HashMap<&str, String> = HashMap::new();
            for t in SYNCED {
                let cols = columns(c, "main", t)?
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                stored.insert(t, cols);
            }
            for (i, t) in SYNCED.iter().enumerate() {
                let cols = &stored[*t];
                c.execute_batch(&format!(
                    "CREATE TABLE pkg.\"{t}\" AS SELECT {cols} FROM main.\"{t}\" WHERE 0;
                     CREATE UNIQUE INDEX pkg.\"pkg_{t}_id\" ON \"{t}\"(id);"
                ))?;
                // Since the last export: what was created or changed here, not what came in
                // from other stations' packages as it is (its updated_at is the agreed one).
                c.execute(
                    &format!(
                        "INSERT INTO pkg.\"{t}\" SELECT {cols} FROM main.\"{t}\" t
                         WHERE ?1 IS NULL
                            OR (t.updated_at > ?1 AND NOT EXISTS (
                                    SELECT 1 FROM main.exchange_base b
                                    WHERE b.id = t.id AND b.updated_at = t.updated_at))"
                    ),
                    [&since],
                )?;
                progress(0.6 * (i + 1) as f32 / SYNCED.len() as f32);
            }
            // The records the changed ones refer to, until nothing more is needed.
            let mut fks = Vec::new();
            for t in SYNCED {
                for (col, parent) in foreign_keys(c, t)? {
                    fks.push((t, col, parent));
                }
            }
            loop {
                let mut added = 0;
                for (t, col, parent) in &fks {
                    let cols = stored
                        .get(parent.as_str())
                        .cloned()
                        .unwrap_or_else(|| "*".to_string());
                    added += c.execute(
                        &format!(
                            "INSERT OR IGNORE INTO pkg.\"{parent}\" SELECT {cols} FROM main.\"{parent}\"
                             WHERE id IN (SELECT \"{col}\" FROM pkg.\"{t}\"
                                          WHERE \"{col}\" IS NOT NULL)"
                        ),
                        [],
                    )?;
                }
                if added == 0 {
                    break;
                }
            }
            c.execute(
                "INSERT INTO pkg.tombstones SELECT id, tbl, purged_at FROM main.exchange_tombstones
                 WHERE ?1 IS NULL OR purged_at > ?1",
                [&since],
            )?;
            progress(0.75);
            // Attachment files of the attachment records in the package.
            let dir = super::attachments::attachments_dir(&db);
            let names: Vec<String> = c
                .prepare("SELECT content_hash, file_name FROM pkg.attachments")?
                .query_map([], |r| {
                    Ok(super::attachments::stored_name(
                        &r.get::<_, String>(0)?,
                        &r.get::<_, String>(1)?,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut insert =
                c.prepare("INSERT OR IGNORE INTO pkg.files (name, data) VALUES (?1, ?2)")?;
            for name in &names {
                // A file missing here travels as missing: the record says 文件缺失 there too.
                if let Ok(data) = std::fs::read(dir.join(name)) {
                    insert.execute(params![name, data])?;
                }
            }
            drop(insert);
            let mut counts = Vec::new();
            let mut records = 0u64;
            for t in SYNCED {
                let n: i64 =
                    c.query_row(&format!("SELECT count(*) FROM pkg.\"{t}\""), [], |r| {
                        r.get(0)
                    })?;
                records += n as u64;
                if n > 0 {
                    counts.push((kind_name(t), n as u64));
                }
            }
            let removals: i64 =
                c.query_row("SELECT count(*) FROM pkg.tombstones", [], |r| r.get(0))?;
            let files: i64 = c.query_row("SELECT count(*) FROM pkg.files", [], |r| r.get(0))?;
            let mut put = c.prepare("INSERT INTO pkg.package (key, value) VALUES (?1, ?2)")?;
            for (k, v) in [
                ("format", FORMAT.to_string()),
                ("package_id", info.package_id.clone()),
                ("station_id", info.station_id.clone()),
                ("station_name", info.station_name.clone()),
                ("created_at", info.created_at.clone()),
                ("since", info.since.clone().unwrap_or_default()),
                ("records", records.to_string()),
                ("schema", super::migrations::LATEST.to_string()),
            ] {
                put.execute(params![k, v])?;
            }
            progress(0.9);
            Ok((counts, removals as u64, files as u64, records))
        })
    }

    /// Reads a package into this database (one transaction; attachment files first, named by
    /// content, so a failed read leaves only harmless extra files). See the module for the
    /// rules. The caller backs the database up first.
    pub fn import_exchange(
        &mut self,
        package: &Path,
        progress: &mut dyn FnMut(f32),
    ) -> Result<ImportSummary> {
        let info = read_info(package)?;
        if info.station_id == self.origin() {
            return Err(StoreError::Refused(format!(
                "交换包“{}”是本站（{}）自己导出的，不需要导入",
                package.display(),
                info.station_name
            )));
        }
        self.conn().execute(
            "ATTACH DATABASE ?1 AS pkg",
            [package.to_string_lossy().as_ref()],
        )?;
        let result = self.merge_attached(&info, package, progress);
        let detached = self.conn().execute_batch("DETACH DATABASE pkg");
        let summary = result.map_err(|e| match e {
            // The references are checked before the commit; should one still fail there, the
            // clerk reads what it means (and nothing was written).
            StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Refused(format!(
                    "交换包“{}”中有记录与本机记录冲突或引用了不存在的记录（{f}），未导入任何记录。请让“{}”重新导出全部记录后再试。",
                    package.display(),
                    info.station_name
                ))
            }
            other => other,
        })?;
        detached?;
        progress(1.0);
        Ok(summary)
    }

    fn merge_attached(
        &mut self,
        info: &PackageInfo,
        package: &Path,
        progress: &mut dyn FnMut(f32),
    ) -> Result<ImportSummary> {
        // Every value checked before anything is written.
        validate::package(self.conn(), chrono::Local::now().date_naive())?;
        let files = self.check_files()?;
        let seen_before: Option<String> = self
            .conn()
            .query_row(
                "SELECT at FROM exchange_log WHERE package_id = ?1 AND direction = '导入'
                 ORDER BY id LIMIT 1",
                [&info.package_id],
                |r| r.get(0),
            )
            .optional()?;
        let total = info.records.max(1) as f32;
        let prefix = self.number_prefix()?;
        let last_export = self.last_exchange_export()?;
        let info = info.clone();
        let file = package.display().to_string();
        // A large page cache, and a rollback journal instead of the WAL when the window is
        // not open on the file: still one atomic transaction. Each insert's statement journal
        // (triggers) is kept in memory instead of a temporary file.
        self.conn().execute_batch("PRAGMA temp_store = MEMORY")?;
        let merged = self.bulk(|b| {
            let c = b.conn;
            c.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            // New service records are counted once at the end instead of one at a time.
            let counting: Vec<String> = c
                .prepare(&format!(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({})",
                    COUNTING_TRIGGERS.map(|t| format!("'{t}'")).join(", ")
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for t in COUNTING_TRIGGERS {
                c.execute_batch(&format!("DROP TRIGGER IF EXISTS {t};"))?;
            }
            c.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS exchange_touched (
                     kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (kind, id)
                 ) WITHOUT ROWID;
                 DELETE FROM temp.exchange_touched;",
            )?;
            let mut m = Merge::new(c, &info, last_export, prefix)?;
            m.summary.seen_before = seen_before;
            let mut done = 0u64;
            for t in SYNCED {
                m.table(t, &mut |n| {
                    done += n;
                    progress(0.95 * done as f32 / total);
                })?;
            }
            m.removals()?;
            // A unit may come before the parent unit it was merged with: point it at ours.
            c.execute_batch(
                "UPDATE units SET parent_id = (
                     SELECT to_id FROM exchange_alias WHERE from_id = units.parent_id)
                 WHERE parent_id IN (SELECT from_id FROM exchange_alias WHERE tbl = 'units');",
            )?;
            c.execute_batch(RECOUNT_TOUCHED)?;
            for sql in &counting {
                c.execute_batch(sql)?;
            }
            m.check_references()?;
            let s = &m.summary;
            c.execute(
                "INSERT INTO exchange_log (at, direction, package_id, station, file, whole,
                                           added, updated, unchanged, conflicts, merged)
                 VALUES (?1, '导入', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    now_utc(),
                    info.package_id,
                    info.station_name,
                    file,
                    info.since.is_none(),
                    s.added() as i64,
                    s.updated() as i64,
                    s.unchanged() as i64,
                    s.conflicts() as i64,
                    s.merged() as i64
                ],
            )?;
            Ok(m.summary)
        });
        self.conn().execute_batch("PRAGMA temp_store = DEFAULT")?;
        let mut merged = merged?;
        // The files after the records are in: a refused package leaves no file behind, and a
        // file that could not be written shows as 文件缺失 until the package is read again.
        merged.files = self.write_files(&files)?;
        Ok(merged)
    }

    /// Checks the package's attachment files before anything is written: each named by a
    /// SHA-256 and holding exactly the bytes of that hash (computed here), none larger than
    /// the limit. Returns (hash, row) of each.
    fn check_files(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, length(data), rowid FROM pkg.files")?;
        let mut rows = stmt.query([])?;
        let mut received: Vec<(String, i64)> = Vec::new();
        while let Some(row) = rows.next()? {
            let name = match row.get::<_, Value>(0)? {
                Value::Text(s) => s,
                _ => String::new(),
            };
            let size: i64 = row.get::<_, Option<i64>>(1)?.unwrap_or(0);
            let said = name.get(..64).unwrap_or_default().to_string();
            if !super::attachments::is_hash(&said) {
                return Err(StoreError::Refused(format!(
                    "交换包中的附件文件名“{}”不是校验值，未导入任何记录。",
                    crate::domain::text::printable(&name.chars().take(80).collect::<String>())
                )));
            }
            if size > MAX_FILE {
                return Err(StoreError::Refused(format!(
                    "交换包中的附件 {said} 有 {} MB，超过 {} MB 的上限，未导入任何记录。",
                    size >> 20,
                    MAX_FILE >> 20
                )));
            }
            received.push((said, row.get(2)?));
        }
        drop(rows);
        let mut read = self
            .conn()
            .prepare("SELECT data FROM pkg.files WHERE rowid = ?1")?;
        for (said, rowid) in &received {
            let data: Vec<u8> = read.query_row([rowid], |r| r.get(0))?;
            if super::attachments::hash_bytes(&data) != *said {
                return Err(StoreError::Refused(format!(
                    "交换包中的附件 {said} 内容与其校验值不符（文件已损坏或被改动），未导入任何记录。"
                )));
            }
        }
        Ok(received)
    }

    /// Copies the checked files in, each under its hash and the extension of an attachment
    /// record that names that hash (a file no record names is not kept): the package's own
    /// file name never becomes a path.
    fn write_files(&self, checked: &[(String, i64)]) -> Result<u64> {
        let dir = super::attachments::attachments_dir(self.path());
        let wanted: Vec<(String, String)> = self
            .conn()
            .prepare("SELECT DISTINCT content_hash, file_name FROM attachments")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut read = self
            .conn()
            .prepare("SELECT data FROM pkg.files WHERE rowid = ?1")?;
        let mut files = 0;
        for (hash, rowid) in checked {
            for (_, file_name) in wanted.iter().filter(|(h, _)| h == hash) {
                let dest = dir.join(super::attachments::stored_name(hash, file_name));
                if dest.exists() {
                    continue;
                }
                let data: Vec<u8> = read.query_row([rowid], |r| r.get(0))?;
                std::fs::create_dir_all(&dir)?;
                let tmp = dest.with_extension(format!("{}.part", uuid::Uuid::new_v4().simple()));
                std::fs::write(&tmp, &data)
                    .and_then(|()| std::fs::rename(&tmp, &dest))
                    .map_err(|e| {
                        let _ = std::fs::remove_file(&tmp);
                        super::backup::explain(e.into(), &dest)
                    })?;
                files += 1;
            }
        }
        Ok(files)
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

/// One row's values in `cols` order, if the record exists.
fn read_row(
    c: &Connection,
    schema: &str,
    table: &str,
    cols: &[String],
    id: &str,
) -> Result<Option<Vec<Value>>> {
    read_with(c, &select_sql(schema, table, cols), cols.len(), id)
}

/// `SELECT cols FROM schema.table WHERE id = ?1`.
fn select_sql(schema: &str, table: &str, cols: &[String]) -> String {
    format!(
        "SELECT {} FROM {schema}.\"{table}\" WHERE id = ?1",
        col_list(cols)
    )
}

/// One row of [`select_sql`], if the record exists.
fn read_with(c: &Connection, sql: &str, n: usize, id: &str) -> Result<Option<Vec<Value>>> {
    Ok(c.prepare_cached(sql)?
        .query_row([id], |r| {
            (0..n)
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?)
}

/// Writes the package's values into an existing record, all but the columns it keeps.
/// `None` values (columns the package lacks) stay as they are.
fn update_row(
    c: &Connection,
    table: &str,
    cols: &[String],
    id: &str,
    values: &[Option<Value>],
) -> Result<()> {
    let kept = kept_columns(table);
    let mut sets = Vec::new();
    let mut args = Vec::new();
    for (col, v) in cols.iter().zip(values) {
        if kept.contains(&col.as_str()) {
            continue;
        }
        if let Some(v) = v {
            sets.push(format!("\"{col}\" = ?{}", args.len() + 1));
            args.push(v.clone());
        }
    }
    if sets.is_empty() {
        return Ok(());
    }
    args.push(Value::Text(id.to_string()));
    let sql = format!(
        "UPDATE \"{table}\" SET {} WHERE id = ?{}",
        sets.join(", "),
        args.len()
    );
    c.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(args))?;
    Ok(())
}

/// Rewrites a volunteer's search keys after a package changed the record.
fn reindex(c: &Connection, id: &str) -> Result<()> {
    let v: super::volunteers::Volunteer = super::record::fetch(c, id)?;
    super::search::reindex_volunteer(c, &v)
}

/// A row as JSON (column → value), for the conflict list.
fn to_json(cols: &[String], values: &[Value]) -> String {
    let mut map = serde_json::Map::new();
    for (col, v) in cols.iter().zip(values) {
        let j = match v {
            Value::Null => serde_json::Value::Null,
            Value::Integer(i) => serde_json::Value::from(*i),
            Value::Real(f) => serde_json::Value::from(*f),
            Value::Text(s) => serde_json::Value::from(s.as_str()),
            Value::Blob(_) => serde_json::Value::Null,
        };
        map.insert(col.clone(), j);
    }
    serde_json::Value::Object(map).to_string()
}
