//! A package is hostile input. Before a single row is merged, every table, column and value of
//! the attached package is checked: tables and columns this program knows, the storage type and
//! range of each value, keys that belong to one table only, readable text, dates that exist,
//! and the same rules as the forms and the roster import (the volunteer's through
//! [`crate::domain::volunteer::check`]). The first bad value is named — table, record, field,
//! reason — and nothing of the package is imported.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use super::{SYNCED, columns, foreign_keys, kind_name};
use crate::domain::text;
use crate::store::{Result, StoreError, migrations};

mod values;
use values::{is_key, shorten, show, table};

/// The first data version whose packages this program reads (packages began with it).
pub const OLDEST_SCHEMA: i64 = 14;
/// The longest text a field of a package may hold.
pub const MAX_TEXT: usize = 20_000;
/// The largest value in a file column (a platform's template; attachments travel apart).
const MAX_BLOB: usize = crate::export::platform::TEMPLATE_LIMIT;
/// The longest key.
const MAX_KEY: usize = 64;

/// The envelope tables and their columns, exactly.
const ENVELOPE: [(&str, &[&str]); 3] = [
    ("package", &["key", "value"]),
    ("tombstones", &["id", "tbl", "purged_at"]),
    ("files", &["name", "data"]),
];

/// Columns holding a name or number: no line breaks either.
const STRICT: [&str; 22] = [
    "name",
    "title",
    "topic",
    "number",
    "serial",
    "id_number",
    "id_type",
    "mobile",
    "phone",
    "fax",
    "email",
    "short_name",
    "national_number",
    "file_name",
    "contact_name",
    "contact_mobile",
    "contact_office_phone",
    "contact_fax",
    "contact_email",
    "leader_name",
    "leader_mobile",
    "leader_office_phone",
];

/// Columns a record cannot leave empty.
const REQUIRED: [&str; 3] = ["name", "title", "topic"];

fn refuse(why: impl std::fmt::Display) -> StoreError {
    StoreError::Refused(format!("交换包不能导入：{why}。未导入任何记录。"))
}

/// Checks the attached package `pkg` whole; `Ok` means every row may be merged.
pub(super) fn package(c: &Connection, today: NaiveDate) -> Result<()> {
    schema_version(c)?;
    tables(c)?;
    for t in SYNCED {
        table(c, t, today)?;
    }
    keys(c)?;
    tombstones(c)?;
    references(c)
}

/// Every reference points at a record of the right table, in the package or here (directly,
/// through a record taken as ours earlier, or one removed for good here): checked before the
/// merge, so that a package that cannot go in changes nothing, not even the file's counters.
fn references(c: &Connection) -> Result<()> {
    for t in SYNCED {
        if columns(c, "pkg", t)?.is_empty() {
            continue;
        }
        for (col, parent) in foreign_keys(c, t)? {
            if !columns(c, "pkg", t)?.contains(&col) {
                continue;
            }
            let in_package = if columns(c, "pkg", &parent)?.is_empty() {
                "0".to_string()
            } else {
                format!("EXISTS (SELECT 1 FROM pkg.\"{parent}\" p WHERE p.id = r.\"{col}\")")
            };
            let missing: Option<String> = c
                .query_row(
                    &format!(
                        "SELECT r.id FROM pkg.\"{t}\" r
                         WHERE r.\"{col}\" IS NOT NULL
                           AND NOT {in_package}
                           AND NOT EXISTS (SELECT 1 FROM main.\"{parent}\" m WHERE m.id = r.\"{col}\")
                           AND NOT EXISTS (SELECT 1 FROM main.exchange_alias a
                                           WHERE a.from_id = r.\"{col}\" AND a.tbl = '{parent}')
                           AND NOT EXISTS (SELECT 1 FROM main.exchange_tombstones s
                                           WHERE s.id IN (r.id, r.\"{col}\"))
                         LIMIT 1"
                    ),
                    [],
                    |r| r.get(0),
                )
                .ok();
            if let Some(id) = missing {
                return Err(refuse(format!(
                    "交换包不完整：{}记录（{}）所属的{}在交换包和本机中都没有。请让站点重新导出“全部记录”的交换包",
                    kind_name(t),
                    text::printable(&shorten(&id)),
                    kind_name(&parent)
                )));
            }
        }
    }
    Ok(())
}

/// The data version the package was written with must be one this program knows.
fn schema_version(c: &Connection) -> Result<()> {
    let raw: Option<String> = c
        .query_row(
            "SELECT value FROM pkg.package WHERE key = 'schema'",
            [],
            |r| r.get(0),
        )
        .ok();
    let version: i64 = raw
        .as_deref()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| refuse("交换包没有注明数据版本（schema），不是本程序导出的"))?;
    if version > migrations::LATEST {
        return Err(refuse(format!(
            "交换包的数据版本为 {version}，由更新版本的程序导出（本程序为 {}）。请先升级本程序",
            migrations::LATEST
        )));
    }
    if version < OLDEST_SCHEMA {
        return Err(refuse(format!(
            "交换包的数据版本 {version} 无法识别（本程序读取 {OLDEST_SCHEMA}–{} 版）",
            migrations::LATEST
        )));
    }
    Ok(())
}

/// Only the tables a package has, each with columns this program knows.
fn tables(c: &Connection) -> Result<()> {
    let found: Vec<(String, String)> = c
        .prepare("SELECT type, name FROM pkg.sqlite_master WHERE name NOT LIKE 'sqlite_%'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut unknown = Vec::new();
    for (kind, name) in &found {
        let known = ENVELOPE.iter().any(|(t, _)| t == name) || SYNCED.contains(&name.as_str());
        match kind.as_str() {
            "table" if known => {}
            "index" => {}
            _ => unknown.push(text::printable(&shorten(name))),
        }
    }
    if !unknown.is_empty() {
        return Err(refuse(format!(
            "其中有本程序不认识的表或触发器：{}",
            unknown.join("、")
        )));
    }
    for (t, cols) in ENVELOPE {
        let have = columns(c, "pkg", t)?;
        if have.iter().map(String::as_str).ne(cols.iter().copied()) {
            return Err(refuse(format!("交换包的说明表“{t}”格式不对")));
        }
    }
    for t in SYNCED {
        let ours: HashSet<String> = columns(c, "main", t)?.into_iter().collect();
        let theirs = columns(c, "pkg", t)?;
        if theirs.is_empty() {
            continue;
        }
        let unknown: Vec<String> = theirs
            .iter()
            .filter(|col| !ours.contains(*col))
            .map(|col| text::printable(&shorten(col)))
            .collect();
        if !unknown.is_empty() {
            return Err(refuse(format!(
                "“{}”记录中有本程序不认识的列：{}（交换包可能来自更新版本的程序，请先升级本程序）",
                kind_name(t),
                unknown.join("、")
            )));
        }
        for needed in ["id", "updated_at"] {
            if !theirs.iter().any(|col| col == needed) {
                return Err(refuse(format!(
                    "“{}”记录缺少必需的列 {needed}",
                    kind_name(t)
                )));
            }
        }
    }
    Ok(())
}

/// A key belongs to one table only, in the package and here: the package's keys are gathered
/// (a key twice is refused) and looked up in each of our tables.
fn keys(c: &Connection) -> Result<()> {
    c.execute_batch(PACKAGE_KEYS)?;
    c.execute_batch("DELETE FROM temp.package_keys;")?;
    let found = keys_in(c);
    c.execute_batch("DELETE FROM temp.package_keys")?;
    found
}

fn keys_in(c: &Connection) -> Result<()> {
    for t in SYNCED {
        if columns(c, "pkg", t)?.is_empty() {
            continue;
        }
        let twice: Option<(String, String)> = c
            .query_row(
                &format!(
                    "SELECT p.id, k.tbl FROM pkg.\"{t}\" p JOIN temp.package_keys k ON k.id = p.id
                         LIMIT 1"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        if let Some((id, other)) = twice {
            return Err(refuse(format!(
                "键 {id} 同时用于“{}”和“{}”记录",
                kind_name(&other),
                kind_name(t)
            )));
        }
        c.execute(
            &format!("INSERT OR IGNORE INTO temp.package_keys SELECT id, '{t}' FROM pkg.\"{t}\""),
            [],
        )?;
        let dup: i64 = c.query_row(
            &format!("SELECT count(*) - count(DISTINCT id) FROM pkg.\"{t}\""),
            [],
            |r| r.get(0),
        )?;
        if dup > 0 {
            return Err(refuse(format!(
                "“{}”记录中有 {dup} 个重复的键",
                kind_name(t)
            )));
        }
    }
    for t in SYNCED {
        let clash: Option<(String, String)> = c
            .query_row(&clash_sql(t), [], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok();
        if let Some((id, theirs)) = clash {
            return Err(refuse(format!(
                "交换包中“{}”记录的键 {id} 在本机属于“{}”记录",
                kind_name(&theirs),
                kind_name(t)
            )));
        }
    }
    Ok(())
}

/// Removals name a table of ours and a key of the right shape.
fn tombstones(c: &Connection) -> Result<()> {
    let rows: Vec<(Value, Value, Value)> = c
        .prepare("SELECT id, tbl, purged_at FROM pkg.tombstones")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, tbl, at) in rows {
        let ok = matches!(&id, Value::Text(s) if is_key(s))
            && matches!(&tbl, Value::Text(s) if SYNCED.contains(&s.as_str()))
            && matches!(&at, Value::Text(s) if chrono::DateTime::parse_from_rfc3339(s).is_ok());
        if !ok {
            return Err(refuse(format!(
                "彻底删除的记录（{}）格式不对",
                text::printable(&shorten(&show(&id)))
            )));
        }
    }
    Ok(())
}

/// The package's keys, each with its table, as [`keys`] collects them.
pub(super) const PACKAGE_KEYS: &str = "CREATE TEMP TABLE IF NOT EXISTS package_keys (
    id TEXT PRIMARY KEY NOT NULL, tbl TEXT NOT NULL
) WITHOUT ROWID;";

/// The SQL of a package key that is one of our records of `t` but a record of another table in
/// the package (`temp.package_keys`): our service records' rows are looked up by each key in
/// the form they keep it (schema version 29; the view's id is computed and would be read
/// whole, and SQLite, left to choose, read all of ours instead). Other tables are small: left
/// to SQLite.
pub(super) fn clash_sql(t: &str) -> String {
    let join = if t == "participations" {
        format!(
            "CROSS JOIN main.participation_rows m ON m.{}",
            crate::store::compact::record_row_is("k.id")
        )
    } else {
        format!("JOIN main.\"{t}\" m ON m.id = k.id")
    };
    format!("SELECT k.id, k.tbl FROM temp.package_keys k {join} WHERE k.tbl <> '{t}' LIMIT 1")
}
