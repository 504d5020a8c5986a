//! 导出到平台…: the service records of a period (or the listed activities) — or, from the
//! register, its volunteers — for batch entry into 志愿滨海 or the national system, in the
//! columns of a template the clerk brought (添加模板…: the file the platform offers, typed or
//! picked; each column matched by its header, corrected here) or the built-in one; whole ID
//! numbers only after the reminder; the activities marked 已录入平台 when asked; several files
//! when the platform takes fewer rows at once.

use super::ledger_ask::{period_of, period_picker, scope_picker};
use super::{AppCtx, Command};
use crate::domain::platform::{BUILTIN, Column, PLATFORM_FIELDS, Template};
use crate::export::roster::Numbers;
use crate::ops::platform::{Batch, Covering};
use crate::store::report::Scope;
use crate::ui::failures::OrReport;
use crate::ui::widgets::dialog::{export_buttons, form_dialog, path_row, whole_numbers};

/// The dialog, while it is open.
pub struct PlatformAsk {
    year: i32,
    part: usize,
    scopes: Vec<Scope>,
    scope: Scope,
    /// The saved templates (name, file) as of a data version.
    templates: Option<(u64, Vec<(String, String)>)>,
    template: String,
    /// The chosen template's columns, as read (and corrected here).
    columns: Option<Template>,
    full: bool,
    acknowledged: bool,
    mark: bool,
    by: String,
    /// The activity list's query, when asked from it; `listed` exports what it shows.
    list: Option<crate::store::lists::ListQuery>,
    listed: bool,
    /// The register's query, when asked from it: the volunteers are exported.
    register: Option<crate::store::register::RegisterQuery>,
    /// A template file to add (as typed or picked), and the name to save it under.
    adding: Option<(String, String)>,
    /// Files of at most `per_file` rows.
    split: bool,
    per_file: usize,
    path: String,
}

impl PlatformAsk {
    /// The dialog on last month, the whole unit, the built-in template; `list` is the activity
    /// list's query, offered as 活动列表中显示的活动.
    pub fn new(
        store: &crate::store::Store,
        today: chrono::NaiveDate,
        list: Option<crate::store::lists::ListQuery>,
    ) -> Self {
        let (year, part) = super::ledger_ask::last_month(today);
        PlatformAsk {
            year,
            part,
            scopes: store.report_scopes().or_report(),
            scope: Scope::All,
            templates: None,
            template: BUILTIN.to_string(),
            columns: None,
            full: false,
            acknowledged: false,
            mark: false,
            by: String::new(),
            list,
            listed: false,
            register: None,
            adding: None,
            split: false,
            per_file: 5_000,
            path: crate::paths::documents_dir()
                .join("平台导入-服务记录.xlsx")
                .display()
                .to_string(),
        }
    }

    /// The dialog for the register's volunteers as `query` finds them (志愿者批量导入).
    pub fn for_volunteers(
        store: &crate::store::Store,
        today: chrono::NaiveDate,
        query: crate::store::register::RegisterQuery,
    ) -> Self {
        PlatformAsk {
            register: Some(query),
            path: crate::paths::documents_dir()
                .join("平台导入-志愿者.xlsx")
                .display()
                .to_string(),
            ..Self::new(store, today, None)
        }
    }

    /// Draws the dialog; returns true when it closes.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        if self.templates.as_ref().map(|t| t.0) != Some(ctx.version) {
            // The columns being corrected stay as they are.
            self.templates = Some((ctx.version, ctx.store.platform_templates().or_report()));
        }
        if self.columns.as_ref().map(|c| c.name.as_str()) != Some(self.template.as_str()) {
            self.columns = if self.template == BUILTIN {
                Some(Template::builtin())
            } else {
                ctx.store
                    .platform_template(&self.template)
                    .or_report()
                    .map(|s| s.template)
            };
        }
        let mut close = false;
        let volunteers = self.register.is_some();
        form_dialog("platform_ask").show(egui_ctx, |ui| {
            ui.set_width(640.0);
            if volunteers {
                ui.heading("导出志愿者到平台");
                ui.label("把名册中的志愿者（按当前的查找和筛选，每人一行）按平台模板的列写入 Excel，供平台的志愿者批量导入。");
            } else {
                ui.heading("导出到平台");
                ui.label("把期间内已完成活动的服务记录（每人每场一行）按平台模板的列写入 Excel，供志愿滨海或全国志愿服务信息系统批量导入。");
            }
            self.template_row(ui, ctx);
            self.columns_section(ui, ctx);
            if self.list.is_some() {
                ui.horizontal(|ui| {
                    ui.radio_value(&mut self.listed, false, "期间内已完成的活动");
                    ui.radio_value(
                        &mut self.listed,
                        true,
                        "活动列表中显示的活动（按当前的查找和筛选，只导出其中已完成的）",
                    );
                });
            }
            if !self.listed && !volunteers {
                period_picker(ui, "platform_part", &mut self.year, &mut self.part);
                scope_picker(ui, "platform_scope", &mut self.scope, &self.scopes);
            }
            let numbers = self.columns.as_ref().is_some_and(Template::has_numbers);
            let may = !numbers
                || whole_numbers(
                    ui,
                    (&mut self.full, &mut self.acknowledged),
                    ("证件号码和手机号码", "文件"),
                    "默认隐去证件号码和手机号码的中间数字；平台导入通常需要完整号码。",
                );
            if !volunteers {
                ui.horizontal(|ui| {
                    ui.checkbox(&mut self.mark, "导出后把这些活动标记为已录入平台");
                    if self.mark {
                        let label = ui.label("录入人");
                        ui.add(egui::TextEdit::singleline(&mut self.by).desired_width(120.0))
                            .labelled_by(label.id);
                    }
                });
            }
            ui.horizontal(|ui| {
                ui.checkbox(&mut self.split, "每个文件至多")
                    .on_hover_text("平台一次导入的行数有上限时，分成几个文件：名称-1.xlsx、名称-2.xlsx ……；同一场活动尽量在一个文件里");
                ui.add_enabled(
                    self.split,
                    egui::DragValue::new(&mut self.per_file).range(100..=1_000_000),
                );
                ui.label("行");
            });
            let ok = path_row(ui, "导出到平台", crate::ui::widgets::dialog::XLSX, &mut self.path);
            let period = period_of(self.year, self.part);
            let covering = match (&self.register, &self.list, period) {
                (Some(query), _, _) => Some(Covering::Volunteers(query.clone())),
                (None, Some(list), _) if self.listed => Some(Covering::Listed(list.clone())),
                (None, _, Some(period)) => Some(Covering::Period(period, self.scope.clone())),
                _ => None,
            };
            match (export_buttons(ui, ok && may && covering.is_some()), covering) {
                (Some(true), Some(covering)) => {
                    let batch = Batch {
                        numbers: if self.full && numbers {
                            Numbers::Full
                        } else {
                            Numbers::Masked
                        },
                        per_file: if self.split { self.per_file } else { 0 },
                        ..Batch::new(&self.template, covering)
                    };
                    ctx.commands.push(Command::ExportPlatform {
                        batch: Box::new(batch),
                        mark: (self.mark && !volunteers).then(|| self.by.trim().to_string()),
                        out: std::path::PathBuf::from(self.path.trim()),
                    });
                    close = true;
                }
                (Some(false), _) => close = true,
                _ => {}
            }
        });
        close
    }

    /// 模板: the built-in one or a saved one; 添加模板… reads a platform's file.
    fn template_row(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let saved = self
            .templates
            .as_ref()
            .map(|t| t.1.clone())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            let label = ui.label("模板");
            egui::ComboBox::from_id_salt("platform_template")
                .selected_text(&self.template)
                .width(300.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.template, BUILTIN.to_string(), BUILTIN);
                    for (name, file) in &saved {
                        ui.selectable_value(
                            &mut self.template,
                            name.clone(),
                            format!("{name}（{file}）"),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if ui
                .button("添加模板…")
                .on_hover_text(
                    "读入平台提供下载的导入模板（.xlsx 或 .xls）：找到表头行，按列名对应台账字段",
                )
                .clicked()
            {
                self.adding = Some((String::new(), String::new()));
            }
        });
        let mut done = false;
        if let Some((file, name)) = &mut self.adding {
            ui.horizontal(|ui| {
                let label = ui.label("模板文件");
                ui.add(
                    egui::TextEdit::singleline(file)
                        .hint_text("平台下载的 .xlsx 或 .xls")
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
                if ui.button("选择…").clicked()
                    && let Some(picked) = rfd::FileDialog::new()
                        .set_title("选择平台的导入模板")
                        .add_filter("Excel 文件", &["xlsx", "xls"])
                        .pick_file()
                {
                    *file = picked.display().to_string();
                    if name.trim().is_empty() {
                        *name = stem(file);
                    }
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label("模板名称");
                ui.add(
                    egui::TextEdit::singleline(name)
                        .hint_text("如 志愿滨海补录")
                        .desired_width(180.0),
                )
                .labelled_by(label.id);
                let chosen = if name.trim().is_empty() {
                    stem(file)
                } else {
                    name.trim().to_string()
                };
                if ui
                    .add_enabled(
                        !file.trim().is_empty() && !chosen.is_empty(),
                        egui::Button::new("读入"),
                    )
                    .clicked()
                {
                    ctx.commands.push(Command::AddPlatformTemplate {
                        name: chosen.clone(),
                        file: std::path::PathBuf::from(file.trim()),
                    });
                    self.template = chosen;
                    done = true;
                }
                if ui.button("不添加").clicked() {
                    done = true;
                }
            });
        }
        if done {
            self.adding = None;
        }
    }

    /// The chosen template's columns: each header and what it holds; a saved template's can
    /// be corrected (a field, 留空, or a fixed text).
    fn columns_section(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let Some(template) = &mut self.columns else {
            return;
        };
        let editable = template.name != BUILTIN;
        let unmatched = template.unmatched().len();
        let title = if unmatched > 0 {
            format!(
                "列对应（{} 列，其中 {unmatched} 列未认出，导出时留空）",
                template.headers.len()
            )
        } else {
            format!("列对应（{} 列）", template.headers.len())
        };
        egui::CollapsingHeader::new(title)
            .id_salt(("platform_columns", template.name.clone()))
            .default_open(unmatched > 0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(220.0)
                    .show(ui, |ui| {
                        egui::Grid::new("platform_columns_grid").show(ui, |ui| {
                            for (i, (header, column)) in template
                                .headers
                                .iter()
                                .zip(template.columns.iter_mut())
                                .enumerate()
                            {
                                let label = ui.label(header);
                                if !editable {
                                    ui.label(column.text());
                                    ui.end_row();
                                    continue;
                                }
                                egui::ComboBox::from_id_salt(("platform_col", i))
                                    .selected_text(column.text())
                                    .width(180.0)
                                    .show_ui(ui, |ui| {
                                        ui.selectable_value(column, Column::Blank, "留空");
                                        if !matches!(column, Column::Fixed(_)) {
                                            ui.selectable_value(
                                                column,
                                                Column::Fixed(String::new()),
                                                "固定文字…",
                                            );
                                        }
                                        for (f, name, _) in PLATFORM_FIELDS.iter() {
                                            ui.selectable_value(column, Column::Field(*f), *name);
                                        }
                                    })
                                    .response
                                    .labelled_by(label.id);
                                if let Column::Fixed(text) = column {
                                    ui.add(
                                        egui::TextEdit::singleline(text)
                                            .hint_text("每行都写的文字")
                                            .desired_width(140.0),
                                    );
                                }
                                ui.end_row();
                            }
                        });
                    });
                if editable
                    && ui
                        .button("保存列对应")
                        .on_hover_text("以后用这个模板导出时按此对应")
                        .clicked()
                {
                    ctx.commands
                        .push(Command::SavePlatformColumns(Box::new(template.clone())));
                }
            });
    }
}

/// A file's name without its folder and extension, as a template's name.
fn stem(file: &str) -> String {
    std::path::Path::new(file.trim())
        .file_stem()
        .map(|n| n.to_string_lossy().trim().to_string())
        .unwrap_or_default()
}
