//! 活动: every activity, newest first, with participants and hours; the activity form.

pub mod form;

use form::{ActivityForm, ActivityFormAction};

use super::{AppCtx, Command, Pane, weekday_name};
use crate::store::activities::{Activity, ActivityFilter, ActivityRow};
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The activity pane.
#[derive(Default)]
pub struct ActivitiesPane {
    rows: PagedRows<ActivityRow>,
    selected: Option<(usize, ActivityRow)>,
    form: Option<ActivityForm>,
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
        let selected = self.selected.as_ref().map(|s| s.1.id.clone());
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("新建活动")
                .on_hover_text("登记一次志愿服务活动及参与人的时长（Ctrl+N）")
                .clicked()
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::N))
            {
                self.form = Some(ActivityForm::new_activity(store, ctx.today));
            }
            let edit = ui
                .add_enabled(selected.is_some(), egui::Button::new("编辑活动"))
                .on_hover_text("修改选中的活动和参与人的时长（也可双击一行）");
            if let Some(id) = selected.filter(|_| edit.clicked()) {
                self.open(ctx, &id);
            }
            ui.label(format!("共 {total} 场活动"));
        });
        ui.separator();
        let clicks = paged_table::show(
            ui,
            "activities",
            self.selected.as_ref().map(|s| s.0),
            ACTIVITY_COLUMNS,
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.activity_page(ActivityFilter::default(), offset, limit),
            &activity_cells,
        );
        if let Some(i) = clicks.clicked {
            self.selected = self.rows.cached(i).map(|r| (i, r.clone()));
        }
        if let Some(id) = clicks
            .opened
            .and_then(|i| self.rows.cached(i))
            .map(|r| r.id.clone())
        {
            self.open(ctx, &id);
        }
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today) {
                ActivityFormAction::None => {}
                ActivityFormAction::Close => self.form = None,
                ActivityFormAction::Save(a, people) => {
                    ctx.commands.push(Command::SaveActivity(a, people))
                }
            }
        }
    }

    fn open(&mut self, ctx: &AppCtx<'_>, id: &str) {
        if let Ok(a) = ctx.store.get::<Activity>(id) {
            let people = ctx.store.activity_participants(id).unwrap_or_default();
            self.form = Some(ActivityForm::edit(ctx.store, a, people));
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => self.form = None,
            Err(e) => {
                if let Some(form) = &mut self.form {
                    form.save_error = Some(e);
                }
            }
        }
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
