//! Pure rules of the domain: no egui and no SQL here.

pub mod activity;
pub mod calendar;
pub mod categories;
pub mod dates;
pub mod duties;
pub mod glossary;
pub mod hours;
pub mod id_number;
pub mod lunar;
pub mod period;
pub mod phone;
pub mod platform;
pub mod prose;
pub mod search;
pub mod text;
pub mod volunteer;
