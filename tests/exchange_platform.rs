//! The platforms' templates and the 已录入平台 marks travel in exchange packages like every
//! other record: a station's template and marks reach the office, a mark taken back is taken
//! back there too, the same template name at both is one template, and a package's template
//! is checked like every value (its columns readable, its header row in range).
// Tests read and damage the package directly.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use std::path::Path;

use rusqlite::Connection;
use volunteer_ledger::domain::platform::{Column, Template};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::platform::SavedTemplate;
use volunteer_ledger::store::settings::keys;

fn station(dir: &Path, file: &str, name: &str) -> Store {
    let mut s = Store::open(&dir.join(file)).unwrap();
    s.set_setting(keys::STATION_NAME, name).unwrap();
    s
}

fn template(name: &str, fixed: &str) -> SavedTemplate {
    let mut t = Template::builtin();
    t.name = name.into();
    t.columns[1] = Column::Fixed(fixed.into());
    SavedTemplate {
        template: t,
        file_name: format!("{name}.xlsx"),
        file: b"PK not really a workbook".to_vec(),
        header_row: 1,
    }
}

/// A station with one held activity of two people, a template, and the activity marked.
fn station_a(dir: &Path) -> (Store, String) {
    let mut a = station(dir, "a.sqlite", "新港社区工作站");
    let wang = common::enrol(
        &mut a,
        common::numbered("ZY0000001", "王玥", "120116199001011233"),
    );
    let act = common::record(
        &mut a,
        common::held("关爱空巢老人", "关爱系列", d(2026, 3, 5)),
        &[(&wang, 20)],
    );
    a.save_platform_template(&template("志愿滨海补录", "居民身份证"))
        .unwrap();
    a.mark_entered(
        std::slice::from_ref(&act),
        "志愿滨海补录",
        d(2026, 3, 20),
        "李经办",
    )
    .unwrap();
    (a, act)
}

#[test]
fn templates_and_marks_reach_the_office_and_a_mark_taken_back_follows() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, act) = station_a(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    // The office has a template of the same name already: one template, the newer kept.
    std::thread::sleep(std::time::Duration::from_millis(5));
    office
        .save_platform_template(&template("志愿滨海补录", "身份证"))
        .unwrap();

    let p1 = dir.path().join("新港-1.vlx");
    let e = a.export_exchange(&p1, false, &mut |_| true).unwrap();
    assert!(e.message().contains("平台模板 1 条"), "{}", e.message());
    assert!(
        e.message().contains("已录入平台标记 1 条"),
        "{}",
        e.message()
    );
    let s = office.import_exchange(&p1, &mut |_| true).unwrap();
    assert_eq!(s.conflicts(), 0, "{}", s.message());
    assert_eq!(
        office.entered(&act).unwrap(),
        Some(("志愿滨海补录".into(), d(2026, 3, 20), "李经办".into()))
    );
    assert_eq!(office.platform_templates().unwrap().len(), 1);
    let kept = office.platform_template("志愿滨海补录").unwrap().unwrap();
    assert_eq!(kept.template.columns[1], Column::Fixed("身份证".into()));

    // Taken back at the station: the incremental package takes it back at the office.
    a.unmark_entered(&act).unwrap();
    let p2 = dir.path().join("新港-2.vlx");
    a.export_exchange(&p2, false, &mut |_| true).unwrap();
    office.import_exchange(&p2, &mut |_| true).unwrap();
    assert_eq!(office.entered(&act).unwrap(), None);
    // Marked again: back again.
    a.mark_entered(
        std::slice::from_ref(&act),
        "全国系统",
        d(2026, 4, 1),
        "赵经办",
    )
    .unwrap();
    let p3 = dir.path().join("新港-3.vlx");
    a.export_exchange(&p3, false, &mut |_| true).unwrap();
    office.import_exchange(&p3, &mut |_| true).unwrap();
    assert_eq!(office.entered(&act).unwrap().unwrap().0, "全国系统");
    // Read twice, nothing changes.
    let s = office.import_exchange(&p3, &mut |_| true).unwrap();
    assert_eq!((s.added(), s.updated(), s.conflicts()), (0, 0, 0));

    // An activity removed for good takes its mark with it, here and in the package.
    a.soft_delete(volunteer_ledger::store::meta::Table::Activities, &act)
        .unwrap();
    a.purge(volunteer_ledger::store::meta::Table::Activities, &act)
        .unwrap();
    assert_eq!(a.entered(&act).unwrap(), None);
}

#[test]
fn a_packages_template_is_checked_like_any_value() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = station_a(dir.path());
    let good = dir.path().join("新港.vlx");
    a.export_exchange(&good, true, &mut |_| true).unwrap();
    for (sql, expect) in [
        (
            "UPDATE platform_templates SET columns = '{\"name\": 1}'",
            "列对应”无法读取",
        ),
        (
            "UPDATE platform_templates SET header_row = 300",
            "表头所在行”的值 300 超出范围",
        ),
        (
            "UPDATE platform_templates SET file = 'text'",
            "应为文件内容，却是文字",
        ),
        (
            "UPDATE platform_entries SET entered_on = '2026-02-30'",
            "不是 1900–2100 年间的日期",
        ),
    ] {
        let bad = dir.path().join("坏.vlx");
        std::fs::copy(&good, &bad).unwrap();
        Connection::open(&bad).unwrap().execute(sql, []).unwrap();
        let mut office = Store::open(&dir.path().join("office.sqlite")).unwrap();
        let e = office.import_exchange(&bad, &mut |_| true).unwrap_err();
        assert!(e.to_string().contains(expect), "{sql}: {e}");
        assert!(e.to_string().contains("未导入任何记录"), "{e}");
        assert!(office.platform_templates().unwrap().is_empty());
    }
}
