//! 数据交换 in the real window: a station's package dropped on the pane, described and
//! confirmed, read on a worker thread, its summary shown, a conflict chosen; a wrong file named.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Settle;

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::settings::keys;
use volunteer_ledger::store::volunteers::Volunteer;

#[test]
fn a_dropped_package_is_confirmed_imported_and_its_conflict_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let office_db = common::demo_db(dir.path(), "office.sqlite", 20, 3);

    // Station 新港: one volunteer in one activity; the office has read its first package.
    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();
    a.set_setting(keys::STATION_NAME, "新港社区工作站").unwrap();
    let mut v = Volunteer {
        number: "XG0000001".into(),
        name: "李喆".into(),
        id_number: "120116198502020037".into(),
        mobile: "13800000002".into(),
        registered_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        ..Default::default()
    };
    a.insert(&mut v).unwrap();
    let li = v.meta.id.clone();
    let mut act = Activity {
        title: "清明文明祭扫宣传".into(),
        category: "文明祭扫".into(),
        date: NaiveDate::from_ymd_opt(2026, 4, 4).unwrap(),
        status: "已完成".into(),
        ..Default::default()
    };
    a.save_activity(&mut act, &[(li.clone(), Tenths(20))])
        .unwrap();
    let first = dir.path().join("新港-1.vlx");
    a.export_exchange(&first, false, &mut |_| true).unwrap();
    {
        let mut office = Store::open(&office_db).unwrap();
        office.import_exchange(&first, &mut |_| true).unwrap();
        let mut v: Volunteer = office.get(&li).unwrap();
        v.mobile = "13100000001".into();
        office.update_volunteer(&mut v).unwrap();
        let mut act: Activity = office.get(&act.meta.id).unwrap();
        act.title = "清明文明祭扫宣传（街道核）".into();
        office
            .save_activity(&mut act, &[(li.clone(), Tenths(25))])
            .unwrap();
    }
    // The station changes the same three records: the phone, the title and the hours.
    let mut act: Activity = a.get(&act.meta.id).unwrap();
    act.title = "清明文明祭扫宣传（站点改）".into();
    a.save_activity(&mut act, &[(li.clone(), Tenths(30))])
        .unwrap();
    let mut v: Volunteer = a.get(&li).unwrap();
    v.mobile = "13200000002".into();
    a.update_volunteer(&mut v).unwrap();
    let mut act2 = Activity {
        title: "五月志愿服务培训".into(),
        category: "其他".into(),
        date: NaiveDate::from_ymd_opt(2026, 5, 9).unwrap(),
        status: "已完成".into(),
        ..Default::default()
    };
    a.save_activity(&mut act2, &[(li.clone(), Tenths(15))])
        .unwrap();
    let second = dir.path().join("新港-2.vlx");
    a.export_exchange(&second, false, &mut |_| true).unwrap();

    let mut harness = common::app_at(&office_db, egui::vec2(1280.0, 800.0));
    harness.settle();
    harness.get_by_label("数据交换").click();
    harness.settle();
    assert!(harness.query_all_by_label("数据交换").count() >= 2);
    harness.get_by_label("冲突：没有待选择的记录");

    // A file that is not a package is named and nothing happens.
    let wrong = dir.path().join("名单.vlx");
    std::fs::write(&wrong, "姓名,电话\n张三,1380000").unwrap();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(wrong)));
    harness.settle();
    harness.get_by_label_contains("不是交换包");

    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(common::Dropped(second.clone())));
    harness.settle();
    harness.get_by_label("导入交换包");
    harness.get_by_label("新港社区工作站");
    // 李喆, the new activity and its service record, and the volunteer it refers to.
    harness.get_by_label_contains("新增和修改的记录，共");
    harness.get_by_label("导入").click();
    // The conflicts are in the database (and may be listed) before the job has reported: wait
    // for its summary, in the toast and on the pane.
    common::step_until(
        &mut harness,
        "the import's summary in the toast and on the pane",
        |h| {
            h.query_all_by_label_contains("已导入“新港社区工作站”的交换包：新增 2 条")
                .count()
                == 2
        },
    );
    harness.get_by_label("冲突（3 条待选择）");
    harness.get_by_label("手机号码");
    harness.get_by_label("13100000001");
    harness.get_by_label("13200000002");
    let office = Store::open(&office_db).unwrap();
    let v: Volunteer = office.get(&li).unwrap();
    assert_eq!(v.mobile, "13100000001", "overwritten before the choice");
    assert_eq!(
        volunteer_ledger::store::backup::list(&office_db)
            .iter()
            .filter(|b| b.reason == "导入前")
            .count(),
        1
    );

    harness.get_by_label("清明文明祭扫宣传（街道核）");
    harness.get_by_label("清明文明祭扫宣传（站点改）");
    harness.get_by_label("2.5");
    harness.get_by_label("3.0");

    // The phone from the package, the rest ours, all at once after a confirmation.
    harness
        .get_all_by_label("采用交换包的")
        .next()
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label("冲突（2 条待选择）");
    let v: Volunteer = office.get(&li).unwrap();
    assert_eq!(v.mobile, "13200000002");
    harness.get_by_label("全部保留本机的…").click();
    harness.settle();
    harness.get_by_label("处理全部冲突");
    harness.get_by_label("取消").click();
    harness.settle();
    harness.get_by_label("冲突（2 条待选择）");
    harness.get_by_label("全部保留本机的…").click();
    harness.settle();
    harness.get_by_label("确定").click();
    harness.settle();
    harness.get_by_label("冲突：没有待选择的记录");
    let act: Activity = office.get(&act.meta.id).unwrap();
    assert_eq!(act.title, "清明文明祭扫宣传（街道核）");
    assert_eq!(
        office.activity_participants(&act.meta.id).unwrap()[0].hours,
        Tenths(25)
    );

    // The station's name is saved from the pane, by the button or by Enter.
    common::type_into(&mut harness, "本站名称", "街道办事处");
    harness.get_by_label("保存名称").click();
    harness.settle();
    assert_eq!(
        office.setting(keys::STATION_NAME).unwrap().as_deref(),
        Some("街道办事处")
    );
    common::type_into(&mut harness, "本站名称", "新港街道办事处");
    harness.key_press(egui::Key::Enter);
    harness.settle();
    assert_eq!(
        office.setting(keys::STATION_NAME).unwrap().as_deref(),
        Some("新港街道办事处")
    );
    harness.get_by_label_contains("交换记录（");
}
