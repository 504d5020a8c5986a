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
use crate::domain::{activity, dates, phone, text, volunteer};
use crate::store::{Result, StoreError, migrations};

/// The first data version whose packages this program reads (packages began with it).
pub const OLDEST_SCHEMA: i64 = 14;
/// The longest text a field of a package may hold.
pub const MAX_TEXT: usize = 20_000;
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

/// A bad value: where and why, in the clerk's words. `who` names the record as the clerk
/// knows it (a number, a name, a title), or by its key when it has none.
fn bad(table: &str, who: &str, field: &str, why: impl std::fmt::Display) -> StoreError {
    by_label(
        table,
        who,
        &format!("字段“{}”", field_label(table, field)),
        why,
    )
}

/// A bad value named by the form's label for it.
fn by_label(table: &str, who: &str, label: &str, why: impl std::fmt::Display) -> StoreError {
    StoreError::Refused(format!(
        "交换包中的{}记录（{who}）{label}{why}。未导入任何记录，请让站点检查后重新导出。",
        kind_name(table)
    ))
}

/// What the form calls a column of a table.
fn field_label(table: &str, col: &str) -> String {
    match (table, col) {
        ("volunteers", "name") => "姓名".into(),
        ("volunteers", "number") => "志愿者编号".into(),
        ("activities", "title") => "活动名称".into(),
        ("info_reports", "title") => "信息标题".into(),
        ("honors", "title") => "称号".into(),
        ("units" | "teams" | "custom_key_dates", "name") => "名称".into(),
        (_, "key_date") => "对应的重要时间节点".into(),
        (_, "updated_at") => "修改时间".into(),
        (_, "created_at") => "创建时间".into(),
        (_, "content_hash") => "文件校验值".into(),
        (_, "file_name") => "文件名".into(),
        (_, "serial") => "证明编号".into(),
        (_, "national_number") => "全国志愿服务信息系统编号".into(),
        (_, "consent_date") => "同意日期".into(),
        _ => super::conflicts::column_label(col),
    }
}

/// How the clerk knows a record: its number and name, its title or name, else its key.
fn who(cols: &[Column], values: &[Value], id: &str) -> String {
    let text = |name: &str| -> Option<String> {
        let i = cols.iter().position(|c| c.name == name)?;
        match &values[i] {
            Value::Text(s)
                if !s.trim().is_empty()
                    && s.chars().count() <= 40
                    && text::unreadable(s).is_none() =>
            {
                Some(s.trim().to_string())
            }
            _ => None,
        }
    };
    let parts: Vec<String> = ["number", "serial", "name", "title", "topic", "date"]
        .iter()
        .filter_map(|c| text(c))
        .collect();
    if parts.is_empty() {
        format!("键 {}", text::printable(&shorten(id)))
    } else {
        parts.join("，")
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

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

/// What a column's declared type allows.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Integer,
    Real,
    Any,
}

fn kind_of(declared: &str) -> Kind {
    let d = declared.to_uppercase();
    if d.contains("INT") {
        Kind::Integer
    } else if d.contains("TEXT") || d.contains("CHAR") {
        Kind::Text
    } else if d.contains("REAL") {
        Kind::Real
    } else {
        Kind::Any
    }
}

/// A column of ours: name, type, whether it may be NULL.
struct Column {
    name: String,
    kind: Kind,
    nullable: bool,
}

fn our_columns(c: &Connection, table: &str) -> Result<Vec<Column>> {
    let mut stmt =
        c.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1, 'main')")?;
    let cols = stmt
        .query_map([table], |r| {
            let notnull: bool = r.get(2)?;
            let pk: i64 = r.get(3)?;
            Ok(Column {
                name: r.get(0)?,
                kind: kind_of(&r.get::<_, String>(1)?),
                nullable: !notnull && pk == 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cols)
}

fn is_key(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_KEY && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn is_date_column(col: &str) -> bool {
    // key_date names a key date (学雷锋志愿服务日): it is not one.
    col != "key_date"
        && (col.ends_with("_on")
            || col.ends_with("_date")
            || matches!(
                col,
                "date" | "valid_from" | "valid_to" | "period_from" | "period_to"
            ))
}

fn is_time_column(col: &str) -> bool {
    matches!(
        col,
        "created_at" | "updated_at" | "deleted_at" | "resolved_at"
    )
}

/// The inclusive range of an integer column, where it has one.
fn range_of(table: &str, col: &str) -> Option<(i64, i64)> {
    match col {
        "hours_tenths" if table == "certificates" => Some((0, 10_000_000)),
        // One person, one activity: the form's 24 hours.
        "hours_tenths" => Some((0, 240)),
        "served_count" => Some((0, 1_000_000)),
        "size_bytes" => Some((0, i64::MAX)),
        "month" => Some((1, 12)),
        "day" => Some((1, 31)),
        "consent" | "national_registered" | "adopted" => Some((0, 1)),
        _ => None,
    }
}

/// Checks every row of one table.
fn table(c: &Connection, t: &'static str, today: NaiveDate) -> Result<()> {
    let theirs: HashSet<String> = columns(c, "pkg", t)?.into_iter().collect();
    if theirs.is_empty() {
        return Ok(());
    }
    let cols: Vec<Column> = our_columns(c, t)?
        .into_iter()
        .filter(|col| theirs.contains(&col.name))
        .collect();
    let references: HashSet<String> = foreign_keys(c, t)?
        .into_iter()
        .map(|(col, _)| col)
        .collect();
    let list = cols
        .iter()
        .map(|col| format!("\"{}\"", col.name))
        .collect::<Vec<_>>()
        .join(", ");
    let id_at = cols.iter().position(|col| col.name == "id").unwrap_or(0);
    let mut stmt = c.prepare(&format!("SELECT {list} FROM pkg.\"{t}\""))?;
    let mut rows = stmt.query([])?;
    let latest = chrono::Utc::now() + chrono::Duration::days(1);
    while let Some(r) = rows.next()? {
        let values = (0..cols.len())
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<Value>>>()?;
        let id = match &values[id_at] {
            Value::Text(s) if is_key(s) => s.clone(),
            other => {
                return Err(refuse(format!(
                    "“{}”记录的键“{}”不是本程序的格式",
                    kind_name(t),
                    text::printable(&shorten(&show(other)))
                )));
            }
        };
        for (col, v) in cols.iter().zip(&values) {
            let name = col.name.as_str();
            let fail = |why: String| bad(t, &who(&cols, &values, &id), name, why);
            match (v, col.kind) {
                (Value::Null, _) if col.nullable => continue,
                (Value::Null, _) => return Err(fail("是空值（NULL），不能为空".into())),
                (Value::Text(_), Kind::Text | Kind::Any)
                | (Value::Integer(_), Kind::Integer | Kind::Real | Kind::Any)
                | (Value::Real(_), Kind::Real | Kind::Any) => {}
                (other, kind) => {
                    return Err(fail(format!(
                        "应为{}，却是{}",
                        match kind {
                            Kind::Text => "文字",
                            Kind::Integer => "整数",
                            Kind::Real | Kind::Any => "数字",
                        },
                        type_name(other)
                    )));
                }
            }
            if let Value::Integer(i) = v
                && let Some((lo, hi)) = range_of(t, name)
                && !(lo..=hi).contains(i)
            {
                return Err(fail(format!("的值 {i} 超出范围（{lo}–{hi}）")));
            }
            let Value::Text(s) = v else { continue };
            if s.chars().count() > MAX_TEXT {
                return Err(fail(format!(
                    "有 {} 个字，超过 {MAX_TEXT} 字的上限",
                    s.chars().count()
                )));
            }
            let unreadable = if STRICT.contains(&name) {
                text::unreadable(s)
            } else {
                text::unreadable_prose(s)
            };
            if let Some(why) = unreadable {
                return Err(fail(why));
            }
            if REQUIRED.contains(&name) && s.trim().is_empty() {
                return Err(fail("是空的，必须填写".into()));
            }
            if (references.contains(name) || name.ends_with("_id")) && !s.is_empty() && !is_key(s) {
                return Err(fail("不是本程序的记录键".into()));
            }
            if is_date_column(name) && !s.is_empty() {
                match dates::parse(s) {
                    Ok(d)
                        if d.format("%Y-%m-%d").to_string() == *s
                            && (1900..=2100).contains(&chrono::Datelike::year(&d)) => {}
                    _ => {
                        return Err(fail(format!(
                            "“{}”不是 1900–2100 年间的日期（YYYY-MM-DD）",
                            text::printable(&shorten(s))
                        )));
                    }
                }
            }
            if is_time_column(name) {
                match chrono::DateTime::parse_from_rfc3339(s) {
                    Ok(at) if at <= latest => {}
                    Ok(_) => return Err(fail(format!("“{}”晚于现在", shorten(s)))),
                    Err(_) => {
                        return Err(fail(format!("“{}”不是时间", text::printable(&shorten(s)))));
                    }
                }
            }
        }
        rules(t, &id, &cols, &values, today)?;
    }
    Ok(())
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "（空）".into(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(b) => format!("{} 字节的二进制数据", b.len()),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "空值",
        Value::Integer(_) => "整数",
        Value::Real(_) => "小数",
        Value::Text(_) => "文字",
        Value::Blob(_) => "二进制数据",
    }
}

/// The forms' rules for the record kinds that have them.
fn rules(t: &str, id: &str, cols: &[Column], values: &[Value], today: NaiveDate) -> Result<()> {
    let id = &who(cols, values, id);
    let get = |name: &str| -> String {
        cols.iter()
            .position(|c| c.name == name)
            .map(|i| match &values[i] {
                Value::Text(s) => s.clone(),
                Value::Integer(i) => i.to_string(),
                _ => String::new(),
            })
            .unwrap_or_default()
    };
    let flag = |name: &str| get(name) == "1";
    match t {
        "volunteers" => {
            // Empty is what the store's defaults mean, as in the roster import.
            let or = |v: String, default: &str| if v.is_empty() { default.to_string() } else { v };
            let id_type = or(get("id_type"), volunteer::ID_TYPES[0]);
            let status = or(get("status"), volunteer::STATUSES[0]);
            let draft = volunteer::Draft {
                name: get("name"),
                gender: get("gender"),
                id_type: id_type.clone(),
                id_number: get("id_number"),
                birth_date: get("birth_date"),
                mobile: get("mobile"),
                registered_on: get("registered_on"),
                national_registered: flag("national_registered"),
                national_number: get("national_number"),
                consent: flag("consent"),
                consent_date: get("consent_date"),
            };
            if let Some(issue) = volunteer::check(&draft, today)
                .into_iter()
                .find(|i| i.severity == volunteer::Severity::Error)
            {
                let field = match issue.field {
                    volunteer::Field::Name => "name",
                    volunteer::Field::Gender => "gender",
                    volunteer::Field::IdNumber => "id_number",
                    volunteer::Field::BirthDate => "birth_date",
                    volunteer::Field::Mobile => "mobile",
                    volunteer::Field::RegisteredOn => "registered_on",
                    volunteer::Field::NationalNumber => "national_number",
                    volunteer::Field::ConsentDate => "consent_date",
                };
                return Err(bad(
                    t,
                    id,
                    field,
                    format!("不符合填写规则：{}", issue.message),
                ));
            }
            if let Some((field, why)) = volunteer::check_choices(
                &get("gender"),
                &id_type,
                &get("political_status"),
                &status,
                &get("kinds"),
            )
            .into_iter()
            .next()
            {
                return Err(by_label(t, id, &format!("“{field}”"), why));
            }
        }
        "activities" => {
            if let Some((field, why)) = activity::check(
                &get("title"),
                &get("date"),
                &get("status"),
                (&get("start_time"), &get("end_time")),
                today,
            )
            .into_iter()
            .next()
            {
                return Err(by_label(t, id, &format!("“{field}”"), why));
            }
        }
        "units" | "unit_contacts" => {
            for (i, col) in cols.iter().enumerate() {
                if let (Some(kind), Value::Text(v)) =
                    (phone::Contact::of_column(&col.name), &values[i])
                    && let Some(why) = phone::check_contact(kind, v)
                {
                    return Err(bad(t, id, &col.name, format!("不符合填写规则：{why}")));
                }
            }
        }
        "attachments" => {
            let hash = get("content_hash");
            if !crate::store::attachments::is_hash(&hash) {
                return Err(bad(t, id, "content_hash", "不是 SHA-256 校验值"));
            }
        }
        _ => {}
    }
    Ok(())
}

/// A key belongs to one table only, in the package and here: the package's keys are gathered
/// (a key twice is refused) and looked up in each of our tables.
fn keys(c: &Connection) -> Result<()> {
    c.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS package_keys (
             id TEXT PRIMARY KEY NOT NULL, tbl TEXT NOT NULL
         ) WITHOUT ROWID;
         DELETE FROM temp.package_keys;",
    )?;
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
            .query_row(
                &format!(
                    "SELECT k.id, k.tbl FROM temp.package_keys k JOIN main.\"{t}\" m ON m.id = k.id
                         WHERE k.tbl <> '{t}' LIMIT 1"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
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
