//! The key dates of a year as the clerk sees them: the built-in ones, less those the clerk hid,
//! and the clerk's own (once or yearly).

use chrono::NaiveDate;

use super::paperwork::CustomKeyDate;
use super::record::Record;
use super::{Result, Store};
use crate::domain::calendar::{self, KeyDate};

impl Store {
    /// The clerk's own key dates and hidden built-ins (live), by month and day.
    pub fn custom_key_dates(&self) -> Result<Vec<CustomKeyDate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM custom_key_dates WHERE deleted_at IS NULL
             ORDER BY name = '', month, day, name",
        )?;
        let rows = stmt.query_map([], CustomKeyDate::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The key dates of `year` in date order.
    pub fn key_dates(&self, year: i32) -> Result<Vec<KeyDate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT * FROM custom_key_dates
             WHERE deleted_at IS NULL AND (year IS NULL OR year = ?1)",
        )?;
        let custom: Vec<CustomKeyDate> = stmt
            .query_map([year], CustomKeyDate::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let hidden: Vec<&str> = custom
            .iter()
            .map(|c| c.hides_builtin.as_str())
            .filter(|h| !h.is_empty())
            .collect();
        let list = |text: &str| -> Vec<String> {
            text.split(['、', ',', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        let mut out: Vec<KeyDate> = calendar::key_dates(year)
            .into_iter()
            .filter(|k| !hidden.contains(&k.name.as_str()))
            .collect();
        out.extend(
            custom
                .iter()
                .filter(|c| !c.name.is_empty())
                .filter_map(|c| {
                    Some(KeyDate {
                        date: NaiveDate::from_ymd_opt(year, c.month as u32, c.day as u32)?,
                        name: c.name.clone(),
                        kind: calendar::KeyDateKind::Custom,
                        themes: list(&c.themes),
                        categories: list(&c.categories),
                    })
                }),
        );
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }
}

impl Store {
    /// Keeps the clerk's text of a summary section for a period (replacing the previous text).
    pub fn save_narrative(&mut self, period: &str, section: &str, body: &str) -> Result<()> {
        let origin = self.origin().to_string();
        let now = super::meta::now_utc();
        let mut n = super::paperwork::SummaryNarrative {
            period: period.into(),
            section: section.into(),
            body: body.into(),
            ..Default::default()
        };
        n.meta.ensure(&origin);
        self.write(|c| {
            let updated = c
                .prepare_cached(
                    "UPDATE summary_narratives SET body = ?3, updated_at = ?4, deleted_at = NULL
                     WHERE period = ?1 AND section = ?2",
                )?
                .execute(rusqlite::params![period, section, body, now])?;
            if updated == 0 {
                n.insert(c)?;
            }
            Ok(())
        })
    }
}
