//! Every list goes to Excel as it is shown: the same columns, rows and order as the window's
//! table, read back from the file; from the command line with a period.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use calamine::{Data, Reader};
use volunteer_ledger::export::roster::Numbers;
use volunteer_ledger::ops::lists::{self, ListName, ListTable};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::lists::ListQuery;

/// The rows of the first sheet as text.
fn sheet(path: &Path) -> Vec<Vec<String>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("a cell not written as text: {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The list as the window reads it: every row's cells, in order.
fn shown<T>(store: &Store, table: &ListTable<T>, q: &ListQuery) -> Vec<Vec<String>> {
    let n = (table.count)(store, q).unwrap() as usize;
    let rows = (table.page)(store, q, 0, n.max(1)).unwrap();
    assert_eq!(rows.len(), n);
    rows.iter().map(table.cells).collect()
}

fn check<T>(db: &Path, list: ListName, table: &ListTable<T>, q: &ListQuery, out: &Path) {
    let store = Store::open(db).unwrap();
    let done = list
        .export(db, q, out, Numbers::Masked, &mut |_| true)
        .unwrap();
    let rows = sheet(out);
    let headers: Vec<String> = table.columns.iter().map(|c| c.0.to_string()).collect();
    assert!(
        rows[0][0].ends_with(&format!("{}列表", table.title)),
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[2], headers);
    let want = shown(&store, table, q);
    assert_eq!(done.count, want.len());
    assert_eq!(&rows[3..], &want[..], "{}", table.title);
}

#[test]
fn every_list_goes_to_excel_as_the_window_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 300, 4);
    let out = |name: &str| dir.path().join(format!("{name}.xlsx"));
    // Narrowed and sorted: 关爱系列 held in 2026, by title.
    let acts = ListQuery {
        from: Some(common::d(2026, 1, 1)),
        to: Some(common::d(2026, 12, 31)),
        category: Some("关爱系列".into()),
        status: Some("已完成".into()),
        sort_column: 1,
        descending: false,
        ..ListQuery::search("")
    };
    check(
        &db,
        ListName::Activities,
        &lists::ACTIVITIES,
        &acts,
        &out("活动"),
    );
    let all = ListQuery::search("");
    check(
        &db,
        ListName::Trainings,
        &lists::TRAININGS,
        &all,
        &out("培训"),
    );
    check(&db, ListName::Honors, &lists::HONORS, &all, &out("表彰"));
    check(
        &db,
        ListName::Reports,
        &lists::INFO_REPORTS,
        &all,
        &out("报送"),
    );
    check(&db, ListName::Needs, &lists::NEEDS, &all, &out("需求"));
    let searched = ListQuery::search("社区");
    check(&db, ListName::Teams, &lists::TEAMS, &searched, &out("队伍"));
    check(&db, ListName::Units, &lists::UNITS, &searched, &out("单位"));
    // Mobiles go masked; a team's members follow on their own sheet.
    let units = sheet(&out("单位"));
    assert!(
        units[3..]
            .iter()
            .all(|r| r[5].is_empty() || r[5].contains("****")),
        "{units:?}"
    );
    let store = Store::open(&db).unwrap();
    let teams = store.team_list_page(&searched, 0, 1000).unwrap();
    let members: usize = teams
        .iter()
        .map(|t| store.team_members(&t.id).unwrap().len())
        .sum();
    assert!(members > 0);
    let mut book = calamine::open_workbook_auto(out("队伍")).unwrap();
    let range = book.worksheet_range("成员").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len() - 3, members);
    assert_eq!(rows[3][0], teams[0].name);
    assert!(rows[3..].iter().all(|r| r[3].contains("****")));
    // The title line says what narrowed it.
    let rows = sheet(&out("活动"));
    assert!(
        rows[1][0].contains("关爱系列") && rows[1][0].contains("已完成"),
        "{:?}",
        rows[1]
    );
}

#[test]
fn a_cancelled_or_wrongly_named_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 300, 4);
    let q = ListQuery::search("");
    let out = dir.path().join("活动.xlsx");
    let err = ListName::Activities
        .export(&db, &q, &out, Numbers::Masked, &mut |_| false)
        .unwrap_err();
    assert!(err.to_string().contains("已取消"), "{err}");
    assert!(!out.exists());
    let csv = dir.path().join("活动.csv");
    let err = ListName::Activities
        .export(&db, &q, &csv, Numbers::Masked, &mut |_| true)
        .unwrap_err();
    assert!(err.to_string().contains(".xlsx"), "{err}");
    assert!(!csv.exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".part")), "{names:?}");
}

#[test]
fn the_command_line_exports_a_list_of_a_period() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 300, 4);
    let out = dir.path().join("表彰.xlsx");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args(["export", "list", "honors", "--period", "2025", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let q = ListQuery {
        from: Some(common::d(2025, 1, 1)),
        to: Some(common::d(2025, 12, 31)),
        ..ListQuery::search("")
    };
    let store = Store::open(&db).unwrap();
    let want = shown(&store, &lists::HONORS, &q);
    assert!(!want.is_empty());
    assert_eq!(&sheet(&out)[3..], &want[..]);
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        said.contains(&format!("已导出表彰 {} 条", want.len())),
        "{said}"
    );
    // A period not understood is named, and nothing is written.
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args(["export", "list", "honors", "--period", "去年", "--out"])
        .arg(dir.path().join("坏.xlsx"))
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("去年"));
    assert!(!dir.path().join("坏.xlsx").exists());
}

#[test]
fn the_command_line_writes_whole_mobiles_only_when_asked_and_logs_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 300, 4);
    let run = |args: &[&str], out: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .arg("--db")
            .arg(&db)
            .args(["export", "list", "units"])
            .args(args)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap()
    };
    let masked = dir.path().join("单位.xlsx");
    assert!(run(&[], &masked).status.success());
    let whole = dir.path().join("单位-完整.xlsx");
    let r = run(&["--full-id"], &whole);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stderr).contains("个人信息"));
    let mobiles = |p: &Path| -> Vec<String> {
        sheet(p)[3..]
            .iter()
            .map(|r| r[5].clone())
            .filter(|m| !m.is_empty())
            .collect()
    };
    let (m, w) = (mobiles(&masked), mobiles(&whole));
    assert!(!m.is_empty() && m.len() == w.len());
    assert!(m.iter().all(|x| x.contains("****")));
    assert!(w.iter().all(|x| x.len() == 11 && !x.contains('*')), "{w:?}");
    let log = Store::open(&db).unwrap().export_log(10).unwrap();
    assert_eq!(log.len(), 1, "only the whole one is logged");
    assert_eq!(log[0].what, "单位列表（完整手机号码）");
}

#[test]
fn search_on_the_command_line_counts_and_lists_the_first_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 300, 3);
    let store = Store::open_read_only(&db).unwrap();
    let q = volunteer_ledger::store::register::RegisterQuery {
        search: "王".into(),
        ..Default::default()
    };
    let n = store.register_count(&q).unwrap();
    assert!(n > 2);
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args(["search", "王", "--json", "--limit", "2"])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["count"], n);
    assert_eq!(v["rows"].as_array().unwrap().len(), 2);
    assert!(v["rows"][0]["mobile"].as_str().unwrap().contains("****"));
}
