//! Commands and their replies: a save answers the form that asked and no other; a read that
//! fails is said, not shown as an empty list.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// The test damages the file directly, beside the window's connection.
#![allow(clippy::disallowed_types)]

mod common;

use common::{Settle, app_with_demo, d, held, today, type_into};
use egui_kittest::kittest::{NodeT, Queryable};
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::store::Store;
use volunteer_ledger::ui::commands::{Command, Effects, execute};
use volunteer_ledger::ui::panes::Pane;

#[test]
fn a_save_answers_only_the_form_that_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("ledger.sqlite")).unwrap();
    let ctx = egui::Context::default();
    // Saved from the calendar's form: the reply goes to the calendar, not to an activity form
    // that may be open in 活动.
    let mut fx = Effects::default();
    let a = held("日历上新建的活动", "其他", d(2026, 11, 7));
    execute(
        &mut store,
        Command::SaveActivity(Box::new(a), Vec::new(), Pane::Calendar),
        today(),
        &ctx,
        &mut fx,
    );
    assert_eq!(fx.replies, vec![(Pane::Calendar, Ok(()))]);
    assert_eq!(fx.toasts.len(), 1, "{:?}", fx.toasts);
    // A save that fails keeps the asking form open with the reason, and only that form.
    let mut fx = Effects::default();
    let a = held("有不存在的参与者", "其他", d(2026, 11, 8));
    let nobody = vec![("没有这个人".to_string(), Tenths(20))];
    execute(
        &mut store,
        Command::SaveActivity(Box::new(a), nobody, Pane::Activities),
        today(),
        &ctx,
        &mut fx,
    );
    assert_eq!(fx.replies.len(), 1, "{:?}", fx.replies);
    assert_eq!(fx.replies[0].0, Pane::Activities);
    assert!(fx.replies[0].1.is_err());
    assert!(fx.toasts.is_empty(), "{:?}", fx.toasts);
    let saved = store
        .activities_between(d(2026, 11, 1), d(2026, 11, 30))
        .unwrap();
    assert_eq!(
        saved.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(),
        vec!["日历上新建的活动"]
    );
}

#[test]
fn a_read_that_fails_is_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    // The history of exchanges can no longer be read (a damaged or foreign file).
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("ALTER TABLE exchange_log RENAME TO exchange_log_gone")
        .unwrap();
    drop(conn);
    harness.get_by_label("数据交换").click();
    harness.settle();
    harness.wait_for_label_contains("读取数据失败");
    let shown = common::screen_text(&harness);
    assert!(shown.contains("exchange_log"), "{shown}");
}

#[test]
fn every_form_asks_before_its_changes_are_thrown_away() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut harness) = app_with_demo(dir.path(), 1400.0);
    for (pane, new, field, text, save) in [
        (
            "单位与联络表",
            "新增单位",
            "单位名称 *",
            "新港社区",
            "保存单位",
        ),
        ("表彰", "新增表彰", "称号 *", "优秀志愿者", "保存表彰"),
    ] {
        harness.get_by_label(pane).click();
        harness.settle();
        harness.get_by_label(new).click();
        harness.settle();
        // Opened and left untouched: 取消 closes at once.
        for _ in 0..4 {
            harness.step();
            eprintln!("rect now {:?}", harness.get_by_label("取消").rect());
        }
        let cancel = harness.get_by_label("取消");
        let c = cancel.rect().center();
        eprintln!("{pane}: 取消 at {:?}", cancel.rect());
        eprintln!("layer at: {:?}", harness.ctx.layer_id_at(c));

        eprintln!(
            "layers: {:?}",
            harness.ctx.memory(|m| m.layer_ids().collect::<Vec<_>>())
        );
        cancel.click();
        harness.settle();
        assert!(
            harness.query_by_label(save).is_none(),
            "{pane}: closed\n{}",
            common::screen_text(&harness)
        );
        // Typed into: 取消 asks; 继续编辑 keeps the text.
        harness.get_by_label(new).click();
        harness.settle();
        type_into(&mut harness, field, text);
        harness.get_by_label("取消").click();
        harness.settle();
        harness.get_by_label("有未保存的修改，确定放弃吗？");
        harness.get_by_label("继续编辑").click();
        harness.settle();
        assert_eq!(
            harness
                .get_by_label(field)
                .accesskit_node()
                .value()
                .as_deref(),
            Some(text),
            "{pane}: kept"
        );
        // Esc asks too; 放弃修改 closes.
        harness.key_press(egui::Key::Escape);
        harness.settle();
        harness.get_by_label("放弃修改").click();
        harness.settle();
        assert!(harness.query_by_label(save).is_none(), "{pane}: discarded");
    }
}
