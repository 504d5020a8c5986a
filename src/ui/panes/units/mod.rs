//! 单位与联络表: the units (search, kind), the unit form with its contact persons and their
//! history, the 联络表 export (PDF to print, Word, Excel), and whether this year's 联络表 was
//! submitted.

pub mod export;
pub mod form;

use std::path::PathBuf;

use chrono::Datelike;

use super::{AppCtx, BinAction, Command, Pane};
use crate::domain::dates::chinese as chinese_date;
use crate::store::meta::Table;
use crate::store::paperwork::Submission;
use crate::store::units::{UNIT_KINDS, Unit, UnitRow};
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::FormOutcome;
use crate::ui::widgets::paged_table::{self, PagedRows};

/// The document a 联络表 submission is recorded as.
pub const CONTACT_FORM_DOCUMENT: &str = "负责人联络表";

/// The unit pane.
#[derive(Default)]
pub struct UnitsPane {
    rows: PagedRows<UnitRow>,
    search: String,
    kind: Option<String>,
    changes: u64,
    selected: Option<(usize, UnitRow)>,
    form: Option<form::UnitForm>,
    export: Option<export::ExportDialog>,
    /// The file the list's export dialog offers, while it is open.
    list_export: Option<crate::ui::widgets::dialog::ListExportAsk>,
    /// How many units the list shows, as last counted.
    shown: usize,
    /// The last file written, for 打开 / 打印 / 打开所在文件夹.
    exported: Option<PathBuf>,
    confirm_delete: Option<UnitRow>,
    submission: Option<SubmissionForm>,
    /// This year's submissions, for the data version they were read at.
    submitted: Option<(u64, Vec<Submission>)>,
    open_error: Option<String>,
    /// Showing the recycle bin.
    in_bin: bool,
}

/// Recording a submission of the 联络表.
struct SubmissionForm {
    date: String,
    method: String,
}

/// The columns of the list, shared with its export (which masks the mobile).
const COLUMNS: &[(&str, f32)] = crate::ops::lists::UNITS.columns;

impl UnitsPane {
    /// Whether its form holds changes not saved yet.
    pub fn unsaved(&self) -> bool {
        self.form.as_ref().is_some_and(form::UnitForm::unsaved)
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let store = ctx.store;
        let selected = self.selected.as_ref().map(|s| s.1.clone());
        if self.in_bin {
            ui.heading("回收站：已删除的单位");
            ui.horizontal_wrapped(|ui| {
                let restore = ui.add_enabled(selected.is_some(), egui::Button::new("恢复单位"));
                if let Some(row) = selected.as_ref().filter(|_| restore.clicked()) {
                    ctx.commands.push(Command::Bin {
                        table: Table::Units,
                        id: row.id.clone(),
                        action: BinAction::Restore,
                        what: format!("单位“{}”", row.name),
                    });
                    self.selected = None;
                }
                if ui.button("返回列表").clicked() {
                    self.in_bin = false;
                    self.selected = None;
                    self.changes += 1;
                }
            });
        } else {
            ui.heading(Pane::Units.heading());
        }
        ui.horizontal_wrapped(|ui| {
            if self.in_bin {
                return;
            }
            if ui.button("新增单位").clicked() {
                self.form = Some(form::UnitForm::new(store, ctx.today));
            }
            let edit = ui
                .add_enabled(selected.is_some(), egui::Button::new("编辑单位"))
                .on_hover_text("修改选中的单位和联系人（也可双击一行）");
            if let Some(row) = selected.as_ref().filter(|_| edit.clicked()) {
                self.open(ctx, &row.id);
            }
            let delete = ui
                .add_enabled(selected.is_some(), egui::Button::new("删除单位"))
                .on_hover_text("移入回收站");
            if let Some(row) = selected.as_ref().filter(|_| delete.clicked()) {
                self.confirm_delete = Some(row.clone());
            }
            if ui
                .button("导出联络表…")
                .on_hover_text("生成志愿服务工作负责人联络表（PDF 打印盖章传真，或 Word、Excel）")
                .clicked()
            {
                let ids: Vec<String> = selected.iter().map(|r| r.id.clone()).collect();
                self.export = Some(export::ExportDialog::new(ctx.today, ids, selected.as_ref()));
            }
            if ui
                .button("导出…")
                .on_hover_text("按当前的查找和类型导出为 Excel 工作簿（手机默认隐去中间数字）")
                .clicked()
            {
                let name = format!("单位列表-{}.xlsx", crate::domain::dates::compact(ctx.today));
                self.list_export = Some(crate::ui::widgets::dialog::ListExportAsk::new(&name));
            }
            if ui.button("单位回收站").clicked() {
                self.in_bin = true;
                self.selected = None;
                self.changes += 1;
            }
        });
        self.submission_line(ui, ctx);
        if let Some(path) = self.exported.clone()
            && let Some(e) = crate::ui::system::file_bar(ui, &path)
        {
            self.open_error = Some(e);
        }
        if let Some(e) = &self.open_error {
            ui.colored_label(palette::ERROR, e);
        }
        let before = (self.search.clone(), self.kind.clone());
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("查找单位");
            ui.add(egui::TextEdit::singleline(&mut self.search).desired_width(180.0))
                .labelled_by(label.id);
            let label = ui.label("类型");
            egui::ComboBox::from_id_salt("unit_kind_filter")
                .selected_text(self.kind.as_deref().unwrap_or("全部"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.kind, None, "全部");
                    for k in UNIT_KINDS {
                        ui.selectable_value(&mut self.kind, Some(k.to_string()), k);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if before != (self.search.clone(), self.kind.clone()) {
            self.changes += 1;
            self.selected = None;
        }
        self.rows.sync(
            ctx.version
                .wrapping_mul(1_000_003)
                .wrapping_add(self.changes),
        );
        let (search, kind, in_bin) = (self.search.clone(), self.kind.clone(), self.in_bin);
        let total = self
            .rows
            .total(|| store.unit_count(&search, kind.as_deref(), in_bin));
        self.shown = total;
        ui.label(format!("共 {total} 个单位"));
        ui.separator();
        let clicks = paged_table::show(
            ui,
            "units",
            self.selected.as_ref().map(|s| s.0),
            COLUMNS,
            None,
            &mut self.rows,
            total,
            &mut |offset, limit| store.unit_page(&search, kind.as_deref(), in_bin, offset, limit),
            &|r| {
                vec![
                    r.name.clone(),
                    r.kind.clone(),
                    r.parent_name.clone(),
                    r.phone.clone(),
                    r.contact_name.clone(),
                    r.contact_mobile.clone(),
                ]
            },
        );
        if let Some(i) = clicks.clicked.or(clicks.opened) {
            self.selected = self.rows.cached(i).map(|r| (i, r.clone()));
        }
        if let Some(id) = clicks
            .opened
            .filter(|_| !self.in_bin)
            .and_then(|i| self.rows.cached(i))
            .map(|r| r.id.clone())
        {
            self.open(ctx, &id);
        }
        self.dialogs(ui.ctx(), ctx);
    }

    fn open(&mut self, ctx: &AppCtx<'_>, id: &str) {
        if let Ok(unit) = ctx.store.get::<Unit>(id) {
            self.form = Some(form::UnitForm::edit(ctx.store, unit, ctx.today));
        }
    }

    /// This year's 联络表: submitted when and how, or 登记报送….
    fn submission_line(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let year = ctx.today.year();
        if self.submitted.as_ref().map(|s| s.0) != Some(ctx.version) {
            let list = ctx
                .store
                .submissions_of(year, CONTACT_FORM_DOCUMENT)
                .or_report();
            self.submitted = Some((ctx.version, list));
        }
        let list = self.submitted.as_ref().map_or(&[][..], |s| s.1.as_slice());
        ui.horizontal_wrapped(|ui| {
            match list.first() {
                Some(s) => {
                    ui.colored_label(
                        palette::OK,
                        format!(
                            "{year}年联络表已于{}以{}报送。",
                            chinese_date(s.submitted_on),
                            s.method
                        ),
                    );
                }
                None => {
                    ui.colored_label(
                        palette::WARNING,
                        format!("{year}年联络表尚未登记报送（截止 3月5日）。"),
                    );
                }
            }
            if ui.button("登记报送…").clicked() {
                self.submission = Some(SubmissionForm {
                    date: crate::domain::dates::iso(ctx.today),
                    method: "传真".into(),
                });
            }
        });
    }

    fn dialogs(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) {
        if let Some(form) = &mut self.form {
            match form.show(egui_ctx, ctx.store, ctx.today) {
                FormOutcome::Editing => {}
                FormOutcome::Cancel => self.form = None,
                FormOutcome::Save((unit, contact, from)) => ctx.commands.push(Command::SaveUnit {
                    unit,
                    contact,
                    from,
                }),
            }
        }
        if let Some(dialog) = &mut self.export
            && dialog.show(egui_ctx, ctx)
        {
            self.export = None;
        }
        if let Some(ask) = &mut self.list_export {
            let total = self.shown;
            let said = format!(
                "按当前的查找和类型导出 {total} 个单位及其具体负责同志，格式为 Excel 工作簿（.xlsx）。"
            );
            match ask.show(
                egui_ctx,
                crate::ops::lists::ListName::Units,
                &said,
                total > 0,
            ) {
                Some(true) => {
                    ctx.commands.push(Command::ExportList {
                        list: crate::ops::lists::ListName::Units,
                        query: crate::store::lists::ListQuery {
                            text: self.search.trim().to_string(),
                            category: self.kind.clone(),
                            ..crate::store::lists::ListQuery::search("")
                        },
                        out: PathBuf::from(ask.path.trim()),
                        numbers: ask.numbers(),
                    });
                    self.list_export = None;
                }
                Some(false) => self.list_export = None,
                None => {}
            }
        }
        if let Some(row) = &self.confirm_delete {
            let mut close = false;
            egui::Modal::new(egui::Id::unique("unit_delete")).show(egui_ctx, |ui| {
                ui.set_width(420.0);
                ui.label(format!(
                    "将单位“{}”移入回收站？其志愿者、活动和联系人记录不受影响，单位可以恢复。",
                    row.name
                ));
                ui.horizontal(|ui| {
                    if ui.button("移入回收站").clicked() {
                        ctx.commands.push(Command::Bin {
                            table: Table::Units,
                            id: row.id.clone(),
                            action: BinAction::Delete,
                            what: format!("单位“{}”", row.name),
                        });
                        close = true;
                    }
                    if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        close = true;
                    }
                });
            });
            if close {
                self.confirm_delete = None;
                self.selected = None;
            }
        }
        if let Some(s) = &mut self.submission {
            let mut close = false;
            let date = crate::domain::dates::parse(&s.date);
            egui::Modal::new(egui::Id::unique("submission")).show(egui_ctx, |ui| {
                ui.set_width(420.0);
                ui.heading(format!("登记{}年联络表报送", ctx.today.year()));
                ui.horizontal(|ui| {
                    let label = ui.label("报送日期");
                    crate::ui::widgets::date_picker::date_field(ui, "submission_date", &mut s.date)
                        .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    ui.label("方式");
                    for m in ["传真", "邮件", "现场"] {
                        ui.radio_value(&mut s.method, m.to_string(), m);
                    }
                });
                if let Err(e) = &date {
                    ui.colored_label(palette::ERROR, format!("报送日期：{e}"));
                }
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(date.is_ok(), egui::Button::new("登记"))
                        .clicked()
                        && let Ok(day) = date
                    {
                        ctx.commands
                            .push(Command::SaveSubmission(Box::new(Submission {
                                year: ctx.today.year() as i64,
                                document: CONTACT_FORM_DOCUMENT.into(),
                                submitted_on: day,
                                method: s.method.clone(),
                                ..Default::default()
                            })));
                        close = true;
                    }
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
            });
            if close {
                self.submission = None;
            }
        }
    }

    /// The outcome of a save the form asked for.
    pub fn saved(&mut self, result: Result<(), String>) {
        super::saved(&mut self.form, result, |form, e| form.save_error = Some(e));
    }

    /// A document was written: offer to open, print or show it.
    pub fn exported(&mut self, path: PathBuf) {
        self.exported = Some(path);
        self.open_error = None;
    }
}
