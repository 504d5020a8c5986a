//! 出具记录证明 for the selected volunteer, and the register of certificates (证明登记簿)
//! searched and reprinted.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::dates;
use crate::store::certificates::{CertificateRequest, CertificateRow};
use crate::ui::failures::OrReport;
use crate::ui::panes::{AppCtx, Command};
use crate::ui::theme::palette;
use crate::ui::widgets::date_picker::date_field;

/// The documents folder, or the home folder.
fn documents() -> String {
    crate::paths::documents_dir().display().to_string()
}

/// Issuing a certificate.
pub struct IssueDialog {
    volunteer_id: String,
    who: String,
    from: String,
    to: String,
    leader: String,
    handler: String,
    remark: String,
    folder: String,
}

impl IssueDialog {
    /// A dialog for a volunteer, the period from their registration to today.
    pub fn new(volunteer_id: String, who: String, registered: NaiveDate, today: NaiveDate) -> Self {
        IssueDialog {
            volunteer_id,
            who,
            from: dates::iso(registered),
            to: dates::iso(today),
            leader: String::new(),
            handler: String::new(),
            remark: String::new(),
            folder: documents(),
        }
    }

    /// Draws the dialog; returns true when it should close.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        let mut close = false;
        let from = dates::parse(&self.from);
        let to = dates::parse(&self.to);
        crate::ui::widgets::dialog::form_dialog("certificate_issue").show(egui_ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("出具志愿服务记录证明");
            ui.label(format!("志愿者：{}", self.who));
            egui::Grid::new("certificate_fields")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label("服务起始日期");
                    date_field(ui, "cert_from", &mut self.from).labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("服务截止日期");
                    date_field(ui, "cert_to", &mut self.to).labelled_by(label.id);
                    ui.end_row();
                    for (title, text) in [
                        ("负责人", &mut self.leader),
                        ("经办人", &mut self.handler),
                        ("证明备注", &mut self.remark),
                        ("保存到文件夹", &mut self.folder),
                    ] {
                        let label = ui.label(title);
                        ui.add(egui::TextEdit::singleline(text).desired_width(330.0))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            let mut problems = Vec::new();
            match (&from, &to) {
                (Err(e), _) => problems.push(format!("服务起始日期：{e}")),
                (_, Err(e)) => problems.push(format!("服务截止日期：{e}")),
                (Ok(f), Ok(t)) if f > t => problems.push("服务起始日期晚于截止日期".into()),
                _ => {}
            }
            if self.leader.trim().is_empty() {
                problems.push("负责人：请填写（证明须由负责人签字）".into());
            }
            if self.handler.trim().is_empty() {
                problems.push("经办人：请填写".into());
            }
            if !PathBuf::from(self.folder.trim()).is_dir() {
                problems.push(format!("保存到文件夹：“{}”不存在", self.folder.trim()));
            }
            for p in &problems {
                ui.colored_label(palette::ERROR, p);
            }
            ui.weak("证明按记录如实出具、免费，编号后登记在证明登记簿中，可重新打印。");
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(problems.is_empty(), egui::Button::new("出具证明"))
                    .clicked()
                    && let (Ok(from), Ok(to)) = (&from, &to)
                {
                    ctx.commands.push(Command::IssueCertificate {
                        request: Box::new(CertificateRequest {
                            volunteer_id: self.volunteer_id.clone(),
                            from: *from,
                            to: *to,
                            leader: self.leader.clone(),
                            handler: self.handler.clone(),
                            remark: self.remark.clone(),
                            issued_on: ctx.today,
                        }),
                        folder: PathBuf::from(self.folder.trim()),
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

/// The register of certificates.
pub struct RegisterDialog {
    search: String,
    rows: Option<(u64, String, Vec<CertificateRow>)>,
    folder: String,
}

impl Default for RegisterDialog {
    fn default() -> Self {
        RegisterDialog {
            search: String::new(),
            rows: None,
            folder: documents(),
        }
    }
}

impl RegisterDialog {
    /// Draws the dialog; returns true when it should close.
    pub fn show(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>) -> bool {
        let mut close = false;
        let key = (ctx.version, self.search.trim().to_string());
        if self.rows.as_ref().map(|r| (r.0, r.1.clone())) != Some(key.clone()) {
            let rows = ctx.store.certificate_page(&key.1, 0, 200).or_report();
            self.rows = Some((key.0, key.1, rows));
        }
        crate::ui::widgets::dialog::form_dialog("certificate_register").show(egui_ctx, |ui| {
            ui.set_width(720.0);
            ui.heading("志愿服务记录证明登记簿");
            ui.horizontal(|ui| {
                let label = ui.label("查找证明");
                ui.add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("编号、姓名或志愿者编号")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
                let label = ui.label("重新打印到");
                ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(240.0))
                    .labelled_by(label.id);
            });
            let rows = self.rows.as_ref().map_or(&[][..], |r| r.2.as_slice());
            ui.label(format!("找到 {} 份证明", rows.len()));
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    egui::Grid::new("certificate_rows")
                        .striped(true)
                        .num_columns(6)
                        .show(ui, |ui| {
                            for h in [
                                "证明编号",
                                "出具日期",
                                "志愿者",
                                "服务期间",
                                "时长（小时）",
                                "",
                            ] {
                                ui.strong(h);
                            }
                            ui.end_row();
                            for r in rows {
                                ui.label(&r.serial);
                                ui.label(dates::iso(r.issued_on));
                                ui.label(&r.who);
                                ui.label(&r.period);
                                ui.label(r.hours.to_string());
                                if ui.small_button(format!("重新打印{}", r.serial)).clicked() {
                                    ctx.commands.push(Command::ReprintCertificate {
                                        id: r.id.clone(),
                                        out: PathBuf::from(self.folder.trim())
                                            .join(format!("志愿服务记录证明-{}.pdf", r.serial)),
                                    });
                                }
                                ui.end_row();
                            }
                        });
                });
            if ui.button("关闭").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
        close
    }
}
