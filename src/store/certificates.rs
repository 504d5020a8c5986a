//! 志愿服务记录证明: issuing one from a volunteer's records over a period (numbered and kept in
//! the register), what the certificate shows, and the register searched and reprinted.

use chrono::NaiveDate;

use super::meta::now_utc;
use super::record::Record;
use super::records::Certificate;
use super::settings::keys;
use super::volunteers::Volunteer;
use super::{Result, Store, StoreError};
use crate::domain::hours::Tenths;

/// What the clerk fills in to issue a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRequest {
    /// The volunteer.
    pub volunteer_id: String,
    /// First day of the service shown.
    pub from: NaiveDate,
    /// Last day of the service shown.
    pub to: NaiveDate,
    /// 负责人
    pub leader: String,
    /// 经办人
    pub handler: String,
    /// 备注
    pub remark: String,
    /// 出具日期
    pub issued_on: NaiveDate,
}

/// One service record on a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLine {
    /// 日期
    pub date: NaiveDate,
    /// 活动名称
    pub title: String,
    /// 地点
    pub location: String,
    /// 服务内容（类别）
    pub category: String,
    /// 服务时长
    pub hours: Tenths,
}

/// Everything a certificate shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateData {
    /// The register entry.
    pub certificate: Certificate,
    /// 姓名
    pub name: String,
    /// 证件类型
    pub id_type: String,
    /// 证件号码 (in full: the certificate proves who served)
    pub id_number: String,
    /// 志愿者编号
    pub number: String,
    /// 出具单位
    pub issuer: String,
    /// 出具单位联系电话
    pub issuer_phone: String,
    /// The service in the period.
    pub services: Vec<ServiceLine>,
}

/// A row of the certificate register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateRow {
    /// Key.
    pub id: String,
    /// 证明编号
    pub serial: String,
    /// 出具日期
    pub issued_on: NaiveDate,
    /// 姓名（编号）
    pub who: String,
    /// 服务期间
    pub period: String,
    /// 服务时长
    pub hours: Tenths,
}

/// Counted service of a volunteer (`?1`) between `?2` and `?3`: live service records of held
/// activities (`activities.counted`).
const SERVICE: &str = "FROM participations p JOIN activities a ON a.id = p.activity_id
     WHERE p.volunteer_id = ?1 AND p.deleted_at IS NULL AND a.counted
       AND a.date BETWEEN ?2 AND ?3";

impl Store {
    /// Issues a certificate: numbers it (prefix-year-sequence), totals the service of the
    /// period from the records and keeps it in the register. Refused for a period without
    /// service or the wrong way round.
    pub fn issue_certificate(&mut self, req: &CertificateRequest) -> Result<Certificate> {
        if req.from > req.to {
            return Err(StoreError::Refused("服务期间的起始日期晚于截止日期".into()));
        }
        let v: Volunteer = self.get(&req.volunteer_id)?;
        let (count, tenths): (i64, i64) = self
            .conn()
            .prepare_cached(&format!(
                "SELECT count(*), coalesce(sum(p.hours_tenths), 0) {SERVICE}"
            ))?
            .query_row(rusqlite::params![req.volunteer_id, req.from, req.to], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        if count == 0 {
            return Err(StoreError::Refused(format!(
                "{}（{}）在这段时间没有服务记录，不能出具证明",
                v.name, v.number
            )));
        }
        let prefix = self
            .setting(keys::NUMBER_PREFIX)?
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "ZM".into());
        let year = chrono::Datelike::year(&req.issued_on);
        // The station's code keeps two stations' serials apart after their packages merge.
        let head = format!("{prefix}{}-{year}-", self.station_code());
        let issuer_id: Option<String> = self
            .conn()
            .query_row(
                "SELECT u.id FROM units u JOIN settings s ON s.key = ?1 AND s.value = u.name
                 WHERE u.deleted_at IS NULL LIMIT 1",
                [keys::UNIT_NAME],
                |r| r.get(0),
            )
            .ok();
        let origin = self.origin().to_string();
        let mut c = Certificate {
            serial: String::new(),
            volunteer_id: req.volunteer_id.clone(),
            period_from: req.from,
            period_to: req.to,
            hours: Tenths(tenths),
            content: format!("参加志愿服务活动 {count} 次"),
            issuer_id,
            issued_on: req.issued_on,
            handler: req.handler.trim().to_string(),
            remark: req.remark.trim().to_string(),
            leader: req.leader.trim().to_string(),
            ..Default::default()
        };
        c.meta.ensure(&origin);
        c.meta.updated_at = now_utc();
        self.write(|conn| {
            // The next number of the year, inside the transaction, from well-formed serials
            // only (the head and four digits; not a `…-0003-2` a merge renamed).
            let last: Option<String> = conn
                .prepare_cached(
                    "SELECT serial FROM certificates
                     WHERE substr(serial, 1, length(?1)) = ?1 AND length(serial) = length(?1) + 4
                       AND substr(serial, length(?1) + 1) NOT GLOB '*[^0-9]*'
                     ORDER BY serial DESC LIMIT 1",
                )?
                .query_row([&head], |r| r.get(0))
                .ok();
            let next = last
                .and_then(|s| s.strip_prefix(&head).and_then(|n| n.parse::<u32>().ok()))
                .unwrap_or(0)
                + 1;
            c.serial = format!("{head}{next:04}");
            c.insert(conn)
        })?;
        Ok(c)
    }

    /// What a certificate of the register shows (for printing or reprinting).
    pub fn certificate_data(&self, id: &str) -> Result<CertificateData> {
        let c: Certificate = self.get(id)?;
        let v: Volunteer = self.get(&c.volunteer_id)?;
        let (issuer, issuer_phone) = match &c.issuer_id {
            Some(u) => self
                .conn()
                .query_row("SELECT name, phone FROM units WHERE id = ?1", [u], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap_or_default(),
            None => (self.unit_name()?.unwrap_or_default(), String::new()),
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT a.date, a.title, a.location, a.category, p.hours_tenths {SERVICE}
             ORDER BY a.date, a.start_time"
        ))?;
        let services = stmt
            .query_map(
                rusqlite::params![c.volunteer_id, c.period_from, c.period_to],
                |r| {
                    Ok(ServiceLine {
                        date: r.get(0)?,
                        title: r.get(1)?,
                        location: r.get(2)?,
                        category: r.get(3)?,
                        hours: Tenths(r.get(4)?),
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CertificateData {
            name: v.name,
            id_type: v.id_type,
            id_number: v.id_number,
            number: v.number,
            issuer,
            issuer_phone,
            services,
            certificate: c,
        })
    }

    /// How many certificates of the register match `text` (serial, name or number).
    pub fn certificate_count(&self, text: &str) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) {REGISTER}"))?
            .query_row([text.trim()], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of the register, newest first.
    pub fn certificate_page(
        &self,
        text: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CertificateRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT c.id, c.serial, c.issued_on, v.name || '（' || v.number || '）',
                    c.period_from, c.period_to, c.hours_tenths
             {REGISTER} ORDER BY c.issued_on DESC, c.serial DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![text.trim(), limit as i64, offset as i64],
            |r| {
                let from: NaiveDate = r.get(4)?;
                let to: NaiveDate = r.get(5)?;
                Ok(CertificateRow {
                    id: r.get(0)?,
                    serial: r.get(1)?,
                    issued_on: r.get(2)?,
                    who: r.get(3)?,
                    period: format!("{from} 至 {to}"),
                    hours: Tenths(r.get(6)?),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The live certificates matching ?1 in serial, name or number.
const REGISTER: &str = "FROM certificates c JOIN volunteers v ON v.id = c.volunteer_id
     WHERE c.deleted_at IS NULL
       AND (?1 = '' OR instr(c.serial, ?1) > 0 OR instr(v.name, ?1) > 0
            OR instr(v.number, ?1) > 0)";
