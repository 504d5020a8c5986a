//! The operations that both the window and the command line run, each written once: a plain
//! function that opens what it needs, does the work, writes its export-log entry and returns
//! what it made with the line the clerk reads. The window's background jobs (`ui::jobs`) and the
//! command line (`cli`) only call these; neither knows the other.
//!
//! Locking is the caller's: the window holds the database's lock while it is open, a command
//! takes it (`store::lock::Lock::wait`) before a writing operation.

pub mod data;
pub mod documents;
pub mod lists;
pub mod platform;

use std::path::PathBuf;

/// An operation's error: its `Display` is the Chinese message the clerk reads.
pub type Result<T> = anyhow::Result<T>;

/// Progress of a long operation: the fraction done (0.0‥1.0); returns false to ask the
/// operation to stop, where it can (the others go on to the end).
pub type Progress<'a> = &'a mut dyn FnMut(f32) -> bool;

/// A file an operation wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Where.
    pub path: PathBuf,
    /// How many people or lines it holds.
    pub count: usize,
    /// The line the clerk reads.
    pub message: String,
}
