//! The activity form's 已录入平台 line: a held activity entered into a platform says where,
//! when and by whom (and the mark can be taken back); one not yet entered can be marked by hand.

use super::*;
use crate::ui::failures::OrReport;

impl ActivityForm {
    pub(super) fn entered_line(
        &mut self,
        ui: &mut egui::Ui,
        store: &Store,
        version: u64,
        commands: &mut Vec<Command>,
    ) {
        let id = self.activity.meta.id.clone();
        if self.entered.as_ref().map(|e| e.0) != Some(version) {
            self.entered = Some((version, store.entered(&id).or_report()));
        }
        let mark = self.entered.as_ref().and_then(|e| e.1.clone());
        ui.horizontal_wrapped(|ui| match mark {
            Some((platform, on, by)) => {
                let by = if by.is_empty() {
                    String::new()
                } else {
                    format!("，{by}")
                };
                ui.label(format!(
                    "已录入平台：{platform}（{}{by}）",
                    dates::chinese(on)
                ));
                if ui
                    .small_button("取消已录入标记")
                    .on_hover_text("平台上没有这场活动时取消标记")
                    .clicked()
                {
                    commands.push(Command::UnmarkEntered(id));
                }
            }
            None => {
                ui.weak("尚未录入志愿服务信息平台。");
                let label = ui.label("平台");
                ui.add(egui::TextEdit::singleline(&mut self.platform_name).desired_width(120.0))
                    .labelled_by(label.id);
                if ui
                    .add_enabled(
                        !self.platform_name.trim().is_empty(),
                        egui::Button::new("标记为已录入平台"),
                    )
                    .clicked()
                {
                    commands.push(Command::MarkEntered {
                        ids: vec![id],
                        platform: self.platform_name.trim().to_string(),
                        by: String::new(),
                    });
                }
            }
        });
    }
}
