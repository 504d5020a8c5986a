//! The panes of the window, one struct each with `fn ui(&mut self, ui, ctx)`.

pub mod activities;
pub mod calendar;
pub mod exchange;
pub mod honors;
pub mod info_reports;
pub mod key_dates;
pub mod needs;
pub mod reports;
pub mod settings;
pub mod teams;
pub mod trainings;
pub mod units;
pub mod volunteers;

use chrono::NaiveDate;

use crate::store::Store;

/// What a pane may use while drawing: read the store, queue commands.
pub struct AppCtx<'a> {
    /// The open database (read only while drawing).
    pub store: &'a Store,
    /// Today (injected, so tests do not depend on the clock).
    pub today: NaiveDate,
    /// Changes whenever data was written; caches compare it.
    pub version: u64,
    /// Commands carried out at the end of the frame.
    pub commands: &'a mut Vec<Command>,
}

/// A change requested by a pane; the app carries it out at the end of the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Save the user's own unit name (本单位).
    SetUnitName(String),
    /// Save 本单位类型 and the duties judged.
    SetUnitDuties(crate::domain::duties::UnitKind, Vec<String>),
    /// Save a volunteer from the form (insert when its key is empty, else update).
    SaveVolunteer(Box<crate::store::volunteers::Volunteer>),
    /// Move a volunteer to the recycle bin.
    DeleteVolunteer(String),
    /// Bring a volunteer back from the recycle bin.
    RestoreVolunteer(String),
    /// Remove a volunteer from the recycle bin for good.
    PurgeVolunteer(String),
    /// Remove every volunteer of the recycle bin for good (those with certificates stay).
    EmptyVolunteerBin,
    /// Save an activity with exactly these participants and hours.
    SaveActivity(
        Box<crate::store::activities::Activity>,
        Vec<(String, crate::domain::hours::Tenths)>,
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
    /// Move an activity to the recycle bin.
    DeleteActivity(String),
    /// Bring an activity back from the recycle bin.
    RestoreActivity(String),
    /// Plan the twelve 学雷锋志愿服务日 of a year.
    PlanLeiFengDays(i32),
    /// Save a team from the form (insert when its key is empty, else update).
    SaveTeam(Box<crate::store::teams::Team>),
    /// Move a team to the recycle bin.
    DeleteTeam(String),
    /// Bring a team back from the recycle bin.
    RestoreTeam(String),
    /// Remove a team from the recycle bin for good.
    PurgeTeam(String),
    /// Remove every team of the recycle bin for good.
    EmptyTeamBin,
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
    CheckImport(crate::ui::jobs::ImportSource),
    /// Import the checked rows on a worker thread.
    RunImport {
        /// The file and its verdicts.
        preview: Box<crate::ui::jobs::ImportPreview>,
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

/// The panes, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Pane {
    /// 日历
    #[default]
    Calendar,
    /// 活动
    Activities,
    /// 志愿者
    Volunteers,
    /// 队伍
    Teams,
    /// 培训
    Trainings,
    /// 表彰
    Honors,
    /// 信息报送
    InfoReports,
    /// 需求登记
    Needs,
    /// 单位与联络表
    Units,
    /// 统计与总结
    Reports,
    /// 数据交换
    Exchange,
    /// 设置
    Settings,
}

impl Pane {
    /// All panes in navigation order.
    pub const ALL: [Pane; 12] = [
        Pane::Calendar,
        Pane::Activities,
        Pane::Volunteers,
        Pane::Teams,
        Pane::Trainings,
        Pane::Honors,
        Pane::InfoReports,
        Pane::Needs,
        Pane::Units,
        Pane::Reports,
        Pane::Exchange,
        Pane::Settings,
    ];

    /// The navigation label.
    pub fn label(self) -> &'static str {
        match self {
            Pane::Calendar => "日历",
            Pane::Activities => "活动",
            Pane::Volunteers => "志愿者",
            Pane::Teams => "队伍",
            Pane::Trainings => "培训",
            Pane::Honors => "表彰",
            Pane::InfoReports => "信息报送",
            Pane::Needs => "需求登记",
            Pane::Units => "单位与联络表",
            Pane::Reports => "统计与总结",
            Pane::Exchange => "数据交换",
            Pane::Settings => "设置",
        }
    }

    /// The heading shown at the top of the pane: its navigation label (one name a thing).
    pub fn heading(self) -> &'static str {
        self.label()
    }
}

/// Formats a date as 2026年3月5日.
pub fn chinese_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// The Chinese weekday name of a date.
pub fn weekday_name(d: NaiveDate) -> &'static str {
    use chrono::{Datelike, Weekday};
    match d.weekday() {
        Weekday::Mon => "周一",
        Weekday::Tue => "周二",
        Weekday::Wed => "周三",
        Weekday::Thu => "周四",
        Weekday::Fri => "周五",
        Weekday::Sat => "周六",
        Weekday::Sun => "周日",
    }
}

/// What a pane does when the app reports how a save its form asked for went: close the form,
/// or keep everything typed and show why the save failed.
pub fn saved<F>(
    form: &mut Option<F>,
    result: Result<(), String>,
    show_error: impl FnOnce(&mut F, String),
) {
    match result {
        Ok(()) => *form = None,
        Err(e) => {
            if let Some(f) = form {
                show_error(f, e);
            }
        }
    }
}
