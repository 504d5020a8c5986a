//! Activities (志愿服务活动) and participations (hours per volunteer per activity).

use chrono::NaiveDate;
use rusqlite::{Connection, Row, named_params};

use super::meta::{RecordMeta, Table};
use super::record::impl_record;
use super::{Result, Store};
use crate::domain::hours::Tenths;

/// A volunteer service activity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// Common columns.
    pub meta: RecordMeta,
    /// 标题
    pub title: String,
    /// 类别
    pub category: String,
    /// 主题节点 (name of a key date), or empty.
    pub key_date: String,
    /// 日期
    pub date: NaiveDate,
    /// 开始时间 HH:MM
    pub start_time: String,
    /// 结束时间 HH:MM
    pub end_time: String,
    /// 地点
    pub location: String,
    /// 组织单位
    pub organizer_id: Option<String>,
    /// 志愿服务队
    pub team_id: Option<String>,
    /// 负责人
    pub leader: String,
    /// 服务对象, joined by `、`.
    pub beneficiaries: String,
    /// 服务人次 (people served)
    pub served_count: i64,
    /// 服务内容
    pub content: String,
    /// 成效
    pub outcome: String,
    /// 宣传报道
    pub publicity: String,
    /// 状态: 计划中 / 已完成 / 已取消
    pub status: String,
    /// 记录人
    pub recorder: String,
}

/// One volunteer's hours in one activity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Participation {
    /// Common columns.
    pub meta: RecordMeta,
    /// The activity.
    pub activity_id: String,
    /// The volunteer.
    pub volunteer_id: String,
    /// 服务时长
    pub hours: Tenths,
    /// 服务质量评价
    pub evaluation: String,
    /// 备注
    pub remark: String,
}

/// A row of the activity list.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    /// Key.
    pub id: String,
    /// 日期
    pub date: NaiveDate,
    /// 标题
    pub title: String,
    /// 类别
    pub category: String,
    /// 地点
    pub location: String,
    /// 状态
    pub status: String,
    /// 参与人数
    pub participants: i64,
    /// 总时长
    pub hours: Tenths,
}

fn insert_activity(conn: &Connection, a: &Activity) -> Result<()> {
    let m = &a.meta;
    conn.prepare_cached(
        "INSERT INTO activities (id, title, category, key_date, date, start_time, end_time,
             location, organizer_id, team_id, leader, beneficiaries, served_count, content,
             outcome, publicity, status, recorder, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :title, :category, :key_date, :date, :start_time, :end_time,
             :location, :organizer_id, :team_id, :leader, :beneficiaries, :served_count, :content,
             :outcome, :publicity, :status, :recorder, :created_at, :updated_at, :origin,
             :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id, ":title": a.title, ":category": a.category, ":key_date": a.key_date,
        ":date": a.date, ":start_time": a.start_time, ":end_time": a.end_time,
        ":location": a.location, ":organizer_id": a.organizer_id, ":team_id": a.team_id,
        ":leader": a.leader, ":beneficiaries": a.beneficiaries,
        ":served_count": a.served_count, ":content": a.content, ":outcome": a.outcome,
        ":publicity": a.publicity, ":status": a.status, ":recorder": a.recorder,
        ":created_at": m.created_at, ":updated_at": m.updated_at, ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn activity_from_row(r: &Row<'_>) -> rusqlite::Result<Activity> {
    Ok(Activity {
        meta: RecordMeta::from_row(r)?,
        title: r.get("title")?,
        category: r.get("category")?,
        key_date: r.get("key_date")?,
        date: r.get("date")?,
        start_time: r.get("start_time")?,
        end_time: r.get("end_time")?,
        location: r.get("location")?,
        organizer_id: r.get("organizer_id")?,
        team_id: r.get("team_id")?,
        leader: r.get("leader")?,
        beneficiaries: r.get("beneficiaries")?,
        served_count: r.get("served_count")?,
        content: r.get("content")?,
        outcome: r.get("outcome")?,
        publicity: r.get("publicity")?,
        status: r.get("status")?,
        recorder: r.get("recorder")?,
    })
}

fn insert_participation(conn: &Connection, p: &Participation) -> Result<()> {
    let m = &p.meta;
    conn.prepare_cached(
        "INSERT INTO participations (id, activity_id, volunteer_id, hours_tenths, evaluation,
             remark, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :activity_id, :volunteer_id, :hours_tenths, :evaluation,
             :remark, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id, ":activity_id": p.activity_id, ":volunteer_id": p.volunteer_id,
        ":hours_tenths": p.hours.0, ":evaluation": p.evaluation, ":remark": p.remark,
        ":created_at": m.created_at, ":updated_at": m.updated_at, ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn participation_from_row(r: &Row<'_>) -> rusqlite::Result<Participation> {
    Ok(Participation {
        meta: RecordMeta::from_row(r)?,
        activity_id: r.get("activity_id")?,
        volunteer_id: r.get("volunteer_id")?,
        hours: Tenths(r.get("hours_tenths")?),
        evaluation: r.get("evaluation")?,
        remark: r.get("remark")?,
    })
}

impl_record!(
    Activity,
    Table::Activities,
    "活动",
    insert_activity,
    activity_from_row
);
impl_record!(
    Participation,
    Table::Participations,
    "服务记录",
    insert_participation,
    participation_from_row
);

fn activity_row(r: &Row<'_>) -> rusqlite::Result<ActivityRow> {
    Ok(ActivityRow {
        id: r.get("id")?,
        date: r.get("date")?,
        title: r.get("title")?,
        category: r.get("category")?,
        location: r.get("location")?,
        status: r.get("status")?,
        participants: r.get("participants")?,
        hours: Tenths(r.get("hours")?),
    })
}

const ACTIVITY_ROW_SELECT: &str = "SELECT a.id, a.date, a.title, a.category, a.location, a.status,
        (SELECT count(*) FROM participations p
          WHERE p.activity_id = a.id AND p.deleted_at IS NULL) AS participants,
        (SELECT coalesce(sum(hours_tenths), 0) FROM participations p
          WHERE p.activity_id = a.id AND p.deleted_at IS NULL) AS hours
     FROM activities a";

/// Which activities a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityFilter {
    /// Only those on or after this date.
    pub from: Option<NaiveDate>,
    /// Only those on or before this date.
    pub to: Option<NaiveDate>,
}

/// A plain range keeps the date index usable (no `?1 IS NULL OR …`).
const ACTIVITY_WHERE: &str = "WHERE a.deleted_at IS NULL AND a.date BETWEEN ?1 AND ?2";

impl ActivityFilter {
    /// The date range as bound values, open ends replaced by far dates.
    fn range(&self) -> (NaiveDate, NaiveDate) {
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
        (self.from.unwrap_or(first), self.to.unwrap_or(last))
    }
}

impl Store {
    /// The number of live activities matching `filter`.
    pub fn activity_count(&self, filter: ActivityFilter) -> Result<u64> {
        let sql = format!("SELECT count(*) FROM activities a {ACTIVITY_WHERE}");
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params![filter.range().0, filter.range().1], |r| {
                r.get(0)
            })?;
        Ok(n as u64)
    }

    /// A page of live activities matching `filter`, newest first.
    pub fn activity_page(
        &self,
        filter: ActivityFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ActivityRow>> {
        let sql = format!(
            "{ACTIVITY_ROW_SELECT} {ACTIVITY_WHERE}
             ORDER BY a.date DESC, a.start_time DESC, a.id LIMIT ?3 OFFSET ?4"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                filter.range().0,
                filter.range().1,
                limit as i64,
                offset as i64
            ],
            activity_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
