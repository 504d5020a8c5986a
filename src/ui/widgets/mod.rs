//! Reusable widgets.

pub mod paged_table;
