//! The real app driven through egui_kittest by its Chinese labels, on temporary databases and a
//! fixed "today". Missing glyphs make kittest panic, so these tests also prove every label
//! renders with the bundled fonts.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Settle;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::ui::LedgerApp;
use volunteer_ledger::ui::panes::Pane;

use common::{step_until, today, type_into};

fn app(path: &Path) -> Harness<'static, LedgerApp> {
    let path: PathBuf = path.to_path_buf();
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| LedgerApp::new(cc, path, today()))
}

/// An empty ledger `file` in `dir` whose unit is `unit` (the first-run dialog done).
fn empty_with_unit(dir: &Path, file: &str, unit: &str) -> PathBuf {
    let path = dir.join(file);
    let mut store = Store::open(&path).unwrap();
    store
        .set_setting(volunteer_ledger::store::settings::keys::UNIT_NAME, unit)
        .unwrap();
    path
}

fn with_demo(dir: &Path, volunteers: u64) -> PathBuf {
    common::demo_db(dir, "演示 数据.sqlite", volunteers, 3)
}

#[test]
fn every_pane_opens_by_its_chinese_label_and_shows_real_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 300);
    let mut harness = app(&path);
    harness.settle();
    // The window opens on the calendar with this month's key dates and the status bar.
    assert!(
        harness.query_all_by_label("日历").count() >= 2,
        "the heading is its navigation label"
    );
    harness.get_by_label("2026年11月");
    harness.get_by_label("志愿者 300 名");
    harness.get_by_label("本单位：滨海新区示范街道办事处");

    for pane in Pane::ALL {
        harness
            .get_by_role_and_label(Role::Button, pane.label())
            .click();
        harness.settle();
        assert_eq!(harness.state().pane(), pane);
        assert!(
            harness.query_all_by_label(pane.heading()).count() >= 2,
            "{}",
            pane.label()
        );
    }

    harness.get_by_label("志愿者").click();
    harness.settle();
    harness.get_by_label("共 300 名志愿者（证件号码和手机已隐去部分数字）");
    harness.get_by_label("SF0000001");
    assert!(
        harness.query_all_by_label_contains("********").count() > 5,
        "identity numbers are masked in the list"
    );

    harness.get_by_label("队伍").click();
    harness.settle();
    harness.get_by_label("文明交通志愿服务队");

    harness.get_by_label("单位与联络表").click();
    harness.settle();
    harness.get_by_label("区公安局");

    harness.get_by_label("活动").click();
    harness.settle();
    let store = Store::open(&path).unwrap();
    let activities = store.count_live(Table::Activities).unwrap();
    harness.get_by_label(&format!("共 {activities} 场活动"));

    harness.get_by_label("统计与总结").click();
    let matrix = "专业志愿服务开展情况（本单位职责按平均每月至少一次检查）";
    step_until(&mut harness, "the figures", |h| {
        h.query_by_label(matrix).is_some()
    });
    assert_eq!(
        harness.get_all_by_label("文明交通").count(),
        2,
        "in the matrix and in the table by category"
    );
    harness.get_by_label("12月");
    // 上半年: six months in the matrix, and the figures equal the store's.
    harness.get_by_label("上半年").click();
    step_until(&mut harness, "the half year", |h| {
        h.query_by_label_contains("2026年上半年·本单位：开展活动")
            .is_some()
    });
    let half = store
        .report(&volunteer_ledger::domain::period::Period::parse("2026H1").unwrap())
        .unwrap();
    harness.get_by_label(&format!("场，参与 {} 人次，志愿者", half.participations));
    harness.get_by_label(&format!(
        "人，服务时长 {} 小时（人均 {} 小时），服务对象 {} 人次。",
        half.hours, half.hours_per_volunteer, half.served
    ));
    harness.get_by_label("6月");
    assert!(harness.query_by_label("7月").is_none());
    // The year's documents and whether they went up.
    harness.get_by_label("负责人联络表 2026年3月3日以传真报送");
    harness.get_by_label("上半年工作总结 2026年7月12日以邮件报送");
    harness.get_by_label("全年工作总结 未报送");
}

#[test]
fn calendar_moves_between_months() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 50);
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("上个月").click();
    harness.settle();
    harness.get_by_label("2026年10月");
    harness.get_by_label_contains("10月1日 国庆节");
    for _ in 0..7 {
        harness.get_by_label("上个月").click();
        harness.settle();
    }
    harness.get_by_label("2026年3月");
    harness
        .get_by_label_contains("3月5日 学雷锋纪念日 联络表报送截止")
        .click();
    harness.settle();
    harness.get_by_label("负责人联络表已于2026年3月3日以传真报送");
    harness.get_by_label_contains("3月12日 植树节");
    harness.get_by_label("今天").click();
    harness.settle();
    harness.get_by_label("2026年11月");
    // The year overview, and back to a month from it.
    harness.get_by_label("全年").click();
    harness.settle();
    harness.get_by_label("2026年");
    harness.get_by_label("4月").click();
    harness.settle();
    harness.get_by_label("2026年4月");
    harness.get_by_label_contains("4月5日 清明节");
}

#[test]
fn a_crowded_day_names_its_first_activities_and_how_many_more() {
    // A district's day holds hundreds of activities: the day's label and its hover text name
    // the first twelve and how many more, so the tooltip stays on the screen.
    let dir = tempfile::tempdir().unwrap();
    let path = empty_with_unit(dir.path(), "crowded.sqlite", "滨海新区示范街道办事处");
    {
        let mut store = Store::open(&path).unwrap();
        for i in 1..=15 {
            let mut a = common::held(
                &format!("十一月活动{i:02}"),
                "其他",
                common::d(2026, 11, 10),
            );
            store.insert(&mut a).unwrap();
        }
    }
    let mut harness = app(&path);
    step_until(&mut harness, "the crowded day on the grid", |h| {
        h.query_by_label_contains("11月10日；活动 15 场：")
            .is_some()
    });
    let label = harness
        .get_by_label_contains("11月10日；活动 15 场：")
        .accesskit_node()
        .label()
        .unwrap();
    assert_eq!(label.matches("十一月活动").count(), 12, "{label}");
    assert!(label.ends_with("等"), "{label}");
    harness
        .get_by_label_contains("11月10日；活动 15 场：")
        .hover();
    step_until(&mut harness, "the day's hover text", |h| {
        h.query_by_label_contains("……另 3 场，点击这一天查看全部")
            .is_some()
    });
}

#[test]
fn a_day_clicked_on_the_calendar_gets_an_activity_that_shows_on_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 50);
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("下个月").click();
    harness.settle();
    harness.get_by_label("2026年12月");
    // 12月5日 is 国际志愿者日: the form brings its theme and category.
    harness
        .get_by_label_contains("12月5日 国际志愿者日")
        .click();
    harness.settle();
    harness.get_by_label_contains("2026年12月5日 周六");
    harness.get_by_label_contains("建议主题 志愿服务展示");
    harness.get_by_label("新建活动").click();
    harness.settle();
    type_into(&mut harness, "活动名称 *", "社区志愿服务展示日");
    harness.get_by_label("保存活动").click();
    harness.settle();
    harness.get_by_label_contains("已保存活动“社区志愿服务展示日”");
    // The day's cell on the grid names it.
    assert!(
        harness
            .get_all_by_label_contains("社区志愿服务展示日")
            .any(|n| n.accesskit_node().role() == Role::Button
                && n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.starts_with("12月5日 国际志愿者日；活动")))
    );
    let store = Store::open(&path).unwrap();
    let saved = store
        .activities_between(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
        )
        .unwrap();
    let mine = saved
        .iter()
        .find(|a| a.title == "社区志愿服务展示日")
        .unwrap();
    assert_eq!(
        (mine.category.as_str(), mine.status.as_str()),
        ("其他", "计划中")
    );
}

#[test]
fn what_is_owed_is_listed_beside_the_month() {
    let dir = tempfile::tempdir().unwrap();
    // An empty register: nothing was done, so everything is owed.
    let path = empty_with_unit(dir.path(), "empty.sqlite", "示范街道");
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("待办");
    harness.get_by_label("11月14日学雷锋志愿服务日没有登记活动");
    harness.get_by_label_contains("本月还没有活动的本单位职责类别（3 个）");
    harness.get_by_label("2026年5月志愿服务培训月没有登记培训");
    harness.get_by_label("联络表报送截止（3月5日）已过，负责人联络表尚未登记报送");
    harness.get_by_label("还有 6 天");
    harness.get_by_label("国际志愿者日（志愿服务展示）");
}

#[test]
fn first_run_asks_for_the_unit_and_loads_example_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新 用户").join("ledger.sqlite");
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("欢迎使用志愿服务台账");

    // An empty name is refused with a message, and nothing is saved.
    harness.get_by_label("开始使用").click();
    harness.settle();
    harness.get_by_label("请填写本单位名称。");
    assert_eq!(Store::open(&path).unwrap().unit_name().unwrap(), None);

    let field = harness.get_by_role(Role::TextInput);
    field.focus();
    harness.settle();
    harness
        .get_by_role(Role::TextInput)
        .type_text("新河街道办事处");
    harness.settle();
    harness.get_by_label("开始使用").click();
    harness.settle();
    step_until(&mut harness, "the example data", |h| {
        !h.state().job_running()
    });
    harness.settle();

    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.unit_name().unwrap().as_deref(),
        Some("新河街道办事处")
    );
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 2000);
    assert!(harness.query_by_label("欢迎使用志愿服务台账").is_none());
    harness.get_by_label("志愿者 2000 名");
    harness.get_by_label("本单位：新河街道办事处");
    harness.get_by_label_contains("示例数据已载入");
}

#[test]
fn first_run_without_example_data_leaves_an_empty_register() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.sqlite");
    let mut harness = app(&path);
    harness.settle();
    harness
        .get_by_label("载入示例数据（2000名志愿者及两年的活动记录，便于熟悉各项功能）")
        .click();
    harness.get_by_role(Role::TextInput).focus();
    harness.settle();
    harness
        .get_by_role(Role::TextInput)
        .type_text("某某街道办事处");
    harness.settle();
    harness.get_by_label("开始使用").click();
    harness.settle();
    assert!(!harness.state().job_running());
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.unit_name().unwrap().as_deref(),
        Some("某某街道办事处")
    );
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 0);
    harness.get_by_label("志愿者").click();
    harness.settle();
    harness.get_by_label("暂无记录。");
    // The district units the notice names come preset, each once.
    let preset = store.count_live(Table::Units).unwrap();
    assert!(preset >= 15, "{preset} units");
    harness.get_by_label("单位与联络表").click();
    harness.settle();
    harness.get_by_label(&format!("共 {preset} 个单位"));
    type_into(&mut harness, "查找单位", "区文明办");
    harness.get_by_label("共 1 个单位");
}

#[test]
fn settings_change_the_unit_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 20);
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("设置").click();
    harness.settle();
    harness
        .get_by_role_and_label(Role::TextInput, "本单位名称")
        .focus();
    harness.settle();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.settle();
    harness
        .get_by_role_and_label(Role::TextInput, "本单位名称")
        .type_text("海滨街道办事处");
    harness.settle();
    harness.get_by_label("保存").click();
    harness.settle();
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.unit_name().unwrap().as_deref(),
        Some("海滨街道办事处")
    );
    harness.get_by_label("本单位：海滨街道办事处");
}

#[test]
fn a_database_from_a_newer_version_opens_an_error_screen_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("无法打开数据库");
    harness.get_by_label_contains("高于本程序支持的版本");
    harness.get_by_label("退出");
}

#[test]
fn the_clerk_adds_a_key_date_and_hides_a_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 50);
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("自定义节点…").click();
    harness.settle();
    harness.get_by_label("名称：请填写节点名称");
    type_into(&mut harness, "名称 *", "街道志愿服务节");
    type_into(&mut harness, "月", "9");
    type_into(&mut harness, "日", "31");
    harness.get_by_label("日：9月没有这一天");
    type_into(&mut harness, "日", "18");
    type_into(&mut harness, "建议主题", "志愿服务展示");
    harness.get_by_label("添加节点").click();
    harness.settle();
    harness.get_by_label("已添加节点“街道志愿服务节”。");
    harness.get_by_label_contains("街道志愿服务节 每年9月18日");
    // Hide 植树节.
    harness.get_by_label("植树节").click();
    harness.settle();
    harness.get_by_label("已隐藏内置节点“植树节”。");
    harness.get_by_label("关闭").click();
    harness.settle();
    for _ in 0..2 {
        harness.get_by_label("上个月").click();
        harness.settle();
    }
    harness.get_by_label("2026年9月");
    harness.get_by_label_contains("9月18日 街道志愿服务节");
    for _ in 0..6 {
        harness.get_by_label("上个月").click();
        harness.settle();
    }
    harness.get_by_label("2026年3月");
    // The day keeps its activities (one is titled after 植树节) but not the key date.
    assert!(harness.get_all_by_label_contains("3月12日").all(|n| {
        !n.accesskit_node()
            .label()
            .is_some_and(|l| l.starts_with("3月12日 植树节"))
    }));
    harness.get_by_label_contains("3月12日；活动");
    let store = Store::open(&path).unwrap();
    let names: Vec<String> = store
        .key_dates(2027)
        .unwrap()
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert!(names.contains(&"街道志愿服务节".to_string()));
    assert!(!names.contains(&"植树节".to_string()));
}

#[test]
fn a_figure_opens_to_its_records_and_a_village_gets_its_own_report() {
    use volunteer_ledger::domain::period::Period;
    use volunteer_ledger::store::report::Scope;
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 400);
    let store = Store::open(&path).unwrap();
    let h1 = Period::parse("2026H1").unwrap();
    let half = store.report(&h1).unwrap();
    assert!(half.activities > 100, "enough for two pages");
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("统计与总结").click();
    harness.settle();
    harness.get_by_label("上半年").click();
    step_until(&mut harness, "the half year", |h| {
        h.query_by_label("2026年上半年·本单位：开展活动").is_some()
    });
    // The number of activities opens them, a hundred a page.
    harness
        .get_all_by_label(&half.activities.to_string())
        .min_by(|a, b| a.rect().min.y.total_cmp(&b.rect().min.y))
        .unwrap()
        .click();
    step_until(&mut harness, "the list", |h| {
        h.query_by_label_contains(&format!("共 {} 条，第 1–100 条", half.activities))
            .is_some()
    });
    harness.get_by_label("明细：2026年上半年·本单位·活动");
    // The last page and back to the first.
    let last_from = (half.activities - 1) / 100 * 100 + 1;
    harness.get_by_label("末页").click();
    step_until(&mut harness, "the last page", |h| {
        h.query_by_label_contains(&format!("第 {last_from}–{} 条", half.activities))
            .is_some()
    });
    harness.get_by_label("首页").click();
    step_until(&mut harness, "the first page again", |h| {
        h.query_by_label_contains("第 1–100 条").is_some()
    });
    harness.get_by_label("下一页").click();
    step_until(&mut harness, "the second page", |h| {
        h.query_by_label_contains("第 101–").is_some()
    });
    // The first of the page opens in the activities pane.
    let second = store
        .drill(
            &h1,
            &Scope::All,
            &volunteer_ledger::store::drill::Drill::Activities(Default::default()),
            100,
            1,
        )
        .unwrap();
    let title = second.rows[0].cells[1].clone();
    step_until(&mut harness, "the second page's rows", |h| {
        h.query_all_by_label(&title).next().is_some()
    });
    harness.get_all_by_label("打开").next().unwrap().click();
    harness.settle();
    assert_eq!(harness.state().pane(), Pane::Activities);
    assert!(harness.query_all_by_label("编辑活动").count() >= 1);
    assert!(
        harness.query_all_by_value(&title).next().is_some(),
        "the form shows {title}"
    );
    harness.key_press(egui::Key::Escape);
    harness.settle();

    // One 村居: the figures of its activities only.
    harness.get_by_label("统计与总结").click();
    harness.settle();
    harness.get_by_label("关闭明细").click();
    harness.settle();
    assert!(harness.query_by_label_contains("明细：").is_none());
    let scopes = store.report_scopes().unwrap();
    let village = scopes
        .iter()
        .find(|s| {
            matches!(s, Scope::Unit { .. }) && store.report_in(&h1, s).unwrap().activities > 0
        })
        .expect("a 村居 with activities")
        .clone();
    let mine = store.report_in(&h1, &village).unwrap();
    assert!(mine.activities < half.activities);
    harness
        .get_by_role_and_label(Role::ComboBox, "统计范围：")
        .click();
    harness.settle();
    harness
        .get_by_label(&format!("村居：{}", village.label()))
        .click();
    step_until(&mut harness, "the village's figures", |h| {
        h.query_by_label(&format!("2026年上半年·{}：开展活动", village.label()))
            .is_some()
    });
    harness.get_by_label(&format!("场，参与 {} 人次，志愿者", mine.participations));
    // Its volunteers who served, by the link on their number.
    harness
        .get_all_by_label(&mine.volunteers.to_string())
        .filter(|n| n.rect().min.y < 400.0)
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x).reverse())
        .unwrap()
        .click();
    step_until(&mut harness, "the volunteers", |h| {
        h.query_by_label_contains(&format!("共 {} 条", mine.volunteers))
            .is_some()
    });
    harness.get_by_label(&format!(
        "明细：2026年上半年·{}·参与服务的志愿者",
        village.label()
    ));
}

#[test]
fn a_report_for_any_range_of_days_and_a_bad_date_is_named() {
    use volunteer_ledger::domain::period::Period;
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 100);
    let store = Store::open(&path).unwrap();
    let march = store
        .report(&Period::parse("2026-03-01..2026-03-31").unwrap())
        .unwrap();
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("统计与总结").click();
    harness.settle();
    harness.get_by_label("自定义").click();
    harness.settle();
    type_into(&mut harness, "从", "2026-3-1");
    type_into(&mut harness, "至", "2026-3-32");
    harness.get_by_label_contains("截止日期：");
    type_into(&mut harness, "至", "2026年3月31日");
    step_until(&mut harness, "the range's figures", |h| {
        h.query_by_label("2026年3月1日至2026年3月31日·本单位：开展活动")
            .is_some()
    });
    harness.get_by_label(&format!("场，参与 {} 人次，志愿者", march.participations));
    harness.get_by_label("3月");
    assert!(harness.query_by_label("4月").is_none());
}

#[test]
fn the_help_menu_has_a_guide_the_keys_and_where_the_data_lives() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_demo(dir.path(), 20);
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label("帮助").click();
    harness.settle();
    harness.get_by_label("使用说明").click();
    harness.settle();
    for heading in [
        "第一次使用",
        "日常录入",
        "每月检查",
        "导出和打印",
        "备份与数据交换",
    ] {
        harness.get_by_label(heading);
    }
    harness.get_by_label("帮助").click();
    harness.settle();
    harness.get_by_label("快捷键").click();
    harness.settle();
    harness.get_by_label("Ctrl+S");
    harness.get_by_label("帮助").click();
    harness.settle();
    harness.get_by_label("关于").click();
    harness.settle();
    harness.get_by_label("关于志愿服务台账");
    harness.get_by_label(env!("CARGO_PKG_VERSION"));
    harness.get_by_label(&path.display().to_string());
    harness.get_by_label("SIL Open Font License 1.1");
    harness.get_by_label_contains("rusqlite 0.43");
}

#[test]
fn a_planned_activity_past_its_day_is_closed_out_from_the_todo_list() {
    use volunteer_ledger::domain::hours::Tenths;
    use volunteer_ledger::store::activities::Activity;
    use volunteer_ledger::store::volunteers::Volunteer;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("closing.sqlite");
    let (id, volunteer) = {
        let mut store = Store::open(&path).unwrap();
        store
            .set_setting(
                volunteer_ledger::store::settings::keys::UNIT_NAME,
                "示范街道",
            )
            .unwrap();
        let mut v = Volunteer {
            number: "SF0000001".into(),
            name: "王犇".into(),
            gender: "女".into(),
            id_type: "居民身份证".into(),
            id_number: "11010519491231002X".into(),
            status: "在册".into(),
            registered_on: today(),
            ..Default::default()
        };
        store.insert(&mut v).unwrap();
        let mut a = Activity {
            title: "十一月交通劝导".into(),
            category: "文明交通".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap(),
            start_time: "09:00".into(),
            end_time: "11:00".into(),
            status: "计划中".into(),
            ..Default::default()
        };
        store
            .save_activity(&mut a, &[(v.meta.id.clone(), Tenths(20))])
            .unwrap();
        (a.meta.id, v.meta.id)
    };
    let november = |path: &Path| {
        let r = Store::open(path)
            .unwrap()
            .report(&volunteer_ledger::domain::period::Period::parse("2026").unwrap())
            .unwrap();
        (r.matrix["文明交通"][10], r.hours.0)
    };
    assert_eq!(november(&path), (0, 0), "planned: counted nowhere");
    let mut harness = app(&path);
    harness.settle();
    harness.get_by_label_contains("“十一月交通劝导”已过日期仍为计划中，已过 13 个工作日");
    harness.get_by_label("打开").click();
    harness.settle();
    assert_eq!(harness.state().pane(), Pane::Activities);
    assert!(harness.query_all_by_label("编辑活动").count() >= 1);
    harness.get_by_label_contains("这场活动的日期已过，仍为计划中");
    harness.get_by_label("标记为已完成").click();
    harness.settle();
    harness.get_by_label("保存活动").click();
    harness.settle();
    harness.get_by_label_contains("已保存活动“十一月交通劝导”");
    let store = Store::open(&path).unwrap();
    let a: volunteer_ledger::store::activities::Activity = store.get(&id).unwrap();
    assert_eq!(a.status, "已完成");
    assert_eq!(
        november(&path),
        (1, 20),
        "held: in the matrix and the hours"
    );
    let row = store.volunteer_page(false, 0, 1).unwrap().remove(0);
    assert_eq!((row.id, row.total), (volunteer, Tenths(20)));
    // Off the list.
    harness.get_by_label("日历").click();
    harness.settle();
    assert!(
        harness
            .query_by_label_contains("已过日期仍为计划中")
            .is_none()
    );
}

#[test]
fn the_unit_kind_in_settings_decides_which_duties_are_judged() {
    let dir = tempfile::tempdir().unwrap();
    let path = empty_with_unit(dir.path(), "duties.sqlite", "区公安局");
    let mut harness = app(&path);
    harness.settle();
    // A street by default: 文明祭扫, 助学辅导, 关爱系列 are owed this month.
    harness.get_by_label("本月还没有活动的本单位职责类别（3 个）：文明祭扫、助学辅导、关爱系列");
    harness.get_by_label("设置").click();
    harness.settle();
    harness.get_by_label("本单位类型").click();
    harness.settle();
    harness.get_by_label("区级部门").click();
    harness.settle();
    harness.get_by_label("文明交通").click();
    harness.settle();
    harness.get_by_label("保存本单位类型和职责").click();
    harness.settle();
    harness.get_by_label("已保存本单位类型“区级部门”和 2 项职责。");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.duties().unwrap(), ["文明交通", "学雷锋志愿服务日"]);
    let r = store
        .report(&volunteer_ledger::domain::period::Period::parse("2026").unwrap())
        .unwrap();
    assert_eq!(r.duties, ["文明交通", "学雷锋志愿服务日"]);
    harness.get_by_label("日历").click();
    harness.settle();
    harness.get_by_label("本月还没有活动的本单位职责类别（1 个）：文明交通");
}
