//! Station exchange packages: two stations and an office, real SQLite files, packages read in
//! either order and twice, the same person at two stations, conflicts, removals, attachments,
//! bad packages, and the command line.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::exchange::{self, Choice};
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::settings::keys;
use volunteer_ledger::store::volunteers::Volunteer;
use volunteer_ledger::store::{Store, StoreError};

fn station(dir: &Path, file: &str, name: &str) -> Store {
    let mut s = Store::open(&dir.join(file)).unwrap();
    s.set_setting(keys::STATION_NAME, name).unwrap();
    s.set_setting(keys::NUMBER_PREFIX, "ZY").unwrap();
    s
}

/// The 村居 each station set up on its own: the same name, another key.
fn community(s: &mut Store, phone: &str) -> String {
    let mut u = volunteer_ledger::store::units::Unit {
        name: "新港社区".into(),
        kind: "村居（社区）".into(),
        phone: phone.into(),
        ..Default::default()
    };
    s.insert(&mut u).unwrap();
    u.meta.id
}

fn volunteer(s: &mut Store, number: &str, name: &str, id: &str, mobile: &str) -> String {
    let community_id: Option<String> = Connection::open(s.path())
        .unwrap()
        .query_row("SELECT id FROM units LIMIT 1", [], |r| r.get(0))
        .ok();
    let v = Volunteer {
        community_id,
        gender: "女".into(),
        mobile: mobile.into(),
        registered_on: d(2026, 3, 1),
        ..common::numbered(number, name, id)
    };
    common::enrol(s, v)
}

fn activity(s: &mut Store, title: &str, date: NaiveDate, people: &[(&str, i64)]) -> String {
    let a = Activity {
        start_time: "09:00".into(),
        end_time: "11:00".into(),
        ..common::held(title, "关爱系列", date)
    };
    common::record(s, a, people)
}

/// Everything the clerk sees, keyed so that the same records give the same text whatever
/// keys and numbers a merge chose.
fn dump(db: &Path) -> String {
    let c = Connection::open(db).unwrap();
    let lines = |sql: &str| -> Vec<String> {
        let mut stmt = c.prepare(sql).unwrap();
        let mut v: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        v.sort();
        v
    };
    let mut out = Vec::new();
    out.extend(lines(
        "SELECT 'U ' || name || ' ' || kind || ' ' || phone || ' del=' || (deleted_at IS NOT NULL)
         FROM units",
    ));
    out.extend(lines(
        "SELECT 'V ' || v.id_number || ' ' || v.name || ' ' || v.mobile || ' ' || v.remark
                || ' ' || coalesce((SELECT name FROM units u WHERE u.id = v.community_id), '-')
                || ' ' || s.community
                || ' del=' || (v.deleted_at IS NOT NULL) || ' total=' || s.total_tenths
         FROM volunteers v JOIN volunteer_search s ON s.volunteer_key = v.key",
    ));
    out.extend(lines(
        "SELECT 'A ' || id || ' ' || title || ' ' || date || ' del=' || (deleted_at IS NOT NULL)
         FROM activities",
    ));
    out.extend(lines(
        "SELECT 'P ' || p.activity_id || ' ' || v.id_number || ' ' || p.hours_tenths
                || ' del=' || (p.deleted_at IS NOT NULL)
         FROM participations p JOIN volunteers v ON v.id = p.volunteer_id",
    ));
    out.extend(lines(
        "SELECT 'F ' || owner_id || ' ' || content_hash || ' ' || file_name FROM attachments",
    ));
    out.extend(lines(&format!(
        "SELECT 'Y ' || y.year || ' ' || v.id_number || ' ' || y.participations || ' '
                || y.hours_tenths
         FROM volunteer_years y JOIN volunteers v ON v.id = {}",
        common::key_text("y.volunteer_key")
    )));
    out.join("\n")
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

const WANG: &str = "12011619900101002X";

/// Station A: 王玥 and 李喆 in one activity with a photo; station B: 王玥 (registered again,
/// with a newer phone) and 赵堃 in another. Both number their volunteers from ZY0000001.
fn two_stations(dir: &Path) -> (PathBuf, PathBuf, String, String) {
    let mut a = station(dir, "a.sqlite", "新港社区工作站");
    community(&mut a, "022-25000001");
    let wang_a = volunteer(&mut a, "ZY0000001", "王玥", WANG, "13800000001");
    let li = volunteer(
        &mut a,
        "ZY0000002",
        "李喆",
        "120116198502020029",
        "13800000002",
    );
    let act_a = activity(
        &mut a,
        "清明文明祭扫宣传",
        d(2026, 4, 4),
        &[(&wang_a, 20), (&li, 30)],
    );
    let photo = dir.join("签到表.png");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\nnot really a picture").unwrap();
    a.attach_file("activities", &act_a, &photo).unwrap();
    // A record in the recycle bin travels as one.
    let gone = volunteer(
        &mut a,
        "ZY0000003",
        "刘犇",
        "12011619770303000X",
        "13800000003",
    );
    a.soft_delete(Table::Volunteers, &gone).unwrap();

    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut b = station(dir, "b.sqlite", "胡家园社区工作站");
    community(&mut b, "022-25000002");
    let wang_b = volunteer(&mut b, "ZY0000001", "王玥", WANG, "13900000009");
    let zhao = volunteer(
        &mut b,
        "ZY0000002",
        "赵堃",
        "120116199204040042",
        "13800000004",
    );
    activity(
        &mut b,
        "关爱空巢老人",
        d(2026, 5, 9),
        &[(&wang_b, 15), (&zhao, 20)],
    );
    let pa = dir.join("新港.vlx");
    let pb = dir.join("胡家园.vlx");
    let ea = a.export_exchange(&pa, false, &mut |_| true).unwrap();
    let eb = b.export_exchange(&pb, false, &mut |_| true).unwrap();
    assert!(ea.message().contains("志愿者 3 条"), "{}", ea.message());
    assert_eq!(ea.files, 1);
    assert!(eb.message().contains("服务记录 2 条"), "{}", eb.message());
    (pa, pb, act_a, li)
}

#[test]
fn two_stations_and_an_office_give_one_result_in_either_order_and_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb, act_a, _) = two_stations(dir.path());

    let mut o1 = station(dir.path(), "office1.sqlite", "街道办事处");
    let first = o1.import_exchange(&pa, &mut |_| true).unwrap();
    assert_eq!(first.added(), 1 + 3 + 1 + 2 + 1, "{}", first.message());
    assert_eq!((first.updated(), first.conflicts()), (0, 0));
    let second = o1.import_exchange(&pb, &mut |_| true).unwrap();
    // 王玥 of B is 王玥 of A: merged, not added; 赵堃's number is taken here and changes.
    assert_eq!(second.merged(), 2, "{}", second.message());
    assert_eq!(second.added(), 1 + 1 + 2);
    assert_eq!(second.renumbered.len(), 1, "{:?}", second.renumbered);
    assert!(second.renumbered[0].contains("ZY0000002"));
    let after_both = dump(o1.path());
    // The same packages again change nothing.
    for p in [&pa, &pb] {
        let again = o1.import_exchange(p, &mut |_| true).unwrap();
        assert_eq!(
            (again.added(), again.updated(), again.conflicts()),
            (0, 0, 0)
        );
        assert!(again.seen_before.is_some());
        assert!(again.message().contains("导入过"));
    }
    assert_eq!(dump(o1.path()), after_both);

    let mut o2 = station(dir.path(), "office2.sqlite", "街道办事处");
    for p in [&pb, &pa, &pb, &pa] {
        o2.import_exchange(p, &mut |_| true).unwrap();
    }
    assert_eq!(dump(o2.path()), after_both, "the order of packages matters");
    common::assert_totals_true(o1.path());
    common::assert_totals_true(o2.path());

    // One 王玥 with both service records (2 h + 1.5 h), B's newer phone.
    let o = o1.path();
    assert_eq!(
        count(
            o,
            &format!("SELECT count(*) FROM volunteers WHERE id_number = '{WANG}'")
        ),
        1
    );
    assert!(
        after_both.contains(&format!(
            "V {WANG} 王玥 13900000009  新港社区 新港社区 del=0 total=35"
        )),
        "{after_both}"
    );
    // One 新港社区, with the newer phone (B's), and every volunteer in it.
    assert!(after_both.contains("U 新港社区 村居（社区） 022-25000002 del=0"));
    assert_eq!(count(o, "SELECT count(*) FROM units"), 1);
    assert_eq!(
        count(
            o,
            "SELECT count(*) FROM volunteers v JOIN units u ON u.id = v.community_id"
        ),
        4
    );
    assert_eq!(
        count(
            o,
            &format!(
                "SELECT count(*) FROM participations p JOIN volunteers v ON v.id = p.volunteer_id
                 WHERE v.id_number = '{WANG}'"
            )
        ),
        2
    );
    // The record deleted at the station is in the office's recycle bin.
    assert!(after_both.contains("刘犇 13800000003  新港社区 新港社区 del=1"));
    // The photo came with its activity.
    let att = o1.attachments_of("activities", &act_a).unwrap();
    assert_eq!(att.len(), 1);
    let file = o1.attachment_path(&att[0]);
    assert_eq!(
        std::fs::read(file).unwrap(),
        b"\x89PNG\r\n\x1a\nnot really a picture"
    );
    assert_eq!(o1.count_live(Table::Volunteers).unwrap(), 3);
}

#[test]
fn an_incremental_package_carries_only_changes_and_the_newer_edit_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, _, _, li) = two_stations(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    office.import_exchange(&pa, &mut |_| true).unwrap();

    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();
    let nothing = dir.path().join("空.vlx");
    let e = a.export_exchange(&nothing, false, &mut |_| true).unwrap();
    assert_eq!(e.info.records, 0, "{}", e.message());
    assert!(e.message().contains("没有新增或修改的记录"));

    let mut v: Volunteer = a.get(&li).unwrap();
    v.mobile = "13700000077".into();
    a.update_volunteer(&mut v).unwrap();
    let p2 = dir.path().join("新港-2.vlx");
    let e = a.export_exchange(&p2, false, &mut |_| true).unwrap();
    // The changed volunteer, and the 村居 it refers to (unchanged, so the package stands alone).
    assert_eq!(e.counts, vec![("单位", 1), ("志愿者", 1)]);
    let s = office.import_exchange(&p2, &mut |_| true).unwrap();
    assert_eq!((s.updated(), s.added(), s.conflicts()), (1, 0, 0));
    let v: Volunteer = office.get(&li).unwrap();
    assert_eq!(v.mobile, "13700000077");
    // The older package read after the newer one does not undo the edit.
    let s = office.import_exchange(&pa, &mut |_| true).unwrap();
    assert_eq!((s.updated(), s.conflicts()), (0, 0), "{}", s.message());
    let v: Volunteer = office.get(&li).unwrap();
    assert_eq!(v.mobile, "13700000077");
    // The whole package of the station holds everything again.
    let all = dir.path().join("新港-全部.vlx");
    let e = a.export_exchange(&all, true, &mut |_| true).unwrap();
    assert_eq!(e.info.since, None);
    assert!(e.info.records >= 7, "{}", e.message());
    assert_eq!(exchange::read_info(&all).unwrap().kind(), "全部记录");
}

#[test]
fn a_conflict_is_listed_and_resolved_either_way_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, _, act_a, li) = two_stations(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    office.import_exchange(&pa, &mut |_| true).unwrap();
    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();

    // Both sides change 李喆 and the activity's title.
    let mut v: Volunteer = office.get(&li).unwrap();
    v.mobile = "13100000001".into();
    office.update_volunteer(&mut v).unwrap();
    let mut v: Volunteer = a.get(&li).unwrap();
    v.mobile = "13200000002".into();
    a.update_volunteer(&mut v).unwrap();
    let mut act: Activity = office.get(&act_a).unwrap();
    act.title = "清明文明祭扫（街道改）".into();
    let people: Vec<(String, Tenths)> = office
        .activity_participants(&act_a)
        .unwrap()
        .into_iter()
        .map(|p| (p.volunteer_id, p.hours))
        .collect();
    office.save_activity(&mut act, &people).unwrap();
    let mut act: Activity = a.get(&act_a).unwrap();
    act.title = "清明文明祭扫（站点改）".into();
    let people: Vec<(String, Tenths)> = a
        .activity_participants(&act_a)
        .unwrap()
        .into_iter()
        .map(|p| (p.volunteer_id, p.hours))
        .collect();
    a.save_activity(&mut act, &people).unwrap();

    let p2 = dir.path().join("新港-2.vlx");
    a.export_exchange(&p2, false, &mut |_| true).unwrap();
    let before = dump(office.path());
    let s = office.import_exchange(&p2, &mut |_| true).unwrap();
    assert_eq!(s.conflicts(), 2, "{}", s.message());
    assert!(s.message().contains("冲突 2 条"));
    // Nothing overwritten until chosen.
    assert_eq!(dump(office.path()), before);
    let list = office.exchange_conflicts().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(office.exchange_conflict_count().unwrap(), 2);
    assert_eq!(office.first_exchange_conflicts(1).unwrap()[..], list[..1]);
    let phone = list.iter().find(|c| c.table == "volunteers").unwrap();
    assert_eq!(phone.station, "新港社区工作站");
    assert!(phone.label.contains("李喆"), "{}", phone.label);
    assert_eq!(
        phone.fields,
        vec![(
            "手机号码".to_string(),
            "13100000001".to_string(),
            "13200000002".to_string()
        )]
    );
    let title = list.iter().find(|c| c.table == "activities").unwrap();
    assert!(
        title
            .fields
            .iter()
            .any(|(f, here, there)| f == "活动名称/信息标题"
                && here.contains("街道改")
                && there.contains("站点改"))
    );

    // The package's phone, our title.
    office
        .resolve_conflict(phone.id, Choice::TakeIncoming)
        .unwrap();
    office
        .resolve_conflict(title.id, Choice::KeepLocal)
        .unwrap();
    assert!(office.exchange_conflicts().unwrap().is_empty());
    assert!(
        office
            .resolve_conflict(title.id, Choice::TakeIncoming)
            .is_err()
    );
    let v: Volunteer = office.get(&li).unwrap();
    assert_eq!(v.mobile, "13200000002");
    let act: Activity = office.get(&act_a).unwrap();
    assert_eq!(act.title, "清明文明祭扫（街道改）");
    // The same package again lists nothing and changes nothing.
    let settled = dump(office.path());
    let s = office.import_exchange(&p2, &mut |_| true).unwrap();
    assert_eq!((s.conflicts(), s.updated()), (0, 0), "{}", s.message());
    assert!(office.exchange_conflicts().unwrap().is_empty());
    assert_eq!(dump(office.path()), settled);
    // The search index follows the taken phone.
    assert_eq!(
        count(
            office.path(),
            &format!(
                "SELECT count(*) FROM volunteer_search
                 WHERE volunteer_key = (SELECT key FROM volunteers WHERE id = '{li}')
                 AND mobile_rev = '20000000231'"
            )
        ),
        1
    );
}

#[test]
fn a_record_removed_for_good_is_not_brought_back_and_removals_travel() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb, act_a, _) = two_stations(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    office.import_exchange(&pa, &mut |_| true).unwrap();
    office.soft_delete(Table::Activities, &act_a).unwrap();
    office.purge(Table::Activities, &act_a).unwrap();
    let s = office.import_exchange(&pa, &mut |_| true).unwrap();
    // The activity, its two service records and its photo stay removed.
    assert_eq!(s.kept_removed, 4, "{}", s.message());
    assert!(s.message().contains("本机已彻底删除而未导入 4 条"));
    assert_eq!(
        count(
            office.path(),
            &format!("SELECT count(*) FROM activities WHERE id = '{act_a}'")
        ),
        0
    );
    assert_eq!(
        count(
            office.path(),
            &format!("SELECT count(*) FROM participations WHERE activity_id = '{act_a}'")
        ),
        0
    );

    // Station B removes its activity for good: the office moves it to its recycle bin.
    office.import_exchange(&pb, &mut |_| true).unwrap();
    let mut b = Store::open(&dir.path().join("b.sqlite")).unwrap();
    let act_b: String = Connection::open(b.path())
        .unwrap()
        .query_row("SELECT id FROM activities", [], |r| r.get(0))
        .unwrap();
    b.soft_delete(Table::Activities, &act_b).unwrap();
    b.purge(Table::Activities, &act_b).unwrap();
    let p2 = dir.path().join("胡家园-2.vlx");
    let e = b.export_exchange(&p2, false, &mut |_| true).unwrap();
    assert_eq!(e.removals, 3, "{}", e.message());
    let s = office.import_exchange(&p2, &mut |_| true).unwrap();
    assert_eq!(s.removed, 3, "{}", s.message());
    assert_eq!(
        count(
            office.path(),
            &format!(
                "SELECT count(*) FROM activities WHERE id = '{act_b}' AND deleted_at IS NOT NULL"
            )
        ),
        1
    );
}

#[test]
fn bad_packages_are_refused_with_their_reason_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, _, _, _) = two_stations(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    let before = dump(office.path());
    let empty = dir.path().join("空.vlx");
    std::fs::write(&empty, b"").unwrap();
    let text = dir.path().join("文本.vlx");
    std::fs::write(&text, "这不是交换包".repeat(100)).unwrap();
    let truncated = dir.path().join("截断.vlx");
    let bytes = std::fs::read(&pa).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (dir.path().join("没有.vlx"), "文件不存在"),
        (empty, "空的"),
        (text, "不是交换包"),
        (dir.path().join("b.sqlite"), "台账数据库文件"),
        (truncated, "损坏"),
    ];
    for (file, why) in cases {
        let err = office.import_exchange(&file, &mut |_| true).unwrap_err();
        assert!(err.to_string().contains(why), "{}: {err}", file.display());
        // The quick description before the confirmation names every wrong file too; only
        // damage inside a package is left to the whole check of the import.
        if why != "损坏" {
            let err = exchange::describe(&file).unwrap_err();
            assert!(err.to_string().contains(why), "{}: {err}", file.display());
        }
    }
    assert_eq!(
        exchange::describe(&pa).unwrap().station_name,
        "新港社区工作站"
    );
    // A package opened as a database is named and left as it is.
    let before_bytes = std::fs::read(&pa).unwrap();
    let err = Store::open(&pa).err().unwrap();
    assert!(err.to_string().contains("是站点交换包"), "{err}");
    assert_eq!(std::fs::read(&pa).unwrap(), before_bytes);
    // A station's own package.
    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();
    let err = a.import_exchange(&pa, &mut |_| true).unwrap_err();
    assert!(err.to_string().contains("自己导出"), "{err}");
    assert_eq!(dump(office.path()), before);
}

#[test]
fn the_command_line_exports_and_imports_with_a_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    two_stations(dir.path());
    let exe = env!("CARGO_BIN_EXE_volunteer-ledger");
    let a = dir.path().join("a.sqlite");
    let office = dir.path().join("office.sqlite");
    station(dir.path(), "office.sqlite", "街道办事处");
    let pkg = dir.path().join("交换 包").join("新港 全部.vlx");
    let out = std::process::Command::new(exe)
        .args(["exchange", "export", "--all", "--db"])
        .arg(&a)
        .arg("--out")
        .arg(&pkg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("全部记录"));
    let out = std::process::Command::new(exe)
        .args(["exchange", "import", "--db"])
        .arg(&office)
        .arg(&pkg)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("新增 8 条"), "{said}");
    // Writing the package is a personal-information export.
    let log = Store::open(&a).unwrap().export_log(10).unwrap();
    // (two_stations wrote one package first.)
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].file.ends_with("新港 全部.vlx"), "{log:?}");
    assert_eq!(log[0].what, volunteer_ledger::store::export_log::EXCHANGE);
    assert_eq!(log[0].people, 3);
    let backups = volunteer_ledger::store::backup::list(&office);
    assert!(backups.iter().any(|b| b.reason == "导入前"), "{backups:?}");
    // A wrong file: a Chinese message and a non-zero exit.
    let out = std::process::Command::new(exe)
        .args(["exchange", "import", "--db"])
        .arg(&office)
        .arg(&a)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是交换包"));
}

#[test]
fn every_conflict_is_settled_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, _, act_a, li) = two_stations(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    office.import_exchange(&pa, &mut |_| true).unwrap();
    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();
    for (s, phone, title) in [
        (&mut office, "13100000001", "街道改"),
        (&mut a, "13200000002", "站点改"),
    ] {
        let mut v: Volunteer = s.get(&li).unwrap();
        v.mobile = phone.into();
        s.update_volunteer(&mut v).unwrap();
        let mut act: Activity = s.get(&act_a).unwrap();
        act.title = title.into();
        let people: Vec<(String, Tenths)> = s
            .activity_participants(&act_a)
            .unwrap()
            .into_iter()
            .map(|p| (p.volunteer_id, p.hours))
            .collect();
        s.save_activity(&mut act, &people).unwrap();
    }
    let p2 = dir.path().join("新港-2.vlx");
    a.export_exchange(&p2, false, &mut |_| true).unwrap();
    assert_eq!(
        office
            .import_exchange(&p2, &mut |_| true)
            .unwrap()
            .conflicts(),
        2
    );
    assert_eq!(
        office.resolve_all_conflicts(Choice::TakeIncoming).unwrap(),
        2
    );
    assert!(office.exchange_conflicts().unwrap().is_empty());
    let v: Volunteer = office.get(&li).unwrap();
    let act: Activity = office.get(&act_a).unwrap();
    assert_eq!(
        (v.mobile.as_str(), act.title.as_str()),
        ("13200000002", "站点改")
    );
    common::assert_totals_true(office.path());
    let s = office.import_exchange(&p2, &mut |_| true).unwrap();
    assert_eq!((s.conflicts(), s.updated()), (0, 0));
}

#[test]
fn a_unit_listed_before_the_parent_it_shares_with_the_office_points_at_the_office_one() {
    let dir = tempfile::tempdir().unwrap();
    let unit = |name: &str, kind: &str| volunteer_ledger::store::units::Unit {
        name: name.into(),
        kind: kind.into(),
        ..Default::default()
    };
    // At the station the 社区 was entered before its 街道, and linked to it afterwards.
    let mut a = station(dir.path(), "a.sqlite", "新港社区工作站");
    let mut child = unit("新港社区", "村居（社区）");
    a.insert(&mut child).unwrap();
    let mut parent = unit("新港街道", "街道");
    a.insert(&mut parent).unwrap();
    Connection::open(a.path())
        .unwrap()
        .execute(
            "UPDATE units SET parent_id = ?1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?2",
            [&parent.meta.id, &child.meta.id],
        )
        .unwrap();
    let p = dir.path().join("新港.vlx");
    a.export_exchange(&p, true, &mut |_| true).unwrap();
    // The office has its own 新港街道.
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    let mut ours = unit("新港街道", "街道");
    office.insert(&mut ours).unwrap();
    let s = office.import_exchange(&p, &mut |_| true).unwrap();
    assert_eq!((s.added(), s.merged()), (1, 1), "{}", s.message());
    let parent_of: String = Connection::open(office.path())
        .unwrap()
        .query_row(
            "SELECT parent_id FROM units WHERE name = '新港社区'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(parent_of, ours.meta.id);
    assert_eq!(count(office.path(), "SELECT count(*) FROM units"), 2);
}

#[test]
fn the_offices_package_brings_a_station_up_to_date_without_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, pb, act_a, li) = two_stations(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    office
        .export_exchange(&dir.path().join("街道-0.vlx"), false, &mut |_| true)
        .unwrap();
    office.import_exchange(&pa, &mut |_| true).unwrap();
    office.import_exchange(&pb, &mut |_| true).unwrap();
    // What came in from the stations is not the office's own change.
    let e = office
        .export_exchange(&dir.path().join("街道-1.vlx"), false, &mut |_| true)
        .unwrap();
    assert_eq!(e.info.records, 0, "{}", e.message());
    // The office corrects 李喆's remark: its next package holds that (and his 村居).
    let mut v: Volunteer = office.get(&li).unwrap();
    v.remark = "街道已核实".into();
    office.update_volunteer(&mut v).unwrap();
    let e = office
        .export_exchange(&dir.path().join("街道-2.vlx"), false, &mut |_| true)
        .unwrap();
    assert_eq!(
        e.counts,
        vec![("单位", 1), ("志愿者", 1)],
        "{}",
        e.message()
    );
    // Then it sends everything back out.
    let out = dir.path().join("街道-全部.vlx");
    office.export_exchange(&out, true, &mut |_| true).unwrap();

    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();
    let s = a.import_exchange(&out, &mut |_| true).unwrap();
    assert_eq!(s.conflicts(), 0, "{}", s.message());
    // 李喆's remark and 王玥's newer phone (from station B) come back; B's 赵堃 and activity
    // arrive; A's own records are unchanged.
    let v: Volunteer = a.get(&li).unwrap();
    assert_eq!(v.remark, "街道已核实");
    let dump_a = dump(a.path());
    assert!(
        dump_a.contains(&format!("V {WANG} 王玥 13900000009")),
        "{dump_a}"
    );
    assert!(dump_a.contains("赵堃"));
    assert!(dump_a.contains(&format!("A {act_a} 清明文明祭扫宣传")));
    // 李喆, 王玥 and 新港社区 (station B's newer phone).
    assert_eq!(s.updated(), 3, "{}", s.message());
    common::assert_totals_true(a.path());
    // Both ledgers now hold the same records.
    assert_eq!(dump_a, dump(office.path()));
}

#[test]
fn a_cancelled_export_leaves_no_file_and_a_cancelled_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, _, _, _) = two_stations(dir.path());
    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();

    // Export: stopped at its first step; no package, no part file.
    let out = dir.path().join("取消.vlx");
    let err = a.export_exchange(&out, true, &mut |_| false).unwrap_err();
    assert!(matches!(err, StoreError::Cancelled), "{err}");
    assert!(!out.exists());
    assert!(!dir.path().join("取消.vlx.part").exists());
    let again = a.export_exchange(&out, true, &mut |_| true).unwrap();
    assert!(out.exists());
    assert!(again.info.records > 0);

    // Import: stopped part-way through the first table; the office is as it was.
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    let before = dump(office.path());
    let mut calls = 0;
    let err = office
        .import_exchange(&pa, &mut |_| {
            calls += 1;
            calls < 2
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Cancelled), "{err}");
    assert_eq!(dump(office.path()), before);
    let done = office.import_exchange(&pa, &mut |_| true).unwrap();
    assert!(done.added() > 0);
    assert_ne!(dump(office.path()), before);
}

/// Each volunteer's hours on the activity, by volunteer id.
fn hours_on(s: &Store, activity: &str) -> Vec<(String, i64)> {
    let mut v: Vec<(String, i64)> = s
        .activity_participants(activity)
        .unwrap()
        .into_iter()
        .map(|p| (p.volunteer_id, p.hours.0))
        .collect();
    v.sort();
    v
}

/// Saves the activity with the volunteer `who`'s hours set to `tenths`, the others' kept.
fn set_hours(s: &mut Store, activity: &str, who: &str, tenths: i64) {
    let people: Vec<(String, Tenths)> = hours_on(s, activity)
        .into_iter()
        .map(|(v, x)| {
            let h = if v == who { tenths } else { x };
            (v, Tenths(h))
        })
        .collect();
    let mut act: Activity = s.get(activity).unwrap();
    s.save_activity(&mut act, &people).unwrap();
}

#[test]
fn a_service_record_changed_at_the_station_changes_at_the_office_and_either_side_wins_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (pa, _, act_a, li) = two_stations(dir.path());
    let mut office = station(dir.path(), "office.sqlite", "街道办事处");
    office.import_exchange(&pa, &mut |_| true).unwrap();
    let mut a = Store::open(&dir.path().join("a.sqlite")).unwrap();
    let hours_of = |s: &Store| hours_on(s, &act_a);
    // The station corrects 李喆's hours from 3 to 4.5.
    set_hours(&mut a, &act_a, &li, 45);
    let p2 = dir.path().join("新港-2.vlx");
    let e = a.export_exchange(&p2, false, &mut |_| true).unwrap();
    assert!(e.message().contains("服务记录 1 条"), "{}", e.message());
    let s = office.import_exchange(&p2, &mut |_| true).unwrap();
    assert_eq!((s.updated(), s.conflicts()), (1, 0), "{}", s.message());
    assert_eq!(hours_of(&office), hours_of(&a));
    assert!(hours_of(&office).contains(&(li.clone(), 45)));
    let total = |s: &Store| -> i64 {
        Connection::open(s.path())
            .unwrap()
            .query_row(
                "SELECT total_tenths FROM volunteer_search s JOIN volunteers v
                 ON v.key = s.volunteer_key WHERE v.id = ?1",
                [&li],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(total(&office), 45);

    // Both change the same record: the office takes the station's, then keeps its own.
    set_hours(&mut office, &act_a, &li, 50);
    set_hours(&mut a, &act_a, &li, 60);
    let p3 = dir.path().join("新港-3.vlx");
    a.export_exchange(&p3, false, &mut |_| true).unwrap();
    let s = office.import_exchange(&p3, &mut |_| true).unwrap();
    assert_eq!(s.conflicts(), 1, "{}", s.message());
    assert!(hours_of(&office).contains(&(li.clone(), 50)));
    let listed = office.exchange_conflicts().unwrap();
    assert_eq!(listed.len(), 1);
    assert!(
        listed[0].label.starts_with("服务记录：李喆参加2026-04-04"),
        "{}",
        listed[0].label
    );
    office
        .resolve_conflict(listed[0].id, Choice::TakeIncoming)
        .unwrap();
    assert!(
        hours_of(&office).contains(&(li.clone(), 60)),
        "{:?}",
        hours_of(&office)
    );
    assert_eq!(total(&office), 60);

    // Again, and the office keeps its own: it becomes the newer edit and travels back.
    set_hours(&mut office, &act_a, &li, 70);
    set_hours(&mut a, &act_a, &li, 80);
    let p4 = dir.path().join("新港-4.vlx");
    a.export_exchange(&p4, false, &mut |_| true).unwrap();
    assert_eq!(
        office
            .import_exchange(&p4, &mut |_| true)
            .unwrap()
            .conflicts(),
        1
    );
    let listed = office.exchange_conflicts().unwrap();
    office
        .resolve_conflict(listed[0].id, Choice::KeepLocal)
        .unwrap();
    assert!(hours_of(&office).contains(&(li.clone(), 70)));
    let back = dir.path().join("街道-1.vlx");
    office.export_exchange(&back, false, &mut |_| true).unwrap();
    let s = a.import_exchange(&back, &mut |_| true).unwrap();
    assert_eq!(s.conflicts(), 0, "{}", s.message());
    assert_eq!(hours_of(&a), hours_of(&office));
}
