//! The volunteer form driven by its Chinese labels: inline checks, auto-filled facts from the
//! identity number, duplicate detection, saving and discarding.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Settle;

use chrono::NaiveDate;
use common::{app_with_demo, today, type_into};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::ui::LedgerApp;

/// Clicks the register row showing `number`.
fn select(harness: &mut Harness<'_, LedgerApp>, number: &str) {
    harness.get_by_label(number).click();
    harness.settle();
}

#[test]
fn new_volunteer_with_a_wrong_check_character_is_fixed_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    harness.get_by_label("新增志愿者").click();
    harness.settle();
    harness.get_by_label_contains("还有"); // empty required fields block saving
    assert!(
        harness.get_by_label("姓名 *").is_focused(),
        "the name field takes the focus"
    );
    type_into(&mut harness, "姓名 *", "王喆");
    type_into(&mut harness, "证件号码 *", "110105194912310021");
    harness.get_by_label("身份证号码校验位错误：应为X，实为1");
    harness.get_by_label("还有 1 处需要修改");

    type_into(&mut harness, "证件号码 *", "11010519491231002X");
    assert!(harness.query_by_label_contains("校验位错误").is_none());
    assert!(harness.query_by_label_contains("还有").is_none());
    // Birth date and gender came from the number.
    assert_eq!(
        harness.get_by_label("出生日期").value().as_deref(),
        Some("1949-12-31")
    );
    type_into(&mut harness, "手机号码", "13912345678");
    harness.get_by_label("保存").click();
    harness.settle();
    assert!(!harness.state().volunteer_form_open());
    harness.get_by_label_contains("已登记志愿者 王喆");

    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 21);
    let holder = store
        .id_number_holder("11010519491231002X", "")
        .unwrap()
        .expect("saved");
    assert_eq!(holder.name, "王喆");
    assert_eq!(holder.number, "SF0000021", "numbered after the last one");
    let v: volunteer_ledger::store::volunteers::Volunteer = store.get(&holder.id).unwrap();
    assert_eq!(v.gender, "女");
    assert_eq!(v.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31));
    assert_eq!(v.mobile, "13912345678");
    assert_eq!(v.registered_on, today());
}

#[test]
fn a_registered_identity_number_is_named_and_blocks_saving() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    let store = Store::open(&path).unwrap();
    let first: volunteer_ledger::store::volunteers::Volunteer = {
        let row = &store.volunteer_page(false, 0, 1).unwrap()[0];
        store.get(&row.id).unwrap()
    };
    harness.get_by_label("新增志愿者").click();
    harness.settle();
    type_into(&mut harness, "姓名 *", "李四");
    type_into(&mut harness, "证件号码 *", &first.id_number);
    harness.get_by_label(&format!(
        "该证件号码已登记：{}（{}）",
        first.name, first.number
    ));
    harness.get_by_label("还有 1 处需要修改");
    harness.get_by_label("打开该记录").click();
    harness.settle();
    // What was typed is not thrown away without asking.
    harness.get_by_label("有未保存的修改，确定放弃吗？");
    harness.get_by_label("放弃修改").click();
    harness.settle();
    harness.get_by_label("编辑志愿者");
    assert_eq!(
        harness.get_by_label("姓名 *").value().as_deref(),
        Some(first.name.as_str())
    );
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 20);
}

#[test]
fn escape_with_changes_asks_before_discarding() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    harness.get_by_label("新增志愿者").click();
    harness.settle();
    type_into(&mut harness, "姓名 *", "赵犇");
    harness.key_press(egui::Key::Escape);
    harness.settle();
    harness.get_by_label("有未保存的修改，确定放弃吗？");
    harness.get_by_label("继续编辑").click();
    harness.settle();
    assert!(harness.state().volunteer_form_open());
    assert_eq!(
        harness.get_by_label("姓名 *").value().as_deref(),
        Some("赵犇")
    );
    harness.key_press(egui::Key::Escape);
    harness.settle();
    harness.get_by_label("放弃修改").click();
    harness.settle();
    assert!(!harness.state().volunteer_form_open());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 20);
}

#[test]
fn editing_a_volunteer_saves_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    let store = Store::open(&path).unwrap();
    let row = store.volunteer_page(false, 0, 1).unwrap().remove(0);
    // Select the first row, then 编辑.
    select(&mut harness, &row.number);
    harness.get_by_label("编辑").click();
    harness.settle();
    harness.get_by_label("编辑志愿者");
    type_into(&mut harness, "工作单位或学校", "天津港集团");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.settle();
    assert!(!harness.state().volunteer_form_open());
    let v: volunteer_ledger::store::volunteers::Volunteer = store.get(&row.id).unwrap();
    assert_eq!(v.workplace, "天津港集团");
    assert!(v.meta.updated_at > v.meta.created_at);
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 20);
}

#[test]
fn selecting_a_volunteer_shows_hours_star_level_and_service_record() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    let store = Store::open(&path).unwrap();
    let row = store.volunteer_page(false, 0, 1).unwrap().remove(0);
    let summary = store.volunteer_summary(&row.id).unwrap();
    assert!(summary.activities > 0);
    harness.get_by_label(&row.number).click();
    harness.settle();
    harness.get_by_label(&format!("{}（{}）", row.name, row.number));
    harness.get_by_label(&format!("累计服务时长 {} 小时", summary.total));
    harness.get_by_label_contains("星级：未达星级");
    let first = &store.service_page(&row.id, 0, 1).unwrap()[0];
    let date = first.date.format("%Y-%m-%d").to_string();
    assert!(
        harness.query_all_by_label(&date).count() >= 1,
        "service record lists {date}"
    );
}

#[test]
fn delete_to_the_recycle_bin_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    let store = Store::open(&path).unwrap();
    let row = store.volunteer_page(false, 0, 1).unwrap().remove(0);
    select(&mut harness, &row.number);
    harness.get_by_label("删除志愿者").click();
    harness.settle();
    harness.get_by_label(&format!(
        "将志愿者“{}（{}）”移入回收站？其服务记录保留。以后可在回收站中恢复。",
        row.name, row.number
    ));
    harness.get_by_label("移入回收站").click();
    harness.settle();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 19);
    harness.get_by_label("共 19 名志愿者（证件号码和手机已隐去部分数字）");

    harness.get_by_label("志愿者回收站").click();
    harness.settle();
    harness.get_by_label("回收站：已删除的志愿者");
    select(&mut harness, &row.number);
    harness.get_by_label("恢复志愿者").click();
    harness.settle();
    harness.get_by_label("恢复").click();
    harness.settle();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 20);
    harness.get_by_label("回收站中有 0 名志愿者");
    harness.get_by_label("返回列表").click();
    harness.settle();
    harness.get_by_label("共 20 名志愿者（证件号码和手机已隐去部分数字）");
}

#[test]
fn permanent_removal_asks_first_and_names_what_goes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    let store = Store::open(&path).unwrap();
    // The demo issued certificates to the first volunteers; take one without.
    let row = store
        .volunteer_page(false, 0, 20)
        .unwrap()
        .into_iter()
        .find(|r| store.purge_impact(&r.id).unwrap().certificates == 0)
        .unwrap();
    let impact = store.purge_impact(&row.id).unwrap();
    select(&mut harness, &row.number);
    harness.get_by_label("删除志愿者").click();
    harness.settle();
    harness.get_by_label("移入回收站").click();
    harness.settle();
    harness.get_by_label("志愿者回收站").click();
    harness.settle();
    select(&mut harness, &row.number);
    harness.get_by_label("彻底删除志愿者").click();
    harness.settle();
    harness.get_by_label_contains(&format!(
        "将同时删除其 {} 条服务记录",
        impact.participations
    ));
    harness.get_by_label("取消").click();
    harness.settle();
    assert_eq!(
        store.volunteers_in_bin().unwrap(),
        1,
        "cancel removes nothing"
    );
    select(&mut harness, &row.number);
    harness.get_by_label("彻底删除志愿者").click();
    harness.settle();
    harness.get_by_label("彻底删除").click();
    harness.settle();
    assert_eq!(store.volunteers_in_bin().unwrap(), 0);
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 19);

    // Two more to the bin, then the whole bin emptied after a confirmation.
    harness.get_by_label("返回列表").click();
    harness.settle();
    let rows: Vec<_> = store
        .volunteer_page(false, 0, 20)
        .unwrap()
        .into_iter()
        .filter(|r| store.purge_impact(&r.id).unwrap().certificates == 0)
        .take(2)
        .collect();
    for r in &rows {
        select(&mut harness, &r.number);
        harness.get_by_label("删除志愿者").click();
        harness.settle();
        harness.get_by_label("移入回收站").click();
        harness.settle();
    }
    harness.get_by_label("志愿者回收站").click();
    harness.settle();
    harness.get_by_label("清空回收站…").click();
    harness.settle();
    harness.get_by_label_contains("回收站中的全部志愿者将被永久删除");
    harness.get_by_label("取消").click();
    harness.settle();
    assert_eq!(
        store.volunteers_in_bin().unwrap(),
        2,
        "cancel removes nothing"
    );
    harness.get_by_label("清空回收站…").click();
    harness.settle();
    harness.get_by_label("清空回收站").click();
    harness.settle();
    harness.get_by_label_contains("志愿者回收站已清空，永久删除 2 条");
    assert_eq!(store.volunteers_in_bin().unwrap(), 0);
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 17);
}

#[test]
fn search_box_finds_by_pinyin_initials_and_phone_tail() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    let store = Store::open(&path).unwrap();
    let target: volunteer_ledger::store::volunteers::Volunteer = {
        let row = store.volunteer_page(false, 7, 1).unwrap().remove(0);
        store.get(&row.id).unwrap()
    };
    let initials = volunteer_ledger::domain::search::name_keys(&target.name).initials;
    let expected = store.volunteer_search_count(&initials).unwrap();
    assert!(expected >= 1);

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.settle();
    assert!(
        harness.get_by_label("查找").is_focused(),
        "Ctrl+F goes to the search box"
    );
    harness.get_by_label("查找").type_text(&initials);
    harness.settle();
    harness.get_by_label(&format!("找到 {expected} 名志愿者"));
    harness.get_by_label(&target.number);

    type_into(&mut harness, "查找", &target.mobile[7..]);
    harness.get_by_label(&target.number);
    assert!(harness.query_by_label_contains("找到 0 名").is_none());

    harness.get_by_label("清空").click();
    harness.settle();
    harness.get_by_label("共 20 名志愿者（证件号码和手机已隐去部分数字）");
}

/// Asks the window to close, as its ✕ or Alt+F4 does; returns the commands the app answered
/// with in that frame.
fn request_close(harness: &mut Harness<'_, LedgerApp>) -> Vec<egui::ViewportCommand> {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
    harness.output().viewport_output[&egui::ViewportId::ROOT]
        .commands
        .clone()
}

#[test]
fn closing_the_window_over_a_half_filled_form_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1280.0);
    let held = |c: &[egui::ViewportCommand]| c.contains(&egui::ViewportCommand::CancelClose);

    // Nothing to lose: the window closes as asked.
    assert!(harness.state().close_reasons().is_empty());
    assert!(!held(&request_close(&mut harness)));
    assert!(harness.query_by_label("退出志愿服务台账").is_none());

    // An opened form nobody typed into loses nothing either.
    harness.get_by_label("新增志愿者").click();
    harness.settle();
    assert!(harness.state().close_reasons().is_empty());

    type_into(&mut harness, "姓名 *", "王喆");
    assert!(held(&request_close(&mut harness)));
    harness.settle();
    harness.get_by_label("退出志愿服务台账");
    harness.get_by_label("“志愿者”中正在填写的表单有未保存的修改，退出后这些修改会丢失。");
    harness.get_by_label("不退出").click();
    harness.settle();
    assert!(harness.query_by_label("退出志愿服务台账").is_none());
    assert!(harness.state().volunteer_form_open());
    assert_eq!(
        harness.get_by_label("姓名 *").value().as_deref(),
        Some("王喆")
    );

    // On another pane the form is not drawn, and still counts.
    harness.get_by_label("日历").click();
    harness.settle();
    assert!(held(&request_close(&mut harness)));
    harness.settle();
    harness.get_by_label_contains("“志愿者”中正在填写的表单");
    harness.get_by_label("退出程序").click();
    harness.step();
    let answered = &harness.output().viewport_output[&egui::ViewportId::ROOT].commands;
    assert!(
        answered.contains(&egui::ViewportCommand::Close),
        "{answered:?}"
    );
    // Chosen once: the close that follows is not held back again.
    assert!(!held(&request_close(&mut harness)));
    // Nothing was saved by closing.
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 20);
}

#[test]
fn closing_with_a_unit_name_typed_but_not_saved_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut harness) = app_with_demo(dir.path(), 1280.0);
    harness.get_by_label("设置").click();
    harness.settle();
    assert!(harness.state().close_reasons().is_empty());
    let field = || egui::accesskit::Role::TextInput;
    harness.get_by_role_and_label(field(), "本单位名称").focus();
    harness.settle();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(field(), "本单位名称")
        .type_text("新港街道办事处");
    harness.settle();
    assert_eq!(
        harness.state().close_reasons(),
        ["“设置”中正在填写的表单有未保存的修改，退出后这些修改会丢失。"]
    );
    harness.get_by_label("保存").click();
    harness.settle();
    assert!(harness.state().close_reasons().is_empty());

    // How many automatic backups to keep, typed and not saved.
    harness
        .get_by_role_and_label(field(), "保留自动备份（份）")
        .focus();
    harness.settle();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(field(), "保留自动备份（份）")
        .type_text("12");
    harness.settle();
    assert_eq!(harness.state().close_reasons().len(), 1);
    harness.get_by_label("保存份数").click();
    harness.settle();
    assert!(harness.state().close_reasons().is_empty());
    assert!(
        !request_close(&mut harness).contains(&egui::ViewportCommand::CancelClose),
        "saved: nothing held back"
    );
}
