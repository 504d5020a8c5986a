//! Importing a 100,000-row .xlsx roster into a register: reading the workbook, checking every
//! row, and writing them in one transaction.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use rust_xlsxwriter::Workbook;
use volunteer_ledger::domain::id_number;
use volunteer_ledger::export::import::{self, OnDuplicate};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::units::Unit;

const ROWS: usize = 100_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A roster of `ROWS` distinct, valid volunteers, made once.
fn roster() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("roster-{ROWS}.xlsx"));
    if path.exists() {
        return path;
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "姓名",
        "性别",
        "身份证号",
        "手机号码",
        "政治面貌",
        "所在社区",
        "志愿者类别",
        "注册日期",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄"];
    let given = ["芳", "伟", "玥", "喆", "秀英", "建国", "子涵", "浩然"];
    let start = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
    for i in 0..ROWS {
        let r = i as u32 + 1;
        let birth = start + chrono::Duration::days((i % 20_000) as i64);
        let seq = (i / 20_000) as u16 * 2 + 11;
        let id = id_number::compose("120116", birth, seq);
        let name = format!("{}{}", surnames[i % 8], given[(i / 8) % 8]);
        let cells = [
            name.as_str(),
            "",
            id.as_str(),
            &format!("139{:08}", i),
            ["群众", "中共党员", "共青团员"][i % 3],
            "胜利社区",
            ["居民", "退休", "学生、青年"][i % 3],
            "2025-06-01",
        ];
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, *text).unwrap();
        }
    }
    book.save(&path).unwrap();
    path
}

fn empty_register(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("ledger.sqlite")).unwrap();
    let mut unit = Unit {
        name: "胜利社区".into(),
        kind: "村居（社区）".into(),
        ..Default::default()
    };
    store.insert(&mut unit).unwrap();
    store
}

fn bench(c: &mut Criterion) {
    let path = roster();
    let mut group = c.benchmark_group("import_100k");
    group.sample_size(10);
    group.bench_function("xlsx: read + check + write", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = empty_register(dir.path());
                (dir, store)
            },
            |(dir, mut store)| {
                let (file, checked) = import::read_and_check(&store, &path, today()).unwrap();
                assert_eq!(checked.counts(), (ROWS, 0, 0));
                let r = import::apply(
                    &mut store,
                    &checked,
                    &file.mapping,
                    false,
                    OnDuplicate::Skip,
                    &mut |_| true,
                )
                .unwrap();
                assert_eq!(r.added, ROWS);
                drop(store);
                drop(dir);
            },
            criterion::BatchSize::PerIteration,
        )
    });
    // The check against the bare read of the same file (#22: within 1.5×).
    group.bench_function("xlsx: calamine's bare read", |b| {
        b.iter(|| {
            use calamine::Reader;
            let mut book = calamine::open_workbook_auto(&path).unwrap();
            let name = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&name).unwrap();
            range.rows().map(|r| r.len()).sum::<usize>()
        })
    });
    // The read alone (bounds, cells, header row): what the check adds is the difference.
    group.bench_function("xlsx: read", |b| {
        b.iter(|| import::read(&path).unwrap().rows.len())
    });
    group.bench_function("xlsx: read + check", |b| {
        let dir = tempfile::tempdir().unwrap();
        let store = empty_register(dir.path());
        // As the import runs it: the rows checked while the rest of the file is read.
        b.iter(|| {
            let (_, checked) = import::read_and_check(&store, &path, today()).unwrap();
            assert_eq!(checked.counts(), (ROWS, 0, 0));
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
