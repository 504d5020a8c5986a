//! The start-up: the check of the file and the day's backup off the UI thread, and the screen
//! shown when the database cannot be used — what is wrong and the way out (a backup, another
//! file, or leaving).

use std::path::PathBuf;

use chrono::NaiveDate;

use super::app::LedgerApp;
use super::jobs::Job;
use super::runner::{self, Poll, Task};
use super::theme::palette;
use crate::store::Store;

/// What the start-up check found.
pub(super) enum StartupCheck {
    /// The file is damaged: the message.
    Corrupt(String),
    /// The day's backup failed: the message (the database itself is fine).
    BackupFailed(String),
    /// The backup was made, but the disk is nearly full.
    Warning(String),
    /// All well.
    Fine,
}

/// Takes the database's lock, then opens it (see [`open_or_upgrade`]).
pub(super) fn open_locked(
    path: &std::path::Path,
    ctx: &egui::Context,
) -> (
    Result<Store, String>,
    Option<crate::store::lock::Lock>,
    Option<Upgrade>,
) {
    match crate::store::lock::Lock::acquire(path) {
        Err(e) => (Err(e.to_string()), None, None),
        Ok(lock) => {
            let (store, upgrade) = open_or_upgrade(path, ctx);
            (store, Some(lock), upgrade)
        }
    }
}

/// An upgrade of the database going on off the UI thread.
pub(super) struct Upgrade {
    /// The file's version before.
    from: i64,
    task: Task<Result<Store, String>>,
}

/// Opens `path` (its lock held): a file of this version at once; an older one is backed up
/// and upgraded on the runner while the window shows how far it got (a district's file of
/// gigabytes takes a minute or more).
fn open_or_upgrade(
    path: &std::path::Path,
    ctx: &egui::Context,
) -> (Result<Store, String>, Option<Upgrade>) {
    let Some(from) = Store::pending_upgrade(path) else {
        return (Store::open(path).map_err(|e| e.to_string()), None);
    };
    let file = path.to_path_buf();
    let work = move |progress: &dyn Fn(f32)| {
        Store::open_with(&file, &mut |p| progress(p)).map_err(|e| e.to_string())
    };
    match runner::start("upgrade", ctx, work) {
        Ok(task) => (Err(String::new()), Some(Upgrade { from, task })),
        Err(e) => (Err(e), None),
    }
}

/// Checks the file with `quick_check` and makes the day's first backup, off the UI thread.
pub(super) fn spawn_startup_check(
    store: &Store,
    today: NaiveDate,
    ctx: &egui::Context,
) -> Option<Task<StartupCheck>> {
    let path = store.path().to_path_buf();
    let keep = store.backups_kept();
    let every = store.backup_every();
    runner::start("startup-check", ctx, move |_| {
        use crate::store::backup;
        // A file over 1 GB gets the quick check at start-up (the whole one is `check`).
        let large = std::fs::metadata(&path).is_ok_and(|m| m.len() > backup::WEEKLY_OVER);
        match backup::check_file_with(&path, large) {
            Err(e @ crate::store::StoreError::Corrupt(_)) => StartupCheck::Corrupt(e.to_string()),
            _ if !backup::due(&path, today, every) => StartupCheck::Fine,
            _ => match backup::room_for(&path, &backup::backups_dir(&path)) {
                Err(why) => StartupCheck::BackupFailed(why),
                Ok(warning) => match backup::backup_file(&path, backup::Reason::Daily, keep) {
                    Ok(_) => warning.map_or(StartupCheck::Fine, StartupCheck::Warning),
                    Err(e) => StartupCheck::BackupFailed(e.to_string()),
                },
            },
        }
    })
    .ok()
}

impl LedgerApp {
    /// The database is open: the start-up check starts, and a ledger without its unit's name
    /// asks for it first.
    pub(super) fn opened(&mut self, ctx: &egui::Context) {
        if let Ok(store) = &self.store {
            self.startup_check = spawn_startup_check(store, self.today, ctx);
            if matches!(store.unit_name(), Ok(None)) {
                let offer_demo = !store.holds_volunteers().unwrap_or(true);
                self.first_run = Some(super::first_run::FirstRunDialog::new(offer_demo));
            }
        }
        self.version += 1;
        ctx.request_repaint();
    }

    /// The upgrade's end: the database opened, or why not (the start-up screen says it).
    pub(super) fn poll_upgrade(&mut self, ctx: &egui::Context) {
        let Some(upgrade) = &mut self.upgrade else {
            return;
        };
        match upgrade.task.poll() {
            Poll::Running => {}
            Poll::Done(store) => {
                self.upgrade = None;
                self.store = store;
                self.opened(ctx);
            }
            Poll::Lost => {
                self.upgrade = None;
                self.store = Err("升级数据库的后台任务意外中止，原数据库未改动".into());
            }
        }
    }

    /// While the database is upgraded: what goes on, and how far it got.
    pub(super) fn upgrade_screen(&mut self, ui: &mut egui::Ui) {
        let Some(upgrade) = &self.upgrade else {
            return;
        };
        let progress = upgrade.task.progress();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("正在升级数据库");
            ui.add_space(8.0);
            ui.label(format!("文件：{}", self.path.display()));
            ui.label(format!(
                "这个文件是第 {} 版，本程序使用第 {} 版：先把原文件整份备份到数据库旁的 backups 文件夹，再升级。",
                upgrade.from,
                crate::store::migrations::LATEST
            ));
            ui.label(
                "文件越大用时越长（一百万名志愿者的文件约需一两分钟）。升级中途关闭程序不会损坏原文件，下次打开时重新升级。",
            );
            ui.add_space(8.0);
            let step = if progress < 0.5 {
                "正在备份原文件"
            } else {
                "正在升级"
            };
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{step}……"));
            });
            ui.add(
                egui::ProgressBar::new(progress)
                    .show_percentage()
                    .desired_width(420.0),
            );
        });
    }

    /// The start-up check's verdict, when it arrives: a damaged file closes the database and
    /// shows the way out; a failed daily backup is reported.
    pub(super) fn poll_startup_check(&mut self, ctx: &egui::Context) {
        let Some(task) = &mut self.startup_check else {
            return;
        };
        match task.poll() {
            Poll::Done(StartupCheck::Corrupt(message)) => {
                self.startup_check = None;
                self.store = Err(message);
            }
            Poll::Done(StartupCheck::Warning(message)) => {
                self.startup_check = None;
                self.toast(ctx, message, true);
            }
            Poll::Done(StartupCheck::BackupFailed(message)) => {
                self.startup_check = None;
                self.toast(ctx, format!("今日自动备份失败：{message}"), true);
            }
            Poll::Done(StartupCheck::Fine) | Poll::Lost => self.startup_check = None,
            Poll::Running => {}
        }
    }

    /// The database could not be used: what is wrong, and the way out — a backup, another
    /// file, or leaving. The file itself is left as it was.
    pub(super) fn startup_screen(&mut self, ui: &mut egui::Ui, message: &str) {
        let mut reopen: Option<PathBuf> = None;
        let mut quit = false;
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
                        ui.label(crate::domain::dates::stamp_shown(&b.stamp));
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
                    quit = true;
                }
            });
        });
        if quit {
            self.close_now(ui.ctx());
        }
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
                    // On the background runner, like every restore: the window goes on drawing
                    // the progress, and the database is opened again when it ends.
                    self.restore_confirm = None;
                    self.restore_from(&ctx, &from);
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
    pub(super) fn reopen(&mut self, ctx: &egui::Context, path: PathBuf) {
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
                (self.store, self.upgrade) = open_or_upgrade(&path, ctx);
            }
            Err(e) => self.store = Err(e.to_string()),
        }
        self.path = path;
        if self.upgrade.is_none() {
            self.opened(ctx);
        }
    }

    /// Replaces the database with a backup on a worker thread: the file is checked there (a
    /// large file takes a while), the window shows the progress, and the database is opened
    /// again when it ends, restored or not.
    pub(super) fn restore_from(&mut self, ctx: &egui::Context, from: &std::path::Path) {
        // The connection is closed first; this window keeps its lock on the file.
        self.store = Err("正在恢复数据库，请稍候……".into());
        self.startup_check = None;
        self.restore_confirm = None;
        let job = Job::restore(self.path.clone(), from.to_path_buf(), ctx.clone());
        if job.is_ok() {
            self.restoring = true;
        } else {
            let path = self.path.clone();
            self.reopen(ctx, path);
        }
        self.start(ctx, job);
    }
}
