//! Teams (志愿服务队) and their members.

use chrono::NaiveDate;
use rusqlite::{Connection, Row, named_params};

use super::meta::{RecordMeta, Table};
use super::record::impl_record;
use super::{Result, Store};

/// A volunteer service team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Team {
    /// Common columns.
    pub meta: RecordMeta,
    /// 队伍名称
    pub name: String,
    /// 类别: one of the fourteen, or 综合.
    pub category: String,
    /// 所属单位
    pub unit_id: Option<String>,
    /// 队长 (a volunteer).
    pub leader_id: Option<String>,
    /// 成立日期
    pub founded_on: Option<NaiveDate>,
    /// 简介
    pub description: String,
}

/// A volunteer's membership in a team.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamMember {
    /// Common columns.
    pub meta: RecordMeta,
    /// The team.
    pub team_id: String,
    /// The volunteer.
    pub volunteer_id: String,
    /// 加入日期
    pub joined_on: NaiveDate,
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

fn insert_team(conn: &Connection, t: &Team) -> Result<()> {
    let m = &t.meta;
    conn.prepare_cached(
        "INSERT INTO teams (id, name, category, unit_id, leader_id, founded_on, description,
             created_at, updated_at, origin, deleted_at)
         VALUES (:id, :name, :category, :unit_id, :leader_id, :founded_on, :description,
             :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id, ":name": t.name, ":category": t.category, ":unit_id": t.unit_id,
        ":leader_id": t.leader_id, ":founded_on": t.founded_on, ":description": t.description,
        ":created_at": m.created_at, ":updated_at": m.updated_at, ":origin": m.origin,
        ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn team_from_row(r: &Row<'_>) -> rusqlite::Result<Team> {
    Ok(Team {
        meta: RecordMeta::from_row(r)?,
        name: r.get("name")?,
        category: r.get("category")?,
        unit_id: r.get("unit_id")?,
        leader_id: r.get("leader_id")?,
        founded_on: r.get("founded_on")?,
        description: r.get("description")?,
    })
}

fn insert_member(conn: &Connection, t: &TeamMember) -> Result<()> {
    let m = &t.meta;
    conn.prepare_cached(
        "INSERT INTO team_members (id, team_id, volunteer_id, joined_on,
             created_at, updated_at, origin, deleted_at)
         VALUES (:id, :team_id, :volunteer_id, :joined_on,
             :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id, ":team_id": t.team_id, ":volunteer_id": t.volunteer_id,
        ":joined_on": t.joined_on, ":created_at": m.created_at, ":updated_at": m.updated_at,
        ":origin": m.origin, ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

fn member_from_row(r: &Row<'_>) -> rusqlite::Result<TeamMember> {
    Ok(TeamMember {
        meta: RecordMeta::from_row(r)?,
        team_id: r.get("team_id")?,
        volunteer_id: r.get("volunteer_id")?,
        joined_on: r.get("joined_on")?,
    })
}

impl_record!(Team, Table::Teams, "志愿服务队", insert_team, team_from_row);
impl_record!(
    TeamMember,
    Table::TeamMembers,
    "队伍成员",
    insert_member,
    member_from_row
);

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
