//! Figures over the records: counts for the status bar and totals per category.

use chrono::NaiveDate;

use super::meta::Table;
use super::{Result, Store};
use crate::domain::hours::Tenths;

/// Record counts shown in the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Live volunteers.
    pub volunteers: u64,
    /// Live teams.
    pub teams: u64,
    /// Live activities.
    pub activities: u64,
    /// Live participations (service records).
    pub participations: u64,
    /// Live units.
    pub units: u64,
}

/// Totals of one activity category over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTotal {
    /// 类别
    pub category: String,
    /// 活动数
    pub activities: i64,
    /// 参与人次
    pub participations: i64,
    /// 服务时长
    pub hours: Tenths,
}

impl Store {
    /// Counts of the main record kinds.
    pub fn counts(&self) -> Result<Counts> {
        Ok(Counts {
            volunteers: self.count_live(Table::Volunteers)?,
            teams: self.count_live(Table::Teams)?,
            activities: self.count_live(Table::Activities)?,
            participations: self.count_live(Table::Participations)?,
            units: self.count_live(Table::Units)?,
        })
    }

    /// Activities, participations and hours per category between two dates (inclusive),
    /// ordered by category name.
    pub fn category_totals(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CategoryTotal>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.category,
                    count(DISTINCT a.id) AS activities,
                    count(p.id) AS participations,
                    coalesce(sum(p.hours_tenths), 0) AS hours
             FROM activities a
             LEFT JOIN participations p ON p.activity_id = a.id AND p.deleted_at IS NULL
             WHERE a.deleted_at IS NULL AND a.status != '已取消' AND a.date BETWEEN ?1 AND ?2
             GROUP BY a.category ORDER BY a.category",
        )?;
        let rows = stmt.query_map(rusqlite::params![from, to], |r| {
            Ok(CategoryTotal {
                category: r.get("category")?,
                activities: r.get("activities")?,
                participations: r.get("participations")?,
                hours: Tenths(r.get("hours")?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
