//! Key–value settings (unit name, station id, volunteer number prefix …).

use rusqlite::{Connection, OptionalExtension, named_params};

use super::meta::{RecordMeta, now_utc};
use super::{Result, Store};

/// Setting keys used across the app.
pub mod keys {
    /// The name of the user's own unit (本单位), e.g. 某某街道办事处.
    pub const UNIT_NAME: &str = "unit_name";
    /// This installation's station id (origin of its records).
    pub const STATION_ID: &str = "station_id";
    /// This installation's station name.
    pub const STATION_NAME: &str = "station_name";
    /// Prefix of generated volunteer numbers.
    pub const NUMBER_PREFIX: &str = "volunteer_number_prefix";
    /// How many automatic backups to keep.
    pub const BACKUPS_KEPT: &str = "backups_kept";
    /// How often the automatic backup is made (`size`, `day` or `week`).
    pub const BACKUP_EVERY: &str = "backup_every";
    /// When this station last exported an exchange package (UTC).
    pub const LAST_EXCHANGE_EXPORT: &str = "exchange_last_export";
    /// 本单位类型: 街镇 / 涉农街镇 / 区级部门 / 村居（社区）.
    pub const UNIT_KIND: &str = "unit_kind";
    /// The unit's own duties (categories and regular kinds judged), joined by `；`.
    pub const DUTIES: &str = "duties";
}

/// One setting as listed in the settings pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingEntry {
    /// The key.
    pub key: String,
    /// The value.
    pub value: String,
}

/// Reads one setting.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1 AND deleted_at IS NULL")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Writes one setting (insert or update).
pub fn set(conn: &Connection, key: &str, value: &str, origin: &str) -> Result<()> {
    let meta = RecordMeta::new(origin);
    conn.prepare_cached(
        "INSERT INTO settings (id, key, value, created_at, updated_at, origin)
         VALUES (:id, :key, :value, :now, :now, :origin)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
             deleted_at = NULL",
    )?
    .execute(named_params! {
        ":id": meta.id, ":key": key, ":value": value, ":now": now_utc(), ":origin": origin,
    })?;
    Ok(())
}

/// Returns the station id, creating one on first open.
pub(crate) fn ensure_station_id(conn: &Connection) -> Result<String> {
    if let Some(id) = get(conn, keys::STATION_ID)? {
        return Ok(id);
    }
    let id = uuid::Uuid::new_v4().to_string();
    set(conn, keys::STATION_ID, &id, &id)?;
    Ok(id)
}

impl Store {
    /// Reads one setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        get(self.conn(), key)
    }

    /// Writes one setting in its own transaction.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let origin = self.origin().to_string();
        self.write(|c| set(c, key, value, &origin))
    }

    /// The user's own unit name, if the first-run dialog has been completed.
    pub fn unit_name(&self) -> Result<Option<String>> {
        Ok(self
            .setting(keys::UNIT_NAME)?
            .filter(|s| !s.trim().is_empty()))
    }

    /// Whether the register holds anyone, live or in the bin (one page read): example data is
    /// offered for an empty ledger only.
    pub fn holds_volunteers(&self) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM volunteers)", [], |r| r.get(0))?)
    }

    /// 本单位类型 (街镇 when not set).
    pub fn unit_kind(&self) -> Result<crate::domain::duties::UnitKind> {
        Ok(self
            .setting(keys::UNIT_KIND)?
            .map(|k| crate::domain::duties::UnitKind::parse(&k))
            .unwrap_or_default())
    }

    /// The unit's own duties: as ticked in 设置, or the notice's defaults for its kind.
    pub fn duties(&self) -> Result<Vec<String>> {
        match self.setting(keys::DUTIES)? {
            Some(stored) => Ok(crate::domain::duties::parse(&stored)),
            None => Ok(self
                .unit_kind()?
                .default_duties()
                .into_iter()
                .map(str::to_string)
                .collect()),
        }
    }

    /// Sets 本单位类型 and its duties together, in one transaction.
    pub fn set_unit_duties(
        &mut self,
        kind: crate::domain::duties::UnitKind,
        duties: &[String],
    ) -> Result<()> {
        let origin = self.origin().to_string();
        let joined = crate::domain::duties::join(duties);
        self.write(|c| {
            set(c, keys::UNIT_KIND, kind.label(), &origin)?;
            set(c, keys::DUTIES, &joined, &origin)
        })
    }

    /// All live settings, ordered by key.
    pub fn settings_list(&self) -> Result<Vec<SettingEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT key, value FROM settings WHERE deleted_at IS NULL ORDER BY key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SettingEntry {
                key: r.get(0)?,
                value: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
