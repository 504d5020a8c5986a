//! 活动: every activity, newest first, with participants and hours; the activity form.

pub mod form;

use crate::ui::widgets::dialog::FormOutcome;
use form::ActivityForm;

use super::{AppCtx, BinAction, Command, Pane};
use crate::domain::categories::all_activity_categories;
use crate::domain::dates;
use crate::domain::dates::weekday_name;
use crate::store::activities::{ACTIVITY_SORTS, Activity, ActivityFilter, ActivityRow};
use crate::store::meta::Table;
use crate::ui::failures::OrReport;
use crate::ui::widgets::paged_table::{self, PagedRows, TableSort};

/// The activity pane.
#[derive(Default)]
pub struct ActivitiesPane {
    rows: PagedRows<ActivityRow>,
    selected: Option<(usize, ActivityRow)>,
    form: Option<ActivityForm>,
    in_bin: bool,
    confirm: Option<Confirm>,
    /// Activities in the bin, for the data version they were counted at.
    bin_count: Option<(u64, u64)>,
    /// The list's filter, the dates as typed, and how often it changed.
    filter: ActivityFilter,
    from: String,
    to: String,
    filter_changes: u64,
    /// The order chosen by clicking a header.
    sort: Option<TableSort>,
}

/// A question asked before a change.
enum Confirm {
    /// Move the activity to the recycle bin.
    Delete(ActivityRow),
    /// Plan the twelve 学雷锋志愿服务日 of a year.
    PlanYear(i32),
    /// Remove an activity of the bin for good.
    Purge(ActivityRow),
    /// Remove every activity of the bin for good (how many there are).
    EmptyBin(usize),
}

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
                if ui.button("返回活动列表").clicked() {
                    self.in_bin = false;
                    self.selected = None;
                }
                let restore = ui.add_enabled(selected.is_some(), egui::Button::new("恢复活动"));
                if let Some(row) = selected.as_ref().filter(|_| restore.clicked()) {
                    ctx.commands.push(Command::RestoreActivity(row.id.clone()));
                    self.selected = None;
                }
                let purge = ui
                    .add_enabled(selected.is_some(), egui::Button::new("彻底删除活动"))
                    .on_hover_text("连同其服务记录和留存资料的登记永久删除，不能恢复");
                if let Some(row) = selected.as_ref().filter(|_| purge.clicked()) {
                    self.confirm = Some(Confirm::Purge(row.clone()));
                }
                if ui
                    .add_enabled(total > 0, egui::Button::new("清空回收站…"))
                    .on_hover_text("永久删除回收站中的全部活动，不能恢复")
                    .clicked()
                {
                    self.confirm = Some(Confirm::EmptyBin(total));
                }
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
            let delete = ui
                .add_enabled(selected.is_some(), egui::Button::new("删除活动"))
                .on_hover_text("移入回收站，可以恢复");
            if let Some(row) = selected.filter(|_| delete.clicked()) {
                self.confirm = Some(Confirm::Delete(row.clone()));
            }
            if ui
                .button("生成全年学雷锋志愿服务日")
                .on_hover_text("在今年每月第二个星期六各安排一次学雷锋志愿服务日（计划中）")
                .clicked()
            {
                use chrono::Datelike;
                self.confirm = Some(Confirm::PlanYear(ctx.today.year()));
            }
            if self.bin_count.map(|c| c.0) != Some(ctx.version) {
                self.bin_count = Some((ctx.version, store.activities_in_bin().unwrap_or(0)));
            }
            let in_bin = self.bin_count.map_or(0, |c| c.1);
            if ui.button(format!("活动回收站（{in_bin}）")).clicked() {
                self.in_bin = true;
                self.selected = None;
            }
            ui.label(format!("共 {total} 场活动"));
        });
    }

    fn show_confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        let Some(confirm) = &self.confirm else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("activity_confirm")).show(egui_ctx, |ui| {
            ui.set_width(440.0);
            let (text, button, command) = match confirm {
                Confirm::Delete(row) => (
                    format!(
                        "将活动“{}”（{}）移入回收站？其 {} 人的服务时长将不再计入累计时长，恢复后重新计入。",
                        row.title, row.date, row.participants
                    ),
                    "移入回收站",
                    Command::DeleteActivity(row.id.clone()),
                ),
                Confirm::Purge(row) => (
                    format!(
                        "彻底删除活动“{}”（{}）？其 {} 条服务记录和留存资料的登记一并删除，不能恢复；关于它的信息报送保留，只是不再关联此活动。",
                        row.title, row.date, row.participants
                    ),
                    "彻底删除",
                    Command::Bin {
                        table: Table::Activities,
                        id: row.id.clone(),
                        action: BinAction::Purge,
                        what: format!("活动“{}”", row.title),
                    },
                ),
                Confirm::EmptyBin(total) => (
                    format!(
                        "永久删除回收站中的全部 {total} 场活动，连同它们的服务记录和留存资料的登记？不能恢复（导入前和每天的自动备份中仍有）；关于它们的信息报送保留，只是不再关联活动。"
                    ),
                    "确认清空",
                    Command::Bin {
                        table: Table::Activities,
                        id: String::new(),
                        action: BinAction::EmptyBin,
                        what: "活动回收站".into(),
                    },
                ),
                Confirm::PlanYear(year) => (
                    format!(
                        "在 {year} 年每月第二个星期六各安排一次学雷锋志愿服务日（09:00–11:00，计划中）？已有的月份不会重复安排。"
                    ),
                    "生成",
                    Command::PlanLeiFengDays(*year),
                ),
            };
            ui.label(text);
            ui.horizontal(|ui| {
                if ui.button(button).clicked() {
                    ctx.commands.push(command);
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
            self.confirm = None;
            self.selected = None;
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
