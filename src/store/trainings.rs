//! Trainings (培训): the list, the attendees from the register, and saving a training with its
//! attendees in one transaction. Training hours are kept apart from service hours.

use std::collections::HashMap;

use super::lists::{ListQuery, ListSpec};
use super::meta::{RecordMeta, Table, now_utc};
use super::record::Record;
use super::records::{Training, TrainingAttendance};
use super::volunteers::Holder;
use super::{Result, Store, StoreError};
use crate::domain::hours::Tenths;

/// A row of the training list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingRow {
    /// Key.
    pub id: String,
    /// 日期
    pub date: chrono::NaiveDate,
    /// 主题
    pub topic: String,
    /// 组织单位
    pub organizer: String,
    /// 授课人
    pub trainer: String,
    /// 学时
    pub hours: Tenths,
    /// 参加的志愿者人数
    pub attendees: i64,
}

/// Topics offered in the training form (free text is allowed too).
pub const TRAINING_TOPICS: [&str; 5] = [
    "《志愿服务条例》",
    "《天津市志愿服务条例》",
    "志愿服务活动组织",
    "志愿滨海使用",
    "应急救护",
];

/// The training list: searched in topic, trainer, place and organiser; the category is the
/// topic.
pub const TRAINING_LIST: ListSpec = ListSpec {
    table: Table::Trainings,
    from: "FROM trainings t LEFT JOIN units u ON u.id = t.organizer_id",
    alias: "t",
    date: "t.date",
    category: "t.topic",
    status: None,
    text: &["t.topic", "t.trainer", "t.location", "coalesce(u.name, '')"],
    columns: &[
        "t.date",
        "t.topic",
        "coalesce(u.name, '')",
        "t.trainer",
        "t.hours_tenths",
        "(SELECT count(*) FROM training_attendance x
           WHERE x.training_id = t.id AND x.deleted_at IS NULL)",
    ],
};

impl Store {
    /// How many trainings the list shows.
    pub fn training_count(&self, q: &ListQuery) -> Result<u64> {
        self.list_count(&TRAINING_LIST, q)
    }

    /// A page of the training list.
    pub fn training_page(
        &self,
        q: &ListQuery,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<TrainingRow>> {
        self.list_page(&TRAINING_LIST, q, offset, limit, |r| {
            Ok(TrainingRow {
                id: r.get(0)?,
                date: r.get(1)?,
                topic: r.get(2)?,
                organizer: r.get(3)?,
                trainer: r.get(4)?,
                hours: Tenths(r.get(5)?),
                attendees: r.get(6)?,
            })
        })
    }

    /// The live volunteers who attended a training, by number.
    pub fn training_attendees(&self, training_id: &str) -> Result<Vec<Holder>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.name, v.number FROM training_attendance x
             JOIN volunteers v ON v.id = x.volunteer_id
             WHERE x.training_id = ?1 AND x.deleted_at IS NULL ORDER BY v.number",
        )?;
        let rows = stmt.query_map([training_id], |r| {
            Ok(Holder {
                id: r.get(0)?,
                name: r.get(1)?,
                number: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves a training and exactly these attending volunteers in one transaction.
    pub fn save_training(&mut self, t: &mut Training, volunteer_ids: &[String]) -> Result<()> {
        let origin = self.origin().to_string();
        let new = t.meta.id.is_empty();
        t.meta.ensure(&origin);
        t.meta.updated_at = now_utc();
        let t = &*t;
        self.write(|c| {
            if new {
                t.insert(c)?;
            } else {
                let n = c
                    .prepare_cached(
                        "UPDATE trainings SET date = ?2, topic = ?3, location = ?4,
                         organizer_id = ?5, trainer = ?6, hours_tenths = ?7, content = ?8,
                         staff = ?9, updated_at = ?10 WHERE id = ?1",
                    )?
                    .execute(rusqlite::params![
                        t.meta.id,
                        t.date,
                        t.topic,
                        t.location,
                        t.organizer_id,
                        t.trainer,
                        t.hours.0,
                        t.content,
                        t.staff,
                        t.meta.updated_at
                    ])?;
                if n == 0 {
                    return Err(StoreError::NotFound {
                        kind: "培训",
                        id: t.meta.id.clone(),
                    });
                }
            }
            let mut existing: HashMap<String, (String, bool)> = HashMap::new();
            {
                let mut stmt = c.prepare_cached(
                    "SELECT volunteer_id, id, deleted_at IS NOT NULL FROM training_attendance
                     WHERE training_id = ?1",
                )?;
                let rows = stmt.query_map([&t.meta.id], |r| {
                    Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
                })?;
                for row in rows {
                    let (vid, rest) = row?;
                    existing.insert(vid, rest);
                }
            }
            let now = now_utc();
            for vid in volunteer_ids {
                match existing.get(vid) {
                    Some((id, true)) => {
                        c.prepare_cached(
                            "UPDATE training_attendance SET deleted_at = NULL, updated_at = ?2
                             WHERE id = ?1",
                        )?
                        .execute([id, &now])?;
                    }
                    Some((_, false)) => {}
                    None => TrainingAttendance {
                        meta: RecordMeta::new(&origin),
                        training_id: t.meta.id.clone(),
                        volunteer_id: vid.clone(),
                    }
                    .insert(c)?,
                }
            }
            for (vid, (id, deleted)) in &existing {
                if !deleted && !volunteer_ids.contains(vid) {
                    c.prepare_cached(
                        "UPDATE training_attendance SET deleted_at = ?2, updated_at = ?2
                         WHERE id = ?1",
                    )?
                    .execute([id, &now])?;
                }
            }
            Ok(())
        })
    }

    /// A volunteer's training hours (kept apart from service hours).
    pub fn volunteer_training_hours(&self, volunteer_id: &str) -> Result<Tenths> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT coalesce(sum(t.hours_tenths), 0) FROM training_attendance x
                 JOIN trainings t ON t.id = x.training_id
                 WHERE x.volunteer_id = ?1 AND x.deleted_at IS NULL AND t.deleted_at IS NULL",
            )?
            .query_row([volunteer_id], |r| r.get(0))?;
        Ok(Tenths(n))
    }
}
