//! District scale (#22), one criterion group per goal that is a time, on the example data of
//! 1,000,000 volunteers and 5,000,000 service records (made once into `target/bench-data/`):
//! - `g1_first_frame`: the window's first frame (the app made and drawn once, headless) on the
//!   10⁴ file and on the 10⁶ file — the two should be within 1.5× of each other;
//! - `g2_report`: every kind of report period and scope.
//!
//! The other goals have their own benchmarks: the panes' heaviest frames `pane_frames` (g3),
//! the example data `demo_generator -- 1000000` (g5), the roster import `import_roster` (g8);
//! the command line beside sqlite3: `tools/bench-side-by-side.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::backup;
use volunteer_ledger::store::report::Scope;
use volunteer_ledger::ui::LedgerApp;

fn first_frame(c: &mut Criterion) {
    // Today as the window has it: the start-up's backup of today (or this week, for a file
    // over 1 GB) is made once here, so no start below copies the file in the background.
    let today = chrono::Local::now().date_naive();
    let mut group = c.benchmark_group("g1_first_frame");
    group.sample_size(20);
    for volunteers in [10_000, common::VOLUNTEERS] {
        let path = common::sized(volunteers);
        if backup::due(&path, today, backup::Every::BySize) {
            backup::backup_file(&path, backup::Reason::Daily, 30).unwrap();
        }
        group.bench_function(format!("{volunteers} volunteers"), |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let path = path.clone();
                    let start = Instant::now();
                    let mut h: Harness<'static, LedgerApp> = Harness::builder()
                        .with_size(egui::vec2(1280.0, 800.0))
                        .build_eframe(move |cc| LedgerApp::new(cc, path, today));
                    h.step();
                    total += start.elapsed();
                    // The start-up check and the counts finish before the next start.
                    while h.state().busy() {
                        std::thread::sleep(Duration::from_millis(5));
                        h.step();
                    }
                }
                total
            })
        });
    }
    group.finish();
}

fn report(c: &mut Criterion) {
    let path = common::million();
    // Opened read-write once so a newer schema is migrated, then read-only like the pane.
    drop(Store::open(&path).unwrap());
    let store = Store::open_read_only(&path).unwrap();
    let scopes = store.report_scopes().unwrap();
    let unit = scopes
        .iter()
        .find(|s| matches!(s, Scope::Unit { .. }))
        .unwrap()
        .clone();
    let team = scopes
        .iter()
        .find(|s| matches!(s, Scope::Team { .. }))
        .unwrap()
        .clone();
    let mut group = c.benchmark_group("g2_report");
    group.sample_size(10);
    for (name, period, scope) in [
        ("year 2026", "2026", &Scope::All),
        ("half 2026H1", "2026H1", &Scope::All),
        ("quarter 2026Q3", "2026Q3", &Scope::All),
        ("month 2026-03", "2026-03", &Scope::All),
        (
            "range 2026-02-10..2026-05-20",
            "2026-02-10..2026-05-20",
            &Scope::All,
        ),
        ("year 2026, one 村居", "2026", &unit),
        ("year 2026, one team", "2026", &team),
    ] {
        let period = Period::parse(period).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| store.report_in(&period, scope).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, first_frame, report);
criterion_main!(benches);
