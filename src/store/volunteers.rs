//! Volunteers (志愿者): the register.

use chrono::NaiveDate;
use rusqlite::named_params;

use super::meta::now_utc;
use super::record::record;
use super::{Result, Store, StoreError};
use crate::domain::{id_number, phone};

record! {
    /// A volunteer's register entry (《志愿服务条例》 art. 19: 个人基本信息).
    pub struct Volunteer => Volunteers("volunteers"), "志愿者" {
        /// 志愿者编号 (never the ID number).
        pub number: String = "number",
        /// 姓名
        pub name: String = "name",
        /// 性别: 男 / 女
        pub gender: String = "gender",
        /// 证件类型
        pub id_type: String = "id_type",
        /// 证件号码
        pub id_number: String = "id_number",
        /// 出生日期
        pub birth_date: Option<NaiveDate> = "birth_date",
        /// 手机
        pub mobile: String = "mobile",
        /// 政治面貌
        pub political_status: String = "political_status",
        /// 所在村居/社区 (a unit).
        pub community_id: Option<String> = "community_id",
        /// 工作单位或学校
        pub workplace: String = "workplace",
        /// 服务技能/专业特长
        pub skills: String = "skills",
        /// 志愿者类别, joined by `、`.
        pub kinds: String = "kinds",
        /// 注册日期
        pub registered_on: NaiveDate = "registered_on",
        /// 是否已在全国志愿服务信息系统注册
        pub national_registered: bool = "national_registered",
        /// 全国志愿服务信息系统编号
        pub national_number: String = "national_number",
        /// 状态: 在册 / 暂停 / 退出
        pub status: String = "status",
        /// 个人信息使用同意
        pub consent: bool = "consent",
        /// 同意日期
        pub consent_date: Option<NaiveDate> = "consent_date",
        /// 备注
        pub remark: String = "remark",
    }
}

/// A row of the volunteer list, personal numbers masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerRow {
    /// Key.
    pub id: String,
    /// 志愿者编号
    pub number: String,
    /// 姓名
    pub name: String,
    /// 性别
    pub gender: String,
    /// 证件号码, masked.
    pub id_masked: String,
    /// 手机, masked.
    pub mobile_masked: String,
    /// 政治面貌
    pub political_status: String,
    /// 所在村居
    pub community: String,
    /// 状态
    pub status: String,
}

impl Store {
    /// Saves the changed fields of an existing volunteer and stamps `updated_at`.
    pub fn update_volunteer(&mut self, v: &mut Volunteer) -> Result<()> {
        v.meta.updated_at = now_utc();
        let v = &*v;
        self.write(|c| {
            let n = c
                .prepare_cached(
                    "UPDATE volunteers SET number = :number, name = :name, gender = :gender,
                     id_type = :id_type, id_number = :id_number, birth_date = :birth_date,
                     mobile = :mobile, political_status = :political_status,
                     community_id = :community_id, workplace = :workplace, skills = :skills,
                     kinds = :kinds, registered_on = :registered_on,
                     national_registered = :national_registered,
                     national_number = :national_number, status = :status, consent = :consent,
                     consent_date = :consent_date, remark = :remark, updated_at = :updated_at
                     WHERE id = :id",
                )?
                .execute(named_params! {
                    ":id": v.meta.id, ":number": v.number, ":name": v.name,
                    ":gender": v.gender, ":id_type": v.id_type, ":id_number": v.id_number,
                    ":birth_date": v.birth_date, ":mobile": v.mobile,
                    ":political_status": v.political_status, ":community_id": v.community_id,
                    ":workplace": v.workplace, ":skills": v.skills, ":kinds": v.kinds,
                    ":registered_on": v.registered_on,
                    ":national_registered": v.national_registered,
                    ":national_number": v.national_number, ":status": v.status,
                    ":consent": v.consent, ":consent_date": v.consent_date,
                    ":remark": v.remark, ":updated_at": v.meta.updated_at,
                })?;
            if n == 0 {
                return Err(StoreError::NotFound {
                    kind: "志愿者",
                    id: v.meta.id.clone(),
                });
            }
            Ok(())
        })
    }

    /// A page of live volunteers ordered by number.
    pub fn volunteer_page(&self, offset: usize, limit: usize) -> Result<Vec<VolunteerRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.id, v.number, v.name, v.gender, v.id_number, v.mobile, v.political_status,
                    coalesce(u.name, '') AS community, v.status
             FROM volunteers v LEFT JOIN units u ON u.id = v.community_id
             WHERE v.deleted_at IS NULL
             ORDER BY v.number LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map([limit as i64, offset as i64], |r| {
            let id_number: String = r.get("id_number")?;
            let mobile: String = r.get("mobile")?;
            Ok(VolunteerRow {
                id: r.get("id")?,
                number: r.get("number")?,
                name: r.get("name")?,
                gender: r.get("gender")?,
                id_masked: id_number::mask(&id_number),
                mobile_masked: phone::mask_mobile(&mobile),
                political_status: r.get("political_status")?,
                community: r.get("community")?,
                status: r.get("status")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
