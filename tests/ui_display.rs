//! The renderer in the window: the first frame clears the start mark; 设置 → 显示 says which
//! renderer draws and why, and saves the choice for the next start; 关于 names it too.
//! One test in this binary: it sets the process's record of how the window was started.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Settle;
use egui_kittest::kittest::Queryable;
use volunteer_ledger::display::{self, Choice, Reason, Renderer, State};

#[test]
fn the_first_frame_clears_the_mark_and_the_settings_choose_the_next_renderer() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 10, 2);
    let state_file = dir.path().join(display::STATE_FILE);
    // As `run_window` leaves it just before the window opens: an earlier WGPU start died, so
    // this one uses OpenGL, and its mark is set.
    let mut state = State {
        starting: Some(Renderer::Wgpu),
        ..State::default()
    };
    let decision = state.decide(None, false);
    assert_eq!(decision.renderer, Renderer::OpenGl);
    state.begin(decision.renderer);
    state.save(&state_file).unwrap();
    display::set_started(display::Started {
        renderer: decision.renderer,
        reason: decision.reason.clone(),
        state_file: state_file.clone(),
    });
    assert_eq!(decision.reason, Reason::WgpuFailedBefore);

    let mut harness = common::app_at(&db, egui::vec2(1280.0, 900.0));
    harness.settle();
    let after = State::load(&state_file);
    assert_eq!(after.starting, None, "the first frame clears the mark");
    assert!(after.wgpu_failed, "the failure is remembered");

    harness.get_by_label("设置").click();
    harness.settle();
    harness.get_by_label_contains("当前显示方式：OpenGL（以前用 WGPU 启动时未能显示窗口");
    harness.get_by_label("OpenGL").click();
    harness.settle();
    harness.get_by_label("已选择“OpenGL”，下次启动时生效。");
    assert_eq!(State::load(&state_file).choice, Choice::OpenGl);
    let mut next = State::load(&state_file);
    assert_eq!(next.decide(None, false).reason, Reason::Setting);

    // 自动 forgets the failure: the next start tries WGPU again.
    harness.get_by_label("自动（推荐）").click();
    harness.settle();
    let mut next = State::load(&state_file);
    assert_eq!(next.choice, Choice::Auto);
    assert_eq!(next.decide(None, false).renderer, Renderer::Wgpu);

    harness.get_by_label("帮助").click();
    harness.settle();
    harness.get_by_label("关于").click();
    harness.settle();
    harness.get_by_label("显示方式");
    harness.get_by_label(&format!("OpenGL（{}）", Reason::WgpuFailedBefore.text()));
}
