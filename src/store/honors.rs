//! Honors (先进典型 / 身边雷锋): the list with the person or team honored, and saving one.

use super::meta::now_utc;
use super::record::Record;
use super::records::Honor;
use super::{Result, Store, StoreError};

/// Levels offered in the honor form.
pub const HONOR_LEVELS: [&str; 5] = ["国家级", "市级", "区级", "街镇级", "其他"];

/// A row of the honor list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HonorRow {
    /// Key.
    pub id: String,
    /// 表彰日期
    pub awarded_on: chrono::NaiveDate,
    /// 称号
    pub title: String,
    /// 级别
    pub level: String,
    /// Who: the volunteer's name and number, or the team's name.
    pub who: String,
    /// 授予单位
    pub issuer: String,
}

impl Store {
    /// How many live honors have `text` in their title or honoree (all when empty).
    pub fn honor_count(&self, text: &str) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) {HONOR_FROM}"))?
            .query_row([text.trim()], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of live honors, newest first.
    pub fn honor_page(&self, text: &str, offset: usize, limit: usize) -> Result<Vec<HonorRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT h.id, h.awarded_on, h.title, h.level, h.issuer,
                    coalesce(v.name || '（' || v.number || '）', t.name, '') {HONOR_FROM}
             ORDER BY h.awarded_on DESC, h.id LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![text.trim(), limit as i64, offset as i64],
            |r| {
                Ok(HonorRow {
                    id: r.get(0)?,
                    awarded_on: r.get(1)?,
                    title: r.get(2)?,
                    level: r.get(3)?,
                    issuer: r.get(4)?,
                    who: r.get(5)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves an honor (insert when its key is empty, else update). Exactly one of the volunteer
    /// and the team must be set.
    pub fn save_honor(&mut self, h: &mut Honor) -> Result<()> {
        if h.volunteer_id.is_some() == h.team_id.is_some() {
            return Err(StoreError::Refused(
                "表彰对象须是一名志愿者或一支队伍".into(),
            ));
        }
        let origin = self.origin().to_string();
        let new = h.meta.id.is_empty();
        h.meta.ensure(&origin);
        h.meta.updated_at = now_utc();
        let h = &*h;
        self.write(|c| {
            if new {
                return h.insert(c);
            }
            c.prepare_cached(
                "UPDATE honors SET volunteer_id = ?2, team_id = ?3, title = ?4, level = ?5,
                 awarded_on = ?6, issuer = ?7, description = ?8, updated_at = ?9 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                h.meta.id,
                h.volunteer_id,
                h.team_id,
                h.title,
                h.level,
                h.awarded_on,
                h.issuer,
                h.description,
                h.meta.updated_at
            ])?;
            Ok(())
        })
    }
}

/// The live honors matching ?1 in title or honoree, with the volunteer or team honored.
const HONOR_FROM: &str = "FROM honors h
     LEFT JOIN volunteers v ON v.id = h.volunteer_id
     LEFT JOIN teams t ON t.id = h.team_id
     WHERE h.deleted_at IS NULL
       AND (?1 = '' OR instr(h.title, ?1) > 0 OR instr(coalesce(v.name, t.name, ''), ?1) > 0)";
