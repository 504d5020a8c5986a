//! The lists of trainings, honors, reports and needs driven through the real window: filters,
//! sorting, editing from the list, and the recycle bin.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use common::Settle;

use common::{app_with_demo, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::lists::ListQuery;
use volunteer_ledger::store::records::Honor;

#[test]
fn honors_are_filtered_edited_and_go_through_the_bin() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    harness.get_by_label("表彰").click();
    harness.settle();
    let all = store.honor_count(&ListQuery::search("")).unwrap();
    harness.get_by_label(&format!("共 {all} 项表彰"));

    // Level and date range.
    let town = ListQuery {
        category: Some("街镇级".into()),
        ..ListQuery::search("")
    };
    let town_count = store.honor_count(&town).unwrap();
    assert!(town_count > 0 && town_count < all);
    harness
        .get_by_role_and_label(Role::ComboBox, "级别")
        .click();
    harness.settle();
    harness
        .get_by_role_and_label(Role::Button, "街镇级")
        .click();
    harness.settle();
    harness.get_by_label(&format!("找到 {town_count} 项表彰"));
    let this_year = ListQuery {
        from: Some(d(2026, 1, 1)),
        ..town.clone()
    };
    let year_count = store.honor_count(&this_year).unwrap();
    assert!(year_count > 0 && year_count < town_count);
    type_into(&mut harness, "日期从", "2026年1月1日");
    harness.get_by_label(&format!("找到 {year_count} 项表彰"));
    type_into(&mut harness, "至", "2026-13-1");
    harness.get_by_label_contains("截止日期：日期“2026-13-1”");
    type_into(&mut harness, "至", "2026-12-31");

    // Delete one to the bin, see it there, restore it.
    let first = store.honor_page(&this_year, 0, 1).unwrap().remove(0);
    harness.get_all_by_label(&first.who).next().unwrap().click();
    harness.settle();
    harness.get_by_label("删除表彰").click();
    harness.settle();
    harness.get_by_label_contains("移入回收站？以后可在回收站中恢复");
    harness.get_by_label("移入回收站").click();
    harness.settle();
    harness.get_by_label_contains("已移入回收站，可在回收站中恢复");
    harness.get_by_label(&format!("找到 {} 项表彰", year_count - 1));
    assert!(
        store
            .get::<Honor>(&first.id)
            .unwrap()
            .meta
            .deleted_at
            .is_some()
    );
    harness.get_by_label("表彰回收站").click();
    harness.settle();
    harness.get_by_label("回收站中有 1 项表彰");
    harness.get_all_by_label(&first.who).next().unwrap().click();
    harness.settle();
    harness.get_by_label("恢复表彰").click();
    harness.settle();
    harness.get_by_label("恢复").click();
    harness.settle();
    harness.get_by_label("回收站中有 0 项表彰");
    harness.get_by_label("返回列表").click();
    harness.settle();
    harness.get_by_label(&format!("找到 {year_count} 项表彰"));
    assert!(
        store
            .get::<Honor>(&first.id)
            .unwrap()
            .meta
            .deleted_at
            .is_none()
    );

    // Sorting by a header, then editing the selected honor from the list.
    harness.get_by_role_and_label(Role::Button, "称号").click();
    harness.settle();
    harness.get_by_role_and_label(Role::Button, "称号 ▲");
    harness.get_all_by_label(&first.who).next().unwrap().click();
    harness.settle();
    harness.get_by_label("编辑表彰").click();
    harness.settle();
    type_into(&mut harness, "称号 *", "最美志愿者");
    harness.get_by_label("保存表彰").click();
    harness.settle();
    harness.get_by_label("已保存表彰“最美志愿者”");
    let saved: Honor = store.get(&first.id).unwrap();
    assert_eq!(
        (saved.title.as_str(), saved.awarded_on),
        ("最美志愿者", first.awarded_on)
    );

    // Two in the bin, then the bin emptied after a confirmation (cancelled once first).
    let two = store.honor_page(&this_year, 0, 2).unwrap();
    for h in &two {
        harness.get_all_by_label(&h.who).next().unwrap().click();
        harness.settle();
        harness.get_by_label("删除表彰").click();
        harness.settle();
        harness.get_by_label("移入回收站").click();
        harness.settle();
    }
    harness.get_by_label("表彰回收站").click();
    harness.settle();
    harness.get_by_label("回收站中有 2 项表彰");
    harness.get_by_label("清空回收站…").click();
    harness.settle();
    harness.get_by_label_contains("回收站中的全部表彰将被永久删除");
    harness.get_by_label("取消").click();
    harness.settle();
    harness.get_by_label("回收站中有 2 项表彰");
    harness.get_by_label("清空回收站…").click();
    harness.settle();
    harness.get_by_label("清空回收站").click();
    harness.settle();
    harness.get_by_label_contains("表彰回收站已清空，永久删除 2 条");
    harness.get_by_label("回收站中有 0 项表彰");
    for h in &two {
        assert!(store.get::<Honor>(&h.id).is_err(), "removed for good");
    }
}

#[test]
fn an_activity_in_the_bin_is_removed_for_good_after_a_confirmation() {
    use volunteer_ledger::store::activities::ActivityFilter;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let row = store
        .activity_page(&ActivityFilter::default(), 0, 1)
        .unwrap()
        .remove(0);
    let before = store
        .activity_count(&ActivityFilter {
            text: row.title.clone(),
            ..Default::default()
        })
        .unwrap();
    harness.get_by_label("活动").click();
    harness.settle();
    // Sorted by title through its header.
    harness
        .get_by_role_and_label(Role::Button, "活动名称")
        .click();
    harness.settle();
    harness.get_by_role_and_label(Role::Button, "活动名称 ▲");
    type_into(&mut harness, "查找活动名称", &row.title);
    harness.get_all_by_label(&row.title).next().unwrap().click();
    harness.settle();
    harness.get_by_label("删除活动").click();
    harness.settle();
    harness.get_by_label("移入回收站").click();
    harness.settle();
    harness.get_by_label("活动回收站").click();
    harness.settle();
    harness.get_all_by_label(&row.title).next().unwrap().click();
    harness.settle();
    harness.get_by_label("彻底删除活动").click();
    harness.settle();
    harness.get_by_label_contains("关于它的信息报送保留，只是不再关联此活动");
    harness.get_by_label("彻底删除").click();
    harness.settle();
    harness.get_by_label_contains("已彻底删除");
    // Titles repeat in the example data: the one clicked is gone, the bin is empty again.
    let same_title = ActivityFilter {
        text: row.title.clone(),
        ..Default::default()
    };
    assert_eq!(store.activity_count(&same_title).unwrap(), before - 1);
    assert_eq!(store.activities_in_bin().unwrap(), 0);
    let left: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM activities WHERE title = ?1",
            [&row.title],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        left as u64,
        before - 1,
        "removed from the file, not only hidden"
    );

    // Two more to the bin, then the bin emptied after a confirmation.
    for _ in 0..2 {
        harness.get_by_label("返回列表").click();
        harness.settle();
        type_into(&mut harness, "查找活动名称", "");
        let title = store
            .activity_page(&ActivityFilter::default(), 0, 1)
            .unwrap()
            .remove(0)
            .title;
        type_into(&mut harness, "查找活动名称", &title);
        harness.get_all_by_label(&title).next().unwrap().click();
        harness.settle();
        harness.get_by_label("删除活动").click();
        harness.settle();
        harness.get_by_label("移入回收站").click();
        harness.settle();
        harness.get_by_label("活动回收站").click();
        harness.settle();
    }
    assert_eq!(store.activities_in_bin().unwrap(), 2);
    harness.get_by_label("清空回收站…").click();
    harness.settle();
    harness.get_by_label_contains("回收站中的全部活动将被永久删除");
    harness.get_by_label("清空回收站").click();
    harness.settle();
    harness.get_by_label_contains("活动回收站已清空，永久删除 2 条");
    assert_eq!(store.activities_in_bin().unwrap(), 0);
}

#[test]
fn a_key_date_chosen_in_the_activity_form_suggests_its_category() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    harness.get_by_label("活动").click();
    harness.settle();
    harness.get_by_label("新建活动").click();
    harness.settle();
    type_into(&mut harness, "活动名称 *", "清明文明祭扫宣传");
    type_into(&mut harness, "日期 *", "2026-4-5");
    harness
        .get_by_role_and_label(Role::ComboBox, "重要时间节点")
        .click();
    harness.settle();
    harness
        .get_by_role_and_label(Role::Button, "清明节（4月5日）")
        .click_accesskit();
    harness.settle();
    // Clicked through accesskit: the list of key dates may still cover the button.
    harness.get_by_label("类别改为“文明祭扫”").click_accesskit();
    harness.settle();
    assert!(harness.query_by_label("类别改为“文明祭扫”").is_none());
    harness.get_by_label("保存活动").click_accesskit();
    harness.settle();
    harness.get_by_label_contains("已保存活动“清明文明祭扫宣传”");
    let store = Store::open(&path).unwrap();
    let row = store
        .activity_page(
            &volunteer_ledger::store::activities::ActivityFilter {
                text: "清明文明祭扫宣传".into(),
                ..Default::default()
            },
            0,
            1,
        )
        .unwrap()
        .remove(0);
    let a: volunteer_ledger::store::activities::Activity = store.get(&row.id).unwrap();
    assert_eq!(
        (a.category.as_str(), a.key_date.as_str(), a.date),
        ("文明祭扫", "清明节", d(2026, 4, 5))
    );
}

#[test]
fn leaving_a_changed_activity_form_asks_first() {
    use volunteer_ledger::store::activities::{Activity, ActivityFilter};
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    let row = store
        .activity_page(&ActivityFilter::default(), 0, 1)
        .unwrap()
        .remove(0);
    harness.get_by_label("活动").click();
    harness.settle();
    harness.get_all_by_label(&row.title).next().unwrap().click();
    harness.settle();
    // Unchanged: 取消 closes at once.
    harness.get_by_label("编辑活动").click();
    harness.settle();
    harness.get_by_label("取消").click();
    harness.settle();
    assert!(harness.query_by_label("保存活动").is_none());
    // Changed: Esc asks; 继续编辑 keeps the text; 放弃修改 leaves the record as it was.
    harness.get_by_label("编辑活动").click();
    harness.settle();
    type_into(&mut harness, "活动名称 *", "改过的标题");
    harness.key_press(egui::Key::Escape);
    harness.settle();
    harness.get_by_label("有未保存的修改，确定放弃吗？");
    harness.get_by_label("继续编辑").click();
    harness.settle();
    harness.get_by_label("保存活动");
    harness.get_by_label("取消").click();
    harness.settle();
    harness.get_by_label("放弃修改").click();
    harness.settle();
    assert!(harness.query_by_label("保存活动").is_none());
    let kept: Activity = store.get(&row.id).unwrap();
    assert_eq!(kept.title, row.title);
}

#[test]
fn a_date_is_picked_in_the_activity_form_with_the_chinese_picker() {
    use egui_kittest::kittest::NodeT;
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut harness) = app_with_demo(dir.path(), 1400.0);
    harness.get_by_label("活动").click();
    harness.settle();
    harness.get_by_label("新建活动").click();
    harness.settle();
    // The form's picker is the lowest of the 选日期 buttons (the list's filters are above it).
    harness
        .get_all_by_label("选日期")
        .max_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label("2026年11月");
    for w in ["一", "二", "三", "四", "五", "六", "日"] {
        harness.get_by_label(w);
    }
    harness.get_by_label_contains("已选：2026年11月29日 周日");
    harness.get_by_label("下月").click();
    harness.settle();
    harness.get_by_label("2026年12月");
    // 5 is in the grid twice (12月5日 and 1月5日): the upper one.
    harness
        .get_all_by_role_and_label(Role::Button, "5")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label_contains("已选：2026年12月5日 周六");
    harness.get_by_label_contains("国际志愿者日");
    harness.get_by_label("确定").click();
    harness.settle();
    assert!(
        harness.query_by_label("下月").is_none(),
        "the picker closed"
    );
    let value = harness.get_by_label("日期 *").accesskit_node().value();
    assert_eq!(value.as_deref(), Some("2026-12-05"));
    // The form takes the picked day: the 学雷锋日 rule now looks at 12月5日.
    harness.get_by_label_contains("学雷锋志愿服务日应在每月第二个星期六（本月为12月12日）");
}

#[test]
fn a_list_goes_to_excel_as_it_is_shown() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&path).unwrap();
    harness.get_by_label("表彰").click();
    harness.settle();
    type_into(&mut harness, "查找称号、对象或授予单位", "身边雷锋");
    harness.settle();
    let q = ListQuery::search("身边雷锋");
    let n = store.honor_count(&q).unwrap();
    assert!(n > 0);
    harness.get_by_label(&format!("找到 {n} 项表彰"));
    harness.get_by_label("导出…").click();
    harness.settle();
    harness.get_by_label("导出表彰列表");
    harness.get_by_label_contains(&format!("按当前的查找、筛选和排序导出 {n} 项表彰"));
    let out = dir.path().join("身边雷锋.xlsx");
    type_into(&mut harness, "保存到", &out.display().to_string());
    harness.get_by_role_and_label(Role::Button, "导出").click();
    harness.settle();
    harness.wait_for_label_contains(&format!("已导出表彰 {n} 条"));
    // 打开 and 打开所在文件夹 are offered for it.
    harness.get_by_label_contains("已生成：");
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("表彰").unwrap();
    let rows: Vec<_> = range.rows().skip(3).collect();
    assert_eq!(rows.len() as u64, n);
    let first = store.honor_page(&q, 0, 1).unwrap().remove(0);
    assert_eq!(rows[0][3].to_string(), first.who);
}

#[test]
fn a_teams_members_go_whole_only_when_acknowledged_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = app_with_demo(dir.path(), 1400.0);
    let before = Store::open(&path).unwrap().export_log(100).unwrap().len();
    harness.get_by_label("队伍").click();
    harness.settle();
    harness.get_by_label("导出…").click();
    harness.settle();
    harness.get_by_label("导出队伍列表");
    harness.get_by_label_contains("默认隐去手机号码的中间数字");
    let out = dir.path().join("队伍.xlsx");
    type_into(&mut harness, "保存到", &out.display().to_string());
    harness.get_by_label("导出完整的手机号码").click();
    harness.settle();
    // Not before the reminder is acknowledged.
    assert!(harness.get_by_label("导出").accesskit_node().is_disabled());
    harness
        .get_by_label("我已知晓并将履行上述个人信息保护义务")
        .click();
    harness.settle();
    harness.get_by_role_and_label(Role::Button, "导出").click();
    harness.settle();
    harness.wait_for_label_contains("已导出队伍");
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("成员").unwrap();
    let mobiles: Vec<String> = range.rows().skip(3).map(|r| r[3].to_string()).collect();
    assert!(!mobiles.is_empty());
    assert!(
        mobiles.iter().all(|m| m.len() == 11 && !m.contains('*')),
        "{mobiles:?}"
    );
    let log = Store::open(&path).unwrap().export_log(100).unwrap();
    assert_eq!(log.len(), before + 1);
    assert_eq!(log[0].what, "队伍列表（完整手机号码）");
    assert_eq!(log[0].people as usize, mobiles.len());
}
