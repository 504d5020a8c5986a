//! Volunteers (志愿者): the register.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, named_params};

use super::meta::now_utc;
use super::record::record;
use super::{Result, Store, StoreError};
use crate::domain::{id_number, phone};

record! {
    /// A volunteer's register entry (《志愿服务条例》 art. 19: 个人基本信息).
    pub struct Volunteer => Volunteers("volunteers"), "志愿者", after_insert = super::search::index_volunteer, {
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
    /// 累计服务时长
    pub total: crate::domain::hours::Tenths,
}

/// A unit offered in a choice list (所在村居).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    /// Key.
    pub id: String,
    /// 名称
    pub name: String,
}

/// Who already holds an identity number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Key.
    pub id: String,
    /// 姓名
    pub name: String,
    /// 志愿者编号
    pub number: String,
}

impl Store {
    /// The prefix of new volunteer numbers: the one set in the settings, otherwise ZY and this
    /// station's code, so that two stations never give out the same number.
    pub fn number_prefix(&self) -> Result<String> {
        Ok(self
            .setting(super::settings::keys::NUMBER_PREFIX)?
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| format!("ZY{}", self.station_code())))
    }

    /// The next free volunteer number with `prefix`: the prefix and a 7-digit sequence.
    pub fn next_volunteer_number(&self, prefix: &str) -> Result<String> {
        next_number_in(self.conn(), prefix)
    }

    /// The live volunteer (other than `except_id`) who has this identity number, if any.
    pub fn id_number_holder(&self, id_number: &str, except_id: &str) -> Result<Option<Holder>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, name, number FROM volunteers
                 WHERE id_number = ?1 AND id != ?2 AND deleted_at IS NULL LIMIT 1",
            )?
            .query_row(
                rusqlite::params![crate::domain::text::upper(id_number.trim()), except_id],
                |r| {
                    Ok(Holder {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        number: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Who among the live volunteers holds each of these identity numbers (as stored: trimmed,
    /// in capitals), asked a batch at a time: an import's check asks once for all its rows.
    pub fn id_number_holders<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, Holder>> {
        self.holders_by(
            "SELECT id_number, id, name, number FROM volunteers
             WHERE id_number IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL
             ORDER BY rowid",
            ids,
        )
    }

    /// The volunteers with these numbers (recycle bin included), asked a batch at a time.
    pub fn volunteers_by_numbers<'a>(
        &self,
        numbers: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, Holder>> {
        self.holders_by(
            "SELECT number, id, name, number FROM volunteers
             WHERE number IN (SELECT value FROM json_each(?1))",
            numbers,
        )
    }

    /// Runs `sql` (its first column the key, the rest a [`Holder`]) over the keys, a batch at
    /// a time; the first row of a key wins.
    fn holders_by<'a>(
        &self,
        sql: &str,
        keys: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, Holder>> {
        const BATCH: usize = 10_000;
        let keys: Vec<&str> = keys.into_iter().filter(|k| !k.is_empty()).collect();
        let mut out = HashMap::new();
        if keys.is_empty() {
            return Ok(out);
        }
        // A first import into an empty register asks nothing (one page read, not one query
        // per batch of keys).
        let any: bool = self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM volunteers)")?
            .query_row([], |r| r.get(0))?;
        if !any {
            return Ok(out);
        }
        let mut statement = self.conn().prepare_cached(sql)?;
        for batch in keys.chunks(BATCH) {
            let list = serde_json::to_string(batch)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            let mut rows = statement.query([list])?;
            while let Some(r) = rows.next()? {
                let key: String = r.get(0)?;
                if let std::collections::hash_map::Entry::Vacant(slot) = out.entry(key) {
                    slot.insert(Holder {
                        id: r.get(1)?,
                        name: r.get(2)?,
                        number: r.get(3)?,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The volunteer with this number (numbers are unique, recycle bin included), if any.
    pub fn volunteer_by_number(&self, number: &str) -> Result<Option<Holder>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, name, number FROM volunteers WHERE number = ?1")?
            .query_row([number], |r| {
                Ok(Holder {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    number: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// The communities (村居) a volunteer can belong to, by name.
    pub fn community_choices(&self) -> Result<Vec<UnitChoice>> {
        self.choices(
            "SELECT id, name FROM units WHERE kind = '村居（社区）' AND deleted_at IS NULL
             ORDER BY name",
        )
    }

    /// The (id, name) rows of `sql`, for a choice list.
    pub(crate) fn choices(&self, sql: &str) -> Result<Vec<UnitChoice>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(UnitChoice {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves the changed fields of an existing volunteer and stamps `updated_at`.
    pub fn update_volunteer(&mut self, v: &mut Volunteer) -> Result<()> {
        v.meta.updated_at = now_utc();
        let v = &*v;
        self.write(|c| update_volunteer_in(c, v))
    }

    /// A page of volunteers ordered by number: the live ones, or those in the recycle bin.
    ///
    /// A page of the live register starts from the number at `offset`, found in the small
    /// partial index of live numbers, so a page deep in a million rows costs about what the
    /// first page does.
    pub fn volunteer_page(
        &self,
        in_bin: bool,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<VolunteerRow>> {
        const COLUMNS: &str = "SELECT v.id, v.number, v.name, v.gender, v.id_number, v.mobile,
                v.political_status, coalesce(u.name, '') AS community, v.status,
                coalesce(s.total_tenths, 0) AS total_tenths
             FROM volunteers v LEFT JOIN units u ON u.id = v.community_id
             LEFT JOIN volunteer_search s ON s.volunteer_key = v.key";
        if in_bin {
            let sql = format!(
                "{COLUMNS} WHERE v.deleted_at IS NOT NULL ORDER BY v.number LIMIT ?1 OFFSET ?2"
            );
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let rows = stmt.query_map([limit as i64, offset as i64], row_from_list)?;
            return Ok(rows.collect::<rusqlite::Result<_>>()?);
        }
        let start: Option<String> = self
            .conn()
            .prepare_cached(
                "SELECT number FROM volunteers INDEXED BY idx_volunteers_live_number
                 WHERE deleted_at IS NULL ORDER BY number LIMIT 1 OFFSET ?1",
            )?
            .query_row([offset as i64], |r| r.get(0))
            .optional()?;
        let Some(start) = start else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "{COLUMNS} WHERE v.deleted_at IS NULL AND v.number >= ?1 ORDER BY v.number LIMIT ?2"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![start, limit as i64], row_from_list)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The number of volunteers in the recycle bin.
    pub fn volunteers_in_bin(&self) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached("SELECT count(*) FROM volunteers WHERE deleted_at IS NOT NULL")?
            .query_row([], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// What permanently removing a volunteer would take with it.
    pub fn purge_impact(&self, id: &str) -> Result<PurgeImpact> {
        let count = |sql: &str| -> Result<i64> {
            Ok(self
                .conn()
                .prepare_cached(sql)?
                .query_row([id], |r| r.get(0))?)
        };
        Ok(PurgeImpact {
            participations: count("SELECT count(*) FROM participations WHERE volunteer_id = ?1")?,
            certificates: count("SELECT count(*) FROM certificates WHERE volunteer_id = ?1")?,
        })
    }

    /// Removes a volunteer from the recycle bin for good, with the records that only exist
    /// for them (service records, memberships, training attendance, honors, complaints), in
    /// one transaction. Refused for a volunteer not in the bin, or one with issued
    /// certificates (the issuer must keep its register of certificates).
    pub fn purge_volunteer(&mut self, id: &str) -> Result<PurgeImpact> {
        let v: Volunteer = self.get(id)?;
        if v.meta.deleted_at.is_none() {
            return Err(StoreError::Refused(format!(
                "志愿者{}（{}）不在回收站中，请先删除再彻底删除",
                v.name, v.number
            )));
        }
        let impact = self.purge_impact(id)?;
        if impact.certificates > 0 {
            return Err(StoreError::Refused(format!(
                "已为志愿者{}出具过 {} 份志愿服务记录证明，证明登记须保留，不能彻底删除",
                v.name, impact.certificates
            )));
        }
        self.write(|c| purge_volunteer_in(c, id))?;
        Ok(impact)
    }

    /// Empties the volunteers' recycle bin in one transaction, as [`Store::purge_volunteer`]
    /// one by one. Volunteers with issued certificates stay in the bin. Returns how many were
    /// removed and how many stayed.
    pub fn empty_volunteer_bin(&mut self) -> Result<(usize, usize)> {
        self.write(|c| {
            let ids: Vec<(String, bool)> = c
                .prepare(
                    "SELECT v.id, EXISTS (SELECT 1 FROM certificates c WHERE c.volunteer_id = v.id)
                     FROM volunteers v WHERE v.deleted_at IS NOT NULL",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut removed = 0;
            for (id, certified) in &ids {
                if !certified {
                    purge_volunteer_in(c, id)?;
                    removed += 1;
                }
            }
            Ok((removed, ids.len() - removed))
        })
    }
}

/// Removes a volunteer and what exists only for them, inside the caller's transaction.
fn purge_volunteer_in(c: &rusqlite::Connection, id: &str) -> Result<()> {
    for sql in [
        "DELETE FROM participations WHERE volunteer_id = ?1",
        "DELETE FROM team_members WHERE volunteer_id = ?1",
        "DELETE FROM training_attendance WHERE volunteer_id = ?1",
        "DELETE FROM honors WHERE volunteer_id = ?1",
        "DELETE FROM complaints WHERE volunteer_id = ?1",
        "UPDATE teams SET leader_id = NULL WHERE leader_id = ?1",
    ] {
        c.prepare_cached(sql)?.execute([id])?;
    }
    super::search::unindex_volunteer(c, id)?;
    c.prepare_cached("DELETE FROM volunteers WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Writes the changed fields of an existing volunteer (its `updated_at` already stamped) and
/// its search keys, inside the caller's transaction.
pub(crate) fn update_volunteer_in(c: &rusqlite::Connection, v: &Volunteer) -> Result<()> {
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
    super::search::reindex_volunteer(c, v)
}

/// The records that go with a volunteer removed for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PurgeImpact {
    /// Service records (participations).
    pub participations: i64,
    /// Issued certificates (their presence forbids the removal).
    pub certificates: i64,
}

/// Maps a list query's row (id, number, name, gender, id_number, mobile, political_status,
/// community, status, total_tenths), masking the personal numbers.
pub(crate) fn row_from_list(r: &rusqlite::Row<'_>) -> rusqlite::Result<VolunteerRow> {
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
        total: crate::domain::hours::Tenths(r.get("total_tenths")?),
    })
}

/// One activity in a volunteer's service record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRow {
    /// 日期
    pub date: NaiveDate,
    /// 活动名称
    pub title: String,
    /// 类别
    pub category: String,
    /// 服务时长
    pub hours: crate::domain::hours::Tenths,
}

/// A line of a volunteer's trainings or honors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedLine {
    /// 日期
    pub date: NaiveDate,
    /// What it was.
    pub text: String,
}

/// What the detail view shows beside the service record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VolunteerSummary {
    /// Held activities with recorded hours (planned and cancelled ones never count).
    pub activities: i64,
    /// 累计服务时长
    pub total: crate::domain::hours::Tenths,
    /// 培训
    pub trainings: Vec<DatedLine>,
    /// 培训学时 (kept apart from service hours).
    pub training_hours: crate::domain::hours::Tenths,
    /// 表彰奖励
    pub honors: Vec<DatedLine>,
    /// 所属队伍
    pub teams: Vec<String>,
}

/// Participations that count: live, in held activities (`activities.counted`).
const COUNTED_SERVICE: &str = "FROM participations p JOIN activities a ON a.id = p.activity_id
     WHERE p.volunteer_id = ?1 AND p.deleted_at IS NULL AND a.counted";

impl Store {
    /// Totals, trainings, honors and teams of one volunteer.
    pub fn volunteer_summary(&self, id: &str) -> Result<VolunteerSummary> {
        let conn = self.conn();
        let (activities, total): (i64, i64) = conn
            .prepare_cached(&format!(
                "SELECT count(*), coalesce(sum(p.hours_tenths), 0) {COUNTED_SERVICE}"
            ))?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let lines = |sql: &str| -> Result<Vec<DatedLine>> {
            let mut stmt = conn.prepare_cached(sql)?;
            let rows = stmt.query_map([id], |r| {
                Ok(DatedLine {
                    date: r.get(0)?,
                    text: r.get(1)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let trainings = lines(
            "SELECT t.date, t.topic FROM training_attendance x JOIN trainings t ON t.id = x.training_id
             WHERE x.volunteer_id = ?1 AND x.deleted_at IS NULL AND t.deleted_at IS NULL
             ORDER BY t.date DESC",
        )?;
        let honors = lines(
            "SELECT awarded_on, title || '（' || level || '，' || issuer || '）' FROM honors
             WHERE volunteer_id = ?1 AND deleted_at IS NULL ORDER BY awarded_on DESC",
        )?;
        let mut stmt = conn.prepare_cached(
            "SELECT t.name FROM team_members m JOIN teams t ON t.id = m.team_id
             WHERE m.volunteer_id = ?1 AND m.deleted_at IS NULL AND t.deleted_at IS NULL
             ORDER BY t.name",
        )?;
        let teams = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(VolunteerSummary {
            activities,
            total: crate::domain::hours::Tenths(total),
            training_hours: self.volunteer_training_hours(id)?,
            trainings,
            honors,
            teams,
        })
    }

    /// A page of a volunteer's service record, newest first.
    pub fn service_page(&self, id: &str, offset: usize, limit: usize) -> Result<Vec<ServiceRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT a.date, a.title, a.category, p.hours_tenths {COUNTED_SERVICE}
             ORDER BY a.date DESC, a.id LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map(rusqlite::params![id, limit as i64, offset as i64], |r| {
            Ok(ServiceRow {
                date: r.get(0)?,
                title: r.get(1)?,
                category: r.get(2)?,
                hours: crate::domain::hours::Tenths(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The next free volunteer number with `prefix` (the prefix and a 7-digit sequence), inside
/// the caller's connection or transaction. Only well-formed numbers count: one a merge or a
/// person made otherwise (`ZY0000003-2`, `ZY12`) never restarts the sequence.
pub(crate) fn next_number_in(c: &rusqlite::Connection, prefix: &str) -> Result<String> {
    let last: Option<String> = c
        .prepare_cached(
            "SELECT number FROM volunteers WHERE number >= ?1 AND number < ?2
               AND length(number) = ?3 AND substr(number, ?4) NOT GLOB '*[^0-9]*'
             ORDER BY number DESC LIMIT 1",
        )?
        .query_row(
            rusqlite::params![
                format!("{prefix}0"),
                format!("{prefix}:"),
                (prefix.chars().count() + 7) as i64,
                (prefix.chars().count() + 1) as i64
            ],
            |r| r.get(0),
        )
        .optional()?;
    let next = last
        .and_then(|n| n.get(prefix.len()..).and_then(|s| s.parse::<u64>().ok()))
        .map_or(1, |n| n + 1);
    Ok(format!("{prefix}{next:07}"))
}
