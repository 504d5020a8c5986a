//! Units (单位) and their contact persons, with history.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, named_params};

use super::meta::RecordMeta;
use super::meta::Table;
use super::record::impl_record;
use super::{Result, Store};

/// The kinds of unit.
pub const UNIT_KINDS: [&str; 9] = [
    "区级部门",
    "开发区",
    "街镇",
    "村居（社区）",
    "新时代文明实践站",
    "学雷锋志愿服务站",
    "文明单位",
    "志愿服务组织",
    "其他",
];

/// A unit: a district department, a street, a 村居, a station …
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unit {
    /// Common columns.
    pub meta: RecordMeta,
    /// 名称
    pub name: String,
    /// 简称
    pub short_name: String,
    /// 类型, one of [`UNIT_KINDS`].
    pub kind: String,
    /// 上级单位
    pub parent_id: Option<String>,
    /// 地址
    pub address: String,
    /// 电话
    pub phone: String,
    /// 传真
    pub fax: String,
    /// 电子邮箱
    pub email: String,
    /// 备注
    pub remark: String,
}

/// A unit's contact persons, valid from a date until the next version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitContact {
    /// Common columns.
    pub meta: RecordMeta,
    /// The unit.
    pub unit_id: String,
    /// 分管领导 姓名
    pub leader_name: String,
    /// 分管领导 职务
    pub leader_title: String,
    /// 分管领导 办公电话
    pub leader_office_phone: String,
    /// 分管领导 手机
    pub leader_mobile: String,
    /// 负责部门
    pub department: String,
    /// 具体负责同志 姓名
    pub contact_name: String,
    /// 具体负责同志 职务
    pub contact_title: String,
    /// 具体负责同志 办公电话
    pub contact_office_phone: String,
    /// 具体负责同志 手机
    pub contact_mobile: String,
    /// 具体负责同志 传真
    pub contact_fax: String,
    /// 具体负责同志 电子邮箱
    pub contact_email: String,
    /// 备注
    pub remark: String,
    /// Valid from this date.
    pub valid_from: NaiveDate,
    /// Valid until this date (exclusive), when replaced.
    pub valid_to: Option<NaiveDate>,
}

/// A row of the unit list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    /// Key.
    pub id: String,
    /// 名称
    pub name: String,
    /// 类型
    pub kind: String,
    /// 上级单位名称
    pub parent_name: String,
    /// 电话
    pub phone: String,
    /// Current 具体负责同志.
    pub contact_name: String,
    /// Current 具体负责同志 手机.
    pub contact_mobile: String,
}

/// Inserts a unit.
pub fn insert_unit(conn: &Connection, u: &Unit) -> Result<()> {
    let m = &u.meta;
    conn.prepare_cached(
        "INSERT INTO units (id, name, short_name, kind, parent_id, address, phone, fax, email,
             remark, created_at, updated_at, origin, deleted_at)
         VALUES (:id, :name, :short_name, :kind, :parent_id, :address, :phone, :fax, :email,
             :remark, :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id, ":name": u.name, ":short_name": u.short_name, ":kind": u.kind,
        ":parent_id": u.parent_id, ":address": u.address, ":phone": u.phone, ":fax": u.fax,
        ":email": u.email, ":remark": u.remark, ":created_at": m.created_at,
        ":updated_at": m.updated_at, ":origin": m.origin, ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

/// Inserts a contact version.
pub fn insert_contact(conn: &Connection, c: &UnitContact) -> Result<()> {
    let m = &c.meta;
    conn.prepare_cached(
        "INSERT INTO unit_contacts (id, unit_id, leader_name, leader_title, leader_office_phone,
             leader_mobile, department, contact_name, contact_title, contact_office_phone,
             contact_mobile, contact_fax, contact_email, remark, valid_from, valid_to,
             created_at, updated_at, origin, deleted_at)
         VALUES (:id, :unit_id, :leader_name, :leader_title, :leader_office_phone,
             :leader_mobile, :department, :contact_name, :contact_title, :contact_office_phone,
             :contact_mobile, :contact_fax, :contact_email, :remark, :valid_from, :valid_to,
             :created_at, :updated_at, :origin, :deleted_at)",
    )?
    .execute(named_params! {
        ":id": m.id, ":unit_id": c.unit_id, ":leader_name": c.leader_name,
        ":leader_title": c.leader_title, ":leader_office_phone": c.leader_office_phone,
        ":leader_mobile": c.leader_mobile, ":department": c.department,
        ":contact_name": c.contact_name, ":contact_title": c.contact_title,
        ":contact_office_phone": c.contact_office_phone, ":contact_mobile": c.contact_mobile,
        ":contact_fax": c.contact_fax, ":contact_email": c.contact_email, ":remark": c.remark,
        ":valid_from": c.valid_from, ":valid_to": c.valid_to, ":created_at": m.created_at,
        ":updated_at": m.updated_at, ":origin": m.origin, ":deleted_at": m.deleted_at,
    })?;
    Ok(())
}

impl_record!(Unit, Table::Units, "单位", insert_unit, unit_from_row);
impl_record!(
    UnitContact,
    Table::UnitContacts,
    "单位联系人",
    insert_contact,
    contact_from_row
);

fn unit_from_row(r: &Row<'_>) -> rusqlite::Result<Unit> {
    Ok(Unit {
        meta: RecordMeta::from_row(r)?,
        name: r.get("name")?,
        short_name: r.get("short_name")?,
        kind: r.get("kind")?,
        parent_id: r.get("parent_id")?,
        address: r.get("address")?,
        phone: r.get("phone")?,
        fax: r.get("fax")?,
        email: r.get("email")?,
        remark: r.get("remark")?,
    })
}

fn contact_from_row(r: &Row<'_>) -> rusqlite::Result<UnitContact> {
    Ok(UnitContact {
        meta: RecordMeta::from_row(r)?,
        unit_id: r.get("unit_id")?,
        leader_name: r.get("leader_name")?,
        leader_title: r.get("leader_title")?,
        leader_office_phone: r.get("leader_office_phone")?,
        leader_mobile: r.get("leader_mobile")?,
        department: r.get("department")?,
        contact_name: r.get("contact_name")?,
        contact_title: r.get("contact_title")?,
        contact_office_phone: r.get("contact_office_phone")?,
        contact_mobile: r.get("contact_mobile")?,
        contact_fax: r.get("contact_fax")?,
        contact_email: r.get("contact_email")?,
        remark: r.get("remark")?,
        valid_from: r.get("valid_from")?,
        valid_to: r.get("valid_to")?,
    })
}

impl Store {
    /// The contact version of a unit valid on `date`.
    pub fn contact_on(&self, unit_id: &str, date: NaiveDate) -> Result<Option<UnitContact>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT * FROM unit_contacts WHERE unit_id = ?1 AND deleted_at IS NULL
                   AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2)
                 ORDER BY valid_from DESC LIMIT 1",
            )?
            .query_row(rusqlite::params![unit_id, date], contact_from_row)
            .optional()?)
    }

    /// A page of live units ordered by kind and name, with their current contact person.
    pub fn unit_page(&self, offset: usize, limit: usize) -> Result<Vec<UnitRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT u.id, u.name, u.kind, coalesce(p.name, '') AS parent_name, u.phone,
                    coalesce(c.contact_name, '') AS contact_name,
                    coalesce(c.contact_mobile, '') AS contact_mobile
             FROM units u
             LEFT JOIN units p ON p.id = u.parent_id
             LEFT JOIN unit_contacts c ON c.id = (
                 SELECT id FROM unit_contacts WHERE unit_id = u.id AND deleted_at IS NULL
                   AND valid_to IS NULL ORDER BY valid_from DESC LIMIT 1)
             WHERE u.deleted_at IS NULL
             ORDER BY u.kind, u.name, u.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map([limit as i64, offset as i64], |r| {
            Ok(UnitRow {
                id: r.get("id")?,
                name: r.get("name")?,
                kind: r.get("kind")?,
                parent_name: r.get("parent_name")?,
                phone: r.get("phone")?,
                contact_name: r.get("contact_name")?,
                contact_mobile: r.get("contact_mobile")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
