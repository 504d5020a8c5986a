//! Importing volunteers from real .xlsx and .csv files into a real database: header detection,
//! column mapping, a corpus of broken rows each rejected with its row, column and reason and
//! nothing written, duplicates skipped or updated, GBK text, and a roster exported by the app
//! imported back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;
use volunteer_ledger::domain::id_number;
use volunteer_ledger::export::import::{self, ImportError, ImportField, OnDuplicate, Verdict};
use volunteer_ledger::export::roster::{self, Numbers};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::register::RegisterQuery;
use volunteer_ledger::store::units::Unit;
use volunteer_ledger::store::volunteers::Volunteer;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

/// A valid identity number born on the given day; odd `seq` is male.
fn id(y: i32, m: u32, day: u32, seq: u16) -> String {
    id_number::compose("120116", d(y, m, day), seq)
}

/// A database with one community (胜利社区) and one registered volunteer (SF0000001).
fn register(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("ledger.sqlite")).unwrap();
    store
        .set_setting(volunteer_ledger::store::settings::keys::NUMBER_PREFIX, "SF")
        .unwrap();
    let mut unit = Unit {
        name: "胜利社区".into(),
        kind: "村居（社区）".into(),
        ..Default::default()
    };
    store.insert(&mut unit).unwrap();
    let mut v = Volunteer {
        number: "SF0000001".into(),
        name: "王建国".into(),
        gender: "男".into(),
        id_type: "居民身份证".into(),
        id_number: id(1960, 5, 4, 11),
        mobile: "13800000001".into(),
        political_status: "中共党员".into(),
        registered_on: d(2020, 1, 1),
        status: "在册".into(),
        ..Default::default()
    };
    store.insert(&mut v).unwrap();
    store
}

const HEADER: [&str; 11] = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "手机号码",
    "政治面貌",
    "所在社区",
    "志愿者类别",
    "注册日期",
    "志愿者编号",
    "出生日期",
];

/// A row of the corpus: cells under [`HEADER`].
fn row(cells: [&str; 11]) -> Vec<String> {
    cells.iter().map(ToString::to_string).collect()
}

fn write_csv(path: &Path, title: Option<&str>, rows: &[Vec<String>]) {
    let mut text = String::new();
    if let Some(t) = title {
        text.push_str(t);
        text.push_str("\r\n");
    }
    text.push_str(&HEADER.join(","));
    text.push_str("\r\n");
    for r in rows {
        text.push_str(&r.join(","));
        text.push_str("\r\n");
    }
    std::fs::write(path, text).unwrap();
}

fn live_volunteers(store: &Store) -> u64 {
    store.count_live(Table::Volunteers).unwrap()
}

#[test]
fn header_row_is_found_below_a_title_and_columns_are_mapped_by_their_usual_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("花名册.csv");
    let good = row([
        "1",
        "李雪",
        "",
        &id(1990, 3, 5, 22),
        "13912345678",
        "团员",
        "胜利社区",
        "青年、学生",
        "2026-03-05",
        "",
        "",
    ]);
    write_csv(&path, Some("胜利社区志愿者花名册,,,"), &[good]);
    let file = import::read(&path).unwrap();
    assert_eq!(file.header_row, 1);
    assert_eq!(file.mapping[0], None, "序号 is not a field");
    assert_eq!(file.mapping[1], Some(ImportField::Name));
    assert_eq!(file.mapping[3], Some(ImportField::IdNumber));
    assert_eq!(file.mapping[4], Some(ImportField::Mobile));
    assert_eq!(file.mapping[6], Some(ImportField::Community));
    let store = register(dir.path());
    let checked = import::check(&store, &file, today()).unwrap();
    let Verdict::New(v) = &checked.rows[0].1 else {
        panic!("{:?}", checked.rows[0]);
    };
    assert_eq!(v.gender, "女", "filled from the identity number");
    assert_eq!(v.birth_date, Some(d(1990, 3, 5)));
    assert_eq!(v.political_status, "共青团员");
    assert_eq!(v.kinds, "青年、学生");
    assert_eq!(v.number, "SF0000002", "numbered after the register");

    // A file without a 姓名 header is refused before any row is read.
    std::fs::write(dir.path().join("x.csv"), "编号,电话\n1,2\n").unwrap();
    assert!(matches!(
        import::read(&dir.path().join("x.csv")),
        Err(ImportError::NoHeader)
    ));
    assert!(import::read(&dir.path().join("x.pdf")).is_err());
}

#[test]
fn every_kind_of_broken_row_is_reported_with_row_column_and_reason_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = register(dir.path());
    let good = id(1985, 6, 1, 31);
    let bad_check = {
        let mut s = id(1985, 6, 2, 31);
        let last = s.pop().unwrap();
        s.push(if last == '0' { '1' } else { '0' });
        s
    };
    // (row cells, expected column header, expected words in the reason)
    let corpus: Vec<(Vec<String>, &str, &str)> = vec![
        (
            row([
                "1",
                "",
                "男",
                &id(1980, 1, 1, 11),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "姓名",
            "请填写姓名",
        ),
        (
            row([
                "2",
                "张3",
                "",
                &id(1980, 1, 2, 11),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "姓名",
            "数字",
        ),
        (
            row([
                "3",
                &"长".repeat(31),
                "",
                &id(1980, 1, 3, 11),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "姓名",
            "30",
        ),
        (
            row(["4", "赵一", "", &bad_check, "", "", "", "", "", "", ""]),
            "身份证号",
            "校验",
        ),
        (
            row([
                "5",
                "赵二",
                "",
                "120116199902310011",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "身份证号",
            "",
        ),
        (
            row([
                "6",
                "赵三",
                "",
                "12011619900101",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "身份证号",
            "",
        ),
        (
            row(["7", "赵四", "", "", "", "", "", "", "", "", ""]),
            "身份证号",
            "请填写证件号码",
        ),
        (
            row([
                "8",
                "赵五",
                "",
                "120116********0011",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "身份证号",
            "隐去",
        ),
        (
            row([
                "9",
                "赵六",
                "女",
                &id(1980, 1, 9, 11),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "性别",
            "不一致",
        ),
        (
            row([
                "10",
                "赵七",
                "未知",
                &id(1980, 1, 10, 12),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "性别",
            "男",
        ),
        (
            row([
                "11",
                "钱一",
                "",
                &id(1980, 1, 11, 11),
                "1381234567",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "手机号码",
            "11位",
        ),
        (
            row([
                "12",
                "钱二",
                "",
                &id(1980, 1, 12, 11),
                "无",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "手机号码",
            "",
        ),
        (
            row([
                "13",
                "钱三",
                "",
                &id(1980, 1, 13, 11),
                "138****0001",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            "手机号码",
            "隐去",
        ),
        (
            row([
                "14",
                "钱四",
                "",
                &id(1980, 1, 14, 11),
                "",
                "外星人",
                "",
                "",
                "",
                "",
                "",
            ]),
            "政治面貌",
            "可选范围",
        ),
        (
            row([
                "15",
                "钱五",
                "",
                &id(1980, 1, 15, 11),
                "",
                "",
                "不存在社区",
                "",
                "",
                "",
                "",
            ]),
            "所在社区",
            "单位名录",
        ),
        (
            row([
                "16",
                "钱六",
                "",
                &id(1980, 1, 16, 11),
                "",
                "",
                "",
                "宇航员",
                "",
                "",
                "",
            ]),
            "志愿者类别",
            "宇航员",
        ),
        (
            row([
                "17",
                "孙一",
                "",
                &id(1980, 1, 17, 11),
                "",
                "",
                "",
                "",
                "2026-02-30",
                "",
                "",
            ]),
            "注册日期",
            "",
        ),
        (
            row([
                "18",
                "孙二",
                "",
                &id(1980, 1, 18, 11),
                "",
                "",
                "",
                "",
                "2027-01-01",
                "",
                "",
            ]),
            "注册日期",
            "晚于今天",
        ),
        (
            row([
                "19",
                "孙三",
                "",
                &id(1980, 1, 19, 11),
                "",
                "",
                "",
                "",
                "1970-01-01",
                "",
                "",
            ]),
            "注册日期",
            "早于出生日期",
        ),
        (
            row([
                "20",
                "孙四",
                "",
                &id(1980, 1, 20, 11),
                "",
                "",
                "",
                "",
                "",
                "",
                "1981-01-20",
            ]),
            "出生日期",
            "不一致",
        ),
        (
            row(["21", "孙五", "", "", "", "", "", "", "", "", "2030-01-01"]),
            "出生日期",
            "晚于今天",
        ),
        (
            row([
                "22",
                "孙六",
                "",
                &id(1980, 1, 22, 11),
                "",
                "",
                "",
                "",
                "",
                "",
                "明天",
            ]),
            "出生日期",
            "",
        ),
        (
            row([
                "23",
                "周一",
                "",
                &id(1980, 1, 23, 11),
                "",
                "",
                "",
                "",
                "",
                "SF0000001",
                "",
            ]),
            "志愿者编号",
            "王建国",
        ),
        (
            row(["24", "周二", "", &good, "", "", "", "", "", "", ""]),
            "",
            "",
        ),
        (
            row(["25", "周三", "", &good, "", "", "", "", "", "", ""]),
            "身份证号",
            "与第 25 行的证件号码重复",
        ),
        (
            row([
                "26",
                "周四",
                "",
                &id(1980, 1, 26, 11),
                "",
                "",
                "",
                "",
                "",
                "SF0000099",
                "",
            ]),
            "",
            "",
        ),
        (
            row([
                "27",
                "周五",
                "",
                &id(1980, 1, 27, 11),
                "",
                "",
                "",
                "",
                "",
                "SF0000099",
                "",
            ]),
            "志愿者编号",
            "与第 27 行的志愿者编号重复",
        ),
    ];
    let rows: Vec<Vec<String>> = corpus.iter().map(|c| c.0.clone()).collect();
    let path = dir.path().join("坏数据.csv");
    write_csv(&path, None, &rows);
    let file = import::read(&path).unwrap();
    let checked = import::check(&store, &file, today()).unwrap();
    assert_eq!(checked.rows.len(), corpus.len());
    let mut kinds = 0;
    for (i, (cells, column, words)) in corpus.iter().enumerate() {
        let row_no = i + 2;
        let (n, verdict) = &checked.rows[i];
        assert_eq!(*n, row_no);
        if column.is_empty() {
            assert!(
                matches!(verdict, Verdict::New(_)),
                "row {row_no} is good: {verdict:?}"
            );
            continue;
        }
        let Verdict::Bad(problems) = verdict else {
            panic!(
                "row {row_no} ({}) should be rejected: {verdict:?}",
                cells[1]
            );
        };
        assert!(
            problems.iter().all(|p| p.row == row_no),
            "row numbers: {problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.column.contains(column) && p.reason.contains(words)),
            "row {row_no}: expected {column}: {words}, got {problems:?}"
        );
        kinds += 1;
    }
    // Row 24 holds the first copy of a duplicated number and is itself fine; 26 likewise.
    assert!(kinds >= 20, "{kinds} kinds of broken rows");
    let good_rows = checked.counts().0;
    assert_eq!(good_rows, 2);

    // Nothing is written while any row is bad...
    let before = live_volunteers(&store);
    let err = import::apply(
        &mut store,
        &checked,
        &file.mapping,
        false,
        OnDuplicate::Skip,
        &mut |_| true,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::BadRows(25)), "{err}");
    assert_eq!(live_volunteers(&store), before);
    // ...and taking only the good rows writes exactly those.
    let report = import::apply(
        &mut store,
        &checked,
        &file.mapping,
        true,
        OnDuplicate::Skip,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!((report.added, report.bad), (2, 25));
    assert_eq!(live_volunteers(&store), before + 2);
}

#[test]
fn a_cancelled_import_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = register(dir.path());
    let rows: Vec<Vec<String>> = (0..1200)
        .map(|i| {
            let birth = d(1970, 1, 1) + chrono::Duration::days(i);
            row([
                &i.to_string(),
                "测试",
                "",
                &id_number::compose("120116", birth, 11),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ])
        })
        .collect();
    let path = dir.path().join("多.csv");
    write_csv(&path, None, &rows);
    let file = import::read(&path).unwrap();
    let checked = import::check(&store, &file, today()).unwrap();
    assert_eq!(checked.counts(), (1200, 0, 0));
    let mut calls = 0;
    let err = import::apply(
        &mut store,
        &checked,
        &file.mapping,
        false,
        OnDuplicate::Skip,
        &mut |_| {
            calls += 1;
            calls < 3
        },
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Cancelled));
    assert_eq!(live_volunteers(&store), 1);
    store.integrity_check().unwrap();
}

#[test]
fn duplicates_are_skipped_or_updated_and_gbk_text_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = register(dir.path());
    let existing = id(1960, 5, 4, 11);
    let text = format!(
        "姓名,证件号码,联系电话,所在村居\r\n王建国,{existing},13999998888,胜利社区\r\n刘德华,{},13700001111,\r\n",
        id(1961, 9, 27, 13)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let path = dir.path().join("gbk.csv");
    std::fs::write(&path, &gbk).unwrap();
    let file = import::read(&path).unwrap();
    assert_eq!(file.headers[0], "姓名");
    let checked = import::check(&store, &file, today()).unwrap();
    assert_eq!(checked.counts(), (1, 1, 0));
    let r = import::apply(
        &mut store,
        &checked,
        &file.mapping,
        false,
        OnDuplicate::Skip,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!((r.added, r.updated, r.skipped), (1, 0, 1));
    let holder = store.id_number_holder(&existing, "").unwrap().unwrap();
    let v: Volunteer = store.get(&holder.id).unwrap();
    assert_eq!(v.mobile, "13800000001", "skipped");

    let checked = import::check(&store, &file, today()).unwrap();
    assert_eq!(
        checked.counts(),
        (0, 2, 0),
        "the new one is now registered too"
    );
    let r = import::apply(
        &mut store,
        &checked,
        &file.mapping,
        false,
        OnDuplicate::Update,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!((r.added, r.updated), (0, 2));
    let v: Volunteer = store.get(&holder.id).unwrap();
    assert_eq!(v.mobile, "13999998888", "updated");
    assert_eq!(
        v.political_status, "中共党员",
        "a column the file lacks is kept"
    );
    assert!(v.community_id.is_some());
    assert_eq!(v.number, "SF0000001");
    assert_eq!(live_volunteers(&store), 2);
}

fn xlsx(path: &Path, rows: &[Vec<(&str, Option<f64>)>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, cells) in rows.iter().enumerate() {
        for (c, (text, number)) in cells.iter().enumerate() {
            match number {
                Some(n) => sheet.write_number(r as u32, c as u16, *n).unwrap(),
                None => sheet.write_string(r as u32, c as u16, *text).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

#[test]
fn numbers_in_excel_cells_are_caught_where_they_lose_digits() {
    let dir = tempfile::tempdir().unwrap();
    let store = register(dir.path());
    let path = dir.path().join("数字.xlsx");
    let ok_id = id(1992, 2, 2, 15);
    xlsx(
        &path,
        &[
            vec![
                ("姓名", None),
                ("身份证号码", None),
                ("手机", None),
                ("出生日期", None),
            ],
            vec![
                ("李一", None),
                ("", Some(120116199202020150.0)),
                ("", None),
                ("", None),
            ],
            vec![
                ("李二", None),
                (&ok_id, None),
                ("", Some(13912345678.0)),
                ("", None),
            ],
            vec![
                ("李三", None),
                (&id(1993, 3, 3, 15), None),
                ("", None),
                ("", Some(19930303.0)),
            ],
        ],
    );
    let file = import::read(&path).unwrap();
    let checked = import::check(&store, &file, today()).unwrap();
    let Verdict::Bad(p) = &checked.rows[0].1 else {
        panic!("{:?}", checked.rows[0])
    };
    assert_eq!(p[0].row, 2);
    assert!(p[0].column.starts_with("B列"), "{p:?}");
    assert!(p[0].reason.contains("存成了数字"), "{p:?}");
    let Verdict::New(v) = &checked.rows[1].1 else {
        panic!("{:?}", checked.rows[1])
    };
    assert_eq!(v.mobile, "13912345678", "an 11-digit number cell is exact");
    let Verdict::Bad(p) = &checked.rows[2].1 else {
        panic!("{:?}", checked.rows[2])
    };
    assert!(
        p.iter()
            .any(|p| p.column.starts_with("D列") && p.reason.contains("不是日期"))
    );
}

fn db_with_units(dir: &Path, name: &str, units: &[String]) -> Store {
    let mut store = Store::open(&dir.join(name)).unwrap();
    for u in units {
        let mut unit = Unit {
            name: u.clone(),
            kind: "村居（社区）".into(),
            ..Default::default()
        };
        store.insert(&mut unit).unwrap();
    }
    store
}

fn export_and_import(ext: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut source = Store::open(&dir.path().join("a.sqlite")).unwrap();
    volunteer_ledger::demo::generate(
        &mut source,
        volunteer_ledger::demo::DemoOptions {
            volunteers: 150,
            seed: 5,
            today: today(),
        },
        &mut |_| true,
    )
    .unwrap();
    // Text a spreadsheet would run as a formula, in free-text fields.
    {
        let first = source.volunteer_page(false, 0, 1).unwrap().remove(0);
        let mut v: Volunteer = source.get(&first.id).unwrap();
        v.workplace = "=HYPERLINK(\"http://x.example\",\"点此\")".into();
        v.remark = "@SUM(1+1)".into();
        v.skills = "-2+3".into();
        source.update_volunteer(&mut v).unwrap();
    }
    let out: PathBuf = dir.path().join(format!("名册.{ext}"));
    let n = roster::export(
        &source,
        &RegisterQuery::default(),
        &out,
        Numbers::Full,
        "示范街道志愿者名册",
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(n, 150);
    if ext == "csv" {
        // No cell of the file starts as a formula: each such cell has a leading apostrophe.
        let text = std::fs::read_to_string(&out).unwrap();
        let rows = volunteer_ledger::export::table::parse_csv(&text).unwrap();
        assert!(text.contains("'=HYPERLINK") && text.contains("'@SUM(1+1)"));
        assert!(text.contains("'-2+3"));
        for line in text.lines() {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches(['"', '\u{feff}']);
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "a formula cell: {cell}"
                );
            }
        }
        assert!(rows.len() > 150);
    }
    let communities: Vec<String> = source
        .community_choices()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    let mut target = db_with_units(dir.path(), "b.sqlite", &communities);
    let file = import::read(&out).unwrap();
    let checked = import::check(&target, &file, today()).unwrap();
    assert_eq!(
        checked.counts(),
        (150, 0, 0),
        "{:?}",
        checked.problems().next()
    );
    import::apply(
        &mut target,
        &checked,
        &file.mapping,
        false,
        OnDuplicate::Skip,
        &mut |_| true,
    )
    .unwrap();
    let a = source
        .register_page(&RegisterQuery::default(), 0, 200)
        .unwrap();
    let b = target
        .register_page(&RegisterQuery::default(), 0, 200)
        .unwrap();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        let vx: Volunteer = source.get(&x.id).unwrap();
        let vy: Volunteer = target.get(&y.id).unwrap();
        let strip = |v: &Volunteer| Volunteer {
            meta: Default::default(),
            community_id: None,
            ..v.clone()
        };
        assert_eq!(strip(&vx), strip(&vy), "{}", vx.number);
        assert_eq!(x.community, y.community);
    }
    // The masked roster is refused row by row, naming why.
    let masked = dir.path().join(format!("隐去.{ext}"));
    roster::export(
        &source,
        &RegisterQuery::default(),
        &masked,
        Numbers::Masked,
        "名册",
        &mut |_| true,
    )
    .unwrap();
    if ext == "csv" {
        // No whole number can be put back together: the birth date shows its year only.
        let text = std::fs::read_to_string(&masked).unwrap();
        let rows = volunteer_ledger::export::table::parse_csv(&text).unwrap();
        let head = rows
            .iter()
            .position(|r| r.iter().any(|c| c.text == "出生日期"))
            .unwrap();
        let col = rows[head]
            .iter()
            .position(|c| c.text == "出生日期")
            .unwrap();
        let id_col = rows[head]
            .iter()
            .position(|c| c.text.contains("证件号码"))
            .unwrap();
        for r in &rows[head + 1..] {
            let birth = &r[col].text;
            assert!(
                birth.is_empty() || (birth.chars().count() == 5 && birth.ends_with('年')),
                "{birth}"
            );
            assert!(r[id_col].text.contains("********"), "{}", r[id_col].text);
        }
    }
    let fresh = db_with_units(dir.path(), "c.sqlite", &communities);
    let file = import::read(&masked).unwrap();
    let checked = import::check(&fresh, &file, today()).unwrap();
    assert_eq!(checked.counts().2, 150);
    assert!(checked.problems().any(|p| p.reason.contains("隐去")));
}

#[test]
fn an_exported_xlsx_roster_imports_back_unchanged() {
    export_and_import("xlsx");
}

#[test]
fn an_exported_csv_roster_imports_back_unchanged() {
    export_and_import("csv");
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn xls_workbooks_are_read_and_numbers_typed_into_id_cells_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    let store = register(dir.path());
    // Saved by LibreOffice as Excel 97 with the identity column as text.
    let file = import::read(&fixture("名册-文本列.xls")).unwrap();
    let checked = import::check(&store, &file, today()).unwrap();
    assert_eq!(checked.counts(), (2, 0, 1));
    let bad: Vec<String> = checked.problems().map(ToString::to_string).collect();
    assert_eq!(
        bad,
        ["第 4 行，C列（证件号码）：身份证号码校验位错误：应为0，实为1"]
    );
    // The same sheet with the identity column as numbers: the digits Excel dropped are named.
    let file = import::read(&fixture("名册-数字列.xls")).unwrap();
    let checked = import::check(&store, &file, today()).unwrap();
    assert_eq!(
        checked.counts(),
        (1, 0, 2),
        "only the number ending in X stayed text"
    );
    assert!(checked.problems().all(|p| p.reason.contains("存成了数字")));
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_import_writes_nothing_while_a_row_is_bad_unless_told_to_take_the_good_rows() {
    let dir = tempfile::tempdir().unwrap();
    drop(register(dir.path()));
    let db = dir.path().join("ledger.sqlite");
    let db = db.to_str().unwrap();
    let xls = fixture("名册-文本列.xls");
    let xls = xls.to_str().unwrap();
    let count = || {
        Store::open(Path::new(db))
            .unwrap()
            .count_live(Table::Volunteers)
            .unwrap()
    };

    let out = cli(&["import", "volunteers", xls, "--db", db]);
    assert!(!out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("第 4 行，C列（证件号码）"), "{stdout}");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("未导入任何记录")
    );
    assert_eq!(count(), 1);

    let out = cli(&[
        "import",
        "volunteers",
        xls,
        "--db",
        db,
        "--take-good-rows",
        "--dry-run",
    ]);
    assert!(
        out.status.success(),
        "a dry run with good rows taken passes"
    );
    assert_eq!(count(), 1, "a dry run writes nothing");

    let out = cli(&[
        "import",
        "volunteers",
        xls,
        "--db",
        db,
        "--take-good-rows",
        "--json",
    ]);
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["added"], 2);
    assert_eq!(doc["bad_rows"], 1);
    assert_eq!(doc["problems"][0]["row"], 4);
    assert_eq!(count(), 3);

    // Again: the two are now registered and skipped, or updated when asked.
    let out = cli(&[
        "import",
        "volunteers",
        xls,
        "--db",
        db,
        "--take-good-rows",
        "--on-duplicate",
        "update",
        "--json",
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (doc["added"].as_u64(), doc["updated"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(count(), 3);

    // The roster export masks unless --full-id.
    let csv = dir.path().join("out.csv");
    let out = cli(&[
        "export",
        "roster",
        "--db",
        db,
        "--out",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("120116********0017") && !text.contains("120116198001010017"));
    let out = cli(&[
        "export",
        "roster",
        "--db",
        db,
        "--out",
        csv.to_str().unwrap(),
        "--full-id",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stderr).unwrap().contains("个人信息"));
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .contains("120116198001010017")
    );
}

/// A roster long enough for the check to split its rows among threads: the verdicts come back
/// in row order, duplicates across the halves and against the register are found, a number
/// the register already gives to someone else is refused, and new numbers follow row order.
#[test]
fn a_long_roster_is_checked_in_row_order_across_threads() {
    let dir = tempfile::tempdir().unwrap();
    let store = register(dir.path());
    let existing = id(1960, 5, 4, 11);
    let start = d(1950, 1, 1);
    let mut text = String::from("姓名,证件号码,所在村居,志愿者编号\r\n");
    let ids: Vec<String> = (0..5_000)
        .map(|i| id_number::compose("120116", start + chrono::Duration::days(i), 13))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let line = match i {
            // The register's own volunteer, in the second half.
            3_000 => format!("王建国,{existing},胜利社区,\r\n"),
            // The same person as row 12 (spreadsheet row), in the second half.
            4_500 => format!("李四,{},胜利社区,\r\n", ids[10]),
            // A bad name, and a number that belongs to the register's volunteer.
            4_700 => format!("赵1,{id},胜利社区,\r\n"),
            4_800 => format!("钱五,{id},胜利社区,SF0000001\r\n"),
            _ => format!("张三,{id},胜利社区,\r\n"),
        };
        text.push_str(&line);
    }
    let path = dir.path().join("long.csv");
    std::fs::write(&path, text).unwrap();
    let file = import::read(&path).unwrap();
    let checked = import::check(&store, &file, today()).unwrap();
    assert_eq!(checked.counts(), (4_996, 1, 3));
    let rows: Vec<usize> = checked.rows.iter().map(|(r, _)| *r).collect();
    assert_eq!(rows, (2..=5_001).collect::<Vec<_>>(), "row order kept");
    let bad: Vec<String> = checked.problems().map(ToString::to_string).collect();
    assert_eq!(bad.len(), 3, "{bad:?}");
    assert!(bad[0].starts_with("第 4502 行") && bad[0].contains("与第 12 行的证件号码重复"));
    assert!(bad[1].starts_with("第 4702 行") && bad[1].contains("姓名中不能有数字"));
    assert!(bad[2].starts_with("第 4802 行") && bad[2].contains("已属于王建国"));
    assert!(matches!(&checked.rows[3_000].1, Verdict::Duplicate(_, v) if v.number == "SF0000001"));
    let numbers: Vec<&str> = checked
        .rows
        .iter()
        .filter_map(|(_, v)| match v {
            Verdict::New(v) => Some(v.number.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(numbers[0], "SF0000002");
    assert_eq!(numbers[4_995], "SF0004997");
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "numbers in row order"
    );
}

/// The same long roster as an .xlsx, checked as the import runs it (rows judged while the rest
/// of the file is read): the same verdicts as reading it whole and then checking it.
#[test]
fn an_xlsx_checked_while_read_gives_what_read_then_check_gives() {
    let dir = tempfile::tempdir().unwrap();
    let store = register(dir.path());
    let start = d(1950, 1, 1);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["姓名", "证件号码", "所在村居", "志愿者编号"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    sheet.write_string(0, 0, "志愿者名册").unwrap();
    let mut first = String::new();
    for i in 0..6_000u32 {
        let own = id_number::compose("120116", start + chrono::Duration::days(i.into()), 13);
        if i == 0 {
            first = own.clone();
        }
        let (name, number) = match i {
            4_000 => ("赵1", own),
            5_000 => ("李四", first.clone()),
            5_500 => ("王建国", id(1960, 5, 4, 11)),
            _ => ("张三", own),
        };
        sheet.write_string(i + 3, 0, name).unwrap();
        sheet.write_string(i + 3, 1, &number).unwrap();
        sheet.write_string(i + 3, 2, "胜利社区").unwrap();
    }
    let path = dir.path().join("long.xlsx");
    book.save(&path).unwrap();
    let (file, early) = import::read_and_check(&store, &path, today()).unwrap();
    let whole = import::read(&path).unwrap();
    assert_eq!(file, whole);
    let late = import::check(&store, &whole, today()).unwrap();
    assert_eq!(early, late);
    assert_eq!(early.counts(), (5_997, 1, 2));
    assert_eq!(early.rows.len(), 6_000);
    // A mapping the clerk changed is checked by itself, not by what was judged early.
    let mut remapped = file.clone();
    remapped.mapping[2] = None;
    let checked = import::check(&store, &remapped, today()).unwrap();
    let Verdict::New(v) = &checked.rows[0].1 else {
        panic!("{:?}", checked.rows[0]);
    };
    assert_eq!(v.community_id, None);
}
