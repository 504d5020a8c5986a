//! Long work on a named worker thread with its own connection, reporting progress over a
//! channel; the window shows a progress bar and ends with a toast.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::NaiveDate;

use crate::demo::{self, DemoOptions};
use crate::export::{import, roster};
use crate::store::Store;
use crate::store::register::RegisterQuery;

/// Where the rows to check come from.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportSource {
    /// A file to read.
    Path(PathBuf),
    /// A file already read, with the mapping the clerk corrected.
    Remapped(PathBuf, Box<import::ImportFile>),
}

/// A message from a worker.
pub enum JobMsg {
    /// Fraction done, 0.0‥1.0.
    Progress(f32),
    /// Finished: what it made, or the error.
    Done(Result<JobOutput, String>),
}

/// What a finished job hands back.
pub enum JobOutput {
    /// A message for the toast.
    Message(String),
    /// A spreadsheet read and checked, for the import dialog.
    ImportChecked(Box<ImportPreview>),
    /// A document written: where, and the message for the toast.
    Exported(PathBuf, String),
    /// A certificate written: where, and the message for the toast.
    Certificate(PathBuf, String),
    /// A summary written: where, and the message for the toast.
    Summary(PathBuf, String),
    /// The database replaced by a backup: the message for the toast.
    Restored(String),
    /// A station's exchange package read.
    ExchangeImported(Box<crate::store::exchange::ImportSummary>),
}

/// A spreadsheet read and checked against the register.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPreview {
    /// The file.
    pub path: PathBuf,
    /// Its rows and the columns' mapping.
    pub file: import::ImportFile,
    /// Every row's verdict.
    pub checked: import::Checked,
}

/// A running job.
pub struct Job {
    /// What it is doing, shown beside the progress bar.
    pub title: String,
    /// Latest progress.
    pub progress: f32,
    /// Set to ask the worker to stop (jobs that can be cancelled).
    pub cancel: Option<Arc<AtomicBool>>,
    rx: Receiver<JobMsg>,
}

/// Runs `work` on a named worker thread; `work` reports progress through the sender it gets.
fn spawn(
    name: &str,
    title: String,
    cancel: Option<Arc<AtomicBool>>,
    ctx: egui::Context,
    work: impl FnOnce(&dyn Fn(f32)) -> Result<JobOutput, String> + Send + 'static,
) -> Result<Job, String> {
    let (tx, rx): (Sender<JobMsg>, _) = channel();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let progress_tx = tx.clone();
            let progress_ctx = ctx.clone();
            let report = move |p: f32| {
                let _ = progress_tx.send(JobMsg::Progress(p));
                progress_ctx.request_repaint();
            };
            let result = work(&report);
            let _ = tx.send(JobMsg::Done(result));
            ctx.request_repaint();
        })
        .map_err(|e| format!("无法启动后台任务：{e}"))?;
    Ok(Job {
        title,
        progress: 0.0,
        cancel,
        rx,
    })
}

impl Job {
    /// Loads example data into the database at `path` on a worker thread.
    pub fn load_demo(
        path: PathBuf,
        volunteers: u64,
        today: NaiveDate,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "demo-data",
            "正在载入示例数据……".into(),
            None,
            ctx,
            move |progress| {
                let mut store = Store::open(&path).map_err(|e| e.to_string())?;
                let opts = DemoOptions {
                    volunteers,
                    seed: 1,
                    today,
                };
                let report = demo::generate(&mut store, opts, &mut |p| progress(p))
                    .map_err(|e| format!("载入失败：{e}"))?;
                Ok(JobOutput::Message(format!(
                    "示例数据已载入：志愿者 {} 名，活动 {} 场，服务记录 {} 条。",
                    report.volunteers, report.activities, report.participations
                )))
            },
        )
    }

    /// Reads a spreadsheet (or re-checks one with a corrected mapping) against the register.
    pub fn check_import(
        db: PathBuf,
        source: ImportSource,
        today: NaiveDate,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "import-check",
            "正在读取并检查文件……".into(),
            None,
            ctx,
            move |_| {
                let (path, file) = match source {
                    ImportSource::Path(path) => {
                        let file = import::read(&path).map_err(|e| e.to_string())?;
                        (path, file)
                    }
                    ImportSource::Remapped(path, file) => (path, *file),
                };
                let store = Store::open_read_only(&db).map_err(|e| e.to_string())?;
                let checked = import::check(&store, &file, today).map_err(|e| e.to_string())?;
                Ok(JobOutput::ImportChecked(Box::new(ImportPreview {
                    path,
                    file,
                    checked,
                })))
            },
        )
    }

    /// Writes the checked rows in one transaction; cancelling writes nothing.
    pub fn run_import(
        db: PathBuf,
        preview: Box<ImportPreview>,
        take_good_rows: bool,
        on_duplicate: import::OnDuplicate,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        spawn(
            "import",
            "正在导入志愿者……".into(),
            Some(cancel),
            ctx,
            move |progress| {
                let mut store = Store::open(&db).map_err(|e| e.to_string())?;
                // The register as it was, before any row is written (on this thread: a large
                // file takes a while).
                store
                    .backup(crate::store::backup::Reason::BeforeImport)
                    .map_err(|e| format!("导入前备份失败，未导入：{e}"))?;
                let r = import::apply(
                    &mut store,
                    &preview.checked,
                    &preview.file.mapping,
                    take_good_rows,
                    on_duplicate,
                    &mut |p| {
                        progress(p);
                        !stop.load(Ordering::Relaxed)
                    },
                )
                .map_err(|e| e.to_string())?;
                Ok(JobOutput::Message(format!(
                    "导入完成：新增 {} 名，更新 {} 名，跳过已在名册中的 {} 名，跳过有错误的行 {} 行。",
                    r.added, r.updated, r.skipped, r.bad
                )))
            },
        )
    }

    /// Writes the roster of the register as filtered to `out`.
    pub fn export_roster(
        db: PathBuf,
        query: RegisterQuery,
        out: PathBuf,
        numbers: roster::Numbers,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        spawn(
            "roster-export",
            "正在导出志愿者名册……".into(),
            Some(cancel),
            ctx,
            move |progress| {
                let store = Store::open_read_only(&db).map_err(|e| e.to_string())?;
                let total = store.register_count(&query).map_err(|e| e.to_string())?;
                let title = crate::cli::roster_title(&store);
                let n = roster::export(&store, &query, &out, numbers, &title, &mut |done| {
                    progress(done as f32 / total.max(1) as f32);
                    !stop.load(Ordering::Relaxed)
                })
                .map_err(|e| e.to_string())?;
                if numbers == roster::Numbers::Full {
                    crate::store::export_log::record(
                        &db,
                        crate::store::export_log::ROSTER_FULL,
                        &out,
                        n as i64,
                    )
                    .map_err(|e| e.to_string())?;
                }
                Ok(JobOutput::Message(format!(
                    "已导出 {n} 名志愿者到“{}”。",
                    out.display()
                )))
            },
        )
    }

    /// Writes the 联络表 of these units (every unit when empty) as of `date` to `out`.
    pub fn export_contact_form(
        db: PathBuf,
        unit_ids: Vec<String>,
        date: chrono::NaiveDate,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "contact-form-export",
            "正在生成联络表……".into(),
            None,
            ctx,
            move |progress| {
                let store = Store::open_read_only(&db).map_err(|e| e.to_string())?;
                let data = crate::export::contact_form::collect(&store, &unit_ids, date)
                    .map_err(|e| e.to_string())?;
                progress(0.3);
                crate::export::contact_form::write(&data, &out).map_err(|e| e.to_string())?;
                crate::store::export_log::record(
                    &db,
                    crate::store::export_log::CONTACT_FORM,
                    &out,
                    data.lines.len() as i64,
                )
                .map_err(|e| e.to_string())?;
                Ok(JobOutput::Exported(
                    out.clone(),
                    format!(
                        "已生成 {} 个单位的联络表：“{}”。",
                        data.lines.len(),
                        out.display()
                    ),
                ))
            },
        )
    }

    /// Writes a registered certificate's PDF.
    pub fn write_certificate(
        db: PathBuf,
        id: String,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "certificate",
            "正在生成志愿服务记录证明……".into(),
            None,
            ctx,
            move |_| {
                let store = Store::open_read_only(&db).map_err(|e| e.to_string())?;
                let data = store.certificate_data(&id).map_err(|e| e.to_string())?;
                crate::export::certificate::write(&data, &out).map_err(|e| e.to_string())?;
                crate::store::export_log::record(
                    &db,
                    crate::store::export_log::CERTIFICATE,
                    &out,
                    1,
                )
                .map_err(|e| e.to_string())?;
                Ok(JobOutput::Certificate(
                    out.clone(),
                    format!(
                        "已生成志愿服务记录证明 {}（{}，{} 小时）：“{}”。",
                        data.certificate.serial,
                        data.name,
                        data.certificate.hours,
                        out.display()
                    ),
                ))
            },
        )
    }

    /// Writes the 工作总结 of a period.
    pub fn export_summary(
        db: PathBuf,
        period: crate::domain::period::Period,
        today: chrono::NaiveDate,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "summary",
            "正在生成工作总结……".into(),
            None,
            ctx,
            move |progress| {
                let store = Store::open_read_only(&db).map_err(|e| e.to_string())?;
                let doc = crate::export::summary::build(&store, &period, today)
                    .map_err(|e| e.to_string())?;
                progress(0.5);
                crate::export::summary::write(&doc, &out).map_err(|e| e.to_string())?;
                Ok(JobOutput::Summary(
                    out.clone(),
                    format!("已生成《{}》：“{}”。", doc.title, out.display()),
                ))
            },
        )
    }

    /// Writes the report's tables to Excel.
    pub fn export_report(
        db: PathBuf,
        period: crate::domain::period::Period,
        scope: crate::store::report::Scope,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "report-export",
            "正在导出统计表……".into(),
            None,
            ctx,
            move |progress| {
                let store = Store::open_read_only(&db).map_err(|e| e.to_string())?;
                let report = store
                    .report_in(&period, &scope)
                    .map_err(|e| e.to_string())?;
                progress(0.7);
                crate::export::report_xlsx::write(&report, &out).map_err(|e| e.to_string())?;
                Ok(JobOutput::Summary(
                    out.clone(),
                    format!("已导出{}统计表：“{}”。", report.period, out.display()),
                ))
            },
        )
    }

    /// Replaces the database at `db` with the backup `from` (checked first; the current file
    /// is backed up first). The caller has closed its connection.
    pub fn restore(
        db: PathBuf,
        from: PathBuf,
        keep: usize,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "restore",
            "正在检查备份文件并恢复数据库……".into(),
            None,
            ctx,
            move |progress| {
                crate::store::backup::check_file(&from)
                    .map_err(|e| format!("不能用该文件恢复：{e}"))?;
                progress(0.4);
                let previous = crate::store::backup::restore(&db, &from, keep)
                    .map_err(|e| format!("恢复失败：{e}"))?;
                Ok(JobOutput::Restored(format!(
                    "已从“{}”恢复。{}",
                    from.display(),
                    previous
                        .map(|p| format!("恢复前的数据库已备份到“{}”。", p.display()))
                        .unwrap_or_default()
                )))
            },
        )
    }

    /// Backs the database up: into backups/ (`None`) or to a file. SQLite's online backup
    /// gives a consistent copy while the window goes on writing.
    pub fn backup(db: PathBuf, to: Option<PathBuf>, ctx: egui::Context) -> Result<Job, String> {
        spawn(
            "backup",
            "正在备份数据库……".into(),
            None,
            ctx,
            move |_| {
                let store = Store::open(&db).map_err(|e| format!("备份失败：{e}"))?;
                let written = match to {
                    Some(file) => store.backup_to_file(&file).map(|()| file),
                    None => store.backup(crate::store::backup::Reason::Manual),
                }
                .map_err(|e| format!("备份失败：{e}"))?;
                Ok(JobOutput::Message(format!(
                    "已备份到“{}”。",
                    written.display()
                )))
            },
        )
    }

    /// Writes an exchange package.
    pub fn export_exchange(
        db: PathBuf,
        out: PathBuf,
        whole: bool,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "exchange-export",
            "正在导出交换包……".into(),
            None,
            ctx,
            move |progress| {
                let mut store = Store::open(&db).map_err(|e| e.to_string())?;
                let done = store
                    .export_exchange(&out, whole, &mut |p| progress(p))
                    .map_err(|e| format!("导出交换包失败：{e}"))?;
                Ok(JobOutput::Message(done.message()))
            },
        )
    }

    /// Reads a station's exchange package, after backing the database up.
    pub fn import_exchange(
        db: PathBuf,
        package: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "exchange-import",
            "正在导入交换包……".into(),
            None,
            ctx,
            move |progress| {
                let mut store = Store::open(&db).map_err(|e| e.to_string())?;
                crate::store::exchange::describe(&package).map_err(|e| e.to_string())?;
                store
                    .backup(crate::store::backup::Reason::BeforeImport)
                    .map_err(|e| format!("导入前备份失败，未导入：{e}"))?;
                progress(0.05);
                let done = store
                    .import_exchange(&package, &mut |p| progress(0.05 + 0.95 * p))
                    .map_err(|e| format!("导入交换包失败：{e}"))?;
                Ok(JobOutput::ExchangeImported(Box::new(done)))
            },
        )
    }

    /// Takes the messages that arrived; returns the outcome once the job has finished.
    pub fn poll(&mut self) -> Option<Result<JobOutput, String>> {
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                JobMsg::Progress(p) => self.progress = p,
                JobMsg::Done(r) => return Some(r),
            }
        }
        None
    }
}
