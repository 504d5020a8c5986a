//! The app shell: navigation, status bar, pane routing, the command queue, jobs and toasts.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::commands::{Command, Effects};
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
use super::panes::{AppCtx, Pane};
use super::startup::{StartupCheck, open_locked};
use super::theme::{self, palette};
use crate::store::Store;
use crate::store::meta::Table;
use crate::store::stats::Counts;
use crate::ui::failures::OrReport;

/// How many volunteers the example data of the first run has.
pub const FIRST_RUN_DEMO_VOLUNTEERS: u64 = 2000;

/// What is remembered between sessions.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub(super) struct UiState {
    pub(super) pane: Pane,
}

/// A short message in the corner.
struct Toast {
    text: String,
    error: bool,
    until: f64,
}

/// The application.
pub struct LedgerApp {
    pub(super) path: PathBuf,
    pub(super) store: Result<Store, String>,
    pub(super) today: NaiveDate,
    pub(super) state: UiState,
    pub(super) version: u64,
    pub(super) commands: Vec<Command>,
    /// The status bar's figures, and the version they were asked for.
    pub(super) counts: Option<Counts>,
    counts_for: Option<u64>,
    /// The status bar's figures being counted on the runner (millions of service records take
    /// a while).
    counts_task: Option<super::runner::Task<Result<Counts, String>>>,
    pub(super) unit_name: Option<(u64, String)>,
    pub(super) first_run: Option<super::first_run::FirstRunDialog>,
    /// Whether a frame was drawn already.
    pub(super) first_frame_done: bool,
    /// This window's hold on the database (one window per database).
    pub(super) lock: Option<crate::store::lock::Lock>,
    /// The start-up check (quick_check, then the day's backup) running on a worker thread.
    pub(super) startup_check: Option<super::runner::Task<StartupCheck>>,
    /// The database being upgraded (the window shows how far).
    pub(super) upgrade: Option<super::startup::Upgrade>,
    /// A restore from the start-up screen waiting for confirmation.
    pub(super) restore_confirm: Option<PathBuf>,
    /// The newest backups the start-up screen offers, read once (not every frame).
    pub(super) startup_backups: Option<Vec<crate::store::backup::BackupFile>>,
    /// The open help window.
    pub(super) help: super::help::Help,
    pub(super) job: Option<Job>,
    /// The running job replaces the database file: reopen it when the job ends.
    pub(super) restoring: bool,
    toasts: Vec<Toast>,
    pub(super) closing: super::closing::Closing,
    pub(super) calendar: CalendarPane,
    pub(super) activities: ActivitiesPane,
    pub(super) volunteers: VolunteersPane,
    pub(super) teams: TeamsPane,
    pub(super) trainings: TrainingsPane,
    pub(super) honors: HonorsPane,
    pub(super) info_reports: InfoReportsPane,
    pub(super) needs: NeedsPane,
    pub(super) units: UnitsPane,
    pub(super) reports: ReportsPane,
    pub(super) settings: SettingsPane,
    pub(super) exchange: ExchangePane,
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
        let (store, lock, upgrade) = open_locked(&path, &cc.egui_ctx);
        let mut app = LedgerApp {
            path,
            store,
            today,
            state,
            version: 0,
            commands: Vec::new(),
            counts: None,
            counts_for: None,
            counts_task: None,
            unit_name: None,
            first_run: None,
            first_frame_done: false,
            lock,
            upgrade,
            startup_check: None,
            restore_confirm: None,
            startup_backups: None,
            help: Default::default(),
            job: None,
            restoring: false,
            toasts: Vec::new(),
            closing: Default::default(),
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
        };
        if app.upgrade.is_none() {
            app.opened(&cc.egui_ctx);
        }
        app
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
            || self.upgrade.is_some()
            || self.startup_check.is_some()
            || !self.commands.is_empty()
            || self.counts_task.is_some()
            || self.pane_busy()
    }

    /// Whether the pane shown waits for work of its own (a pane not drawn does not poll, so
    /// only the shown one counts).
    fn pane_busy(&self) -> bool {
        self.store.is_ok()
            && match self.state.pane {
                Pane::Reports => self.reports.busy(),
                Pane::Activities => self.activities.busy(),
                Pane::Volunteers => self.volunteers.busy(),
                Pane::Calendar => self.calendar.busy(),
                Pane::Teams => self.teams.busy(),
                Pane::Trainings => self.trainings.busy(),
                Pane::Honors => self.honors.busy(),
                Pane::InfoReports => self.info_reports.busy(),
                Pane::Needs => self.needs.busy(),
                _ => false,
            }
    }

    pub(super) fn start(&mut self, ctx: &egui::Context, job: Result<Job, String>) {
        match job {
            Ok(job) => self.job = Some(job),
            Err(e) => self.toast(ctx, e, true),
        }
    }

    pub(super) fn toast(&mut self, ctx: &egui::Context, text: String, error: bool) {
        let now = ctx.input(|i| i.time);
        let until = now + if error { 12.0 } else { 6.0 };
        // The same message again (a read failing frame after frame) keeps one toast up.
        match self.toasts.iter_mut().find(|t| t.text == text) {
            Some(t) => t.until = until,
            None => self.toasts.push(Toast { text, error, until }),
        }
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
        // Polled whatever the database's state, so a count asked for before the file was
        // closed does not wait forever.
        if let Some(task) = &mut self.counts_task {
            match task.poll() {
                super::runner::Poll::Running => {}
                super::runner::Poll::Done(Ok(c)) => {
                    self.counts = Some(c);
                    self.counts_task = None;
                }
                super::runner::Poll::Done(Err(e)) => {
                    super::failures::report(format!("统计记录数失败：{e}"));
                    self.counts_task = None;
                }
                super::runner::Poll::Lost => self.counts_task = None,
            }
        }
        let (path, counts, unit) = match &self.store {
            Ok(store) => {
                if self.counts_for != Some(self.version) && self.counts_task.is_none() {
                    let path = store.path().to_path_buf();
                    self.counts_for = Some(self.version);
                    self.counts_task = super::runner::start("counts", ui.ctx(), move |_| {
                        Store::open_read_only(&path)
                            .and_then(|s| s.counts())
                            .map_err(|e| e.to_string())
                    })
                    .map_err(super::failures::report)
                    .ok();
                }
                if self.unit_name.as_ref().map(|u| u.0) != Some(self.version) {
                    let name = store.unit_name().or_report().unwrap_or_default();
                    self.unit_name = Some((self.version, name));
                }
                (
                    store.path().display().to_string(),
                    self.counts,
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

    /// Carries out the queued commands, each in its own transaction, then does what they ask
    /// of the window: toasts, replies to the forms that asked, jobs, a record to show.
    fn apply_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        let mut fx = Effects::default();
        for command in commands {
            let Ok(store) = &mut self.store else { return };
            super::commands::execute(store, command, self.today, ctx, &mut fx);
            self.version += 1;
        }
        for (text, error) in std::mem::take(&mut fx.toasts) {
            self.toast(ctx, text, error);
        }
        for (pane, result) in fx.replies {
            self.reply(ctx, pane, result);
        }
        for job in fx.jobs {
            self.start(ctx, job);
        }
        if let Some((table, id)) = fx.open {
            self.open_record(ctx, table, &id);
        }
        if let Some(from) = fx.restore {
            self.restore_from(ctx, &from);
        }
    }

    /// How a save went, to the form of the pane that asked (and only to it).
    fn reply(&mut self, ctx: &egui::Context, pane: Pane, result: Result<(), String>) {
        match pane {
            Pane::Calendar => self.calendar.saved(result),
            Pane::Activities => self.activities.saved(result),
            Pane::Volunteers => self.volunteers.saved(result),
            Pane::Teams => self.teams.saved(result),
            Pane::Trainings => self.trainings.saved(result),
            Pane::Honors => self.honors.saved(result),
            Pane::InfoReports => self.info_reports.saved(result),
            Pane::Needs => self.needs.saved(result),
            Pane::Units => self.units.saved(result),
            Pane::Settings => match result {
                Ok(()) => self.settings.reset(),
                Err(e) => self.toast(ctx, format!("保存失败：{e}"), true),
            },
            Pane::Reports | Pane::Exchange => {
                if let Err(e) = result {
                    self.toast(ctx, e, true);
                }
            }
        }
    }

    /// Shows a record in its pane with its form open.
    fn open_record(&mut self, ctx: &egui::Context, table: Table, id: &str) {
        let Ok(s) = &self.store else { return };
        let pane = match table {
            Table::Activities => self
                .activities
                .open_record(s, id)
                .then_some(Pane::Activities),
            Table::Volunteers => self
                .volunteers
                .open_record(s, id)
                .then_some(Pane::Volunteers),
            Table::Trainings => self.trainings.open_record(s, id).then_some(Pane::Trainings),
            Table::Honors => self.honors.open_record(s, id).then_some(Pane::Honors),
            Table::InfoReports => self
                .info_reports
                .open_record(s, id)
                .then_some(Pane::InfoReports),
            _ => None,
        };
        match pane {
            Some(p) => self.state.pane = p,
            None => self.toast(ctx, "该记录已不存在".into(), true),
        }
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
                Ok(JobOutput::Document(from, path, text)) => {
                    use crate::ui::panes::ledger_ask::ShowIn;
                    self.toast(ctx, text, false);
                    match from {
                        ShowIn::Activities => self.activities.exported(path),
                        ShowIn::Reports => self.reports.exported(path),
                        ShowIn::Trainings => self.trainings.exported(path),
                        ShowIn::Volunteers => self.volunteers.exported(path),
                    }
                }
                Ok(JobOutput::PlatformExported(path, text, ids, template)) => {
                    self.toast(ctx, text, false);
                    self.activities.exported(path);
                    self.activities.ask_entered(ids, template);
                }
                Ok(JobOutput::Reconciled(found)) => {
                    if let Err(e) = &found {
                        self.toast(ctx, e.clone(), true);
                    }
                    self.reports.reconciled(found.ok().map(|f| *f));
                }
                Ok(JobOutput::Certificate(path, text)) => {
                    self.toast(ctx, text, false);
                    self.volunteers.exported(path);
                }
                Ok(JobOutput::ExchangeImported(summary)) => {
                    self.toast(ctx, summary.message(), false);
                    self.exchange.imported(*summary);
                }
                Ok(JobOutput::ListExported(list, path, text)) => {
                    use crate::ops::lists::ListName;
                    self.toast(ctx, text, false);
                    match list {
                        ListName::Activities => self.activities.list_exported(path),
                        ListName::Trainings => self.trainings.list_exported(path),
                        ListName::Honors => self.honors.list_exported(path),
                        ListName::Reports => self.info_reports.list_exported(path),
                        ListName::Needs => self.needs.list_exported(path),
                        ListName::Teams => self.teams.list_exported(path),
                        ListName::Units => self.units.exported(path),
                    }
                }
                Ok(JobOutput::ActivityRecord(path, text)) => {
                    self.toast(ctx, text, false);
                    self.activities.exported(path);
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
            ui.add(egui::ProgressBar::new(job.progress()).show_percentage());
            if let Some(cancel) = &job.cancel {
                let asked = cancel.load(std::sync::atomic::Ordering::Relaxed);
                if asked {
                    ui.label("正在取消，数据库不会有任何改动……");
                } else if ui.button("取消").clicked() {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
        });
        // A job that only reads is let go at once; what it finds is not wanted.
        let dropped = self.job.as_ref().is_some_and(|j| {
            j.read_only
                && j.cancel
                    .as_ref()
                    .is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
        });
        if dropped {
            self.job = None;
            self.toast(ctx, "已取消。".into(), false);
        }
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
}

impl eframe::App for LedgerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Before anything reads this frame's keys: Enter/Esc of an input-method composition.
        super::widgets::ime::guard(&ctx);
        super::widgets::date_picker::set_today(&ctx, self.today);
        self.poll_upgrade(&ctx);
        self.poll_startup_check(&ctx);
        self.nav(ui);
        self.status_bar(ui);
        match &self.store {
            Err(_) if self.upgrade.is_some() => self.upgrade_screen(ui),
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
        for failure in super::failures::take() {
            self.toast(&ctx, failure, true);
        }
        super::help::show(&ctx, &mut self.help, &self.path);
        self.job_progress(&ctx);
        self.show_toasts(&ctx);
        self.guard_close(&ctx);
        self.apply_commands(&ctx);
        if !self.first_frame_done {
            self.first_frame_done = true;
            // The renderer works: the start mark is cleared (see `crate::display`).
            crate::display::first_frame_drawn();
            if std::env::var_os("VOLUNTEER_LEDGER_STARTUP_PROBE").is_some()
                && let Some(started) = super::STARTED.get()
            {
                eprintln!("首帧用时 {} 毫秒", started.elapsed().as_millis());
                self.close_now(&ctx);
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
