//! What the 工作总结 reads beyond the period's figures: the clerk's saved text of a section, the
//! activities to name as examples, and the key dates with their activities.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::{Result, Store};

impl Store {
    /// The clerk's text of a section for a period (`2026H1`, `2026`), if saved.
    pub fn narrative(&self, period: &str, section: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT body FROM summary_narratives
                 WHERE period = ?1 AND section = ?2 AND deleted_at IS NULL",
            )?
            .query_row([period, section], |r| r.get(0))
            .optional()?)
    }

    /// The titles of up to `n` held activities of a category in the period, the most attended
    /// first.
    pub fn notable_activities(
        &self,
        category: &str,
        from: NaiveDate,
        to: NaiveDate,
        n: i64,
    ) -> Result<Vec<String>> {
        let titles = self
            .conn()
            .prepare_cached(
                "SELECT a.title FROM activities a WHERE a.counted
                   AND a.category = ?1 AND a.date BETWEEN ?2 AND ?3
                 ORDER BY (SELECT count(*) FROM participations p
                           WHERE p.activity_id = a.id AND p.deleted_at IS NULL) DESC, a.date
                 LIMIT ?4",
            )?
            .query_map(rusqlite::params![category, from, to, n], |row| {
                row.get::<_, String>(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(titles)
    }

    /// The key dates held activities of the period were for, with how many, in date order.
    pub fn key_date_activities(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(String, i64)>> {
        let keys = self
            .conn()
            .prepare_cached(
                "SELECT key_date, count(*) FROM activities WHERE counted
                   AND key_date != '' AND date BETWEEN ?1 AND ?2
                 GROUP BY key_date ORDER BY min(date)",
            )?
            .query_map(rusqlite::params![from, to], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(keys)
    }
}
