//! The register at 1,000,000 volunteers and 5,000,000 service records (example data, made
//! once into `target/bench-data/`): a search keystroke to its first page and count, and a page
//! of the sorted list near the start and deep in it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;

const VOLUNTEERS: u64 = 1_000_000;

fn database() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("ledger-{VOLUNTEERS}-v4.sqlite"));
    let mut store = Store::open(&path).unwrap();
    if store.count_live(Table::Volunteers).unwrap() != VOLUNTEERS {
        drop(store);
        std::fs::remove_file(&path).unwrap();
        store = Store::open(&path).unwrap();
        let opts = DemoOptions {
            volunteers: VOLUNTEERS,
            seed: 1,
            today: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        };
        demo::generate(&mut store, opts, &mut |_| {}).unwrap();
    }
    path
}

fn bench(c: &mut Criterion) {
    let store = Store::open(&database()).unwrap();
    let mut group = c.benchmark_group("register_1m");
    for query in ["zs", "wangf", "王芳", "5678", "SF00123"] {
        group.bench_function(format!("search {query}: count + first page"), |b| {
            b.iter(|| {
                let n = store.volunteer_search_count(query).unwrap();
                let page = store.volunteer_search_page(query, 0, 100).unwrap();
                assert!(n as usize >= page.len());
            })
        });
    }
    group.bench_function("sorted list: first page", |b| {
        b.iter(|| assert_eq!(store.volunteer_page(false, 0, 100).unwrap().len(), 100))
    });
    group.bench_function("sorted list: page at 500,000", |b| {
        b.iter(|| {
            assert_eq!(
                store.volunteer_page(false, 500_000, 100).unwrap().len(),
                100
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
