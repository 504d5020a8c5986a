//! 设置: the user's own unit, the database in use, and every stored setting.

use super::{AppCtx, Command, Pane};
use crate::store::migrations::LATEST;
use crate::store::settings::{SettingEntry, keys};
use crate::ui::failures::OrReport;

/// The settings pane.
#[derive(Default)]
pub struct SettingsPane {
    unit_name: Option<String>,
    /// The stored 本单位名称, for the data version it was read at.
    stored: Option<(u64, String)>,
    entries: Option<(u64, Vec<SettingEntry>)>,
    /// The backups beside the database, as of a data version.
    backups: Option<(u64, Vec<crate::store::backup::BackupFile>)>,
    /// 保留份数 as typed, and as stored when last drawn.
    keep: Option<String>,
    kept: Option<usize>,
    /// A restore waiting for the clerk's confirmation.
    confirm_restore: Option<std::path::PathBuf>,
    /// The export log, as of a data version.
    exports: Option<(u64, Vec<crate::store::export_log::ExportLogEntry>)>,
    /// The renderer chosen for the next start, as read from (and saved to) `display.json`.
    display_choice: Option<crate::display::Choice>,
    /// What became of the last change of the display choice.
    display_message: Option<String>,
    /// 本单位类型 and the duties as stored (for a data version) and as being edited.
    duties: Option<(u64, DutiesForm, DutiesForm)>,
}

/// 本单位类型 and its duties as shown.
#[derive(Clone, PartialEq)]
struct DutiesForm {
    kind: crate::domain::duties::UnitKind,
    duties: Vec<String>,
}

impl SettingsPane {
    /// Whether 本单位名称, 本单位类型与职责 or 保留自动备份（份） was changed and not saved.
    pub fn unsaved(&self) -> bool {
        let name = match (&self.unit_name, &self.stored) {
            (Some(typed), Some((_, stored))) => typed.trim() != stored,
            _ => false,
        };
        let keep = match (&self.keep, self.kept) {
            (Some(typed), Some(kept)) => typed.trim() != kept.to_string(),
            _ => false,
        };
        name || keep
            || self
                .duties
                .as_ref()
                .is_some_and(|(_, stored, editing)| stored != editing)
    }

    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        ui.heading(Pane::Settings.heading());
        ui.separator();
        if self.stored.as_ref().map(|s| s.0) != Some(ctx.version) {
            let name = ctx.store.unit_name().or_report().unwrap_or_default();
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
        self.duties_section(ui, ctx);
        ui.separator();
        self.display_section(ui);
        ui.separator();
        self.backups_section(ui, ctx);
        ui.separator();
        self.export_log(ui, ctx);
        ui.separator();
        ui.strong("全部设置项");
        if self.entries.as_ref().map(|e| e.0) != Some(ctx.version) {
            let list = ctx.store.settings_list().or_report();
            self.entries = Some((ctx.version, list));
        }
        if let Some((_, list)) = &self.entries {
            egui::Grid::new("settings_list")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for e in list {
                        ui.label(setting_label(&e.key));
                        if e.key == keys::BACKUP_EVERY {
                            ui.label(crate::store::backup::Every::from_word(&e.value).label());
                        } else {
                            ui.label(&e.value);
                        }
                        ui.end_row();
                    }
                });
        }
    }

    /// 本单位类型 and the duties judged: the matrix marks red, 待办 lists and 存在的问题 names
    /// only these. Choosing a kind ticks the notice's defaults for it; each can be changed.
    fn duties_section(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        use crate::domain::duties::{UnitKind, choices};
        if self.duties.as_ref().map(|d| d.0) != Some(ctx.version) {
            match (ctx.store.unit_kind(), ctx.store.duties()) {
                (Ok(kind), Ok(duties)) => {
                    let stored = DutiesForm { kind, duties };
                    self.duties = Some((ctx.version, stored.clone(), stored));
                }
                (Err(e), _) | (_, Err(e)) => {
                    ui.colored_label(
                        crate::ui::theme::palette::ERROR,
                        format!("无法读取本单位类型：{e}"),
                    );
                    return;
                }
            }
        }
        let Some((_, stored, form)) = &mut self.duties else {
            return;
        };
        ui.strong("本单位类型与职责");
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("本单位类型");
            let before = form.kind;
            egui::ComboBox::from_id_salt("unit_kind")
                .selected_text(form.kind.label())
                .show_ui(ui, |ui| {
                    for k in UnitKind::ALL {
                        ui.selectable_value(&mut form.kind, k, k.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if form.kind != before {
                form.duties = form
                    .kind
                    .default_duties()
                    .into_iter()
                    .map(str::to_string)
                    .collect();
            }
        });
        ui.weak("按通知：街镇负责文明祭扫、助学辅导、关爱系列和学雷锋志愿服务日等常态化工作，涉农街镇还负责精准扶贫、乡村振兴；区级部门请勾选本部门负责的类别。只有勾选的项目在统计、待办和工作总结中检查“平均每月至少一次”，其他类别只列出开展的活动。");
        ui.horizontal_wrapped(|ui| {
            for name in choices() {
                let mut on = form.duties.iter().any(|d| d == name);
                if ui.checkbox(&mut on, name).changed() {
                    if on {
                        form.duties.push(name.to_string());
                    } else {
                        form.duties.retain(|d| d != name);
                    }
                }
            }
        });
        // In the notice's order.
        let order = choices();
        form.duties
            .sort_by_key(|d| order.iter().position(|c| c == d).unwrap_or(usize::MAX));
        let changed = *stored != *form;
        if ui
            .add_enabled(changed, egui::Button::new("保存本单位类型和职责"))
            .clicked()
        {
            ctx.commands
                .push(Command::SetUnitDuties(form.kind, form.duties.clone()));
        }
    }

    /// 显示: the renderer in use and why, and the choice for the next start.
    fn display_section(&mut self, ui: &mut egui::Ui) {
        use crate::display::{self, Choice};
        ui.strong("显示");
        ui.label(format!("当前显示方式：{}", display::describe_started()));
        let file = display::state_file();
        let chosen = *self
            .display_choice
            .get_or_insert_with(|| display::State::load(&file).choice);
        ui.horizontal_wrapped(|ui| {
            ui.label("显示方式（下次启动时生效）：");
            for choice in Choice::ALL {
                if ui.radio(chosen == choice, choice.label()).clicked() && chosen != choice {
                    match display::save_choice(&file, choice) {
                        Ok(()) => {
                            self.display_choice = Some(choice);
                            self.display_message =
                                Some(format!("已选择“{}”，下次启动时生效。", choice.label()));
                        }
                        Err(e) => {
                            self.display_message =
                                Some(format!("未能保存显示方式（{}）：{e}", file.display()));
                        }
                    }
                }
            }
        });
        ui.weak("窗口打不开或显示不正常时（老电脑、远程桌面、虚拟机）选 OpenGL；“自动”会在 WGPU 失败后自动改用 OpenGL。");
        if let Some(message) = &self.display_message {
            ui.label(message);
        }
    }

    /// 备份与恢复: back up now (into backups/ or a chosen file), restore a backup of the list
    /// or a chosen file (after confirmation; the current database is backed up first), and how
    /// many automatic backups to keep.
    fn backups_section(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        use crate::store::backup;
        let db = ctx.store.path().to_path_buf();
        if self.backups.as_ref().map(|b| b.0) != Some(ctx.version) {
            self.backups = Some((ctx.version, backup::list(&db)));
        }
        ui.strong("备份与恢复");
        ui.label(format!(
            "自动备份（每天或每周第一次打开时，以及升级、导入和恢复之前）保存到：{}",
            backup::backups_dir(&db).display()
        ));
        ui.horizontal_wrapped(|ui| {
            if ui.button("立即备份").clicked() {
                ctx.commands.push(Command::Backup(None));
            }
            if ui.button("备份到文件…").clicked()
                && let Some(file) = rfd::FileDialog::new()
                    .set_title("备份数据库到")
                    .set_file_name(format!(
                        "志愿服务台账备份-{}.sqlite",
                        crate::domain::dates::compact(ctx.today)
                    ))
                    .add_filter("志愿服务台账数据库", &["sqlite"])
                    .save_file()
            {
                ctx.commands.push(Command::Backup(Some(file)));
            }
            if ui.button("从文件恢复…").clicked()
                && let Some(file) = rfd::FileDialog::new()
                    .set_title("选择要恢复的备份文件")
                    .add_filter("志愿服务台账数据库", &["sqlite", "db"])
                    .pick_file()
            {
                self.confirm_restore = Some(file);
            }
            let kept = ctx.store.backups_kept();
            self.kept = Some(kept);
            let keep = self.keep.get_or_insert_with(|| kept.to_string());
            let label = ui.label("保留自动备份（份）");
            ui.add(egui::TextEdit::singleline(keep).desired_width(48.0))
                .labelled_by(label.id);
            let parsed = keep
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=999).contains(n));
            if parsed.is_none() {
                ui.colored_label(crate::ui::theme::palette::ERROR, "请填写 1 至 999 的整数");
            }
            if ui
                .add_enabled(
                    parsed.is_some_and(|n| n != kept),
                    egui::Button::new("保存份数"),
                )
                .clicked()
                && let Some(n) = parsed
            {
                ctx.commands.push(Command::SetBackupsKept(n));
            }
        });
        ui.horizontal(|ui| {
            let every = ctx.store.backup_every();
            let label = ui.label("自动备份");
            let mut chosen = every;
            egui::ComboBox::from_id_salt("backup_every")
                .selected_text(every.label())
                .width(340.0)
                .show_ui(ui, |ui| {
                    for e in backup::Every::ALL {
                        ui.selectable_value(&mut chosen, e, e.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if chosen != every {
                ctx.commands.push(Command::SetBackupEvery(chosen));
            }
        });
        if let Some((_, list)) = &self.backups {
            egui::CollapsingHeader::new(format!("已有备份（{} 份）", list.len()))
                .id_salt("backup_list")
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("backup_scroll")
                        .max_height(220.0)
                        .show(ui, |ui| {
                            egui::Grid::new("backups").striped(true).show(ui, |ui| {
                                for b in list {
                                    ui.label(&b.reason);
                                    ui.label(&b.stamp);
                                    ui.label(format!("{:.1} MB", b.size as f64 / 1_048_576.0));
                                    if ui
                                        .push_id(&b.path, |ui| ui.small_button("恢复…"))
                                        .inner
                                        .clicked()
                                    {
                                        self.confirm_restore = Some(b.path.clone());
                                    }
                                    ui.end_row();
                                }
                            });
                        });
                });
        }
        if let Some(from) = self.confirm_restore.clone() {
            let mut choice = None;
            egui::Modal::new(egui::Id::unique("settings_restore")).show(ui.ctx(), |ui| {
                ui.heading("恢复数据库");
                ui.label(format!(
                    "用“{}”替换当前数据库？当前数据库会先备份到 backups 文件夹，恢复后可再恢复回来。",
                    from.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("确定恢复").clicked() {
                        choice = Some(true);
                    }
                    if ui.button("取消").clicked() {
                        choice = Some(false);
                    }
                });
            });
            match choice {
                Some(true) => {
                    ctx.commands.push(Command::Restore(from));
                    self.confirm_restore = None;
                }
                Some(false) => self.confirm_restore = None,
                None => {}
            }
        }
    }

    /// 个人信息导出记录: the latest exports with whole numbers or phones.
    fn export_log(&mut self, ui: &mut egui::Ui, ctx: &AppCtx<'_>) {
        if self.exports.as_ref().map(|e| e.0) != Some(ctx.version) {
            let log = ctx.store.export_log(200).or_report();
            self.exports = Some((ctx.version, log));
        }
        let Some((_, log)) = &self.exports else {
            return;
        };
        egui::CollapsingHeader::new(format!("个人信息导出记录（{} 条）", log.len()))
            .id_salt("export_log")
            .show(ui, |ui| {
                ui.weak("导出含完整证件号码或电话号码的名册、联络表、记录证明时自动登记（最近 200 条）。");
                egui::ScrollArea::vertical()
                    .id_salt("export_log_scroll")
                    .max_height(220.0)
                    .show(ui, |ui| {
                        egui::Grid::new("export_log_grid").striped(true).show(ui, |ui| {
                            for h in ["时间", "内容", "人数", "文件"] {
                                ui.strong(h);
                            }
                            ui.end_row();
                            for e in log {
                                ui.label(&e.at);
                                ui.label(&e.what);
                                ui.label(e.people.to_string());
                                ui.label(&e.file);
                                ui.end_row();
                            }
                        });
                    });
            });
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
        keys::BACKUPS_KEPT => "保留的自动备份份数".into(),
        keys::BACKUP_EVERY => "自动备份的频率".into(),
        keys::LAST_EXCHANGE_EXPORT => "上次导出交换包（UTC）".into(),
        keys::UNIT_KIND => "本单位类型".into(),
        keys::DUTIES => "本单位的职责（按通知要求检查开展情况）".into(),
        other => format!("其他设置（{other}）"),
    }
}
