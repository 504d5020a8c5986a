//! The platforms' templates the clerk saved, the service records as a batch file lists them
//! (one line per person per held activity), and which activities were entered (已录入平台).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, ToSql};

use super::report::Scope;
use super::{Result, Store, StoreError};
use crate::domain::hours::Tenths;
use crate::domain::period::Period;
use crate::domain::platform::Template;

/// One person's service at one held activity, with what a platform asks about both.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceLine {
    /// The activity's key.
    pub activity_id: String,
    /// 姓名
    pub name: String,
    /// 证件类型
    pub id_type: String,
    /// 证件号码 (whole)
    pub id_number: String,
    /// 性别
    pub gender: String,
    /// 手机 (whole)
    pub mobile: String,
    /// 出生日期
    pub birth_date: Option<NaiveDate>,
    /// 政治面貌
    pub political: String,
    /// 志愿者编号
    pub number: String,
    /// 服务类别
    pub category: String,
    /// 活动名称
    pub title: String,
    /// 活动日期
    pub date: Option<NaiveDate>,
    /// 开始时间
    pub start: String,
    /// 结束时间
    pub end: String,
    /// 服务时长
    pub hours: Tenths,
    /// 活动地点
    pub location: String,
    /// 组织单位
    pub organizer: String,
    /// 负责人
    pub leader: String,
    /// 服务内容
    pub content: String,
    /// The volunteer's key.
    pub volunteer_id: String,
}

/// Where an activity was entered: the platform, the day, who entered it.
pub type Entered = (String, NaiveDate, String);

/// A saved template with its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedTemplate {
    /// The columns.
    pub template: Template,
    /// The file's name as the clerk had it.
    pub file_name: String,
    /// The file.
    pub file: Vec<u8>,
    /// The header row (0-based).
    pub header_row: usize,
}

const LINE_SELECT: &str = "SELECT a.id, v.name, v.id_type, v.id_number, v.gender, v.mobile,
        v.birth_date, v.political_status, v.number, a.category, a.title, a.date, a.start_time,
        a.end_time, p.hours_tenths, a.location, coalesce(u.name, ''), a.leader, a.content, v.id
    FROM participations p
    JOIN activities a ON a.id = p.activity_id
    JOIN volunteers v ON v.id = p.volunteer_id
    LEFT JOIN units u ON u.id = a.organizer_id
    WHERE p.deleted_at IS NULL AND v.deleted_at IS NULL AND a.counted";

fn line(r: &rusqlite::Row<'_>) -> rusqlite::Result<ServiceLine> {
    Ok(ServiceLine {
        activity_id: r.get(0)?,
        name: r.get(1)?,
        id_type: r.get(2)?,
        id_number: r.get(3)?,
        gender: r.get(4)?,
        mobile: r.get(5)?,
        birth_date: r.get(6)?,
        political: r.get(7)?,
        number: r.get(8)?,
        category: r.get(9)?,
        title: r.get(10)?,
        date: r.get(11)?,
        start: r.get(12)?,
        end: r.get(13)?,
        hours: Tenths(r.get(14)?),
        location: r.get(15)?,
        organizer: r.get(16)?,
        leader: r.get(17)?,
        content: r.get(18)?,
        volunteer_id: r.get(19)?,
    })
}

impl Store {
    /// Every held participation of `period` in `scope`, by date, activity and number.
    pub fn service_lines(&self, period: &Period, scope: &Scope) -> Result<Vec<ServiceLine>> {
        let key = scope.key().map(str::to_owned);
        let params: Vec<&dyn ToSql> = match &key {
            None => vec![&period.from, &period.to],
            Some(k) => vec![&period.from, &period.to, k],
        };
        let sql = format!(
            "{LINE_SELECT} AND a.date BETWEEN ?1 AND ?2{}
             ORDER BY a.date, a.start_time, a.id, v.number",
            scope.activities_sql()
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params.as_slice(), line)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The held participations of these activities, in the order given, by number.
    pub fn service_lines_of(&self, activity_ids: &[String]) -> Result<Vec<ServiceLine>> {
        let mut stmt = self
            .conn()
            .prepare_cached(&format!("{LINE_SELECT} AND a.id = ?1 ORDER BY v.number"))?;
        let mut out = Vec::new();
        for id in activity_ids {
            for l in stmt.query_map([id], line)? {
                out.push(l?);
            }
        }
        Ok(out)
    }

    /// Volunteers as batch lines (for 志愿者批量导入): their own fields, no activity.
    pub fn volunteer_lines(&self, ids: &[String]) -> Result<Vec<ServiceLine>> {
        // The activity's columns empty, in the order `line` reads.
        let mut stmt = self.conn().prepare_cached(
            "SELECT '', v.name, v.id_type, v.id_number, v.gender, v.mobile, v.birth_date,
                    v.political_status, v.number, '', '', NULL, '', '', 0, '', '', '', '', v.id
             FROM volunteers v WHERE v.id = ?1 AND v.deleted_at IS NULL",
        )?;
        let mut out = Vec::new();
        for id in ids {
            for l in stmt.query_map([id], line)? {
                out.push(l?);
            }
        }
        Ok(out)
    }

    /// Saves a template under its name (replacing one of the same name), with its file.
    pub fn save_platform_template(&mut self, saved: &SavedTemplate) -> Result<()> {
        let columns = serde_json::to_string(&saved.template)
            .map_err(|e| StoreError::Refused(format!("模板无法保存：{e}")))?;
        let name = saved.template.name.trim();
        if name.is_empty() {
            return Err(StoreError::Refused("请给模板起一个名字".into()));
        }
        let meta = super::meta::RecordMeta::new(self.origin());
        self.write(|c| {
            c.execute(
                "INSERT INTO platform_templates
                     (id, name, file_name, file, header_row, columns, created_at, updated_at, origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
                 ON CONFLICT (name) DO UPDATE SET file_name = excluded.file_name,
                     file = excluded.file, header_row = excluded.header_row,
                     columns = excluded.columns, updated_at = excluded.updated_at,
                     deleted_at = NULL",
                rusqlite::params![
                    meta.id,
                    name,
                    saved.file_name,
                    saved.file,
                    saved.header_row as i64,
                    columns,
                    meta.created_at,
                    meta.origin
                ],
            )?;
            Ok(())
        })
    }

    /// Saves the clerk's corrections of a saved template's columns.
    pub fn set_platform_columns(&mut self, template: &Template) -> Result<()> {
        let columns = serde_json::to_string(template)
            .map_err(|e| StoreError::Refused(format!("模板无法保存：{e}")))?;
        self.write(|c| {
            let n = c.execute(
                "UPDATE platform_templates SET columns = ?2, updated_at = ?3
                 WHERE name = ?1 AND deleted_at IS NULL",
                rusqlite::params![template.name, columns, super::meta::now_utc()],
            )?;
            if n == 0 {
                return Err(StoreError::Refused(format!(
                    "没有名为“{}”的平台模板",
                    template.name
                )));
            }
            Ok(())
        })
    }

    /// The saved templates' names and file names, by name.
    pub fn platform_templates(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name, file_name FROM platform_templates WHERE deleted_at IS NULL ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A saved template by name.
    pub fn platform_template(&self, name: &str) -> Result<Option<SavedTemplate>> {
        let found = self
            .conn()
            .query_row(
                "SELECT file_name, file, header_row, columns FROM platform_templates
                 WHERE name = ?1 AND deleted_at IS NULL",
                [name.trim()],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Vec<u8>>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((file_name, file, header_row, columns)) = found else {
            return Ok(None);
        };
        let template: Template = serde_json::from_str(&columns)
            .map_err(|e| StoreError::Refused(format!("模板“{name}”已损坏：{e}")))?;
        Ok(Some(SavedTemplate {
            template,
            file_name,
            file,
            header_row: header_row.max(0) as usize,
        }))
    }

    /// Marks these activities entered into `platform` on `on` by `by` (one transaction; a
    /// mark already there, or taken back, is replaced).
    pub fn mark_entered(
        &mut self,
        activity_ids: &[String],
        platform: &str,
        on: NaiveDate,
        by: &str,
    ) -> Result<usize> {
        let origin = self.origin().to_string();
        self.write(|c| {
            let mut stmt = c.prepare_cached(
                "INSERT INTO platform_entries
                     (id, activity_id, platform, entered_on, entered_by, created_at, updated_at, origin)
                 SELECT ?5, id, ?2, ?3, ?4, ?6, ?6, ?7 FROM activities WHERE id = ?1 AND counted
                 ON CONFLICT (activity_id) DO UPDATE SET platform = excluded.platform,
                     entered_on = excluded.entered_on, entered_by = excluded.entered_by,
                     updated_at = excluded.updated_at, deleted_at = NULL",
            )?;
            let mut n = 0;
            for id in activity_ids {
                let meta = super::meta::RecordMeta::new(&origin);
                n += stmt.execute(rusqlite::params![
                    id,
                    platform,
                    on,
                    by,
                    meta.id,
                    meta.created_at,
                    meta.origin
                ])?;
            }
            Ok(n)
        })
    }

    /// Sets one person's hours at one activity to what the platform has (采用平台的); false
    /// when there is no such live record.
    pub fn set_participation_hours(
        &mut self,
        activity_id: &str,
        volunteer_id: &str,
        hours: Tenths,
    ) -> Result<bool> {
        if !(0..=240).contains(&hours.0) {
            return Err(StoreError::Refused(
                "一次活动的服务时长应在 0 到 24 小时之间".into(),
            ));
        }
        self.write(|c| {
            let n = c.execute(
                // The rows, not the view: a change made through a view's trigger is not counted.
                &format!(
                    "UPDATE participation_rows SET hours_tenths = ?3, updated_at = {}
                     WHERE activity_ref = (SELECT key FROM activities WHERE id = ?1)
                       AND volunteer_ref = (SELECT key FROM volunteers WHERE id = ?2)
                       AND deleted_at IS NULL",
                    super::compact::stamp_in("?4")
                ),
                rusqlite::params![activity_id, volunteer_id, hours.0, super::meta::now_utc()],
            )?;
            Ok(n > 0)
        })
    }

    /// Takes back an activity's 已录入平台 mark (kept as removed, so the taking back travels
    /// in exchange packages).
    pub fn unmark_entered(&mut self, activity_id: &str) -> Result<()> {
        self.write(|c| {
            c.execute(
                "UPDATE platform_entries SET deleted_at = ?2, updated_at = ?2
                 WHERE activity_id = ?1 AND deleted_at IS NULL",
                rusqlite::params![activity_id, super::meta::now_utc()],
            )?;
            Ok(())
        })
    }

    /// The platform an activity was entered into, when and by whom.
    pub fn entered(&self, activity_id: &str) -> Result<Option<Entered>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT platform, entered_on, entered_by FROM platform_entries
                 WHERE activity_id = ?1 AND deleted_at IS NULL",
                [activity_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }
}
