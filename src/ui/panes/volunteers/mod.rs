//! 志愿者: the register as a virtual-scrolled table (numbers masked), the form, the detail of
//! the selected volunteer, and the recycle bin (回收站).

pub mod certificate;
pub mod detail;
pub mod form;
pub mod transfer;

use detail::VolunteerDetail;
use form::{FormAction, VolunteerForm};
use transfer::{ExportDialog, ImportDialog};

use super::{AppCtx, Command, Pane};
use crate::domain::hours::{star_label, star_level};
use crate::domain::volunteer::{KINDS, POLITICAL_STATUSES, STATUSES};
use crate::store::register::{RegisterFilter, RegisterQuery, SortKey};
use crate::store::volunteers::{PurgeImpact, UnitChoice, Volunteer, VolunteerRow};
use crate::ui::theme::palette;
use crate::ui::widgets::paged_table::{self, PagedRows, TableSort};

/// A question asked before something destructive.
enum Confirm {
    /// Move to the recycle bin.
    Delete(VolunteerRow),
    /// Remove from the recycle bin for good.
    Purge(VolunteerRow, PurgeImpact),
    /// Remove everyone in the recycle bin for good (how many there are).
    EmptyBin(usize),
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
    /// The search box as typed, with any input-method pre-edit text; it becomes the query's
    /// search when a composition is committed, not on every pinyin letter.
    search_text: String,
    /// Search text, filters and order of the register, and how often they changed (part of
    /// the list's cache key).
    query: RegisterQuery,
    query_changes: u64,
    sort: TableSort,
    /// The communities and teams offered in the filters, for the data version they were read at.
    choices: Option<(u64, Vec<UnitChoice>, Vec<UnitChoice>)>,
    /// The ordered row keys of a filtered register, for the cache key they were read at.
    keys: Option<(u64, std::rc::Rc<Vec<i64>>)>,
    /// How many the register shows, for the cache key it was counted at.
    count: Option<(u64, u64)>,
    import: Option<ImportDialog>,
    export: Option<(ExportDialog, usize)>,
    certificate: Option<certificate::IssueDialog>,
    register: Option<certificate::RegisterDialog>,
    /// The last certificate written, for 打印 / 打开所在文件夹.
    exported: Option<std::path::PathBuf>,
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
    ("累计时长", 80.0),
    ("星级", 60.0),
];

/// The order each column sorts by (星级 follows the hours).
const SORT_KEYS: [SortKey; 10] = [
    SortKey::Number,
    SortKey::Name,
    SortKey::Gender,
    SortKey::IdNumber,
    SortKey::Mobile,
    SortKey::Political,
    SortKey::Community,
    SortKey::Status,
    SortKey::Hours,
    SortKey::Hours,
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
        format!("{} 小时", r.total),
        star_label(star_level(r.total)).to_string(),
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
            self.filter_row(ui, ctx);
        }
        self.query.sort = SORT_KEYS[self.sort.column.min(SORT_KEYS.len() - 1)];
        self.query.descending = self.sort.descending;
        let cache_key = ctx
            .version
            .wrapping_mul(1_000_003)
            .wrapping_add(
                self.query_changes
                    .wrapping_add(self.sort.changes.wrapping_mul(7_919))
                    .wrapping_mul(2),
            )
            .wrapping_add(u64::from(in_bin));
        self.rows.sync(cache_key);
        let query = self.query.clone();
        // Filtered (or searched and sorted) lists are ordered once per change, then paged.
        let count = if in_bin {
            None
        } else {
            if self.count.as_ref().map(|c| c.0) != Some(cache_key) {
                self.count = Some((cache_key, store.register_count(&query).unwrap_or(0)));
            }
            self.count.as_ref().map(|c| c.1)
        };
        let keys = if count.is_some_and(|n| query.needs_key_list(n)) {
            if self.keys.as_ref().map(|k| k.0) != Some(cache_key) {
                let keys = store.register_keys(&query).unwrap_or_default();
                self.keys = Some((cache_key, std::rc::Rc::new(keys)));
            }
            self.keys.as_ref().map(|k| k.1.clone())
        } else {
            None
        };
        let total = self.rows.total(|| match &keys {
            Some(keys) => Ok(keys.len() as u64),
            None => match count {
                Some(n) => Ok(n),
                None => store.volunteers_in_bin(),
            },
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
            (!in_bin).then_some(&mut self.sort),
            &mut self.rows,
            total,
            &mut |offset, limit| {
                if in_bin {
                    store.volunteer_page(true, offset, limit)
                } else if let Some(keys) = &keys {
                    let end = (offset + limit).min(keys.len());
                    store.register_rows(keys.get(offset..end).unwrap_or_default())
                } else {
                    store.register_page(&query, offset, limit)
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
        if let Some(dialog) = &mut self.import
            && dialog.show(ui.ctx(), ctx)
        {
            self.import = None;
        }
        if let Some((dialog, total)) = &mut self.export
            && dialog.show(ui.ctx(), ctx, &self.query, *total)
        {
            self.export = None;
        }
        if let Some(dialog) = &mut self.certificate
            && dialog.show(ui.ctx(), ctx)
        {
            self.certificate = None;
        }
        if let Some(dialog) = &mut self.register
            && dialog.show(ui.ctx(), ctx)
        {
            self.register = None;
        }
    }

    /// A certificate was written: offer to print it or show its folder.
    pub fn exported(&mut self, path: std::path::PathBuf) {
        self.exported = Some(path);
    }

    /// A spreadsheet was read and checked: show it in the import dialog.
    pub fn import_checked(&mut self, preview: Box<crate::ui::jobs::ImportPreview>) {
        self.import = Some(ImportDialog::checked(preview));
    }

    fn register_toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, total: usize) {
        let store = ctx.store;
        if let Some(path) = self.exported.clone()
            && let Some(e) = crate::ui::system::file_bar(ui, &path)
        {
            ui.colored_label(crate::ui::theme::palette::ERROR, e);
        }
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
            if ui
                .button("导入…")
                .on_hover_text("从 Excel 或 CSV 名册导入志愿者")
                .clicked()
            {
                self.import = Some(ImportDialog::default());
            }
            if ui
                .button("导出名册…")
                .on_hover_text("按当前查找、筛选和排序导出为 Excel 或 CSV")
                .clicked()
            {
                self.export = Some((ExportDialog::new(ctx.today), total));
            }
            let issue = ui
                .add_enabled(self.selected.is_some(), egui::Button::new("出具记录证明…"))
                .on_hover_text("为选中的志愿者出具志愿服务记录证明（PDF，编号登记）");
            if let Some(row) = self
                .selected
                .as_ref()
                .map(|s| s.1.clone())
                .filter(|_| issue.clicked())
                && let Ok(v) = store.get::<crate::store::volunteers::Volunteer>(&row.id)
            {
                self.certificate = Some(certificate::IssueDialog::new(
                    v.meta.id.clone(),
                    format!("{}（{}）", v.name, v.number),
                    v.registered_on,
                    ctx.today,
                ));
            }
            if ui.button("证明登记簿…").clicked() {
                self.register = Some(certificate::RegisterDialog::default());
            }
            if self.query.search.trim().is_empty() && !self.query.filter.is_active() {
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
                    egui::TextEdit::singleline(&mut self.search_text)
                        .hint_text("姓名、拼音或首字母（如 zs）、志愿者编号、手机或证件号后几位")
                        .desired_width(420.0),
                )
                .labelled_by(label.id)
                .on_hover_text("Ctrl+F 跳到这里；Esc 清空");
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
                edit.request_focus();
            }
            if edit.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.search_text.clear();
            }
            if !self.search_text.is_empty() && ui.button("清空").clicked() {
                self.search_text.clear();
            }
            // Searched when the text is what the clerk typed: not while a pinyin composition is
            // open (its letters are pre-edit text), then at once on its commit.
            if self.search_text != self.query.search
                && !crate::ui::widgets::ime::composing(ui.ctx())
            {
                self.query.search = self.search_text.clone();
                self.changed();
            }
        });
    }

    /// The search text or a filter changed: back to the first row, nothing selected.
    fn changed(&mut self) {
        self.query_changes += 1;
        self.selected = None;
    }

    fn filter_row(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        if self.choices.as_ref().map(|c| c.0) != Some(ctx.version) {
            self.choices = Some((
                ctx.version,
                ctx.store.community_choices().unwrap_or_default(),
                ctx.store.team_choices().unwrap_or_default(),
            ));
        }
        let Some((_, communities, teams)) = &self.choices else {
            return;
        };
        let before = self.query.filter.clone();
        let f = &mut self.query.filter;
        ui.horizontal_wrapped(|ui| {
            ui.label("筛选：");
            keyed_choice(ui, "所在村居", &mut f.community_id, communities);
            keyed_choice(ui, "所属队伍", &mut f.team_id, teams);
            text_choice(ui, "政治面貌", &mut f.political_status, &POLITICAL_STATUSES);
            text_choice(ui, "志愿者类别", &mut f.kind, &KINDS);
            let star_text = f.star.map_or("全部", |l| {
                if l == 0 {
                    "未达星级"
                } else {
                    star_label(l)
                }
            });
            let label = ui.label("星级");
            egui::ComboBox::from_id_salt("filter_star")
                .selected_text(star_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.star, None, "全部");
                    ui.selectable_value(&mut f.star, Some(0), "未达星级");
                    for level in 1..=5u8 {
                        ui.selectable_value(&mut f.star, Some(level), star_label(level));
                    }
                })
                .response
                .labelled_by(label.id);
            text_choice(ui, "状态", &mut f.status, &STATUSES);
            if ui
                .add_enabled(f.is_active(), egui::Button::new("清除筛选"))
                .clicked()
            {
                *f = RegisterFilter::default();
            }
        });
        if self.query.filter != before {
            self.changed();
        }
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
            if ui
                .add_enabled(total > 0, egui::Button::new("清空回收站…"))
                .on_hover_text("永久删除回收站中的全部志愿者，无法恢复")
                .clicked()
            {
                self.confirm = Some(Confirm::EmptyBin(total));
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
                Confirm::EmptyBin(total) => {
                    ui.heading("清空回收站");
                    ui.colored_label(
                        palette::ERROR,
                        format!(
                            "永久删除回收站中的 {total} 名志愿者，连同他们的服务记录及队伍、培训、表彰记录？删除后无法恢复（导入前和每天的自动备份中仍有）。已出具志愿服务记录证明的志愿者保留在回收站中。"
                        ),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("确认清空").clicked() {
                            ctx.commands.push(Command::EmptyVolunteerBin);
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
        self.open_record(ctx.store, id);
    }

    /// Opens a volunteer's form (from another pane); `false` when they are gone.
    pub fn open_record(&mut self, store: &crate::store::Store, id: &str) -> bool {
        let Ok(v) = store.get::<Volunteer>(id) else {
            return false;
        };
        self.form = Some(VolunteerForm::edit(store, v));
        true
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
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }

    /// Whether the form is open.
    pub fn form_open(&self) -> bool {
        self.form.is_some()
    }
}

/// A filter over keyed choices (communities, teams): 全部 or one of them.
fn keyed_choice(
    ui: &mut egui::Ui,
    title: &str,
    value: &mut Option<String>,
    choices: &[UnitChoice],
) {
    let label = ui.label(title);
    let current = value
        .as_ref()
        .and_then(|id| choices.iter().find(|c| &c.id == id))
        .map_or("全部", |c| c.name.as_str());
    egui::ComboBox::from_id_salt(("filter", title))
        .selected_text(current)
        .width(120.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "全部");
            for c in choices {
                ui.selectable_value(value, Some(c.id.clone()), &c.name);
            }
        })
        .response
        .labelled_by(label.id);
}

/// A filter over fixed texts (政治面貌, 类别, 状态): 全部 or one of them.
fn text_choice(ui: &mut egui::Ui, title: &str, value: &mut Option<String>, choices: &[&str]) {
    let label = ui.label(title);
    egui::ComboBox::from_id_salt(("filter", title))
        .selected_text(value.as_deref().unwrap_or("全部"))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "全部");
            for c in choices {
                ui.selectable_value(value, Some((*c).to_string()), *c);
            }
        })
        .response
        .labelled_by(label.id);
}
