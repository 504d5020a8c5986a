//! 活动: every activity, newest first, with participants and hours.

use super::{AppCtx, Pane, weekday_name};
use crate::store::activities::{ActivityFilter, ActivityRow};
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The activity pane.
#[derive(Default)]
pub struct ActivitiesPane {
    rows: PagedRows<ActivityRow>,
}

impl ActivitiesPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        self.rows.sync(ctx.version);
        let store = ctx.store;
        let total = self
            .rows
            .total(|| store.activity_count(ActivityFilter::default()));
        ui.heading(Pane::Activities.heading());
        ui.label(format!("共 {total} 场活动"));
        ui.separator();
        paged_table::show(
            ui,
            "activities",
            None,
            ACTIVITY_COLUMNS,
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.activity_page(ActivityFilter::default(), offset, limit),
            &activity_cells,
        );
    }
}

/// The columns of an activity list, shared with the calendar.
pub const ACTIVITY_COLUMNS: &[(&str, f32)] = &[
    ("日期", 130.0),
    ("标题", 260.0),
    ("类别", 130.0),
    ("地点", 130.0),
    ("状态", 60.0),
    ("参与人数", 70.0),
    ("服务时长（小时）", 100.0),
];

/// The cells of an activity row, shared with the calendar's day list.
pub fn activity_cells(r: &ActivityRow) -> Vec<String> {
    vec![
        format!("{} {}", r.date.format("%Y-%m-%d"), weekday_name(r.date)),
        r.title.clone(),
        r.category.clone(),
        r.location.clone(),
        r.status.clone(),
        r.participants.to_string(),
        r.hours.to_string(),
    ]
}
