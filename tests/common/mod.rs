//! Helpers shared by the egui_kittest tests: a fixed "today", example-data databases, the app
//! on a harness, typing into a labelled field, and waiting for worker threads.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use volunteer_ledger::demo::{self, DemoOptions};
use volunteer_ledger::store::Store;
use volunteer_ledger::ui::LedgerApp;

/// The day every UI test takes as today.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A database `name` in `dir` filled with `volunteers` example volunteers from `seed`.
pub fn demo_db(dir: &Path, name: &str, volunteers: u64, seed: u64) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open(&path).unwrap();
    let opts = DemoOptions {
        volunteers,
        seed,
        today: today(),
    };
    demo::generate(&mut store, opts, &mut |_| {}).unwrap();
    path
}

/// The app on the database at `path`, in a window of the given size.
pub fn app_at(path: &Path, size: egui::Vec2) -> Harness<'static, LedgerApp> {
    let path = path.to_path_buf();
    Harness::builder()
        .with_size(size)
        .with_step_dt(0.05)
        .build_eframe(move |cc| LedgerApp::new(cc, path, today()))
}

/// The app on 20 example volunteers, showing the register.
pub fn app_with_demo(dir: &Path, width: f32) -> (PathBuf, Harness<'static, LedgerApp>) {
    let path = demo_db(dir, "ledger.sqlite", 20, 5);
    let mut harness = app_at(&path, egui::vec2(width, 900.0));
    harness.run_steps(2);
    harness.get_by_label("志愿者").click();
    harness.run_steps(2);
    (path, harness)
}

/// Replaces the text of the input labelled `label`.
pub fn type_into(harness: &mut Harness<'_, LedgerApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run_steps(2);
}

/// Steps the app until `done` holds, giving worker threads real time.
pub fn step_until(
    harness: &mut Harness<'_, LedgerApp>,
    what: &str,
    done: impl Fn(&Harness<'_, LedgerApp>) -> bool,
) {
    let start = Instant::now();
    while !done(harness) {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
}

/// A file dropped on the window, as the platform integration hands it to egui.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
