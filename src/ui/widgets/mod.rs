//! Reusable widgets.

pub mod dialog;
pub mod paged_table;
pub mod picker;
