//! 签到表: pre-filled from a team's members or the activity's participants, then blank rows;
//! read back from the PDF, the Word file and the workbook; from the command line and from the
//! activity list.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read as _;
use std::path::Path;

use calamine::Reader;
use common::{Settle, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use volunteer_ledger::export::sign_in::{COLUMNS, blank_rows, collect};
use volunteer_ledger::ops;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::ActivityFilter;

/// The workbook's rows from the header on, as text.
fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("签到表").unwrap();
    range
        .rows()
        .skip(3)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// A planned activity of the example data and a team with members.
fn planned(store: &Store) -> (String, String, String) {
    let f = ActivityFilter {
        status: Some("计划中".into()),
        ..Default::default()
    };
    let a = store.activity_page(&f, 0, 1).unwrap().remove(0);
    let team = store.team_choices().unwrap().remove(0);
    (a.id, a.title, team.id)
}

#[test]
fn a_team_sheet_lists_its_members_in_order_then_blank_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 300, 6);
    let store = Store::open(&db).unwrap();
    let (id, _, team) = planned(&store);
    let members = store.team_members(&team).unwrap();
    assert!(members.len() >= 3);
    let data = collect(&store, &id, Some(&team), None).unwrap();
    let blank = blank_rows(&data);
    assert!(blank > 0, "the page is filled");

    let xlsx = dir.path().join("签到.xlsx");
    let done = ops::documents::sign_in(&db, &id, Some(&team), None, &xlsx).unwrap();
    assert_eq!(done.count, members.len());
    let rows = sheet(&xlsx);
    let headers: Vec<String> = COLUMNS.iter().map(|c| c.0.to_string()).collect();
    assert_eq!(rows[0], headers);
    assert_eq!(rows.len() - 1, members.len() + blank);
    for (i, m) in members.iter().enumerate() {
        let row = &rows[i + 1];
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!((&row[1], &row[2]), (&m.name, &m.number));
        assert_eq!(row[3].len(), 4, "the last four digits: {:?}", row[3]);
        assert!(m.mobile_masked.ends_with(&row[3]));
        assert!(row[4..].iter().all(String::is_empty));
    }
    let last = rows.last().unwrap();
    assert_eq!(last[0], (members.len() + blank).to_string());
    assert!(last[1..].iter().all(String::is_empty));

    let pdf = dir.path().join("签到.pdf");
    ops::documents::sign_in(&db, &id, Some(&team), None, &pdf).unwrap();
    let text = pdf_extract::extract_text(&pdf).unwrap();
    let mut at = 0;
    for m in &members {
        let found = text[at..].find(&m.name).expect("every member, in order");
        at += found + m.name.len();
    }
    assert!(text.contains("第 1 页 共 1 页"), "{text}");

    let docx = dir.path().join("签到.docx");
    ops::documents::sign_in(&db, &id, Some(&team), Some(2), &docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert_eq!(xml.matches("<w:tblHeader").count(), 1);
    assert!(
        members
            .iter()
            .all(|m| xml.contains(&format!(">{}<", m.name)))
    );
    assert!(xml.contains(&format!(">{}<", members.len() + 2)));
    assert!(!xml.contains(&format!(">{}<", members.len() + 3)));
}

#[test]
fn the_command_line_lists_the_participants_and_the_rows_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 300, 6);
    let store = Store::open(&db).unwrap();
    let (id, _, _) = planned(&store);
    let people = store.activity_participants(&id).unwrap();
    let out = dir.path().join("签到.xlsx");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args([
            "export",
            "sign-in",
            "--activity",
            &id,
            "--blank-rows",
            "3",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let rows = sheet(&out);
    assert_eq!(rows.len() - 1, people.len() + 3);
    assert!(String::from_utf8_lossy(&run.stdout).contains("空白 3 行"));
    // A team no one has is named.
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args([
            "export",
            "sign-in",
            "--activity",
            &id,
            "--team",
            "龙舟队",
            "--out",
        ])
        .arg(dir.path().join("坏.pdf"))
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("没有名称含“龙舟队”的队伍"));
}

#[test]
fn the_activity_list_writes_a_sign_in_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&db).unwrap();
    let (id, title, _) = planned(&store);
    let people = store.activity_participants(&id).unwrap();
    h.get_by_label("活动").click();
    h.settle();
    type_into(&mut h, "查找活动名称", &title);
    h.settle();
    h.get_all_by_label(&title).next().unwrap().click();
    h.settle();
    h.get_by_label("签到表…").click();
    h.settle();
    h.get_by_label("生成签到表");
    type_into(&mut h, "空白行数", "4");
    let out = dir.path().join("签到.xlsx");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains("空白 4 行");
    assert_eq!(sheet(&out).len() - 1, people.len() + 4);
}

#[test]
fn the_signed_sheet_is_typed_in_down_the_column_and_saved_as_participants() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&db).unwrap();
    let (id, title, team) = planned(&store);
    let members = store.team_members(&team).unwrap();
    let team_name = store
        .team_choices()
        .unwrap()
        .into_iter()
        .find(|t| t.id == team)
        .unwrap()
        .name;
    assert!(members.len() >= 3);
    let stranger = store
        .register_page(&Default::default(), 0, 400)
        .unwrap()
        .into_iter()
        .find(|v| !members.iter().any(|m| m.volunteer_id == v.id))
        .unwrap();
    drop(store);
    h.get_by_label("活动").click();
    h.settle();
    type_into(&mut h, "查找活动名称", &title);
    h.get_all_by_label(&title).next().unwrap().click();
    h.settle();
    h.get_by_label("录入签到表…").click();
    h.settle();
    h.get_by_label("签到表上列的是").click();
    h.settle();
    h.get_by_label(&format!("队伍：{team_name}")).click();
    h.settle();
    // The first row has the focus; Enter moves down the column.
    h.get_by_label(&members[0].name).type_text("2");
    h.key_press(egui::Key::Enter);
    h.settle();
    h.get_by_label(&members[1].name).type_text("1.5");
    h.key_press(egui::Key::Enter);
    h.settle();
    assert_eq!(
        h.get_by_label(&members[1].name).value().as_deref(),
        Some("1.5")
    );
    h.get_all_by_label("未到").nth(2).unwrap().click();
    h.settle();
    h.get_all_by_label_contains("空着的都填")
        .next()
        .unwrap()
        .click();
    h.settle();
    type_into(&mut h, "表外来的人", &stranger.number);
    h.get_by_label(&format!("＋{}（{}）", stranger.name, stranger.number))
        .click();
    h.settle();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.settle();
    h.wait_for_label_contains("已保存活动");

    let store = Store::open_read_only(&db).unwrap();
    let saved = store.activity_participants(&id).unwrap();
    assert_eq!(saved.len(), members.len() - 1 + 1);
    let hours = |vid: &str| {
        saved
            .iter()
            .find(|p| p.volunteer_id == vid)
            .map(|p| p.hours.to_string())
    };
    assert_eq!(hours(&members[0].volunteer_id).as_deref(), Some("2.0"));
    assert_eq!(hours(&members[1].volunteer_id).as_deref(), Some("1.5"));
    assert_eq!(hours(&members[2].volunteer_id), None, "crossed out");
    assert!(hours(&stranger.id).is_some());
    let a: volunteer_ledger::store::activities::Activity = store.get(&id).unwrap();
    let d = volunteer_ledger::domain::activity::duration(&a.start_time, &a.end_time)
        .unwrap()
        .to_string();
    for m in &members[3..] {
        assert_eq!(hours(&m.volunteer_id), Some(d.clone()), "{}", m.name);
    }
}

#[test]
fn a_trainings_sheet_lists_its_attendees_and_who_came_is_typed_in() {
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    let store = Store::open(&db).unwrap();
    let q = volunteer_ledger::store::lists::ListQuery::search("");
    // The newest training of its topic (the list, newest first, shows it first).
    let mut seen = std::collections::HashSet::new();
    let training = store
        .training_page(&q, 0, 50)
        .unwrap()
        .into_iter()
        .find(|t| seen.insert(t.topic.clone()) && t.attendees >= 3)
        .unwrap();
    let attendees = store.training_attendees(&training.id).unwrap();
    drop(store);

    // From the command line, by topic and date.
    let out = dir.path().join("培训签到.pdf");
    let date = training.date.to_string();
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args([
            "export",
            "sign-in",
            "--training",
            &training.topic,
            "--date",
            &date,
        ])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = pdf_extract::extract_text(&out).unwrap();
    assert!(text.contains("志愿者培训签到表"), "{text}");
    assert!(
        text.contains(&format!("培训主题：{}", training.topic)),
        "{text}"
    );
    for a in &attendees {
        assert!(
            text.contains(&a.name) && text.contains(&a.number),
            "{}",
            a.name
        );
    }

    // In the window: the first attendee did not come.
    h.get_by_label("培训").click();
    h.settle();
    h.get_all_by_label(&training.topic).next().unwrap().click();
    h.settle();
    h.get_by_label("录入签到表…").click();
    h.settle();
    h.get_all_by_label("未到").next().unwrap().click();
    h.settle();
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.settle();
    h.wait_for_label_contains("已保存培训");
    let store = Store::open_read_only(&db).unwrap();
    let now = store.training_attendees(&training.id).unwrap();
    assert_eq!(now.len(), attendees.len() - 1);
    assert!(!now.iter().any(|a| a.id == attendees[0].id));
}
