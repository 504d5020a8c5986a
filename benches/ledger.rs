//! The yearly 台账 of the example data (about 360 held activities in 2025, a full year): the
//! PDF with every record sheet and its photos, and the folder of Word files; and the year's
//! evidence pack. The issue asks for the PDF in under a minute here.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::ops;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::report::Scope;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite");
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        let opts = DemoOptions {
            volunteers: 3000,
            seed: 11,
            today,
        };
        demo::generate(&mut store, opts, &mut |_| true).unwrap();
    }
    let year = Period::parse("2025").unwrap();
    let held = Store::open_read_only(&db)
        .unwrap()
        .ledger_activities(&year, &Scope::All)
        .unwrap()
        .len();
    eprintln!("2025 年已完成的活动：{held} 场");
    let mut group = c.benchmark_group("ledger_year");
    group.sample_size(10);
    let mut n = 0;
    group.bench_function("PDF", |b| {
        b.iter(|| {
            n += 1;
            let out = dir.path().join(format!("台账{n}.pdf"));
            ops::documents::ledger(&db, &year, &Scope::All, today, &out, &mut |_| true).unwrap();
            std::fs::remove_file(out).unwrap();
        })
    });
    group.bench_function("Word folder", |b| {
        b.iter(|| {
            n += 1;
            let out = dir.path().join(format!("台账{n}"));
            ops::documents::ledger(&db, &year, &Scope::All, today, &out, &mut |_| true).unwrap();
            std::fs::remove_dir_all(out).unwrap();
        })
    });
    group.bench_function("evidence pack", |b| {
        b.iter(|| {
            n += 1;
            let out = dir.path().join(format!("留存资料{n}"));
            ops::documents::evidence(&db, &year, false, &out, &mut |_| true).unwrap();
            std::fs::remove_dir_all(out).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
