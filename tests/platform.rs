//! Batch files for the platforms: templates with their own columns, order, a title above the
//! header and a fixed-value column, as .xlsx (written into a copy, other sheets kept) and .xls
//! (a new workbook with its headers); one row per held participation of the period, ID numbers
//! as text, masked unless asked and logged; 已录入平台 marked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use calamine::{Data, Reader};
use common::d;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::domain::platform::{Column, PlatformField};
use volunteer_ledger::export::roster::Numbers;
use volunteer_ledger::ops;
use volunteer_ledger::ops::platform::Covering;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::report::Scope;

/// Three volunteers; in March 2026 two held activities (2 and 1 people), one planned and one
/// cancelled (with people listed); a held one in April.
fn ledger(db: &Path) -> Vec<String> {
    let mut store = Store::open(db).unwrap();
    let ids: Vec<String> = [
        ("SF0000001", "王玥", "120116199001011234"),
        ("SF0000002", "赵喆", "12011619910202123X"),
        ("SF0000003", "钱堃", "120116199203031236"),
    ]
    .iter()
    .map(|(n, name, id)| common::enrol(&mut store, common::numbered(n, name, id)))
    .collect();
    let held = |title: &str, day: u32| Activity {
        start_time: "09:00".into(),
        end_time: "11:30".into(),
        location: "新港街道文明实践站".into(),
        ..common::held(title, "关爱系列", d(2026, 3, day))
    };
    common::record(
        &mut store,
        held("关爱空巢老人", 5),
        &[(&ids[0], 25), (&ids[1], 20)],
    );
    common::record(&mut store, held("清洁家园", 14), &[(&ids[2], 15)]);
    for (status, title) in [("计划中", "计划的义诊"), ("已取消", "取消的义卖")] {
        let a = Activity {
            status: status.into(),
            ..held(title, 20)
        };
        common::record(&mut store, a, &[(&ids[0], 10)]);
    }
    let april = Activity {
        date: d(2026, 4, 2),
        ..held("四月的活动", 1)
    };
    common::record(&mut store, april, &[(&ids[0], 10)]);
    ids
}

/// A platform template: a title row, then the header in its own order, then a sample row;
/// a second sheet of instructions.
fn template_xlsx(path: &Path, headers: &[&str]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("服务时长补录").unwrap();
    ws.write_string(0, 0, "志愿服务时长批量补录模板（请勿修改表头）")
        .unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
        ws.write_string(2, c as u16, "示例").unwrap();
    }
    let help = book.add_worksheet();
    help.set_name("填写说明").unwrap();
    help.write_string(0, 0, "证件号码请填写18位居民身份证号码")
        .unwrap();
    book.save(path).unwrap();
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(row: &[Data]) -> Vec<String> {
    row.iter()
        .map(|c| match c {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => panic!("a cell that is not text: {other:?}"),
        })
        .collect()
}

/// Exports the batch file of `covering` in `template` to `out`.
fn export(
    db: &Path,
    template: &str,
    covering: Covering,
    numbers: Numbers,
    mark: Option<(&str, chrono::NaiveDate)>,
    out: &Path,
) -> anyhow::Result<ops::Written> {
    let batch = ops::platform::Batch {
        numbers,
        mark_entered: mark.map(|(by, on)| (by.to_string(), on)),
        ..ops::platform::Batch::new(template, covering)
    };
    ops::platform::export(db, &batch, out, &mut |_| true)
}

fn march() -> Period {
    Period::parse("2026-03").unwrap()
}

#[test]
fn an_xlsx_template_gets_its_own_columns_in_a_copy_of_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let file = dir.path().join("志愿滨海模板.xlsx");
    template_xlsx(
        &file,
        &[
            "序号",
            "*身份证号码",
            "姓名",
            "证件类型",
            "服务日期(yyyy/mm/dd)",
            "时长（小时）",
            "项目名称",
            "备注",
        ],
    );
    let set = vec![(
        "证件类型".to_string(),
        ops::platform::parse_column("固定:居民身份证").unwrap(),
    )];
    let (template, unmatched) =
        ops::platform::add_template(&db, "志愿滨海补录", &file, &set).unwrap();
    assert_eq!(unmatched, vec!["序号", "备注"]);
    assert_eq!(template.columns[3], Column::Fixed("居民身份证".into()));
    assert_eq!(template.columns[1], Column::Field(PlatformField::IdNumber));

    let out = dir.path().join("三月补录.xlsx");
    let done = export(
        &db,
        "志愿滨海补录",
        Covering::Period(march(), Scope::All),
        Numbers::Masked,
        None,
        &out,
    )
    .unwrap();
    assert_eq!(done.count, 3, "{}", done.message);
    let rows = sheet(&out, "服务时长补录");
    // The title and the header stay; the sample row is gone; three rows follow.
    assert_eq!(
        text(&rows[0])[0],
        "志愿服务时长批量补录模板（请勿修改表头）"
    );
    assert_eq!(text(&rows[1])[1], "*身份证号码");
    assert_eq!(rows.len(), 5, "{rows:?}");
    let first = text(&rows[2]);
    assert_eq!(
        first,
        vec![
            "",
            "120116********1234",
            "王玥",
            "居民身份证",
            "2026/03/05",
            "2.5",
            "关爱空巢老人",
            ""
        ]
    );
    let titles: Vec<String> = rows[2..].iter().map(|r| text(r)[6].clone()).collect();
    assert_eq!(titles, ["关爱空巢老人", "关爱空巢老人", "清洁家园"]);
    // The instructions sheet is kept.
    assert_eq!(
        text(&sheet(&out, "填写说明")[0])[0],
        "证件号码请填写18位居民身份证号码"
    );

    // Whole numbers only when asked, as text, and logged; the activities marked entered.
    let whole = dir.path().join("三月补录-完整.xlsx");
    let done = export(
        &db,
        "志愿滨海补录",
        Covering::Period(march(), Scope::All),
        Numbers::Full,
        Some(("李经办", d(2026, 4, 10))),
        &whole,
    )
    .unwrap();
    assert!(
        done.message.contains("2 场活动已标记为已录入平台"),
        "{}",
        done.message
    );
    let rows = sheet(&whole, "服务时长补录");
    assert_eq!(text(&rows[3])[1], "12011619910202123X");
    assert_eq!(text(&rows[2])[1], "120116199001011234");
    let store = Store::open_read_only(&db).unwrap();
    let log = store.export_log(10).unwrap();
    assert_eq!(log.len(), 1);
    assert!(log[0].what.contains("志愿滨海补录"), "{}", log[0].what);
    assert_eq!(log[0].people, 3);
    let held = store.ledger_activities(&march(), &Scope::All).unwrap();
    for a in &held {
        let (platform, on, by) = store.entered(&a.id).unwrap().unwrap();
        assert_eq!(
            (platform.as_str(), on, by.as_str()),
            ("志愿滨海补录", d(2026, 4, 10), "李经办")
        );
    }
}

#[test]
fn an_xls_template_and_the_builtin_one_make_a_new_workbook_in_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let xls = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/名册-文本列.xls");
    let (template, _) = ops::platform::add_template(&db, "全国系统", &xls, &[]).unwrap();
    assert!(
        template
            .columns
            .contains(&Column::Field(PlatformField::Name))
    );
    let out = dir.path().join("全国.xlsx");
    let done = export(
        &db,
        "全国系统",
        Covering::Period(march(), Scope::All),
        Numbers::Masked,
        None,
        &out,
    )
    .unwrap();
    assert_eq!(done.count, 3);
    let rows = sheet(&out, "导入");
    assert_eq!(text(&rows[0]), template.headers);
    assert_eq!(rows.len(), 4);
    let name_col = template
        .columns
        .iter()
        .position(|c| *c == Column::Field(PlatformField::Name))
        .unwrap();
    assert_eq!(text(&rows[1])[name_col], "王玥");

    // The built-in template: the measures' order; planned, cancelled and April's are not there.
    let out = dir.path().join("内置.xlsx");
    export(
        &db,
        volunteer_ledger::domain::platform::BUILTIN,
        Covering::Period(march(), Scope::All),
        Numbers::Masked,
        None,
        &out,
    )
    .unwrap();
    let rows = sheet(&out, "导入");
    assert_eq!(text(&rows[0])[..3], ["姓名", "证件类型", "证件号码"]);
    let all: String = rows
        .iter()
        .map(|r| text(r).join("|"))
        .collect::<Vec<_>>()
        .join("\n");
    for absent in ["计划的义诊", "取消的义卖", "四月的活动"] {
        assert!(!all.contains(absent), "{absent}");
    }
    assert!(all.contains("09:00") && all.contains("11:30") && all.contains("2026-03-14"));

    // An unknown template is named with those there are.
    let e = export(
        &db,
        "没有这个",
        Covering::Period(march(), Scope::All),
        Numbers::Masked,
        None,
        &dir.path().join("x.xlsx"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("已保存：全国系统"), "{e}");
}

#[test]
fn the_command_line_saves_a_template_and_exports_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let file = dir.path().join("模板.xlsx");
    template_xlsx(
        &file,
        &["姓名", "证件号码", "活动名称", "服务时长", "证件类型"],
    );
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let r = run(&[
        "platform",
        "template",
        "add",
        "滨海",
        file.to_str().unwrap(),
        "--column",
        "证件类型=固定:居民身份证",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("证件类型 ← 固定：居民身份证"));
    let r = run(&["platform", "template", "list"]);
    assert!(String::from_utf8_lossy(&r.stdout).contains("滨海（模板.xlsx）"));
    let out = dir.path().join("导出.xlsx");
    let r = run(&[
        "export",
        "platform",
        "--template",
        "滨海",
        "--period",
        "2026-03",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("3 条服务记录"));
    let rows = sheet(&out, "服务时长补录");
    assert_eq!(
        text(&rows[2]),
        [
            "王玥",
            "120116********1234",
            "关爱空巢老人",
            "2.5",
            "居民身份证"
        ]
    );
    // The register for 志愿者批量导入: one row per volunteer, the activity's columns empty.
    let people = dir.path().join("志愿者.xlsx");
    let r = run(&[
        "export",
        "platform",
        "--template",
        "滨海",
        "--volunteers",
        "--out",
        people.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("导出 3 名志愿者"));
    let rows = sheet(&people, "服务时长补录");
    assert_eq!(rows.len(), 5);
    assert_eq!(
        text(&rows[2]),
        ["王玥", "120116********1234", "", "", "居民身份证"]
    );
    // Files of at most two rows: 名称-1.xlsx and 名称-2.xlsx.
    let split = dir.path().join("分开.xlsx");
    let r = run(&[
        "export",
        "platform",
        "--period",
        "2026-03",
        "--per-file",
        "2",
        "--out",
        split.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("分为 2 个文件"));
    assert_eq!(sheet(&dir.path().join("分开-2.xlsx"), "导入").len(), 2);
    // A column set to a field that does not exist is refused with the choices.
    let r = run(&[
        "platform",
        "template",
        "add",
        "坏",
        file.to_str().unwrap(),
        "--column",
        "姓名=籍贯",
    ]);
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("不是可对应的字段"));
}

#[test]
fn a_reconcile_of_an_export_edited_in_three_cells_names_those_three() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    let ids = ledger(&db);
    // A fourth person on the 14th, so there are four records to compare.
    {
        let mut store = Store::open(&db).unwrap();
        let v = common::enrol(
            &mut store,
            common::numbered("SF0000004", "孙犇", "120116199304041238"),
        );
        let a = store.ledger_activities(&march(), &Scope::All).unwrap()[1]
            .id
            .clone();
        let mut people: Vec<(String, Tenths)> = store
            .activity_participants(&a)
            .unwrap()
            .into_iter()
            .map(|p| (p.volunteer_id, p.hours))
            .collect();
        people.push((v, Tenths(30)));
        let mut act: Activity = store.get(&a).unwrap();
        store.save_activity(&mut act, &people).unwrap();
        let _ = ids;
    }
    let out = dir.path().join("导出.xlsx");
    export(
        &db,
        volunteer_ledger::domain::platform::BUILTIN,
        Covering::Period(march(), Scope::All),
        Numbers::Full,
        None,
        &out,
    )
    .unwrap();
    // The platform's own export: the same rows, three hours changed.
    let mut rows: Vec<Vec<String>> = sheet(&out, "导入").iter().map(|r| text(r)).collect();
    let hours = rows[0]
        .iter()
        .position(|h| h == "服务时长（小时）")
        .unwrap();
    for (row, value) in [(1, "3.0"), (3, "1"), (4, "2.5")] {
        rows[row][hours] = value.to_string();
    }
    let edited = dir.path().join("平台导出.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "志愿服务记录查询结果").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, t).unwrap();
        }
    }
    book.save(&edited).unwrap();
    let found = ops::platform::reconcile(&db, &edited, &march()).unwrap();
    assert_eq!(found.differ.len(), 3, "{found:?}");
    assert!(
        found.only_there.is_empty() && found.only_here.is_empty(),
        "{found:?}"
    );
    assert_eq!(found.agree, 1);
    let mut changed: Vec<(usize, String)> = found
        .differ
        .iter()
        .map(|d| (d.row, d.there.clone()))
        .collect();
    changed.sort();
    // Rows 3, 5 and 6 of the file (a title above the header).
    assert_eq!(
        changed,
        [
            (3, "3.0".to_string()),
            (5, "1.0".to_string()),
            (6, "2.5".to_string())
        ]
    );
    // Nothing in the ledger changed.
    let store = Store::open_read_only(&db).unwrap();
    let total: i64 = store
        .service_lines(&march(), &Scope::All)
        .unwrap()
        .iter()
        .map(|l| l.hours.0)
        .sum();
    assert_eq!(total, 25 + 20 + 15 + 30);
    drop(store);

    // From the command line: the differences, and a non-zero exit.
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args(["platform", "reconcile"])
        .arg(&edited)
        .args(["--period", "2026-03"])
        .output()
        .unwrap();
    assert!(!r.status.success());
    let said = String::from_utf8_lossy(&r.stdout);
    assert!(said.contains("时长不同 3 条"), "{said}");
    assert!(said.contains("台账 2.5 小时，平台 3.0 小时"), "{said}");
    // A row only there and one only here.
    rows.remove(2);
    rows.push({
        let mut extra = rows[1].clone();
        extra[hours] = "1.0".into();
        extra[0] = "外来人".into();
        extra[2] = "120116199505051230".into();
        extra
    });
    let edited2 = dir.path().join("平台导出2.csv");
    let csv: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    std::fs::write(&edited2, csv).unwrap();
    let found = ops::platform::reconcile(&db, &edited2, &march()).unwrap();
    assert_eq!(found.only_there.len(), 1, "{found:?}");
    assert_eq!(found.only_there[0].1.name, "外来人");
    assert_eq!(found.only_here.len(), 1, "{found:?}");
}

#[test]
fn marking_entered_flows_to_the_list_filter_the_todo_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let today = d(2026, 4, 30);
    let not_entered = |store: &Store| {
        let q = volunteer_ledger::store::lists::ListQuery {
            status: Some("未录入平台".into()),
            ..volunteer_ledger::store::lists::ListQuery::search("")
        };
        let rows = (ops::lists::ACTIVITIES.page)(store, &q, 0, 100).unwrap();
        let mut titles: Vec<String> = rows.into_iter().map(|r| r.title).collect();
        titles.sort();
        titles
    };
    let todo = |store: &Store| -> Vec<String> {
        store
            .todo(today)
            .unwrap()
            .into_iter()
            .map(|t| t.text)
            .filter(|t| t.contains("录入"))
            .collect()
    };
    let store = Store::open_read_only(&db).unwrap();
    // Held ones only: not the planned or the cancelled.
    assert_eq!(
        not_entered(&store),
        ["关爱空巢老人", "四月的活动", "清洁家园"]
    );
    // The platforms are not in use yet: 待办 says nothing about them.
    assert!(todo(&store).is_empty(), "{:?}", todo(&store));
    assert_eq!(store.report_in(&march(), &Scope::All).unwrap().entered, 0);
    drop(store);

    // March exported and marked entered.
    export(
        &db,
        volunteer_ledger::domain::platform::BUILTIN,
        Covering::Period(march(), Scope::All),
        Numbers::Masked,
        Some(("李经办", d(2026, 4, 10))),
        &dir.path().join("三月.xlsx"),
    )
    .unwrap();
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(not_entered(&store), ["四月的活动"]);
    let r = store.report_in(&march(), &Scope::All).unwrap();
    assert_eq!((r.activities, r.entered), (2, 2));
    // April's, 2 April, is more than 10 working days before 30 April and not entered.
    let said = todo(&store);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].contains("4月2日“四月的活动”") && said[0].contains("尚未录入"),
        "{said:?}"
    );
    assert!(
        store
            .todo(d(2026, 4, 10))
            .unwrap()
            .iter()
            .all(|t| !t.text.contains("尚未录入"))
    );
}

#[test]
fn the_window_corrects_a_templates_columns_and_exports_last_month() {
    use common::{Settle, type_into};
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    let file = dir.path().join("滨海模板.xlsx");
    template_xlsx(&file, &["姓名", "证件号码", "活动名称", "服务时长", "籍贯"]);
    ops::platform::add_template(&db, "滨海", &file, &[]).unwrap();
    h.get_by_label("活动").click();
    h.settle();
    h.get_by_label("导出到平台…").click();
    h.settle();
    h.get_by_label("模板").click();
    h.settle();
    h.get_by_label("滨海（滨海模板.xlsx）").click();
    h.settle();
    // A template with a column not recognised opens its 列对应 at once.
    h.get_by_label_contains("列对应（5 列，其中 1 列未认出");
    // 籍贯 gets a fixed text; saved for the next time.
    h.get_by_label("籍贯").click();
    h.settle();
    h.get_by_label("固定文字…").click();
    h.settle();
    h.get_by_label("保存列对应").click();
    h.settle();
    h.wait_for_label_contains("已保存模板“滨海”的列对应");
    let saved = Store::open_read_only(&db)
        .unwrap()
        .platform_template("滨海")
        .unwrap()
        .unwrap();
    assert_eq!(saved.template.columns[4], Column::Fixed(String::new()));

    let out = dir.path().join("上月.xlsx");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_label("导出后把这些活动标记为已录入平台").click();
    h.settle();
    type_into(&mut h, "录入人", "李经办");
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains("已按模板“滨海”导出");
    let rows = sheet(&out, "服务时长补录");
    assert!(rows.len() > 2);
    assert!(text(&rows[2])[1].contains("********"), "masked by default");
    use chrono::Datelike;
    let today = common::today();
    let last = today.with_day(1).unwrap().pred_opt().unwrap();
    let month = Period::parse(&last.format("%Y-%m").to_string()).unwrap();
    let store = Store::open_read_only(&db).unwrap();
    for a in store.ledger_activities(&month, &Scope::All).unwrap() {
        if a.participants > 0 {
            assert_eq!(store.entered(&a.id).unwrap().unwrap().2, "李经办");
        }
    }
}

#[test]
fn a_held_activity_is_marked_entered_by_hand_in_its_form_and_the_mark_taken_back() {
    use common::{Settle, type_into};
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    let store = Store::open_read_only(&db).unwrap();
    let f = volunteer_ledger::store::activities::ActivityFilter {
        status: Some("已完成".into()),
        ..Default::default()
    };
    let row = store.activity_page(&f, 0, 1).unwrap().remove(0);
    drop(store);
    h.get_by_label("活动").click();
    h.settle();
    type_into(&mut h, "查找活动名称", &row.title);
    h.get_all_by_label(&row.title).next().unwrap().click();
    h.settle();
    h.get_by_label("编辑活动").click();
    h.settle();
    h.get_by_label("尚未录入志愿服务信息平台。");
    h.get_by_label("标记为已录入平台").click();
    h.settle();
    h.wait_for_label_contains("已标记为已录入志愿滨海");
    h.wait_for_label_contains("已录入平台：志愿滨海（");
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.entered(&row.id).unwrap().unwrap().0, "志愿滨海");
    drop(store);
    h.get_by_label("取消已录入标记").click();
    h.settle();
    h.wait_for_label_contains("已取消已录入平台的标记");
    assert!(
        Store::open_read_only(&db)
            .unwrap()
            .entered(&row.id)
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_window_compares_with_the_platform_and_adopts_its_hours() {
    use common::{Settle, type_into};
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    let year = Period::parse(&common::today().format("%Y").to_string()).unwrap();
    let out = dir.path().join("全年.xlsx");
    export(
        &db,
        volunteer_ledger::domain::platform::BUILTIN,
        Covering::Period(year.clone(), Scope::All),
        Numbers::Full,
        None,
        &out,
    )
    .unwrap();
    let mut rows: Vec<Vec<String>> = sheet(&out, "导入").iter().map(|r| text(r)).collect();
    let hours = rows[0]
        .iter()
        .position(|h| h == "服务时长（小时）")
        .unwrap();
    rows[1][hours] = "9.5".into();
    let platform = dir.path().join("平台导出.csv");
    let csv: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    std::fs::write(&platform, csv).unwrap();

    h.get_by_label("统计与总结").click();
    h.settle();
    h.wait_for_label("与平台比对…");
    h.get_by_label("与平台比对…").click();
    h.settle();
    type_into(&mut h, "平台导出的文件", &platform.display().to_string());
    h.get_by_label("比对").click();
    h.settle();
    h.wait_for_label_contains("时长不同 1 条，只在平台上 0 条，只在台账中 0 条");
    h.get_by_label("采用平台的").click();
    h.settle();
    h.wait_for_label_contains("已把台账中的这条时长改为平台上的 9.5 小时");
    let found = ops::platform::reconcile(&db, &platform, &year).unwrap();
    assert!(!found.any(), "{found:?}");
    common::assert_totals_true(&db);
}

#[test]
fn the_selected_activities_and_the_lists_activities_go_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let out = dir.path().join("一场.xlsx");
    let r = run(&[
        "export",
        "platform",
        "--activity",
        "清洁家园",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("1 场活动的 1 条服务记录"));
    // The list searched for 关爱: the held one only (the planned and cancelled ones have people
    // listed but count for nothing).
    let listed = dir.path().join("列表.xlsx");
    let q = volunteer_ledger::store::lists::ListQuery::search("关爱");
    let done = export(
        &db,
        volunteer_ledger::domain::platform::BUILTIN,
        Covering::Listed(q.clone()),
        Numbers::Masked,
        None,
        &listed,
    )
    .unwrap();
    assert_eq!(done.count, 2, "{}", done.message);
    let all = export(
        &db,
        volunteer_ledger::domain::platform::BUILTIN,
        Covering::Listed(volunteer_ledger::store::lists::ListQuery::search("")),
        Numbers::Masked,
        None,
        &dir.path().join("全部.xlsx"),
    )
    .unwrap();
    assert_eq!(
        all.count, 4,
        "planned and cancelled give no rows: {}",
        all.message
    );
}

#[test]
fn the_window_exports_the_activities_the_list_shows() {
    use common::{Settle, type_into};
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    h.get_by_label("活动").click();
    h.settle();
    type_into(&mut h, "查找活动名称", "11月");
    h.get_by_label("导出到平台…").click();
    h.settle();
    h.get_by_label("活动列表中显示的活动（按当前的查找和筛选，只导出其中已完成的）")
        .click();
    h.settle();
    let out = dir.path().join("十一月的.xlsx");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains("已按模板");
    let q = volunteer_ledger::store::lists::ListQuery::search("11月");
    let store = Store::open_read_only(&db).unwrap();
    let ids = ops::documents::listed_activities(&store, &q).unwrap();
    let want = store.service_lines_of(&ids).unwrap().len();
    assert!(want > 0);
    assert_eq!(sheet(&out, "导入").len(), want + 1);
}

#[test]
fn a_batch_too_large_for_one_file_goes_into_several_keeping_each_activity_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let year = Period::parse("2026").unwrap();
    let out = dir.path().join("全年.xlsx");
    // 关爱空巢老人 (2), 清洁家园 (1), 四月的活动 (1): at most 2 rows a file.
    let batch = ops::platform::Batch {
        per_file: 2,
        ..ops::platform::Batch::new(
            volunteer_ledger::domain::platform::BUILTIN,
            Covering::Period(year.clone(), Scope::All),
        )
    };
    let done = ops::platform::export(&db, &batch, &out, &mut |_| true).unwrap();
    assert_eq!(done.count, 4);
    assert!(done.message.contains("分为 2 个文件"), "{}", done.message);
    assert!(!out.exists());
    let titles = |k: usize| -> Vec<String> {
        let rows = sheet(&dir.path().join(format!("全年-{k}.xlsx")), "导入");
        let col = text(&rows[0]).iter().position(|h| h == "活动名称").unwrap();
        rows[1..].iter().map(|r| text(r)[col].clone()).collect()
    };
    assert_eq!(titles(1), ["关爱空巢老人", "关爱空巢老人"]);
    assert_eq!(titles(2), ["清洁家园", "四月的活动"]);

    // An activity larger than a file is cut; a cancel after the first file leaves none.
    let one = ops::platform::Batch {
        per_file: 1,
        ..batch.clone()
    };
    let out = dir.path().join("每行.xlsx");
    let done = ops::platform::export(&db, &one, &out, &mut |_| true).unwrap();
    assert!(done.message.contains("分为 4 个文件"), "{}", done.message);
    assert_eq!(titles(1).len(), 2, "the first batch is unchanged");
    let cancelled = dir.path().join("取消.xlsx");
    let mut calls = 0;
    let e = ops::platform::export(&db, &one, &cancelled, &mut |_| {
        calls += 1;
        calls < 3
    })
    .unwrap_err();
    assert!(e.to_string().contains("取消"), "{e}");
    for k in 1..=4 {
        assert!(!dir.path().join(format!("取消-{k}.xlsx")).exists(), "{k}");
    }
}

#[test]
fn a_templates_date_cells_say_how_its_dates_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    // The header says nothing of the format; the sample row's cell does.
    for (name, format, expected) in [
        ("年月日", "yyyy\"年\"m\"月\"d\"日\"", "2026年3月5日"),
        ("紧凑", "yyyymmdd", "20260305"),
        ("斜线", "yyyy/m/d", "2026/03/05"),
    ] {
        let file = dir.path().join(format!("{name}.xlsx"));
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        let headers = ["姓名", "活动日期", "活动名称"];
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        let date = rust_xlsxwriter::Format::new().set_num_format(format);
        ws.write_string(1, 0, "示例").unwrap();
        ws.write_number_with_format(1, 1, 46000.0, &date).unwrap();
        ws.write_string(1, 2, "示例活动").unwrap();
        book.save(&file).unwrap();
        ops::platform::add_template(&db, name, &file, &[]).unwrap();
        let out = dir.path().join(format!("三月-{name}.xlsx"));
        export(
            &db,
            name,
            Covering::Period(march(), Scope::All),
            Numbers::Masked,
            None,
            &out,
        )
        .unwrap();
        let mut book = calamine::open_workbook_auto(&out).unwrap();
        let sheet_name = book.sheet_names()[0].clone();
        let rows: Vec<Vec<String>> = book
            .worksheet_range(&sheet_name)
            .unwrap()
            .rows()
            .map(text)
            .collect();
        assert_eq!(rows[0], headers);
        assert_eq!(rows[1], ["王玥", expected, "关爱空巢老人"], "{name}");
    }
}

#[test]
fn the_window_adds_a_template_by_its_path_and_exports_the_found_volunteers() {
    use common::{Settle, type_into};
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    let file = dir.path().join("志愿者导入模板.xlsx");
    template_xlsx(&file, &["姓名", "证件号码", "性别", "手机号码", "籍贯"]);
    // The register narrowed to those named 王.
    type_into(&mut h, "查找", "王");
    h.wait_for_label_contains("找到");
    let found = common::screen_text(&h)
        .lines()
        .find(|l| l.contains("找到"))
        .and_then(|l| {
            l.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .parse::<usize>()
                .ok()
        })
        .unwrap();
    assert!(found > 0);
    h.get_by_label("导出到平台…").click();
    h.settle();
    h.get_by_label_contains("导出志愿者到平台");
    h.get_by_label("添加模板…").click();
    h.settle();
    type_into(&mut h, "模板文件", &file.display().to_string());
    // The name is the file's unless another is typed.
    h.get_by_label("读入").click();
    h.settle();
    h.wait_for_label_contains("列对应（5 列，其中 1 列未认出");
    let saved = Store::open_read_only(&db)
        .unwrap()
        .platform_template("志愿者导入模板")
        .unwrap()
        .unwrap();
    assert_eq!(
        saved.template.columns[0],
        Column::Field(PlatformField::Name)
    );
    let out = dir.path().join("志愿者.xlsx");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains("已按模板“志愿者导入模板”导出");
    let rows = sheet(&out, "服务时长补录");
    assert_eq!(
        rows.len() - 2,
        found,
        "the title, the header, then one row each"
    );
    for r in &rows[2..] {
        let r = text(r);
        assert!(r[0].starts_with('王'), "{r:?}");
        assert!(r[1].contains("********"), "masked by default: {r:?}");
    }
}

#[test]
fn after_an_export_the_window_asks_to_mark_its_activities_entered() {
    use common::{Settle, type_into};
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    h.get_by_label("活动").click();
    h.settle();
    h.get_by_label("导出到平台…").click();
    h.settle();
    let out = dir.path().join("上月.xlsx");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains("刚导出的");
    use chrono::Datelike;
    let today = common::today();
    let last = today.with_day(1).unwrap().pred_opt().unwrap();
    let month = Period::parse(&last.format("%Y-%m").to_string()).unwrap();
    let held: Vec<String> = Store::open_read_only(&db)
        .unwrap()
        .ledger_activities(&month, &Scope::All)
        .unwrap()
        .into_iter()
        .filter(|a| a.participants > 0)
        .map(|a| a.id)
        .collect();
    assert!(!held.is_empty());
    // Nothing is marked until she says so.
    for id in &held {
        assert_eq!(
            Store::open_read_only(&db).unwrap().entered(id).unwrap(),
            None
        );
    }
    type_into(&mut h, "录入人", "王经办");
    h.get_by_label("标记为已录入平台").click();
    h.settle();
    h.wait_for_label_contains("场活动标记为已录入");
    let store = Store::open_read_only(&db).unwrap();
    for id in &held {
        let (platform, on, by) = store.entered(id).unwrap().unwrap();
        assert_eq!(
            (platform.as_str(), on, by.as_str()),
            (volunteer_ledger::domain::platform::BUILTIN, today, "王经办")
        );
    }
    assert!(h.query_by_label_contains("刚导出的").is_none());
}
