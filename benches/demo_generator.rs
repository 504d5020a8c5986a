//! The example-data generator at the scale the architecture names: 1,000,000 volunteers and
//! about 5,000,000 service records written into a fresh SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::store::Store;

fn generate(volunteers: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.sqlite")).expect("open");
    let opts = DemoOptions {
        volunteers,
        seed: 1,
        today: NaiveDate::from_ymd_opt(2026, 11, 29).expect("date"),
    };
    let report = demo::generate(&mut store, opts, &mut |_| true).expect("generate");
    assert_eq!(report.volunteers, volunteers);
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("demo_generator");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_with_input(BenchmarkId::from_parameter(20_000), &20_000, |b, &n| {
        b.iter(|| generate(n));
    });
    // The full scale takes about a minute per run; run it with
    // `cargo bench --bench demo_generator -- 1000000`.
    group.sampling_mode(criterion::SamplingMode::Flat);
    group.bench_with_input(
        BenchmarkId::from_parameter(1_000_000),
        &1_000_000,
        |b, &n| {
            b.iter(|| generate(n));
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
