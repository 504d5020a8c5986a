//! Planning and paperwork records: information reports (信息报送), the needs register
//! (邻里守望需求), attachments (留存资料), custom key dates, summary narratives and
//! document submissions.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, named_params};

use super::Result;
use super::meta::{RecordMeta, Table};
use super::record::impl_record;

/// An information report sent upward (信息报送).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InfoReport {
    /// Common columns.
    pub meta: RecordMeta,
    /// 标题
    pub title: String,
    /// 报送日期
    pub sent_on: NaiveDate,
    /// 报送对象
    pub sent_to: String,
    /// 相关活动
    pub activity_id: Option<String>,
    /// 是否采用
    pub adopted: bool,
    /// 采用单位/媒体
    pub adopted_by: String,
}

fn insert_info_report(conn: &Connection, r: &InfoReport) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO info_reports (id, title, sent_on, sent_to, activity_id, adopted, adopted_by, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :title, :sent_on, :sent_to, :activity_id, :adopted, :adopted_by, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":title": r.title,
        ":sent_on": r.sent_on,
        ":sent_to": r.sent_to,
        ":activity_id": r.activity_id,
        ":adopted": r.adopted,
        ":adopted_by": r.adopted_by,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn info_report_from_row(r: &Row<'_>) -> rusqlite::Result<InfoReport> {
    Ok(InfoReport {
        meta: RecordMeta::from_row(r)?,
        title: r.get("title")?,
        sent_on: r.get("sent_on")?,
        sent_to: r.get("sent_to")?,
        activity_id: r.get("activity_id")?,
        adopted: r.get("adopted")?,
        adopted_by: r.get("adopted_by")?,
    })
}

impl_record!(
    InfoReport,
    Table::InfoReports,
    "信息报送",
    insert_info_report,
    info_report_from_row
);

/// An entry of the needs register (邻里守望需求登记).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Need {
    /// Common columns.
    pub meta: RecordMeta,
    /// 所在村居
    pub community_id: Option<String>,
    /// 需求类别: 孤寡老人 / 困难群体 / 文明卫生 / 法律援助 / 生活帮助
    pub kind: String,
    /// 对象姓名
    pub person: String,
    /// 地址
    pub address: String,
    /// 联系电话
    pub phone: String,
    /// 需求描述
    pub description: String,
    /// 状态: 待对接 / 已对接 / 已解决
    pub status: String,
    /// 对接队伍
    pub team_id: Option<String>,
    /// 登记日期
    pub recorded_on: NaiveDate,
}

fn insert_need(conn: &Connection, r: &Need) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO needs (id, community_id, kind, person, address, phone, description, status, team_id, recorded_on, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :community_id, :kind, :person, :address, :phone, :description, :status, :team_id, :recorded_on, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":community_id": r.community_id,
        ":kind": r.kind,
        ":person": r.person,
        ":address": r.address,
        ":phone": r.phone,
        ":description": r.description,
        ":status": r.status,
        ":team_id": r.team_id,
        ":recorded_on": r.recorded_on,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn need_from_row(r: &Row<'_>) -> rusqlite::Result<Need> {
    Ok(Need {
        meta: RecordMeta::from_row(r)?,
        community_id: r.get("community_id")?,
        kind: r.get("kind")?,
        person: r.get("person")?,
        address: r.get("address")?,
        phone: r.get("phone")?,
        description: r.get("description")?,
        status: r.get("status")?,
        team_id: r.get("team_id")?,
        recorded_on: r.get("recorded_on")?,
    })
}

impl_record!(
    Need,
    Table::Needs,
    "邻里守望需求",
    insert_need,
    need_from_row
);

/// A file kept with a record (留存资料), stored by content hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attachment {
    /// Common columns.
    pub meta: RecordMeta,
    /// Kind of the owning record (table name).
    pub owner_kind: String,
    /// Key of the owning record.
    pub owner_id: String,
    /// 原文件名
    pub file_name: String,
    /// SHA-256 of the content, the stored file name.
    pub content_hash: String,
    /// MIME type.
    pub mime: String,
    /// Size in bytes.
    pub size_bytes: i64,
}

fn insert_attachment(conn: &Connection, r: &Attachment) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO attachments (id, owner_kind, owner_id, file_name, content_hash, mime, size_bytes, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :owner_kind, :owner_id, :file_name, :content_hash, :mime, :size_bytes, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":owner_kind": r.owner_kind,
        ":owner_id": r.owner_id,
        ":file_name": r.file_name,
        ":content_hash": r.content_hash,
        ":mime": r.mime,
        ":size_bytes": r.size_bytes,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn attachment_from_row(r: &Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        meta: RecordMeta::from_row(r)?,
        owner_kind: r.get("owner_kind")?,
        owner_id: r.get("owner_id")?,
        file_name: r.get("file_name")?,
        content_hash: r.get("content_hash")?,
        mime: r.get("mime")?,
        size_bytes: r.get("size_bytes")?,
    })
}

impl_record!(
    Attachment,
    Table::Attachments,
    "附件",
    insert_attachment,
    attachment_from_row
);

/// A key date the user added (once, or yearly when `year` is empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomKeyDate {
    /// Common columns.
    pub meta: RecordMeta,
    /// 名称
    pub name: String,
    /// 月
    pub month: i64,
    /// 日
    pub day: i64,
    /// 年 (only once), or yearly.
    pub year: Option<i64>,
    /// 建议主题
    pub themes: String,
    /// 建议类别
    pub categories: String,
    /// Name of a built-in key date this entry hides, if any.
    pub hides_builtin: String,
}

fn insert_custom_key_date(conn: &Connection, r: &CustomKeyDate) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO custom_key_dates (id, name, month, day, year, themes, categories, hides_builtin, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :name, :month, :day, :year, :themes, :categories, :hides_builtin, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":name": r.name,
        ":month": r.month,
        ":day": r.day,
        ":year": r.year,
        ":themes": r.themes,
        ":categories": r.categories,
        ":hides_builtin": r.hides_builtin,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn custom_key_date_from_row(r: &Row<'_>) -> rusqlite::Result<CustomKeyDate> {
    Ok(CustomKeyDate {
        meta: RecordMeta::from_row(r)?,
        name: r.get("name")?,
        month: r.get("month")?,
        day: r.get("day")?,
        year: r.get("year")?,
        themes: r.get("themes")?,
        categories: r.get("categories")?,
        hides_builtin: r.get("hides_builtin")?,
    })
}

impl_record!(
    CustomKeyDate,
    Table::CustomKeyDates,
    "自定义节点",
    insert_custom_key_date,
    custom_key_date_from_row
);

/// The clerk's own text for a section of a 工作总结.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SummaryNarrative {
    /// Common columns.
    pub meta: RecordMeta,
    /// Period such as 2026H1 or 2026.
    pub period: String,
    /// Section such as 存在的问题.
    pub section: String,
    /// The text.
    pub body: String,
}

fn insert_summary_narrative(conn: &Connection, r: &SummaryNarrative) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO summary_narratives (id, period, section, body, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :period, :section, :body, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":period": r.period,
        ":section": r.section,
        ":body": r.body,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn summary_narrative_from_row(r: &Row<'_>) -> rusqlite::Result<SummaryNarrative> {
    Ok(SummaryNarrative {
        meta: RecordMeta::from_row(r)?,
        period: r.get("period")?,
        section: r.get("section")?,
        body: r.get("body")?,
    })
}

impl_record!(
    SummaryNarrative,
    Table::SummaryNarratives,
    "总结文字",
    insert_summary_narrative,
    summary_narrative_from_row
);

/// When a document went upward (联络表, 半年总结, 全年总结).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Submission {
    /// Common columns.
    pub meta: RecordMeta,
    /// 年度
    pub year: i64,
    /// 文件
    pub document: String,
    /// 报送日期
    pub submitted_on: NaiveDate,
    /// 方式: 传真 / 邮件 / 现场
    pub method: String,
    /// 备注
    pub remark: String,
}

fn insert_submission(conn: &Connection, r: &Submission) -> Result<()> {
    let m = &r.meta;
    conn.prepare_cached(
        "INSERT INTO submissions (id, year, document, submitted_on, method, remark, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :year, :document, :submitted_on, :method, :remark, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id,
        ":year": r.year,
        ":document": r.document,
        ":submitted_on": r.submitted_on,
        ":method": r.method,
        ":remark": r.remark,
        ":created_at": m.created_at,
        ":updated_at": m.updated_at,
        ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn submission_from_row(r: &Row<'_>) -> rusqlite::Result<Submission> {
    Ok(Submission {
        meta: RecordMeta::from_row(r)?,
        year: r.get("year")?,
        document: r.get("document")?,
        submitted_on: r.get("submitted_on")?,
        method: r.get("method")?,
        remark: r.get("remark")?,
    })
}

impl_record!(
    Submission,
    Table::Submissions,
    "报送记录",
    insert_submission,
    submission_from_row
);
