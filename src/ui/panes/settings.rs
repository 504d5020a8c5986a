//! 设置: the user's own unit, the database in use, and every stored setting.

use super::{AppCtx, Command, Pane};
use crate::store::migrations::LATEST;
use crate::store::settings::{SettingEntry, keys};

/// The settings pane.
#[derive(Default)]
pub struct SettingsPane {
    unit_name: Option<String>,
    /// The stored 本单位名称, for the data version it was read at.
    stored: Option<(u64, String)>,
    entries: Option<(u64, Vec<SettingEntry>)>,
}

impl SettingsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        ui.heading(Pane::Settings.heading());
        ui.separator();
        if self.stored.as_ref().map(|s| s.0) != Some(ctx.version) {
            let name = ctx.store.unit_name().ok().flatten().unwrap_or_default();
            self.stored = Some((ctx.version, name));
        }
        let stored = self
            .stored
            .as_ref()
            .map(|s| s.1.clone())
            .unwrap_or_default();
        let name = self.unit_name.get_or_insert_with(|| stored.clone());
        egui::Grid::new("settings_form")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("本单位名称");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(name)
                            .hint_text("例如：某某街道办事处")
                            .desired_width(280.0),
                    )
                    .labelled_by(label.id);
                    let trimmed = name.trim().to_string();
                    let changed = trimmed != stored;
                    if ui
                        .add_enabled(changed && !trimmed.is_empty(), egui::Button::new("保存"))
                        .clicked()
                    {
                        ctx.commands.push(Command::SetUnitName(trimmed));
                    }
                });
                ui.end_row();
                ui.label("数据库文件");
                ui.label(ctx.store.path().display().to_string());
                ui.end_row();
                ui.label("本站编号");
                ui.label(ctx.store.origin());
                ui.end_row();
                ui.label("数据版本");
                ui.label(format!("第 {LATEST} 版"));
                ui.end_row();
            });
        ui.separator();
        ui.strong("全部设置项");
        if self.entries.as_ref().map(|e| e.0) != Some(ctx.version) {
            let list = ctx.store.settings_list().unwrap_or_default();
            self.entries = Some((ctx.version, list));
        }
        if let Some((_, list)) = &self.entries {
            egui::Grid::new("settings_list")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for e in list {
                        ui.label(setting_label(&e.key));
                        ui.label(&e.value);
                        ui.end_row();
                    }
                });
        }
    }

    /// Forgets the edited name so the stored one shows again (after a save).
    pub fn reset(&mut self) {
        self.unit_name = None;
    }
}

fn setting_label(key: &str) -> String {
    match key {
        keys::UNIT_NAME => "本单位名称".into(),
        keys::STATION_ID => "本站编号".into(),
        keys::STATION_NAME => "本站名称".into(),
        keys::NUMBER_PREFIX => "志愿者编号前缀".into(),
        other => format!("其他设置（{other}）"),
    }
}
