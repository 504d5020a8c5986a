//! The columns every record carries, and timestamps.

use rusqlite::Row;

/// Key, timestamps, origin station and soft-delete mark of a record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordMeta {
    /// UUID primary key.
    pub id: String,
    /// When it was created (UTC, RFC 3339 with milliseconds).
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
    /// The station that created it.
    pub origin: String,
    /// When it was moved to the recycle bin, if it was.
    pub deleted_at: Option<String>,
}

impl RecordMeta {
    /// Fresh metadata for a new record made at `origin` now.
    pub fn new(origin: &str) -> Self {
        let now = now_utc();
        RecordMeta {
            id: uuid::Uuid::now_v7().to_string(),
            created_at: now.clone(),
            updated_at: now,
            origin: origin.to_string(),
            deleted_at: None,
        }
    }

    /// Reads the five common columns from a row.
    pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(RecordMeta {
            id: row.get("id")?,
            created_at: row.get("created_at")?,
            updated_at: row.get("updated_at")?,
            origin: row.get("origin")?,
            deleted_at: row.get("deleted_at")?,
        })
    }

    /// Fills in a missing key and timestamps before an insert.
    pub(crate) fn ensure(&mut self, origin: &str) {
        if self.id.is_empty() {
            *self = RecordMeta::new(origin);
        }
    }
}

/// The current time as stored: UTC, RFC 3339, milliseconds.
pub fn now_utc() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// A timestamp usable in file names.
pub fn file_stamp() -> String {
    chrono::Local::now().format("%Y%m%d-%H%M%S").to_string()
}

/// Tables that carry the common columns (a closed list: table names never come from input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// settings
    Settings,
    /// units
    Units,
    /// unit_contacts
    UnitContacts,
    /// volunteers
    Volunteers,
    /// teams
    Teams,
    /// team_members
    TeamMembers,
    /// activities
    Activities,
    /// participations
    Participations,
    /// trainings
    Trainings,
    /// training_attendance
    TrainingAttendance,
    /// honors
    Honors,
    /// info_reports
    InfoReports,
    /// needs
    Needs,
    /// attachments
    Attachments,
    /// custom_key_dates
    CustomKeyDates,
    /// summary_narratives
    SummaryNarratives,
    /// certificates
    Certificates,
    /// submissions
    Submissions,
    /// complaints
    Complaints,
}

impl Table {
    /// The SQL name.
    pub fn name(self) -> &'static str {
        match self {
            Table::Settings => "settings",
            Table::Units => "units",
            Table::UnitContacts => "unit_contacts",
            Table::Volunteers => "volunteers",
            Table::Teams => "teams",
            Table::TeamMembers => "team_members",
            Table::Activities => "activities",
            Table::Participations => "participations",
            Table::Trainings => "trainings",
            Table::TrainingAttendance => "training_attendance",
            Table::Honors => "honors",
            Table::InfoReports => "info_reports",
            Table::Needs => "needs",
            Table::Attachments => "attachments",
            Table::CustomKeyDates => "custom_key_dates",
            Table::SummaryNarratives => "summary_narratives",
            Table::Certificates => "certificates",
            Table::Submissions => "submissions",
            Table::Complaints => "complaints",
        }
    }

    /// Every table, in dependency order.
    pub const ALL: [Table; 19] = [
        Table::Settings,
        Table::Units,
        Table::UnitContacts,
        Table::Volunteers,
        Table::Teams,
        Table::TeamMembers,
        Table::Activities,
        Table::Participations,
        Table::Trainings,
        Table::TrainingAttendance,
        Table::Honors,
        Table::InfoReports,
        Table::Needs,
        Table::Attachments,
        Table::CustomKeyDates,
        Table::SummaryNarratives,
        Table::Certificates,
        Table::Submissions,
        Table::Complaints,
    ];
}
