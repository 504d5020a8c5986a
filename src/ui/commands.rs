//! The commands panes queue while drawing, and their execution at the end of the frame: each
//! runs in its own transaction (or starts a background job) and yields what the window should
//! do — a toast, a reply to the form that asked, a job, a record to open.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::jobs::Job;
use super::panes::Pane;
use crate::store::StoreError;
use crate::store::meta::Table;

mod execute;
pub use execute::execute;

/// A change requested by a pane; the app carries it out at the end of the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Save the user's own unit name (本单位).
    SetUnitName(String),
    /// Save 本单位类型 and the duties judged.
    SetUnitDuties(crate::domain::duties::UnitKind, Vec<String>),
    /// Save a volunteer from the form (insert when its key is empty, else update).
    SaveVolunteer(Box<crate::store::volunteers::Volunteer>),
    /// Save an activity with exactly these participants and hours; the reply goes to the
    /// form of the pane named (the calendar's or the activity list's).
    SaveActivity(
        Box<crate::store::activities::Activity>,
        Vec<(String, crate::domain::hours::Tenths)>,
        Pane,
    ),
    /// Copy files into the attachment folder for a record.
    AttachFiles {
        /// The owning table.
        owner_kind: String,
        /// The owning record.
        owner_id: String,
        /// The files.
        paths: Vec<std::path::PathBuf>,
    },
    /// Move an attachment to the recycle bin.
    RemoveAttachment(String),
    /// Save a need with exactly these linked activities.
    SaveNeed(Box<crate::store::paperwork::Need>, Vec<String>),
    /// Save an information report.
    SaveInfoReport(Box<crate::store::paperwork::InfoReport>),
    /// Save an honor.
    SaveHonor(Box<crate::store::records::Honor>),
    /// Save a training with exactly these attending volunteers.
    SaveTraining(Box<crate::store::records::Training>, Vec<String>),
    /// Plan the twelve 学雷锋志愿服务日 of a year.
    PlanLeiFengDays(i32),
    /// Save a team from the form (insert when its key is empty, else update).
    SaveTeam(Box<crate::store::teams::Team>),
    /// Add volunteers to a team.
    AddTeamMembers {
        /// The team.
        team_id: String,
        /// The volunteers.
        volunteer_ids: Vec<String>,
    },
    /// Take a volunteer out of a team.
    RemoveTeamMember {
        /// The team.
        team_id: String,
        /// The volunteer.
        volunteer_id: String,
    },
    /// Read a spreadsheet (or re-check it with a corrected mapping) on a worker thread.
    CheckImport(super::jobs::ImportSource),
    /// Import the checked rows on a worker thread.
    RunImport {
        /// The file and its verdicts.
        preview: Box<super::jobs::ImportPreview>,
        /// Take the good rows when some are bad.
        take_good_rows: bool,
        /// What to do with volunteers already registered.
        on_duplicate: crate::export::import::OnDuplicate,
    },
    /// Write the register as filtered to a roster file on a worker thread.
    ExportRoster {
        /// Filter and order.
        query: crate::store::register::RegisterQuery,
        /// The file (.xlsx or .csv).
        out: std::path::PathBuf,
        /// Masked or whole personal numbers.
        numbers: crate::export::roster::Numbers,
    },
    /// Write an activity's record sheet (活动记录表) on a worker thread.
    ExportActivityRecord {
        /// The activity.
        id: String,
        /// The file (.pdf or .docx).
        out: std::path::PathBuf,
    },
    /// Write the 台账 of a period on a worker thread (PDF, or a new folder of Word files).
    ExportLedger {
        /// The period.
        period: crate::domain::period::Period,
        /// 本单位, a 村居 or a team.
        scope: crate::store::report::Scope,
        /// The .pdf file or the new folder.
        out: std::path::PathBuf,
        /// The pane that offers to open it.
        from: crate::ui::panes::ledger_ask::ShowIn,
    },
    /// Copy the 留存资料 of a period into a new folder on a worker thread.
    ExportEvidence {
        /// The period.
        period: crate::domain::period::Period,
        /// Only 关爱系列 and 精准扶贫、乡村振兴.
        care_only: bool,
        /// The new folder.
        out: std::path::PathBuf,
        /// The pane that offers to open it.
        from: crate::ui::panes::ledger_ask::ShowIn,
    },
    /// Write the record sheets of every activity a list shows into one PDF on a worker thread.
    ExportActivityRecords {
        /// The list's query.
        query: crate::store::lists::ListQuery,
        /// The .pdf file.
        out: std::path::PathBuf,
    },
    /// Read a platform's template file and save it under a name, on a worker thread.
    AddPlatformTemplate {
        /// The name to save it under.
        name: String,
        /// The file.
        file: std::path::PathBuf,
    },
    /// Mark activities entered into a platform today (by hand, or after an export).
    MarkEntered {
        /// The activities.
        ids: Vec<String>,
        /// The platform's name.
        platform: String,
        /// Who entered them.
        by: String,
    },
    /// Take back an activity's 已录入平台 mark.
    UnmarkEntered(String),
    /// Compare a platform's export of service records with the ledger, on a worker thread.
    Reconcile {
        /// The platform's file.
        file: std::path::PathBuf,
        /// The period compared.
        period: crate::domain::period::Period,
    },
    /// Take the platform's hours for one person at one activity (采用平台的).
    AdoptPlatformHours {
        /// The activity.
        activity_id: String,
        /// The volunteer.
        volunteer_id: String,
        /// The platform's hours.
        hours: crate::domain::hours::Tenths,
    },
    /// Write a reconcile's differences to Excel on a worker thread.
    ExportDifferences {
        /// What the reconcile found.
        found: Box<crate::ops::platform::Reconciled>,
        /// Its period.
        period: crate::domain::period::Period,
        /// The .xlsx file.
        out: std::path::PathBuf,
    },
    /// Save the clerk's corrections of a saved template's columns.
    SavePlatformColumns(Box<crate::domain::platform::Template>),
    /// Write a batch file for the platforms on a worker thread.
    ExportPlatform {
        /// The template, what it covers, the numbers and the rows per file.
        batch: Box<crate::ops::platform::Batch>,
        /// Mark the activities entered, by this person, today.
        mark: Option<String>,
        /// The .xlsx file.
        out: std::path::PathBuf,
    },
    /// Write an activity's sign-in sheet (签到表) on a worker thread.
    ExportSignIn {
        /// The activity (or the training).
        id: String,
        /// `id` is a training's (培训签到表).
        training: bool,
        /// List this team's members instead of the registered participants.
        team: Option<String>,
        /// Blank rows (none: to the end of the page).
        blank_rows: Option<usize>,
        /// The file (.pdf, .docx or .xlsx).
        out: std::path::PathBuf,
    },
    /// Write a register's list as shown to Excel on a worker thread.
    ExportList {
        /// Which list.
        list: crate::ops::lists::ListName,
        /// Its search, filters and order.
        query: crate::store::lists::ListQuery,
        /// The file (.xlsx).
        out: std::path::PathBuf,
        /// Phone numbers masked or whole (acknowledged, and logged).
        numbers: crate::export::roster::Numbers,
    },
    /// Save a unit and, when they changed, its contact persons valid from a day.
    SaveUnit {
        /// The unit (insert when its key is empty).
        unit: Box<crate::store::units::Unit>,
        /// Its contact persons as entered.
        contact: Option<Box<crate::store::units::UnitContact>>,
        /// The day a new version of the contacts starts.
        from: NaiveDate,
    },
    /// Write the 联络表 on a worker thread.
    ExportContactForm {
        /// The units (every unit when empty).
        unit_ids: Vec<String>,
        /// Contacts as of this day.
        date: NaiveDate,
        /// The file (.pdf, .docx or .xlsx).
        out: std::path::PathBuf,
    },
    /// Add the district units the notice names that the directory lacks.
    PresetUnits,
    /// Issue a certificate (numbered and registered) and write its PDF into a folder.
    IssueCertificate {
        /// Who, which period, signed by whom.
        request: Box<crate::store::certificates::CertificateRequest>,
        /// The folder the PDF goes to.
        folder: std::path::PathBuf,
    },
    /// Write a registered certificate's PDF again.
    ReprintCertificate {
        /// The certificate.
        id: String,
        /// The file.
        out: std::path::PathBuf,
    },
    /// Keep the clerk's text of a summary section for a period.
    SaveNarrative {
        /// 2026H1 or 2026.
        period: String,
        /// 存在的问题 or 下一步工作打算.
        section: String,
        /// The text.
        body: String,
    },
    /// Write the 工作总结 of a period on a worker thread.
    ExportSummary {
        /// The period.
        period: crate::domain::period::Period,
        /// The file (.docx or .pdf).
        out: std::path::PathBuf,
    },
    /// Write the report's tables to an Excel file on a worker thread.
    ExportReport {
        /// The period.
        period: crate::domain::period::Period,
        /// Whose figures.
        scope: crate::store::report::Scope,
        /// The file (.xlsx).
        out: std::path::PathBuf,
    },
    /// Record that a document was sent up.
    SaveSubmission(Box<crate::store::paperwork::Submission>),
    /// Add one of the clerk's key dates, or hide a built-in one.
    SaveKeyDate(Box<crate::store::paperwork::CustomKeyDate>),
    /// Move a record to the recycle bin, restore it, or remove it from the bin for good.
    Bin {
        /// Its table.
        table: crate::store::meta::Table,
        /// Its key.
        id: String,
        /// What to do.
        action: BinAction,
        /// The record named for the message (培训“…”).
        what: String,
    },
    /// Back up the database now: into backups/ (`None`) or to a file.
    Backup(Option<std::path::PathBuf>),
    /// Replace the database with a backup (checked; the current one is backed up first).
    Restore(std::path::PathBuf),
    /// How many automatic backups to keep.
    SetBackupsKept(usize),
    /// How often the automatic backup is made.
    SetBackupEvery(crate::store::backup::Every),
    /// Show a record in its pane with its form open.
    OpenRecord {
        /// Its table.
        table: crate::store::meta::Table,
        /// Its key.
        id: String,
    },
    /// Write an exchange package on a worker thread.
    ExportExchange {
        /// The package file.
        out: std::path::PathBuf,
        /// Every record, or those changed since the last export.
        whole: bool,
    },
    /// Read a station's package on a worker thread (the database is backed up first).
    ImportExchange(std::path::PathBuf),
    /// Settle a conflict of an exchange.
    ResolveConflict {
        /// Its key in the conflict list.
        id: i64,
        /// Keep ours or take the package's.
        choice: crate::store::exchange::Choice,
    },
    /// Settle every waiting conflict the same way.
    ResolveAllConflicts(crate::store::exchange::Choice),
    /// Save this station's name.
    SetStationName(String),
    /// Fill an empty database with example data on a worker thread.
    LoadDemo {
        /// Number of volunteers.
        volunteers: u64,
    },
}

/// What a list does with a record and the recycle bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinAction {
    /// 移入回收站
    Delete,
    /// 恢复
    Restore,
    /// 彻底删除
    Purge,
    /// 清空回收站 (every record of the list in the bin; the id is empty)
    EmptyBin,
}

/// What carrying out a command asks of the window.
#[derive(Default)]
pub struct Effects {
    /// Toasts: the text and whether it is an error.
    pub toasts: Vec<(String, bool)>,
    /// How a save went, for the form of that pane: closed on success, kept with the message
    /// otherwise.
    pub replies: Vec<(Pane, Result<(), String>)>,
    /// Background jobs started (or the reason one could not start).
    pub jobs: Vec<Result<Job, String>>,
    /// Replace the database with this backup once the frame's commands are done.
    pub restore: Option<PathBuf>,
    /// Show a record in its pane.
    pub open: Option<(Table, String)>,
}

impl Effects {
    fn toast(&mut self, text: impl Into<String>) {
        self.toasts.push((text.into(), false));
    }

    fn error(&mut self, text: impl Into<String>) {
        self.toasts.push((text.into(), true));
    }

    /// A toast for a write: `ok`'s text when it went through, `failed：reason` when not.
    fn told<T>(
        &mut self,
        result: Result<T, StoreError>,
        failed: &str,
        ok: impl FnOnce(T) -> String,
    ) {
        match result {
            Ok(v) => self.toast(ok(v)),
            Err(e) => self.error(format!("{failed}：{e}")),
        }
    }

    /// A form's save: a toast and the form closed, or the reason shown in the form.
    fn saved<T>(
        &mut self,
        pane: Pane,
        result: Result<T, StoreError>,
        ok: impl FnOnce(T) -> String,
    ) {
        match result {
            Ok(v) => {
                self.toast(ok(v));
                self.replies.push((pane, Ok(())));
            }
            Err(e) => self.replies.push((pane, Err(e.to_string()))),
        }
    }
}
