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
    /// The activity to open to settle it, if it is about one.
    pub activity: Option<String>,
}

/// How many activities of one kind 待办 lists by name; the rest are counted in one line.
const LISTED: usize = 30;

use super::activities::ARRANGED;

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

    /// Closing out (《志愿服务记录与证明出具办法（试行）》第十一条: service is recorded within
    /// 10 working days): planned activities whose day has passed, with the working days since
    /// when more than 10; held activities of this year and last with no service record.
    fn closing_out(&self, today: NaiveDate, owed: &mut Vec<Todo>) -> Result<()> {
        use crate::domain::activity::{PLANNED, RECORD_WITHIN_WORKING_DAYS, working_days_after};
        let since = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today);
        let read = |sql: &str,
                    params: &[&dyn rusqlite::ToSql]|
         -> Result<Vec<(String, NaiveDate, String)>> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt
                .query_map(params, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        };
        let planned = read(
            "SELECT id, date, title FROM activities
             WHERE deleted_at IS NULL AND status = ?1 AND date < ?2 ORDER BY date",
            &[&PLANNED, &today],
        )?;
        let unrecorded = read(
            "SELECT a.id, a.date, a.title FROM activities a
             WHERE a.counted AND a.date BETWEEN ?1 AND ?2
               AND NOT EXISTS (SELECT 1 FROM participations p
                               WHERE p.activity_id = a.id AND p.deleted_at IS NULL)
             ORDER BY a.date",
            &[&since, &today],
        )?;
        list_owed(
            owed,
            &planned,
            today,
            |date, title| {
                let late = working_days_after(date, today);
                if late > RECORD_WITHIN_WORKING_DAYS {
                    format!(
                        "{}月{}日“{title}”已过日期仍为计划中，已过 {late} 个工作日（应在 10 个工作日内记录）：请核对参与人员和时长后标记为已完成，或标记为已取消",
                        date.month(),
                        date.day()
                    )
                } else {
                    format!(
                        "{}月{}日“{title}”已过日期仍为计划中：请核对参与人员和时长后标记为已完成，或标记为已取消",
                        date.month(),
                        date.day()
                    )
                }
            },
            |n| format!("另有 {n} 场活动已过日期仍为计划中（见“活动”，按状态筛选）"),
        );
        list_owed(
            owed,
            &unrecorded,
            today,
            |date, title| {
                format!(
                    "{}月{}日“{title}”已完成，但没有服务记录（参与人员和时长）",
                    date.month(),
                    date.day()
                )
            },
            |n| format!("另有 {n} 场已完成的活动没有服务记录"),
        );
        self.not_entered(today, since, owed)
    }

    /// Once the platforms are in use here (a template saved or an activity marked): held
    /// activities of this year and last, more than 10 working days old, not yet entered into
    /// a platform (《志愿服务记录与证明出具办法（试行）》第四条).
    fn not_entered(&self, today: NaiveDate, since: NaiveDate, owed: &mut Vec<Todo>) -> Result<()> {
        use crate::domain::activity::{RECORD_WITHIN_WORKING_DAYS, working_days_after};
        let in_use: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM platform_entries WHERE deleted_at IS NULL)
                 OR EXISTS (SELECT 1 FROM platform_templates WHERE deleted_at IS NULL)",
            [],
            |r| r.get(0),
        )?;
        if !in_use {
            return Ok(());
        }
        // Ten working days are at least twelve calendar days: the rest is checked one by one.
        let before = today - chrono::Duration::days(12);
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.id, a.date, a.title FROM activities a
             WHERE a.counted AND a.date BETWEEN ?1 AND ?2
               AND NOT EXISTS (SELECT 1 FROM platform_entries e
                               WHERE e.activity_id = a.id AND e.deleted_at IS NULL)
             ORDER BY a.date LIMIT 1000",
        )?;
        let late: Vec<(String, NaiveDate, String)> = stmt
            .query_map([since, before], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|(_, d, _)| working_days_after(*d, today) > RECORD_WITHIN_WORKING_DAYS)
            .collect();
        let capped = if late.len() == 1000 { " 多" } else { "" };
        list_owed(
            owed,
            &late,
            today,
            |date, title| {
                format!(
                    "{}月{}日“{title}”已完成超过 10 个工作日，尚未录入志愿服务信息平台",
                    date.month(),
                    date.day()
                )
            },
            |n| {
                format!(
                    "另有 {n}{capped} 场已完成的活动超过 10 个工作日仍未录入平台（见“活动”，状态选“未录入平台”）"
                )
            },
        );
        Ok(())
    }

    /// 待办 on `today`: what is overdue or missing first, then the key dates and deadlines of
    /// the next 30 days with their countdown.
    pub fn todo(&self, today: NaiveDate) -> Result<Vec<Todo>> {
        let mut owed = Vec::new();
        let day = |d: NaiveDate| (d - today).num_days();
        let (year, month) = (today.year(), today.month());
        let first = today.with_day(1).unwrap_or(today);
        // Held activities (the schema's one definition, `activities.counted`) count for what
        // is past; for a day still to come, one that is planned is arranged.
        let counted = "counted";
        // Only the unit's own duties are owed (设置 → 本单位类型).
        let duties = self.duties()?;
        let duty = |name: &str| duties.iter().any(|d| d == name);
        // This month's 学雷锋志愿服务日 without its activity.
        if let Some(sat) = calendar::second_saturday(year, month)
            && duty(crate::domain::activity::LEI_FENG_DAY)
        {
            let wanted = if sat < today { counted } else { ARRANGED };
            let n: i64 = self
                .conn()
                .prepare_cached(&format!(
                    "SELECT count(*) FROM activities WHERE {wanted}
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
                    activity: None,
                });
            }
        }
        // Professional categories with no activity this month, held or planned.
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT DISTINCT category FROM activities WHERE {ARRANGED} AND date BETWEEN ?1 AND ?2"
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
            .filter(|c| duty(c) && !held.iter().any(|h| h == c))
            .collect();
        if !missing.is_empty() {
            owed.push(Todo {
                date: first,
                text: format!(
                    "本月还没有活动的本单位职责类别（{} 个）：{}",
                    missing.len(),
                    missing.join("、")
                ),
                days: 0,
                owed: true,
                activity: None,
            });
        }
        self.closing_out(today, &mut owed)?;
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
                    activity: None,
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
                    activity: None,
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
                        activity: None,
                    });
                }
            }
        }
        coming.sort_by_key(|t| t.date);
        owed.extend(coming);
        Ok(owed)
    }
}

/// Lists the first [`LISTED`] of `items` (key, date, title) as owed, each told by `each`, then
/// one line told by `more` (given how many are left) for the rest.
fn list_owed(
    owed: &mut Vec<Todo>,
    items: &[(String, NaiveDate, String)],
    today: NaiveDate,
    each: impl Fn(NaiveDate, &str) -> String,
    more: impl Fn(usize) -> String,
) {
    for (i, (id, date, title)) in items.iter().enumerate() {
        let listed = i < LISTED;
        owed.push(Todo {
            date: *date,
            text: if listed {
                each(*date, title)
            } else {
                more(items.len() - LISTED)
            },
            days: (*date - today).num_days(),
            owed: true,
            activity: listed.then(|| id.clone()),
        });
        if !listed {
            break;
        }
    }
}
