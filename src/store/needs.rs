//! The needs register (邻里守望需求登记): people or households and what they need, their
//! status, and the activities that served them (schema version 9).

use std::collections::HashMap;

use super::lists::{ListQuery, ListSpec};
use super::meta::{RecordMeta, Table, now_utc};
use super::paperwork::Need;
use super::record::Record;
use super::{Result, Store};

/// Need types offered in the form.
pub const NEED_KINDS: [&str; 6] = [
    "孤寡老人",
    "困难群体",
    "文明卫生",
    "法律援助",
    "生活帮助",
    "其他",
];

/// Statuses of a need.
pub const NEED_STATUSES: [&str; 3] = ["待对接", "已对接", "已解决"];

/// A row of the needs list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedRow {
    /// Key.
    pub id: String,
    /// 登记日期
    pub recorded_on: chrono::NaiveDate,
    /// 对象
    pub person: String,
    /// 所在村居
    pub community: String,
    /// 需求类别
    pub kind: String,
    /// 状态
    pub status: String,
    /// 服务过的活动数
    pub served: i64,
}

/// An activity linked to a need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServedBy {
    /// The activity's key.
    pub activity_id: String,
    /// 日期
    pub date: chrono::NaiveDate,
    /// 标题
    pub title: String,
}

/// The needs list: searched in person, address and description; the category is the need
/// type, the status 待对接 / 已对接 / 已解决.
pub const NEED_LIST: ListSpec = ListSpec {
    table: Table::Needs,
    from: "FROM needs n LEFT JOIN units u ON u.id = n.community_id",
    alias: "n",
    date: "n.recorded_on",
    category: "n.kind",
    status: Some("n.status"),
    text: &[
        "n.person",
        "n.address",
        "n.description",
        "coalesce(u.name, '')",
    ],
    columns: &[
        "n.recorded_on",
        "n.person",
        "coalesce(u.name, '')",
        "n.kind",
        "n.status",
        "(SELECT count(*) FROM need_activities x
           WHERE x.need_id = n.id AND x.deleted_at IS NULL)",
    ],
};

impl Store {
    /// How many needs the list shows.
    pub fn need_count(&self, q: &ListQuery) -> Result<u64> {
        self.list_count(&NEED_LIST, q)
    }

    /// A page of the needs list.
    pub fn need_page(&self, q: &ListQuery, offset: usize, limit: usize) -> Result<Vec<NeedRow>> {
        self.list_page(&NEED_LIST, q, offset, limit, |r| {
            Ok(NeedRow {
                id: r.get(0)?,
                recorded_on: r.get(1)?,
                person: r.get(2)?,
                community: r.get(3)?,
                kind: r.get(4)?,
                status: r.get(5)?,
                served: r.get(6)?,
            })
        })
    }

    /// The live activities linked to a need, newest first.
    pub fn need_served_by(&self, need_id: &str) -> Result<Vec<ServedBy>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.date, a.title FROM need_activities x
             JOIN activities a ON a.id = x.activity_id
             WHERE x.need_id = ?1 AND x.deleted_at IS NULL AND a.deleted_at IS NULL
             ORDER BY a.date DESC",
        )?;
        let rows = stmt.query_map([need_id], |r| {
            Ok(ServedBy {
                activity_id: r.get(0)?,
                date: r.get(1)?,
                title: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves a need and exactly these linked activities in one transaction.
    pub fn save_need(&mut self, n: &mut Need, activity_ids: &[String]) -> Result<()> {
        let origin = self.origin().to_string();
        let new = n.meta.id.is_empty();
        n.meta.ensure(&origin);
        n.meta.updated_at = now_utc();
        let n = &*n;
        self.write(|c| {
            if new {
                n.insert(c)?;
            } else {
                c.prepare_cached(
                    "UPDATE needs SET community_id = ?2, kind = ?3, person = ?4, address = ?5,
                     phone = ?6, description = ?7, status = ?8, team_id = ?9,
                     recorded_on = ?10, updated_at = ?11 WHERE id = ?1",
                )?
                .execute(rusqlite::params![
                    n.meta.id,
                    n.community_id,
                    n.kind,
                    n.person,
                    n.address,
                    n.phone,
                    n.description,
                    n.status,
                    n.team_id,
                    n.recorded_on,
                    n.meta.updated_at
                ])?;
            }
            let mut existing: HashMap<String, (String, bool)> = HashMap::new();
            {
                let mut stmt = c.prepare_cached(
                    "SELECT activity_id, id, deleted_at IS NOT NULL FROM need_activities
                     WHERE need_id = ?1",
                )?;
                let rows = stmt.query_map([&n.meta.id], |r| {
                    Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?)))
                })?;
                for row in rows {
                    let (aid, rest) = row?;
                    existing.insert(aid, rest);
                }
            }
            let now = now_utc();
            for aid in activity_ids {
                match existing.get(aid) {
                    Some((id, true)) => {
                        c.prepare_cached(
                            "UPDATE need_activities SET deleted_at = NULL, updated_at = ?2
                             WHERE id = ?1",
                        )?
                        .execute([id, &now])?;
                    }
                    Some((_, false)) => {}
                    None => {
                        let m = RecordMeta::new(&origin);
                        c.prepare_cached(
                            "INSERT INTO need_activities
                                 (id, need_id, activity_id, created_at, updated_at, origin)
                             VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                        )?
                        .execute([
                            &m.id,
                            &n.meta.id,
                            aid,
                            &m.created_at,
                            &m.origin,
                        ])?;
                    }
                }
            }
            for (aid, (id, deleted)) in &existing {
                if !deleted && !activity_ids.contains(aid) {
                    c.prepare_cached(
                        "UPDATE need_activities SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                    )?
                    .execute([id, &now])?;
                }
            }
            Ok(())
        })
    }
}
