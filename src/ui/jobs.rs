//! The window's long operations: each calls its `ops` function on the background runner
//! (`ui::runner`); the window shows a progress bar and ends with a toast.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;

use super::runner::{self, Poll, Task};
use crate::demo::DemoOptions;
use crate::export::{import, roster};
use crate::ops;
use crate::store::register::RegisterQuery;

/// Where the rows to check come from.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportSource {
    /// A file to read.
    Path(PathBuf),
    /// A file already read, with the mapping the clerk corrected.
    Remapped(PathBuf, Box<import::ImportFile>),
}

/// What a finished job hands back.
pub enum JobOutput {
    /// A message for the toast.
    Message(String),
    /// A spreadsheet read and checked, for the import dialog.
    ImportChecked(Box<ImportPreview>),
    /// A document written: where, and the message for the toast.
    Exported(PathBuf, String),
    /// A list written to Excel: which, where, and the message for the toast.
    ListExported(crate::ops::lists::ListName, PathBuf, String),
    /// An activity's record or sign-in sheet written: where, and the message for the toast.
    ActivityRecord(PathBuf, String),
    /// A document written from a dialog that two panes open: which pane offers to open it,
    /// where it is, and the message for the toast.
    Document(crate::ui::panes::ledger_ask::ShowIn, PathBuf, String),
    /// A platform's records compared with the ledger (or why not).
    Reconciled(Result<Box<crate::ops::platform::Reconciled>, String>),
    /// A batch file for the platforms of these activities, not marked entered yet: the file,
    /// the message, the activities and the template's name (asked whether to mark them).
    PlatformExported(PathBuf, String, Vec<String>, String),
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
    /// Set to ask the worker to stop (jobs that can be cancelled).
    pub cancel: Option<Arc<AtomicBool>>,
    /// The job only reads: cancelled, the window stops waiting at once and drops its result.
    pub read_only: bool,
    task: Task<Result<JobOutput, String>>,
}

/// Runs `work` on the background runner; `work` reports progress through the function it gets.
fn spawn(
    name: &str,
    title: String,
    cancel: Option<Arc<AtomicBool>>,
    ctx: egui::Context,
    work: impl FnOnce(&dyn Fn(f32)) -> Result<JobOutput, String> + Send + 'static,
) -> Result<Job, String> {
    let task = runner::start(name, &ctx, work)?;
    Ok(Job {
        title,
        cancel,
        read_only: false,
        task,
    })
}

/// A job the clerk can cancel: `work` gets the progress callback, which answers false once
/// 取消 was pressed.
fn spawn_cancellable(
    name: &str,
    title: String,
    ctx: egui::Context,
    work: impl FnOnce(&mut dyn FnMut(f32) -> bool) -> Result<JobOutput, String> + Send + 'static,
) -> Result<Job, String> {
    let cancel = Arc::new(AtomicBool::new(false));
    let stop = cancel.clone();
    spawn(name, title, Some(cancel), ctx, move |progress| {
        work(&mut |p| {
            progress(p);
            !stop.load(Ordering::Relaxed)
        })
    })
}

mod paper;

impl Job {
    /// Loads example data into the database at `path` on a worker thread.
    pub fn load_demo(
        path: PathBuf,
        volunteers: u64,
        today: NaiveDate,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn_cancellable(
            "demo-data",
            "正在载入示例数据……".into(),
            ctx,
            move |progress| {
                let opts = DemoOptions {
                    volunteers,
                    seed: 1,
                    today,
                };
                let report = ops::data::demo(&path, opts, progress).map_err(|e| e.to_string())?;
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
        // It only reads: a cancel lets it finish unseen.
        let job = spawn(
            "import-check",
            "正在读取并检查文件……".into(),
            Some(Arc::new(AtomicBool::new(false))),
            ctx,
            move |_| {
                let (path, read) = match source {
                    ImportSource::Path(path) => (path, None),
                    ImportSource::Remapped(path, file) => (path, Some(*file)),
                };
                let (file, checked) =
                    ops::data::check_import(&db, &path, read, today).map_err(|e| e.to_string())?;
                Ok(JobOutput::ImportChecked(Box::new(ImportPreview {
                    path,
                    file,
                    checked,
                })))
            },
        )?;
        Ok(Job {
            read_only: true,
            ..job
        })
    }

    /// Writes the checked rows in one transaction; cancelling writes nothing.
    pub fn run_import(
        db: PathBuf,
        preview: Box<ImportPreview>,
        take_good_rows: bool,
        on_duplicate: import::OnDuplicate,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn_cancellable(
            "import",
            "正在导入志愿者……".into(),
            ctx,
            move |progress| {
                let done = ops::data::apply_import(
                    &db,
                    &preview.checked,
                    &preview.file,
                    take_good_rows,
                    on_duplicate,
                    progress,
                )
                .map_err(|e| e.to_string())?;
                Ok(JobOutput::Message(done.message))
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
        spawn_cancellable(
            "roster-export",
            "正在导出志愿者名册……".into(),
            ctx,
            move |progress| {
                let done = ops::documents::roster(&db, &query, &out, numbers, progress)
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::Message(done.message))
            },
        )
    }

    /// Writes a register's list as shown to `out` (.xlsx).
    pub fn export_list(
        db: PathBuf,
        (list, numbers): (crate::ops::lists::ListName, roster::Numbers),
        query: crate::store::lists::ListQuery,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn_cancellable(
            "list-export",
            "正在导出列表……".into(),
            ctx,
            move |progress| {
                let done = list
                    .export(&db, &query, &out, numbers, progress)
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::ListExported(list, done.path, done.message))
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
                let done = ops::documents::contact_form(&db, &unit_ids, date, &out, &mut |p| {
                    progress(p);
                    true
                })
                .map_err(|e| e.to_string())?;
                Ok(JobOutput::Exported(done.path, done.message))
            },
        )
    }

    /// Writes an activity's record sheet (活动记录表) to `out` (.pdf or .docx).
    pub fn activity_record(
        db: PathBuf,
        id: String,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "activity-record",
            "正在生成活动记录表……".into(),
            None,
            ctx,
            move |_| {
                let done =
                    ops::documents::activity_record(&db, &id, &out).map_err(|e| e.to_string())?;
                Ok(JobOutput::ActivityRecord(done.path, done.message))
            },
        )
    }

    /// Writes an activity's sign-in sheet (签到表) to `out` (.pdf, .docx or .xlsx).
    pub fn sign_in(
        db: PathBuf,
        (id, training): (String, bool),
        team: Option<String>,
        blank_rows: Option<usize>,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "sign-in",
            "正在生成签到表……".into(),
            None,
            ctx,
            move |_| {
                if training {
                    let done = ops::documents::training_sign_in(
                        &db,
                        &id,
                        team.as_deref(),
                        blank_rows,
                        &out,
                    )
                    .map_err(|e| e.to_string())?;
                    let shown = crate::ui::panes::ledger_ask::ShowIn::Trainings;
                    return Ok(JobOutput::Document(shown, done.path, done.message));
                }
                let done = ops::documents::sign_in(&db, &id, team.as_deref(), blank_rows, &out)
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::ActivityRecord(done.path, done.message))
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
                let done =
                    ops::documents::certificate(&db, &id, &out).map_err(|e| e.to_string())?;
                Ok(JobOutput::Certificate(done.path, done.message))
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
                let done = ops::documents::summary(&db, &period, today, &out, &mut |p| {
                    progress(p);
                    true
                })
                .map_err(|e| e.to_string())?;
                Ok(JobOutput::Summary(done.path, done.message))
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
                let (_, done) =
                    ops::documents::report_workbook(&db, &period, &scope, &out, &mut |p| {
                        progress(p);
                        true
                    })
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::Summary(done.path, done.message))
            },
        )
    }

    /// Replaces the database at `db` with the backup `from` (checked first; the current file
    /// is backed up first). The caller has closed its connection.
    pub fn restore(db: PathBuf, from: PathBuf, ctx: egui::Context) -> Result<Job, String> {
        spawn_cancellable(
            "restore",
            "正在检查备份文件并恢复数据库……".into(),
            ctx,
            move |progress| {
                let previous =
                    ops::data::restore(&db, &from, progress).map_err(|e| e.to_string())?;
                Ok(JobOutput::Restored(ops::data::restored_message(
                    &from,
                    previous.as_deref(),
                )))
            },
        )
    }

    /// Backs the database up: into backups/ (`None`) or to a file.
    pub fn backup(db: PathBuf, to: Option<PathBuf>, ctx: egui::Context) -> Result<Job, String> {
        spawn_cancellable(
            "backup",
            "正在备份数据库……".into(),
            ctx,
            move |progress| {
                let written =
                    ops::data::backup(&db, to.as_deref(), progress).map_err(|e| e.to_string())?;
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
        spawn_cancellable(
            "exchange-export",
            "正在导出交换包……".into(),
            ctx,
            move |progress| {
                let done = ops::data::export_exchange(&db, &out, whole, progress)
                    .map_err(|e| e.to_string())?;
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
        spawn_cancellable(
            "exchange-import",
            "正在导入交换包……".into(),
            ctx,
            move |progress| {
                let done = ops::data::import_exchange(&db, &package, progress)
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::ExchangeImported(Box::new(done)))
            },
        )
    }

    /// Copies files into the attachment folder for a record (each hashed, then copied: a phone
    /// video takes a while).
    pub fn attach_files(
        db: PathBuf,
        owner: (String, String),
        paths: Vec<PathBuf>,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "attach",
            "正在添加留存资料……".into(),
            None,
            ctx,
            move |progress| {
                let mut store = crate::store::Store::open(&db).map_err(|e| e.to_string())?;
                let (kind, id) = owner;
                let mut added = 0;
                let mut failed = Vec::new();
                for (i, p) in paths.iter().enumerate() {
                    match store.attach_file(&kind, &id, p) {
                        Ok(_) => added += 1,
                        Err(e) => failed.push(e.to_string()),
                    }
                    progress((i + 1) as f32 / paths.len().max(1) as f32);
                }
                if failed.is_empty() {
                    Ok(JobOutput::Message(format!("已添加留存资料 {added} 个。")))
                } else {
                    Err(format!(
                        "已添加留存资料 {added} 个；添加失败：{}",
                        failed.join("；添加失败：")
                    ))
                }
            },
        )
    }

    /// Takes the messages that arrived; returns the outcome once the job has finished.
    pub fn poll(&mut self) -> Option<Result<JobOutput, String>> {
        match self.task.poll() {
            Poll::Running => None,
            Poll::Done(result) => Some(result),
            Poll::Lost => Some(Err("后台任务意外结束，操作未完成，请重试。".into())),
        }
    }

    /// The latest progress, 0.0‥1.0.
    pub fn progress(&self) -> f32 {
        self.task.progress()
    }
}
