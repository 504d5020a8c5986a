//! The batch file for the platforms of a whole year at 1,000,000 volunteers and 5,000,000
//! service records (the example data, made once into `target/bench-data/`): 2026 has about
//! 2.5 million participations, more than one Excel sheet holds, so the export writes three
//! files; and one month, the size a clerk usually enters at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/mod.rs"]
mod common;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::domain::platform::BUILTIN;
use volunteer_ledger::ops::platform::{Batch, Covering, export};
use volunteer_ledger::store::report::Scope;

fn bench(c: &mut Criterion) {
    let db = common::million();
    let out = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("platform_export_5m");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    for (name, period) in [("month 2026-03", "2026-03"), ("year 2026", "2026")] {
        let batch = Batch::new(
            BUILTIN,
            Covering::Period(Period::parse(period).unwrap(), Scope::All),
        );
        let file = out.path().join(format!("{period}.xlsx"));
        let done = export(&db, &batch, &file, &mut |_| true).unwrap();
        eprintln!("{name}: {}", done.message);
        group.bench_function(name, |b| {
            b.iter(|| export(&db, &batch, &file, &mut |_| true).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
