//! The writer of bulk loads ([`Store::bulk`]): example data and imports write through it inside
//! one transaction.

use rusqlite::Connection;

use super::{
    Result, StoreError, activities, attachments, compact, meta, record, settings, volunteers,
};

/// The writer handed to [`Store::bulk`]: inserts through cached prepared statements inside the
/// one transaction.
pub struct Bulk<'c> {
    pub(super) conn: &'c Connection,
    pub(super) origin: &'c str,
    /// The origin stations this load listed in `stations` (see [`Bulk::put_service`]).
    pub(super) stations: std::cell::RefCell<std::collections::HashSet<String>>,
}

impl Bulk<'_> {
    /// Inserts one record as it is (its meta must already be filled in).
    pub fn put<R: record::Record>(&self, r: &R) -> Result<()> {
        r.insert(self.conn)
    }

    /// The short key (`key`) of the volunteer or activity `id`, to refer to it from service
    /// records written with [`Bulk::put_service`].
    pub fn key_of(&self, table: meta::Table, id: &str) -> Result<i64> {
        record::short_key(self.conn, table, id)?.ok_or_else(|| StoreError::NotFound {
            kind: "短键",
            id: id.to_string(),
        })
    }

    /// Inserts a service record straight into its rows, by the short keys of its activity and
    /// volunteer ([`Bulk::key_of`]; the view's trigger would look each up by its text key).
    pub fn put_service(
        &self,
        p: &activities::Participation,
        activity: i64,
        volunteer: i64,
    ) -> Result<()> {
        let m = &p.meta;
        // Listed once per load, so that the records keep their station as a short key.
        if !self.stations.borrow().contains(&m.origin) {
            compact::register_station(self.conn, &m.origin)?;
            self.stations.borrow_mut().insert(m.origin.clone());
        }
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            format!(
                "INSERT INTO participation_rows (id, activity_ref, volunteer_ref, hours_tenths,
                     evaluation, remark, created_at, updated_at, origin, deleted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, {}, {}, {}, ?10)",
                compact::stamp_in("?7"),
                compact::stamp_in("?8"),
                compact::station_in("?9")
            )
        });
        // The id as the rows keep it (schema version 26), worked out here rather than in SQL.
        let id = match compact::record_id_bytes(&m.id) {
            Some(bytes) => rusqlite::types::Value::Blob(bytes.to_vec()),
            None => rusqlite::types::Value::Text(m.id.clone()),
        };
        self.conn.prepare_cached(&SQL)?.execute(rusqlite::params![
            id,
            activity,
            volunteer,
            p.hours,
            p.evaluation,
            p.remark,
            m.created_at,
            m.updated_at,
            m.origin,
            m.deleted_at
        ])?;
        Ok(())
    }

    /// Saves an existing volunteer's fields (stamping `updated_at`) and search keys.
    pub fn update_volunteer(&self, v: &mut volunteers::Volunteer) -> Result<()> {
        v.meta.updated_at = meta::now_utc();
        volunteers::update_volunteer_in(self.conn, v)
    }

    /// Keeps `bytes` as an attachment's file (once per content) beside the database; returns
    /// its SHA-256 and size, for an [`super::paperwork::Attachment`] record put after.
    pub fn keep_file(&self, file_name: &str, bytes: &[u8]) -> Result<(String, i64)> {
        let db = std::path::PathBuf::from(self.conn.path().unwrap_or_default());
        attachments::keep_bytes(&db, file_name, bytes)
    }

    /// An activity's live participants as the transaction sees them: name, number and hours,
    /// by number.
    pub fn participants_of(
        &self,
        activity_id: &str,
    ) -> Result<Vec<(String, String, crate::domain::hours::Tenths)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.name, v.number, p.hours_tenths FROM participations p
             JOIN volunteers v ON v.id = p.volunteer_id
             WHERE p.activity_id = ?1 AND p.deleted_at IS NULL ORDER BY v.number",
        )?;
        let rows = stmt.query_map([activity_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                crate::domain::hours::Tenths(r.get(2)?),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The station that writes.
    pub fn origin(&self) -> &str {
        self.origin
    }

    /// Reads one record by key inside the transaction.
    pub fn get<R: record::Record>(&self, id: &str) -> Result<R> {
        record::fetch(self.conn, id)
    }

    /// The live volunteer holding this identity number, if any, as the transaction sees it.
    pub fn volunteer_with_id_number(&self, id_number: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM volunteers WHERE id_number = ?1 AND deleted_at IS NULL LIMIT 1",
            )?
            .query_row([id_number], |r| r.get(0))
            .optional()?)
    }

    /// Whether a volunteer (one in the recycle bin too) has this number.
    pub fn number_taken(&self, number: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM volunteers WHERE number = ?1")?
            .exists([number])?)
    }

    /// The next free volunteer number with `prefix`, as the transaction sees it.
    pub fn next_volunteer_number(&self, prefix: &str) -> Result<String> {
        volunteers::next_number_in(self.conn, prefix)
    }

    /// Writes a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        settings::set(self.conn, key, value, self.origin)
    }

    /// Reads a setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        settings::get(self.conn, key)
    }
}
