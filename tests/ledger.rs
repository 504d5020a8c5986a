//! The 台账 of a period: the PDF holds every held activity's title once in the list and once
//! as its record sheet, none of the planned, cancelled or other months' ones, the trainings with
//! their attendees and the needs with what served them; the Word folder has a file per sheet;
//! a cancel leaves nothing; the command line writes it and names an unknown scope.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read as _;
use std::path::Path;

use common::d;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::domain::period::Period;
use volunteer_ledger::ops;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::paperwork::Need;
use volunteer_ledger::store::records::Training;
use volunteer_ledger::store::report::Scope;

const HELD: [&str; 3] = ["春季植树护绿", "关爱空巢老人", "文明交通劝导"];
const CATEGORIES: [&str; 3] = ["关爱系列", "关爱系列", "邻里守望"];

/// March 2026: three held activities, one planned and one cancelled; a held one in April; a
/// training with two attendees; a need served by one of March's activities. The first keeps a
/// photo and a signed sheet, the second (关爱系列 too) nothing, the third a photo.
fn ledger(db: &Path) {
    let mut store = Store::open(db).unwrap();
    store
        .set_setting(
            volunteer_ledger::store::settings::keys::UNIT_NAME,
            "新港街道办事处",
        )
        .unwrap();
    let a = common::enrol(
        &mut store,
        common::person("SF0000001", "王玥", d(1990, 1, 1), 1),
    );
    let b = common::enrol(
        &mut store,
        common::person("SF0000002", "赵喆", d(1991, 2, 2), 2),
    );
    let mut served = String::new();
    for (i, title) in HELD.iter().enumerate() {
        let id = common::record(
            &mut store,
            common::held(title, CATEGORIES[i], d(2026, 3, 5 + i as u32)),
            &[(&a, 20), (&b, 15)],
        );
        let dir = db.parent().unwrap();
        match i {
            0 => {
                let jpg = dir.join("合影.jpg");
                image::RgbImage::from_fn(240, 160, |x, y| {
                    image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
                })
                .save(&jpg)
                .unwrap();
                let signed = dir.join("签到表（已签）.pdf");
                std::fs::write(&signed, b"%PDF-1.4 signed sheet").unwrap();
                store.attach_file("activities", &id, &jpg).unwrap();
                store.attach_file("activities", &id, &signed).unwrap();
            }
            1 => served = id,
            _ => {
                let png = dir.join("照片.png");
                image::RgbImage::from_fn(100, 80, |x, _| image::Rgb([30, (x % 256) as u8, 200]))
                    .save(&png)
                    .unwrap();
                store.attach_file("activities", &id, &png).unwrap();
            }
        }
    }
    let planned = Activity {
        status: "计划中".into(),
        ..common::held("计划中的义诊", "邻里守望", d(2026, 3, 28))
    };
    common::record(&mut store, planned, &[]);
    let cancelled = Activity {
        status: "已取消".into(),
        ..common::held("取消的义卖", "邻里守望", d(2026, 3, 21))
    };
    common::record(&mut store, cancelled, &[]);
    common::record(
        &mut store,
        common::held("四月的清扫", "邻里守望", d(2026, 4, 2)),
        &[(&a, 10)],
    );
    let mut training = Training {
        date: d(2026, 3, 12),
        topic: "志愿服务条例学习".into(),
        hours: Tenths(20),
        ..Default::default()
    };
    store
        .save_training(&mut training, &[a.clone(), b.clone()])
        .unwrap();
    let mut need = Need {
        person: "刘大爷".into(),
        kind: "孤寡老人".into(),
        status: "已对接".into(),
        recorded_on: d(2026, 3, 2),
        ..Default::default()
    };
    store.save_need(&mut need, &[served]).unwrap();
}

fn march() -> Period {
    Period::parse("2026-03").unwrap()
}

#[test]
fn a_months_ledger_holds_each_held_activity_in_the_list_and_as_a_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let pdf = dir.path().join("三月台账.pdf");
    let mut seen = Vec::new();
    let done = ops::documents::ledger(&db, &march(), &Scope::All, d(2026, 4, 1), &pdf, &mut |p| {
        seen.push(p);
        true
    })
    .unwrap();
    assert_eq!(done.count, 3);
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    let text = pdf_extract::extract_text(&pdf).unwrap();
    for title in HELD {
        // Once in the list, once on its sheet; the need served names 关爱空巢老人 once more.
        let times = if title == HELD[1] { 3 } else { 2 };
        assert_eq!(text.matches(title).count(), times, "{title} in:\n{text}");
    }
    for absent in ["计划中的义诊", "取消的义卖", "四月的清扫"] {
        assert!(!text.contains(absent), "{absent} in:\n{text}");
    }
    assert_eq!(text.matches("志愿服务活动记录表").count(), 3);
    assert!(text.contains("新港街道办事处志愿服务台账"), "{text}");
    assert!(text.contains("目") && text.contains("编制日期：2026年4月1日"));
    assert!(text.contains("期　　间：2026年3月"), "{text}");
    // The list's total: 3 activities, 6 participations, 10.5 hours.
    assert!(text.contains("3 场") && text.contains("10.5"), "{text}");
    assert!(text.contains("志愿服务条例学习"));
    assert!(
        text.contains("参加人员：王玥（SF0000001）、赵喆（SF0000002）"),
        "{text}"
    );
    assert!(text.contains("刘大爷") && text.contains("2026-03-06 关爱空巢老人"));
    let pages = text.matches("第 ").count();
    let last = (1..=pages)
        .rev()
        .find(|n| text.contains(&format!("共 {n} 页")))
        .unwrap();
    assert!(text.contains(&format!("第 {last} 页 共 {last} 页")));
    // The contents point at the record sheets' first page: cover, contents, list, then sheets.
    assert!(
        text.lines()
            .any(|l| l.contains("二、活动记录表") && l.contains("第 4 页")),
        "{text}"
    );
}

#[test]
fn the_word_folder_has_a_file_per_sheet_and_a_cancel_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let out = dir.path().join("三月台账");
    let done = ops::documents::ledger(&db, &march(), &Scope::All, d(2026, 4, 1), &out, &mut |_| {
        true
    })
    .unwrap();
    assert!(done.message.contains("8 个 Word 文件"), "{}", done.message);
    let mut sheets: Vec<String> = std::fs::read_dir(out.join("活动记录表"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    sheets.sort();
    assert_eq!(
        sheets,
        [
            "001 2026-03-05 春季植树护绿.docx",
            "002 2026-03-06 关爱空巢老人.docx",
            "003 2026-03-07 文明交通劝导.docx"
        ]
    );
    let xml = |path: &Path| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    };
    let cover = xml(&out.join("一、志愿服务活动一览.docx"));
    for title in HELD {
        assert!(cover.contains(title), "{title}");
    }
    assert!(!cover.contains("计划中的义诊"));
    let trainings = xml(&out.join("三、志愿者培训.docx"));
    assert!(trainings.contains("王玥（SF0000001）"), "{trainings}");
    let needs = xml(&out.join("六、邻里守望需求登记.docx"));
    assert!(needs.contains("刘大爷"));
    let sheet = xml(&out.join("活动记录表").join(&sheets[1]));
    assert!(sheet.contains(">赵喆<"), "{sheet}");

    // A folder that is not empty is refused; a cancel leaves neither the folder nor a part.
    assert!(
        ops::documents::ledger(&db, &march(), &Scope::All, d(2026, 4, 1), &out, &mut |_| {
            true
        })
        .unwrap_err()
        .to_string()
        .contains("不是空的")
    );
    let other = dir.path().join("取消的台账");
    let stopped = ops::documents::ledger(
        &db,
        &march(),
        &Scope::All,
        d(2026, 4, 1),
        &other,
        &mut |p| p < 0.3,
    );
    assert!(stopped.is_err());
    let pdf = dir.path().join("取消.pdf");
    let stopped =
        ops::documents::ledger(&db, &march(), &Scope::All, d(2026, 4, 1), &pdf, &mut |p| {
            p < 0.3
        });
    assert!(stopped.is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("取消"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_command_line_writes_the_ledger_and_names_an_unknown_scope() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .arg("--db")
            .arg(&db)
            .args(["export", "ledger"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = dir.path().join("一季度.pdf");
    let r = run(&["--period", "2026Q1", "--out", out.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("3 场活动"));
    let text = pdf_extract::extract_text(&out).unwrap();
    assert!(text.contains("2026年第一季度"), "{text}");
    let r = run(&[
        "--period",
        "2026Q1",
        "--scope",
        "没有这个社区",
        "--out",
        dir.path().join("x.pdf").to_str().unwrap(),
    ]);
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("没有名为“没有这个社区”"));
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn the_evidence_pack_copies_every_file_under_its_activity_and_names_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    ledger(&db);
    let out = dir.path().join("三月留存资料");
    let done = ops::documents::evidence(&db, &march(), false, &out, &mut |_| true).unwrap();
    assert_eq!(done.count, 3, "{}", done.message);
    assert!(
        done.message.contains("1 场活动缺少留存资料"),
        "{}",
        done.message
    );
    let first = out.join("关爱系列").join("2026-03-05 春季植树护绿");
    assert!(first.join("合影.jpg").is_file());
    assert_eq!(
        std::fs::read(first.join("签到表（已签）.pdf")).unwrap(),
        b"%PDF-1.4 signed sheet"
    );
    assert!(
        out.join("邻里守望")
            .join("2026-03-07 文明交通劝导")
            .join("照片.png")
            .is_file()
    );
    assert!(
        !out.join("关爱系列")
            .join("2026-03-06 关爱空巢老人")
            .exists()
    );

    use calamine::Reader as _;
    let mut book = calamine::open_workbook_auto(out.join("目录.xlsx")).unwrap();
    let range = book.worksheet_range("目录").unwrap();
    let rows: Vec<String> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    let at = |text: &str| rows.iter().position(|r| r.contains(text)).unwrap();
    assert!(rows[2].contains("缺少留存资料（1 场"), "{rows:?}");
    // The activity without materials comes before the files.
    assert!(at("关爱空巢老人") < at("合影.jpg"), "{rows:?}");
    for f in ["合影.jpg", "签到表（已签）.pdf", "照片.png"] {
        assert!(
            rows.iter().any(|r| r.contains(f) && r.contains("已复制")),
            "{f}"
        );
    }

    // Only the two categories that must keep materials.
    let care = dir.path().join("关爱留存资料");
    let done = ops::documents::evidence(&db, &march(), true, &care, &mut |_| true).unwrap();
    assert_eq!(done.count, 2);
    assert!(!care.join("邻里守望").exists());

    // A file the ledger lists but its folder lost is named, not fatal.
    let store = Store::open(&db).unwrap();
    let id = store
        .ledger_activities(&march(), &Scope::All)
        .unwrap()
        .into_iter()
        .find(|a| a.title == HELD[2])
        .unwrap()
        .id;
    let kept = store.attachments_of("activities", &id).unwrap();
    std::fs::remove_file(store.attachment_path(&kept[0])).unwrap();
    drop(store);
    let lost = dir.path().join("缺文件");
    let done = ops::documents::evidence(&db, &march(), false, &lost, &mut |_| true).unwrap();
    assert!(done.message.contains("1 个文件缺失"), "{}", done.message);
}

#[test]
fn names_from_the_ledger_never_become_paths() {
    use volunteer_ledger::paths::file_name_part as file_part;
    for hostile in ["../../逃逸", "..", "a/b\\c:d", "  .  ", "C:\\Windows"] {
        let name = file_part(hostile);
        assert!(!name.contains('/') && !name.contains('\\'), "{name}");
        assert!(name != "." && name != ".." && !name.is_empty(), "{name}");
    }
}

#[test]
fn the_example_data_keeps_photos_and_signed_sheets_and_leaves_a_few_without() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "示例.sqlite", 300, 7);
    let year = Period::parse(&common::today().format("%Y").to_string()).unwrap();
    let store = Store::open_read_only(&db).unwrap();
    let held = store.ledger_activities(&year, &Scope::All).unwrap();
    let care: Vec<_> = held
        .iter()
        .filter(|a| ["关爱系列", "精准扶贫、乡村振兴"].contains(&a.category.as_str()))
        .collect();
    let with = care.iter().filter(|a| a.materials > 0).count();
    assert!(with * 10 >= care.len() * 6, "{with} of {}", care.len());
    assert!(with < care.len(), "a few are left without");
    let others = held.len() - care.len();
    let others_with = held.iter().filter(|a| a.materials > 0).count() - with;
    assert!(
        others_with > 0 && others_with * 4 < others,
        "{others_with} of {others}"
    );

    // The signed sheets are real PDFs with the names and hours written in.
    let mut signed = 0;
    for a in &held {
        for f in store.attachments_of("activities", &a.id).unwrap() {
            let path = store.attachment_path(&f);
            assert!(path.is_file(), "{}", f.file_name);
            if f.file_name.ends_with(".pdf") {
                signed += 1;
                let text = pdf_extract::extract_text(&path).unwrap();
                assert!(
                    text.contains("本人签名") && text.contains(&a.title),
                    "{text}"
                );
                let people = store.activity_participants(&a.id).unwrap();
                assert!(text.contains(&people[0].name), "{text}");
            } else {
                assert!(f.file_name.ends_with(".jpg"));
                let size = std::fs::metadata(&path).unwrap().len();
                assert!(size < 16 * 1024, "{size} bytes");
            }
        }
    }
    assert_eq!(signed, 4);
    drop(store);

    // The evidence pack of the year finds those without.
    let out = dir.path().join("留存资料");
    let done = ops::documents::evidence(&db, &year, true, &out, &mut |_| true).unwrap();
    let missing = care.len() - with;
    assert!(
        done.message
            .contains(&format!("{missing} 场活动缺少留存资料")),
        "{}",
        done.message
    );
}

#[test]
fn the_window_writes_last_months_ledger_and_the_years_evidence() {
    use common::{Settle, type_into};
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let (_db, mut h) = common::app_with_demo(dir.path(), 1400.0);
    h.get_by_label("活动").click();
    h.settle();
    h.get_by_label("导出台账…").click();
    h.settle();
    h.get_by_label("导出台账");
    let out = dir.path().join("上月台账.pdf");
    type_into(&mut h, "保存到", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    use chrono::Datelike;
    let today = common::today();
    let last = today.with_day(1).unwrap().pred_opt().unwrap();
    let label = format!("{}年{}月本单位的台账", last.year(), last.month());
    h.wait_for_label_contains(&label);
    let text = pdf_extract::extract_text(&out).unwrap();
    assert!(text.contains("志愿服务台账") && text.contains("活动记录表"));
    // Offered to print.
    h.get_by_label("打印");

    // From 统计与总结, with its period (this year) and scope.
    h.get_by_label("统计与总结").click();
    h.settle();
    h.get_by_label("导出留存资料…").click();
    h.settle();
    // Typed first: a choice made after keeps the folder typed and names the export anew.
    type_into(
        &mut h,
        "新文件夹",
        &dir.path().join("别的名字").display().to_string(),
    );
    h.get_by_label("只导出关爱系列和精准扶贫、乡村振兴的活动")
        .click();
    h.settle();
    let folder = dir.path().join("今年留存资料");
    type_into(&mut h, "新文件夹", &folder.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.settle();
    h.wait_for_label_contains(&format!("已导出{}年的留存资料", today.year()));
    assert!(folder.join("目录.xlsx").is_file());
    assert!(folder.join("关爱系列").is_dir());
    assert!(!folder.join("学雷锋志愿服务日").exists());
}

#[test]
fn no_line_of_the_years_ledger_starts_with_a_closing_mark_and_no_name_is_split() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "示例.sqlite", 300, 5);
    let year = Period::parse(&common::today().format("%Y").to_string()).unwrap();
    let out = dir.path().join("全年台账.pdf");
    ops::documents::ledger(&db, &year, &Scope::All, common::today(), &out, &mut |_| {
        true
    })
    .unwrap();
    let text = pdf_extract::extract_text(&out).unwrap();
    for line in text.lines() {
        let first = line.trim_start().chars().next();
        assert!(
            !first.is_some_and(|c| "，。、；：？！）》」』】".contains(c)),
            "a line starts with a closing mark: {line}"
        );
        let last = line.trim_end().chars().last();
        assert!(
            !last.is_some_and(|c| "（《「『【".contains(c)),
            "a line ends with an opening mark: {line}"
        );
    }
    // Every participant's name is on a line whole (the sheets and the trainings' lists).
    let store = Store::open_read_only(&db).unwrap();
    for a in store.ledger_activities(&year, &Scope::All).unwrap() {
        for p in store.activity_participants(&a.id).unwrap() {
            assert!(
                text.contains(&p.name),
                "{} of “{}” split or missing",
                p.name,
                a.title
            );
        }
    }
}
