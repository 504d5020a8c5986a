//! Teams (志愿服务队) and their members.

use super::lists::{ListQuery, ListSpec};
use super::meta::{RecordMeta, now_utc};
use super::record::record;
use super::{Result, Store, StoreError};
use crate::domain::hours::Tenths;
use crate::domain::phone;
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
    /// 成员累计服务时长
    pub hours: Tenths,
}

/// The team list: searched in the name, unit and leader; the date range is the founding date,
/// the category the team's.
pub const TEAM_LIST: ListSpec = ListSpec {
    table: super::meta::Table::Teams,
    from: "FROM teams t
     LEFT JOIN units u ON u.id = t.unit_id
     LEFT JOIN volunteers l ON l.id = t.leader_id",
    alias: "t",
    date: "t.founded_on",
    category: "t.category",
    status: None,
    text: &["t.name", "coalesce(u.name, '')", "coalesce(l.name, '')"],
    columns: &[
        "t.name",
        "t.category",
        "coalesce(u.name, '')",
        "coalesce(l.name, '')",
        "(SELECT count(*) FROM team_members m
          JOIN volunteers v ON v.id = m.volunteer_id AND v.deleted_at IS NULL
          WHERE m.team_id = t.id AND m.deleted_at IS NULL)",
        "(SELECT coalesce(sum(s.total_tenths), 0) FROM team_members m
          JOIN volunteers v ON v.id = m.volunteer_id AND v.deleted_at IS NULL
          LEFT JOIN volunteer_search s ON s.volunteer_key = v.key
          WHERE m.team_id = t.id AND m.deleted_at IS NULL)",
    ],
};

/// A member in a team's member list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    /// The volunteer's key.
    pub volunteer_id: String,
    /// 志愿者编号
    pub number: String,
    /// 姓名
    pub name: String,
    /// 手机, masked.
    pub mobile_masked: String,
    /// 手机, whole: only for an export the clerk acknowledged (and that is logged).
    pub mobile: String,
    /// 加入日期
    pub joined_on: NaiveDate,
    /// 累计服务时长
    pub hours: Tenths,
}

/// Live members of live volunteers.
const LIVE_MEMBERS: &str = "FROM team_members m
     JOIN volunteers v ON v.id = m.volunteer_id AND v.deleted_at IS NULL
     LEFT JOIN volunteer_search s ON s.volunteer_key = v.key
     WHERE m.team_id = ?1 AND m.deleted_at IS NULL";

impl Store {
    /// A page of teams ordered by name, with member counts and hours: the live ones, or those
    /// in the recycle bin.
    pub fn team_page(&self, in_bin: bool, offset: usize, limit: usize) -> Result<Vec<TeamRow>> {
        let sql = format!(
            "SELECT t.id, t.name, t.category, coalesce(u.name, '') AS unit,
                    coalesce(l.name, '') AS leader,
                    (SELECT count(*) {LIVE_MEMBERS_T}) AS members,
                    (SELECT coalesce(sum(s.total_tenths), 0) {LIVE_MEMBERS_T}) AS hours
             FROM teams t
             LEFT JOIN units u ON u.id = t.unit_id
             LEFT JOIN volunteers l ON l.id = t.leader_id
             WHERE t.deleted_at IS {} NULL
             ORDER BY t.name, t.id LIMIT ?1 OFFSET ?2",
            if in_bin { "NOT" } else { "" }
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([limit as i64, offset as i64], |r| {
            Ok(TeamRow {
                id: r.get("id")?,
                name: r.get("name")?,
                category: r.get("category")?,
                unit: r.get("unit")?,
                leader: r.get("leader")?,
                members: r.get("members")?,
                hours: Tenths(r.get("hours")?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The number of teams in the recycle bin.
    pub fn teams_in_bin(&self) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM teams WHERE deleted_at IS NOT NULL")?
            .query_row([], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// How many teams the list shows.
    pub fn team_count(&self, q: &ListQuery) -> Result<u64> {
        self.list_count(&TEAM_LIST, q)
    }

    /// A page of the team list as searched, filtered and sorted.
    pub fn team_list_page(
        &self,
        q: &ListQuery,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<TeamRow>> {
        self.list_page(&TEAM_LIST, q, offset, limit, |r| {
            Ok(TeamRow {
                id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                unit: r.get(3)?,
                leader: r.get(4)?,
                members: r.get(5)?,
                hours: Tenths(r.get(6)?),
            })
        })
    }

    /// A team's live members, by number.
    pub fn team_members(&self, team_id: &str) -> Result<Vec<MemberRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT v.id, v.number, v.name, v.mobile, m.joined_on,
                    coalesce(s.total_tenths, 0) {LIVE_MEMBERS} ORDER BY v.number"
        ))?;
        let rows = stmt.query_map([team_id], |r| {
            let mobile: String = r.get(3)?;
            Ok(MemberRow {
                volunteer_id: r.get(0)?,
                number: r.get(1)?,
                name: r.get(2)?,
                mobile_masked: phone::mask_mobile(&mobile),
                mobile,
                joined_on: r.get(4)?,
                hours: Tenths(r.get(5)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds volunteers to a team in one transaction (a membership removed earlier comes back);
    /// returns how many were not members yet.
    pub fn add_team_members(
        &mut self,
        team_id: &str,
        volunteer_ids: &[String],
        joined_on: NaiveDate,
    ) -> Result<usize> {
        let origin = self.origin().to_string();
        self.write(|c| {
            let mut added = 0;
            for vid in volunteer_ids {
                let now = now_utc();
                let revived = c
                    .prepare_cached(
                        "UPDATE team_members SET deleted_at = NULL, joined_on = ?3, updated_at = ?4
                         WHERE team_id = ?1 AND volunteer_id = ?2 AND deleted_at IS NOT NULL",
                    )?
                    .execute(rusqlite::params![team_id, vid, joined_on, now])?;
                if revived > 0 {
                    added += 1;
                    continue;
                }
                let exists: bool = c
                    .prepare_cached(
                        "SELECT EXISTS (SELECT 1 FROM team_members
                                        WHERE team_id = ?1 AND volunteer_id = ?2)",
                    )?
                    .query_row([team_id, vid], |r| r.get(0))?;
                if !exists {
                    let m = TeamMember {
                        meta: RecordMeta::new(&origin),
                        team_id: team_id.to_string(),
                        volunteer_id: vid.clone(),
                        joined_on,
                    };
                    super::record::Record::insert(&m, c)?;
                    added += 1;
                }
            }
            Ok(added)
        })
    }

    /// Takes a volunteer out of a team (the membership goes to the recycle bin).
    pub fn remove_team_member(&mut self, team_id: &str, volunteer_id: &str) -> Result<()> {
        self.write(|c| {
            let now = now_utc();
            c.prepare_cached(
                "UPDATE team_members SET deleted_at = ?3, updated_at = ?3
                 WHERE team_id = ?1 AND volunteer_id = ?2 AND deleted_at IS NULL",
            )?
            .execute([team_id, volunteer_id, &now])?;
            c.prepare_cached(
                "UPDATE teams SET leader_id = NULL, updated_at = ?3
                 WHERE id = ?1 AND leader_id = ?2",
            )?
            .execute([team_id, volunteer_id, &now])?;
            Ok(())
        })
    }

    /// Saves a team's fields (stamping `updated_at`).
    pub fn update_team(&mut self, t: &mut Team) -> Result<()> {
        t.meta.updated_at = now_utc();
        let t = &*t;
        self.write(|c| {
            let n = c
                .prepare_cached(
                    "UPDATE teams SET name = ?2, category = ?3, unit_id = ?4, leader_id = ?5,
                     founded_on = ?6, description = ?7, updated_at = ?8 WHERE id = ?1",
                )?
                .execute(rusqlite::params![
                    t.meta.id,
                    t.name,
                    t.category,
                    t.unit_id,
                    t.leader_id,
                    t.founded_on,
                    t.description,
                    t.meta.updated_at
                ])?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    kind: "志愿服务队",
                    id: t.meta.id.clone(),
                });
            }
            Ok(())
        })
    }

    /// Removes a team from the recycle bin for good with its memberships; the activities,
    /// honors and needs that named it keep their records without the team. Refused for a
    /// team not in the bin.
    pub fn purge_team(&mut self, id: &str) -> Result<()> {
        let t: Team = self.get(id)?;
        if t.meta.deleted_at.is_none() {
            return Err(StoreError::Refused(format!(
                "队伍“{}”不在回收站中，请先删除再彻底删除",
                t.name
            )));
        }
        self.write(|c| purge_team_in(c, id))
    }

    /// Empties the teams' recycle bin in one transaction, as [`Store::purge_team`] one by
    /// one. Returns how many.
    pub fn empty_team_bin(&mut self) -> Result<usize> {
        self.write(|c| {
            let ids: Vec<String> = c
                .prepare("SELECT id FROM teams WHERE deleted_at IS NOT NULL")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in &ids {
                purge_team_in(c, id)?;
            }
            Ok(ids.len())
        })
    }

    /// Every live unit, for a team's 所属单位.
    pub fn unit_choices(&self) -> Result<Vec<super::volunteers::UnitChoice>> {
        self.choices("SELECT id, name FROM units WHERE deleted_at IS NULL ORDER BY kind, name")
    }
}

/// Removes a team and its memberships; what refers to it loses the link.
fn purge_team_in(c: &rusqlite::Connection, id: &str) -> Result<()> {
    for sql in [
        "DELETE FROM team_members WHERE team_id = ?1",
        "UPDATE activities SET team_id = NULL WHERE team_id = ?1",
        "UPDATE honors SET team_id = NULL WHERE team_id = ?1",
        "UPDATE needs SET team_id = NULL WHERE team_id = ?1",
        "DELETE FROM teams WHERE id = ?1",
    ] {
        c.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

/// [`LIVE_MEMBERS`] for a team `t` of an outer query.
const LIVE_MEMBERS_T: &str = "FROM team_members m
     JOIN volunteers v ON v.id = m.volunteer_id AND v.deleted_at IS NULL
     LEFT JOIN volunteer_search s ON s.volunteer_key = v.key
     WHERE m.team_id = t.id AND m.deleted_at IS NULL";
