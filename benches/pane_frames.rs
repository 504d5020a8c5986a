//! Each pane's heaviest action driven through the real window (egui_kittest, headless) at
//! 1,000,000 volunteers and 5,000,000 service records: how long the slowest frame takes between
//! the click and the pane showing its result. Everything slow runs on the background runner, so
//! no frame should wait for SQLite more than a few milliseconds. The database is the one
//! `volunteer_search` makes in `target/bench-data/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use volunteer_ledger::demo::DemoOptions;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::ui::LedgerApp;

const VOLUNTEERS: u64 = 1_000_000;
const TODAY: (i32, u32, u32) = (2026, 11, 29);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

fn database() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("ledger-{VOLUNTEERS}-v4.sqlite"));
    let ok = Store::open(&path)
        .and_then(|s| s.count_live(Table::Volunteers))
        .is_ok_and(|n| n == VOLUNTEERS);
    if !ok {
        let _ = std::fs::remove_file(&path);
        let opts = DemoOptions {
            volunteers: VOLUNTEERS,
            seed: 1,
            today: today(),
        };
        volunteer_ledger::ops::data::demo(&path, opts, &mut |_| true).unwrap();
    }
    path
}

fn app(path: &Path) -> Harness<'static, LedgerApp> {
    let path = path.to_path_buf();
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| LedgerApp::new(cc, path, today()))
}

/// Steps until the window has nothing running and `shown` holds; returns the slowest frame.
fn slowest_frame_until(
    h: &mut Harness<'static, LedgerApp>,
    shown: &dyn Fn(&Harness<'static, LedgerApp>) -> bool,
) -> Duration {
    let mut slowest = Duration::ZERO;
    let start = Instant::now();
    let mut idle = 0;
    while idle < 3 {
        let t = Instant::now();
        h.step();
        slowest = slowest.max(t.elapsed());
        if h.state().busy() || !shown(h) {
            idle = 0;
            assert!(start.elapsed() < Duration::from_secs(600), "never settled");
            std::thread::sleep(Duration::from_millis(2));
        } else {
            idle += 1;
        }
    }
    slowest
}

fn bench(c: &mut Criterion) {
    let path = database();
    let mut h = app(&path);
    slowest_frame_until(&mut h, &|_| true);
    let mut group = c.benchmark_group("pane_frames_1m");
    group.sample_size(10);
    // Each action goes from another pane to the pane, so its data is read afresh.
    let actions: [(&str, &str, &str); 6] = [
        ("日历", "日历", "待办"),
        ("活动", "活动", "新建活动"),
        ("志愿者", "志愿者", "导出名册…"),
        ("队伍", "队伍", "新建队伍"),
        ("单位与联络表", "单位与联络表", "新增单位"),
        ("统计与总结", "统计与总结", "按类别"),
    ];
    for (name, nav, shown) in actions {
        group.bench_function(format!("open {name}: slowest frame"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    h.get_by_label("设置").click();
                    slowest_frame_until(&mut h, &|_| true);
                    h.get_by_label(nav).click();
                    total += slowest_frame_until(&mut h, &|h| {
                        h.query_by_label_contains(shown).is_some()
                    });
                }
                total
            })
        });
    }
    // The register's heaviest: a filter that keeps a quarter of a million people.
    group.bench_function(
        "志愿者: filter 政治面貌 中共党员, slowest frame",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    h.get_by_label("志愿者").click();
                    slowest_frame_until(&mut h, &|_| true);
                    h.get_by_role_and_label(Role::ComboBox, "政治面貌").click();
                    slowest_frame_until(&mut h, &|_| true);
                    h.get_by_role_and_label(Role::Button, "中共党员").click();
                    total += slowest_frame_until(&mut h, &|h| {
                        h.query_by_label_contains("导出名册").is_some()
                    });
                    h.get_by_role_and_label(Role::ComboBox, "政治面貌").click();
                    slowest_frame_until(&mut h, &|_| true);
                    h.get_by_role_and_label(Role::Button, "全部").click();
                    slowest_frame_until(&mut h, &|_| true);
                }
                total
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
