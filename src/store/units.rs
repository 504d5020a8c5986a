//! Units (单位) and their contact persons, with history.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::record::{Record, record};
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

record! {
    /// A unit: a district department, a street, a 村居, a station …
    pub struct Unit => Units("units"), "单位" {
        /// 名称
        pub name: String = "name",
        /// 简称
        pub short_name: String = "short_name",
        /// 类型, one of [`UNIT_KINDS`].
        pub kind: String = "kind",
        /// 上级单位
        pub parent_id: Option<String> = "parent_id",
        /// 地址
        pub address: String = "address",
        /// 电话
        pub phone: String = "phone",
        /// 传真
        pub fax: String = "fax",
        /// 电子邮箱
        pub email: String = "email",
        /// 备注
        pub remark: String = "remark",
    }
}

record! {
    /// A unit's contact persons, valid from a date until the next version.
    pub struct UnitContact => UnitContacts("unit_contacts"), "单位联系人" {
        /// The unit.
        pub unit_id: String = "unit_id",
        /// 分管领导 姓名
        pub leader_name: String = "leader_name",
        /// 分管领导 职务
        pub leader_title: String = "leader_title",
        /// 分管领导 办公电话
        pub leader_office_phone: String = "leader_office_phone",
        /// 分管领导 手机
        pub leader_mobile: String = "leader_mobile",
        /// 负责部门
        pub department: String = "department",
        /// 具体负责同志 姓名
        pub contact_name: String = "contact_name",
        /// 具体负责同志 职务
        pub contact_title: String = "contact_title",
        /// 具体负责同志 办公电话
        pub contact_office_phone: String = "contact_office_phone",
        /// 具体负责同志 手机
        pub contact_mobile: String = "contact_mobile",
        /// 具体负责同志 传真
        pub contact_fax: String = "contact_fax",
        /// 具体负责同志 电子邮箱
        pub contact_email: String = "contact_email",
        /// 备注
        pub remark: String = "remark",
        /// Valid from this date.
        pub valid_from: NaiveDate = "valid_from",
        /// Valid until this date (exclusive), when replaced.
        pub valid_to: Option<NaiveDate> = "valid_to",
    }
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

impl Store {
    /// The fax of 区文明办 in the directory, if it has one (for the 联络表's note).
    pub fn district_office_fax(&self) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT fax FROM units WHERE deleted_at IS NULL AND name = '区文明办' AND fax != ''",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Every live unit's key, by kind and name.
    pub fn live_unit_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id FROM units WHERE deleted_at IS NULL ORDER BY kind, name, id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Live units whose name is `name` or contains it: (key, name), the exact one first.
    pub fn units_matching(&self, name: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name FROM units WHERE deleted_at IS NULL
             AND (name = ?1 OR instr(name, ?1) > 0) ORDER BY name = ?1 DESC, name",
        )?;
        let found = stmt
            .query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(found)
    }

    /// The contact version of a unit valid on `date`.
    pub fn contact_on(&self, unit_id: &str, date: NaiveDate) -> Result<Option<UnitContact>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT * FROM unit_contacts WHERE unit_id = ?1 AND deleted_at IS NULL
                   AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to > ?2)
                 ORDER BY valid_from DESC LIMIT 1",
            )?
            .query_row(rusqlite::params![unit_id, date], UnitContact::from_row)
            .optional()?)
    }

    /// How many live units (or units in the recycle bin) have `text` in their name (all when
    /// empty) and are of `kind`.
    pub fn unit_count(&self, text: &str, kind: Option<&str>, in_bin: bool) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM units u WHERE (u.deleted_at IS NOT NULL) = ?3
                 AND (?1 = '' OR instr(u.name, ?1) > 0 OR instr(u.short_name, ?1) > 0)
                 AND (?2 IS NULL OR u.kind = ?2)",
            )?
            .query_row(rusqlite::params![text.trim(), kind, in_bin], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of live units matching like [`Store::unit_count`], ordered by kind and name.
    pub fn unit_page(
        &self,
        text: &str,
        kind: Option<&str>,
        in_bin: bool,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<UnitRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT u.id, u.name, u.kind, coalesce(p.name, '') AS parent_name, u.phone,
                    coalesce(c.contact_name, '') AS contact_name,
                    coalesce(c.contact_mobile, '') AS contact_mobile
             FROM units u
             LEFT JOIN units p ON p.id = u.parent_id
             LEFT JOIN unit_contacts c ON c.id = (
                 SELECT id FROM unit_contacts WHERE unit_id = u.id AND deleted_at IS NULL
                   AND valid_to IS NULL ORDER BY valid_from DESC LIMIT 1)
             WHERE (u.deleted_at IS NOT NULL) = ?5
               AND (?1 = '' OR instr(u.name, ?1) > 0 OR instr(u.short_name, ?1) > 0)
               AND (?2 IS NULL OR u.kind = ?2)
             ORDER BY u.kind, u.name, u.id LIMIT ?3 OFFSET ?4",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![text.trim(), kind, limit as i64, offset as i64, in_bin],
            |r| {
                Ok(UnitRow {
                    id: r.get("id")?,
                    name: r.get("name")?,
                    kind: r.get("kind")?,
                    parent_name: r.get("parent_name")?,
                    phone: r.get("phone")?,
                    contact_name: r.get("contact_name")?,
                    contact_mobile: r.get("contact_mobile")?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The live submissions of a document in a year, newest first.
    pub fn submissions_of(
        &self,
        year: i32,
        document: &str,
    ) -> Result<Vec<super::paperwork::Submission>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM submissions WHERE deleted_at IS NULL AND year = ?1 AND document = ?2
             ORDER BY submitted_on DESC",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![year, document],
            super::paperwork::Submission::from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// Adds the units the notice names that the directory lacks — 区文明办 with the notice's
    /// telephone, fax and mailboxes, the responsible units of the fourteen categories — and the
    /// clerk's own unit (本单位, as a 街镇), so its own 联络表 is one click; returns how many
    /// were added.
    pub fn ensure_district_units(&mut self) -> Result<usize> {
        use crate::domain::categories::district;
        let mut names = vec![district::OFFICE];
        names.extend(crate::domain::categories::district_units());
        let own = self.unit_name()?;
        let origin = self.origin().to_string();
        self.write(|c| {
            let mut added = 0;
            let exists = |name: &str| -> Result<bool> {
                let n: i64 = c
                    .prepare_cached(
                        "SELECT count(*) FROM units WHERE deleted_at IS NULL AND name = ?1",
                    )?
                    .query_row([name], |r| r.get(0))?;
                Ok(n > 0)
            };
            if let Some(own) = own.as_deref().filter(|n| !n.trim().is_empty())
                && !exists(own)?
            {
                let mut unit = Unit {
                    name: own.trim().to_string(),
                    kind: "街镇".into(),
                    ..Default::default()
                };
                unit.meta.ensure(&origin);
                unit.insert(c)?;
                added += 1;
            }
            for name in &names {
                if *name == district::OFFICE && !exists(name)? {
                    let mut unit = Unit {
                        name: district::OFFICE.to_string(),
                        kind: "区级部门".into(),
                        phone: district::PHONE_FAX.into(),
                        fax: district::PHONE_FAX.into(),
                        email: district::GOV_MAIL.into(),
                        remark: format!(
                            "联系人：{}；政务邮箱（工作总结）：{}；文明网信息报送邮箱：{}",
                            district::CONTACT,
                            district::GOV_MAIL,
                            district::REPORT_MAIL
                        ),
                        ..Default::default()
                    };
                    unit.meta.ensure(&origin);
                    unit.insert(c)?;
                    added += 1;
                    continue;
                }
                if !exists(name)? {
                    let mut unit = Unit {
                        name: (*name).to_string(),
                        kind: "区级部门".into(),
                        ..Default::default()
                    };
                    unit.meta.ensure(&origin);
                    unit.insert(c)?;
                    added += 1;
                }
            }
            Ok(added)
        })
    }

    /// Every version of a unit's contact persons, newest first.
    pub fn contact_history(&self, unit_id: &str) -> Result<Vec<UnitContact>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM unit_contacts WHERE unit_id = ?1 AND deleted_at IS NULL
             ORDER BY valid_from DESC, created_at DESC",
        )?;
        let rows = stmt.query_map([unit_id], UnitContact::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves a unit and, when the contact persons changed, a new version of them valid from
    /// `from` (the previous version then ends on that day and is kept). One transaction.
    pub fn save_unit_with_contact(
        &mut self,
        unit: &mut Unit,
        contact: Option<&mut UnitContact>,
        from: NaiveDate,
    ) -> Result<()> {
        use super::meta::now_utc;
        if unit.name.trim().is_empty() {
            return Err(super::StoreError::Refused("单位名称不能为空".into()));
        }
        if unit.parent_id.is_some() && unit.parent_id.as_deref() == Some(unit.meta.id.as_str()) {
            return Err(super::StoreError::Refused(
                "上级单位不能是本单位自己".into(),
            ));
        }
        let origin = self.origin().to_string();
        let new = unit.meta.id.is_empty();
        unit.meta.ensure(&origin);
        unit.meta.updated_at = now_utc();
        let current = if new {
            None
        } else {
            self.contact_on(&unit.meta.id, from)?
        };
        // A version entered for a past day ends where the next recorded version begins.
        let next: Option<NaiveDate> = if new {
            None
        } else {
            self.conn()
                .prepare_cached(
                    "SELECT min(valid_from) FROM unit_contacts
                     WHERE unit_id = ?1 AND deleted_at IS NULL AND valid_from > ?2",
                )?
                .query_row(rusqlite::params![unit.meta.id, from], |r| r.get(0))?
        };
        let unit = &*unit;
        let contact = contact.map(|c| {
            c.unit_id = unit.meta.id.clone();
            c.valid_from = from;
            c.valid_to = next;
            c.meta = Default::default();
            c.meta.ensure(&origin);
            &*c
        });
        // Only a real change makes a new version.
        let changed = match (&current, &contact) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(old), Some(new)) => !same_people(old, new),
        };
        self.write(|c| {
            if new {
                unit.insert(c)?;
            } else {
                c.prepare_cached(
                    "UPDATE units SET name = ?2, short_name = ?3, kind = ?4, parent_id = ?5,
                     address = ?6, phone = ?7, fax = ?8, email = ?9, remark = ?10,
                     updated_at = ?11 WHERE id = ?1",
                )?
                .execute(rusqlite::params![
                    unit.meta.id,
                    unit.name,
                    unit.short_name,
                    unit.kind,
                    unit.parent_id,
                    unit.address,
                    unit.phone,
                    unit.fax,
                    unit.email,
                    unit.remark,
                    unit.meta.updated_at
                ])?;
            }
            if let (true, Some(contact)) = (changed, contact) {
                if let Some(old) = &current {
                    if old.valid_from == from {
                        // Corrected on the day it started: the version is replaced.
                        c.prepare_cached(
                            "UPDATE unit_contacts SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                        )?
                        .execute(rusqlite::params![old.meta.id, now_utc()])?;
                    } else {
                        c.prepare_cached(
                            "UPDATE unit_contacts SET valid_to = ?2, updated_at = ?3 WHERE id = ?1",
                        )?
                        .execute(rusqlite::params![old.meta.id, from, now_utc()])?;
                    }
                }
                contact.insert(c)?;
            }
            Ok(())
        })
    }
}

/// Whether two versions name the same people with the same details.
fn same_people(a: &UnitContact, b: &UnitContact) -> bool {
    (
        &a.leader_name,
        &a.leader_title,
        &a.leader_office_phone,
        &a.leader_mobile,
        &a.department,
        &a.contact_name,
        &a.contact_title,
        &a.contact_office_phone,
        &a.contact_mobile,
        &a.contact_fax,
        &a.contact_email,
        &a.remark,
    ) == (
        &b.leader_name,
        &b.leader_title,
        &b.leader_office_phone,
        &b.leader_mobile,
        &b.department,
        &b.contact_name,
        &b.contact_title,
        &b.contact_office_phone,
        &b.contact_mobile,
        &b.contact_fax,
        &b.contact_email,
        &b.remark,
    )
}
