//! What the calendar reads: the activities of a range of days (light rows for the month grid)
//! and what is owed (待办): coming key dates and deadlines, and what is overdue or missing.

use chrono::{Datelike, Duration, NaiveDate};

use super::{Result, Store};
use crate::domain::calendar::{self, DEADLINES, KeyDateKind};
use crate::domain::categories::CATEGORIES;

/// An activity as the month grid shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayActivity {
    /// Key.
    pub id: String,
    /// 日期
    pub date: NaiveDate,
    /// 标题
    pub title: String,
    /// 类别
    pub category: String,
    /// 状态
    pub status: String,
}

/// One line of 待办.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    /// The day it is about.
    pub date: NaiveDate,
    /// What it says.
    pub text: String,
    /// Days from today (negative when past).
    pub days: i64,
    /// Something overdue or missing (shown in red) rather than a coming date.
    pub owed: bool,
}

impl Todo {
    /// The countdown: 今天, 还有 5 天, 已过 3 天.
    pub fn countdown(&self) -> String {
        match self.days {
            0 => "今天".into(),
            d if d > 0 => format!("还有 {d} 天"),
            d => format!("已过 {} 天", -d),
        }
    }
}

impl Store {
    /// The live activities from `from` to `to`, by day and start time.
    pub fn activities_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DayActivity>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, date, title, category, status FROM activities
             WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2
             ORDER BY date, start_time, id",
        )?;
        let rows = stmt.query_map([from, to], |r| {
            Ok(DayActivity {
                id: r.get(0)?,
                date: r.get(1)?,
                title: r.get(2)?,
                category: r.get(3)?,
                status: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// 待办 on `today`: what is overdue or missing first, then the key dates and deadlines of
    /// the next 30 days with their countdown.
    pub fn todo(&self, today: NaiveDate) -> Result<Vec<Todo>> {
        let mut owed = Vec::new();
        let day = |d: NaiveDate| (d - today).num_days();
        let (year, month) = (today.year(), today.month());
        let first = today.with_day(1).unwrap_or(today);
        let counted = "deleted_at IS NULL AND status != '已取消'";
        // This month's 学雷锋志愿服务日 without its activity.
        if let Some(sat) = calendar::second_saturday(year, month) {
            let n: i64 = self
                .conn()
                .prepare_cached(&format!(
                    "SELECT count(*) FROM activities WHERE {counted}
                 AND category = '学雷锋志愿服务日' AND date = ?1"
                ))?
                .query_row([sat], |r| r.get(0))?;
            if n == 0 {
                let text = if sat < today {
                    format!(
                        "{}月{}日学雷锋志愿服务日没有登记活动",
                        sat.month(),
                        sat.day()
                    )
                } else {
                    format!(
                        "{}月{}日学雷锋志愿服务日尚未安排活动",
                        sat.month(),
                        sat.day()
                    )
                };
                owed.push(Todo {
                    date: sat,
                    text,
                    days: day(sat),
                    owed: true,
                });
            }
        }
        // Professional categories with no activity this month.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT DISTINCT category FROM activities WHERE {counted} AND date BETWEEN ?1 AND ?2"
        ))?;
        let last = first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(today);
        let held: Vec<String> = stmt
            .query_map([first, last], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let missing: Vec<&str> = CATEGORIES
            .iter()
            .map(|c| c.name)
            .filter(|c| !held.iter().any(|h| h == c))
            .collect();
        if !missing.is_empty() {
            owed.push(Todo {
                date: first,
                text: format!(
                    "本月还没有活动的专业类别（{} 个）：{}",
                    missing.len(),
                    missing.join("、")
                ),
                days: 0,
                owed: true,
            });
        }
        // May is training month.
        if let (Some(may), Some(may_end)) = (
            NaiveDate::from_ymd_opt(year, 5, 1),
            NaiveDate::from_ymd_opt(year, 5, 31),
        ) && today >= may
        {
            let n: i64 = self
                .conn()
                .prepare_cached(
                    "SELECT count(*) FROM trainings
                     WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2",
                )?
                .query_row([may, may_end], |r| r.get(0))?;
            if n == 0 {
                let text = if today > may_end {
                    format!("{year}年5月志愿服务培训月没有登记培训")
                } else {
                    "本月是志愿服务培训月，尚未登记培训".to_string()
                };
                owed.push(Todo {
                    date: may,
                    text,
                    days: day(may),
                    owed: true,
                });
            }
        }
        // Deadlines passed without their document marked as submitted.
        for (m, d, name, document) in DEADLINES {
            let Some(due) = NaiveDate::from_ymd_opt(year, m, d) else {
                continue;
            };
            if due >= today {
                continue;
            }
            let n: i64 = self
                .conn()
                .prepare_cached(
                    "SELECT count(*) FROM submissions
                     WHERE deleted_at IS NULL AND year = ?1 AND document = ?2",
                )?
                .query_row(rusqlite::params![year, document], |r| r.get(0))?;
            if n == 0 {
                owed.push(Todo {
                    date: due,
                    text: format!("{name}（{}月{}日）已过，{document}尚未登记报送", m, d),
                    days: day(due),
                    owed: true,
                });
            }
        }
        // The next 30 days.
        let horizon = today + Duration::days(30);
        let mut coming = Vec::new();
        for y in year..=horizon.year() {
            for k in self.key_dates(y)? {
                if k.date >= today && k.date <= horizon {
                    let what = match k.kind {
                        KeyDateKind::Deadline => k.name.clone(),
                        _ if k.themes.is_empty() => k.name.clone(),
                        _ => format!("{}（{}）", k.name, k.themes[0]),
                    };
                    coming.push(Todo {
                        date: k.date,
                        text: what,
                        days: day(k.date),
                        owed: false,
                    });
                }
            }
        }
        coming.sort_by_key(|t| t.date);
        owed.extend(coming);
        Ok(owed)
    }
}
