//! Each value of a package's rows: its storage class against our column's type, its range,
//! readable text, real dates, keys of our shape, and the forms' own rules per entity.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value;

use std::collections::HashSet;

use super::{
    MAX_BLOB, MAX_KEY, MAX_TEXT, REQUIRED, STRICT, columns, foreign_keys, kind_name, refuse,
};
use crate::domain::{activity, dates, phone, text, volunteer};
use crate::store::{Result, StoreError};

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
        _ => crate::store::exchange::conflicts::column_label(col),
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

pub(super) fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

/// What a column's declared type allows.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Integer,
    Real,
    Blob,
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
    } else if d.contains("BLOB") {
        Kind::Blob
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
    // The service records are a view (schema version 21) that knows no NOT NULL: their rows'
    // columns say it, the short keys standing for the text keys the view shows.
    let source = match table {
        "participations" => "participation_rows",
        t => t,
    };
    let mut stmt =
        c.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1, 'main')")?;
    let cols = stmt
        .query_map([source], |r| {
            let notnull: bool = r.get(2)?;
            let pk: i64 = r.get(3)?;
            let (name, declared) = match r.get::<_, String>(0)?.as_str() {
                "activity_ref" if source != table => ("activity_id".to_string(), "TEXT".into()),
                "volunteer_ref" if source != table => ("volunteer_id".to_string(), "TEXT".into()),
                // Kept in compact forms (schema versions 24 and 26), shown and exchanged as
                // text.
                name @ ("id" | "created_at" | "updated_at" | "origin") if source != table => {
                    (name.to_string(), "TEXT".into())
                }
                name => (name.to_string(), r.get::<_, String>(1)?),
            };
            Ok(Column {
                name,
                kind: kind_of(&declared),
                nullable: !notnull && pk == 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cols)
}

pub(super) fn is_key(s: &str) -> bool {
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
        // A platform template's header is among its first twenty rows.
        "header_row" => Some((0, 19)),
        _ => None,
    }
}

/// Checks every row of one table.
pub(super) fn table(c: &Connection, t: &'static str, today: NaiveDate) -> Result<()> {
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
                (Value::Blob(b), Kind::Blob) if b.len() <= MAX_BLOB => {}
                (Value::Blob(b), Kind::Blob) => {
                    return Err(fail(format!(
                        "有 {} 字节，超过 {} MB 的上限",
                        b.len(),
                        MAX_BLOB >> 20
                    )));
                }
                (other, kind) => {
                    return Err(fail(format!(
                        "应为{}，却是{}",
                        match kind {
                            Kind::Text => "文字",
                            Kind::Integer => "整数",
                            Kind::Blob => "文件内容",
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

pub(super) fn show(v: &Value) -> String {
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
        "platform_templates" => {
            let why =
                match serde_json::from_str::<crate::domain::platform::Template>(&get("columns")) {
                    Err(e) => Some(format!("无法读取：{e}")),
                    Ok(m) if m.name != get("name") => Some("与模板名称不符".to_string()),
                    Ok(m) if m.headers.len() != m.columns.len() || m.headers.len() > 500 => {
                        Some("列数不对".to_string())
                    }
                    Ok(_) => None,
                };
            if let Some(why) = why {
                return Err(bad(t, id, "columns", why));
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
