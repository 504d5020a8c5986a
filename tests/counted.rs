//! Counted means held: only held activities (已完成, not deleted) count — in the report, the
//! matrix and its monthly average, the 学雷锋志愿服务日 rows, the register's hours, star levels
//! and certificates — checked against plain SQL over held activities on a year with held,
//! planned (past and future) and cancelled activities. The Rust rule equals the schema's
//! column; `check` names running totals altered by hand; 待办 lists what must be closed out.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use chrono::NaiveDate;
use volunteer_ledger::domain::activity::{self, CANCELLED, HELD, PLANNED};
use volunteer_ledger::domain::hours::{Tenths, star_level};
use volunteer_ledger::domain::period::{Period, monthly_average};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::certificates::CertificateRequest;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::records::Training;

/// "Today" of these tests.
fn today() -> NaiveDate {
    d(2026, 12, 2)
}

fn volunteer(store: &mut Store, number: &str, name: &str, id: &str) -> String {
    common::enrol(store, common::numbered(number, name, id))
}

fn activity(
    store: &mut Store,
    title: &str,
    category: &str,
    date: NaiveDate,
    status: &str,
    people: &[(&str, i64)],
) -> String {
    let a = Activity {
        start_time: "09:00".into(),
        end_time: "11:00".into(),
        status: status.into(),
        served_count: 10,
        ..common::held(title, category, date)
    };
    common::record(store, a, people)
}

fn training(store: &mut Store, date: NaiveDate, hours: i64, people: &[&str]) {
    let mut t = Training {
        date,
        topic: format!("{}月培训", date.format("%m")),
        hours: Tenths(hours),
        ..Default::default()
    };
    let ids: Vec<String> = people.iter().map(|p| p.to_string()).collect();
    store.save_training(&mut t, &ids).unwrap();
}

/// A 2026 with held, planned (past and future) and cancelled activities, all with hours.
struct Year {
    store: Store,
    path: std::path::PathBuf,
    v1: String,
    v2: String,
    past_planned: String,
    _dir: tempfile::TempDir,
}

fn year() -> Year {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counted.sqlite");
    let mut store = Store::open(&path).unwrap();
    let v1 = volunteer(&mut store, "SF0000001", "王犇", "11010519491231002X");
    let v2 = volunteer(&mut store, "SF0000002", "赵祎", "110105194912310037");
    // Held: 3/14 学雷锋 (both, 2 h), 6/20 文明交通 (v1 1.5 h), 11/14 学雷锋 (v2 2 h).
    activity(
        &mut store,
        "三月学雷锋",
        "学雷锋志愿服务日",
        d(2026, 3, 14),
        HELD,
        &[(&v1, 20), (&v2, 20)],
    );
    activity(
        &mut store,
        "交通劝导",
        "文明交通",
        d(2026, 6, 20),
        HELD,
        &[(&v1, 15)],
    );
    activity(
        &mut store,
        "十一月学雷锋",
        "学雷锋志愿服务日",
        d(2026, 11, 14),
        HELD,
        &[(&v2, 20)],
    );
    // Planned, its day past (not closed out): 9/12 学雷锋 with 300 h written in advance.
    let past_planned = activity(
        &mut store,
        "九月学雷锋",
        "学雷锋志愿服务日",
        d(2026, 9, 12),
        PLANNED,
        &[(&v1, 3000)],
    );
    // Planned, still to come: 12/12 学雷锋.
    activity(
        &mut store,
        "十二月学雷锋",
        "学雷锋志愿服务日",
        d(2026, 12, 12),
        PLANNED,
        &[(&v1, 20), (&v2, 20)],
    );
    // Cancelled: 4/11 学雷锋 and 6/21 文明交通.
    activity(
        &mut store,
        "四月学雷锋",
        "学雷锋志愿服务日",
        d(2026, 4, 11),
        CANCELLED,
        &[(&v2, 20)],
    );
    activity(
        &mut store,
        "取消的劝导",
        "文明交通",
        d(2026, 6, 21),
        CANCELLED,
        &[(&v1, 50)],
    );
    // Trainings in March, May and September.
    training(&mut store, d(2026, 3, 2), 15, &[&v1]);
    training(&mut store, d(2026, 5, 9), 20, &[&v1, &v2]);
    training(&mut store, d(2026, 9, 5), 10, &[&v2]);
    Year {
        store,
        path,
        v1,
        v2,
        past_planned,
        _dir: dir,
    }
}

/// (activities, participations, volunteers, hours) of held activities in 2026, by plain SQL.
fn plain(conn: &rusqlite::Connection) -> (i64, i64, i64, i64) {
    conn.query_row(
        "SELECT (SELECT count(*) FROM activities WHERE deleted_at IS NULL AND status = '已完成'
                   AND date LIKE '2026-%'),
                count(p.id), count(DISTINCT p.volunteer_id), coalesce(sum(p.hours_tenths), 0)
         FROM participations p JOIN activities a ON a.id = p.activity_id
         WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status = '已完成'
           AND a.date LIKE '2026-%'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

/// A volunteer's hours of held activities, by plain SQL.
fn plain_hours(conn: &rusqlite::Connection, volunteer: &str) -> i64 {
    conn.query_row(
        "SELECT coalesce(sum(p.hours_tenths), 0)
         FROM participations p JOIN activities a ON a.id = p.activity_id
         WHERE p.volunteer_id = ?1 AND p.deleted_at IS NULL AND a.deleted_at IS NULL
           AND a.status = '已完成'",
        [volunteer],
        |r| r.get(0),
    )
    .unwrap()
}

/// The register's, the detail's and the certificate's hours of one volunteer.
fn shown_hours(y: &mut Year, volunteer: &str) -> (i64, i64, i64) {
    let register = y
        .store
        .volunteer_page(false, 0, 10)
        .unwrap()
        .into_iter()
        .find(|r| r.id == volunteer)
        .unwrap()
        .total
        .0;
    let detail = y.store.volunteer_summary(volunteer).unwrap().total.0;
    let certificate = y
        .store
        .issue_certificate(&CertificateRequest {
            volunteer_id: volunteer.into(),
            from: d(2026, 1, 1),
            to: d(2026, 12, 31),
            leader: "李主任".into(),
            handler: "张干事".into(),
            remark: String::new(),
            issued_on: today(),
        })
        .unwrap()
        .hours
        .0;
    (register, detail, certificate)
}

#[test]
fn the_rule_in_rust_equals_the_schemas_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rule.sqlite");
    let mut store = Store::open(&path).unwrap();
    let mut cases = Vec::new();
    for status in activity::ACTIVITY_STATUSES {
        for deleted in [false, true] {
            let id = activity(&mut store, status, "文明交通", d(2026, 3, 1), status, &[]);
            if deleted {
                store.soft_delete(Table::Activities, &id).unwrap();
            }
            cases.push((id, status, deleted));
        }
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    for (id, status, deleted) in cases {
        let counted: bool = conn
            .query_row("SELECT counted FROM activities WHERE id = ?1", [&id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(
            counted,
            activity::counts(status, deleted),
            "{status} {deleted}"
        );
    }
    assert!(activity::counts(HELD, false));
    assert!(!activity::counts(PLANNED, false));
    assert!(!activity::counts(CANCELLED, false));
}

#[test]
fn only_held_activities_count_in_every_figure_hours_stars_and_certificates() {
    let mut y = year();
    let conn = rusqlite::Connection::open(&y.path).unwrap();
    let r = y.store.report(&Period::parse("2026").unwrap()).unwrap();
    assert_eq!(plain(&conn), (3, 4, 2, 75));
    assert_eq!(
        (r.activities, r.participations, r.volunteers, r.hours.0),
        plain(&conn)
    );
    // The matrix: June 文明交通 only (the cancelled one beside it does not count).
    let mut traffic = vec![0; 12];
    traffic[5] = 1;
    assert_eq!(r.matrix["文明交通"], traffic);
    // 月均 over the eleven months that are over: 1 / 11, and December is not judged.
    let months: Vec<String> = r.by_month.iter().map(|m| m.month.clone()).collect();
    let average = monthly_average(&traffic, &months, today()).unwrap();
    assert!((average - 1.0 / 11.0).abs() < 1e-9);
    let in_march: i64 = r.by_month[2].figures.activities;
    assert_eq!(in_march, 1);
    // 学雷锋志愿服务日: held in March and November only; September (planned, its day past),
    // April (cancelled) and December (to come) are not held.
    let held: Vec<&str> = r
        .leifeng_days
        .iter()
        .filter(|l| l.held)
        .map(|l| l.month.as_str())
        .collect();
    assert_eq!(held, ["2026-03", "2026-11"]);
    // Trainings all year, May apart.
    assert_eq!(
        (r.trainings, r.training_attendees, r.training_hours.0),
        (3, 4, 45)
    );
    assert_eq!((r.may_trainings, r.may_attendees), (1, 2));
    // Each volunteer's hours: the register, the detail and the certificate agree with plain
    // SQL over held activities; the 300 planned hours give no star.
    for v in [y.v1.clone(), y.v2.clone()] {
        let expected = plain_hours(&conn, &v);
        assert_eq!(shown_hours(&mut y, &v), (expected, expected, expected));
    }
    assert_eq!(plain_hours(&conn, &y.v1), 35);
    assert_eq!(star_level(Tenths(plain_hours(&conn, &y.v1))), 0);
    assert!(
        volunteer_ledger::store::totals::drift(&conn)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn holding_a_planned_activity_moves_every_running_total_and_planning_it_again_moves_them_back() {
    let mut y = year();
    let conn = rusqlite::Connection::open(&y.path).unwrap();
    let before = plain(&conn);
    let v1 = y.v1.clone();
    let hours_before = shown_hours(&mut y, &v1).0;
    let mut a: Activity = y.store.get(&y.past_planned).unwrap();
    let people: Vec<(String, Tenths)> = y
        .store
        .activity_participants(&y.past_planned)
        .unwrap()
        .into_iter()
        .map(|p| (p.volunteer_id, p.hours))
        .collect();
    a.status = HELD.into();
    y.store.save_activity(&mut a, &people).unwrap();
    let r = y.store.report(&Period::parse("2026").unwrap()).unwrap();
    assert_eq!(plain(&conn), (4, 5, 2, 3075));
    assert_eq!(
        (r.activities, r.participations, r.volunteers, r.hours.0),
        plain(&conn)
    );
    assert!(r.leifeng_days[8].held && r.leifeng_days[8].on_day);
    assert_eq!(shown_hours(&mut y, &v1).0, hours_before + 3000);
    assert_eq!(star_level(Tenths(hours_before + 3000)), 2);
    assert!(
        volunteer_ledger::store::totals::drift(&conn)
            .unwrap()
            .is_empty()
    );
    // Planned again: back as it was.
    a.status = PLANNED.into();
    y.store.save_activity(&mut a, &people).unwrap();
    let r = y.store.report(&Period::parse("2026").unwrap()).unwrap();
    assert_eq!(plain(&conn), before);
    assert_eq!(
        (r.activities, r.participations, r.volunteers, r.hours.0),
        before
    );
    assert_eq!(shown_hours(&mut y, &v1).0, hours_before);
    assert!(
        volunteer_ledger::store::totals::drift(&conn)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn todo_lists_planned_activities_past_their_day_and_held_ones_without_records() {
    let mut y = year();
    let empty = activity(
        &mut y.store,
        "没有记录的活动",
        "文化",
        d(2026, 11, 20),
        HELD,
        &[],
    );
    let recent = activity(
        &mut y.store,
        "上周的活动",
        "文化",
        d(2026, 11, 27),
        PLANNED,
        &[],
    );
    let todo = y.store.todo(today()).unwrap();
    let about = |id: &str| {
        todo.iter()
            .find(|t| t.activity.as_deref() == Some(id))
            .map(|t| t.text.clone())
            .unwrap_or_default()
    };
    // 9/12 to 12/2: far more than 10 working days.
    let late = activity::working_days_after(d(2026, 9, 12), today());
    assert!(late > 10);
    let text = about(&y.past_planned);
    assert!(text.contains("已过日期仍为计划中"), "{text}");
    assert!(text.contains(&format!("已过 {late} 个工作日")), "{text}");
    // 11/27 (Friday) to 12/2 (Wednesday): 3 working days, listed without the overdue count.
    let text = about(&recent);
    assert!(
        text.contains("已过日期仍为计划中") && !text.contains("个工作日"),
        "{text}"
    );
    assert!(about(&empty).contains("已完成，但没有服务记录"));
    // The planned December 学雷锋 day is arranged: no "尚未安排" for it.
    assert!(
        !todo
            .iter()
            .any(|t| t.text.contains("12月12日学雷锋志愿服务日"))
    );
    assert_eq!(activity::working_days_after(d(2026, 11, 27), today()), 3);
}

#[test]
fn check_names_running_totals_altered_by_hand() {
    let y = year();
    let exe = env!("CARGO_BIN_EXE_volunteer-ledger");
    let run = || {
        std::process::Command::new(exe)
            .args(["--db", y.path.to_str().unwrap(), "check"])
            .output()
            .unwrap()
    };
    let ok = run();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("一致"));
    {
        let conn = rusqlite::Connection::open(&y.path).unwrap();
        conn.execute_batch(
            "UPDATE volunteer_search SET total_tenths = total_tenths + 30000;
             UPDATE volunteer_months SET hours_tenths = hours_tenths + 5
             WHERE month = 202603;",
        )
        .unwrap();
    }
    let bad = run();
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("志愿者名册的累计服务时长：2 处"), "{err}");
    assert!(err.contains("王犇（SF0000001）记为"), "{err}");
    assert!(err.contains("志愿者每月服务统计：4 处"), "{err}");
    // The months' triggers move the years, quarters and half years with them (schema 32).
    assert!(err.contains("志愿者每年服务统计：4 处"), "{err}");
    assert!(err.contains("志愿者每季度、每半年服务统计：8 处"), "{err}");
    // Counted again from the records (after a backup), then whole.
    let repair = std::process::Command::new(exe)
        .args(["--db", y.path.to_str().unwrap(), "check", "--repair"])
        .output()
        .unwrap();
    assert!(
        repair.status.success(),
        "{}",
        String::from_utf8_lossy(&repair.stderr)
    );
    assert!(String::from_utf8_lossy(&repair.stdout).contains("已按服务记录重新统计"));
    assert!(run().status.success());
    assert!(
        volunteer_ledger::store::backup::list(&y.path)
            .iter()
            .any(|b| b.reason == "重新统计前")
    );
}

#[test]
fn a_ledger_of_the_last_version_is_recounted_by_the_new_rule_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v14.sqlite");
    {
        // A v14 ledger: planned hours counted in the running totals.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        volunteer_ledger::store::migrations::migrate_to(&mut conn, 14).unwrap();
    }
    {
        // Filled through the v14 triggers (raw rows: the v15 Store cannot open it unmigrated).
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO volunteers (id, number, name, gender, id_type, id_number, mobile,
                                     status, registered_on, created_at, updated_at, origin)
             VALUES ('v1', 'SF0000001', '王犇', '男', '居民身份证', '11010519491231002X',
                     '13900000001', '在册', '2025-01-01', 't', 't', 'o');
             INSERT INTO volunteer_search (volunteer_id, number, pinyin, initials, mobile_rev,
                                           id_rev)
             VALUES ('v1', 'SF0000001', 'wangben', 'wb', '10000009331', 'X200132194915010110');",
        )
        .unwrap();
        for (id, status, tenths) in [
            ("a1", "已完成", 20),
            ("a2", "计划中", 300),
            ("a3", "已取消", 7),
        ] {
            conn.execute(
                "INSERT INTO activities (id, title, category, date, start_time, end_time, status,
                                         created_at, updated_at, origin)
                 VALUES (?1, ?1, '文明交通', '2026-03-01', '09:00', '11:00', ?2, 't', 't', 'o')",
                [id, status],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO participations (id, activity_id, volunteer_id, hours_tenths,
                                             created_at, updated_at, origin)
                 VALUES ('p' || ?1, ?1, 'v1', ?2, 't', 't', 'o')",
                rusqlite::params![id, tenths],
            )
            .unwrap();
        }
        let total: i64 = conn
            .query_row("SELECT total_tenths FROM volunteer_search", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(total, 320, "version 14 counted the planned hours");
    }
    let store = Store::open(&path).unwrap();
    let row = store.volunteer_page(false, 0, 1).unwrap().remove(0);
    assert_eq!(row.total, Tenths(20));
    let r = store.report(&Period::parse("2026").unwrap()).unwrap();
    assert_eq!((r.activities, r.hours), (1, Tenths(20)));
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(
        volunteer_ledger::store::totals::drift(&conn)
            .unwrap()
            .is_empty()
    );
}
