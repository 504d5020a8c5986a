//! 数据交换: this station's name, exporting a package (changes since the last export, or all),
//! importing a station's package (picked or dropped on the window, described and confirmed
//! first), the summary of the last import, the conflicts waiting for a choice, and the history.

use std::path::PathBuf;

use super::{AppCtx, Command, Pane};
use crate::store::exchange::{
    self, Choice, Conflict, EXTENSION, ImportSummary, LogEntry, PackageInfo,
};
use crate::ui::failures::OrReport;
use crate::ui::theme::palette;

/// The exchange pane.
#[derive(Default)]
pub struct ExchangePane {
    /// 本站名称 as typed.
    name: Option<String>,
    /// The stored name, last export and conflicts, as of a data version.
    cached: Option<(u64, Cached)>,
    /// A package picked or dropped, described, waiting for 导入.
    confirm: Option<(PathBuf, PackageInfo)>,
    /// Why the picked file cannot be read.
    problem: Option<String>,
    /// What the last import did.
    last: Option<ImportSummary>,
    /// 全部… waiting for the clerk's confirmation.
    confirm_all: Option<Choice>,
}

struct Cached {
    name: String,
    last_export: Option<String>,
    /// The first [`CONFLICTS_SHOWN`] waiting conflicts.
    conflicts: Vec<Conflict>,
    /// How many are waiting in all.
    waiting: usize,
    history: Vec<LogEntry>,
}

/// Conflicts listed at a time; the rest follow as these are settled.
const CONFLICTS_SHOWN: usize = 100;

impl ExchangePane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        ui.heading(Pane::Exchange.heading());
        ui.separator();
        if self.cached.as_ref().map(|c| c.0) != Some(ctx.version) {
            let cached = Cached {
                name: ctx.store.station_name(),
                last_export: ctx.store.last_exchange_export().or_report(),
                conflicts: ctx
                    .store
                    .first_exchange_conflicts(CONFLICTS_SHOWN)
                    .or_report(),
                waiting: ctx.store.exchange_conflict_count().or_report(),
                history: ctx.store.exchange_history(100).or_report(),
            };
            self.cached = Some((ctx.version, cached));
        }
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.describe(path);
        }
        egui::ScrollArea::vertical()
            .id_salt("exchange_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.station(ui, ctx);
                ui.separator();
                self.actions(ui, ctx);
                if let Some(last) = &self.last {
                    ui.separator();
                    summary(ui, last);
                }
                ui.separator();
                self.conflicts(ui, ctx);
                ui.separator();
                history(ui, self.cached.as_ref().map(|c| &c.1.history));
            });
        self.confirm_dialog(ui, ctx);
        self.confirm_all_dialog(ui, ctx);
    }

    /// A finished import: its summary stays on the pane.
    pub fn imported(&mut self, summary: ImportSummary) {
        self.last = Some(summary);
    }

    /// Reads the package's description, or says why it cannot be read.
    fn describe(&mut self, path: PathBuf) {
        match exchange::describe(&path) {
            Ok(info) => {
                self.problem = None;
                self.confirm = Some((path, info));
            }
            Err(e) => self.problem = Some(e.to_string()),
        }
    }

    fn station(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let Some((_, cached)) = &self.cached else {
            return;
        };
        let stored = cached.name.clone();
        let last_export = cached.last_export.clone();
        let mut saved = false;
        egui::Grid::new("exchange_station")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("本站名称");
                let name = self.name.get_or_insert_with(|| stored.clone());
                ui.horizontal(|ui| {
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(name)
                                .hint_text("例如：新港社区工作站")
                                .desired_width(240.0),
                        )
                        .labelled_by(label.id);
                    let entered =
                        edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let trimmed = name.trim().to_string();
                    let changed = !trimmed.is_empty() && trimmed != stored;
                    let clicked = ui
                        .add_enabled(changed, egui::Button::new("保存名称"))
                        .on_hover_text("或在输入框中按 Enter")
                        .clicked();
                    if clicked || (entered && changed) {
                        ctx.commands.push(Command::SetStationName(trimmed));
                        saved = true;
                    }
                });
                ui.end_row();
                ui.label("本站编号");
                ui.label(ctx.store.origin());
                ui.end_row();
                ui.label("上次导出");
                ui.label(match &last_export {
                    Some(at) => exchange::local_time(at),
                    None => "从未导出（第一次导出包含全部记录）".into(),
                });
                ui.end_row();
            });
        if saved {
            self.name = None;
        }
    }

    fn actions(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        ui.label(
            "社区（村）工作站：导出交换包，用U盘带到街道。街道：导入各站的交换包。\
             同一个交换包导入两次不会重复；两边都改过的记录列为冲突，由您选择，不会直接覆盖。",
        );
        let station = self
            .cached
            .as_ref()
            .map(|c| c.1.name.clone())
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            let export = |whole: bool| {
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M");
                let kind = if whole { "全部" } else { "更新" };
                rfd::FileDialog::new()
                    .set_title("导出交换包到")
                    .set_directory(crate::paths::documents_dir())
                    .set_file_name(format!("{station}-交换包{kind}-{stamp}.{EXTENSION}"))
                    .add_filter("志愿服务台账交换包", &[EXTENSION])
                    .save_file()
                    .map(|out| Command::ExportExchange { out, whole })
            };
            if ui
                .button("导出交换包…")
                .on_hover_text("上次导出以来本站新增和修改的记录")
                .clicked()
                && let Some(c) = export(false)
            {
                ctx.commands.push(c);
            }
            if ui
                .button("导出全部记录…")
                .on_hover_text("本站的全部记录（第一次交换或对方丢失了交换包时用）")
                .clicked()
                && let Some(c) = export(true)
            {
                ctx.commands.push(c);
            }
            if ui.button("导入交换包…").clicked()
                && let Some(path) = rfd::FileDialog::new()
                    .set_title("选择要导入的交换包")
                    .add_filter("志愿服务台账交换包", &[EXTENSION])
                    .pick_file()
            {
                self.describe(path);
            }
        });
        ui.weak("也可以把交换包文件拖到本窗口。");
        if let Some(p) = &self.problem {
            ui.colored_label(palette::ERROR, p);
        }
    }

    fn conflicts(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let Some((_, cached)) = &self.cached else {
            return;
        };
        if cached.conflicts.is_empty() {
            ui.strong("冲突：没有待选择的记录");
            return;
        }
        ui.strong(format!("冲突（{} 条待选择）", cached.waiting));
        ui.label(
            "这些记录在本机和站点都改过。请逐条选择保留哪一边；选择之前，本机记录不会被改动。",
        );
        let mut all = None;
        if cached.waiting > 1 {
            ui.horizontal(|ui| {
                if ui.button("全部保留本机的…").clicked() {
                    all = Some(Choice::KeepLocal);
                }
                if ui.button("全部采用交换包的…").clicked() {
                    all = Some(Choice::TakeIncoming);
                }
            });
        }
        for c in &cached.conflicts {
            ui.push_id(c.id, |ui| {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        if ui.button("保留本机的").clicked() {
                            ctx.commands.push(Command::ResolveConflict {
                                id: c.id,
                                choice: Choice::KeepLocal,
                            });
                        }
                        if ui.button("采用交换包的").clicked() {
                            ctx.commands.push(Command::ResolveConflict {
                                id: c.id,
                                choice: Choice::TakeIncoming,
                            });
                        }
                        ui.strong(&c.label);
                    });
                    ui.weak(format!(
                        "来自“{}”的交换包；本机修改于 {}，站点修改于 {}",
                        c.station, c.local_updated_at, c.incoming_updated_at
                    ));
                    egui::Grid::new("fields").striped(true).show(ui, |ui| {
                        ui.strong("项目");
                        ui.strong("本机");
                        ui.strong("交换包");
                        ui.end_row();
                        for (field, here, there) in &c.fields {
                            ui.label(field);
                            ui.label(here);
                            ui.label(there);
                            ui.end_row();
                        }
                    });
                });
            });
        }
        if cached.waiting > cached.conflicts.len() {
            ui.weak(format!(
                "以上为前 {} 条；另有 {} 条，处理后依次显示。",
                cached.conflicts.len(),
                cached.waiting - cached.conflicts.len()
            ));
        }
        if all.is_some() {
            self.confirm_all = all;
        }
    }

    fn confirm_all_dialog(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let Some(choice) = self.confirm_all else {
            return;
        };
        let n = self.cached.as_ref().map_or(0, |c| c.1.waiting);
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("exchange_confirm_all")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading("处理全部冲突");
            ui.label(match choice {
                Choice::KeepLocal => {
                    format!("{n} 条冲突全部保留本机的记录？交换包中的这些修改将不会采用。")
                }
                Choice::TakeIncoming => format!(
                    "{n} 条冲突全部采用交换包的记录？本机对这些记录的修改将被替换（导入前的备份中仍有）。"
                ),
            });
            ui.horizontal(|ui| {
                if ui.button("确定").clicked() {
                    answer = Some(true);
                }
                if ui.button("取消").clicked() {
                    answer = Some(false);
                }
            });
        });
        if let Some(go) = answer {
            if go {
                ctx.commands.push(Command::ResolveAllConflicts(choice));
            }
            self.confirm_all = None;
        }
    }

    fn confirm_dialog(&mut self, ui: &mut egui::Ui, ctx: &mut AppCtx<'_>) {
        let Some((path, info)) = &self.confirm else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("exchange_confirm")).show(ui.ctx(), |ui| {
            ui.set_max_width(480.0);
            ui.heading("导入交换包");
            egui::Grid::new("exchange_info")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("文件");
                    ui.label(path.display().to_string());
                    ui.end_row();
                    ui.label("来自");
                    ui.label(&info.station_name);
                    ui.end_row();
                    ui.label("导出时间");
                    ui.label(exchange::local_time(&info.created_at));
                    ui.end_row();
                    ui.label("内容");
                    ui.label(format!("{}，共 {} 条", info.kind(), info.records));
                    ui.end_row();
                });
            ui.label("导入前会自动备份本机数据库。两边都改过的记录会列为冲突，由您逐条选择。");
            ui.horizontal(|ui| {
                if ui.button("导入").clicked() {
                    choice = Some(true);
                }
                if ui.button("取消").clicked() {
                    choice = Some(false);
                }
            });
        });
        match choice {
            Some(true) => {
                ctx.commands.push(Command::ImportExchange(path.clone()));
                self.confirm = None;
            }
            Some(false) => self.confirm = None,
            None => {}
        }
    }
}

/// What the last import did, kind by kind.
fn summary(ui: &mut egui::Ui, s: &ImportSummary) {
    ui.strong(format!("上次导入：“{}”的交换包", s.station_name));
    ui.label(s.message());
    egui::Grid::new("exchange_summary")
        .striped(true)
        .show(ui, |ui| {
            for h in ["类别", "新增", "更新", "未变", "冲突", "合并"] {
                ui.strong(h);
            }
            ui.end_row();
            for k in &s.kinds {
                ui.label(k.kind);
                for n in [k.added, k.updated, k.unchanged, k.conflicts, k.merged] {
                    ui.label(n.to_string());
                }
                ui.end_row();
            }
        });
    for line in &s.renumbered {
        ui.label(line);
    }
}

/// The packages written and read.
fn history(ui: &mut egui::Ui, list: Option<&Vec<LogEntry>>) {
    let Some(list) = list else {
        return;
    };
    egui::CollapsingHeader::new(format!("交换记录（{} 条）", list.len()))
        .id_salt("exchange_history")
        .show(ui, |ui| {
            egui::Grid::new("exchange_history_grid")
                .striped(true)
                .show(ui, |ui| {
                    for h in ["时间", "方向", "站点", "结果", "文件"] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for e in list {
                        ui.label(&e.at);
                        ui.label(&e.direction);
                        ui.label(&e.station);
                        ui.label(&e.counts);
                        ui.label(&e.file);
                        ui.end_row();
                    }
                });
        });
}
