//! 志愿者: the register as a virtual-scrolled table (numbers masked), the form, the detail of
//! the selected volunteer, and the recycle bin (回收站).

pub mod certificate;
pub mod detail;
mod filters;
pub mod form;
pub mod transfer;

use filters::{READER, RegisterFilters};

use crate::ui::widgets::dialog::FormOutcome;
use detail::VolunteerDetail;
use form::VolunteerForm;
use transfer::{ExportDialog, ImportDialog};

use super::{AppCtx, Command, Pane};
use crate::domain::hours::{star_label, star_level};
use crate::store::meta::Table;
use crate::store::register::SortKey;
use crate::store::volunteers::{PurgeImpact, Volunteer, VolunteerRow};
use crate::ui::failures::OrReport;
use crate::ui::widgets::record_list::{ListLook, ListRow, RecordList};

/// How the register looks: its names, its search and its columns.
const LOOK: ListLook<'static> = ListLook {
    id: "volunteers",
    noun: "志愿者",
    measure: "名",
    table: Table::Volunteers,
    search_label: "查找",
    search_hint: "姓名、拼音或首字母（如 zs）、志愿者编号、手机或证件号后几位",
    count_note: "（证件号码和手机已隐去部分数字）",
    categories: ("", &[]),
    statuses: None,
    columns: COLUMNS,
    takes_along: "其服务记录及队伍、培训、表彰记录",
    on_delete: "其服务记录保留。",
    export: None,
};

/// The volunteer pane.
pub struct VolunteersPane {
    list: RecordList<VolunteerRow, RegisterFilters>,
    form: Option<VolunteerForm>,
    detail: Option<VolunteerDetail>,
    import: Option<ImportDialog>,
    export: Option<(ExportDialog, usize)>,
    certificate: Option<certificate::IssueDialog>,
    register: Option<certificate::RegisterDialog>,
    /// 导出到平台… (志愿者批量导入).
    platform: Option<super::platform_ask::PlatformAsk>,
    /// The last certificate written, for 打印 / 打开所在文件夹.
    exported: Option<std::path::PathBuf>,
}

impl Default for VolunteersPane {
    fn default() -> Self {
        VolunteersPane {
            // By number, ascending.
            list: RecordList::sorted(0, false),
            form: None,
            detail: None,
            import: None,
            export: None,
            certificate: None,
            register: None,
            platform: None,
            exported: None,
        }
    }
}

impl ListRow for VolunteerRow {
    fn key(&self) -> &str {
        &self.id
    }
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
    /// Whether its form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(|f| f.unsaved())
    }

    /// Whether the register's count or a page of it is being read.
    pub fn busy(&self) -> bool {
        self.list.busy()
    }

    /// Draws the pane: the register (counted and paged on the runner; a filter over a million
    /// volunteers takes a while, and the last rows stand in meanwhile) or its bin.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let in_bin = self.list.in_bin();
        self.list.heading(ui, &LOOK, Pane::Volunteers.heading());
        if !in_bin {
            self.toolbar(ui, ctx);
            self.list.filters(ui, &LOOK, ctx);
        } else {
            ui.horizontal_wrapped(|ui| self.bin_buttons(ui, ctx));
        }
        ui.separator();
        let selected = self
            .list
            .selected()
            .filter(|_| !in_bin)
            .map(|r| r.id.clone());
        if selected.as_deref() != self.detail.as_ref().map(VolunteerDetail::id) {
            self.detail = selected.map(VolunteerDetail::new);
        }
        if let Some(detail) = &mut self.detail {
            egui::Panel::right("volunteer_detail")
                .default_size(430.0)
                .show(ui, |ui| detail.ui(ui, ctx));
        }
        if let Some(row) = self.list.table(ui, &LOOK, ctx, &READER, &cells) {
            self.open(ctx, &row.id);
        }
        self.dialogs(ui, ctx);
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
            && dialog.show(ui.ctx(), ctx, &self.list.query().0, *total)
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
        if let Some(dialog) = &mut self.platform
            && dialog.show(ui.ctx(), ctx)
        {
            self.platform = None;
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

    fn toolbar(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
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
            let selected = self.list.selected().cloned();
            let edit = ui
                .add_enabled(selected.is_some(), egui::Button::new("编辑"))
                .on_hover_text("编辑选中的志愿者（也可双击一行）");
            if let Some(row) = selected.as_ref().filter(|_| edit.clicked()) {
                self.open(ctx, &row.id);
            }
            self.bin_buttons(ui, ctx);
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
                let total = self.list.total();
                self.export = Some((ExportDialog::new(ctx.today), total));
            }
            if ui
                .button("导出到平台…")
                .on_hover_text("按平台模板的列导出当前查找和筛选到的志愿者，供平台的志愿者批量导入")
                .clicked()
            {
                self.platform = Some(super::platform_ask::PlatformAsk::for_volunteers(
                    store,
                    ctx.today,
                    self.list.query().0,
                ));
            }
            let issue = ui
                .add_enabled(selected.is_some(), egui::Button::new("出具记录证明…"))
                .on_hover_text("为选中的志愿者出具志愿服务记录证明（PDF，编号登记）");
            if let Some(row) = selected.filter(|_| issue.clicked())
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
        });
    }

    /// The bin's buttons, the same as every list's; removing for good says what goes along.
    fn bin_buttons(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
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
        self.list
            .bin_buttons_noted(ui, &LOOK, &|r| format!("{}（{}）", r.name, r.number), &note);
    }

    fn show_confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        self.list.confirm(egui_ctx, ctx, &LOOK);
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
