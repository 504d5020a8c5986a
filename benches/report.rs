//! The full-year report over the example database of 1,000,000 volunteers and 5,000,000
//! service records (built by the `volunteer_search` benchmark, reused here).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::Store;

fn bench(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-data/ledger-1000000-v4.sqlite");
    if !path.exists() {
        eprintln!(
            "先运行 cargo bench --bench volunteer_search 生成 {}",
            path.display()
        );
        return;
    }
    // Opened read-write once so a newer schema is migrated, then read-only like the pane.
    drop(Store::open(&path).unwrap());
    let store = Store::open_read_only(&path).unwrap();
    let year = Period::parse("2026").unwrap();
    let r = store.report(&year).unwrap();
    assert!(r.participations > 1_000_000, "{} 人次", r.participations);
    let mut group = c.benchmark_group("report_5m");
    group.sample_size(10);
    group.bench_function("full year 2026", |b| {
        b.iter(|| store.report(&year).unwrap())
    });
    let half = Period::parse("2026H1").unwrap();
    group.bench_function("first half 2026", |b| {
        b.iter(|| store.report(&half).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
