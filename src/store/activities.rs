//! Activities (志愿服务活动) and participations (hours per volunteer per activity).

use chrono::NaiveDate;
use rusqlite::Row;

use super::record::record;
use super::{Result, Store};
use crate::domain::hours::Tenths;

record! {
    /// A volunteer service activity.
    pub struct Activity => Activities("activities"), "活动" {
        /// 标题
        pub title: String = "title",
        /// 类别
        pub category: String = "category",
        /// 主题节点 (name of a key date), or empty.
        pub key_date: String = "key_date",
        /// 日期
        pub date: NaiveDate = "date",
        /// 开始时间 HH:MM
        pub start_time: String = "start_time",
        /// 结束时间 HH:MM
        pub end_time: String = "end_time",
        /// 地点
        pub location: String = "location",
        /// 组织单位
        pub organizer_id: Option<String> = "organizer_id",
        /// 志愿服务队
        pub team_id: Option<String> = "team_id",
        /// 负责人
        pub leader: String = "leader",
        /// 服务对象, joined by `、`.
        pub beneficiaries: String = "beneficiaries",
        /// 服务人次 (people served)
        pub served_count: i64 = "served_count",
        /// 服务内容
        pub content: String = "content",
        /// 成效
        pub outcome: String = "outcome",
        /// 宣传报道
        pub publicity: String = "publicity",
        /// 状态: 计划中 / 已完成 / 已取消
        pub status: String = "status",
        /// 记录人
        pub recorder: String = "recorder",
    }
}

record! {
    /// One volunteer's hours in one activity.
    pub struct Participation => Participations("participations"), "服务记录" {
        /// The activity.
        pub activity_id: String = "activity_id",
        /// The volunteer.
        pub volunteer_id: String = "volunteer_id",
        /// 服务时长
        pub hours: Tenths = "hours_tenths",
        /// 服务质量评价
        pub evaluation: String = "evaluation",
        /// 备注
        pub remark: String = "remark",
    }
}

/// A row of the activity list.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    /// Key.
    pub id: String,
    /// 日期
    pub date: NaiveDate,
    /// 标题
    pub title: String,
    /// 类别
    pub category: String,
    /// 地点
    pub location: String,
    /// 状态
    pub status: String,
    /// 参与人数
    pub participants: i64,
    /// 总时长
    pub hours: Tenths,
}

pub(crate) fn activity_row(r: &Row<'_>) -> rusqlite::Result<ActivityRow> {
    Ok(ActivityRow {
        id: r.get("id")?,
        date: r.get("date")?,
        title: r.get("title")?,
        category: r.get("category")?,
        location: r.get("location")?,
        status: r.get("status")?,
        participants: r.get("participants")?,
        hours: Tenths(r.get("hours")?),
    })
}

/// Activities held or still planned (not cancelled, not deleted): what has been arranged for a
/// day — for 待办 and for clashes of a person's time. Only held ones count in figures
/// (`activities.counted`).
pub(crate) const ARRANGED: &str = "deleted_at IS NULL AND status != '已取消'";

const ACTIVITY_ROW_SELECT: &str = "SELECT a.id, a.date, a.title, a.category, a.location, a.status,
        (SELECT count(*) FROM participations p
          WHERE p.activity_id = a.id AND p.deleted_at IS NULL) AS participants,
        (SELECT coalesce(sum(hours_tenths), 0) FROM participations p
          WHERE p.activity_id = a.id AND p.deleted_at IS NULL) AS hours
     FROM activities a";

/// Which activities a list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActivityFilter {
    /// Only those on or after this date.
    pub from: Option<NaiveDate>,
    /// Only those on or before this date.
    pub to: Option<NaiveDate>,
    /// Only this category.
    pub category: Option<String>,
    /// Only titles containing this text.
    pub text: String,
    /// Only this status (计划中 / 已完成 / 已取消).
    pub status: Option<String>,
    /// The order: a column of [`ACTIVITY_SORTS`] and whether descending; `None` is newest
    /// first.
    pub sort: Option<(usize, bool)>,
}

impl From<&super::lists::ListQuery> for ActivityFilter {
    /// The shared list's query as the activity list's own (the bin is listed apart).
    fn from(q: &super::lists::ListQuery) -> Self {
        ActivityFilter {
            from: q.from,
            to: q.to,
            category: q.category.clone(),
            text: q.text.clone(),
            status: q.status.clone(),
            sort: Some((q.sort_column, q.descending)),
        }
    }
}

/// The columns the activity list sorts by, as shown: 日期, 标题, 类别, 地点, 状态 (each with
/// an index of the live activities). The counted columns (参与人数, 服务时长) are not sortable:
/// they would be summed over every activity for one page.
pub const ACTIVITY_SORTS: [&str; 5] = ["a.date", "a.title", "a.category", "a.location", "a.status"];

/// A plain range keeps the date index usable (no `?1 IS NULL OR …`); category and title are
/// checked on the rows in range.
const ACTIVITY_WHERE: &str = "WHERE a.deleted_at IS NULL AND a.date BETWEEN ?1 AND ?2
     AND (?3 IS NULL OR a.category = ?3) AND (?4 = '' OR instr(a.title, ?4) > 0)
     AND (?7 IS NULL OR a.status = ?7 OR (?7 = ?8 AND a.counted
          AND NOT EXISTS (SELECT 1 FROM platform_entries e
                          WHERE e.activity_id = a.id AND e.deleted_at IS NULL)))";

/// [`ACTIVITY_WHERE`] for a list without a date range: the range's values are bound but not
/// compared with the date, so an order other than the date's walks its own index.
const ACTIVITY_WHERE_ANY_DAY: &str = "WHERE a.deleted_at IS NULL AND ?1 <= ?2
     AND (?3 IS NULL OR a.category = ?3) AND (?4 = '' OR instr(a.title, ?4) > 0)
     AND (?7 IS NULL OR a.status = ?7 OR (?7 = ?8 AND a.counted
          AND NOT EXISTS (SELECT 1 FROM platform_entries e
                          WHERE e.activity_id = a.id AND e.deleted_at IS NULL)))";

impl ActivityFilter {
    /// The date range as bound values, open ends replaced by far dates.
    fn range(&self) -> (NaiveDate, NaiveDate) {
        let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
        (self.from.unwrap_or(first), self.to.unwrap_or(last))
    }
}

impl Store {
    /// Live activities whose title is `text` or holds it (the exact ones first), on `date`
    /// when given, newest first: key, title and date; at most `limit`.
    pub fn activities_titled(
        &self,
        text: &str,
        date: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<(String, String, NaiveDate)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, title, date FROM activities
             WHERE deleted_at IS NULL AND instr(title, ?1) > 0 AND (?3 IS NULL OR date = ?3)
             ORDER BY title = ?1 DESC, date DESC, id LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![text.trim(), limit as i64, date], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The number of live activities matching `filter`.
    pub fn activity_count(&self, filter: &ActivityFilter) -> Result<u64> {
        // ?5 and ?6 (the page's limit and offset in `activity_page`) are bound but unused; ?8 is
        // the status filter's 未录入平台.
        let sql = format!("SELECT count(*) FROM activities a {ACTIVITY_WHERE}");
        let (from, to) = filter.range();
        let none: Option<i64> = None;
        let n: i64 = self.conn().prepare_cached(&sql)?.query_row(
            rusqlite::params![
                from,
                to,
                filter.category,
                filter.text.trim(),
                none,
                none,
                filter.status,
                crate::domain::activity::NOT_ENTERED
            ],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    /// A page of live activities matching `filter`, newest first.
    pub fn activity_page(
        &self,
        filter: &ActivityFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ActivityRow>> {
        let sql = page_sql(filter);
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![
                filter.range().0,
                filter.range().1,
                filter.category,
                filter.text.trim(),
                limit as i64,
                offset as i64,
                filter.status,
                crate::domain::activity::NOT_ENTERED
            ],
            activity_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The SQL of a page of [`Store::activity_page`]: the page's keys sorted first, then the
/// counts read only for the page's rows. Ties go by the short key, which ends every index
/// entry (schema version 31).
fn page_sql(filter: &ActivityFilter) -> String {
    let (column, descending) = filter.sort.unwrap_or((0, true));
    let key = ACTIVITY_SORTS.get(column).copied().unwrap_or("a.date");
    let dir = if descending { "DESC" } else { "ASC" };
    let filter_sql = if column == 0 || filter.from.is_some() || filter.to.is_some() {
        ACTIVITY_WHERE
    } else {
        ACTIVITY_WHERE_ANY_DAY
    };
    format!(
        "WITH page AS (SELECT a.key AS rk, {key} AS k, a.start_time AS st FROM activities a
             {filter_sql} ORDER BY {key} {dir}, a.start_time {dir}, a.key {dir}
             LIMIT ?5 OFFSET ?6)
         {ACTIVITY_ROW_SELECT} JOIN page ON page.rk = a.key
         ORDER BY page.k {dir}, page.st {dir}, page.rk {dir}"
    )
}

#[cfg(test)]
mod plans {
    use super::*;

    /// Ordered by a column of the list over every day, a page walks that column's index of
    /// live activities in order: no sorting of the whole table to show one page.
    #[test]
    fn a_page_in_a_columns_order_walks_its_index() {
        let (_dir, store) = crate::store::plan_store();
        let names = ["", "title", "category", "location", "status"];
        for (column, name) in names.iter().enumerate().skip(1) {
            for descending in [false, true] {
                let filter = ActivityFilter {
                    sort: Some((column, descending)),
                    ..ActivityFilter::default()
                };
                let plan = crate::store::query_plan(store.conn(), &page_sql(&filter));
                assert!(
                    plan.contains(&format!("idx_activities_live_{name}")),
                    "{name}\n{plan}"
                );
                assert!(!plan.contains("TEMP B-TREE"), "{name}\n{plan}");
            }
        }
    }
}
