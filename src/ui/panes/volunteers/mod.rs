//! 志愿者: the register as a virtual-scrolled table (numbers masked), the form, the detail of
//! the selected volunteer, and the recycle bin (回收站).

pub mod certificate;
pub mod detail;
mod filters;
pub mod form;
pub mod transfer;

use filters::Listing;

use crate::ui::widgets::dialog::FormOutcome;
use detail::VolunteerDetail;
use form::VolunteerForm;
use transfer::{ExportDialog, ImportDialog};

use super::{AppCtx, Command, Pane};
use crate::domain::hours::{star_label, star_level};
use crate::domain::volunteer::{KINDS, POLITICAL_STATUSES, STATUSES};
use crate::store::Store;
use crate::store::meta::Table;
use crate::store::register::{RegisterFilter, RegisterQuery, SortKey};
use crate::store::volunteers::{PurgeImpact, UnitChoice, Volunteer, VolunteerRow};
use crate::ui::failures::{self, OrReport};
use crate::ui::runner::{self, Poll, Task};
use crate::ui::widgets::bin::{BinBar, BinLook, BinSwitch};
use crate::ui::widgets::paged_table::{self, PagedRows, TableSort};

/// How the bin names volunteers.
const BIN: BinLook<'static> = BinLook {
    id: "volunteers",
    noun: "志愿者",
    measure: "名",
    table: Table::Volunteers,
    takes_along: "其服务记录及队伍、培训、表彰记录",
    on_delete: "其服务记录保留。",
};

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
    bin: BinBar,
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
    /// How many the register shows and, for a filtered register, its ordered row keys, for
    /// the cache key and the search-and-filter shape they were read at.
    listing: Option<(u64, u64, Listing)>,
    /// The listing being read on the runner (a filter over a million volunteers takes a while),
    /// for the cache key it was asked for.
    listing_task: Option<(u64, Task<filters::Read>)>,
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
    /// Whether the register's listing is being read.
    pub fn busy(&self) -> bool {
        self.listing_task.is_some()
    }

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
        // Filtered (or searched and sorted) lists are counted and ordered once per change, on
        // the runner, then paged.
        if in_bin {
            self.rows.sync(cache_key);
            self.list(ui, ctx, None);
        } else {
            let shape = self
                .query_changes
                .wrapping_add(self.sort.changes.wrapping_mul(7_919));
            match self.listing(ui, store, cache_key, shape) {
                Some((listing, fresh)) => {
                    // The rows and total of a stand-in listing are read again once it is fresh.
                    self.rows.sync(if fresh { cache_key } else { !cache_key });
                    self.list(ui, ctx, Some(listing));
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("正在筛选……");
                    });
                }
            }
        }
        self.dialogs(ui, ctx);
    }

    /// The toolbar, the detail panel and the table of the register (`listing`) or the bin.
    fn list(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, listing: Option<Listing>) {
        let store = ctx.store;
        let in_bin = self.in_bin;
        let query = self.query.clone();
        let (count, keys) = match listing {
            Some(l) => (Some(l.count), l.keys),
            None => (None, None),
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
    }

    /// The confirmations, the form and the dialogs, whatever the list is doing.
    fn dialogs(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
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
            self.bin_buttons(ui, ctx, false);
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
            let count = if self.query.search.trim().is_empty() && !self.query.filter.is_active() {
                format!("共 {total} 名志愿者（证件号码和手机已隐去部分数字）")
            } else {
                format!("找到 {total} 名志愿者")
            };
            // Whole, on the next row when the toolbar is full (not broken mid-sentence).
            ui.add(egui::Label::new(count).wrap_mode(egui::TextWrapMode::Extend));
        });
    }

    fn bin_toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, total: usize) {
        ui.horizontal_wrapped(|ui| {
            self.bin_buttons(ui, ctx, true);
            ui.label(format!("回收站中有 {total} 名志愿者"));
        });
    }

    /// The bin's buttons, the same as every list's; removing for good says what goes along.
    fn bin_buttons(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>, in_bin: bool) {
        let selected = self
            .selected
            .as_ref()
            .map(|(_, r)| (r.id.clone(), format!("{}（{}）", r.name, r.number)));
        let store = ctx.store;
        let note = |id: &str| {
            let impact: PurgeImpact = store.purge_impact(id).or_report();
            Some(if impact.certificates > 0 {
                format!(
                    "已为其出具 {} 份志愿服务记录证明，证明登记须保留，不能彻底删除。",
                    impact.certificates
                )
            } else {
                format!("将同时删除其 {} 条服务记录。", impact.participations)
            })
        };
        match self.bin.buttons(ui, &BIN, in_bin, selected, &note) {
            BinSwitch::Stay => {}
            BinSwitch::ToBin => self.switch(true),
            BinSwitch::ToList => self.switch(false),
        }
    }

    fn switch(&mut self, in_bin: bool) {
        self.in_bin = in_bin;
        self.selected = None;
        self.detail = None;
    }

    fn show_confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        if self.bin.confirm(egui_ctx, &BIN, ctx.commands) {
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
            FormOutcome::Editing => {}
            FormOutcome::Cancel => {
                let other = form.take_open_instead();
                self.form = None;
                if let Some(id) = other {
                    self.open(ctx, &id);
                }
            }
            FormOutcome::Save(v) => ctx.commands.push(Command::SaveVolunteer(v)),
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
