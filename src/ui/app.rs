//! The app shell: navigation, status bar, pane routing, the command queue, jobs and toasts.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::first_run::FirstRunDialog;
use super::jobs::{Job, JobOutput};
use super::panes::activities::ActivitiesPane;
use super::panes::calendar::CalendarPane;
use super::panes::exchange::ExchangePane;
use super::panes::honors::HonorsPane;
use super::panes::info_reports::InfoReportsPane;
use super::panes::needs::NeedsPane;
use super::panes::reports::ReportsPane;
use super::panes::settings::SettingsPane;
use super::panes::teams::TeamsPane;
use super::panes::trainings::TrainingsPane;
use super::panes::units::UnitsPane;
use super::panes::volunteers::VolunteersPane;
use super::panes::{AppCtx, BinAction, Command, Pane};
use super::theme::{self, palette};
use crate::store::Store;
use crate::store::meta::Table;
use crate::store::settings::keys;
use crate::store::stats::Counts;

/// How many volunteers the example data of the first run has.
pub const FIRST_RUN_DEMO_VOLUNTEERS: u64 = 2000;

/// What is remembered between sessions.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct UiState {
    pane: Pane,
}

/// A short message in the corner.
struct Toast {
    text: String,
    error: bool,
    until: f64,
}

/// The application.
pub struct LedgerApp {
    path: PathBuf,
    store: Result<Store, String>,
    today: NaiveDate,
    state: UiState,
    version: u64,
    commands: Vec<Command>,
    counts: Option<(u64, Counts)>,
    unit_name: Option<(u64, String)>,
    first_run: Option<FirstRunDialog>,
    /// Whether a frame was drawn already.
    first_frame_done: bool,
    /// This window's hold on the database (one window per database).
    lock: Option<crate::store::lock::Lock>,
    /// The start-up check (quick_check, then the day's backup) running on a worker thread.
    startup_check: Option<std::sync::mpsc::Receiver<StartupCheck>>,
    /// A restore from the start-up screen waiting for confirmation.
    restore_confirm: Option<PathBuf>,
    /// The newest backups the start-up screen offers, read once (not every frame).
    startup_backups: Option<Vec<crate::store::backup::BackupFile>>,
    /// The open help window.
    help: super::help::Help,
    job: Option<Job>,
    /// The running job replaces the database file: reopen it when the job ends.
    restoring: bool,
    toasts: Vec<Toast>,
    calendar: CalendarPane,
    activities: ActivitiesPane,
    volunteers: VolunteersPane,
    teams: TeamsPane,
    trainings: TrainingsPane,
    honors: HonorsPane,
    info_reports: InfoReportsPane,
    needs: NeedsPane,
    units: UnitsPane,
    reports: ReportsPane,
    settings: SettingsPane,
    exchange: ExchangePane,
}

/// What the start-up check found.
enum StartupCheck {
    /// The file is damaged: the message.
    Corrupt(String),
    /// The day's backup failed: the message (the database itself is fine).
    BackupFailed(String),
    /// All well.
    Fine,
}

/// 20261130-093000 as 2026-11-30 09:30:00.
fn stamp_text(stamp: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S") {
        Ok(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => stamp.to_string(),
    }
}

/// Takes the database's lock, then opens it.
fn open_locked(
    path: &std::path::Path,
) -> (Result<Store, String>, Option<crate::store::lock::Lock>) {
    match crate::store::lock::Lock::acquire(path) {
        Err(e) => (Err(e.to_string()), None),
        Ok(lock) => (Store::open(path).map_err(|e| e.to_string()), Some(lock)),
    }
}

/// Checks the file with `quick_check` and makes the day's first backup, off the UI thread.
fn spawn_startup_check(store: &Store, today: NaiveDate) -> std::sync::mpsc::Receiver<StartupCheck> {
    let (tx, rx) = std::sync::mpsc::channel();
    let path = store.path().to_path_buf();
    let keep = store.backups_kept();
    let _ = std::thread::Builder::new()
        .name("startup-check".into())
        .spawn(move || {
            use crate::store::backup;
            let found = match backup::check_file(&path) {
                Err(e @ crate::store::StoreError::Corrupt(_)) => {
                    StartupCheck::Corrupt(e.to_string())
                }
                _ if backup::made_today(&path, today) => StartupCheck::Fine,
                _ => match backup::backup_file(&path, backup::Reason::Daily, keep) {
                    Ok(_) => StartupCheck::Fine,
                    Err(e) => StartupCheck::BackupFailed(e.to_string()),
                },
            };
            let _ = tx.send(found);
        });
    rx
}

impl LedgerApp {
    /// Installs fonts and theme once, opens the database, and asks for the unit's name on the
    /// first run.
    pub fn new(cc: &eframe::CreationContext<'_>, path: PathBuf, today: NaiveDate) -> Self {
        theme::install(&cc.egui_ctx);
        let state: UiState = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let (store, lock) = open_locked(&path);
        let startup_check = store.as_ref().ok().map(|s| spawn_startup_check(s, today));
        let first_run = match &store {
            Ok(s) if matches!(s.unit_name(), Ok(None)) => Some(FirstRunDialog::default()),
            _ => None,
        };
        LedgerApp {
            path,
            store,
            today,
            state,
            version: 0,
            commands: Vec::new(),
            counts: None,
            unit_name: None,
            first_run,
            first_frame_done: false,
            lock,
            startup_check,
            restore_confirm: None,
            startup_backups: None,
            help: Default::default(),
            job: None,
            restoring: false,
            toasts: Vec::new(),
            calendar: CalendarPane::default(),
            activities: ActivitiesPane::default(),
            volunteers: VolunteersPane::default(),
            teams: TeamsPane::default(),
            trainings: TrainingsPane::default(),
            honors: HonorsPane::default(),
            info_reports: InfoReportsPane::default(),
            needs: NeedsPane::default(),
            units: UnitsPane::default(),
            reports: ReportsPane::default(),
            settings: SettingsPane::default(),
            exchange: ExchangePane::default(),
        }
    }

    /// The start-up check's verdict, when it arrives: a damaged file closes the database and
    /// shows the way out; a failed daily backup is reported.
    fn poll_startup_check(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.startup_check else {
            return;
        };
        match rx.try_recv() {
            Ok(StartupCheck::Corrupt(message)) => {
                self.startup_check = None;
                self.store = Err(message);
            }
            Ok(StartupCheck::BackupFailed(message)) => {
                self.startup_check = None;
                self.toast(ctx, format!("今日自动备份失败：{message}"), true);
            }
            Ok(StartupCheck::Fine) | Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.startup_check = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(200))
            }
        }
    }

    /// The pane shown.
    pub fn pane(&self) -> Pane {
        self.state.pane
    }

    /// Whether the volunteer form is open.
    pub fn volunteer_form_open(&self) -> bool {
        self.volunteers.form_open()
    }

    /// Whether a background job is running.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    /// Whether anything is still running off the UI thread whose result the window will show:
    /// a job, the start-up check, figures, a drill-down page, thumbnails. Tests wait for this
    /// (and then for what they expect to see), never for a number of frames.
    pub fn busy(&self) -> bool {
        self.job.is_some()
            || self.startup_check.is_some()
            || !self.commands.is_empty()
            || self.reports.busy()
            || self.activities.busy()
            || self.calendar.busy()
    }

    fn start(&mut self, ctx: &egui::Context, job: Result<Job, String>) {
        match job {
            Ok(job) => self.job = Some(job),
            Err(e) => self.toast(ctx, e, true),
        }
    }

    fn toast(&mut self, ctx: &egui::Context, text: String, error: bool) {
        let now = ctx.input(|i| i.time);
        self.toasts.push(Toast {
            text,
            error,
            until: now + if error { 12.0 } else { 6.0 },
        });
    }

    fn nav(&mut self, ui: &mut egui::Ui) {
        egui::Panel::left("nav")
            .resizable(false)
            .default_size(150.0)
            .show(ui, |ui| {
                ui.add_space(8.0);
                ui.label(egui::RichText::new(super::TITLE).size(18.0).strong());
                ui.add_space(8.0);
                ui.separator();
                for pane in Pane::ALL {
                    let selected = self.state.pane == pane;
                    let text = egui::RichText::new(pane.label()).size(16.0);
                    let button = egui::Button::selectable(selected, text)
                        .min_size(egui::vec2(ui.available_width(), 32.0));
                    if ui.add(button).clicked() {
                        self.state.pane = pane;
                    }
                }
                ui.add_space(12.0);
                ui.separator();
                if let Some(window) = super::help::menu(ui) {
                    self.help.open(window);
                }
            });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let (path, counts, unit) = match &self.store {
            Ok(store) => {
                if self.counts.map(|c| c.0) != Some(self.version) {
                    self.counts = store.counts().ok().map(|c| (self.version, c));
                }
                if self.unit_name.as_ref().map(|u| u.0) != Some(self.version) {
                    let name = store.unit_name().ok().flatten().unwrap_or_default();
                    self.unit_name = Some((self.version, name));
                }
                (
                    store.path().display().to_string(),
                    self.counts.map(|c| c.1),
                    self.unit_name
                        .as_ref()
                        .map(|u| u.1.clone())
                        .unwrap_or_default(),
                )
            }
            Err(_) => (self.path.display().to_string(), None, String::new()),
        };
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let file = std::path::Path::new(&path)
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.clone());
                ui.label(format!("数据库：{file}"))
                    .on_hover_text(format!("完整路径：{path}"));
                ui.separator();
                if let Some(c) = counts {
                    // One label per figure, so a narrow window wraps between figures.
                    let parts = [
                        format!("志愿者 {} 名", c.volunteers),
                        format!("队伍 {} 支", c.teams),
                        format!("活动 {} 场", c.activities),
                        format!("服务记录 {} 条", c.participations),
                        format!("单位 {} 个", c.units),
                    ];
                    for part in parts {
                        ui.label(part)
                            .on_hover_text("当前数据库中的记录数（不含回收站）");
                    }
                    ui.separator();
                }
                let unit = if unit.is_empty() {
                    "（未设置）".to_string()
                } else {
                    unit
                };
                ui.label(format!("本单位：{unit}"));
            });
        });
    }

    /// The database could not be used: what is wrong, and the way out — a backup, another
    /// file, or leaving. The file itself is left as it was.
    fn startup_screen(&mut self, ui: &mut egui::Ui, message: &str) {
        let mut reopen: Option<PathBuf> = None;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("无法打开数据库");
            ui.add_space(8.0);
            ui.label(format!("文件：{}", self.path.display()));
            ui.colored_label(palette::ERROR, message);
            ui.add_space(8.0);
            ui.label("数据库文件没有被修改。可以从备份恢复，或打开其他数据库文件。");
            ui.add_space(8.0);
            let path = &self.path;
            let backups = self
                .startup_backups
                .get_or_insert_with(|| {
                    let mut list = crate::store::backup::list(path);
                    list.truncate(10);
                    list
                })
                .clone();
            ui.strong("从备份恢复");
            if backups.is_empty() {
                ui.weak("数据库旁的 backups 文件夹中没有备份。");
            }
            egui::Grid::new("startup_backups")
                .striped(true)
                .show(ui, |ui| {
                    for b in &backups {
                        ui.label(&b.reason);
                        ui.label(stamp_text(&b.stamp));
                        ui.label(format!("{:.1} MB", b.size as f64 / 1_048_576.0));
                        if ui
                            .push_id(&b.path, |ui| ui.button("恢复此备份…"))
                            .inner
                            .clicked()
                        {
                            self.restore_confirm = Some(b.path.clone());
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("打开其他文件…").clicked()
                    && let Some(file) = rfd::FileDialog::new()
                        .set_title("打开数据库文件")
                        .add_filter("志愿服务台账数据库", &["sqlite", "db"])
                        .pick_file()
                {
                    reopen = Some(file);
                }
                if ui.button("退出").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
        });
        if let Some(from) = self.restore_confirm.clone() {
            let ctx = ui.ctx().clone();
            let mut choice = None;
            egui::Modal::new(egui::Id::unique("startup_restore")).show(&ctx, |ui| {
                ui.heading("从备份恢复");
                ui.label(format!(
                    "用备份“{}”替换数据库“{}”？当前文件会先另存到 backups 文件夹。",
                    from.display(),
                    self.path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("恢复").clicked() {
                        choice = Some(true);
                    }
                    if ui.button("取消").clicked() {
                        choice = Some(false);
                    }
                });
            });
            match choice {
                Some(true) => {
                    self.restore_confirm = None;
                    let keep = crate::store::backup::DEFAULT_KEEP;
                    match crate::store::backup::restore(&self.path, &from, keep) {
                        Ok(_) => {
                            self.toast(&ctx, format!("已从备份“{}”恢复。", from.display()), false);
                            reopen = Some(self.path.clone());
                        }
                        Err(e) => self.toast(&ctx, format!("恢复失败：{e}"), true),
                    }
                }
                Some(false) => self.restore_confirm = None,
                None => {}
            }
        }
        if let Some(path) = reopen {
            self.reopen(ui.ctx(), path);
        }
    }

    /// Opens `path` in place of the current database (after a restore, or another file).
    fn reopen(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.startup_backups = None;
        // The old connection and lock go first, so the same file can be taken again.
        self.store = Err(String::new());
        if path != self.path {
            self.lock = None;
        }
        let lock = match self.lock.take() {
            Some(l) => Ok(l),
            None => crate::store::lock::Lock::acquire(&path),
        };
        match lock {
            Ok(lock) => {
                self.lock = Some(lock);
                self.store = Store::open(&path).map_err(|e| e.to_string());
            }
            Err(e) => self.store = Err(e.to_string()),
        }
        self.path = path;
        if let Ok(store) = &self.store {
            self.startup_check = Some(spawn_startup_check(store, self.today));
        }
        self.version += 1;
        ctx.request_repaint();
    }

    fn job_progress(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.job else { return };
        if let Some(outcome) = job.poll() {
            self.job = None;
            self.version += 1;
            if std::mem::take(&mut self.restoring) {
                // Restored or not, the database is opened again (checked in the background).
                let path = self.path.clone();
                self.reopen(ctx, path);
            }
            match outcome {
                Ok(JobOutput::Message(text)) => self.toast(ctx, text, false),
                Ok(JobOutput::ImportChecked(preview)) => self.volunteers.import_checked(preview),
                Ok(JobOutput::Summary(path, text)) => {
                    self.toast(ctx, text, false);
                    self.reports.exported(path);
                }
                Ok(JobOutput::Certificate(path, text)) => {
                    self.toast(ctx, text, false);
                    self.volunteers.exported(path);
                }
                Ok(JobOutput::ExchangeImported(summary)) => {
                    self.toast(ctx, summary.message(), false);
                    self.exchange.imported(*summary);
                }
                Ok(JobOutput::Exported(path, text)) => {
                    self.toast(ctx, text, false);
                    self.units.exported(path);
                }
                Ok(JobOutput::Restored(text)) => self.toast(ctx, text, false),
                Err(e) => self.toast(ctx, e, true),
            }
            return;
        }
        egui::Modal::new(egui::Id::unique("job")).show(ctx, |ui| {
            ui.set_width(360.0);
            ui.label(&job.title);
            ui.add(egui::ProgressBar::new(job.progress).show_percentage());
            if let Some(cancel) = &job.cancel {
                let asked = cancel.load(std::sync::atomic::Ordering::Relaxed);
                if asked {
                    ui.label("正在取消，数据库不会有任何改动……");
                } else if ui.button("取消").clicked() {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
        });
    }

    fn show_toasts(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        self.toasts.retain(|t| t.until > now);
        if self.toasts.is_empty() {
            return;
        }
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
            .show(ctx, |ui| {
                for t in &self.toasts {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        let color = if t.error { palette::ERROR } else { palette::OK };
                        ui.colored_label(color, &t.text);
                    });
                }
            });
        ctx.request_repaint_after(std::time::Duration::from_millis(500));
    }

    /// Carries out the queued commands, each in its own transaction, then invalidates caches.
    fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        let mut restore: Option<PathBuf> = None;
        for command in commands {
            let Ok(store) = &mut self.store else { return };
            match command {
                Command::SetUnitName(name) => match store.set_setting(keys::UNIT_NAME, &name) {
                    Ok(()) => {
                        self.settings.reset();
                        self.toast(ctx, format!("本单位名称已保存：{name}"), false);
                    }
                    Err(e) => self.toast(ctx, format!("保存失败：{e}"), true),
                },
                Command::SetUnitDuties(kind, duties) => {
                    match store.set_unit_duties(kind, &duties) {
                        Ok(()) => {
                            self.settings.reset();
                            self.toast(
                                ctx,
                                format!(
                                    "已保存本单位类型“{}”和 {} 项职责。",
                                    kind.label(),
                                    duties.len()
                                ),
                                false,
                            );
                        }
                        Err(e) => self.toast(ctx, format!("保存失败：{e}"), true),
                    }
                }
                Command::SaveVolunteer(mut v) => {
                    let new = v.meta.id.is_empty();
                    let result = if new {
                        store.insert(&mut *v)
                    } else {
                        store.update_volunteer(&mut v)
                    };
                    match result {
                        Ok(()) => {
                            let verb = if new { "已登记" } else { "已保存" };
                            self.toast(
                                ctx,
                                format!("{verb}志愿者 {}（{}）", v.name, v.number),
                                false,
                            );
                            self.volunteers.saved(Ok(()));
                        }
                        Err(e) => self.volunteers.saved(Err(e.to_string())),
                    }
                }
                Command::DeleteVolunteer(id) => match store.soft_delete(Table::Volunteers, &id) {
                    Ok(()) => self.toast(ctx, "已移入回收站，可在回收站中恢复。".into(), false),
                    Err(e) => self.toast(ctx, format!("删除失败：{e}"), true),
                },
                Command::RestoreVolunteer(id) => {
                    match store.restore_deleted(Table::Volunteers, &id) {
                        Ok(()) => self.toast(ctx, "已恢复到志愿者名册。".into(), false),
                        Err(e) => self.toast(ctx, format!("恢复失败：{e}"), true),
                    }
                }
                Command::PurgeVolunteer(id) => match store.purge_volunteer(&id) {
                    Ok(impact) => self.toast(
                        ctx,
                        format!("已彻底删除，连同 {} 条服务记录。", impact.participations),
                        false,
                    ),
                    Err(e) => self.toast(ctx, format!("不能彻底删除：{e}"), true),
                },
                Command::EmptyVolunteerBin => match store.empty_volunteer_bin() {
                    Ok((removed, kept)) => {
                        let mut text = format!("已清空回收站，永久删除 {removed} 名志愿者。");
                        if kept > 0 {
                            text.push_str(&format!(
                                "{kept} 名已出具志愿服务记录证明，证明登记须保留，仍在回收站中。"
                            ));
                        }
                        self.toast(ctx, text, false);
                    }
                    Err(e) => self.toast(ctx, format!("未能清空回收站：{e}"), true),
                },
                Command::SaveActivity(mut a, people) => {
                    match store.save_activity(&mut a, &people) {
                        Ok(()) => {
                            self.toast(
                                ctx,
                                format!("已保存活动“{}”（{} 人）", a.title, people.len()),
                                false,
                            );
                            self.activities.saved(Ok(()));
                            self.calendar.saved(Ok(()));
                        }
                        Err(e) => {
                            self.activities.saved(Err(e.to_string()));
                            self.calendar.saved(Err(e.to_string()));
                        }
                    }
                }
                Command::AttachFiles {
                    owner_kind,
                    owner_id,
                    paths,
                } => {
                    let mut added = 0;
                    let mut failed = Vec::new();
                    for p in &paths {
                        match store.attach_file(&owner_kind, &owner_id, p) {
                            Ok(_) => added += 1,
                            Err(e) => failed.push(e.to_string()),
                        }
                    }
                    if added > 0 {
                        self.toast(ctx, format!("已添加留存资料 {added} 个。"), false);
                    }
                    for e in failed {
                        self.toast(ctx, format!("添加失败：{e}"), true);
                    }
                }
                Command::RemoveAttachment(id) => match store.soft_delete(Table::Attachments, &id) {
                    Ok(()) => self.toast(ctx, "已移入回收站。".into(), false),
                    Err(e) => self.toast(ctx, format!("移除失败：{e}"), true),
                },
                Command::SaveNeed(mut n, served) => match store.save_need(&mut n, &served) {
                    Ok(()) => {
                        self.toast(ctx, format!("已保存需求：{}", n.person), false);
                        self.needs.saved(Ok(()));
                    }
                    Err(e) => self.needs.saved(Err(e.to_string())),
                },
                Command::SaveInfoReport(mut r) => match store.save_info_report(&mut r) {
                    Ok(()) => {
                        self.toast(ctx, format!("已保存信息报送“{}”", r.title), false);
                        self.info_reports.saved(Ok(()));
                    }
                    Err(e) => self.info_reports.saved(Err(e.to_string())),
                },
                Command::SaveHonor(mut h) => match store.save_honor(&mut h) {
                    Ok(()) => {
                        self.toast(ctx, format!("已保存表彰“{}”", h.title), false);
                        self.honors.saved(Ok(()));
                    }
                    Err(e) => self.honors.saved(Err(e.to_string())),
                },
                Command::SaveTraining(mut t, people) => {
                    match store.save_training(&mut t, &people) {
                        Ok(()) => {
                            self.toast(
                                ctx,
                                format!("已保存培训“{}”（{} 名志愿者）", t.topic, people.len()),
                                false,
                            );
                            self.trainings.saved(Ok(()));
                        }
                        Err(e) => self.trainings.saved(Err(e.to_string())),
                    }
                }
                Command::DeleteActivity(id) => match store.soft_delete(Table::Activities, &id) {
                    Ok(()) => self.toast(ctx, "活动已移入回收站，可以恢复。".into(), false),
                    Err(e) => self.toast(ctx, format!("删除失败：{e}"), true),
                },
                Command::RestoreActivity(id) => {
                    match store.restore_deleted(Table::Activities, &id) {
                        Ok(()) => self.toast(ctx, "活动已恢复。".into(), false),
                        Err(e) => self.toast(ctx, format!("恢复失败：{e}"), true),
                    }
                }
                Command::PlanLeiFengDays(year) => match store.plan_lei_feng_days(year) {
                    Ok(n) => self.toast(
                        ctx,
                        format!("已安排 {year} 年学雷锋志愿服务日 {n} 次。"),
                        false,
                    ),
                    Err(e) => self.toast(ctx, format!("生成失败：{e}"), true),
                },
                Command::SaveTeam(mut t) => {
                    let new = t.meta.id.is_empty();
                    let result = if new {
                        store.insert(&mut *t)
                    } else {
                        store.update_team(&mut t)
                    };
                    match result {
                        Ok(()) => {
                            let verb = if new { "已新建" } else { "已保存" };
                            self.toast(ctx, format!("{verb}队伍“{}”", t.name), false);
                            self.teams.saved(Ok(()));
                        }
                        Err(e) => self.teams.saved(Err(e.to_string())),
                    }
                }
                Command::DeleteTeam(id) => match store.soft_delete(Table::Teams, &id) {
                    Ok(()) => self.toast(ctx, "队伍已移入回收站，可以恢复。".into(), false),
                    Err(e) => self.toast(ctx, format!("删除失败：{e}"), true),
                },
                Command::RestoreTeam(id) => match store.restore_deleted(Table::Teams, &id) {
                    Ok(()) => self.toast(ctx, "队伍已恢复。".into(), false),
                    Err(e) => self.toast(ctx, format!("恢复失败：{e}"), true),
                },
                Command::PurgeTeam(id) => match store.purge_team(&id) {
                    Ok(()) => self.toast(ctx, "队伍已彻底删除。".into(), false),
                    Err(e) => self.toast(ctx, format!("不能彻底删除：{e}"), true),
                },
                Command::EmptyTeamBin => match store.empty_team_bin() {
                    Ok(n) => self.toast(ctx, format!("已清空回收站，永久删除 {n} 支队伍。"), false),
                    Err(e) => self.toast(ctx, format!("未能清空回收站：{e}"), true),
                },
                Command::AddTeamMembers {
                    team_id,
                    volunteer_ids,
                } => match store.add_team_members(&team_id, &volunteer_ids, self.today) {
                    Ok(n) => self.toast(ctx, format!("已加入队伍 {n} 人。"), false),
                    Err(e) => self.toast(ctx, format!("加入队伍失败：{e}"), true),
                },
                Command::RemoveTeamMember {
                    team_id,
                    volunteer_id,
                } => match store.remove_team_member(&team_id, &volunteer_id) {
                    Ok(()) => self.toast(ctx, "已移出队伍。".into(), false),
                    Err(e) => self.toast(ctx, format!("移出失败：{e}"), true),
                },
                Command::PresetUnits => match store.ensure_district_units() {
                    Ok(n) if n > 0 => self.toast(
                        ctx,
                        format!("已预置区文明办及各类别责任单位 {n} 个。"),
                        false,
                    ),
                    Ok(_) => {}
                    Err(e) => self.toast(ctx, format!("预置责任单位失败：{e}"), true),
                },
                Command::SaveKeyDate(mut k) => match store.insert(&mut *k) {
                    Ok(()) if k.name.is_empty() => {
                        self.toast(ctx, format!("已隐藏内置节点“{}”。", k.hides_builtin), false)
                    }
                    Ok(()) => self.toast(ctx, format!("已添加节点“{}”。", k.name), false),
                    Err(e) => self.toast(ctx, format!("保存节点失败：{e}"), true),
                },
                Command::Bin {
                    table,
                    id,
                    action,
                    what,
                } => {
                    let result = match action {
                        BinAction::Delete => store
                            .soft_delete(table, &id)
                            .map(|()| "已移入回收站，可在回收站中恢复".to_string()),
                        BinAction::Restore => {
                            store.restore_deleted(table, &id).map(|()| "已恢复".into())
                        }
                        BinAction::Purge => store.purge(table, &id).map(|()| "已彻底删除".into()),
                        BinAction::EmptyBin => store
                            .empty_bin(table)
                            .map(|n| format!("已清空，永久删除 {n} 条")),
                    };
                    match result {
                        Ok(done) => self.toast(ctx, format!("{what}{done}。"), false),
                        Err(e) => self.toast(ctx, format!("{what}未能处理：{e}"), true),
                    }
                }
                Command::LoadDemo { volunteers } => {
                    let path = store.path().to_path_buf();
                    let job = Job::load_demo(path, volunteers, self.today, ctx.clone());
                    self.start(ctx, job);
                }
                Command::CheckImport(source) => {
                    let path = store.path().to_path_buf();
                    let job = Job::check_import(path, source, self.today, ctx.clone());
                    self.start(ctx, job);
                }
                Command::RunImport {
                    preview,
                    take_good_rows,
                    on_duplicate,
                } => {
                    let path = store.path().to_path_buf();
                    let job =
                        Job::run_import(path, preview, take_good_rows, on_duplicate, ctx.clone());
                    self.start(ctx, job);
                }
                Command::SaveNarrative {
                    period,
                    section,
                    body,
                } => match store.save_narrative(&period, &section, &body) {
                    Ok(()) => self.toast(ctx, format!("已保存“{section}”。"), false),
                    Err(e) => self.toast(ctx, format!("保存失败：{e}"), true),
                },
                Command::ExportReport { period, scope, out } => {
                    let path = store.path().to_path_buf();
                    let job = Job::export_report(path, period, scope, out, ctx.clone());
                    self.start(ctx, job);
                }
                Command::Backup(to) => {
                    let path = store.path().to_path_buf();
                    let job = Job::backup(path, to, ctx.clone());
                    self.start(ctx, job);
                }
                Command::ExportExchange { out, whole } => {
                    let path = store.path().to_path_buf();
                    let job = Job::export_exchange(path, out, whole, ctx.clone());
                    self.start(ctx, job);
                }
                Command::ImportExchange(package) => {
                    let path = store.path().to_path_buf();
                    let job = Job::import_exchange(path, package, ctx.clone());
                    self.start(ctx, job);
                }
                Command::ResolveConflict { id, choice } => match store.resolve_conflict(id, choice)
                {
                    Ok(()) => self.toast(
                        ctx,
                        match choice {
                            crate::store::exchange::Choice::KeepLocal => "已保留本机的记录。",
                            crate::store::exchange::Choice::TakeIncoming => "已采用交换包的记录。",
                        }
                        .into(),
                        false,
                    ),
                    Err(e) => self.toast(ctx, format!("处理冲突失败：{e}"), true),
                },
                Command::ResolveAllConflicts(choice) => match store.resolve_all_conflicts(choice) {
                    Ok(n) => self.toast(ctx, format!("已处理 {n} 条冲突。"), false),
                    Err(e) => self.toast(ctx, format!("处理冲突失败：{e}"), true),
                },
                Command::SetStationName(name) => {
                    match store.set_setting(keys::STATION_NAME, &name) {
                        Ok(()) => self.toast(ctx, format!("本站名称已改为“{name}”。"), false),
                        Err(e) => self.toast(ctx, format!("保存失败：{e}"), true),
                    }
                }
                Command::SetBackupsKept(n) => {
                    match store.set_setting(keys::BACKUPS_KEPT, &n.to_string()) {
                        Ok(()) => self.toast(ctx, format!("自动备份保留 {n} 份。"), false),
                        Err(e) => self.toast(ctx, format!("保存失败：{e}"), true),
                    }
                }
                Command::Restore(from) => {
                    // Carried out after this frame's other commands, with the database closed.
                    restore = Some(from);
                }
                Command::OpenRecord { table, id } => {
                    use crate::store::meta::Table;
                    let s: &Store = store;
                    let pane = match table {
                        Table::Activities => self
                            .activities
                            .open_record(s, &id)
                            .then_some(Pane::Activities),
                        Table::Volunteers => self
                            .volunteers
                            .open_record(s, &id)
                            .then_some(Pane::Volunteers),
                        Table::Trainings => self
                            .trainings
                            .open_record(s, &id)
                            .then_some(Pane::Trainings),
                        Table::Honors => self.honors.open_record(s, &id).then_some(Pane::Honors),
                        Table::InfoReports => self
                            .info_reports
                            .open_record(s, &id)
                            .then_some(Pane::InfoReports),
                        _ => None,
                    };
                    match pane {
                        Some(p) => self.state.pane = p,
                        None => self.toast(ctx, "该记录已不存在".into(), true),
                    }
                }
                Command::ExportSummary { period, out } => {
                    let path = store.path().to_path_buf();
                    let job = Job::export_summary(path, period, self.today, out, ctx.clone());
                    self.start(ctx, job);
                }
                Command::IssueCertificate { request, folder } => {
                    match store.issue_certificate(&request) {
                        Ok(c) => {
                            let out = folder.join(format!("志愿服务记录证明-{}.pdf", c.serial));
                            let path = store.path().to_path_buf();
                            let job = Job::write_certificate(path, c.meta.id, out, ctx.clone());
                            self.start(ctx, job);
                        }
                        Err(e) => self.toast(ctx, format!("不能出具证明：{e}"), true),
                    }
                }
                Command::ReprintCertificate { id, out } => {
                    let path = store.path().to_path_buf();
                    let job = Job::write_certificate(path, id, out, ctx.clone());
                    self.start(ctx, job);
                }
                Command::ExportContactForm {
                    unit_ids,
                    date,
                    out,
                } => {
                    let path = store.path().to_path_buf();
                    let job = Job::export_contact_form(path, unit_ids, date, out, ctx.clone());
                    self.start(ctx, job);
                }
                Command::SaveUnit {
                    mut unit,
                    mut contact,
                    from,
                } => match store.save_unit_with_contact(&mut unit, contact.as_deref_mut(), from) {
                    Ok(()) => {
                        self.toast(ctx, format!("已保存单位“{}”。", unit.name), false);
                        self.units.saved(Ok(()));
                    }
                    Err(e) => self.units.saved(Err(e.to_string())),
                },
                Command::SaveSubmission(mut s) => match store.insert(&mut *s) {
                    Ok(()) => self.toast(
                        ctx,
                        format!(
                            "已登记：{}年{}于{}以{}报送。",
                            s.year,
                            s.document,
                            crate::ui::panes::chinese_date(s.submitted_on),
                            s.method
                        ),
                        false,
                    ),
                    Err(e) => self.toast(ctx, format!("登记失败：{e}"), true),
                },
                Command::ExportRoster {
                    query,
                    out,
                    numbers,
                } => {
                    let path = store.path().to_path_buf();
                    let job = Job::export_roster(path, query, out, numbers, ctx.clone());
                    self.start(ctx, job);
                }
            }
            self.version += 1;
        }
        if let Some(from) = restore {
            self.restore_from(ctx, &from);
        }
    }

    /// Replaces the open database with a backup: the file is checked, the connection closed,
    /// the current file backed up, the backup copied in, and the database opened again. When
    /// anything fails the current database is opened again unchanged.
    /// Replaces the database with a backup on a worker thread: the file is checked there (a
    /// large file takes a while), the window shows the progress, and the database is opened
    /// again when it ends, restored or not.
    fn restore_from(&mut self, ctx: &egui::Context, from: &std::path::Path) {
        let keep = self
            .store
            .as_ref()
            .map(Store::backups_kept)
            .unwrap_or(crate::store::backup::DEFAULT_KEEP);
        // The connection is closed first; this window keeps its lock on the file.
        self.store = Err("正在恢复数据库，请稍候……".into());
        self.startup_check = None;
        self.restore_confirm = None;
        let job = Job::restore(self.path.clone(), from.to_path_buf(), keep, ctx.clone());
        if job.is_ok() {
            self.restoring = true;
        } else {
            let path = self.path.clone();
            self.reopen(ctx, path);
        }
        self.start(ctx, job);
    }
}

impl eframe::App for LedgerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Before anything reads this frame's keys: Enter/Esc of an input-method composition.
        super::widgets::ime::guard(&ctx);
        super::widgets::date_picker::set_today(&ctx, self.today);
        self.poll_startup_check(&ctx);
        self.nav(ui);
        self.status_bar(ui);
        match &self.store {
            Err(message) => {
                let message = message.clone();
                self.startup_screen(ui, &message);
            }
            Ok(store) => {
                let mut app_ctx = AppCtx {
                    store,
                    today: self.today,
                    version: self.version,
                    commands: &mut self.commands,
                };
                egui::CentralPanel::default().show(ui, |ui| match self.state.pane {
                    Pane::Calendar => self.calendar.ui(ui, &mut app_ctx),
                    Pane::Activities => self.activities.ui(ui, &mut app_ctx),
                    Pane::Volunteers => self.volunteers.ui(ui, &mut app_ctx),
                    Pane::Teams => self.teams.ui(ui, &mut app_ctx),
                    Pane::Trainings => self.trainings.ui(ui, &mut app_ctx),
                    Pane::Honors => self.honors.ui(ui, &mut app_ctx),
                    Pane::InfoReports => self.info_reports.ui(ui, &mut app_ctx),
                    Pane::Needs => self.needs.ui(ui, &mut app_ctx),
                    Pane::Units => self.units.ui(ui, &mut app_ctx),
                    Pane::Reports => self.reports.ui(ui, &mut app_ctx),
                    Pane::Exchange => self.exchange.ui(ui, &mut app_ctx),
                    Pane::Settings => self.settings.ui(ui, &mut app_ctx),
                });
            }
        }
        if let Some(dialog) = &mut self.first_run
            && let Some(choice) = dialog.show(&ctx)
        {
            self.first_run = None;
            self.commands.push(Command::SetUnitName(choice.unit_name));
            if choice.load_demo {
                self.commands.push(Command::LoadDemo {
                    volunteers: FIRST_RUN_DEMO_VOLUNTEERS,
                });
            } else {
                // The example data brings its own directory; an empty start gets the district
                // units the notice names.
                self.commands.push(Command::PresetUnits);
            }
        }
        super::help::show(&ctx, &mut self.help, &self.path);
        self.job_progress(&ctx);
        self.show_toasts(&ctx);
        self.apply_commands(&ctx);
        if !self.first_frame_done {
            self.first_frame_done = true;
            // The renderer works: the start mark is cleared (see `crate::display`).
            crate::display::first_frame_drawn();
            if std::env::var_os("VOLUNTEER_LEDGER_STARTUP_PROBE").is_some()
                && let Some(started) = super::STARTED.get()
            {
                eprintln!("首帧用时 {} 毫秒", started.elapsed().as_millis());
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // Enter/Esc of an input-method composition never reach egui's focus handling or a form.
        super::widgets::ime::guard_raw(ctx, raw_input);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}
