//! Trainings (培训): the list, the attendees from the register, and saving a training with its
//! attendees in one transaction. Training hours are kept apart from service hours.

use std::collections::HashMap;

use super::meta::{RecordMeta, now_utc};
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

impl Store {
    /// How many live trainings have `text` in their topic (all when empty).
    pub fn training_count(&self, text: &str) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM trainings
                 WHERE deleted_at IS NULL AND (?1 = '' OR instr(topic, ?1) > 0)",
            )?
            .query_row([text.trim()], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of live trainings with `text` in their topic, newest first.
    pub fn training_page(
        &self,
        text: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<TrainingRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.id, t.date, t.topic, t.trainer, t.hours_tenths,
                    (SELECT count(*) FROM training_attendance x
                      WHERE x.training_id = t.id AND x.deleted_at IS NULL)
             FROM trainings t
             WHERE t.deleted_at IS NULL AND (?1 = '' OR instr(t.topic, ?1) > 0)
             ORDER BY t.date DESC, t.id LIMIT ?2 OFFSET ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![text.trim(), limit as i64, offset as i64],
            |r| {
                Ok(TrainingRow {
                    id: r.get(0)?,
                    date: r.get(1)?,
                    topic: r.get(2)?,
                    trainer: r.get(3)?,
                    hours: Tenths(r.get(4)?),
                    attendees: r.get(5)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
