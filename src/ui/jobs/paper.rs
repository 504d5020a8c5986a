//! The jobs of the paper 台账 and the platforms: the period's 台账 and evidence pack, several
//! record sheets in one PDF, the platform's templates, batch files and reconcile.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{Job, JobOutput, spawn, spawn_cancellable};
use crate::ops;

impl Job {
    /// Writes the 台账 of a period in a scope (PDF, or a new folder of Word files).
    pub fn ledger(
        db: PathBuf,
        (period, scope): (crate::domain::period::Period, crate::store::report::Scope),
        today: NaiveDate,
        out: PathBuf,
        from: crate::ui::panes::ledger_ask::ShowIn,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn_cancellable(
            "ledger",
            "正在生成台账……".into(),
            ctx,
            move |progress| {
                let done = ops::documents::ledger(&db, &period, &scope, today, &out, progress)
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::Document(from, done.path, done.message))
            },
        )
    }

    /// Copies the 留存资料 of a period into a new folder.
    pub fn evidence(
        db: PathBuf,
        period: crate::domain::period::Period,
        care_only: bool,
        out: PathBuf,
        from: crate::ui::panes::ledger_ask::ShowIn,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn_cancellable(
            "evidence",
            "正在导出留存资料……".into(),
            ctx,
            move |progress| {
                let done = ops::documents::evidence(&db, &period, care_only, &out, progress)
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::Document(from, done.path, done.message))
            },
        )
    }

    /// Reads a platform's template file and saves it under `name`.
    pub fn add_platform_template(
        db: PathBuf,
        name: String,
        file: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "platform-template",
            "正在读入平台模板……".into(),
            None,
            ctx,
            move |_| {
                let (template, unmatched) = ops::platform::add_template(&db, &name, &file, &[])
                    .map_err(|e| e.to_string())?;
                let rest = if unmatched.is_empty() {
                    String::new()
                } else {
                    format!(
                        "；未认出的列（导出时留空，可在“列对应”中指定）：{}",
                        unmatched.join("、")
                    )
                };
                Ok(JobOutput::Message(format!(
                    "已保存平台模板“{}”（{} 列）{rest}。",
                    template.name,
                    template.headers.len()
                )))
            },
        )
    }

    /// Writes a batch file (or several) for the platforms.
    pub fn export_platform(
        db: PathBuf,
        batch: ops::platform::Batch,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn_cancellable(
            "platform-export",
            "正在导出平台导入文件……".into(),
            ctx,
            move |progress| {
                let (done, ids) = ops::platform::export_listing(&db, &batch, &out, progress)
                    .map_err(|e| e.to_string())?;
                if batch.mark_entered.is_none() && !ids.is_empty() {
                    let template = batch.template.clone();
                    return Ok(JobOutput::PlatformExported(
                        done.path,
                        done.message,
                        ids,
                        template,
                    ));
                }
                let shown = match batch.covering {
                    ops::platform::Covering::Volunteers(_) => {
                        crate::ui::panes::ledger_ask::ShowIn::Volunteers
                    }
                    _ => crate::ui::panes::ledger_ask::ShowIn::Activities,
                };
                Ok(JobOutput::Document(shown, done.path, done.message))
            },
        )
    }

    /// Compares a platform's export of service records with the ledger's held records.
    pub fn reconcile(
        db: PathBuf,
        file: PathBuf,
        period: crate::domain::period::Period,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "reconcile",
            "正在与平台记录比对……".into(),
            None,
            ctx,
            move |_| {
                let found = ops::platform::reconcile(&db, &file, &period)
                    .map(Box::new)
                    .map_err(|e| e.to_string());
                Ok(JobOutput::Reconciled(found))
            },
        )
    }

    /// Writes a reconcile's differences to Excel.
    pub fn export_differences(
        found: crate::ops::platform::Reconciled,
        period: crate::domain::period::Period,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn(
            "differences",
            "正在导出差异……".into(),
            None,
            ctx,
            move |_| {
                let done = ops::platform::export_differences(&found, &period, &out)
                    .map_err(|e| e.to_string())?;
                let shown = crate::ui::panes::ledger_ask::ShowIn::Reports;
                Ok(JobOutput::Document(shown, done.path, done.message))
            },
        )
    }

    /// Writes the record sheets of every activity a list shows into one PDF.
    pub fn activity_records(
        db: PathBuf,
        query: crate::store::lists::ListQuery,
        out: PathBuf,
        ctx: egui::Context,
    ) -> Result<Job, String> {
        spawn_cancellable(
            "activity-records",
            "正在生成活动记录表……".into(),
            ctx,
            move |progress| {
                let done = ops::documents::listed_activity_records(&db, &query, &out, progress)
                    .map_err(|e| e.to_string())?;
                Ok(JobOutput::ActivityRecord(done.path, done.message))
            },
        )
    }
}
