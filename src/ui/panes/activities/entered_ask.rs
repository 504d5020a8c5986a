//! After a batch file for the platforms is written without marking: a bar asking whether the
//! activities it holds were entered, to mark them 已录入平台 (by whom) or leave them for later.

use crate::ui::commands::Command;

/// The bar, while it is shown.
pub struct EnteredAsk {
    ids: Vec<String>,
    platform: String,
    by: String,
}

impl EnteredAsk {
    /// The activities just exported with the template `platform`.
    pub fn new(ids: Vec<String>, platform: String) -> Self {
        EnteredAsk {
            ids,
            platform,
            by: String::new(),
        }
    }

    /// Draws the bar; returns true when it is done with (marked or left).
    pub fn show(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) -> bool {
        let mut done = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "刚导出的 {} 场活动录入“{}”后，可标记为已录入平台。",
                    self.ids.len(),
                    self.platform
                ));
                let label = ui.label("录入人");
                ui.add(egui::TextEdit::singleline(&mut self.by).desired_width(100.0))
                    .labelled_by(label.id);
                if ui
                    .button("标记为已录入平台")
                    .on_hover_text("以今天为录入日期标记这些活动；以后也可在活动表单中逐场取消")
                    .clicked()
                {
                    commands.push(Command::MarkEntered {
                        ids: std::mem::take(&mut self.ids),
                        platform: self.platform.clone(),
                        by: self.by.trim().to_string(),
                    });
                    done = true;
                }
                if ui
                    .button("以后再说")
                    .on_hover_text("不标记；待办会提醒超过 10 个工作日仍未录入的活动")
                    .clicked()
                {
                    done = true;
                }
            });
        });
        done
    }
}
