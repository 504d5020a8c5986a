//! The calendar's month view with 300 activities in the month, drawn headless: the CPU cost of
//! one frame once the month is loaded (egui layout, painting and tessellation), and of the
//! first frame after the data changed (the month as it was stands in while the runner reads it
//! again), and of the whole change until the month is read again.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::ui::panes::calendar::CalendarPane;
use volunteer_ledger::ui::panes::{AppCtx, Command};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A database with example data and 300 more activities in November 2026.
fn database(dir: &std::path::Path) -> Store {
    let mut store = Store::open(&dir.join("calendar.sqlite")).unwrap();
    let opts = DemoOptions {
        volunteers: 500,
        seed: 3,
        today: today(),
    };
    demo::generate(&mut store, opts, &mut |_| true).unwrap();
    let categories = volunteer_ledger::domain::categories::all_activity_categories();
    for i in 0..300u32 {
        let mut a = Activity {
            title: format!("第{i}场社区志愿服务活动"),
            category: categories[i as usize % categories.len()].to_string(),
            date: NaiveDate::from_ymd_opt(2026, 11, 1 + i % 30).unwrap(),
            start_time: "09:00".into(),
            end_time: "11:00".into(),
            status: "已完成".into(),
            ..Default::default()
        };
        store.save_activity(&mut a, &[]).unwrap();
    }
    store
}

fn frame(ctx: &egui::Context, pane: &mut CalendarPane, store: &Store, version: u64) -> usize {
    let mut commands: Vec<Command> = Vec::new();
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| {
        let mut app = AppCtx {
            store,
            today: today(),
            version,
            commands: &mut commands,
        };
        pane.ui(ui, &mut app);
    });
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    meshes.len()
}

/// Draws frames until the pane has nothing running on the runner.
fn settle(ctx: &egui::Context, pane: &mut CalendarPane, store: &Store, version: u64) -> usize {
    let mut meshes = frame(ctx, pane, store, version);
    while pane.busy() {
        std::thread::sleep(std::time::Duration::from_micros(200));
        meshes = frame(ctx, pane, store, version);
    }
    meshes
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let store = database(dir.path());
    let november = store
        .activities_between(
            NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .unwrap();
    assert!(november.len() >= 300, "{} activities", november.len());
    let ctx = egui::Context::default();
    volunteer_ledger::ui::theme::install(&ctx);
    let mut pane = CalendarPane::default();
    // Fonts by the first frames; the month's data is read on the runner.
    settle(&ctx, &mut pane, &store, 1);
    let mut group = c.benchmark_group("calendar_month_300_activities");
    group.bench_function("one frame (month loaded)", |b| {
        b.iter(|| frame(&ctx, &mut pane, &store, 1))
    });
    let mut version = 1;
    group.bench_function(
        "first frame after a change (the month as it was stands in)",
        |b| {
            // Only the first frame is timed; the read it starts is let finish before the next.
            b.iter_custom(|iters| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iters {
                    version += 1;
                    let start = std::time::Instant::now();
                    frame(&ctx, &mut pane, &store, version);
                    total += start.elapsed();
                    settle(&ctx, &mut pane, &store, version);
                }
                total
            })
        },
    );
    group.bench_function(
        "a change until the month is read again (frames while the runner reads)",
        |b| {
            b.iter(|| {
                version += 1;
                settle(&ctx, &mut pane, &store, version)
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
