//! 与平台比对…: the platform's own export of service records read and compared with the
//! ledger's held records of the period (on the runner); the differences listed — hours that
//! differ (each with 采用平台的), records only on the platform, records only here — and
//! exported to Excel. Nothing in the ledger changes unless the clerk adopts a row.

use super::{AppCtx, Command};
use crate::domain::period::Period;
use crate::ops::platform::Reconciled;
use crate::ui::theme::palette;
use crate::ui::widgets::dialog::form_dialog;

/// The dialog, while it is open.
pub struct ReconcileView {
    period: Period,
    file: String,
    /// The comparison, once read.
    found: Option<Reconciled>,
    /// Rows adopted (indexes into `differ`).
    adopted: Vec<usize>,
    running: bool,
}

impl ReconcileView {
    /// The dialog for a period.
    pub fn new(period: Period) -> Self {
        ReconcileView {
            period,
            file: String::new(),
            found: None,
            adopted: Vec::new(),
            running: false,
        }
    }

    /// The comparison arrived (or failed: the toast said why).
    pub fn arrived(&mut self, found: Option<Reconciled>) {
        self.running = false;
        if found.is_some() {
            self.adopted.clear();
            self.found = found;
        }
    }

    /// Draws the dialog; returns true when it closes.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        let mut close = false;
        form_dialog("reconcile").show(egui_ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("与平台比对");
            ui.label(format!(
                "读入平台导出的服务记录（.xlsx、.xls 或 .csv），按证件号码和日期（及活动名称）与台账中{}已完成活动的记录比对。台账不会被修改，除非对某一行选择“采用平台的”。",
                self.period.label
            ));
            ui.horizontal(|ui| {
                let label = ui.label("平台导出的文件");
                ui.add(egui::TextEdit::singleline(&mut self.file).desired_width(400.0))
                    .labelled_by(label.id);
                if ui.button("浏览…").clicked()
                    && let Some(p) = rfd::FileDialog::new()
                        .set_title("选择平台导出的服务记录")
                        .add_filter("表格文件", &["xlsx", "xls", "csv"])
                        .pick_file()
                {
                    self.file = p.display().to_string();
                }
                if ui
                    .add_enabled(
                        !self.file.trim().is_empty() && !self.running,
                        egui::Button::new("比对"),
                    )
                    .clicked()
                {
                    self.running = true;
                    ctx.commands.push(Command::Reconcile {
                        file: std::path::PathBuf::from(self.file.trim()),
                        period: self.period.clone(),
                    });
                }
                if self.running {
                    ui.spinner();
                }
            });
            if let Some(found) = &self.found {
                ui.separator();
                ui.strong(format!(
                    "一致 {} 条，时长不同 {} 条，只在平台上 {} 条，只在台账中 {} 条。",
                    found.agree,
                    found.differ.len(),
                    found.only_there.len(),
                    found.only_here.len()
                ));
                let mut adopt = None;
                egui::ScrollArea::vertical()
                    .id_salt("reconcile_rows")
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for (i, d) in found.differ.iter().enumerate() {
                            ui.horizontal_wrapped(|ui| {
                                ui.colored_label(
                                    palette::WARNING,
                                    format!(
                                        "时长不同（第 {} 行）：{}（{}）{} {}：台账 {} 小时，平台 {} 小时",
                                        d.row,
                                        d.here.name,
                                        d.here.id_number,
                                        crate::domain::dates::iso(d.here.date),
                                        d.here.activity,
                                        d.here.hours,
                                        d.there
                                    ),
                                );
                                if self.adopted.contains(&i) {
                                    ui.weak("已采用平台的");
                                } else if ui
                                    .small_button("采用平台的")
                                    .on_hover_text("把台账中的这条时长改为平台上的")
                                    .clicked()
                                {
                                    adopt = Some(i);
                                }
                            });
                        }
                        for (row, r) in &found.only_there {
                            ui.label(format!(
                                "只在平台上（第 {row} 行）：{}（{}）{} {}，{} 小时",
                                r.name,
                                r.id_number,
                                crate::domain::dates::iso(r.date),
                                r.activity,
                                r.hours
                            ));
                        }
                        for r in &found.only_here {
                            ui.label(format!(
                                "只在台账中：{}（{}）{} {}，{} 小时",
                                r.name,
                                r.id_number,
                                crate::domain::dates::iso(r.date),
                                r.activity,
                                r.hours
                            ));
                        }
                        for (row, why) in &found.skipped {
                            ui.weak(format!("未比对（第 {row} 行）：{why}"));
                        }
                    });
                if let Some(i) = adopt
                    && let Some(d) = found.differ.get(i)
                    && let Ok(hours) = crate::domain::activity::parse_hours(&d.there)
                {
                    ctx.commands.push(Command::AdoptPlatformHours {
                        activity_id: d.here.activity_id.clone(),
                        volunteer_id: d.here.volunteer_id.clone(),
                        hours,
                    });
                    self.adopted.push(i);
                }
                if found.any()
                    && ui
                        .button("导出差异…")
                        .on_hover_text("把差异写入 Excel 工作簿，保存到“文档”")
                        .clicked()
                {
                    let out = crate::paths::documents_dir().join(format!(
                        "平台比对-{}.xlsx",
                        crate::paths::file_name_part(&self.period.label)
                    ));
                    ctx.commands.push(Command::ExportDifferences {
                        found: Box::new(found.clone()),
                        period: self.period.clone(),
                        out,
                    });
                }
            }
            if ui.button("关闭").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        close
    }
}
