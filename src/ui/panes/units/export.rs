//! 导出联络表: which units (the one selected, every unit, or one kind), the contacts of which
//! day, and the file (PDF to print and fax, Word, Excel).

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::dates;
use crate::store::units::{UNIT_KINDS, UnitRow};
use crate::ui::failures::OrReport;
use crate::ui::panes::{AppCtx, Command};
use crate::ui::theme::palette;

/// Which units go in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    Selected,
    All,
    Kind(String),
}

/// The export dialog.
pub struct ExportDialog {
    selected: Vec<String>,
    selected_name: Option<String>,
    scope: Scope,
    date: String,
    folder: String,
    name: String,
    format: &'static str,
}

impl ExportDialog {
    /// A dialog for the selected unit (if any) as of `today`, into the documents folder.
    pub fn new(today: NaiveDate, selected: Vec<String>, row: Option<&UnitRow>) -> Self {
        let folder = crate::paths::documents_dir();
        ExportDialog {
            scope: if selected.is_empty() {
                Scope::All
            } else {
                Scope::Selected
            },
            selected,
            selected_name: row.map(|r| r.name.clone()),
            date: dates::iso(today),
            folder: folder.display().to_string(),
            name: format!(
                "志愿服务工作负责人联络表-{}",
                crate::domain::dates::compact(today)
            ),
            format: "pdf",
        }
    }

    /// Draws the dialog; returns true when it should close.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        let mut close = false;
        let date = dates::parse(&self.date);
        crate::ui::widgets::dialog::form_dialog("contact_export").show(egui_ctx, |ui| {
            ui.set_width(580.0);
            ui.heading("导出志愿服务工作负责人联络表");
            ui.horizontal_wrapped(|ui| {
                ui.label("单位：");
                if let Some(name) = &self.selected_name {
                    ui.radio_value(
                        &mut self.scope,
                        Scope::Selected,
                        format!("选中的单位（{name}）"),
                    );
                }
                ui.radio_value(&mut self.scope, Scope::All, "全部单位（汇总表）");
                let kind = match &self.scope {
                    Scope::Kind(k) => k.clone(),
                    _ => String::new(),
                };
                let label = ui.label("或某类单位");
                egui::ComboBox::from_id_salt("export_kind")
                    .selected_text(if kind.is_empty() {
                        "（选择类型）"
                    } else {
                        kind.as_str()
                    })
                    .show_ui(ui, |ui| {
                        for k in UNIT_KINDS {
                            ui.selectable_value(&mut self.scope, Scope::Kind(k.to_string()), k);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                let label = ui.label("联系人按此日期");
                crate::ui::widgets::date_picker::date_field(
                    ui,
                    "contact_export_date",
                    &mut self.date,
                )
                .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                ui.label("格式：");
                ui.radio_value(&mut self.format, "pdf", "PDF（打印盖章后传真）");
                ui.radio_value(&mut self.format, "docx", "Word 文档");
                ui.radio_value(&mut self.format, "xlsx", "Excel 表格");
            });
            ui.horizontal(|ui| {
                let label = ui.label("保存到文件夹");
                ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(330.0))
                    .labelled_by(label.id);
                if ui.button("浏览…").clicked()
                    && let Some(p) = rfd::FileDialog::new()
                        .set_title("选择保存联络表的文件夹")
                        .set_directory(&self.folder)
                        .pick_folder()
                {
                    self.folder = p.display().to_string();
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("文件名");
                ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(330.0))
                    .labelled_by(label.id);
                ui.label(format!(".{}", self.format));
            });
            let folder = PathBuf::from(self.folder.trim());
            let mut problems = Vec::new();
            if let Err(e) = &date {
                problems.push(format!("日期：{e}"));
            }
            if !folder.is_dir() {
                problems.push(format!("保存到文件夹：“{}”不存在", folder.display()));
            }
            let name = self.name.trim();
            if name.is_empty() || name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) {
                problems.push("文件名：不能为空，也不能含 / \\ : * ? \" < > |".into());
            }
            for p in &problems {
                ui.colored_label(palette::ERROR, p);
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(problems.is_empty(), egui::Button::new("生成联络表"))
                    .clicked()
                    && let Ok(day) = date
                {
                    let unit_ids = match &self.scope {
                        Scope::Selected => self.selected.clone(),
                        Scope::All => Vec::new(),
                        Scope::Kind(k) => ctx
                            .store
                            .unit_page("", Some(k), false, 0, 100_000)
                            .or_report()
                            .into_iter()
                            .map(|r| r.id)
                            .collect(),
                    };
                    if unit_ids.is_empty() && matches!(self.scope, Scope::Kind(_)) {
                        return;
                    }
                    ctx.commands.push(Command::ExportContactForm {
                        unit_ids,
                        date: day,
                        out: folder.join(format!("{name}.{}", self.format)),
                    });
                    close = true;
                }
                if ui.button("取消").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        close
    }
}
