//! The conflict list: what differs between this station's record and the package's, in the
//! clerk's words, and settling it either way.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Choice, Conflict, SYNCED, columns, kept_columns, kind_name, local_time, read_row};
use super::{reindex, update_row, written_column, written_key, written_table};
use crate::store::meta::now_utc;
use crate::store::{Result, Store, StoreError};

impl Store {
    /// The conflicts still waiting for the clerk, oldest first.
    pub fn exchange_conflicts(&self) -> Result<Vec<Conflict>> {
        self.first_exchange_conflicts(usize::MAX)
    }

    /// How many conflicts are waiting.
    pub fn exchange_conflict_count(&self) -> Result<usize> {
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM exchange_conflicts WHERE resolved_at IS NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n as usize)
    }

    /// The first `limit` waiting conflicts, oldest first (the pane shows a page of them).
    pub fn first_exchange_conflicts(&self, limit: usize) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, tbl, record_id, station, local_updated_at, incoming_updated_at, incoming
             FROM exchange_conflicts WHERE resolved_at IS NULL ORDER BY id LIMIT ?1",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map([limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for (id, table, record_id, station, local_at, incoming_at, incoming) in rows {
            let Some(table) = SYNCED.iter().find(|t| **t == table) else {
                continue;
            };
            let cols = columns(self.conn(), "main", table)?;
            let local = read_row(self.conn(), "main", table, &cols, &record_id)?;
            let theirs = from_json(&incoming, &cols);
            let mut fields = Vec::new();
            if let Some(local) = &local {
                for (i, col) in cols.iter().enumerate() {
                    if col == "updated_at" || kept_columns(table).contains(&col.as_str()) {
                        continue;
                    }
                    if let Some(v) = &theirs[i]
                        && v != &local[i]
                    {
                        fields.push((
                            column_label(col),
                            show_value(self.conn(), col, &local[i]),
                            show_value(self.conn(), col, v),
                        ));
                    }
                }
            }
            out.push(Conflict {
                id,
                table: table.to_string(),
                label: record_label(self.conn(), table, &record_id)?,
                record_id,
                station,
                local_updated_at: local_time(&local_at),
                incoming_updated_at: local_time(&incoming_at),
                fields,
            });
        }
        Ok(out)
    }

    /// Settles a conflict: keep this station's version, or take the package's. Either way the
    /// two versions count as agreed, so the same package read again does not list it again.
    pub fn resolve_conflict(&mut self, id: i64, choice: Choice) -> Result<()> {
        self.write(|c| settle(c, id, choice))
    }

    /// Settles every waiting conflict the same way, in one transaction; a record removed for
    /// good here meanwhile is passed over and its conflict closed. Returns how many were settled.
    pub fn resolve_all_conflicts(&mut self, choice: Choice) -> Result<usize> {
        self.write(|c| {
            let ids: Vec<i64> = c
                .prepare("SELECT id FROM exchange_conflicts WHERE resolved_at IS NULL ORDER BY id")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut settled = 0;
            for id in ids {
                match settle(c, id, choice) {
                    Ok(()) => settled += 1,
                    // An earlier conflict of the same record settled this one too.
                    Err(StoreError::Refused(_)) => {
                        c.execute(
                            "UPDATE exchange_conflicts SET resolved_at = ?1,
                                 resolution = '本机记录已彻底删除'
                             WHERE id = ?2 AND resolved_at IS NULL",
                            params![now_utc(), id],
                        )?;
                    }
                    Err(e) => return Err(e),
                }
            }
            Ok(settled)
        })
    }
}

/// Settles one conflict inside the caller's transaction.
fn settle(c: &Connection, id: i64, choice: Choice) -> Result<()> {
    let found: Option<(String, String, String, String)> = c
        .query_row(
            "SELECT tbl, record_id, incoming_updated_at, incoming FROM exchange_conflicts
             WHERE id = ?1 AND resolved_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((table, record_id, incoming_at, incoming)) = found else {
        return Err(StoreError::Refused("这条冲突已经处理过了".into()));
    };
    let Some(table) = SYNCED.iter().find(|t| **t == table) else {
        return Err(StoreError::Refused("冲突记录的类别无法识别".into()));
    };
    let cols = columns(c, "main", table)?;
    if read_row(c, "main", table, &cols, &record_id)?.is_none() {
        return Err(StoreError::Refused(
            "本机的这条记录已被彻底删除，无法再选择；可忽略此冲突".into(),
        ));
    }
    let (resolution, base) = match choice {
        Choice::TakeIncoming => {
            let theirs = from_json(&incoming, &cols);
            update_row(c, table, &cols, &record_id, &theirs)?;
            if *table == "volunteers" {
                reindex(c, &record_id)?;
            }
            ("采用交换包的", incoming_at)
        }
        Choice::KeepLocal => {
            // Ours stays and becomes the newer edit, so it travels back to the station.
            let now = now_utc();
            let (updated, stamp) = written_column(table, "updated_at", "?1");
            c.execute(
                &format!(
                    "UPDATE \"{}\" SET {updated} = {stamp} WHERE {}",
                    written_table(table),
                    written_key(table, "?2")
                ),
                params![now, record_id],
            )?;
            ("保留本机的", incoming_at)
        }
    };
    c.execute(
        "INSERT OR REPLACE INTO exchange_base (id, updated_at) VALUES (?1, ?2)",
        params![record_id, base],
    )?;
    c.execute(
        "UPDATE exchange_conflicts SET resolved_at = ?1, resolution = ?2
         WHERE tbl = ?3 AND record_id = ?4 AND resolved_at IS NULL",
        params![now_utc(), resolution, table, record_id],
    )?;
    Ok(())
}

/// The JSON of [`to_json`] in `cols` order; a column it lacks is `None`.
fn from_json(json: &str, cols: &[String]) -> Vec<Option<Value>> {
    let map = serde_json::from_str::<serde_json::Value>(json).unwrap_or_default();
    cols.iter()
        .map(|c| {
            map.get(c).map(|j| match j {
                serde_json::Value::Null => Value::Null,
                serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
                serde_json::Value::Number(n) => n
                    .as_i64()
                    .map(Value::Integer)
                    .or_else(|| n.as_f64().map(Value::Real))
                    .unwrap_or(Value::Null),
                serde_json::Value::String(s) => Value::Text(s.clone()),
                other => Value::Text(other.to_string()),
            })
        })
        .collect()
}

/// What the clerk calls a column in the conflict list.
pub(super) fn column_label(col: &str) -> String {
    let label = match col {
        "name" => "名称/姓名",
        "title" => "活动名称/信息标题",
        "gender" => "性别",
        "id_type" => "证件类型",
        "id_number" => "证件号码",
        "birth_date" => "出生日期",
        "mobile" => "手机号码",
        "political_status" => "政治面貌",
        "community_id" => "所属村居",
        "workplace" => "工作单位",
        "skills" => "技能特长",
        "kinds" => "志愿者类别",
        "registered_on" => "注册日期",
        "status" => "状态",
        "remark" => "备注",
        "deleted_at" => "删除时间",
        "category" => "类别",
        "date" => "日期",
        "start_time" => "开始时间",
        "end_time" => "结束时间",
        "location" => "地点",
        "organizer_id" => "组织单位",
        "team_id" => "队伍",
        "content" => "内容",
        "outcome" => "成效",
        "served_count" => "服务对象人数",
        "hours_tenths" => "服务时长（小时）",
        "evaluation" => "评价",
        "volunteer_id" => "志愿者",
        "activity_id" => "活动",
        "phone" => "电话",
        "address" => "地址",
        "description" => "说明",
        "level" => "级别",
        "topic" => "主题",
        "platform" => "平台",
        "entered_on" => "录入日期",
        "entered_by" => "录入人",
        "file_name" => "模板文件",
        "file" => "模板文件内容",
        "header_row" => "表头所在行",
        "columns" => "列对应",
        _ => col,
    };
    label.to_string()
}

/// A value as the clerk reads it in the conflict list.
fn show_value(c: &Connection, col: &str, v: &Value) -> String {
    match v {
        Value::Null if col == "deleted_at" => "（未删除）".into(),
        Value::Null => "（空）".into(),
        Value::Integer(i) if col == "hours_tenths" => {
            format!("{}", crate::domain::hours::Tenths(*i))
        }
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(s) if col == "deleted_at" => format!("已删除（{}）", local_time(s)),
        Value::Text(s) if col.ends_with("_id") => {
            let table = match col {
                "community_id" | "organizer_id" | "unit_id" | "issuer_id" => "units",
                "team_id" => "teams",
                "volunteer_id" | "leader_id" => "volunteers",
                "activity_id" => "activities",
                _ => return s.clone(),
            };
            record_label(c, table, s).unwrap_or_else(|_| s.clone())
        }
        Value::Text(s) if s.is_empty() => "（空）".into(),
        Value::Text(s) => s.clone(),
        Value::Blob(_) => "（文件）".into(),
    }
}

/// A record's name or title, for the clerk.
fn record_label(c: &Connection, table: &str, id: &str) -> Result<String> {
    let sql = label_sql(table);
    let label: Option<String> = c
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(format!(
        "{}：{}",
        kind_name(table),
        label.unwrap_or_else(|| id.chars().take(8).collect())
    ))
}

/// The SQL of the name or title of the record `?1` of `table`.
pub(super) fn label_sql(table: &str) -> String {
    match table {
        "volunteers" => "SELECT name || '（' || number || '）' FROM volunteers WHERE id = ?1".into(),
        "units" | "teams" => {
            "SELECT name FROM units WHERE id = ?1 UNION ALL SELECT name FROM teams WHERE id = ?1"
                .into()
        }
        "activities" => "SELECT date || ' ' || title FROM activities WHERE id = ?1".into(),
        // From the rows, by the id they keep (schema version 29).
        "participations" => format!(
            "SELECT v.name || '参加' || a.date || ' ' || a.title FROM participation_rows r
             JOIN volunteers v ON v.key = r.volunteer_ref JOIN activities a ON a.key = r.activity_ref
             WHERE r.{}",
            crate::store::compact::record_row_is("?1")
        ),
        "trainings" => "SELECT date || ' ' || topic FROM trainings WHERE id = ?1".into(),
        "honors" => "SELECT title FROM honors WHERE id = ?1".into(),
        "info_reports" => "SELECT title FROM info_reports WHERE id = ?1".into(),
        "needs" => "SELECT kind || ' ' || person FROM needs WHERE id = ?1".into(),
        "certificates" => "SELECT serial FROM certificates WHERE id = ?1".into(),
        _ => "SELECT NULL WHERE ?1 IS NULL".into(),
    }
}
