//! The import dialog (a spreadsheet in: mapping, check, preview, import) and the roster export
//! dialog (masked by default; whole numbers only after the personal-information duty is
//! acknowledged).

use std::path::PathBuf;

use crate::export::import::{FIELDS, ImportField, OnDuplicate, Verdict};
use crate::export::roster::Numbers;
use crate::export::table::column_letter;
use crate::store::register::RegisterQuery;
use crate::ui::jobs::{ImportPreview, ImportSource};
use crate::ui::panes::{AppCtx, Command};
use crate::ui::theme::palette;

/// Problems listed in the dialog before "……另有 N 条".
const SHOWN_PROBLEMS: usize = 500;
/// Data rows shown in the preview.
const PREVIEW_ROWS: usize = 5;

/// The import dialog.
pub enum ImportDialog {
    /// Choosing the file.
    Choose {
        /// The path typed or picked.
        path: String,
        /// Why the last attempt failed.
        error: Option<String>,
    },
    /// The file read and checked.
    Preview {
        /// File and verdicts.
        preview: Box<ImportPreview>,
        /// The mapping as the clerk edits it.
        mapping: Vec<Option<ImportField>>,
        /// Import the good rows when some are bad.
        take_good_rows: bool,
        /// What to do with volunteers already registered.
        on_duplicate: OnDuplicate,
    },
}

impl Default for ImportDialog {
    fn default() -> Self {
        ImportDialog::Choose {
            path: String::new(),
            error: None,
        }
    }
}

impl ImportDialog {
    /// The checked file arrived from the worker.
    pub fn checked(preview: Box<ImportPreview>) -> Self {
        ImportDialog::Preview {
            mapping: preview.file.mapping.clone(),
            preview,
            take_good_rows: false,
            on_duplicate: OnDuplicate::Skip,
        }
    }

    /// Draws the dialog; returns true when it should close.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        let mut close = false;
        crate::ui::widgets::dialog::form_dialog("import_dialog").show(egui_ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("从 Excel 导入志愿者");
            // The dialog never grows past the window: its body scrolls.
            let max_height = (egui_ctx.content_rect().height() - 120.0).max(200.0);
            egui::ScrollArea::vertical()
                .id_salt("import_dialog_body")
                .max_height(max_height)
                .min_scrolled_height(max_height)
                .show(ui, |ui| self.body(ui, ctx, &mut close));
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        close
    }

    fn body(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>, close: &mut bool) {
        {
            match self {
                ImportDialog::Choose { path, error } => {
                    *close = choose(ui, ctx, path, error);
                }
                ImportDialog::Preview {
                    preview,
                    mapping,
                    take_good_rows,
                    on_duplicate,
                } => {
                    *close = preview_ui(ui, ctx, preview, mapping, take_good_rows, on_duplicate);
                }
            }
        }
    }
}

fn choose(
    ui: &mut egui::Ui,
    ctx: &mut AppCtx<'_>,
    path: &mut String,
    error: &mut Option<String>,
) -> bool {
    ui.label("支持 .xlsx、.xls 和 .csv（UTF-8 或 GBK 编码）。程序会自动找到表头行，并按“姓名、性别、身份证号、手机号码、政治面貌、所在社区”等列名对应各列。");
    ui.add_space(6.0);
    let mut read = false;
    ui.horizontal(|ui| {
        let label = ui.label("文件");
        let edit = ui
            .add(egui::TextEdit::singleline(path).desired_width(480.0))
            .labelled_by(label.id);
        if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            read = true;
        }
        if ui.button("浏览…").clicked()
            && let Some(p) = rfd::FileDialog::new()
                .set_title("选择要导入的名册")
                .add_filter("表格文件", &["xlsx", "xls", "csv"])
                .pick_file()
        {
            *path = p.display().to_string();
        }
    });
    if let Some(e) = error {
        ui.colored_label(palette::ERROR, e.as_str());
    }
    let mut close = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!path.trim().is_empty(), egui::Button::new("读取并检查"))
            .clicked()
        {
            read = true;
        }
        if ui.button("取消").clicked() {
            close = true;
        }
    });
    if read && !path.trim().is_empty() {
        let p = PathBuf::from(path.trim());
        if p.is_file() {
            *error = None;
            ctx.commands
                .push(Command::CheckImport(ImportSource::Path(p)));
        } else {
            *error = Some(format!("找不到文件“{}”", path.trim()));
        }
    }
    close
}

fn field_name(f: Option<ImportField>) -> &'static str {
    f.map_or("（不导入）", ImportField::label)
}

fn preview_ui(
    ui: &mut egui::Ui,
    ctx: &mut AppCtx<'_>,
    preview: &ImportPreview,
    mapping: &mut [Option<ImportField>],
    take_good_rows: &mut bool,
    on_duplicate: &mut OnDuplicate,
) -> bool {
    let file = &preview.file;
    let data_rows = preview.checked.rows.len();
    ui.label(format!(
        "文件：{}　表头在第 {} 行，数据 {} 行",
        preview.path.display(),
        file.header_row + 1,
        data_rows
    ));
    ui.add_space(4.0);
    ui.strong("列对应关系（可以改正）");
    egui::ScrollArea::vertical()
        .id_salt("import_mapping")
        .max_height(190.0)
        .show(ui, |ui| {
            egui::Grid::new("import_mapping_grid")
                .striped(true)
                .show(ui, |ui| {
                    for (i, header) in file.headers.iter().enumerate() {
                        ui.label(format!("{}列", column_letter(i)));
                        let header_label = ui.label(if header.is_empty() {
                            "（空）"
                        } else {
                            header
                        });
                        let slot = &mut mapping[i];
                        egui::ComboBox::from_id_salt(("map", i))
                            .selected_text(field_name(*slot))
                            .width(180.0)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(slot, None, "（不导入）");
                                for (f, name, _) in FIELDS {
                                    ui.selectable_value(slot, Some(f), name);
                                }
                            })
                            .response
                            .labelled_by(header_label.id);
                        let sample = file
                            .rows
                            .get(file.header_row + 1)
                            .and_then(|r| r.get(i))
                            .map_or("", |c| c.text.as_str());
                        ui.weak(format!("例：{sample}"));
                        ui.end_row();
                    }
                });
        });
    let remapped = mapping != file.mapping.as_slice();
    if remapped {
        ui.horizontal(|ui| {
            ui.colored_label(palette::WARNING, "列对应关系已改动，需要重新检查。");
            if ui.button("按新的对应关系重新检查").clicked() {
                let mut f = file.clone();
                f.mapping = mapping.to_vec();
                ctx.commands
                    .push(Command::CheckImport(ImportSource::Remapped(
                        preview.path.clone(),
                        Box::new(f),
                    )));
            }
        });
    }
    ui.separator();
    let (new, duplicates, bad) = preview.checked.counts();
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(palette::OK, format!("可导入的新志愿者 {new} 名"));
        ui.label(format!("已在名册中（证件号码相同） {duplicates} 名"));
        let color = if bad > 0 {
            palette::ERROR
        } else {
            palette::MUTED
        };
        ui.colored_label(color, format!("有错误的行 {bad} 行"));
    });
    preview_rows(ui, preview);
    if bad > 0 {
        ui.strong("错误清单");
        egui::ScrollArea::vertical()
            .id_salt("import_problems")
            .max_height(150.0)
            .show(ui, |ui| {
                let mut shown = 0;
                for p in preview.checked.problems().take(SHOWN_PROBLEMS) {
                    ui.colored_label(palette::ERROR, p.to_string());
                    shown += 1;
                }
                let all = preview.checked.problems().count();
                if all > shown {
                    ui.label(format!("……另有 {} 条", all - shown));
                }
            });
    }
    ui.separator();
    if bad > 0 {
        ui.horizontal(|ui| {
            ui.label("有错误时：");
            ui.radio_value(take_good_rows, false, "不导入任何记录");
            ui.radio_value(
                take_good_rows,
                true,
                format!("只导入正确的行（跳过 {bad} 行）"),
            );
        });
    }
    if duplicates > 0 {
        ui.horizontal(|ui| {
            ui.label("已在名册中的志愿者：");
            ui.radio_value(on_duplicate, OnDuplicate::Skip, "跳过");
            ui.radio_value(on_duplicate, OnDuplicate::Update, "用文件中的内容更新");
        });
    }
    let mut close = false;
    ui.horizontal(|ui| {
        let can = !remapped && new + duplicates > 0 && (bad == 0 || *take_good_rows);
        let start = ui
            .add_enabled(can, egui::Button::new("开始导入"))
            .on_disabled_hover_text("有错误的行时，请先改正文件，或选择“只导入正确的行”");
        if start.clicked() {
            ctx.commands.push(Command::RunImport {
                preview: Box::new(preview.clone()),
                take_good_rows: *take_good_rows,
                on_duplicate: *on_duplicate,
            });
            close = true;
        }
        if ui.button("取消").clicked() {
            close = true;
        }
    });
    close
}

/// The first rows as they would be imported.
fn preview_rows(ui: &mut egui::Ui, preview: &ImportPreview) {
    let rows: Vec<_> = preview.checked.rows.iter().take(PREVIEW_ROWS).collect();
    if rows.is_empty() {
        return;
    }
    ui.strong(format!("前 {} 行预览", rows.len()));
    let name_column = preview
        .file
        .mapping
        .iter()
        .position(|f| *f == Some(ImportField::Name));
    egui::Grid::new("import_preview")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "行",
                "结果",
                "姓名",
                "性别",
                "证件号码",
                "手机",
                "志愿者编号",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for (row, verdict) in rows {
                ui.label(row.to_string());
                match verdict {
                    Verdict::New(v) | Verdict::Duplicate(_, v) => {
                        let what = if matches!(verdict, Verdict::New(_)) {
                            "新增"
                        } else {
                            "已在名册中"
                        };
                        ui.label(what);
                        ui.label(&v.name);
                        ui.label(&v.gender);
                        ui.label(crate::domain::id_number::mask(&v.id_number));
                        ui.label(crate::domain::phone::mask_mobile(&v.mobile));
                        ui.label(&v.number);
                    }
                    Verdict::Bad(p) => {
                        ui.colored_label(palette::ERROR, format!("有错误（{} 处）", p.len()));
                        let name = name_column
                            .and_then(|c| preview.file.rows.get(row - 1)?.get(c))
                            .map_or("", |c| c.text.as_str());
                        ui.label(name);
                    }
                }
                ui.end_row();
            }
        });
}

/// The roster export dialog.
pub struct ExportDialog {
    path: String,
    full: bool,
    acknowledged: bool,
}

impl ExportDialog {
    /// A dialog offering a file in the user's documents folder named after today.
    pub fn new(today: chrono::NaiveDate) -> Self {
        let dir = crate::paths::documents_dir();
        let name = format!("志愿者名册-{}.xlsx", crate::domain::dates::compact(today));
        ExportDialog {
            path: dir.join(name).display().to_string(),
            full: false,
            acknowledged: false,
        }
    }

    /// Draws the dialog; returns true when it should close.
    pub fn show(
        &mut self,
        egui_ctx: &egui::Context,
        ctx: &mut AppCtx<'_>,
        query: &RegisterQuery,
        total: usize,
    ) -> bool {
        let mut close = false;
        crate::ui::widgets::dialog::form_dialog("export_dialog").show(egui_ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("导出志愿者名册");
            ui.label(format!(
                "按当前的查找、筛选和排序导出 {total} 名志愿者，格式由文件扩展名决定（.xlsx 或 .csv）。"
            ));
            ui.horizontal(|ui| {
                let label = ui.label("保存到");
                ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(380.0))
                    .labelled_by(label.id);
                if ui.button("浏览…").clicked()
                    && let Some(p) = rfd::FileDialog::new()
                        .set_title("导出志愿者名册")
                        .add_filter("Excel 工作簿", &["xlsx"])
                        .add_filter("CSV 文件", &["csv"])
                        .set_file_name(
                            PathBuf::from(&self.path)
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                        )
                        .save_file()
                {
                    self.path = p.display().to_string();
                }
            });
            let may = crate::ui::widgets::dialog::whole_numbers(
                ui,
                (&mut self.full, &mut self.acknowledged),
                ("证件号码和手机号码", "名册"),
                "默认隐去证件号码和手机号码的中间数字（如 120116********123X、138****0001）。",
            );
            let ext = PathBuf::from(self.path.trim())
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let ext_ok = ext == "xlsx" || ext == "csv";
            if !ext_ok {
                ui.colored_label(palette::ERROR, "文件名须以 .xlsx 或 .csv 结尾");
            }
            ui.horizontal(|ui| {
                let can = ext_ok && total > 0 && may;
                if ui.add_enabled(can, egui::Button::new("导出")).clicked() {
                    ctx.commands.push(Command::ExportRoster {
                        query: query.clone(),
                        out: PathBuf::from(self.path.trim()),
                        numbers: if self.full {
                            Numbers::Full
                        } else {
                            Numbers::Masked
                        },
                    });
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
        close
    }
}
