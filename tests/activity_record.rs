//! 活动记录表: a 300-person activity read back from the PDF and the Word file — every
//! participant, the header on every page, the total; from the command line by title (and date),
//! and from the window's activity list.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read as _;
use std::path::Path;

use common::{Settle, d, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use volunteer_ledger::ops;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;

/// A ledger with one held activity of 300 people (1.5 hours each, one with a remark) and
/// another of the same title on another day; returns the big one's key.
fn ledger(db: &Path) -> String {
    let mut store = Store::open(db).unwrap();
    store
        .set_setting(
            volunteer_ledger::store::settings::keys::UNIT_NAME,
            "新港街道办事处",
        )
        .unwrap();
    let ids: Vec<String> = (0..300u16)
        .map(|i| {
            let name = format!("测试{}号", i + 1);
            common::enrol(
                &mut store,
                common::person(&format!("SF{:07}", i + 1), &name, d(1990, 1, 1), i + 1),
            )
        })
        .collect();
    let people: Vec<(&str, i64)> = ids.iter().map(|id| (id.as_str(), 15)).collect();
    let big = Activity {
        location: "新港街道文明实践站".into(),
        leader: "王玥".into(),
        served_count: 120,
        content: "清理小区楼道堆物，宣传垃圾分类。".into(),
        recorder: "李喆".into(),
        ..common::held(
            "学雷锋志愿服务日：清洁家园",
            "学雷锋志愿服务日",
            d(2026, 3, 14),
        )
    };
    let id = common::record(&mut store, big, &people);
    // Two photos and a file that only looks like one.
    let dir = db.parent().unwrap();
    let jpg = dir.join("合影.jpg");
    image::RgbImage::from_fn(320, 200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    })
    .save(&jpg)
    .unwrap();
    let png = dir.join("签到表.png");
    image::RgbImage::from_fn(200, 300, |x, _| image::Rgb([200, (x % 256) as u8, 40]))
        .save(&png)
        .unwrap();
    let bad = dir.join("坏.jpg");
    std::fs::write(&bad, b"not a picture at all").unwrap();
    for f in [&jpg, &png, &bad] {
        store.attach_file("activities", &id, f).unwrap();
    }
    let small = common::held(
        "学雷锋志愿服务日：清洁家园",
        "学雷锋志愿服务日",
        d(2026, 4, 11),
    );
    common::record(&mut store, small, &people[..2]);
    id
}

#[test]
fn a_300_person_record_sheet_lists_everyone_with_the_header_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    let id = ledger(&db);

    let pdf = dir.path().join("记录表.pdf");
    let done = ops::documents::activity_record(&db, &id, &pdf).unwrap();
    assert_eq!(done.count, 300);
    let text = pdf_extract::extract_text(&pdf).unwrap();
    let pages = text.matches("第 ").filter(|_| true).count();
    let headers = text.matches("志愿者编号").count();
    assert!(headers >= 6, "300 rows take several pages: {headers}");
    assert!(pages >= headers, "a page number on every page");
    for i in 1..=300 {
        assert!(text.contains(&format!("测试{i}号")), "测试{i}号 missing");
        assert!(text.contains(&format!("SF{i:07}")), "SF{i:07} missing");
    }
    assert!(
        text.contains("参与志愿者（300 人，服务时长合计 450.0 小时）"),
        "{text}"
    );
    assert!(text.contains("合计"));
    assert!(
        text.contains(&format!("第 {headers} 页 共 {headers} 页")),
        "{text}"
    );
    assert!(text.contains("记录人：李喆"));
    assert!(text.contains("新港街道文明实践站"));
    assert!(text.contains("单位：新港街道办事处"));
    assert!(text.contains("活动照片（2 张）"), "{text}");
    assert!(text.contains("合影.jpg") && text.contains("签到表.png"));
    assert!(
        text.contains("未能显示的照片：坏.jpg（不是可显示的图片）"),
        "{text}"
    );
    let raw = std::fs::read(&pdf).unwrap();
    let images = raw
        .windows(b"/Subtype /Image".len())
        .filter(|w| *w == b"/Subtype /Image")
        .count()
        + raw
            .windows(b"/Subtype/Image".len())
            .filter(|w| *w == b"/Subtype/Image")
            .count();
    assert!(images >= 2, "{images} pictures in the PDF");

    let docx = dir.path().join("记录表.docx");
    ops::documents::activity_record(&db, &id, &docx).unwrap();
    let file = std::fs::File::open(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert_eq!(xml.matches("<w:tblHeader").count(), 1);
    assert_eq!(xml.matches("<w:cantSplit").count(), 13 + 301);
    for i in 1..=300 {
        assert!(xml.contains(&format!(">测试{i}号<")), "测试{i}号 missing");
    }
    assert!(xml.contains(">450.0<"));
    let media = (0..zip.len())
        .filter(|i| {
            zip.by_index(*i)
                .unwrap()
                .name()
                .unwrap()
                .starts_with("word/media/")
        })
        .count();
    assert!(media >= 2, "{media} pictures in the Word file");
    assert!(xml.contains("坏.jpg（不是可显示的图片）"));

    // Any other name is refused, and no file is left.
    let bad = dir.path().join("记录表.txt");
    assert!(ops::documents::activity_record(&db, &id, &bad).is_err());
    assert!(!bad.exists());
}

#[test]
fn the_command_line_finds_the_activity_by_title_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let run = |args: &[&str], out: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .arg("--db")
            .arg(&db)
            .args(["export", "activity-record"])
            .args(args)
            .arg("--out")
            .arg(out)
            .output()
            .unwrap()
    };
    // Two activities have this title: both named, nothing written.
    let out = dir.path().join("a.pdf");
    let r = run(&["--activity", "清洁家园"], &out);
    assert!(!r.status.success());
    let said = String::from_utf8_lossy(&r.stderr);
    assert!(
        said.contains("2026-03-14") && said.contains("2026-04-11"),
        "{said}"
    );
    assert!(!out.exists());
    // With the date, the one of that day.
    let r = run(&["--activity", "清洁家园", "--date", "2026-04-11"], &out);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("2 名参与者"));
    let text = pdf_extract::extract_text(&out).unwrap();
    assert!(text.contains("2026年4月11日"), "{text}");
    // A title no activity has.
    let r = run(&["--activity", "植树"], &dir.path().join("b.pdf"));
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("没有名称含“植树”的活动"));
}

#[test]
fn the_activity_list_writes_the_selected_activitys_record_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let mut h = common::app_at(&db, egui::vec2(1400.0, 900.0));
    h.settle();
    h.get_by_label("活动").click();
    h.settle();
    h.wait_for_label("2026-04-11 周六");
    h.get_all_by_label("2026-04-11 周六")
        .next()
        .unwrap()
        .click();
    h.settle();
    h.get_by_label("活动记录表…").click();
    h.settle();
    h.get_by_label("生成活动记录表");
    let out = dir.path().join("四月.docx");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains("的活动记录表（2 名参与者）");
    assert!(out.exists());
    // 打开 and 打开所在文件夹 are offered for it.
    h.get_by_label_contains("已生成：");

    // From the form of a saved activity, over the form.
    h.get_all_by_label("2026-03-14 周六")
        .next()
        .unwrap()
        .click();
    h.settle();
    h.get_by_label("编辑活动").click();
    h.settle();
    // The form offers it too (the list's own is under the form).
    assert_eq!(h.get_all_by_label("活动记录表…").count(), 2);
    h.get_all_by_label("活动记录表…").last().unwrap().click();
    h.settle();
    let out = dir.path().join("三月.pdf");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains("的活动记录表（300 名参与者）");
    assert!(
        pdf_extract::extract_text(&out)
            .unwrap()
            .contains("测试300号")
    );
}

#[test]
fn the_sheets_of_every_listed_activity_go_into_one_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    let big = ledger(&db);
    let out = dir.path().join("两场.pdf");
    let query = volunteer_ledger::store::lists::ListQuery::search("清洁家园");
    let done = ops::documents::listed_activity_records(&db, &query, &out, &mut |_| true).unwrap();
    assert_eq!(done.count, 2);
    let text = pdf_extract::extract_text(&out).unwrap();
    assert_eq!(text.matches("志愿服务活动记录表").count(), 2);
    assert!(text.contains("2026年3月14日") && text.contains("2026年4月11日"));
    assert!(text.contains("测试300号"));
    // Several sheets make one PDF only; a list that shows nothing is named.
    let docx = dir.path().join("两场.docx");
    assert!(ops::documents::listed_activity_records(&db, &query, &docx, &mut |_| true).is_err());
    assert!(!docx.exists());
    let none = volunteer_ledger::store::lists::ListQuery::search("没有这样的活动");
    let e = ops::documents::listed_activity_records(&db, &none, &out, &mut |_| true).unwrap_err();
    assert!(e.to_string().contains("列表中没有活动"), "{e}");

    // From the command line, by key and by title.
    let both = dir.path().join("命令行.pdf");
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args(["export", "activity-record", "--activity", &big])
        .args(["--activity", "清洁家园", "--date", "2026-04-11"])
        .arg("--out")
        .arg(&both)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("2 场活动"));
    let text = pdf_extract::extract_text(&both).unwrap();
    assert!(text.contains("2026年3月14日") && text.contains("2026年4月11日"));
}
