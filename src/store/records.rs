//! Records about volunteers beyond their service: trainings and attendance, honors (先进典型),
//! complaints (被投诉) and issued certificates (志愿服务记录证明).

use chrono::NaiveDate;
use rusqlite::{Connection, Row, named_params};

use super::Result;
use super::meta::{RecordMeta, Table};
use super::record::impl_record;
use crate::domain::hours::Tenths;

/// A training session (培训).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Training {
    /// Common columns.
    pub meta: RecordMeta,
    /// 日期
    pub date: NaiveDate,
    /// 主题
    pub topic: String,
    /// 地点
    pub location: String,
    /// 组织单位
    pub organizer_id: Option<String>,
    /// 授课人
    pub trainer: String,
    /// 学时
    pub hours: Tenths,
    /// 内容
    pub content: String,
}

fn insert_training(conn: &Connection, r: &Training) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO trainings (id, date, topic, location, organizer_id, trainer, hours_tenths, content, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :date, :topic, :location, :organizer_id, :trainer, :hours_tenths, :content, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":date": r.date,
        ":topic": r.topic,
        ":location": r.location,
        ":organizer_id": r.organizer_id,
        ":trainer": r.trainer,
        ":hours_tenths": r.hours.0,
        ":content": r.content,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn training_from_row(r: &Row<'_>) -> rusqlite::Result<Training> {
    Ok(Training {
        meta: RecordMeta::from_row(r)?,
        date: r.get("date")?,
        topic: r.get("topic")?,
        location: r.get("location")?,
        organizer_id: r.get("organizer_id")?,
        trainer: r.get("trainer")?,
        hours: Tenths(r.get("hours_tenths")?),
        content: r.get("content")?,
    })
}

impl_record!(
    Training,
    Table::Trainings,
    "培训",
    insert_training,
    training_from_row
);

/// A volunteer who attended a training.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingAttendance {
    /// Common columns.
    pub meta: RecordMeta,
    /// The training.
    pub training_id: String,
    /// The volunteer.
    pub volunteer_id: String,
}

fn insert_training_attendance(conn: &Connection, r: &TrainingAttendance) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO training_attendance (id, training_id, volunteer_id, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :training_id, :volunteer_id, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":training_id": r.training_id,
        ":volunteer_id": r.volunteer_id,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn training_attendance_from_row(r: &Row<'_>) -> rusqlite::Result<TrainingAttendance> {
    Ok(TrainingAttendance {
        meta: RecordMeta::from_row(r)?,
        training_id: r.get("training_id")?,
        volunteer_id: r.get("volunteer_id")?,
    })
}

impl_record!(
    TrainingAttendance,
    Table::TrainingAttendance,
    "培训签到",
    insert_training_attendance,
    training_attendance_from_row
);

/// An honor (表彰奖励 / 先进典型) given to a volunteer or a team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Honor {
    /// Common columns.
    pub meta: RecordMeta,
    /// The volunteer honored, if a person.
    pub volunteer_id: Option<String>,
    /// The team honored, if a team.
    pub team_id: Option<String>,
    /// 称号
    pub title: String,
    /// 级别: 国家级 / 市级 / 区级 / 街道级
    pub level: String,
    /// 表彰日期
    pub awarded_on: NaiveDate,
    /// 授予单位
    pub issuer: String,
    /// 事迹简介
    pub description: String,
}

fn insert_honor(conn: &Connection, r: &Honor) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO honors (id, volunteer_id, team_id, title, level, awarded_on, issuer, description, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :volunteer_id, :team_id, :title, :level, :awarded_on, :issuer, :description, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":volunteer_id": r.volunteer_id,
        ":team_id": r.team_id,
        ":title": r.title,
        ":level": r.level,
        ":awarded_on": r.awarded_on,
        ":issuer": r.issuer,
        ":description": r.description,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn honor_from_row(r: &Row<'_>) -> rusqlite::Result<Honor> {
    Ok(Honor {
        meta: RecordMeta::from_row(r)?,
        volunteer_id: r.get("volunteer_id")?,
        team_id: r.get("team_id")?,
        title: r.get("title")?,
        level: r.get("level")?,
        awarded_on: r.get("awarded_on")?,
        issuer: r.get("issuer")?,
        description: r.get("description")?,
    })
}

impl_record!(Honor, Table::Honors, "表彰", insert_honor, honor_from_row);

/// A complaint about a volunteer (被投诉记录).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Complaint {
    /// Common columns.
    pub meta: RecordMeta,
    /// The volunteer.
    pub volunteer_id: String,
    /// 收到日期
    pub received_on: NaiveDate,
    /// 投诉内容
    pub content: String,
    /// 处理结果
    pub outcome: String,
}

fn insert_complaint(conn: &Connection, r: &Complaint) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO complaints (id, volunteer_id, received_on, content, outcome, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :volunteer_id, :received_on, :content, :outcome, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":volunteer_id": r.volunteer_id,
        ":received_on": r.received_on,
        ":content": r.content,
        ":outcome": r.outcome,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn complaint_from_row(r: &Row<'_>) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        meta: RecordMeta::from_row(r)?,
        volunteer_id: r.get("volunteer_id")?,
        received_on: r.get("received_on")?,
        content: r.get("content")?,
        outcome: r.get("outcome")?,
    })
}

impl_record!(
    Complaint,
    Table::Complaints,
    "投诉记录",
    insert_complaint,
    complaint_from_row
);

/// An issued 志愿服务记录证明, numbered and registered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Certificate {
    /// Common columns.
    pub meta: RecordMeta,
    /// 证明编号
    pub serial: String,
    /// The volunteer.
    pub volunteer_id: String,
    /// 服务起始日期
    pub period_from: NaiveDate,
    /// 服务截止日期
    pub period_to: NaiveDate,
    /// 服务时长
    pub hours: Tenths,
    /// 服务内容
    pub content: String,
    /// 出具单位
    pub issuer_id: Option<String>,
    /// 出具日期
    pub issued_on: NaiveDate,
    /// 经办人
    pub handler: String,
    /// 备注
    pub remark: String,
}

fn insert_certificate(conn: &Connection, r: &Certificate) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO certificates (id, serial, volunteer_id, period_from, period_to, hours_tenths, content, issuer_id, issued_on, handler, remark, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :serial, :volunteer_id, :period_from, :period_to, :hours_tenths, :content, :issuer_id, :issued_on, :handler, :remark, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":serial": r.serial,
        ":volunteer_id": r.volunteer_id,
        ":period_from": r.period_from,
        ":period_to": r.period_to,
        ":hours_tenths": r.hours.0,
        ":content": r.content,
        ":issuer_id": r.issuer_id,
        ":issued_on": r.issued_on,
        ":handler": r.handler,
        ":remark": r.remark,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn certificate_from_row(r: &Row<'_>) -> rusqlite::Result<Certificate> {
    Ok(Certificate {
        meta: RecordMeta::from_row(r)?,
        serial: r.get("serial")?,
        volunteer_id: r.get("volunteer_id")?,
        period_from: r.get("period_from")?,
        period_to: r.get("period_to")?,
        hours: Tenths(r.get("hours_tenths")?),
        content: r.get("content")?,
        issuer_id: r.get("issuer_id")?,
        issued_on: r.get("issued_on")?,
        handler: r.get("handler")?,
        remark: r.get("remark")?,
    })
}

impl_record!(
    Certificate,
    Table::Certificates,
    "志愿服务记录证明",
    insert_certificate,
    certificate_from_row
);
