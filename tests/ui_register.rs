//! The register, teams, import and export driven through the real window by their Chinese
//! labels.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Settle;

use std::path::Path;

use calamine::Reader;
use chrono::NaiveDate;
use common::{app_with_demo, step_until, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use volunteer_ledger::domain::{id_number, search};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::register::{RegisterFilter, RegisterQuery};
use volunteer_ledger::store::teams::Team;

#[test]
fn a_new_volunteer_is_typed_found_by_initials_put_in_a_team_deleted_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    // Typed through the form, with a wrong check character first.
    harness.get_by_label("新增志愿者").click();
    harness.settle();
    type_into(&mut harness, "姓名 *", "欧阳赟");
    type_into(&mut harness, "证件号码 *", "120116199003051231");
    harness.get_by_label_contains("校验位错误");
    let good = id_number::compose("120116", NaiveDate::from_ymd_opt(1990, 3, 5).unwrap(), 123);
    type_into(&mut harness, "证件号码 *", &good);
    assert!(harness.query_by_label_contains("校验位错误").is_none());
    harness.get_by_label("保存").click();
    harness.settle();
    harness.get_by_label_contains("已登记志愿者 欧阳赟");
    let store = Store::open(&path).unwrap();
    let holder = store.id_number_holder(&good, "").unwrap().unwrap();

    // Found by pinyin initials.
    let initials = search::name_keys("欧阳赟").initials;
    type_into(&mut harness, "查找", &initials);
    harness.get_by_label(&holder.number).click();
    harness.settle();

    // Put in a team from the team pane's member search.
    let team_row = store.team_page(false, 0, 1).unwrap().remove(0);
    harness.get_by_label("队伍").click();
    harness.settle();
    harness.get_by_label(&team_row.name).click();
    harness.settle();
    harness.get_by_label(&format!("{}：成员", team_row.name));
    type_into(&mut harness, "查找志愿者", &initials);
    harness
        .get_by_role_and_label(Role::CheckBox, &format!("欧阳赟（{}）", holder.number))
        .click();
    harness.settle();
    harness.get_by_label("加入队伍（1 人）").click();
    harness.settle();
    harness.get_by_label("已加入队伍 1 人。");
    let members = store.team_members(&team_row.id).unwrap();
    assert!(members.iter().any(|m| m.volunteer_id == holder.id));
    harness.get_by_label(&format!(
        "成员 {} 人，累计服务时长 {} 小时",
        members.len(),
        volunteer_ledger::domain::hours::Tenths(members.iter().map(|m| m.hours.0).sum())
    ));
    // The register's 队伍 filter now finds them there.
    let in_team = RegisterQuery {
        filter: RegisterFilter {
            team_id: Some(team_row.id.clone()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        store.register_count(&in_team).unwrap() as usize,
        members.len()
    );

    // Deleted to the recycle bin and restored.
    harness.get_by_label("志愿者").click();
    harness.settle();
    harness.get_by_label(&holder.number).click();
    harness.settle();
    harness.get_by_label("删除志愿者").click();
    harness.settle();
    harness.get_by_label("移入回收站").click();
    harness.settle();
    assert!(store.id_number_holder(&good, "").unwrap().is_none());
    harness.get_by_label("志愿者回收站").click();
    harness.settle();
    harness.get_by_label(&holder.number).click();
    harness.settle();
    harness.get_by_label("恢复志愿者").click();
    harness.settle();
    harness.get_by_label("恢复").click();
    harness.settle();
    assert!(store.id_number_holder(&good, "").unwrap().is_some());
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 21);
}

#[test]
fn header_clicks_sort_and_the_filters_narrow_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let by_hours = RegisterQuery {
        sort: volunteer_ledger::store::register::SortKey::Hours,
        descending: true,
        ..Default::default()
    };
    let top = store.register_page(&by_hours, 0, 1).unwrap().remove(0);
    harness.get_by_label("累计时长").click();
    harness.settle();
    harness.get_by_label("累计时长 ▲");
    harness.get_by_label("累计时长 ▲").click();
    harness.settle();
    harness.get_by_label("累计时长 ▼");
    // The first row is the volunteer with the most hours.
    let first = harness.get_all_by_label(&top.number).next().unwrap().rect();
    for other in store.register_page(&by_hours, 1, 5).unwrap() {
        if let Some(node) = harness.query_by_label(&other.number) {
            assert!(
                node.rect().top() > first.top(),
                "{} below the top",
                other.number
            );
        }
    }

    let paused = RegisterQuery {
        filter: RegisterFilter {
            status: Some("在册".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let expected = store.register_count(&paused).unwrap();
    harness
        .get_by_role_and_label(Role::ComboBox, "状态")
        .click();
    harness.settle();
    harness.get_by_role_and_label(Role::Button, "在册").click();
    harness.settle();
    harness.get_by_label(&format!("找到 {expected} 名志愿者"));
    harness.get_by_label("清除筛选").click();
    harness.settle();
    harness.get_by_label("共 20 名志愿者（证件号码和手机已隐去部分数字）");
}

#[test]
fn end_and_home_over_the_register_go_to_its_last_and_first_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "ledger.sqlite", 300, 7);
    let store = Store::open(&path).unwrap();
    let all = RegisterQuery::default();
    let n = store.register_count(&all).unwrap();
    assert!(n > 200, "more rows than one screen");
    let first = store.register_page(&all, 0, 1).unwrap().remove(0).number;
    let last = store
        .register_page(&all, n as usize - 1, 1)
        .unwrap()
        .remove(0)
        .number;
    let mut harness = common::app_at(&path, egui::vec2(1400.0, 900.0));
    harness.settle();
    harness.get_by_label("志愿者").click();
    step_until(&mut harness, "the first row", |h| {
        h.query_by_label(&first).is_some()
    });
    // While the search box has the keys, End moves its cursor, not the list.
    harness.get_by_label("查找").focus();
    harness.get_by_label(&first).hover();
    harness.settle();
    harness.key_press(egui::Key::End);
    harness.settle();
    assert!(harness.query_by_label(&last).is_none());
    // Once the pointer is over the list and no field has the keys, End goes to the last row.
    harness.key_press(egui::Key::Escape);
    harness.get_by_label(&first).hover();
    harness.settle();
    harness.key_press(egui::Key::End);
    step_until(&mut harness, "the last row", |h| {
        h.query_by_label(&last).is_some() && h.query_by_label(&first).is_none()
    });
    harness.key_press(egui::Key::Home);
    step_until(&mut harness, "the first row again", |h| {
        h.query_by_label(&first).is_some() && h.query_by_label(&last).is_none()
    });
    harness.key_press(egui::Key::PageDown);
    step_until(&mut harness, "the next screenful", |h| {
        h.query_by_label(&first).is_none()
    });
}

#[test]
fn the_arrows_over_the_register_move_the_selection_and_enter_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "ledger.sqlite", 300, 7);
    let store = Store::open(&path).unwrap();
    let rows = store
        .register_page(&RegisterQuery::default(), 0, 3)
        .unwrap();
    let heading = |i: usize| format!("{}（{}）", rows[i].name, rows[i].number);
    let mut harness = common::app_at(&path, egui::vec2(1400.0, 900.0));
    harness.settle();
    harness.get_by_label("志愿者").click();
    step_until(&mut harness, "the first row", |h| {
        h.query_by_label(&rows[0].number).is_some()
    });
    // Nothing selected: Down selects the first row shown.
    harness.get_by_label(&rows[1].number).hover();
    harness.settle();
    harness.key_press(egui::Key::ArrowDown);
    step_until(&mut harness, "the first row's detail", |h| {
        h.query_by_label(&heading(0)).is_some()
    });
    harness.key_press(egui::Key::ArrowDown);
    harness.key_press(egui::Key::ArrowDown);
    step_until(&mut harness, "the third row's detail", |h| {
        h.query_by_label(&heading(2)).is_some()
    });
    harness.key_press(egui::Key::ArrowUp);
    step_until(&mut harness, "the second row's detail", |h| {
        h.query_by_label(&heading(1)).is_some() && h.query_by_label(&heading(2)).is_none()
    });
    // While the search box has the keys, the arrows and Enter stay in it.
    harness.get_by_label("查找").focus();
    harness.settle();
    harness.key_press(egui::Key::ArrowDown);
    harness.key_press(egui::Key::Enter);
    harness.settle();
    harness.get_by_label(&heading(1));
    assert!(harness.query_by_label("编辑志愿者").is_none());
    harness.key_press(egui::Key::Escape);
    harness.get_by_label(&rows[1].number).hover();
    harness.settle();
    // Enter opens the selected volunteer's form, which stays open (the same key does not save
    // it at once).
    harness.key_press(egui::Key::Enter);
    step_until(&mut harness, "the selected volunteer's form", |h| {
        h.query_by_label("编辑志愿者").is_some()
    });
    let name = harness.get_by_label("姓名 *");
    assert_eq!(name.value().as_deref(), Some(rows[1].name.as_str()));
}

#[test]
fn a_spreadsheet_is_imported_through_the_dialog_taking_only_the_good_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let community = Store::open(&path).unwrap().community_choices().unwrap()[0]
        .name
        .clone();
    let born = NaiveDate::from_ymd_opt(1988, 8, 8).unwrap();
    let csv = format!(
        "社区志愿者花名册\n姓名,身份证号,联系电话,所在社区\n李玥,{},13911112222,{community}\n张彧,{},13933334444,{community}\n王五,120116198808080000,139,{community}\n",
        id_number::compose("120116", born, 42),
        id_number::compose("120116", born, 51),
    );
    let file = dir.path().join("名册.csv");
    std::fs::write(&file, csv).unwrap();

    harness.get_by_label("导入…").click();
    harness.settle();
    type_into(&mut harness, "文件", &file.display().to_string());
    harness.get_by_label("读取并检查").click();
    step_until(&mut harness, "the checked file", |h| {
        h.query_by_label("可导入的新志愿者 2 名").is_some()
    });
    harness.get_by_label("有错误的行 1 行");
    harness.get_by_label_contains("第 5 行，B列（身份证号）");
    assert!(
        harness
            .get_by_label("开始导入")
            .accesskit_node()
            .is_disabled(),
        "nothing is imported while a row is bad, unless chosen"
    );
    harness.get_by_label("只导入正确的行（跳过 1 行）").click();
    harness.settle();
    harness.get_by_label("开始导入").click();
    step_until(&mut harness, "the import", |h| {
        h.query_by_label_contains("导入完成").is_some()
    });
    harness.get_by_label(
        "导入完成：新增 2 名，更新 0 名，跳过已在名册中的 0 名，跳过有错误的行 1 行。",
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 22);
    // The register as it was is kept first.
    assert!(
        volunteer_ledger::store::backup::list(&path)
            .iter()
            .any(|b| b.reason == "导入前")
    );
    // The register is counted again on the runner.
    harness.wait_for_label("共 22 名志愿者（证件号码和手机已隐去部分数字）");
}

fn read_xlsx(path: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn the_roster_is_exported_masked_and_whole_numbers_need_the_duty_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let first = store
        .register_page(&RegisterQuery::default(), 0, 1)
        .unwrap()
        .remove(0);
    let full: volunteer_ledger::store::volunteers::Volunteer = store.get(&first.id).unwrap();

    let masked = dir.path().join("隐去.xlsx");
    harness.get_by_label("导出名册…").click();
    harness.settle();
    type_into(&mut harness, "保存到", &masked.display().to_string());
    harness.get_by_label("导出").click();
    step_until(&mut harness, "the masked export", |h| {
        h.query_by_label_contains("已导出 20 名志愿者").is_some()
    });
    let rows = read_xlsx(&masked);
    assert_eq!(rows[1][0], "志愿者编号");
    assert_eq!(rows[2][4], id_number::mask(&full.id_number));
    assert!(rows[2][4].contains('*'));

    let whole = dir.path().join("完整.csv");
    harness.get_by_label("导出名册…").click();
    harness.settle();
    type_into(&mut harness, "保存到", &whole.display().to_string());
    harness.get_by_label("导出完整的证件号码和手机号码").click();
    harness.settle();
    harness.get_by_label_contains("个人信息保护法");
    assert!(harness.get_by_label("导出").accesskit_node().is_disabled());
    harness
        .get_by_label("我已知晓并将履行上述个人信息保护义务")
        .click();
    harness.settle();
    harness.get_by_label("导出").click();
    step_until(&mut harness, "the whole export", |h| {
        whole.exists() && h.query_by_label("导出").is_none()
    });
    let text = std::fs::read_to_string(&whole).unwrap();
    assert!(text.contains(&full.id_number));
    assert!(text.contains(&full.mobile));
}

#[test]
fn a_team_is_created_deleted_to_its_bin_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let before = store.count_live(Table::Teams).unwrap();
    harness.get_by_label("队伍").click();
    harness.settle();
    harness.get_by_label("新建队伍").click();
    harness.settle();
    type_into(&mut harness, "队伍名称 *", "滨海红马甲服务队");
    type_into(&mut harness, "成立日期", "2026-13-01");
    harness.get_by_label_contains("成立日期：");
    assert!(harness.get_by_label("保存").accesskit_node().is_disabled());
    type_into(&mut harness, "成立日期", "2026-03-05");
    harness.get_by_label("保存").click();
    harness.settle();
    harness.get_by_label("已新建队伍“滨海红马甲服务队”");
    assert_eq!(store.count_live(Table::Teams).unwrap(), before + 1);

    harness.get_by_label("滨海红马甲服务队").click();
    harness.settle();
    harness.get_by_label("删除队伍").click();
    harness.settle();
    harness.get_by_label("移入回收站").click();
    harness.settle();
    assert_eq!(store.count_live(Table::Teams).unwrap(), before);
    harness.get_by_label("队伍回收站").click();
    harness.settle();
    harness.get_by_label("滨海红马甲服务队").click();
    harness.settle();
    harness.get_by_label("恢复队伍").click();
    harness.settle();
    harness.get_by_label("恢复").click();
    harness.settle();
    assert_eq!(store.count_live(Table::Teams).unwrap(), before + 1);
    let id: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT id FROM teams WHERE name = '滨海红马甲服务队'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let t: Team = store.get(&id).unwrap();
    assert_eq!(t.founded_on, NaiveDate::from_ymd_opt(2026, 3, 5));
    assert_eq!(t.category, "综合");

    // Deleted again, and the bin emptied after a confirmation.
    harness.get_by_label("返回列表").click();
    harness.settle();
    harness.get_by_label("滨海红马甲服务队").click();
    harness.settle();
    harness.get_by_label("删除队伍").click();
    harness.settle();
    harness.get_by_label("移入回收站").click();
    harness.settle();
    harness.get_by_label("队伍回收站").click();
    harness.settle();
    harness.get_by_label("清空回收站…").click();
    harness.settle();
    harness.get_by_label_contains("回收站中的全部队伍将被永久删除，连同其成员关系");
    harness.get_by_label("清空回收站").click();
    harness.settle();
    harness.get_by_label_contains("队伍回收站已清空，永久删除 1 条");
    assert!(store.get::<Team>(&id).is_err());
    assert_eq!(store.count_live(Table::Teams).unwrap(), before);
}

#[test]
fn a_column_the_import_did_not_recognise_is_mapped_by_hand_and_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let born = NaiveDate::from_ymd_opt(1979, 9, 9).unwrap();
    let csv = format!(
        "姓名,身份证号,联系人电话\n韩昇,{},1391111222\n",
        id_number::compose("120116", born, 77)
    );
    let file = dir.path().join("x.csv");
    std::fs::write(&file, csv).unwrap();
    harness.get_by_label("导入…").click();
    harness.settle();
    type_into(&mut harness, "文件", &file.display().to_string());
    harness.get_by_label("读取并检查").click();
    step_until(&mut harness, "the checked file", |h| {
        h.query_by_label("可导入的新志愿者 1 名").is_some()
    });
    // The phone column was not recognised, so its bad number went unnoticed.
    harness
        .get_by_role_and_label(Role::ComboBox, "联系人电话")
        .click();
    harness.settle();
    // The option in the open list (the register's 手机 header button sits higher up).
    harness
        .get_all_by_role_and_label(Role::Button, "手机")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click_accesskit();
    harness.settle();
    harness.get_by_label("列对应关系已改动，需要重新检查。");
    assert!(
        harness
            .get_by_label("开始导入")
            .accesskit_node()
            .is_disabled()
    );
    harness
        .get_by_label("按新的对应关系重新检查")
        .click_accesskit();
    step_until(&mut harness, "the second check", |h| {
        h.query_by_label("有错误的行 1 行").is_some()
    });
    harness.get_by_label_contains("第 2 行，C列（联系人电话）：手机号码应为11位数字");
    harness.get_by_label("取消").click();
    harness.settle();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 20);
}

#[test]
fn an_activity_is_created_with_a_whole_team_one_persons_hours_changed_and_their_total_follows() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let team = store.team_page(false, 0, 1).unwrap().remove(0);
    let members = store.team_member_ids(&team.id).unwrap();
    assert!(!members.is_empty());
    // Someone whose name no other member shares, so the hours field is found by it.
    let person = members
        .iter()
        .find(|m| members.iter().filter(|o| o.name == m.name).count() == 1)
        .unwrap()
        .clone();
    let total_of = |store: &Store, id: &str| {
        store
            .register_page(
                &RegisterQuery {
                    search: store
                        .get::<volunteer_ledger::store::volunteers::Volunteer>(id)
                        .unwrap()
                        .number,
                    ..Default::default()
                },
                0,
                1,
            )
            .unwrap()[0]
            .total
    };
    let before = total_of(&store, &person.id);

    harness.get_by_label("活动").click();
    harness.settle();
    harness.get_by_label("新建活动").click();
    harness.settle();
    type_into(&mut harness, "活动名称 *", "楼道清扫");
    type_into(&mut harness, "开始时间", "09:00");
    type_into(&mut harness, "结束时间", "11:30");
    harness.get_by_label("时长 2.5 小时");
    // 2026-11-29 is a Sunday, not the month's second Saturday.
    harness.get_by_label_contains("学雷锋志愿服务日应在每月第二个星期六");
    harness
        .get_by_role_and_label(Role::ComboBox, "整队加入")
        .click();
    harness.settle();
    harness
        .get_all_by_role_and_label(Role::Button, &team.name)
        .last()
        .unwrap()
        .click_accesskit();
    harness.settle();
    harness.get_by_label("加入整队").click_accesskit();
    harness.settle();
    harness.get_by_label(&format!(
        "参与志愿者 {} 人，合计 {} 小时",
        members.len(),
        volunteer_ledger::domain::hours::Tenths(25 * members.len() as i64)
    ));
    type_into(&mut harness, &person.name, "4");
    harness.get_by_label_contains(&format!(
        "{}：服务时长 4.0 小时超过活动时长 2.5 小时",
        person.name
    ));

    // A pasted sign-in sheet with one unknown name lists it.
    type_into(&mut harness, "粘贴签到名单", "张无忌");
    harness.get_by_label("按名单加入").click_accesskit();
    harness.settle();
    harness.get_by_label("未加入：“张无忌”——名册中没有找到");

    harness.get_by_label("保存活动").click();
    harness.settle();
    harness.get_by_label_contains("已保存活动“楼道清扫”");
    let after = total_of(&store, &person.id);
    assert_eq!(
        after.0,
        before.0 + 40,
        "the person's total grew by the 4 hours at once"
    );

    // The volunteer pane shows the new total.
    harness.get_by_label("志愿者").click();
    harness.settle();
    type_into(&mut harness, "查找", &person.number);
    harness.get_by_label(&format!("{after} 小时"));
}

#[test]
fn activities_are_planned_for_the_year_copied_deleted_to_their_bin_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    harness.get_by_label("活动").click();
    harness.settle();
    harness.get_by_label("生成全年学雷锋志愿服务日").click();
    harness.settle();
    harness.get_by_label("生成").click();
    harness.settle();
    harness.get_by_label_contains("已安排 2026 年学雷锋志愿服务日");
    let live = store.activity_count(&Default::default()).unwrap();

    let first = store
        .activity_page(&Default::default(), 0, 1)
        .unwrap()
        .remove(0);
    harness
        .get_all_by_label(&first.title)
        .next()
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label("复制为新活动").click();
    harness.settle();
    assert_eq!(
        harness.get_by_label("活动名称 *").value().as_deref(),
        Some(format!("{}（复制）", first.title).as_str())
    );
    harness.get_by_label("取消").click();
    harness.settle();

    harness
        .get_all_by_label(&first.title)
        .next()
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label("删除活动").click();
    harness.settle();
    harness.get_by_label("移入回收站").click();
    harness.settle();
    assert_eq!(store.activity_count(&Default::default()).unwrap(), live - 1);
    harness.get_by_label("活动回收站").click();
    harness.settle();
    harness.get_by_label(&first.title).click();
    harness.settle();
    harness.get_by_label("恢复活动").click();
    harness.settle();
    harness.get_by_label("恢复").click();
    harness.settle();
    assert_eq!(store.activity_count(&Default::default()).unwrap(), live);
}

#[test]
fn the_activity_list_narrows_by_title_category_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    harness.get_by_label("活动").click();
    harness.settle();
    type_into(&mut harness, "查找活动名称", "学雷锋");
    let f = volunteer_ledger::store::activities::ActivityFilter {
        text: "学雷锋".into(),
        ..Default::default()
    };
    let n = store.activity_count(&f).unwrap();
    assert!(n > 0);
    harness.get_by_label(&format!("找到 {n} 场活动"));
    type_into(&mut harness, "日期从", "2026-13-01");
    harness.get_by_label_contains("起始日期：");
    type_into(&mut harness, "日期从", "2026-12-01");
    let f = volunteer_ledger::store::activities::ActivityFilter {
        from: NaiveDate::from_ymd_opt(2026, 12, 1),
        ..f
    };
    harness.get_by_label(&format!(
        "找到 {} 场活动",
        store.activity_count(&f).unwrap()
    ));
    harness.get_by_label("清除筛选").click();
    harness.settle();
    let all = store.activity_count(&Default::default()).unwrap();
    harness.get_by_label(&format!("共 {all} 场活动"));
}

#[test]
fn materials_are_dropped_on_a_care_activity_and_the_warning_goes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let mut store = Store::open(&path).unwrap();
    let mut a = volunteer_ledger::store::activities::Activity {
        title: "看望空巢老人".into(),
        category: "关爱系列".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        start_time: "09:00".into(),
        end_time: "11:00".into(),
        status: "已完成".into(),
        ..Default::default()
    };
    store.save_activity(&mut a, &[]).unwrap();
    harness.get_by_label("活动").click();
    harness.settle();
    type_into(&mut harness, "查找活动名称", "看望空巢老人");
    harness.get_by_label("看望空巢老人").click();
    harness.settle();
    harness.get_by_label("编辑活动").click();
    harness.settle();
    harness.get_by_label_contains("“关爱系列”活动应留存资料");
    harness.get_by_label("留存资料（0 个）");

    let photo = dir.path().join("合影.jpg");
    std::fs::write(&photo, b"\xFF\xD8\xFF photo").unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(photo)));
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(
            dir.path().join("不见了.pdf"),
        )));
    harness.settle();
    harness.get_by_label("留存资料（1 个）");
    harness.get_by_label_contains("添加失败：找不到文件");
    assert!(harness.query_by_label_contains("应留存资料").is_none());
    assert_eq!(
        store
            .attachments_of("activities", &a.meta.id)
            .unwrap()
            .len(),
        1
    );

    // A picture gets a thumbnail; a file that is not one says so.
    let sheet = dir.path().join("签到表.png");
    image::RgbaImage::from_pixel(640, 480, image::Rgba([30, 90, 200, 255]))
        .save(&sheet)
        .unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(sheet)));
    harness.settle();
    harness.get_by_label("留存资料（2 个）");
    step_until(&mut harness, "thumbnails", |h| {
        h.query_by_label("读取中").is_none()
    });
    assert_eq!(
        harness.get_all_by_label("无法显示").count(),
        1,
        "only the fake photo fails"
    );

    harness.get_all_by_label("移除").next().unwrap().click();
    harness.settle();
    harness.get_by_label("留存资料（1 个）");
    harness
        .get_by_label("已移除的资料（1 个）")
        .click_accesskit();
    harness.settle();
    harness.get_by_label("恢复“合影.jpg”").click_accesskit();
    harness.settle();
    harness.get_by_label("留存资料（2 个）");
    assert_eq!(
        store
            .attachments_of("activities", &a.meta.id)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_training_is_recorded_with_an_attendee_whose_training_hours_show_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let who = store
        .register_page(&RegisterQuery::default(), 0, 1)
        .unwrap()
        .remove(0);
    let before = store.volunteer_training_hours(&who.id).unwrap();
    harness.get_by_label("培训").click();
    harness.settle();
    harness.get_by_label("新建培训").click();
    harness.settle();
    type_into(&mut harness, "主题 *", "应急救护");
    type_into(&mut harness, "学时 *", "2.5");
    type_into(&mut harness, "参加的工作人员", "张主任");
    type_into(&mut harness, "查找志愿者", &who.number);
    harness
        .get_by_label(&format!("＋{}（{}）", who.name, who.number))
        .click();
    harness.settle();
    harness.get_by_label("参加的志愿者 1 人");
    harness.get_by_label("保存培训").click();
    harness.settle();
    harness.get_by_label("已保存培训“应急救护”（1 名志愿者）");
    assert_eq!(
        store.volunteer_training_hours(&who.id).unwrap().0,
        before.0 + 25
    );
}

#[test]
fn an_honor_is_given_to_a_volunteer_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let who = store
        .register_page(&RegisterQuery::default(), 0, 1)
        .unwrap()
        .remove(0);
    let before = store.honor_count(&q("")).unwrap();
    harness.get_by_label("表彰").click();
    harness.settle();
    harness.get_by_label("新增表彰").click();
    harness.settle();
    harness.get_by_label_contains("表彰对象：请选择");
    type_into(&mut harness, "查找志愿者", &who.number);
    harness
        .get_by_label(&format!("选{}（{}）", who.name, who.number))
        .click();
    harness.settle();
    type_into(&mut harness, "称号 *", "身边雷锋");
    type_into(&mut harness, "授予单位名称", "滨海新区文明办");
    harness.get_by_label("保存表彰").click();
    harness.settle();
    harness.get_by_label("已保存表彰“身边雷锋”");
    assert_eq!(store.honor_count(&q("")).unwrap(), before + 1);
    harness.get_by_label(&format!("共 {} 项表彰", before + 1));
    let newest = store.honor_page(&q("身边雷锋"), 0, 10).unwrap();
    assert!(
        newest
            .iter()
            .any(|h| h.who == format!("{}（{}）", who.name, who.number))
    );
}

#[test]
fn an_information_report_is_recorded_with_its_activity() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let activity = store
        .activity_page(&Default::default(), 0, 1)
        .unwrap()
        .remove(0);
    harness.get_by_label("信息报送").click();
    harness.settle();
    harness.get_by_label("新增报送").click();
    harness.settle();
    type_into(&mut harness, "信息标题 *", "社区开展志愿服务");
    type_into(&mut harness, "查找相关活动", &activity.title);
    harness
        .get_all_by_label_contains(&format!(
            "关联：{}",
            volunteer_ledger::domain::dates::iso(activity.date)
        ))
        .next()
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label_contains("相关活动：");
    harness.get_by_label("已被采用").click_accesskit();
    harness.settle();
    type_into(&mut harness, "采用单位或媒体", "天津文明网");
    harness.get_by_label("保存报送").click();
    harness.settle();
    harness.get_by_label("已保存信息报送“社区开展志愿服务”");
    let row = store
        .info_report_page(&qs("社区开展志愿服务", "已采用"), 0, 1)
        .unwrap()
        .remove(0);
    assert!(!row.activity.is_empty());
}

#[test]
fn a_need_is_registered_and_linked_to_an_activity() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let before = store.need_count(&q("")).unwrap();
    let activity = store
        .activity_page(&Default::default(), 0, 1)
        .unwrap()
        .remove(0);
    harness.get_by_label("需求登记").click();
    harness.settle();
    harness.get_by_label("登记需求").click();
    harness.settle();
    harness.get_by_label_contains("对象：请填写");
    type_into(&mut harness, "对象 *", "王奶奶");
    type_into(&mut harness, "需求描述", "腿脚不便，需要代买药品");
    type_into(&mut harness, "查找活动", &activity.title);
    harness
        .get_all_by_label_contains("关联：")
        .next()
        .unwrap()
        .click_accesskit();
    harness.settle();
    harness.get_by_label("服务过的活动（1）");
    harness.get_by_label("保存需求").click_accesskit();
    harness.settle();
    harness.get_by_label("已保存需求：王奶奶");
    assert_eq!(store.need_count(&q("")).unwrap(), before + 1);
    assert_eq!(store.need_page(&q("王奶奶"), 0, 1).unwrap()[0].served, 1);
}

/// Live records of a list with `text` in them, newest first.
fn q(text: &str) -> volunteer_ledger::store::lists::ListQuery {
    volunteer_ledger::store::lists::ListQuery::search(text)
}

/// [`q`] narrowed to a status.
fn qs(text: &str, status: &str) -> volunteer_ledger::store::lists::ListQuery {
    volunteer_ledger::store::lists::ListQuery {
        status: Some(status.to_string()),
        ..q(text)
    }
}

#[test]
fn reading_a_long_spreadsheet_can_be_cancelled_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let before = Store::open(&path)
        .unwrap()
        .count_live(Table::Volunteers)
        .unwrap();
    // A million rows: seconds to read and check, long enough to be stopped.
    let mut csv = String::from("姓名,身份证号,联系电话\n");
    for i in 0..1_000_000u32 {
        csv.push_str(&format!("测试{i},,139{i:08}\n"));
    }
    let file = dir.path().join("很长的名册.csv");
    std::fs::write(&file, csv).unwrap();
    harness.get_by_label("导入…").click();
    harness.settle();
    type_into(&mut harness, "文件", &file.display().to_string());
    harness.get_by_label("读取并检查").click();
    step_until(&mut harness, "the reading under way", |h| {
        h.query_by_label("正在读取并检查文件……").is_some()
    });
    // The job's own 取消 (the import dialog's is under it).
    harness.get_all_by_label("取消").last().unwrap().click();
    step_until(&mut harness, "the reading let go", |h| {
        h.query_by_label("正在读取并检查文件……").is_none()
    });
    harness.get_by_label("已取消。");
    assert!(
        harness
            .query_by_label_contains("可导入的新志愿者")
            .is_none()
    );
    assert_eq!(
        Store::open(&path)
            .unwrap()
            .count_live(Table::Volunteers)
            .unwrap(),
        before
    );
}
