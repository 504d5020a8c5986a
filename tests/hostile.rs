//! Hostile input (issue 18): packages crafted against the office, each refused with a Chinese
//! message that names what is wrong, and the office database byte for byte as it was; output
//! paths that are the ledger's own files refused by every command that writes one.
//!
//! The crafted packages are written to `tests/fixtures/hostile/` (made by the tests, not kept
//! in git) so that they can be opened and looked at.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::domain::id_number;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::settings::keys;

fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A station with one volunteer in one held activity, with a photo attached; its package.
fn good_package(dir: &Path) -> PathBuf {
    let mut a = Store::open(&dir.join("station.sqlite")).unwrap();
    a.set_setting(keys::STATION_NAME, "新港社区工作站").unwrap();
    let mut v = common::person("XG0000001", "王玥", common::d(1990, 3, 5), 11);
    a.insert(&mut v).unwrap();
    let mut act = common::held("清明文明祭扫宣传", "文明祭扫", common::d(2026, 4, 4));
    a.save_activity(&mut act, &[(v.meta.id.clone(), Tenths(20))])
        .unwrap();
    let photo = dir.join("祭扫.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff photo bytes").unwrap();
    a.attach_file("activities", &act.meta.id, &photo).unwrap();
    let out = dir.join("good.vlx");
    a.export_exchange(&out, true, &mut |_| true).unwrap();
    out
}

/// The bytes of the office's database and the names in its attachments folder.
fn snapshot(db: &Path) -> (Vec<u8>, Vec<String>) {
    let mut files: Vec<String> = std::fs::read_dir(db.parent().unwrap().join("attachments"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    (std::fs::read(db).unwrap(), files)
}

struct Case {
    name: &'static str,
    sql: String,
    expect: &'static str,
}

fn case(name: &'static str, sql: impl Into<String>, expect: &'static str) -> Case {
    Case {
        name,
        sql: sql.into(),
        expect,
    }
}

#[test]
fn crafted_packages_are_refused_by_name_and_the_office_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_package(dir.path());
    // The office keeps its files in another folder than the station's.
    let office_dir = dir.path().join("office");
    std::fs::create_dir_all(&office_dir).unwrap();
    let office_db = common::demo_db(&office_dir, "office.sqlite", 20, 3);
    let office_volunteer: String = Connection::open(&office_db)
        .unwrap()
        .query_row("SELECT id FROM volunteers LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let latest = volunteer_ledger::store::migrations::LATEST;
    let huge_name = "玥".repeat(10_000_000);
    let cases = vec![
        // Each ledger numbers its own volunteers and activities (schema version 21).
        case(
            "short-keys",
            "ALTER TABLE volunteers ADD COLUMN key INTEGER; UPDATE volunteers SET key = 1",
            "本程序不认识的列：key",
        ),
        case(
            "record-without-volunteer",
            "UPDATE participations SET volunteer_id = NULL",
            "不能为空",
        ),
        case(
            "hours-real",
            "UPDATE participations SET hours_tenths = 2.5",
            "应为整数，却是小数",
        ),
        case(
            "hours-text",
            "UPDATE participations SET hours_tenths = '二十'",
            "应为整数，却是文字",
        ),
        case(
            "hours-huge",
            "UPDATE participations SET hours_tenths = 10000000000",
            "超出范围",
        ),
        case(
            "hours-negative",
            "UPDATE participations SET hours_tenths = -5",
            "超出范围",
        ),
        case("name-empty", "UPDATE volunteers SET name = ''", "姓名"),
        case(
            "id-123",
            "UPDATE volunteers SET id_number = '123'",
            "证件号码",
        ),
        case(
            "id-check-char",
            "UPDATE volunteers SET id_number = substr(id_number, 1, 17) || \
             CASE substr(id_number, 18) WHEN '0' THEN '1' ELSE '0' END",
            "校验位",
        ),
        case(
            "birth-2099",
            "UPDATE volunteers SET birth_date = '2099-01-01'",
            "出生日期",
        ),
        case(
            "registered-2099",
            "UPDATE volunteers SET registered_on = '2099-01-01'",
            "注册日期",
        ),
        case("gender-x", "UPDATE volunteers SET gender = 'X'", "性别"),
        case(
            "status-outside",
            "UPDATE volunteers SET status = '永久'",
            "状态",
        ),
        case(
            "political-outside",
            "UPDATE volunteers SET political_status = '无党派'",
            "政治面貌",
        ),
        case(
            "name-ten-million",
            format!("UPDATE volunteers SET name = '{huge_name}'"),
            "超过 20000 字",
        ),
        case(
            "name-zero-width",
            "UPDATE volunteers SET name = '王' || char(8203) || '玥'",
            "零宽",
        ),
        case(
            "name-bidi",
            "UPDATE volunteers SET name = char(8238) || '玥王'",
            "方向",
        ),
        case(
            "name-nul",
            "UPDATE volunteers SET name = '王' || char(0) || '玥'",
            "NUL",
        ),
        case(
            "date-impossible",
            "UPDATE activities SET date = '2026-02-30'",
            "不是 1900–2100 年间的日期",
        ),
        case(
            "updated-future",
            "UPDATE volunteers SET updated_at = '2099-01-01T00:00:00Z'",
            "晚于现在",
        ),
        case(
            "status-activity",
            "UPDATE activities SET status = '进行中'",
            "不在可选项",
        ),
        case(
            "held-in-the-future",
            "UPDATE activities SET date = '2099-01-01'",
            "已完成的活动日期不能晚于今天",
        ),
        case(
            "time-of-day",
            "UPDATE activities SET start_time = '25:99'",
            "不是有效的时间",
        ),
        case(
            "schema-newer",
            format!(
                "UPDATE package SET value = '{}' WHERE key = 'schema'",
                latest + 1
            ),
            "更新版本的程序",
        ),
        case(
            "schema-missing",
            "DELETE FROM package WHERE key = 'schema'",
            "没有注明数据版本",
        ),
        case(
            "column-unknown",
            "ALTER TABLE volunteers ADD COLUMN secret TEXT",
            "不认识的列：secret",
        ),
        case(
            "table-unknown",
            "CREATE TABLE evil (x)",
            "不认识的表或触发器",
        ),
        case(
            "trigger",
            "CREATE TRIGGER t AFTER INSERT ON package BEGIN SELECT 1; END",
            "不认识的表或触发器",
        ),
        case(
            "key-of-two-tables",
            "UPDATE participations SET id = (SELECT id FROM volunteers)",
            "同时用于",
        ),
        case(
            "key-of-ours",
            format!("UPDATE participations SET id = '{office_volunteer}'"),
            "在本机属于",
        ),
        case(
            "key-path",
            "UPDATE volunteers SET id = '../../ledger'",
            "不是本程序的格式",
        ),
        case(
            "reference-wrong-table",
            "UPDATE participations SET volunteer_id = (SELECT id FROM activities)",
            "交换包不完整",
        ),
        case(
            "hash-as-path",
            "UPDATE attachments SET content_hash = '../../office.sqlite'",
            "不是 SHA-256 校验值",
        ),
        case(
            "file-name-shell",
            "UPDATE files SET name = 'a & del /q * & .jpg'",
            "不是校验值",
        ),
        case(
            "file-content-changed",
            "UPDATE files SET data = x'00'",
            "与其校验值不符",
        ),
        case(
            "tombstone-table",
            "INSERT INTO tombstones VALUES ('x', 'settings', '2026-01-01T00:00:00Z')",
            "格式不对",
        ),
    ];
    let out = corpus();
    for c in &cases {
        let package = out.join(format!("{}.vlx", c.name));
        std::fs::copy(&good, &package).unwrap();
        Connection::open(&package)
            .unwrap()
            .execute_batch(&c.sql)
            .unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let before = snapshot(&office_db);
        let refused = {
            let mut office = Store::open(&office_db).unwrap();
            office.import_exchange(&package, &mut |_| true)
        };
        let message = match refused {
            Ok(s) => panic!("{}: imported: {s:?}", c.name),
            Err(e) => e.to_string(),
        };
        assert!(
            message.contains(c.expect),
            "{}: expected “{}” in: {message}",
            c.name,
            c.expect
        );
        assert!(
            message
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{}: {message}",
            c.name
        );
        assert!(message.chars().count() < 400, "{}: {message}", c.name);
        let after = snapshot(&office_db);
        assert_eq!(after.1, before.1, "{}: files", c.name);
        let diff: Vec<usize> = (0..before.0.len().min(after.0.len()))
            .filter(|&i| before.0[i] != after.0[i])
            .collect();
        assert!(
            after == before,
            "{}: the office changed at {diff:?} ({} → {} bytes)",
            c.name,
            before.0.len(),
            after.0.len()
        );
        // The big one is not kept in the source tree.
        if c.name == "name-ten-million" {
            std::fs::remove_file(&package).unwrap();
        }
    }
    // The untouched package still goes in, with its photo under our own hash.
    let mut office = Store::open(&office_db).unwrap();
    let done = office.import_exchange(&good, &mut |_| true).unwrap();
    assert_eq!(done.files, 1);
    assert!(done.added() > 0);
}

#[test]
fn an_attachment_name_is_only_a_label_and_its_file_is_named_by_our_hash() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_package(dir.path());
    let package = corpus().join("file-name-path.vlx");
    std::fs::copy(&good, &package).unwrap();
    Connection::open(&package)
        .unwrap()
        .execute_batch("UPDATE attachments SET file_name = '..\\..\\..\\Windows\\证明.pdf'")
        .unwrap();
    let office_db = dir.path().join("office").join("office.sqlite");
    std::fs::create_dir_all(office_db.parent().unwrap()).unwrap();
    let mut office = Store::open(&office_db).unwrap();
    office.import_exchange(&package, &mut |_| true).unwrap();
    let (hash, label): (String, String) = Connection::open(&office_db)
        .unwrap()
        .query_row("SELECT content_hash, file_name FROM attachments", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(label, "证明.pdf");
    let stored = office_db
        .parent()
        .unwrap()
        .join("attachments")
        .join(format!("{hash}.pdf"));
    let bytes = std::fs::read(&stored).unwrap();
    assert_eq!(bytes, b"\xff\xd8\xff photo bytes");
    // Nothing outside the attachments folder.
    let names: Vec<String> = std::fs::read_dir(office_db.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains("证明")), "{names:?}");
}

fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn no_command_writes_over_the_ledger_or_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 30, 5);
    let number: String = Connection::open(&db)
        .unwrap()
        .query_row("SELECT number FROM volunteers LIMIT 1", [], |r| r.get(0))
        .unwrap();
    // A backup, so the backups folder has a file to aim at.
    assert!(cli(&db, &["backup"]).status.success());
    let backup = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let db_s = db.to_string_lossy().into_owned();
    let wal = format!("{db_s}-wal");
    let lock = format!("{db_s}.lock");
    let backup_s = backup.to_string_lossy().into_owned();
    let before = std::fs::read(&db).unwrap();
    let backup_before = std::fs::read(&backup).unwrap();
    let attempts: Vec<Vec<&str>> = vec![
        vec!["exchange", "export", "--all", "--out", &db_s],
        vec!["exchange", "export", "--out", &backup_s],
        vec!["report", "--period", "2026", "--xlsx", &db_s],
        vec!["report", "--period", "2026", "--xlsx", &wal],
        vec![
            "export",
            "certificate",
            "--volunteer",
            &number,
            "--out",
            &db_s,
        ],
        vec![
            "export",
            "certificate",
            "--volunteer",
            &number,
            "--out",
            &lock,
        ],
        vec!["backup", "--out", &db_s],
        vec!["backup", "--out", &backup_s],
        vec!["export", "summary", "--period", "2026", "--out", &db_s],
        vec!["export", "contact-form", "--out", &db_s],
    ];
    for args in &attempts {
        let out = cli(&db, args);
        assert!(
            std::fs::read(&db).unwrap() == before,
            "{args:?} changed the ledger"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(
            err.contains("不能写入") || err.contains("不支持的文件类型"),
            "{args:?}: {err}"
        );
    }
    assert!(std::fs::read(&db).unwrap() == before, "the ledger changed");
    assert!(
        std::fs::read(&backup).unwrap() == backup_before,
        "the backup changed"
    );
    assert!(cli(&db, &["check"]).status.success());
}

/// A roster of `n` different people (valid identity numbers), as a UTF-8 CSV.
fn roster_csv(path: &Path, n: u32) {
    let mut text = String::from("姓名,性别,证件号码,手机\n");
    for i in 0..n {
        let birth =
            NaiveDate::from_ymd_opt(1960 + (i % 40) as i32, 1 + i % 12, 1 + i % 28).unwrap();
        let id = id_number::compose("120116", birth, (i / 480) as u16 * 2 + 2);
        let id = if text.contains(&id) {
            id_number::compose("120107", birth, (i / 480) as u16 * 2 + 2)
        } else {
            id
        };
        text.push_str(&format!(
            "志愿者{},女,{id},1380000{:04}\n",
            "甲乙丙丁戊己庚辛壬癸"
                .chars()
                .nth((i % 10) as usize)
                .unwrap(),
            i
        ));
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn two_imports_at_once_register_each_person_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite");
    drop(Store::open(&db).unwrap());
    let file = dir.path().join("名册.csv");
    roster_csv(&file, 3000);
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .arg("--db")
            .arg(&db)
            .args(["import", "volunteers"])
            .arg(&file)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (start(), start());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    for out in [&a, &b] {
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let c = Connection::open(&db).unwrap();
    let (people, distinct, numbers): (i64, i64, i64) = c
        .query_row(
            "SELECT count(*), count(DISTINCT id_number), count(DISTINCT number) FROM volunteers",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((people, distinct, numbers), (3000, 3000, 3000));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&a.stdout),
        String::from_utf8_lossy(&b.stdout)
    );
    assert!(
        said.contains("新增 3000 名") && said.contains("跳过已在名册中的 3000 名"),
        "{said}"
    );
}

#[test]
fn certificates_are_issued_after_two_stations_merge() {
    let dir = tempfile::tempdir().unwrap();
    let office_db = dir.path().join("office.sqlite");
    let mut office = Store::open(&office_db).unwrap();
    office.set_setting(keys::NUMBER_PREFIX, "ZY").unwrap();
    let mut issued = Vec::new();
    for (k, name) in ["甲站", "乙站"].iter().enumerate() {
        let sdir = dir.path().join(format!("s{k}"));
        std::fs::create_dir_all(&sdir).unwrap();
        let mut s = Store::open(&sdir.join("station.sqlite")).unwrap();
        s.set_setting(keys::STATION_NAME, name).unwrap();
        // Every station with the same default prefix.
        s.set_setting(keys::NUMBER_PREFIX, "ZY").unwrap();
        let birth = common::d(1980 + k as i32, 5, 6);
        let mut v = common::person("ZY0000001", &format!("李{}", ["喆", "昇"][k]), birth, 2);
        v.registered_on = common::d(2026, 1, 5);
        s.insert(&mut v).unwrap();
        let mut act = common::held("助老服务", "关爱系列", common::d(2026, 3, 14));
        s.save_activity(&mut act, &[(v.meta.id.clone(), Tenths(30))])
            .unwrap();
        for _ in 0..3 {
            issued.push(
                s.issue_certificate(&volunteer_ledger::store::certificates::CertificateRequest {
                    volunteer_id: v.meta.id.clone(),
                    from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    to: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                    leader: "王主任".into(),
                    handler: "张".into(),
                    remark: String::new(),
                    issued_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                })
                .unwrap()
                .serial,
            );
        }
        let package = dir.path().join(format!("{name}.vlx"));
        s.export_exchange(&package, true, &mut |_| true).unwrap();
        office.import_exchange(&package, &mut |_| true).unwrap();
    }
    // Two stations never give out the same serial: nothing was renamed.
    let distinct: std::collections::HashSet<&String> = issued.iter().collect();
    assert_eq!(distinct.len(), 6, "{issued:?}");
    let serials: Vec<String> = Connection::open(&office_db)
        .unwrap()
        .prepare("SELECT serial FROM certificates ORDER BY serial")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut expected = issued.clone();
    expected.sort();
    assert_eq!(serials, expected);
    // The office issues its own after the merge, for a station's volunteer.
    let holder: String = Connection::open(&office_db)
        .unwrap()
        .query_row(
            "SELECT id FROM volunteers ORDER BY number LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mine = office
        .issue_certificate(&volunteer_ledger::store::certificates::CertificateRequest {
            volunteer_id: holder,
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            leader: "王主任".into(),
            handler: "张".into(),
            remark: String::new(),
            issued_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        })
        .unwrap();
    assert!(mine.serial.ends_with("-2026-0001"), "{}", mine.serial);
    assert!(!issued.contains(&mine.serial));
    let request = volunteer_ledger::store::certificates::CertificateRequest {
        volunteer_id: mine.volunteer_id.clone(),
        from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        leader: "王主任".into(),
        handler: "张".into(),
        remark: String::new(),
        issued_on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    };
    let second = office.issue_certificate(&request).unwrap();
    // A serial renamed by an older merge (…-0002-2) does not restart the sequence.
    let mine = second;
    Connection::open(&office_db)
        .unwrap()
        .execute(
            "UPDATE certificates SET serial = ?1 || '-2' WHERE serial = ?1",
            [&mine.serial],
        )
        .unwrap();
    let next = office.issue_certificate(&request).unwrap();
    assert!(next.serial.ends_with("-2026-0002"), "{}", next.serial);
    let after = office.issue_certificate(&request).unwrap();
    assert!(after.serial.ends_with("-2026-0003"), "{}", after.serial);
}

#[test]
fn two_backups_in_the_same_second_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 5, 1);
    let made: Vec<PathBuf> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    volunteer_ledger::store::backup::backup_file(
                        &db,
                        volunteer_ledger::store::backup::Reason::Manual,
                        10,
                    )
                    .unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let distinct: std::collections::HashSet<&PathBuf> = made.iter().collect();
    assert_eq!(distinct.len(), 4, "{made:?}");
    for p in &made {
        volunteer_ledger::store::backup::check_file(p).unwrap();
    }
    assert_eq!(volunteer_ledger::store::backup::list(&db).len(), 4);
}

#[test]
fn a_package_of_contact_phones_only_is_logged_as_a_personal_information_export() {
    use volunteer_ledger::store::units::{Unit, UnitContact};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("station.sqlite");
    let mut s = Store::open(&db).unwrap();
    let mut unit = Unit {
        name: "新港社区".into(),
        kind: "村居（社区）".into(),
        ..Default::default()
    };
    let mut contact = UnitContact {
        contact_name: "赵珺".into(),
        contact_mobile: "13800000001".into(),
        ..Default::default()
    };
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    s.save_unit_with_contact(&mut unit, Some(&mut contact), day)
        .unwrap();
    s.export_exchange(&dir.path().join("1.vlx"), true, &mut |_| true)
        .unwrap();
    let mut contact = s.contact_on(&unit.meta.id, day).unwrap().unwrap();
    contact.contact_mobile = "13900000002".into();
    std::thread::sleep(std::time::Duration::from_millis(5));
    s.save_unit_with_contact(&mut unit, Some(&mut contact), day)
        .unwrap();
    let done = s
        .export_exchange(&dir.path().join("2.vlx"), false, &mut |_| true)
        .unwrap();
    assert!(
        done.counts.iter().all(|(k, _)| *k != "志愿者"),
        "{:?}",
        done.counts
    );
    let logged: Vec<(String, i64)> = Connection::open(&db)
        .unwrap()
        .prepare("SELECT file, people FROM export_log ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(logged.len(), 2, "{logged:?}");
    assert!(
        logged[1].0.ends_with("2.vlx") && logged[1].1 > 0,
        "{logged:?}"
    );
}

#[test]
fn a_full_disk_and_a_duplicate_are_told_in_chinese_with_sqlite_only_as_detail() {
    use volunteer_ledger::store::StoreError;
    let dir = tempfile::tempdir().unwrap();
    let c = Connection::open(dir.path().join("x.sqlite")).unwrap();
    c.execute_batch("CREATE TABLE t (n TEXT UNIQUE, b BLOB); PRAGMA max_page_count = 8;")
        .unwrap();
    // The disk is full: SQLite may not grow the file past eight pages.
    let full = (0..100)
        .find_map(|i| {
            c.execute("INSERT INTO t VALUES (?1, zeroblob(4096))", [i])
                .err()
        })
        .expect("the disk never filled");
    let said = StoreError::from(full).to_string();
    assert!(said.starts_with("磁盘空间不足"), "{said}");
    assert!(said.contains("（详情：") && said.contains("full"), "{said}");
    c.execute_batch("PRAGMA max_page_count = 1000000; DELETE FROM t;")
        .unwrap();
    c.execute("INSERT INTO t VALUES ('ZY0000001', NULL)", [])
        .unwrap();
    let twice = c
        .execute("INSERT INTO t VALUES ('ZY0000001', NULL)", [])
        .unwrap_err();
    let said = StoreError::from(twice).to_string();
    assert!(said.starts_with("与已有记录重复"), "{said}");
    let io = std::io::Error::from(std::io::ErrorKind::StorageFull);
    assert!(StoreError::from(io).to_string().starts_with("磁盘空间不足"));
}

#[test]
fn a_station_name_with_escape_codes_is_printed_as_codes() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_package(dir.path());
    Connection::open(&good)
        .unwrap()
        .execute(
            "UPDATE package SET value = ?1 WHERE key = 'station_name'",
            ["\u{1b}[2J\u{1b}[31m新港"],
        )
        .unwrap();
    let office = dir.path().join("office");
    std::fs::create_dir_all(&office).unwrap();
    let out = cli(
        &office.join("office.sqlite"),
        &["exchange", "import", good.to_str().unwrap()],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!said.contains('\u{1b}'), "{said:?}");
    assert!(said.contains("<U+001B>[2J"), "{said}");
}

#[test]
fn hidden_characters_in_a_roster_are_reported_by_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ledger.sqlite");
    let birth = NaiveDate::from_ymd_opt(1990, 3, 5).unwrap();
    let file = dir.path().join("名册.csv");
    std::fs::write(
        &file,
        format!(
            "姓名,证件号码\n张\u{200b}三,{}\n李\u{202e}四,{}\n",
            id_number::compose("120116", birth, 11),
            id_number::compose("120116", birth, 12)
        ),
    )
    .unwrap();
    let out = cli(
        &db,
        &["import", "volunteers", "--dry-run", file.to_str().unwrap()],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(said.contains("第 2 行") || said.contains("第2行"), "{said}");
    assert!(said.contains("零宽") && said.contains("方向"), "{said}");
}

#[test]
fn a_restore_waits_for_the_writer_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 10, 2);
    let copy = dir.path().join("copy.sqlite");
    assert!(
        cli(&db, &["backup", "--out", copy.to_str().unwrap()])
            .status
            .success()
    );
    // Another command (an import) holds the lock for a moment.
    let held = volunteer_ledger::store::lock::Lock::acquire(&db).unwrap();
    let restore = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&db)
        .args(["restore", "--from"])
        .arg(&copy)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(held);
    let out = restore.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("正由另一个窗口或命令使用"), "{err}");
    assert!(cli(&db, &["check"]).status.success());
}

#[test]
fn two_new_stations_never_give_out_the_same_volunteer_number() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a.sqlite")).unwrap();
    let b = Store::open(&dir.path().join("b.sqlite")).unwrap();
    let (pa, pb) = (a.number_prefix().unwrap(), b.number_prefix().unwrap());
    assert_ne!(pa, pb);
    assert!(pa.starts_with("ZY") && pa.len() == 6, "{pa}");
    assert_ne!(
        a.next_volunteer_number(&pa).unwrap(),
        b.next_volunteer_number(&pb).unwrap()
    );
    // A prefix the clerk set is kept as it is.
    let mut a = a;
    a.set_setting(keys::NUMBER_PREFIX, "XG").unwrap();
    assert_eq!(a.number_prefix().unwrap(), "XG");
}
