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
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::ui::LedgerApp;

mod common;

const VOLUNTEERS: u64 = 1_000_000;
const TODAY: (i32, u32, u32) = (2026, 11, 29);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

fn database() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("ledger-{VOLUNTEERS}-v4.sqlite"));
    common::forget_earlier_runs_backups(&path);
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

/// Types `text` into the field labelled `label` (replacing what was there).
fn type_into(h: &mut Harness<'static, LedgerApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(label).type_text(text);
}

/// Goes to `pane` and lets it settle.
fn go(h: &mut Harness<'static, LedgerApp>, pane: &str) {
    h.get_by_role_and_label(Role::Button, pane).click();
    slowest_frame_until(h, &|_| true);
}

fn bench(c: &mut Criterion) {
    let path = database();
    let mut h = app(&path);
    slowest_frame_until(&mut h, &|_| true);
    let mut group = c.benchmark_group("pane_frames_1m");
    group.sample_size(10);
    // Each action makes its pane read afresh; the figure is the slowest frame from the action
    // until the result is on screen.
    let mut action = |name: &str,
                      pane: &'static str,
                      act: &dyn Fn(&mut Harness<'static, LedgerApp>, u64),
                      shown: &dyn Fn(&Harness<'static, LedgerApp>) -> bool| {
        go(&mut h, pane);
        let mut n = 0u64;
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    n += 1;
                    act(&mut h, n);
                    total += slowest_frame_until(&mut h, shown);
                }
                total
            })
        });
    };
    action(
        "日历: next or previous month",
        "日历",
        &|h, n| {
            let button = if n % 2 == 1 { "下个月" } else { "上个月" };
            h.get_by_label(button).click();
        },
        &|h| h.query_by_label_contains("待办").is_some(),
    );
    action(
        "活动: a search keystroke (count and first page of 333,285 activities)",
        "活动",
        &|h, n| {
            type_into(
                h,
                "查找活动名称",
                if n % 2 == 1 { "学雷锋" } else { "关爱" },
            )
        },
        &|h| h.query_by_label_contains("场活动").is_some(),
    );
    action(
        "志愿者: filter 政治面貌 中共党员 or back to 全部 (1,000,000 volunteers)",
        "志愿者",
        &|h, n| {
            h.get_by_role_and_label(Role::ComboBox, "政治面貌").click();
            slowest_frame_until(h, &|_| true);
            let choice = if n % 2 == 1 { "中共党员" } else { "全部" };
            h.get_by_role_and_label(Role::Button, choice).click();
        },
        &|h| h.query_by_label_contains("名志愿者").is_some(),
    );
    action(
        "志愿者: a search keystroke",
        "志愿者",
        &|h, n| type_into(h, "查找", if n % 2 == 1 { "zs" } else { "wangf" }),
        &|h| h.query_by_label_contains("名志愿者").is_some(),
    );
    // Every kind of query the search box tells apart: hanzi (a name), digits (the last digits of
    // a phone or ID number, or a volunteer number), a volunteer number with its letters.
    for (kind, one, other) in [
        ("hanzi", "王芳", "张"),
        ("digits", "5678", "1234"),
        ("number", "SF00123", "SF0045"),
    ] {
        action(
            &format!("志愿者: a search keystroke ({kind})"),
            "志愿者",
            &move |h, n| type_into(h, "查找", if n % 2 == 1 { one } else { other }),
            &|h| h.query_by_label_contains("名志愿者").is_some(),
        );
    }
    let number_at = |row: usize| {
        Store::open(&path)
            .unwrap()
            .volunteer_page(false, row, 1)
            .unwrap()
            .remove(0)
            .number
    };
    let (first, last) = (number_at(0), number_at(VOLUNTEERS as usize - 1));
    action(
        "志愿者: End over the register (row 1,000,000), then Home",
        "志愿者",
        &|h, n| {
            if n == 1 {
                // The whole register (the filter action above may have ended on 中共党员: it
                // toggles, and criterion decides how many times), the search box let go, the
                // pointer over the first row.
                h.get_by_label("清除筛选").click();
                slowest_frame_until(h, &|_| true);
                h.get_by_label("查找").focus();
                h.step();
                h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
                h.key_press(egui::Key::Backspace);
                slowest_frame_until(h, &|h| h.query_by_label(&first).is_some());
                h.key_press(egui::Key::Escape);
                h.get_by_label(&first).hover();
                slowest_frame_until(h, &|_| true);
            } else if n % 2 == 0 {
                assert!(h.query_by_label(&last).is_some(), "End showed the last row");
            } else {
                assert!(
                    h.query_by_label(&first).is_some(),
                    "Home showed the first row"
                );
            }
            h.key_press(if n % 2 == 1 {
                egui::Key::End
            } else {
                egui::Key::Home
            });
        },
        &|h| h.query_by_label("…").is_none(),
    );
    action(
        "志愿者: sort by 累计时长, then back (1,000,000 volunteers)",
        "志愿者",
        &|h, _| h.get_by_label_contains("累计时长").click(),
        &|h| h.query_by_label_contains("名志愿者").is_some(),
    );
    action(
        "队伍: a search keystroke",
        "队伍",
        &|h, n| {
            type_into(
                h,
                "查找队伍名称、所属单位或队长",
                if n % 2 == 1 { "服务队" } else { "社区" },
            )
        },
        &|h| h.query_by_label_contains("支队伍").is_some(),
    );
    action(
        "单位与联络表: a search keystroke",
        "单位与联络表",
        &|h, n| type_into(h, "查找单位", if n % 2 == 1 { "社区" } else { "区" }),
        &|h| h.query_by_label_contains("个单位").is_some(),
    );
    action(
        "统计与总结: another year (counted on the runner)",
        "统计与总结",
        &|h, n| {
            let year = if n % 2 == 1 { "2025年" } else { "2026年" };
            h.get_by_label(year).click();
        },
        &|h| h.query_by_label_contains("开展活动").is_some(),
    );
    // The volunteers who served in 2026, a hundred a page: the last page and back.
    let served = Store::open(&path)
        .unwrap()
        .report(&Period::parse("2026").unwrap())
        .unwrap()
        .volunteers;
    action(
        "统计与总结: the drill list of the year's served volunteers, 末页 then 首页",
        "统计与总结",
        &|h, n| {
            if n == 1 {
                h.get_by_label("2026年").click();
                slowest_frame_until(h, &|h| h.query_by_label_contains("开展活动").is_some());
                h.get_all_by_label(&served.to_string())
                    .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
                    .unwrap()
                    .click();
                slowest_frame_until(h, &|h| h.query_by_label_contains("共 ").is_some());
            }
            h.get_by_label(if n % 2 == 1 { "末页" } else { "首页" })
                .click();
        },
        &|h| h.query_by_label_contains("共 ").is_some(),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
