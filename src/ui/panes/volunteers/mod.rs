//! 志愿者: the register as a virtual-scrolled table (numbers masked), the form, the detail of
//! the selected volunteer, and the recycle bin (回收站).

pub mod detail;
pub mod form;

use detail::VolunteerDetail;
use form::{FormAction, VolunteerForm};

use super::{AppCtx, Command, Pane};
use crate::store::volunteers::{PurgeImpact, Volunteer, VolunteerRow};
use crate::ui::theme::palette;
use crate::ui::widgets::paged_table::{self, PagedRows};

/// A question asked before something destructive.
enum Confirm {
    /// Move to the recycle bin.
    Delete(VolunteerRow),
    /// Remove from the recycle bin for good.
    Purge(VolunteerRow, PurgeImpact),
}

/// The volunteer pane.
#[derive(Default)]
pub struct VolunteersPane {
    rows: PagedRows<VolunteerRow>,
    form: Option<VolunteerForm>,
    /// The selected row: its index and the row itself.
    selected: Option<(usize, VolunteerRow)>,
    detail: Option<VolunteerDetail>,
    /// Showing the recycle bin instead of the register.
    in_bin: bool,
    /// How many volunteers are in the bin, for the data version it was counted at.
    bin_count: Option<(u64, u64)>,
    confirm: Option<Confirm>,
    /// The search box's text, and how often it changed (part of the list's cache key).
    search: String,
    search_changes: u64,
}

const COLUMNS: &[(&str, f32)] = &[
    ("志愿者编号", 110.0),
    ("姓名", 80.0),
    ("性别", 45.0),
    ("证件号码", 170.0),
    ("手机", 110.0),
    ("政治面貌", 100.0),
    ("所在村居", 110.0),
    ("状态", 60.0),
];

fn cells(r: &VolunteerRow) -> Vec<String> {
    vec![
        r.number.clone(),
        r.name.clone(),
        r.gender.clone(),
        r.id_masked.clone(),
        r.mobile_masked.clone(),
        r.political_status.clone(),
        r.community.clone(),
        r.status.clone(),
    ]
}

impl VolunteersPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let store = ctx.store;
        let in_bin = self.in_bin;
        if in_bin {
            ui.heading("回收站：已删除的志愿者");
        } else {
            ui.heading(Pane::Volunteers.heading());
            self.search_box(ui);
        }
        self.rows.sync(
            ctx.version
                .wrapping_mul(1_000_003)
                .wrapping_add(self.search_changes.wrapping_mul(2))
                .wrapping_add(u64::from(in_bin)),
        );
        let search = self.search.clone();
        let total = self.rows.total(|| {
            if in_bin {
                store.volunteers_in_bin()
            } else {
                store.volunteer_search_count(&search)
            }
        });
        if in_bin {
            self.bin_toolbar(ui, ctx, total);
        } else {
            self.register_toolbar(ui, ctx, total);
        }
        ui.separator();
        if !in_bin {
            if let Some((_, row)) = &self.selected
                && self.detail.as_ref().map(VolunteerDetail::id) != Some(row.id.as_str())
            {
                self.detail = Some(VolunteerDetail::new(row.id.clone()));
            }
            if let Some(detail) = &mut self.detail {
                egui::Panel::right("volunteer_detail")
                    .default_size(430.0)
                    .show(ui, |ui| detail.ui(ui, ctx));
            }
        }
        let clicks = paged_table::show(
            ui,
            if in_bin {
                "volunteer_bin"
            } else {
                "volunteers"
            },
            self.selected.as_ref().map(|s| s.0),
            COLUMNS,
            &mut self.rows,
            total,
            &mut |offset, limit| {
                if in_bin {
                    store.volunteer_page(true, offset, limit)
                } else {
                    store.volunteer_search_page(&search, offset, limit)
                }
            },
            &cells,
        );
        if let Some(i) = clicks.clicked {
            self.selected = self.rows.cached(i).map(|r| (i, r.clone()));
        }
        if !in_bin
            && let Some(id) = clicks
                .opened
                .and_then(|i| self.rows.cached(i))
                .map(|r| r.id.clone())
        {
            self.open(ctx, &id);
        }
        self.show_confirm(ui.ctx(), ctx);
        self.show_form(ui.ctx(), ctx);
    }

    fn register_toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, total: usize) {
        let store = ctx.store;
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("新增志愿者")
                .on_hover_text("登记一名新志愿者（Ctrl+N）")
                .clicked()
                || ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::N))
            {
                self.form = Some(VolunteerForm::new_volunteer(store, ctx.today));
            }
            let selected = self.selected.as_ref().map(|s| s.1.clone());
            let edit = ui
                .add_enabled(selected.is_some(), egui::Button::new("编辑"))
                .on_hover_text("编辑选中的志愿者（也可双击一行）");
            if let Some(row) = selected.as_ref().filter(|_| edit.clicked()) {
                self.open(ctx, &row.id);
            }
            let delete = ui
                .add_enabled(selected.is_some(), egui::Button::new("删除"))
                .on_hover_text("移入回收站，服务记录保留，可以恢复");
            if let Some(row) = selected.filter(|_| delete.clicked()) {
                self.confirm = Some(Confirm::Delete(row));
            }
            if self.bin_count.map(|c| c.0) != Some(ctx.version) {
                self.bin_count = Some((ctx.version, store.volunteers_in_bin().unwrap_or(0)));
            }
            let in_bin = self.bin_count.map_or(0, |c| c.1);
            if ui.button(format!("回收站（{in_bin}）")).clicked() {
                self.switch(true);
            }
            if self.search.trim().is_empty() {
                ui.label(format!(
                    "共 {total} 名志愿者（证件号码和手机已隐去部分数字）"
                ));
            } else {
                ui.label(format!("找到 {total} 名志愿者"));
            }
        });
    }

    fn search_box(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("查找");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("姓名、拼音或首字母（如 zs）、志愿者编号、手机或证件号后几位")
                        .desired_width(420.0),
                )
                .labelled_by(label.id)
                .on_hover_text("Ctrl+F 跳到这里；Esc 清空");
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
                edit.request_focus();
            }
            if edit.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.search.clear();
                self.search_changes += 1;
                self.selected = None;
            }
            if edit.changed() {
                self.search_changes += 1;
                self.selected = None;
            }
            if !self.search.is_empty() && ui.button("清空").clicked() {
                self.search.clear();
                self.search_changes += 1;
                self.selected = None;
            }
        });
    }

    fn bin_toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, total: usize) {
        ui.horizontal_wrapped(|ui| {
            if ui.button("返回名册").clicked() {
                self.switch(false);
            }
            let selected = self.selected.as_ref().map(|s| s.1.clone());
            let restore = ui.add_enabled(selected.is_some(), egui::Button::new("恢复"));
            if let Some(row) = selected.as_ref().filter(|_| restore.clicked()) {
                ctx.commands.push(Command::RestoreVolunteer(row.id.clone()));
                self.selected = None;
            }
            let purge = ui
                .add_enabled(selected.is_some(), egui::Button::new("彻底删除"))
                .on_hover_text("从回收站中永久删除，无法恢复");
            if let Some(row) = selected.filter(|_| purge.clicked()) {
                let impact = ctx.store.purge_impact(&row.id).unwrap_or_default();
                self.confirm = Some(Confirm::Purge(row, impact));
            }
            ui.label(format!("回收站中有 {total} 名志愿者"));
        });
    }

    fn switch(&mut self, in_bin: bool) {
        self.in_bin = in_bin;
        self.selected = None;
        self.detail = None;
    }

    fn show_confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        let Some(confirm) = &self.confirm else { return };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("volunteer_confirm")).show(egui_ctx, |ui| {
            ui.set_width(420.0);
            match confirm {
                Confirm::Delete(row) => {
                    ui.heading("删除志愿者");
                    ui.label(format!(
                        "将志愿者{}（{}）移入回收站？其服务记录保留，可在回收站中恢复。",
                        row.name, row.number
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("移入回收站").clicked() {
                            ctx.commands.push(Command::DeleteVolunteer(row.id.clone()));
                            close = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                }
                Confirm::Purge(row, impact) => {
                    ui.heading("彻底删除志愿者");
                    ui.colored_label(
                        palette::ERROR,
                        format!(
                            "彻底删除志愿者{}（{}）后无法恢复，将同时删除其 {} 条服务记录及队伍、培训、表彰记录。",
                            row.name, row.number, impact.participations
                        ),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("确认彻底删除").clicked() {
                            ctx.commands.push(Command::PurgeVolunteer(row.id.clone()));
                            close = true;
                        }
                        if ui.button("取消").clicked() {
                            close = true;
                        }
                    });
                }
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        if close {
            self.confirm = None;
            self.selected = None;
            self.detail = None;
        }
    }

    fn open(&mut self, ctx: &AppCtx<'_>, id: &str) {
        if let Ok(v) = ctx.store.get::<Volunteer>(id) {
            self.form = Some(VolunteerForm::edit(ctx.store, v));
        }
    }

    fn show_form(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        let Some(form) = &mut self.form else { return };
        match form.show(egui_ctx, ctx.store, ctx.today) {
            FormAction::None => {}
            FormAction::Close => self.form = None,
            FormAction::Open(id) => self.open(ctx, &id),
            FormAction::Save(v) => ctx.commands.push(Command::SaveVolunteer(v)),
        }
    }

    /// The outcome of a save the form asked for: close it, or show why it failed and keep
    /// everything typed.
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

    /// Whether the form is open.
    pub fn form_open(&self) -> bool {
        self.form.is_some()
    }
}
