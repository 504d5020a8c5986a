//! 活动: every activity, newest first, with participants and hours; the activity form.

pub mod form;

use crate::ui::widgets::dialog::FormOutcome;
use form::ActivityForm;

use super::{AppCtx, Command, Pane};
use crate::domain::categories::all_activity_categories;
use crate::domain::dates;
use crate::domain::dates::weekday_name;
use crate::store::activities::{ACTIVITY_SORTS, Activity, ActivityFilter, ActivityRow};
use crate::store::meta::Table;
use crate::ui::failures::OrReport;
use crate::ui::widgets::bin::{BinBar, BinLook, BinSwitch};
use crate::ui::widgets::paged_table::{self, PagedRows, TableSort};

/// The activity pane.
#[derive(Default)]
pub struct ActivitiesPane {
    rows: PagedRows<ActivityRow>,
    selected: Option<(usize, ActivityRow)>,
    form: Option<ActivityForm>,
    in_bin: bool,
    bin: BinBar,
    /// The year whose 学雷锋志愿服务日 are to be planned, once confirmed.
    plan_year: Option<i32>,
    /// The list's filter, the dates as typed, and how often it changed.
    filter: ActivityFilter,
    from: String,
    to: String,
    filter_changes: u64,
    /// The order chosen by clicking a header.
    sort: Option<TableSort>,
}

/// How the bin names activities.
const BIN: BinLook<'static> = BinLook {
    id: "activities",
    noun: "活动",
    measure: "场",
    table: Table::Activities,
    takes_along: "其服务记录和留存资料的登记（关于它的信息报送保留，只是不再关联此活动）",
    on_delete: "其参与人的服务时长将不再计入累计时长，恢复后重新计入。",
};

impl ActivitiesPane {
    /// Whether work for this pane is still running off the UI thread.
    pub fn busy(&self) -> bool {
        self.form.as_ref().is_some_and(ActivityForm::busy)
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let in_bin = self.in_bin;
        if !in_bin {
            ui.heading(Pane::Activities.heading());
            self.filter_row(ui);
        }
        let sort = self.sort.get_or_insert(TableSort {
            column: 0,
            descending: true,
            unsortable_from: Some(ACTIVITY_SORTS.len()),
            changes: 0,
        });
        self.filter.sort = Some((sort.column, sort.descending));
        let sort_changes = sort.changes;
        let filter = self.filter.clone();
        self.rows.sync(
            ctx.version
                .wrapping_mul(1_000_003)
                .wrapping_add(self.filter_changes.wrapping_mul(2))
                .wrapping_add(sort_changes.wrapping_mul(1_009))
                .wrapping_add(u64::from(in_bin)),
        );
        let store = ctx.store;
        let total = self.rows.total(|| {
            if in_bin {
                store.activities_in_bin()
            } else {
                store.activity_count(&filter)
            }
        });
        let selected = self.selected.as_ref().map(|s| s.1.clone());
        if in_bin {
            ui.heading("回收站：已删除的活动");
            ui.horizontal_wrapped(|ui| {
                self.bin_buttons(ui, true);
                ui.label(format!(
                    "回收站中有 {total} 场活动（其服务时长不计入志愿者的累计时长）"
                ));
            });
        } else {
            self.toolbar(ui, ctx, selected.as_ref(), total);
        }
        ui.separator();
        let clicks = paged_table::show(
            ui,
            if in_bin { "activity_bin" } else { "activities" },
            self.selected.as_ref().map(|s| s.0),
            ACTIVITY_COLUMNS,
            if in_bin { None } else { self.sort.as_mut() },
            &mut self.rows,
            total,
            &mut |offset, limit| {
                if in_bin {
                    store.activity_bin_page(offset, limit)
                } else {
                    store.activity_page(&filter, offset, limit)
                }
            },
            &activity_cells,
        );
        if let Some(i) = clicks.clicked {
            self.selected = self.rows.cached(i).map(|r| (i, r.clone()));
        }
        if let Some(id) = clicks
            .opened
            .filter(|_| !in_bin)
            .and_then(|i| self.rows.cached(i))
            .map(|r| r.id.clone())
        {
            self.open(ctx, &id);
        }
        self.show_confirm(ui.ctx(), ctx);
        if let Some(form) = &mut self.form {
            match form.show(ui.ctx(), store, ctx.today, ctx.version, ctx.commands) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save((a, people)) => {
                    ctx.commands
                        .push(Command::SaveActivity(a, people, Pane::Activities))
                }
            }
        }
    }

    fn filter_row(&mut self, ui: &mut egui::Ui) {
        let before = self.filter.clone();
        let mut date_error = None;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("查找");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.text)
                    .hint_text("活动名称中的文字")
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
            let label = ui.label("类别");
            egui::ComboBox::from_id_salt("activity_filter_category")
                .selected_text(self.filter.category.as_deref().unwrap_or("全部"))
                .width(170.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.category, None, "全部");
                    for c in all_activity_categories() {
                        ui.selectable_value(&mut self.filter.category, Some(c.to_string()), c);
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("状态");
            egui::ComboBox::from_id_salt("activity_filter_status")
                .selected_text(self.filter.status.as_deref().unwrap_or("全部"))
                .width(90.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.status, None, "全部");
                    for s in crate::domain::activity::ACTIVITY_STATUSES {
                        ui.selectable_value(&mut self.filter.status, Some(s.to_string()), s);
                    }
                })
                .response
                .labelled_by(label.id);
            for (title, text, slot) in [
                ("从", &mut self.from, &mut self.filter.from),
                ("到", &mut self.to, &mut self.filter.to),
            ] {
                crate::ui::widgets::date_picker::wrap_before(ui, 24.0);
                let label = ui.label(title);
                crate::ui::widgets::date_picker::date_field(ui, ("activity_filter", title), text)
                    .labelled_by(label.id);
                *slot = match text.trim() {
                    "" => None,
                    t => match dates::parse(t) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            date_error = Some(format!("{title}：{e}"));
                            *slot
                        }
                    },
                };
            }
            let cleared = ActivityFilter {
                sort: self.filter.sort,
                ..Default::default()
            };
            let active = self.filter != cleared;
            if ui
                .add_enabled(active, egui::Button::new("清除条件"))
                .clicked()
            {
                self.filter = cleared;
                self.from.clear();
                self.to.clear();
            }
        });
        if let Some(e) = date_error {
            ui.colored_label(crate::ui::theme::palette::ERROR, e);
        }
        if self.filter != before {
            self.filter_changes += 1;
            self.selected = None;
        }
    }

    fn toolbar(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut AppCtx<'_>,
        selected: Option<&ActivityRow>,
        total: usize,
    ) {
        let store = ctx.store;
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
            if let Some(row) = selected.filter(|_| edit.clicked()) {
                self.open(ctx, &row.id);
            }
            let copy = ui
                .add_enabled(selected.is_some(), egui::Button::new("复制为新活动"))
                .on_hover_text("以选中的活动（含参与人）为底稿新建一次活动");
            if let Some(row) = selected.filter(|_| copy.clicked())
                && let Ok(a) = store.get::<Activity>(&row.id)
            {
                let people = store.activity_participants(&row.id).or_report();
                self.form = Some(ActivityForm::copy(store, a, people, ctx.today));
            }
            self.bin_buttons(ui, false);
            if ui
                .button("生成全年学雷锋志愿服务日")
                .on_hover_text("在今年每月第二个星期六各安排一次学雷锋志愿服务日（计划中）")
                .clicked()
            {
                use chrono::Datelike;
                self.plan_year = Some(ctx.today.year());
            }
            ui.label(format!("共 {total} 场活动"));
        });
    }

    /// The bin's buttons, the same as every list's.
    fn bin_buttons(&mut self, ui: &mut egui::Ui, in_bin: bool) {
        let selected = self
            .selected
            .as_ref()
            .map(|(_, r)| (r.id.clone(), format!("{}（{}）", r.title, r.date)));
        match self.bin.buttons(ui, &BIN, in_bin, selected, &|_| None) {
            BinSwitch::Stay => {}
            BinSwitch::ToBin => {
                self.in_bin = true;
                self.selected = None;
            }
            BinSwitch::ToList => {
                self.in_bin = false;
                self.selected = None;
            }
        }
    }

    fn show_confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        if self.bin.confirm(egui_ctx, &BIN, ctx.commands) {
            self.selected = None;
        }
        let Some(year) = self.plan_year else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("activity_plan_year")).show(egui_ctx, |ui| {
            ui.set_width(440.0);
            ui.label(format!(
                "在 {year} 年每月第二个星期六各安排一次学雷锋志愿服务日（09:00–11:00，计划中）？已有的月份不会重复安排。"
            ));
            ui.horizontal(|ui| {
                if ui.button("生成").clicked() {
                    ctx.commands.push(Command::PlanLeiFengDays(year));
                    close = true;
                }
                if ui.button("取消").clicked() {
                    close = true;
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close {
            self.plan_year = None;
        }
    }

    fn open(&mut self, ctx: &AppCtx<'_>, id: &str) {
        self.open_record(ctx.store, id);
    }

    /// Opens an activity's form (from another pane); `false` when it is gone.
    pub fn open_record(&mut self, store: &crate::store::Store, id: &str) -> bool {
        let Ok(a) = store.get::<Activity>(id) else {
            return false;
        };
        let people = store.activity_participants(id).or_report();
        self.form = Some(ActivityForm::edit(store, a, people));
        true
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }
}

/// The columns of an activity list, shared with the calendar.
pub const ACTIVITY_COLUMNS: &[(&str, f32)] = &[
    ("日期", 130.0),
    ("活动名称", 260.0),
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
