//! Counts of the records for the status bar (a period's figures are in `report`).

use super::meta::Table;
use super::{Result, Store};

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
}
