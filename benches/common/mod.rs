//! The example database of 1,000,000 volunteers and 5,000,000 service records, made once into
//! `target/bench-data/` and shared by the benchmarks at district scale.
#![allow(dead_code)] // Each benchmark uses part of it.

use std::path::PathBuf;

use chrono::NaiveDate;
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;

/// How many volunteers the district-scale file holds.
pub const VOLUNTEERS: u64 = 1_000_000;

/// The 10⁶ file, made first when it is missing or holds another number of volunteers.
pub fn million() -> PathBuf {
    sized(VOLUNTEERS)
}

/// The day the example data and the benchmarks' windows take for today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// The example database of `volunteers` (five service records each), made once.
pub fn sized(volunteers: u64) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("ledger-{volunteers}-v4.sqlite"));
    forget_earlier_runs_backups(&path);
    let mut store = Store::open(&path).unwrap();
    if store.count_live(Table::Volunteers).unwrap() != volunteers {
        drop(store);
        std::fs::remove_file(&path).unwrap();
        store = Store::open(&path).unwrap();
        let opts = DemoOptions {
            volunteers,
            seed: 1,
            today: today(),
        };
        demo::generate(&mut store, opts, &mut |_| true).unwrap();
    }
    path
}

/// Removes the daily backups that earlier benchmark runs' windows made of `db`. The windows
/// take [`today`] for today while the backups are stamped by the real clock, and a backup
/// stamped after today does not count as today's (the rule that keeps a clerk whose clock went
/// back safe), so each run's window copies the file again: 3.3 GB at 10⁶. The copy a running
/// window may still be writing is the current run's, and is left.
pub fn forget_earlier_runs_backups(db: &std::path::Path) {
    let fixed = today().format("%Y%m%d").to_string();
    for b in volunteer_ledger::store::backup::list(db) {
        if b.reason == "每日" && b.stamp.get(..8).is_some_and(|d| d > fixed.as_str()) {
            let _ = std::fs::remove_file(&b.path);
        }
    }
}
