//! A station's exchange package of 100,000 service records: written, then read into a copy of
//! an office's ledger that has its own 20,000 volunteers (issue: export and import < 5 s).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::store::Store;

fn demo_db(path: &Path, volunteers: u64, seed: u64) {
    if path.exists() {
        return;
    }
    let mut store = Store::open(path).unwrap();
    let opts = DemoOptions {
        volunteers,
        seed,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    };
    demo::generate(&mut store, opts, &mut |_| true).unwrap();
}

fn bench(c: &mut Criterion) {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data/exchange");
    std::fs::create_dir_all(&data).unwrap();
    let station = data.join("station.sqlite");
    let office = data.join("office.sqlite");
    demo_db(&station, 20_500, 21);
    demo_db(&office, 20_000, 22);
    let mut s = Store::open(&station).unwrap();
    let package = data.join("station.vlx");
    let e = s.export_exchange(&package, true, &mut |_| true).unwrap();
    let participations = e
        .counts
        .iter()
        .find(|(k, _)| *k == "服务记录")
        .map(|(_, n)| *n)
        .unwrap();
    assert!(participations >= 100_000, "{participations} 条服务记录");
    eprintln!(
        "交换包：{} 条记录，其中服务记录 {participations} 条",
        e.info.records
    );

    // One timed run first, so a slow step shows without criterion's repetitions.
    let target = data.join("office-run.sqlite");
    let fresh = || {
        for side in ["sqlite-wal", "sqlite-shm"] {
            let _ = std::fs::remove_file(target.with_extension(side));
        }
        std::fs::copy(&office, &target).unwrap();
        Store::open(&target).unwrap()
    };
    let mut o = fresh();
    let started = std::time::Instant::now();
    let r = o.import_exchange(&package, &mut |_| true).unwrap();
    eprintln!("一次导入：{:?}（{}）", started.elapsed(), r.message());
    drop(o);

    let mut group = c.benchmark_group("exchange_100k");
    group.sample_size(10);
    group.bench_function("export whole package", |b| {
        b.iter(|| s.export_exchange(&package, true, &mut |_| true).unwrap())
    });
    group.bench_function("export and import into an office", |b| {
        b.iter_batched(
            fresh,
            |mut o| {
                s.export_exchange(&package, true, &mut |_| true).unwrap();
                let r = o.import_exchange(&package, &mut |_| true).unwrap();
                assert!(r.added() > 100_000);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
