//! 日历: one month at a time — its key dates, second Saturday and deadlines, and its activities.

use chrono::{Datelike, Months, NaiveDate};

use super::activities::{ACTIVITY_COLUMNS, activity_cells};
use super::{AppCtx, Pane, chinese_date, weekday_name};
use crate::domain::calendar::{FIXED_KEY_DATES, qingming, second_saturday};
use crate::store::activities::{ActivityFilter, ActivityRow};
use crate::ui::theme::palette;
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The calendar pane.
#[derive(Default)]
pub struct CalendarPane {
    /// First day of the month shown; `None` until the first frame sets it to today's month.
    month: Option<NaiveDate>,
    rows: PagedRows<ActivityRow>,
}

/// A marked day of the month.
struct Marked {
    date: NaiveDate,
    text: String,
}

/// The key dates, second Saturday and deadlines falling in the month starting at `first`.
fn marked_days(first: NaiveDate) -> Vec<Marked> {
    let (y, m) = (first.year(), first.month());
    let mut out = Vec::new();
    for kd in FIXED_KEY_DATES.iter().filter(|k| k.month == m) {
        if let Some(date) = NaiveDate::from_ymd_opt(y, kd.month, kd.day) {
            out.push(Marked {
                date,
                text: format!("{}（建议主题：{}）", kd.name, kd.theme),
            });
        }
    }
    if let Some(date) = qingming(y).filter(|d| d.month() == m) {
        out.push(Marked {
            date,
            text: "清明节（建议主题：文明祭扫）".into(),
        });
    }
    if let Some(date) = second_saturday(y, m) {
        out.push(Marked {
            date,
            text: "学雷锋志愿服务日（每月第二个星期六，不少于1.5小时）".into(),
        });
    }
    if m == 5 {
        out.push(Marked {
            date: first,
            text: "志愿服务培训月".into(),
        });
    }
    for (mm, d, name) in [
        (3, 5, "联络表报送截止"),
        (7, 15, "上半年工作总结报送截止"),
        (12, 15, "全年工作总结报送截止"),
    ] {
        if mm == m
            && let Some(date) = NaiveDate::from_ymd_opt(y, mm, d)
        {
            out.push(Marked {
                date,
                text: name.into(),
            });
        }
    }
    out.sort_by_key(|k| k.date);
    out
}

impl CalendarPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let today = ctx.today;
        let this_month = today.with_day(1).unwrap_or(today);
        let first = *self.month.get_or_insert(this_month);
        ui.heading(Pane::Calendar.heading());
        ui.horizontal(|ui| {
            if ui.button("◀ 上个月").clicked() {
                self.month = first.checked_sub_months(Months::new(1));
            }
            ui.label(
                egui::RichText::new(format!("{}年{}月", first.year(), first.month()))
                    .size(18.0)
                    .strong(),
            );
            if ui.button("下个月 ▶").clicked() {
                self.month = first.checked_add_months(Months::new(1));
            }
            if ui.button("今天").clicked() {
                self.month = Some(this_month);
            }
            ui.label(format!(
                "今天是{} {}",
                chinese_date(today),
                weekday_name(today)
            ));
        });
        let first = self.month.unwrap_or(this_month);
        let last = first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        ui.separator();
        ui.strong("本月重要时间节点");
        for k in marked_days(first) {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{}月{}日 {}",
                    k.date.month(),
                    k.date.day(),
                    weekday_name(k.date)
                ));
                ui.colored_label(palette::KEY_DATE, k.text);
            });
        }
        ui.separator();
        let filter = ActivityFilter {
            from: Some(first),
            to: Some(last),
            ..Default::default()
        };
        let month_key = (first.year() as u64) * 12 + first.month() as u64;
        self.rows
            .sync(ctx.version.wrapping_mul(100_000).wrapping_add(month_key));
        let store = ctx.store;
        let total = self.rows.total(|| store.activity_count(&filter));
        ui.strong(format!("本月活动（{total} 场）"));
        paged_table::show(
            ui,
            "calendar_month",
            None,
            ACTIVITY_COLUMNS,
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.activity_page(&filter, offset, limit),
            &activity_cells,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn march_has_its_key_dates_and_deadline() {
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let texts: Vec<String> = marked_days(first).into_iter().map(|m| m.text).collect();
        assert!(texts.iter().any(|t| t.starts_with("学雷锋纪念日")));
        assert!(texts.iter().any(|t| t.starts_with("植树节")));
        assert!(texts.iter().any(|t| t == "联络表报送截止"));
        assert!(texts.iter().any(|t| t.starts_with("学雷锋志愿服务日")));
    }
}
