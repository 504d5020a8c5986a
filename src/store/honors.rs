//! Honors (先进典型 / 身边雷锋): the list with the person or team honored, and saving one.

use super::lists::{ListQuery, ListSpec};
use super::meta::{Table, now_utc};
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
    /// How many honors the list shows.
    pub fn honor_count(&self, q: &ListQuery) -> Result<u64> {
        self.list_count(&HONOR_LIST, q)
    }

    /// A page of the honor list.
    pub fn honor_page(&self, q: &ListQuery, offset: usize, limit: usize) -> Result<Vec<HonorRow>> {
        self.list_page(&HONOR_LIST, q, offset, limit, |r| {
            Ok(HonorRow {
                id: r.get(0)?,
                awarded_on: r.get(1)?,
                title: r.get(2)?,
                level: r.get(3)?,
                who: r.get(4)?,
                issuer: r.get(5)?,
            })
        })
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

/// The honor list: searched in title, honoree and awarding body; the category is the level.
pub const HONOR_LIST: ListSpec = ListSpec {
    table: Table::Honors,
    from: "FROM honors h
     LEFT JOIN volunteers v ON v.id = h.volunteer_id
     LEFT JOIN teams t ON t.id = h.team_id",
    alias: "h",
    date: "h.awarded_on",
    category: "h.level",
    status: None,
    text: &["h.title", "coalesce(v.name, t.name, '')", "h.issuer"],
    columns: &[
        "h.awarded_on",
        "h.title",
        "h.level",
        "coalesce(v.name || '（' || v.number || '）', t.name, '')",
        "h.issuer",
    ],
};
