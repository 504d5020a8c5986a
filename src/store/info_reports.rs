//! Information reports (信息报送): what was sent up, where, about which activity, and whether
//! it was adopted (采用).

use super::lists::{ListQuery, ListSpec};
use super::meta::{Table, now_utc};
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

/// The report list: searched in title and activity; the category is the channel, the status
/// 已采用 / 未采用.
pub const REPORT_LIST: ListSpec = ListSpec {
    table: Table::InfoReports,
    from: "FROM info_reports r LEFT JOIN activities a ON a.id = r.activity_id",
    alias: "r",
    date: "r.sent_on",
    category: "r.sent_to",
    status: Some("CASE WHEN r.adopted THEN '已采用' ELSE '未采用' END"),
    text: &["r.title", "coalesce(a.title, '')", "r.adopted_by"],
    columns: &[
        "r.sent_on",
        "r.title",
        "r.sent_to",
        "coalesce(a.title, '')",
        "r.adopted",
    ],
};

/// The statuses of a report.
pub const REPORT_STATUSES: [&str; 2] = ["已采用", "未采用"];

impl Store {
    /// How many reports the list shows.
    pub fn info_report_count(&self, q: &ListQuery) -> Result<u64> {
        self.list_count(&REPORT_LIST, q)
    }

    /// A page of the report list.
    pub fn info_report_page(
        &self,
        q: &ListQuery,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<InfoReportRow>> {
        self.list_page(&REPORT_LIST, q, offset, limit, |r| {
            Ok(InfoReportRow {
                id: r.get(0)?,
                sent_on: r.get(1)?,
                title: r.get(2)?,
                sent_to: r.get(3)?,
                activity: r.get(4)?,
                adopted: r.get(5)?,
            })
        })
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
