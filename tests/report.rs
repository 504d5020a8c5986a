//! The report's figures: exact on a small hand-built data set, and equal to plain SQL sums on
//! the example data; the command line's JSON.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use chrono::NaiveDate;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::drill::{ActivityFilter, Drill};
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::paperwork::InfoReport;
use volunteer_ledger::store::records::{Honor, Training};
use volunteer_ledger::store::report::Scope;
use volunteer_ledger::store::volunteers::Volunteer;

fn volunteer(
    store: &mut Store,
    number: &str,
    name: &str,
    id: &str,
    registered: NaiveDate,
) -> String {
    let v = Volunteer {
        gender: "女".into(),
        mobile: format!("1380000{}", &number[number.len() - 4..]),
        registered_on: registered,
        ..common::numbered(number, name, id)
    };
    common::enrol(store, v)
}

fn activity(
    store: &mut Store,
    category: &str,
    date: NaiveDate,
    (start, end): (&str, &str),
    status: &str,
    served: i64,
    people: &[(&str, i64)],
) -> String {
    let a = Activity {
        start_time: start.into(),
        end_time: end.into(),
        status: status.into(),
        served_count: served,
        ..common::held(&format!("{category}{date}"), category, date)
    };
    common::record(store, a, people)
}

#[test]
fn a_hand_built_half_year_gives_the_hand_computed_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("report.sqlite")).unwrap();
    let v1 = volunteer(
        &mut store,
        "SF0000001",
        "张玥",
        "11010519491231002X",
        d(2025, 12, 1),
    );
    let v2 = volunteer(
        &mut store,
        "SF0000002",
        "李喆",
        "110105194912310037",
        d(2026, 2, 1),
    );
    let t = ("09:00", "11:00");
    // Counted: 3/14 学雷锋 (the second Saturday, 2 h, both), 3/20 文明交通 (v1 1.5 h),
    // 5/9 关爱系列 without materials (v2 2.5 h, 30 served), 4/4 学雷锋 (not the second Saturday,
    // one hour, v2 1 h).
    activity(
        &mut store,
        "学雷锋志愿服务日",
        d(2026, 3, 14),
        t,
        "已完成",
        0,
        &[(&v1, 20), (&v2, 20)],
    );
    activity(
        &mut store,
        "文明交通",
        d(2026, 3, 20),
        t,
        "已完成",
        0,
        &[(&v1, 15)],
    );
    activity(
        &mut store,
        "关爱系列",
        d(2026, 5, 9),
        t,
        "已完成",
        30,
        &[(&v2, 25)],
    );
    activity(
        &mut store,
        "学雷锋志愿服务日",
        d(2026, 4, 4),
        ("09:00", "10:00"),
        "已完成",
        0,
        &[(&v2, 10)],
    );
    // Not counted: cancelled, deleted, after the period.
    activity(
        &mut store,
        "文明交通",
        d(2026, 4, 2),
        t,
        "已取消",
        0,
        &[(&v1, 30)],
    );
    let deleted = activity(
        &mut store,
        "文化",
        d(2026, 6, 1),
        t,
        "已完成",
        9,
        &[(&v1, 50)],
    );
    store.soft_delete(Table::Activities, &deleted).unwrap();
    activity(
        &mut store,
        "文化",
        d(2026, 7, 1),
        t,
        "已完成",
        0,
        &[(&v1, 10)],
    );
    let mut training = Training {
        date: d(2026, 5, 20),
        topic: "《志愿服务条例》".into(),
        hours: Tenths(20),
        ..Default::default()
    };
    store
        .save_training(&mut training, &[v1.clone(), v2.clone()])
        .unwrap();
    let mut honor = Honor {
        volunteer_id: Some(v2.clone()),
        title: "身边雷锋".into(),
        awarded_on: d(2026, 3, 5),
        ..Default::default()
    };
    store.save_honor(&mut honor).unwrap();
    for (title, adopted) in [("报送一", true), ("报送二", false)] {
        let mut r = InfoReport {
            title: title.into(),
            sent_on: d(2026, 3, 21),
            adopted,
            ..Default::default()
        };
        store.save_info_report(&mut r).unwrap();
    }

    let r = store.report(&Period::parse("2026H1").unwrap()).unwrap();
    assert_eq!(
        (
            r.activities,
            r.participations,
            r.volunteers,
            r.hours,
            r.served
        ),
        (4, 5, 2, Tenths(90), 30)
    );
    let cat = |name: &str| {
        let f = r.by_category[name];
        (f.activities, f.participations, f.hours.0)
    };
    assert_eq!(cat("学雷锋志愿服务日"), (2, 3, 50));
    assert_eq!(cat("文明交通"), (1, 1, 15));
    assert_eq!(cat("关爱系列"), (1, 1, 25));
    assert_eq!(r.by_category.len(), 3);
    let months: Vec<(&str, i64, i64, i64)> = r
        .by_month
        .iter()
        .map(|m| {
            (
                m.month.as_str(),
                m.figures.activities,
                m.figures.participations,
                m.figures.hours.0,
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2026-01", 0, 0, 0),
            ("2026-02", 0, 0, 0),
            ("2026-03", 2, 3, 55),
            ("2026-04", 1, 1, 10),
            ("2026-05", 1, 1, 25),
            ("2026-06", 0, 0, 0)
        ]
    );
    assert_eq!(r.matrix["文明交通"], [0, 0, 1, 0, 0, 0]);
    assert_eq!(r.matrix["关爱系列"], [0, 0, 0, 0, 1, 0]);
    assert_eq!(r.matrix.len(), 14, "the fourteen professional categories");
    let days: Vec<(&str, NaiveDate, bool, bool, bool)> = r
        .leifeng_days
        .iter()
        .map(|l| (l.month.as_str(), l.date, l.held, l.on_day, l.hours_ok))
        .collect();
    assert_eq!(days[0], ("2026-01", d(2026, 1, 10), false, false, false));
    assert_eq!(days[2], ("2026-03", d(2026, 3, 14), true, true, true));
    assert_eq!(days[3], ("2026-04", d(2026, 4, 11), true, false, false));
    assert_eq!(days.len(), 6);
    assert_eq!(r.without_materials, 1);
    assert_eq!((r.may_trainings, r.may_attendees), (1, 2));
    assert_eq!((r.honors, r.reports_sent, r.reports_adopted), (1, 2, 1));
    assert_eq!(r.new_volunteers, 1);
    let top: Vec<(&str, i64)> = r
        .top_volunteers
        .iter()
        .map(|t| (t.name.as_str(), t.hours.0))
        .collect();
    assert_eq!(top, [("李喆", 55), ("张玥", 35)]);
    // A month and a range.
    let march = store.report(&Period::parse("2026-03").unwrap()).unwrap();
    assert_eq!((march.activities, march.hours), (2, Tenths(55)));
    let all = store
        .report(&Period::parse("2026-01-01..2026-12-31").unwrap())
        .unwrap();
    assert_eq!((all.activities, all.hours), (5, Tenths(100)));
}

#[test]
fn on_example_data_the_figures_equal_plain_sql() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "demo.sqlite", 500, 7);
    let store = Store::open(&path).unwrap();
    let r = store.report(&Period::parse("2026").unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (acts, parts, vols, tenths): (i64, i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM activities WHERE deleted_at IS NULL
                       AND status = '已完成' AND date LIKE '2026-%'),
                    count(*), count(DISTINCT p.volunteer_id), sum(p.hours_tenths)
             FROM participations p, activities a
             WHERE a.id = p.activity_id AND p.deleted_at IS NULL AND a.deleted_at IS NULL
               AND a.status = '已完成' AND a.date LIKE '2026-%'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .unwrap();
    assert!(acts > 100 && parts > 1000);
    assert_eq!(
        (r.activities, r.participations, r.volunteers, r.hours.0),
        (acts, parts, vols, tenths)
    );
    let category_sum: i64 = r.by_category.values().map(|f| f.hours.0).sum();
    let month_sum: i64 = r.by_month.iter().map(|m| m.figures.activities).sum();
    assert_eq!((category_sum, month_sum), (tenths, acts));
    let traffic: i64 = conn
        .query_row(
            "SELECT count(*) FROM activities WHERE deleted_at IS NULL AND status = '已完成'
               AND date LIKE '2026-03-%' AND category = '文明交通'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(r.matrix["文明交通"][2], traffic);
}

#[test]
fn the_command_line_prints_the_report_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "demo.sqlite", 200, 3);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .args([
            "report",
            "--db",
            path.to_str().unwrap(),
            "--period",
            "2026H1",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "activities",
        "participations",
        "volunteers",
        "hours",
        "by_category",
        "by_month",
        "leifeng_days",
    ] {
        assert!(!j[key].is_null(), "{key}");
    }
    assert!(
        j["by_category"]["学雷锋志愿服务日"]["activities"]
            .as_i64()
            .unwrap()
            >= 6
    );
    assert!(j["by_category"]["文明交通"]["hours"].as_f64().is_some());
    assert_eq!(j["by_month"].as_array().unwrap().len(), 6);
    let first = &j["leifeng_days"][0];
    assert_eq!(
        (first["month"].as_str(), first["date"].as_str()),
        (Some("2026-01"), Some("2026-01-10"))
    );
    assert!(first["held"].is_boolean() && first["hours_ok"].is_boolean());
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .args([
            "report",
            "--db",
            path.to_str().unwrap(),
            "--period",
            "2026H3",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("无法识别"));
    // One 村居 by name: its figures, as the store gives them.
    let store = Store::open(&path).unwrap();
    let h1 = Period::parse("2026H1").unwrap();
    let village = store.report_scopes().unwrap()[1].clone();
    let expected = store.report_in(&h1, &village).unwrap();
    let run = |scope: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .args([
                "report",
                "--db",
                path.to_str().unwrap(),
                "--period",
                "2026H1",
            ])
            .args(["--json", "--scope", scope])
            .output()
            .unwrap()
    };
    let out = run(village.label());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["scope"].as_str(), Some(village.label()));
    assert_eq!(j["activities"].as_i64(), Some(expected.activities));
    assert_eq!(j["volunteers"].as_i64(), Some(expected.volunteers));
    let out = run("不存在的社区");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有名为“不存在的社区”"));
}

#[test]
fn the_report_tables_go_to_excel() {
    use calamine::{DataType, Reader};
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "demo.sqlite", 200, 3);
    let store = Store::open(&path).unwrap();
    let report = store.report(&Period::parse("2026H1").unwrap()).unwrap();
    let out = dir.path().join("统计表.xlsx");
    volunteer_ledger::export::report_xlsx::write(&report, &out).unwrap();
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "总体情况",
            "按类别",
            "按月份",
            "开展情况",
            "学雷锋志愿服务日",
            "服务时长前20名",
            "按村居",
            "按队伍",
            "重要时间节点",
            "志愿者星级与时长"
        ]
    );
    let units = book.worksheet_range("按村居").unwrap();
    assert_eq!(units.height(), 2 + report.by_unit.len());
    let unit_hours: f64 = (2..units.height())
        .filter_map(|r| units.get_value((r as u32, 3)).and_then(|c| c.as_f64()))
        .sum();
    assert!((unit_hours - report.hours.0 as f64 / 10.0).abs() < 0.01);
    let keys = book.worksheet_range("重要时间节点").unwrap();
    assert_eq!(keys.height(), 2 + report.by_key_date.len());
    assert!(
        !report.by_key_date.is_empty(),
        "example data has key-date activities"
    );
    let stars = book.worksheet_range("志愿者星级与时长").unwrap();
    assert_eq!(
        stars.get_value((2, 0)).map(|c| c.to_string()),
        Some("星级：未达星级".to_string())
    );
    let summary = book.worksheet_range("总体情况").unwrap();
    assert_eq!(
        summary.get_value((2, 1)).and_then(|c| c.as_f64()),
        Some(report.activities as f64)
    );
    let months = book.worksheet_range("按月份").unwrap();
    assert_eq!(months.height(), 2 + 6);
    let matrix = book.worksheet_range("开展情况").unwrap();
    assert_eq!(matrix.height(), 2 + 14);
    let leifeng = book.worksheet_range("学雷锋志愿服务日").unwrap();
    assert_eq!(
        leifeng.get_value((2, 1)).map(|c| c.to_string()),
        Some("2026-01-10".to_string())
    );
}

#[test]
fn running_totals_follow_every_kind_of_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "totals.sqlite", 300, 11);
    let conn = rusqlite::Connection::open(&path).unwrap();
    common::totals_agree(&conn);
    let mut store = Store::open(&path).unwrap();
    let ids: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT a.id FROM activities a WHERE a.deleted_at IS NULL
                   AND a.status = '已完成'
                   AND (SELECT count(*) FROM participations p WHERE p.activity_id = a.id) >= 3
                 ORDER BY a.id LIMIT 6",
            )
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    assert_eq!(ids.len(), 6);
    let people = |store: &Store, id: &str| -> Vec<(String, Tenths)> {
        store
            .activity_participants(id)
            .unwrap()
            .into_iter()
            .map(|p| (p.volunteer_id, p.hours))
            .collect()
    };
    // Hours changed, one participant dropped, one added.
    let mut a: Activity = store.get(&ids[0]).unwrap();
    let mut p = people(&store, &ids[0]);
    p[0].1 = Tenths(p[0].1.0 + 7);
    p.pop();
    let newcomer: String = conn
        .query_row(
            "SELECT id FROM volunteers WHERE id NOT IN
               (SELECT volunteer_id FROM participations WHERE activity_id = ?1) LIMIT 1",
            [&ids[0]],
            |r| r.get(0),
        )
        .unwrap();
    p.push((newcomer, Tenths(35)));
    a.category = "文化".into();
    a.key_date = "植树节".into();
    a.served_count += 12;
    store.save_activity(&mut a, &p).unwrap();
    common::totals_agree(&conn);
    // Moved to another month and into another year.
    for (id, date) in [(&ids[1], d(2026, 2, 28)), (&ids[2], d(2024, 12, 31))] {
        let mut a: Activity = store.get(id).unwrap();
        a.date = date;
        let p = people(&store, id);
        store.save_activity(&mut a, &p).unwrap();
        common::totals_agree(&conn);
    }
    // Cancelled, then held after all.
    let mut a: Activity = store.get(&ids[3]).unwrap();
    let p = people(&store, &ids[3]);
    a.status = "已取消".into();
    store.save_activity(&mut a, &p).unwrap();
    common::totals_agree(&conn);
    a.status = "已完成".into();
    store.save_activity(&mut a, &p).unwrap();
    common::totals_agree(&conn);
    // Deleted, restored; deleted and removed for good.
    store.soft_delete(Table::Activities, &ids[4]).unwrap();
    common::totals_agree(&conn);
    store.restore_deleted(Table::Activities, &ids[4]).unwrap();
    common::totals_agree(&conn);
    store.soft_delete(Table::Activities, &ids[5]).unwrap();
    store.purge(Table::Activities, &ids[5]).unwrap();
    common::totals_agree(&conn);
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM activity_facts f
             WHERE NOT EXISTS (SELECT 1 FROM activities a WHERE a.key = f.activity_key)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    // The report of every kind of period agrees with the service records.
    for period in [
        "2026",
        "2026H1",
        "2026Q1",
        "2026-02",
        "2026-01-15..2026-11-20",
    ] {
        let r = store.report(&Period::parse(period).unwrap()).unwrap();
        let p = Period::parse(period).unwrap();
        let (vols, tenths): (i64, i64) = conn
            .query_row(
                "SELECT count(DISTINCT p.volunteer_id), coalesce(sum(p.hours_tenths), 0)
                 FROM participations p JOIN activities a ON a.id = p.activity_id
                 WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status = '已完成'
                   AND a.date BETWEEN ?1 AND ?2",
                rusqlite::params![p.from, p.to],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!((r.volunteers, r.hours.0), (vols, tenths), "{period}");
        let banded: i64 = r.hour_bands.iter().map(|b| b.volunteers).sum();
        assert_eq!(banded, vols, "{period}");
        let top: Vec<i64> = {
            let mut stmt = conn
                .prepare(
                    "SELECT sum(p.hours_tenths) AS h
                     FROM participations p JOIN activities a ON a.id = p.activity_id
                     JOIN volunteers v ON v.id = p.volunteer_id AND v.deleted_at IS NULL
                     WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL
                       AND a.status = '已完成' AND a.date BETWEEN ?1 AND ?2
                     GROUP BY p.volunteer_id ORDER BY h DESC LIMIT 20",
                )
                .unwrap();
            stmt.query_map(rusqlite::params![p.from, p.to], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let shown: Vec<i64> = r.top_volunteers.iter().map(|t| t.hours.0).collect();
        assert_eq!(shown, top, "{period}");
    }
}

#[test]
fn a_village_or_a_team_gets_its_own_figures_and_the_groupings_add_up() {
    use volunteer_ledger::store::teams::{Team, TeamMember};
    use volunteer_ledger::store::units::Unit;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("scope.sqlite")).unwrap();
    let mut village = Unit {
        name: "胜利社区".into(),
        kind: "村居（社区）".into(),
        ..Default::default()
    };
    store.insert(&mut village).unwrap();
    let mut other = Unit {
        name: "海滨社区".into(),
        kind: "村居（社区）".into(),
        ..Default::default()
    };
    store.insert(&mut other).unwrap();
    let mut team = Team {
        name: "红马甲服务队".into(),
        category: "综合".into(),
        unit_id: Some(village.meta.id.clone()),
        ..Default::default()
    };
    store.insert(&mut team).unwrap();
    let v1 = volunteer(
        &mut store,
        "SF0000001",
        "张玥",
        "11010519491231002X",
        d(2026, 1, 5),
    );
    let v2 = volunteer(
        &mut store,
        "SF0000002",
        "李喆",
        "110105194912310037",
        d(2025, 1, 5),
    );
    let v3 = volunteer(
        &mut store,
        "SF0000003",
        "赵堃",
        "110105194912310053",
        d(2026, 2, 5),
    );
    // v1 lives in 胜利社区 and is in the team; v2 lives in 海滨社区; v3 nowhere.
    for (v, unit) in [(&v1, &village), (&v2, &other)] {
        let mut vol: Volunteer = store.get(v).unwrap();
        vol.community_id = Some(unit.meta.id.clone());
        store.update_volunteer(&mut vol).unwrap();
    }
    let mut m = TeamMember {
        team_id: team.meta.id.clone(),
        volunteer_id: v1.clone(),
        joined_on: d(2026, 1, 5),
        ..Default::default()
    };
    store.insert(&mut m).unwrap();
    let t = ("09:00", "11:00");
    let mut held = |category: &str,
                    date: NaiveDate,
                    organizer: Option<&str>,
                    team: Option<&str>,
                    key_date: &str,
                    people: &[(&str, i64)]| {
        let mut a = Activity {
            title: format!("{category}{date}"),
            category: category.into(),
            date,
            start_time: t.0.into(),
            end_time: t.1.into(),
            status: "已完成".into(),
            organizer_id: organizer.map(str::to_string),
            team_id: team.map(str::to_string),
            key_date: key_date.into(),
            ..Default::default()
        };
        let people: Vec<(String, Tenths)> = people
            .iter()
            .map(|(id, h)| (id.to_string(), Tenths(*h)))
            .collect();
        store.save_activity(&mut a, &people).unwrap();
    };
    let (vid, oid, tid) = (
        village.meta.id.as_str(),
        other.meta.id.as_str(),
        team.meta.id.as_str(),
    );
    // 胜利社区: one it organised (v1 2 h, v3 1 h), one its team held (v1 1.5 h).
    held(
        "文明祭扫",
        d(2026, 4, 5),
        Some(vid),
        None,
        "清明节",
        &[(&v1, 20), (&v3, 10)],
    );
    held(
        "文明交通",
        d(2026, 3, 10),
        None,
        Some(tid),
        "",
        &[(&v1, 15)],
    );
    // 海滨社区: one (v2 12 h, v3 0.5 h), on 清明 too.
    held(
        "文明祭扫",
        d(2026, 4, 4),
        Some(oid),
        None,
        "清明节",
        &[(&v2, 120), (&v3, 5)],
    );
    // Nobody's: 学雷锋纪念日 (v3 1 h).
    held(
        "学雷锋志愿服务日",
        d(2026, 3, 5),
        None,
        None,
        "学雷锋纪念日",
        &[(&v3, 10)],
    );

    let all = store.report(&Period::parse("2026H1").unwrap()).unwrap();
    assert_eq!((all.activities, all.hours), (4, Tenths(180)));
    let unit: Vec<(&str, i64, i64)> = all
        .by_unit
        .iter()
        .map(|g| (g.name.as_str(), g.figures.activities, g.figures.hours.0))
        .collect();
    assert_eq!(
        unit,
        [
            ("海滨社区", 1, 125),
            ("胜利社区", 1, 30),
            ("未指定组织单位", 2, 25)
        ]
    );
    let teams: Vec<(&str, i64, i64)> = all
        .by_team
        .iter()
        .map(|g| (g.name.as_str(), g.figures.activities, g.figures.hours.0))
        .collect();
    assert_eq!(teams, [("未指定队伍", 3, 165), ("红马甲服务队", 1, 15)]);
    let key: Vec<(&str, i64, i64, i64)> = all
        .by_key_date
        .iter()
        .map(|g| {
            (
                g.name.as_str(),
                g.figures.activities,
                g.figures.participations,
                g.figures.hours.0,
            )
        })
        .collect();
    assert_eq!(key, [("学雷锋纪念日", 1, 1, 10), ("清明节", 2, 4, 155)]);
    // Hours in the period: v1 3.5, v2 12, v3 2.5 → bands 不足10小时 2, 10至20小时 1.
    let bands: Vec<i64> = all.hour_bands.iter().map(|b| b.volunteers).collect();
    assert_eq!(bands, [2, 1, 0, 0, 0]);
    assert_eq!(all.hours_per_volunteer, Tenths(60));
    let stars: Vec<(&str, i64)> = all
        .stars
        .iter()
        .map(|s| (s.label.as_str(), s.volunteers))
        .collect();
    assert_eq!(stars[0], ("未达星级", 3));
    assert_eq!(stars.len(), 6);

    // 胜利社区: its two activities, its volunteer v1 as the new one and for the stars.
    let scope = Scope::Unit {
        id: village.meta.id.clone(),
        name: village.name.clone(),
    };
    let r = store
        .report_in(&Period::parse("2026H1").unwrap(), &scope)
        .unwrap();
    assert_eq!(r.scope, "胜利社区");
    assert_eq!(
        (r.activities, r.participations, r.volunteers, r.hours),
        (2, 3, 2, Tenths(45))
    );
    assert_eq!(r.new_volunteers, 1);
    assert_eq!(r.stars[0].volunteers, 1);
    assert_eq!(r.matrix["文明交通"], [0, 0, 1, 0, 0, 0]);
    let top: Vec<(&str, i64)> = r
        .top_volunteers
        .iter()
        .map(|t| (t.name.as_str(), t.hours.0))
        .collect();
    assert_eq!(top, [("张玥", 35), ("赵堃", 10)]);
    // The team: one activity.
    let scope = Scope::Team {
        id: team.meta.id.clone(),
        name: team.name.clone(),
    };
    let r = store
        .report_in(&Period::parse("2026").unwrap(), &scope)
        .unwrap();
    assert_eq!((r.activities, r.volunteers, r.hours), (1, 1, Tenths(15)));
    assert_eq!(r.by_category.len(), 1);
    assert_eq!(r.new_volunteers, 1);

    // Every figure opens to its records.
    let h1 = Period::parse("2026H1").unwrap();
    let page = |scope: &Scope, drill: Drill| store.drill(&h1, scope, &drill, 0, 50).unwrap();
    let qingming = page(
        &Scope::All,
        Drill::Activities(ActivityFilter {
            key_date: Some("清明节".into()),
            ..Default::default()
        }),
    );
    assert_eq!(qingming.total, 2);
    let dates: Vec<&str> = qingming.rows.iter().map(|r| r.cells[0].as_str()).collect();
    assert_eq!(dates, ["2026-04-04", "2026-04-05"]);
    assert_eq!(
        qingming.rows[0].cells[3..],
        ["2".to_string(), "12.5".to_string()]
    );
    assert_eq!(qingming.rows[0].table, Table::Activities);
    let none = page(
        &Scope::All,
        Drill::Activities(ActivityFilter {
            unit: Some(String::new()),
            ..Default::default()
        }),
    );
    assert_eq!(none.total, all.by_unit[2].figures.activities);
    let march = page(
        &Scope::All,
        Drill::Activities(ActivityFilter {
            month: Some("2026-03".into()),
            category: Some("文明交通".into()),
            ..Default::default()
        }),
    );
    assert_eq!(march.total, 1);
    let served = page(&Scope::All, Drill::Served(None));
    let who: Vec<(&str, &str)> = served
        .rows
        .iter()
        .map(|r| (r.cells[1].as_str(), r.cells[3].as_str()))
        .collect();
    assert_eq!(who, [("李喆", "12.0"), ("张玥", "3.5"), ("赵堃", "2.5")]);
    assert_eq!(page(&Scope::All, Drill::Served(Some(1))).total, 1);
    let village_scope = Scope::Unit {
        id: village.meta.id.clone(),
        name: village.name.clone(),
    };
    assert_eq!(page(&village_scope, Drill::Served(None)).total, 2);
    let new = page(&village_scope, Drill::NewVolunteers);
    assert_eq!(
        new.rows[0].cells[..2],
        ["SF0000001".to_string(), "张玥".to_string()]
    );
    assert_eq!(new.rows[0].cells[3], "胜利社区");
    assert_eq!(page(&Scope::All, Drill::Star(0)).total, 3);
    assert_eq!(page(&Scope::All, Drill::Star(1)).total, 0);
    // Paging: two at a time.
    let second = store
        .drill(&h1, &Scope::All, &Drill::Served(None), 2, 2)
        .unwrap();
    assert_eq!((second.total, second.rows.len()), (3, 1));
}
