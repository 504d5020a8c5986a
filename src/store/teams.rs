//! Teams (志愿服务队) and their members.

use super::record::record;
use super::{Result, Store};
use chrono::NaiveDate;

record! {
    /// A volunteer service team.
    pub struct Team => Teams("teams"), "志愿服务队" {
        /// 队伍名称
        pub name: String = "name",
        /// 类别: one of the fourteen, or 综合.
        pub category: String = "category",
        /// 所属单位
        pub unit_id: Option<String> = "unit_id",
        /// 队长 (a volunteer).
        pub leader_id: Option<String> = "leader_id",
        /// 成立日期
        pub founded_on: Option<NaiveDate> = "founded_on",
        /// 简介
        pub description: String = "description",
    }
}

record! {
    /// A volunteer's membership in a team.
    pub struct TeamMember => TeamMembers("team_members"), "队伍成员" {
        /// The team.
        pub team_id: String = "team_id",
        /// The volunteer.
        pub volunteer_id: String = "volunteer_id",
        /// 加入日期
        pub joined_on: NaiveDate = "joined_on",
    }
}

/// A row of the team list.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    /// Key.
    pub id: String,
    /// 队伍名称
    pub name: String,
    /// 类别
    pub category: String,
    /// 所属单位
    pub unit: String,
    /// 队长
    pub leader: String,
    /// 成员数
    pub members: i64,
}

impl Store {
    /// A page of live teams ordered by name, with member counts.
    pub fn team_page(&self, offset: usize, limit: usize) -> Result<Vec<TeamRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT t.id, t.name, t.category, coalesce(u.name, '') AS unit,
                    coalesce(v.name, '') AS leader,
                    (SELECT count(*) FROM team_members m
                      WHERE m.team_id = t.id AND m.deleted_at IS NULL) AS members
             FROM teams t
             LEFT JOIN units u ON u.id = t.unit_id
             LEFT JOIN volunteers v ON v.id = t.leader_id
             WHERE t.deleted_at IS NULL
             ORDER BY t.name, t.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map([limit as i64, offset as i64], |r| {
            Ok(TeamRow {
                id: r.get("id")?,
                name: r.get("name")?,
                category: r.get("category")?,
                unit: r.get("unit")?,
                leader: r.get("leader")?,
                members: r.get("members")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
