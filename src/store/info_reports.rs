//! Information reports (信息报送): what was sent up, where, about which activity, and whether
//! it was adopted (采用).

use super::meta::now_utc;
use super::paperwork::InfoReport;
use super::record::Record;
use super::{Result, Store};

/// Channels offered in the report form.
pub const REPORT_CHANNELS: [&str; 4] = ["文明网信息报送邮箱", "政务邮箱", "融媒体", "其他"];

/// A row of the report list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoReportRow {
    /// Key.
    pub id: String,
    /// 报送日期
    pub sent_on: chrono::NaiveDate,
    /// 标题
    pub title: String,
    /// 报送渠道
    pub sent_to: String,
    /// 相关活动
    pub activity: String,
    /// 是否采用
    pub adopted: bool,
}

/// The live reports whose title or activity contains ?1 and that were (not) adopted as ?2 asks.
const REPORT_FROM: &str = "FROM info_reports r LEFT JOIN activities a ON a.id = r.activity_id
     WHERE r.deleted_at IS NULL
       AND (?1 = '' OR instr(r.title, ?1) > 0 OR instr(coalesce(a.title, ''), ?1) > 0)
       AND (?2 IS NULL OR r.adopted = ?2)";

impl Store {
    /// How many reports match; `adopted` narrows to adopted (or not adopted) ones.
    pub fn info_report_count(&self, text: &str, adopted: Option<bool>) -> Result<u64> {
        let n: i64 = self
            .conn()
            .prepare_cached(&format!("SELECT count(*) {REPORT_FROM}"))?
            .query_row(rusqlite::params![text.trim(), adopted], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of matching reports, newest first.
    pub fn info_report_page(
        &self,
        text: &str,
        adopted: Option<bool>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<InfoReportRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT r.id, r.sent_on, r.title, r.sent_to, coalesce(a.title, ''), r.adopted
             {REPORT_FROM} ORDER BY r.sent_on DESC, r.id LIMIT ?3 OFFSET ?4"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![text.trim(), adopted, limit as i64, offset as i64],
            |r| {
                Ok(InfoReportRow {
                    id: r.get(0)?,
                    sent_on: r.get(1)?,
                    title: r.get(2)?,
                    sent_to: r.get(3)?,
                    activity: r.get(4)?,
                    adopted: r.get(5)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves a report (insert when its key is empty, else update).
    pub fn save_info_report(&mut self, r: &mut InfoReport) -> Result<()> {
        let origin = self.origin().to_string();
        let new = r.meta.id.is_empty();
        r.meta.ensure(&origin);
        r.meta.updated_at = now_utc();
        let r = &*r;
        self.write(|c| {
            if new {
                return r.insert(c);
            }
            c.prepare_cached(
                "UPDATE info_reports SET title = ?2, sent_on = ?3, sent_to = ?4,
                 activity_id = ?5, adopted = ?6, adopted_by = ?7, updated_at = ?8 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                r.meta.id,
                r.title,
                r.sent_on,
                r.sent_to,
                r.activity_id,
                r.adopted,
                r.adopted_by,
                r.meta.updated_at
            ])?;
            Ok(())
        })
    }
}
