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

/// The example database of `volunteers` (five service records each), made once.
pub fn sized(volunteers: u64) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("ledger-{volunteers}-v4.sqlite"));
    let mut store = Store::open(&path).unwrap();
    if store.count_live(Table::Volunteers).unwrap() != volunteers {
        drop(store);
        std::fs::remove_file(&path).unwrap();
        store = Store::open(&path).unwrap();
        let opts = DemoOptions {
            volunteers,
            seed: 1,
            today: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        };
        demo::generate(&mut store, opts, &mut |_| true).unwrap();
    }
    path
}
