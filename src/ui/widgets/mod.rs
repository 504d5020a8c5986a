//! Reusable widgets.

pub mod bin;
pub mod date_picker;
pub mod dialog;
pub mod ime;
pub mod live_table;
pub mod paged_table;
pub mod picker;
pub mod record_list;
pub mod thumbnail;
