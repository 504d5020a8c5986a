//! The store against real SQLite files: migrations, refusal of foreign and newer files,
//! round trips of every entity, soft delete, and all-or-nothing writes.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::d;

use chrono::NaiveDate;
use rusqlite::Connection;
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::domain::id_number;
use volunteer_ledger::store::activities::{Activity, Participation};
use volunteer_ledger::store::meta::Table;
use volunteer_ledger::store::migrations::{self, LATEST};
use volunteer_ledger::store::paperwork::{
    Attachment, CustomKeyDate, InfoReport, Need, Submission, SummaryNarrative,
};
use volunteer_ledger::store::record::Record;
use volunteer_ledger::store::records::{
    Certificate, Complaint, Honor, Training, TrainingAttendance,
};
use volunteer_ledger::store::settings::keys;
use volunteer_ledger::store::teams::{Team, TeamMember};
use volunteer_ledger::store::units::{Unit, UnitContact};
use volunteer_ledger::store::volunteers::Volunteer;
use volunteer_ledger::store::{Store, StoreError};

fn volunteer(number: &str) -> Volunteer {
    Volunteer {
        number: number.into(),
        name: "张玥".into(),
        gender: "女".into(),
        id_type: "居民身份证".into(),
        id_number: "11010519491231002X".into(),
        birth_date: Some(d(1949, 12, 31)),
        mobile: "13800000001".into(),
        political_status: "中共党员".into(),
        kinds: "党员志愿者、退休".into(),
        registered_on: d(2026, 3, 5),
        status: "在册".into(),
        consent: true,
        consent_date: Some(d(2026, 3, 5)),
        ..Default::default()
    }
}

/// Records `tenths` of service for a volunteer in a new activity with the given status.
fn record_hours(store: &mut Store, volunteer_id: &str, status: &str, date: NaiveDate, tenths: i64) {
    let mut a = Activity {
        title: format!("{status}的活动"),
        category: "文明交通".into(),
        date,
        status: status.into(),
        ..Default::default()
    };
    store.insert(&mut a).unwrap();
    let mut p = Participation {
        activity_id: a.meta.id.clone(),
        volunteer_id: volunteer_id.into(),
        hours: Tenths(tenths),
        ..Default::default()
    };
    store.insert(&mut p).unwrap();
}

/// Inserts `record`, reads it back and checks that every field survived.
fn round_trip<R: Record + PartialEq + std::fmt::Debug>(store: &mut Store, mut record: R) -> R {
    store.insert(&mut record).unwrap();
    assert!(!record.meta().id.is_empty());
    assert_eq!(record.meta().origin, store.origin());
    let back: R = store.get(&record.meta().id).unwrap();
    assert_eq!(back, record, "{} did not survive the round trip", R::KIND);
    record
}

#[test]
fn new_file_gets_latest_schema_with_pragmas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新建 台账.sqlite");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    store.integrity_check().unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, migrations::APPLICATION_ID);
    for table in Table::ALL {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info(?1) WHERE name IN
                 ('id', 'created_at', 'updated_at', 'origin', 'deleted_at')",
                [table.name()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 5, "{} lacks the common columns", table.name());
    }
}

#[test]
fn foreign_keys_are_enforced_on_every_connection() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("fk.sqlite")).unwrap();
    let mut p = Participation {
        activity_id: "no-such-activity".into(),
        volunteer_id: "no-such-volunteer".into(),
        hours: Tenths(15),
        ..Default::default()
    };
    let err = store.insert(&mut p).unwrap_err();
    assert!(matches!(err, StoreError::Sql(_)), "{err:?}");
    assert_eq!(store.count_live(Table::Participations).unwrap(), 0);
}

/// A new file at the first schema, as the first version of the program made it.
fn first_schema(path: &std::path::Path) -> Connection {
    let mut conn = Connection::open(path).unwrap();
    migrations::migrate_to(&mut conn, 1).unwrap();
    conn
}

#[test]
fn migrates_from_first_schema_with_backup_and_keeps_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        let conn = first_schema(&path);
        // A row as the first schema's program wrote it.
        conn.execute_batch(
            "INSERT INTO units (id, name, kind, created_at, updated_at, origin)
             VALUES ('u1', '胜利社区', '村居（社区）', '2021', '2021', 'old');
             INSERT INTO volunteers (id, number, name, gender, id_number, mobile, registered_on,
                 community_id, kinds, created_at, updated_at, origin)
             VALUES ('v1', 'SF0000001', '张玥', '女', '11010519491231002X', '13800000001',
                 '2021-03-05', 'u1', '学生、青年',
                 '2021-03-05T01:00:00.000Z', '2021-03-05T01:00:00.000Z', 'old');
             INSERT INTO activities (id, title, category, date, status, created_at, updated_at, origin)
             VALUES ('a1', '文明交通', '文明交通', '2021-04-01', '已完成', '2021', '2021', 'old'),
                    ('a2', '取消的', '文明交通', '2021-04-02', '已取消', '2021', '2021', 'old');
             INSERT INTO participations (id, activity_id, volunteer_id, hours_tenths,
                 created_at, updated_at, origin)
             VALUES ('p1', 'a1', 'v1', 35, '2021', '2021', 'old'),
                    ('p2', 'a2', 'v1', 20, '2021', '2021', 'old');",
        )
        .unwrap();
        assert_eq!(migrations::user_version(&conn).unwrap(), 1);
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 1);
    assert_eq!(store.count_live(Table::Submissions).unwrap(), 0);
    // The search index was built for the volunteer already there.
    assert_eq!(
        store.volunteer_search_page("zy", 0, 10).unwrap()[0].id,
        "v1"
    );
    assert_eq!(store.volunteer_search_count("0001").unwrap(), 1);
    // Sort and filter keys were filled for it: community name, counted hours, kinds.
    let row = &store.volunteer_page(false, 0, 1).unwrap()[0];
    assert_eq!(
        (row.community.as_str(), row.total),
        ("胜利社区", Tenths(35))
    );
    use volunteer_ledger::store::register::{RegisterFilter, RegisterQuery};
    let kind = |k: &str| RegisterQuery {
        filter: RegisterFilter {
            kind: Some(k.into()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(store.register_count(&kind("青年")).unwrap(), 1);
    assert_eq!(store.register_count(&kind("退休")).unwrap(), 0);
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "one backup before migrating");
    let backup = Connection::open(&backups[0]).unwrap();
    assert_eq!(migrations::user_version(&backup).unwrap(), 1);
    let n: i64 = backup
        .query_row("SELECT count(*) FROM volunteers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn an_upgrade_whose_backup_would_not_fit_is_refused_before_copying() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    first_schema(&path)
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let len = std::fs::metadata(&path).unwrap().len();
    // Grown past the free space (sparse: it takes no room itself), as a district's file of
    // gigabytes on a nearly full disk.
    let free = volunteer_ledger::store::disk::free_space(dir.path()).unwrap();
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(free + (1 << 30)).unwrap();
    let msg = Store::open(&path).err().unwrap().to_string();
    assert!(
        msg.contains("升级") && msg.contains("磁盘空间不足"),
        "{msg}"
    );
    assert!(msg.contains("移到空间更大的磁盘"), "{msg}");
    let backups = dir.path().join("backups");
    let copies = std::fs::read_dir(&backups).map_or(0, |d| d.count());
    assert_eq!(copies, 0, "no backup started");
    // Nothing migrated: with the room back, the same file upgrades as usual.
    f.set_len(len).unwrap();
    drop(f);
    let conn = Connection::open(&path).unwrap();
    assert_eq!(migrations::user_version(&conn).unwrap(), 1);
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 1);
}

#[test]
fn each_migration_step_applies_in_order_from_empty() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = Connection::open(dir.path().join("steps.sqlite")).unwrap();
    for v in 1..=LATEST {
        migrations::migrate_to(&mut conn, v).unwrap();
        assert_eq!(migrations::user_version(&conn).unwrap(), v);
    }
}

#[test]
fn newer_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("高于本程序支持的版本"), "{msg}");
    assert!(std::fs::read(&path).unwrap() == before, "file changed");
}

#[test]
fn foreign_and_broken_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.sqlite");
    {
        let conn = Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE customers (id INTEGER);")
            .unwrap();
    }
    let err = Store::open(&foreign).err().unwrap();
    assert!(matches!(err, StoreError::Foreign(_)), "{err:?}");
    assert!(err.to_string().contains("不是志愿服务台账的数据库"));

    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "这不是数据库文件，只是一段文字。".repeat(20)).unwrap();
    let before = std::fs::read(&text).unwrap();
    let err = Store::open(&text).err().unwrap();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(err.to_string().contains("无法打开数据库文件"));
    assert!(std::fs::read(&text).unwrap() == before, "file changed");
}

#[test]
fn every_entity_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("rt.sqlite")).unwrap();
    store
        .set_setting(keys::UNIT_NAME, "某某街道办事处")
        .unwrap();
    assert_eq!(
        store.unit_name().unwrap().as_deref(),
        Some("某某街道办事处")
    );

    let street = round_trip(
        &mut store,
        Unit {
            name: "某某街道办事处".into(),
            kind: "街镇".into(),
            phone: "022-25201234".into(),
            fax: "022-25205678".into(),
            email: "jd@tj.gov.cn".into(),
            ..Default::default()
        },
    );
    let community = round_trip(
        &mut store,
        Unit {
            name: "海韵社区".into(),
            kind: "村居（社区）".into(),
            parent_id: Some(street.meta.id.clone()),
            ..Default::default()
        },
    );
    let contact = round_trip(
        &mut store,
        UnitContact {
            unit_id: street.meta.id.clone(),
            leader_name: "王喆".into(),
            leader_title: "副主任".into(),
            department: "党群办".into(),
            contact_name: "李璟".into(),
            contact_mobile: "13900000002".into(),
            valid_from: d(2026, 1, 1),
            ..Default::default()
        },
    );
    assert_eq!(
        store.contact_on(&street.meta.id, d(2026, 3, 1)).unwrap(),
        Some(contact)
    );
    assert_eq!(
        store.contact_on(&street.meta.id, d(2025, 3, 1)).unwrap(),
        None
    );
    let mut v = volunteer("SF0000001");
    v.community_id = Some(community.meta.id.clone());
    let v = round_trip(&mut store, v);
    let team = round_trip(
        &mut store,
        Team {
            name: "文明交通志愿服务队".into(),
            category: "文明交通".into(),
            unit_id: Some(street.meta.id.clone()),
            leader_id: Some(v.meta.id.clone()),
            founded_on: Some(d(2024, 5, 1)),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        TeamMember {
            team_id: team.meta.id.clone(),
            volunteer_id: v.meta.id.clone(),
            joined_on: d(2024, 5, 1),
            ..Default::default()
        },
    );
    let activity = round_trip(
        &mut store,
        Activity {
            title: "学雷锋志愿服务日：清洁家园".into(),
            category: "学雷锋志愿服务日".into(),
            date: d(2026, 3, 14),
            start_time: "09:00".into(),
            end_time: "11:00".into(),
            organizer_id: Some(community.meta.id.clone()),
            team_id: Some(team.meta.id.clone()),
            beneficiaries: "居民、空巢老人".into(),
            served_count: 120,
            status: "已完成".into(),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        Participation {
            activity_id: activity.meta.id.clone(),
            volunteer_id: v.meta.id.clone(),
            hours: Tenths(20),
            evaluation: "优秀".into(),
            ..Default::default()
        },
    );
    let training = round_trip(
        &mut store,
        Training {
            date: d(2026, 5, 8),
            topic: "《志愿服务条例》".into(),
            hours: Tenths(15),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        TrainingAttendance {
            training_id: training.meta.id.clone(),
            volunteer_id: v.meta.id.clone(),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        Honor {
            volunteer_id: Some(v.meta.id.clone()),
            title: "身边雷锋".into(),
            level: "街道级".into(),
            awarded_on: d(2026, 3, 5),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        Complaint {
            volunteer_id: v.meta.id.clone(),
            received_on: d(2026, 4, 1),
            content: "迟到".into(),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        Certificate {
            serial: "SF-2026-0001".into(),
            volunteer_id: v.meta.id.clone(),
            period_from: d(2026, 1, 1),
            period_to: d(2026, 6, 30),
            hours: Tenths(20),
            issued_on: d(2026, 7, 1),
            issuer_id: Some(street.meta.id.clone()),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        InfoReport {
            title: "学雷锋日活动信息".into(),
            sent_on: d(2026, 3, 15),
            activity_id: Some(activity.meta.id.clone()),
            adopted: true,
            adopted_by: "滨海新区文明网".into(),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        Need {
            community_id: Some(community.meta.id.clone()),
            kind: "孤寡老人".into(),
            person: "赵犇".into(),
            recorded_on: d(2026, 2, 1),
            status: "待对接".into(),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        Attachment {
            owner_kind: "activities".into(),
            owner_id: activity.meta.id.clone(),
            file_name: "签到表.jpg".into(),
            content_hash: "ab".repeat(32),
            mime: "image/jpeg".into(),
            size_bytes: 123_456,
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        CustomKeyDate {
            name: "社区邻里节".into(),
            month: 9,
            day: 20,
            year: None,
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        SummaryNarrative {
            period: "2026H1".into(),
            section: "存在的问题".into(),
            body: "活动形式较为单一。".into(),
            ..Default::default()
        },
    );
    round_trip(
        &mut store,
        Submission {
            year: 2026,
            document: "负责人联络表".into(),
            submitted_on: d(2026, 3, 3),
            method: "传真".into(),
            ..Default::default()
        },
    );
    let counts = store.counts().unwrap();
    assert_eq!((counts.volunteers, counts.units, counts.teams), (1, 2, 1));
    assert_eq!((counts.activities, counts.participations), (1, 1));
}

#[test]
fn soft_delete_moves_to_recycle_bin_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sd.sqlite")).unwrap();
    let mut v = volunteer("SF0000009");
    store.insert(&mut v).unwrap();
    store.soft_delete(Table::Volunteers, &v.meta.id).unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 0);
    let deleted: Volunteer = store.get(&v.meta.id).unwrap();
    assert!(deleted.meta.deleted_at.is_some(), "kept, only marked");
    assert!(store.volunteer_page(false, 0, 10).unwrap().is_empty());
    store
        .restore_deleted(Table::Volunteers, &v.meta.id)
        .unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 1);
}

#[test]
fn update_stamps_updated_at_and_persists() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("up.sqlite")).unwrap();
    let mut v = volunteer("SF0000010");
    store.insert(&mut v).unwrap();
    let created = v.meta.updated_at.clone();
    std::thread::sleep(std::time::Duration::from_millis(5));
    v.mobile = "13900000003".into();
    store.update_volunteer(&mut v).unwrap();
    let back: Volunteer = store.get(&v.meta.id).unwrap();
    assert_eq!(back.mobile, "13900000003");
    assert!(back.meta.updated_at > created);
    assert_eq!(back.meta.created_at, v.meta.created_at);
}

#[test]
fn failed_bulk_write_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("tx.sqlite")).unwrap();
    let result = store.bulk(|w| {
        let mut a = volunteer("SF0000001");
        a.meta = volunteer_ledger::store::RecordMeta::new("x");
        w.put(&a)?;
        let mut b = volunteer("SF0000001"); // same number: violates UNIQUE
        b.meta = volunteer_ledger::store::RecordMeta::new("x");
        w.put(&b)
    });
    assert!(result.is_err());
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 0);
}

#[test]
fn volunteer_list_masks_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("mask.sqlite")).unwrap();
    store.insert(&mut volunteer("SF0000001")).unwrap();
    let rows = store.volunteer_page(false, 0, 10).unwrap();
    assert_eq!(rows[0].id_masked, "110105********002X");
    assert_eq!(rows[0].mobile_masked, "138****0001");
}

#[test]
fn bulk_write_works_beside_another_connection_and_leaves_wal_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bulk.sqlite");
    let mut store = Store::open(&path).unwrap();
    let reader = Store::open_read_only(&path).unwrap();
    store
        .bulk(|w| {
            for i in 0..50 {
                let mut v = volunteer(&format!("SF{i:07}"));
                v.meta = volunteer_ledger::store::RecordMeta::new("x");
                w.put(&v)?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(reader.count_live(Table::Volunteers).unwrap(), 50);
    drop(reader);
    store
        .bulk(|w| {
            let mut v = volunteer("SF9999999");
            v.meta = volunteer_ledger::store::RecordMeta::new("x");
            w.put(&v)
        })
        .unwrap();
    assert_eq!(store.count_live(Table::Volunteers).unwrap(), 51);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn volunteer_summary_counts_hours_of_activities_that_took_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sum.sqlite")).unwrap();
    let mut v = volunteer("SF0000001");
    store.insert(&mut v).unwrap();
    record_hours(&mut store, &v.meta.id, "已完成", d(2026, 3, 14), 20);
    record_hours(&mut store, &v.meta.id, "已完成", d(2026, 4, 11), 15);
    record_hours(&mut store, &v.meta.id, "已取消", d(2026, 5, 9), 30);
    let s = store.volunteer_summary(&v.meta.id).unwrap();
    assert_eq!((s.activities, s.total), (2, Tenths(35)));
    let page = store.service_page(&v.meta.id, 0, 10).unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0].date, d(2026, 4, 11), "newest first");
    assert_eq!(page[1].hours, Tenths(20));
}

#[test]
fn purge_only_from_the_bin_takes_service_records_and_spares_certified_volunteers() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("purge.sqlite")).unwrap();
    let mut v = volunteer("SF0000001");
    store.insert(&mut v).unwrap();
    record_hours(&mut store, &v.meta.id, "已完成", d(2026, 3, 14), 20);

    let err = store.purge_volunteer(&v.meta.id).unwrap_err();
    assert!(err.to_string().contains("不在回收站中"), "{err}");
    store.soft_delete(Table::Volunteers, &v.meta.id).unwrap();
    assert_eq!(store.volunteers_in_bin().unwrap(), 1);
    assert_eq!(store.volunteer_page(true, 0, 10).unwrap().len(), 1);
    // Soft delete keeps the service record.
    assert_eq!(store.count_live(Table::Participations).unwrap(), 1);

    let impact = store.purge_volunteer(&v.meta.id).unwrap();
    assert_eq!(impact.participations, 1);
    assert_eq!(store.volunteers_in_bin().unwrap(), 0);
    assert_eq!(store.count_live(Table::Participations).unwrap(), 0);
    assert!(store.get::<Volunteer>(&v.meta.id).is_err());

    let mut w = volunteer("SF0000002");
    w.id_number = "120116199003051236".into();
    store.insert(&mut w).unwrap();
    let mut c = Certificate {
        serial: "SF-2026-0009".into(),
        volunteer_id: w.meta.id.clone(),
        period_from: d(2026, 1, 1),
        period_to: d(2026, 6, 30),
        issued_on: d(2026, 7, 1),
        ..Default::default()
    };
    store.insert(&mut c).unwrap();
    store.soft_delete(Table::Volunteers, &w.meta.id).unwrap();
    let err = store.purge_volunteer(&w.meta.id).unwrap_err();
    assert!(err.to_string().contains("不能彻底删除"), "{err}");
    assert_eq!(store.volunteers_in_bin().unwrap(), 1, "nothing removed");

    // Emptying the bin takes everyone but the certified volunteer, and leaves tombstones so a
    // station's package does not bring them back.
    let mut x = volunteer("SF0000003");
    x.id_number = "120116199003051252".into();
    store.insert(&mut x).unwrap();
    record_hours(&mut store, &x.meta.id, "已完成", d(2026, 4, 11), 15);
    store.soft_delete(Table::Volunteers, &x.meta.id).unwrap();
    assert_eq!(store.empty_volunteer_bin().unwrap(), (1, 1));
    assert_eq!(store.volunteers_in_bin().unwrap(), 1);
    assert!(store.get::<Volunteer>(&x.meta.id).is_err());
    assert!(store.get::<Volunteer>(&w.meta.id).is_ok());
    let tombstones: i64 = rusqlite::Connection::open(store.path())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM exchange_tombstones WHERE id = ?1 AND tbl = 'volunteers'",
            [&x.meta.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tombstones, 1);
}

#[test]
fn search_by_name_pinyin_initials_number_and_number_tails() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("search.sqlite")).unwrap();
    let people = [
        ("SF0000001", "张三", "110105194912310021", "13800000001"),
        ("SF0000002", "张珊珊", "120116199003051236", "13911112222"),
        ("SF0000003", "曾喆", "120107198503051232", "13733334444"),
        ("SF0000004", "李四", "12010719850305123X", "15055556666"),
    ];
    let mut ids = Vec::new();
    for (number, name, id_number, mobile) in people {
        let mut v = volunteer(number);
        v.name = name.into();
        v.id_number = id_number.into();
        v.mobile = mobile.into();
        store.insert(&mut v).unwrap();
        ids.push(v.meta.id.clone());
    }
    fn names_in(store: &Store, q: &str) -> Vec<String> {
        store
            .volunteer_search_page(q, 0, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    }
    let names = |q: &str| names_in(&store, q);
    assert_eq!(names("zs"), ["张三", "张珊珊"]);
    assert_eq!(names("zhangsan"), ["张三"]);
    assert_eq!(names("zhangs"), ["张三", "张珊珊"]);
    assert_eq!(names("ZSS"), ["张珊珊"]);
    assert_eq!(names("zengz"), ["曾喆"], "surname reading");
    assert_eq!(names("张"), ["张三", "张珊珊"]);
    assert_eq!(names("sf0000004"), ["李四"]);
    assert_eq!(names("SF00000"), ["张三", "张珊珊", "曾喆", "李四"]);
    assert_eq!(names("2222"), ["张珊珊"], "phone tail");
    assert_eq!(names("123x"), ["李四"], "ID tail with X");
    assert_eq!(names("1232"), ["曾喆"]);
    assert_eq!(names("wangwu"), Vec::<String>::new());
    assert_eq!(store.volunteer_search_count("zs").unwrap(), 2);
    assert_eq!(store.volunteer_search_count("").unwrap(), 4);

    // Edits re-index; deleted volunteers are not found.
    let mut v: Volunteer = store.get(&ids[3]).unwrap();
    v.name = "王五".into();
    store.update_volunteer(&mut v).unwrap();
    assert_eq!(names_in(&store, "ww"), ["王五"]);
    assert!(names_in(&store, "ls").is_empty());
    store.soft_delete(Table::Volunteers, &ids[0]).unwrap();
    assert_eq!(names_in(&store, "zs"), ["张珊珊"]);
    // The full pinyin reads the live volunteers' index (schema 22): a volunteer in the recycle
    // bin is not found by it, and is again once restored.
    assert!(names_in(&store, "zhangsan").is_empty());
    assert_eq!(store.volunteer_search_count("zhangsan").unwrap(), 0);
    store.restore_deleted(Table::Volunteers, &ids[0]).unwrap();
    assert_eq!(names_in(&store, "zhangsan"), ["张三"]);
    let plan: Vec<String> = rusqlite::Connection::open(store.path())
        .unwrap()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT number FROM volunteer_search
             WHERE live = 1 AND pinyin >= 'zhangsan' AND pinyin < 'zhangsan~'",
        )
        .unwrap()
        .query_map([], |r| r.get(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(
        plan.iter()
            .any(|p| p.contains("COVERING INDEX idx_vs_live_pinyin")),
        "{plan:?}"
    );
}

#[test]
fn list_pages_skip_deleted_volunteers_and_follow_number_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("pages.sqlite")).unwrap();
    let mut ids = Vec::new();
    for i in 0..30 {
        let mut v = volunteer(&format!("SF{:07}", 30 - i));
        v.id_number = id_number::compose("120116", d(1980, 1, 1) + chrono::Duration::days(i), 11);
        store.insert(&mut v).unwrap();
        ids.push(v.meta.id.clone());
    }
    for id in ids.iter().step_by(3) {
        store.soft_delete(Table::Volunteers, id).unwrap();
    }
    let all: Vec<String> = store
        .volunteer_page(false, 0, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.number)
        .collect();
    assert_eq!(all.len(), 20);
    assert!(all.windows(2).all(|w| w[0] < w[1]), "number order");
    for offset in [0, 1, 7, 19] {
        let page: Vec<String> = store
            .volunteer_page(false, offset, 5)
            .unwrap()
            .into_iter()
            .map(|r| r.number)
            .collect();
        assert_eq!(
            page,
            all[offset..(offset + 5).min(20)].to_vec(),
            "offset {offset}"
        );
    }
    assert!(store.volunteer_page(false, 20, 5).unwrap().is_empty());
    assert_eq!(store.volunteer_page(true, 0, 100).unwrap().len(), 10);
}

#[test]
fn register_sorts_by_any_column_and_filters_by_community_team_kind_star_and_status() {
    use volunteer_ledger::store::register::{RegisterFilter, RegisterQuery, SortKey};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("register.sqlite")).unwrap();
    let mut east = Unit {
        name: "东沽社区".into(),
        kind: "村居（社区）".into(),
        ..Default::default()
    };
    store.insert(&mut east).unwrap();
    let mut west = Unit {
        name: "西沽社区".into(),
        kind: "村居（社区）".into(),
        ..Default::default()
    };
    store.insert(&mut west).unwrap();
    // number, name, political status, community, status, kinds, hours
    let people = [
        ("SF0000001", "赵一", "群众", &west, "在册", "居民", 50),
        (
            "SF0000002",
            "安二",
            "中共党员",
            &east,
            "在册",
            "党员志愿者、退休",
            1500,
        ),
        (
            "SF0000003",
            "孙三",
            "共青团员",
            &west,
            "暂停",
            "学生、青年",
            3500,
        ),
        (
            "SF0000004",
            "李四",
            "中共党员",
            &east,
            "退出",
            "党员志愿者",
            16000,
        ),
    ];
    let mut ids = Vec::new();
    for (i, (number, name, political, community, status, kinds, tenths)) in
        people.iter().enumerate()
    {
        let mut v = volunteer(number);
        v.name = (*name).into();
        v.political_status = (*political).into();
        v.community_id = Some(community.meta.id.clone());
        v.status = (*status).into();
        v.kinds = (*kinds).into();
        v.mobile = format!("1390000000{i}");
        store.insert(&mut v).unwrap();
        record_hours(&mut store, &v.meta.id, "已完成", d(2026, 5, 1), *tenths);
        ids.push(v.meta.id.clone());
    }
    let mut team = Team {
        name: "红马甲服务队".into(),
        category: "综合".into(),
        ..Default::default()
    };
    store.insert(&mut team).unwrap();
    for id in [&ids[1], &ids[2]] {
        let mut m = TeamMember {
            team_id: team.meta.id.clone(),
            volunteer_id: id.clone(),
            joined_on: d(2026, 1, 1),
            ..Default::default()
        };
        store.insert(&mut m).unwrap();
    }
    let names = |store: &Store, q: &RegisterQuery| -> Vec<String> {
        let page = store.register_page(q, 0, 50).unwrap();
        assert_eq!(
            store.register_count(q).unwrap() as usize,
            page.len(),
            "{q:?}"
        );
        page.into_iter().map(|r| r.name).collect()
    };
    let sorted = |sort, descending| RegisterQuery {
        sort,
        descending,
        ..Default::default()
    };
    assert_eq!(
        names(&store, &sorted(SortKey::Number, false)),
        ["赵一", "安二", "孙三", "李四"]
    );
    assert_eq!(
        names(&store, &sorted(SortKey::Number, true)),
        ["李四", "孙三", "安二", "赵一"]
    );
    // Names in pinyin order: an, li, sun, zhao.
    assert_eq!(
        names(&store, &sorted(SortKey::Name, false)),
        ["安二", "李四", "孙三", "赵一"]
    );
    assert_eq!(
        names(&store, &sorted(SortKey::Hours, true)),
        ["李四", "孙三", "安二", "赵一"]
    );
    // 东 before 西 by code point, ties by number.
    assert_eq!(
        names(&store, &sorted(SortKey::Community, false)),
        ["安二", "李四", "赵一", "孙三"]
    );
    // 在册 < 暂停 < 退出 by code point? No: by the bytes SQLite compares; check against Rust.
    let mut by_status: Vec<(&str, &str)> = people.iter().map(|p| (p.4, p.0)).collect();
    by_status.sort();
    let expect: Vec<String> = by_status
        .iter()
        .map(|(_, n)| people.iter().find(|p| p.0 == *n).unwrap().1.to_string())
        .collect();
    assert_eq!(names(&store, &sorted(SortKey::Status, false)), expect);
    let rows = store
        .register_page(&sorted(SortKey::Hours, false), 0, 10)
        .unwrap();
    assert_eq!(rows[0].total, Tenths(50));
    assert_eq!(rows[3].total, Tenths(16000));

    let filtered = |filter: RegisterFilter| RegisterQuery {
        filter,
        ..Default::default()
    };
    let f = RegisterFilter {
        community_id: Some(east.meta.id.clone()),
        ..Default::default()
    };
    assert_eq!(names(&store, &filtered(f)), ["安二", "李四"]);
    let f = RegisterFilter {
        team_id: Some(team.meta.id.clone()),
        ..Default::default()
    };
    assert_eq!(names(&store, &filtered(f)), ["安二", "孙三"]);
    let f = RegisterFilter {
        political_status: Some("中共党员".into()),
        status: Some("在册".into()),
        ..Default::default()
    };
    assert_eq!(names(&store, &filtered(f)), ["安二"]);
    let f = RegisterFilter {
        kind: Some("党员志愿者".into()),
        ..Default::default()
    };
    assert_eq!(names(&store, &filtered(f)), ["安二", "李四"]);
    let f = RegisterFilter {
        kind: Some("退休".into()),
        ..Default::default()
    };
    assert_eq!(
        names(&store, &filtered(f)),
        ["安二"],
        "a kind is matched whole"
    );
    for (star, expect) in [(0, "赵一"), (1, "安二"), (2, "孙三"), (5, "李四")] {
        let f = RegisterFilter {
            star: Some(star),
            ..Default::default()
        };
        assert_eq!(names(&store, &filtered(f)), [expect], "star {star}");
    }
    // Changing a volunteer's kinds moves them between the kind filters.
    let mut v: Volunteer = store.get(&ids[0]).unwrap();
    v.kinds = "党员志愿者、教师".into();
    store.update_volunteer(&mut v).unwrap();
    let by_kind = |store: &Store, k: &str| {
        names(
            store,
            &filtered(RegisterFilter {
                kind: Some(k.into()),
                ..Default::default()
            }),
        )
    };
    assert_eq!(by_kind(&store, "党员志愿者"), ["赵一", "安二", "李四"]);
    assert_eq!(by_kind(&store, "教师"), ["赵一"]);
    assert!(by_kind(&store, "居民").is_empty());
    v.kinds = "居民".into();
    store.update_volunteer(&mut v).unwrap();
    assert_eq!(by_kind(&store, "居民"), ["赵一"]);
    // The key list the window pages through gives the same rows as the query pages.
    for sort in [
        SortKey::Number,
        SortKey::Name,
        SortKey::Hours,
        SortKey::Community,
    ] {
        for descending in [false, true] {
            let q = RegisterQuery {
                filter: RegisterFilter {
                    kind: Some("党员志愿者".into()),
                    ..Default::default()
                },
                sort,
                descending,
                ..Default::default()
            };
            let keys = store.register_keys(&q).unwrap();
            assert_eq!(
                store.register_rows(&keys).unwrap(),
                store.register_page(&q, 0, 50).unwrap()
            );
        }
    }
    // Filters, search and sort together.
    let q = RegisterQuery {
        search: "139".into(),
        filter: RegisterFilter {
            team_id: Some(team.meta.id.clone()),
            ..Default::default()
        },
        sort: SortKey::Name,
        descending: true,
    };
    assert_eq!(
        names(&store, &q),
        Vec::<String>::new(),
        "phone tails, not heads"
    );
    let q = RegisterQuery {
        search: "sun".into(),
        ..q
    };
    assert_eq!(names(&store, &q), ["孙三"]);

    // Totals follow cancelled and deleted activities, deleted volunteers leave the lists.
    let act: String = Connection::open(store.path())
        .unwrap()
        .query_row(
            "SELECT activity_id FROM participations WHERE volunteer_id = ?1",
            [&ids[3]],
            |r| r.get(0),
        )
        .unwrap();
    let mut a: Activity = store.get(&act).unwrap();
    a.status = "已取消".into();
    store
        .write(|c| {
            c.execute(
                "UPDATE activities SET status = ?1 WHERE id = ?2",
                [&a.status, &a.meta.id],
            )?;
            Ok(())
        })
        .unwrap();
    let f = RegisterFilter {
        star: Some(0),
        ..Default::default()
    };
    assert_eq!(names(&store, &filtered(f.clone())), ["赵一", "李四"]);
    store.soft_delete(Table::Volunteers, &ids[0]).unwrap();
    assert_eq!(names(&store, &filtered(f)), ["李四"]);
    assert_eq!(
        names(&store, &sorted(SortKey::Name, false)),
        ["安二", "李四", "孙三"]
    );
    store.restore_deleted(Table::Volunteers, &ids[0]).unwrap();
    assert_eq!(
        names(&store, &sorted(SortKey::Name, true)),
        ["赵一", "孙三", "李四", "安二"]
    );
}

#[test]
fn an_activity_is_saved_with_its_participants_and_the_totals_follow() {
    use volunteer_ledger::store::register::{RegisterFilter, RegisterQuery};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("activity.sqlite")).unwrap();
    let mut ids = Vec::new();
    for (i, (name, mobile)) in [
        ("王芳", "13800000011"),
        ("李雷", "13800000012"),
        ("王芳", "13800000013"),
    ]
    .iter()
    .enumerate()
    {
        let mut v = volunteer(&format!("SF000000{}", i + 1));
        v.name = (*name).into();
        v.mobile = (*mobile).into();
        v.id_number = id_number::compose("120116", d(1980, 1, 1 + i as u32), 11);
        store.insert(&mut v).unwrap();
        ids.push(v.meta.id.clone());
    }
    let total = |store: &Store, i: usize| -> Tenths {
        store
            .register_page(&RegisterQuery::default(), 0, 10)
            .unwrap()
            .into_iter()
            .find(|r| r.id == ids[i])
            .unwrap()
            .total
    };
    let mut a = Activity {
        title: "学雷锋志愿服务日：清扫楼道".into(),
        category: "学雷锋志愿服务日".into(),
        date: d(2026, 3, 14),
        start_time: "09:00".into(),
        end_time: "11:30".into(),
        status: "已完成".into(),
        ..Default::default()
    };
    store
        .save_activity(
            &mut a,
            &[(ids[0].clone(), Tenths(25)), (ids[1].clone(), Tenths(20))],
        )
        .unwrap();
    assert!(!a.meta.id.is_empty());
    assert_eq!(total(&store, 0), Tenths(25));
    assert_eq!(total(&store, 1), Tenths(20));
    let rows = store.activity_participants(&a.meta.id).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].mobile_masked, "138****0011");

    // An edit changes one person's hours, removes another, adds a third: one transaction.
    a.title = "学雷锋志愿服务日：清扫楼道和小广告".into();
    store
        .save_activity(
            &mut a,
            &[(ids[0].clone(), Tenths(30)), (ids[2].clone(), Tenths(25))],
        )
        .unwrap();
    assert_eq!(total(&store, 0), Tenths(30));
    assert_eq!(total(&store, 1), Tenths(0), "removed from the activity");
    assert_eq!(total(&store, 2), Tenths(25));
    let back: Activity = store.get(&a.meta.id).unwrap();
    assert_eq!(back.title, "学雷锋志愿服务日：清扫楼道和小广告");
    // Listed again, the removed record comes back instead of a second one.
    store
        .save_activity(
            &mut a,
            &[
                (ids[0].clone(), Tenths(30)),
                (ids[1].clone(), Tenths(15)),
                (ids[2].clone(), Tenths(25)),
            ],
        )
        .unwrap();
    assert_eq!(total(&store, 1), Tenths(15));
    let n: i64 = Connection::open(store.path())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM participations WHERE activity_id = ?1",
            [&a.meta.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 3);
    // A star filter sees the new totals at once.
    let zero = RegisterQuery {
        filter: RegisterFilter {
            star: Some(0),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(store.register_count(&zero).unwrap(), 3);

    // A failed save (unknown volunteer) changes nothing.
    let err = store.save_activity(
        &mut a,
        &[(ids[0].clone(), Tenths(99)), ("nobody".into(), Tenths(10))],
    );
    assert!(err.is_err());
    assert_eq!(total(&store, 0), Tenths(30));

    // Sign-in lists: by phone, by unique name, by number; unknown and shared names listed.
    let m = store
        .match_sign_in("李雷\n王芳 13800000013\nsf0000001\n王芳\n张无忌\n\n")
        .unwrap();
    let names: Vec<&str> = m.matched.iter().map(|(_, h)| h.number.as_str()).collect();
    assert_eq!(names, ["SF0000002", "SF0000003", "SF0000001"]);
    assert_eq!(m.unmatched.len(), 2);
    assert_eq!(m.unmatched[0].0, "王芳");
    assert!(m.unmatched[0].1.contains("2 人同名"));
    assert_eq!(
        m.unmatched[1],
        ("张无忌".to_string(), "名册中没有找到".to_string())
    );

    // Someone already in another activity at an overlapping time is found.
    let mut other = Activity {
        title: "文明交通劝导".into(),
        category: "文明交通".into(),
        date: d(2026, 3, 14),
        start_time: "10:00".into(),
        end_time: "12:00".into(),
        status: "已完成".into(),
        ..Default::default()
    };
    store.save_activity(&mut other, &[]).unwrap();
    assert!(
        store
            .busy_elsewhere(&ids, d(2026, 3, 14), ("10:00", "12:00"), &other.meta.id)
            .unwrap()
            .len()
            == 3
    );
    assert!(
        store
            .busy_elsewhere(&ids, d(2026, 3, 14), ("12:00", "13:00"), &other.meta.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_years_lei_feng_days_are_planned_once_on_second_saturdays() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("plan.sqlite")).unwrap();
    assert_eq!(store.plan_lei_feng_days(2026).unwrap(), 12);
    assert_eq!(store.plan_lei_feng_days(2026).unwrap(), 0, "not twice");
    let rows = store.activity_page(&Default::default(), 0, 20).unwrap();
    assert_eq!(rows.len(), 12);
    for r in &rows {
        use chrono::Datelike;
        assert_eq!(
            Some(r.date),
            volunteer_ledger::domain::calendar::second_saturday(2026, r.date.month())
        );
        assert_eq!(r.status, "计划中");
        assert_eq!(r.category, "学雷锋志愿服务日");
    }
    // A month whose day was moved to the bin is planned again; the bin lists it.
    store.soft_delete(Table::Activities, &rows[0].id).unwrap();
    assert_eq!(store.activities_in_bin().unwrap(), 1);
    assert_eq!(store.activity_bin_page(0, 10).unwrap()[0].id, rows[0].id);
    assert_eq!(store.plan_lei_feng_days(2026).unwrap(), 1);
}

#[test]
fn the_activity_list_filters_by_dates_category_and_title() {
    use volunteer_ledger::store::activities::ActivityFilter;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("list.sqlite")).unwrap();
    for (title, category, date) in [
        ("清明文明祭扫劝导", "文明祭扫", d(2026, 4, 4)),
        ("学雷锋：清扫楼道", "学雷锋志愿服务日", d(2026, 3, 14)),
        ("交通路口劝导", "文明交通", d(2026, 5, 1)),
    ] {
        let mut a = Activity {
            title: title.into(),
            category: category.into(),
            date,
            status: "已完成".into(),
            ..Default::default()
        };
        store.save_activity(&mut a, &[]).unwrap();
    }
    let titles = |f: ActivityFilter| -> Vec<String> {
        assert_eq!(
            store.activity_count(&f).unwrap() as usize,
            store.activity_page(&f, 0, 10).unwrap().len()
        );
        store
            .activity_page(&f, 0, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(titles(ActivityFilter::default()).len(), 3);
    let f = ActivityFilter {
        text: "劝导".into(),
        ..Default::default()
    };
    assert_eq!(titles(f), ["交通路口劝导", "清明文明祭扫劝导"]);
    let f = ActivityFilter {
        category: Some("学雷锋志愿服务日".into()),
        ..Default::default()
    };
    assert_eq!(titles(f), ["学雷锋：清扫楼道"]);
    let f = ActivityFilter {
        from: Some(d(2026, 4, 1)),
        to: Some(d(2026, 4, 30)),
        ..Default::default()
    };
    assert_eq!(titles(f), ["清明文明祭扫劝导"]);
    // Any shown column but the counted ones orders the list, with or without a date range.
    let by_title = |descending, from| ActivityFilter {
        sort: Some((1, descending)),
        from,
        ..Default::default()
    };
    let mut sorted = titles(ActivityFilter::default());
    sorted.sort();
    assert_eq!(titles(by_title(false, None)), sorted);
    sorted.reverse();
    assert_eq!(titles(by_title(true, None)), sorted);
    assert_eq!(
        titles(by_title(false, Some(d(2026, 4, 1)))).len(),
        titles(ActivityFilter {
            from: Some(d(2026, 4, 1)),
            ..Default::default()
        })
        .len()
    );
}

#[test]
fn attachments_are_stored_once_per_content_and_a_missing_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("files.sqlite")).unwrap();
    let mut a = Activity {
        title: "关爱空巢老人".into(),
        category: "关爱系列".into(),
        date: d(2026, 5, 1),
        status: "已完成".into(),
        ..Default::default()
    };
    store.save_activity(&mut a, &[]).unwrap();
    let photo = dir.path().join("签到表.jpg");
    std::fs::write(&photo, b"\xFF\xD8\xFF fake jpeg bytes").unwrap();
    let copy = dir.path().join("同一张照片.JPG");
    std::fs::copy(&photo, &copy).unwrap();
    let first = store.attach_file("activities", &a.meta.id, &photo).unwrap();
    let second = store.attach_file("activities", &a.meta.id, &copy).unwrap();
    assert_eq!(first.content_hash, second.content_hash);
    assert_eq!(first.mime, "image/jpeg");
    assert_eq!(first.size_bytes, 19);
    let stored: Vec<_> = std::fs::read_dir(dir.path().join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(
        stored.len(),
        1,
        "the same content is stored once: {stored:?}"
    );
    assert_eq!(
        std::fs::read(store.attachment_path(&first)).unwrap(),
        std::fs::read(&photo).unwrap()
    );
    assert_eq!(
        store
            .attachments_of("activities", &a.meta.id)
            .unwrap()
            .len(),
        2
    );

    // A file that is not there is named, and nothing is recorded.
    let err = store
        .attach_file("activities", &a.meta.id, &dir.path().join("不存在.pdf"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("找不到文件") && err.contains("不存在.pdf"),
        "{err}"
    );
    assert_eq!(
        store
            .attachments_of("activities", &a.meta.id)
            .unwrap()
            .len(),
        2
    );

    // Removing goes to the recycle bin; the file stays for a restore.
    store
        .soft_delete(Table::Attachments, &second.meta.id)
        .unwrap();
    assert_eq!(
        store
            .attachments_of("activities", &a.meta.id)
            .unwrap()
            .len(),
        1
    );
    assert!(store.attachment_path(&second).is_file());
}

#[test]
fn a_training_is_saved_with_its_attendees_and_its_hours_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("training.sqlite")).unwrap();
    let mut ids = Vec::new();
    for i in 0..3 {
        let mut v = volunteer(&format!("SF000000{}", i + 1));
        v.id_number = id_number::compose("120116", d(1980, 2, 1 + i), 11);
        store.insert(&mut v).unwrap();
        ids.push(v.meta.id.clone());
    }
    let mut t = Training {
        date: d(2026, 5, 8),
        topic: "《天津市志愿服务条例》".into(),
        hours: Tenths(20),
        staff: "张主任、李干事".into(),
        ..Default::default()
    };
    store.save_training(&mut t, &ids[..2]).unwrap();
    assert_eq!(store.training_count(&q("")).unwrap(), 1);
    assert_eq!(store.training_count(&q("天津")).unwrap(), 1);
    assert_eq!(store.training_count(&q("应急")).unwrap(), 0);
    assert_eq!(store.training_page(&q(""), 0, 10).unwrap()[0].attendees, 2);
    assert_eq!(store.volunteer_training_hours(&ids[0]).unwrap(), Tenths(20));
    let s = store.volunteer_summary(&ids[0]).unwrap();
    assert_eq!(
        (s.training_hours, s.total),
        (Tenths(20), Tenths(0)),
        "not service hours"
    );
    // Edit: one leaves, one joins, the topic changes.
    t.topic = "志愿服务活动组织".into();
    store
        .save_training(&mut t, &[ids[1].clone(), ids[2].clone()])
        .unwrap();
    let who: Vec<String> = store
        .training_attendees(&t.meta.id)
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(who, [ids[1].clone(), ids[2].clone()]);
    assert_eq!(store.volunteer_training_hours(&ids[0]).unwrap(), Tenths(0));
    let back: Training = store.get(&t.meta.id).unwrap();
    assert_eq!(
        (back.topic.as_str(), back.staff.as_str()),
        ("志愿服务活动组织", "张主任、李干事")
    );
}

#[test]
fn honors_go_to_one_volunteer_or_one_team_and_are_found_by_title_or_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("honor.sqlite")).unwrap();
    let mut v = volunteer("SF0000001");
    store.insert(&mut v).unwrap();
    let mut team = Team {
        name: "红马甲服务队".into(),
        category: "综合".into(),
        ..Default::default()
    };
    store.insert(&mut team).unwrap();
    let mut both = Honor {
        volunteer_id: Some(v.meta.id.clone()),
        team_id: Some(team.meta.id.clone()),
        title: "优秀志愿者".into(),
        awarded_on: d(2026, 3, 5),
        ..Default::default()
    };
    assert!(
        store
            .save_honor(&mut both)
            .unwrap_err()
            .to_string()
            .contains("一名志愿者或一支队伍")
    );
    let mut person = Honor {
        volunteer_id: Some(v.meta.id.clone()),
        title: "身边雷锋".into(),
        level: "区级".into(),
        awarded_on: d(2026, 3, 5),
        ..Default::default()
    };
    store.save_honor(&mut person).unwrap();
    let mut group = Honor {
        team_id: Some(team.meta.id.clone()),
        title: "优秀志愿服务组织".into(),
        level: "市级".into(),
        awarded_on: d(2026, 5, 1),
        ..Default::default()
    };
    store.save_honor(&mut group).unwrap();
    assert_eq!(store.honor_count(&q("")).unwrap(), 2);
    let rows = store.honor_page(&q(""), 0, 10).unwrap();
    assert_eq!(rows[0].who, "红马甲服务队");
    assert_eq!(rows[1].who, "张玥（SF0000001）");
    assert_eq!(store.honor_count(&q("张玥")).unwrap(), 1);
    assert_eq!(store.honor_count(&q("雷锋")).unwrap(), 1);
    // The volunteer's detail lists it.
    assert_eq!(store.volunteer_summary(&v.meta.id).unwrap().honors.len(), 1);
    person.title = "身边雷锋（2026）".into();
    store.save_honor(&mut person).unwrap();
    assert_eq!(store.honor_count(&q("2026")).unwrap(), 1);
}

#[test]
fn information_reports_link_an_activity_and_filter_by_adoption() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("reports.sqlite")).unwrap();
    let mut a = Activity {
        title: "清明文明祭扫劝导".into(),
        category: "文明祭扫".into(),
        date: d(2026, 4, 4),
        status: "已完成".into(),
        ..Default::default()
    };
    store.save_activity(&mut a, &[]).unwrap();
    let mut sent = InfoReport {
        title: "我街开展文明祭扫志愿服务".into(),
        sent_on: d(2026, 4, 5),
        sent_to: "文明网信息报送邮箱".into(),
        activity_id: Some(a.meta.id.clone()),
        ..Default::default()
    };
    store.save_info_report(&mut sent).unwrap();
    let mut other = InfoReport {
        title: "志愿服务月启动".into(),
        sent_on: d(2026, 3, 1),
        sent_to: "政务邮箱".into(),
        adopted: true,
        adopted_by: "滨海新区融媒体中心".into(),
        ..Default::default()
    };
    store.save_info_report(&mut other).unwrap();
    assert_eq!(store.info_report_count(&q("")).unwrap(), 2);
    assert_eq!(store.info_report_count(&qs("", "已采用")).unwrap(), 1);
    assert_eq!(store.info_report_count(&qs("", "未采用")).unwrap(), 1);
    assert_eq!(
        store.info_report_count(&q("劝导")).unwrap(),
        1,
        "found by its activity"
    );
    let rows = store.info_report_page(&q(""), 0, 10).unwrap();
    assert_eq!(rows[0].activity, "清明文明祭扫劝导");
    sent.adopted = true;
    store.save_info_report(&mut sent).unwrap();
    assert_eq!(store.info_report_count(&qs("", "已采用")).unwrap(), 2);
}

#[test]
fn needs_are_registered_with_the_activities_that_served_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("needs.sqlite")).unwrap();
    let mut a = Activity {
        title: "为孤寡老人打扫房间".into(),
        category: "邻里守望".into(),
        date: d(2026, 6, 6),
        status: "已完成".into(),
        ..Default::default()
    };
    store.save_activity(&mut a, &[]).unwrap();
    let mut n = Need {
        person: "刘大爷".into(),
        kind: "孤寡老人".into(),
        status: "待对接".into(),
        description: "独居，需要定期打扫".into(),
        recorded_on: d(2026, 6, 1),
        ..Default::default()
    };
    store.save_need(&mut n, &[]).unwrap();
    assert_eq!(store.need_count(&qs("", "待对接")).unwrap(), 1);
    n.status = "已对接".into();
    store.save_need(&mut n, &[a.meta.id.clone()]).unwrap();
    assert_eq!(store.need_count(&qs("", "待对接")).unwrap(), 0);
    assert_eq!(
        store.need_count(&q("打扫")).unwrap(),
        1,
        "found by its description"
    );
    let rows = store.need_page(&q("刘"), 0, 10).unwrap();
    assert_eq!((rows[0].served, rows[0].status.as_str()), (1, "已对接"));
    assert_eq!(
        store.need_served_by(&n.meta.id).unwrap()[0].title,
        "为孤寡老人打扫房间"
    );
    store.save_need(&mut n, &[]).unwrap();
    assert!(store.need_served_by(&n.meta.id).unwrap().is_empty());
    store.save_need(&mut n, &[a.meta.id.clone()]).unwrap();
    assert_eq!(
        store.need_served_by(&n.meta.id).unwrap().len(),
        1,
        "the link comes back"
    );
}

/// Live records of a list with `text` in them, newest first.
fn q(text: &str) -> volunteer_ledger::store::lists::ListQuery {
    volunteer_ledger::store::lists::ListQuery::search(text)
}

/// [`q`] narrowed to a status.
fn qs(text: &str, status: &str) -> volunteer_ledger::store::lists::ListQuery {
    volunteer_ledger::store::lists::ListQuery {
        status: Some(status.to_string()),
        ..q(text)
    }
}

#[test]
fn register_lists_filter_by_date_category_and_status_sort_and_use_the_bin() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lists.sqlite")).unwrap();
    let mut v = volunteer("SF0000001");
    store.insert(&mut v).unwrap();
    let mut ids = Vec::new();
    for (title, level, date) in [
        ("优秀志愿者", "区级", d(2025, 12, 5)),
        ("身边雷锋", "街镇级", d(2026, 3, 5)),
        ("最美志愿者", "市级", d(2026, 6, 1)),
    ] {
        let mut h = Honor {
            volunteer_id: Some(v.meta.id.clone()),
            title: title.into(),
            level: level.into(),
            awarded_on: date,
            ..Default::default()
        };
        store.save_honor(&mut h).unwrap();
        ids.push(h.meta.id);
    }
    let in_2026 = volunteer_ledger::store::lists::ListQuery {
        from: Some(d(2026, 1, 1)),
        to: Some(d(2026, 12, 31)),
        ..q("")
    };
    assert_eq!(store.honor_count(&in_2026).unwrap(), 2);
    let city = volunteer_ledger::store::lists::ListQuery {
        category: Some("市级".into()),
        ..q("")
    };
    assert_eq!(
        store.honor_page(&city, 0, 10).unwrap()[0].title,
        "最美志愿者"
    );
    // Newest first by default; by level (column 2) ascending on request.
    let titles = |query| {
        store
            .honor_page(&query, 0, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(titles(q("")), ["最美志愿者", "身边雷锋", "优秀志愿者"]);
    let by_level = volunteer_ledger::store::lists::ListQuery {
        sort_column: 2,
        descending: false,
        ..q("")
    };
    assert_eq!(
        titles(by_level),
        ["优秀志愿者", "最美志愿者", "身边雷锋"],
        "区级 < 市级 < 街镇级 in code point order"
    );
    // The bin: a live record is not purged; one in the bin is shown there and can go for good.
    assert!(store.purge(Table::Honors, &ids[0]).is_err());
    store.soft_delete(Table::Honors, &ids[0]).unwrap();
    let bin = volunteer_ledger::store::lists::ListQuery {
        in_bin: true,
        ..q("")
    };
    assert_eq!(store.honor_count(&q("")).unwrap(), 2);
    assert_eq!(store.honor_count(&bin).unwrap(), 1);
    store.restore_deleted(Table::Honors, &ids[0]).unwrap();
    assert_eq!(store.honor_count(&bin).unwrap(), 0);
    store.soft_delete(Table::Honors, &ids[0]).unwrap();
    store.purge(Table::Honors, &ids[0]).unwrap();
    assert!(store.get::<Honor>(&ids[0]).is_err());
    assert_eq!(store.honor_count(&bin).unwrap(), 0);
    assert!(
        store.purge(Table::Volunteers, &v.meta.id).is_err(),
        "volunteers go through purge_volunteer"
    );
}

#[test]
fn purging_an_activity_from_the_bin_takes_its_records_and_keeps_reports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("purge.sqlite")).unwrap();
    let mut v = volunteer("SF0000001");
    store.insert(&mut v).unwrap();
    let mut a = Activity {
        title: "河道清洁".into(),
        category: "生态环保".into(),
        date: d(2026, 5, 9),
        status: "已完成".into(),
        ..Default::default()
    };
    store
        .save_activity(&mut a, &[(v.meta.id.clone(), Tenths(20))])
        .unwrap();
    let mut r = InfoReport {
        title: "我街开展河道清洁".into(),
        sent_on: d(2026, 5, 10),
        activity_id: Some(a.meta.id.clone()),
        ..Default::default()
    };
    store.save_info_report(&mut r).unwrap();
    assert_eq!(
        store.volunteer_summary(&v.meta.id).unwrap().total,
        Tenths(20)
    );
    store.soft_delete(Table::Activities, &a.meta.id).unwrap();
    assert_eq!(
        store.volunteer_summary(&v.meta.id).unwrap().total,
        Tenths(0)
    );
    store.purge(Table::Activities, &a.meta.id).unwrap();
    assert!(store.get::<Activity>(&a.meta.id).is_err());
    assert!(store.activity_participants(&a.meta.id).unwrap().is_empty());
    let kept: InfoReport = store.get(&r.meta.id).unwrap();
    assert_eq!(
        (kept.title.as_str(), kept.activity_id),
        ("我街开展河道清洁", None)
    );
    assert_eq!(
        store.volunteer_summary(&v.meta.id).unwrap().total,
        Tenths(0)
    );
}

#[test]
fn the_clerks_key_dates_join_the_built_in_ones_and_can_hide_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("keys.sqlite")).unwrap();
    let built_in = store.key_dates(2026).unwrap();
    assert!(built_in.iter().any(|k| k.name == "植树节"));
    let mut yearly = CustomKeyDate {
        name: "街道志愿服务节".into(),
        month: 9,
        day: 20,
        themes: "志愿服务展示、表彰".into(),
        categories: "其他".into(),
        ..Default::default()
    };
    store.insert(&mut yearly).unwrap();
    let mut once = CustomKeyDate {
        name: "社区运动会".into(),
        month: 10,
        day: 10,
        year: Some(2026),
        hides_builtin: "植树节".into(),
        ..Default::default()
    };
    store.insert(&mut once).unwrap();
    let this_year = store.key_dates(2026).unwrap();
    let names: Vec<&str> = this_year.iter().map(|k| k.name.as_str()).collect();
    assert!(names.contains(&"街道志愿服务节") && names.contains(&"社区运动会"));
    assert!(!names.contains(&"植树节"), "hidden by the clerk");
    assert!(this_year.windows(2).all(|w| w[0].date <= w[1].date));
    let festival = this_year
        .iter()
        .find(|k| k.name == "街道志愿服务节")
        .unwrap();
    assert_eq!(
        (festival.date, festival.themes[0].as_str()),
        (d(2026, 9, 20), "志愿服务展示")
    );
    let next_year: Vec<String> = store
        .key_dates(2027)
        .unwrap()
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert!(next_year.contains(&"街道志愿服务节".to_string()));
    assert!(!next_year.contains(&"社区运动会".to_string()));
    assert!(next_year.contains(&"植树节".to_string()));
}

#[test]
fn emptying_a_bin_removes_its_records_and_what_belongs_to_them_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bin.sqlite")).unwrap();
    let mut v = volunteer("SF0000001");
    store.insert(&mut v).unwrap();
    let mut ids = Vec::new();
    for (i, topic) in ["通用培训", "急救培训", "文明交通培训"].iter().enumerate() {
        let mut t = Training {
            date: d(2026, 5, 10 + i as u32),
            topic: topic.to_string(),
            hours: Tenths(20),
            ..Default::default()
        };
        store.save_training(&mut t, &[v.meta.id.clone()]).unwrap();
        ids.push(t.meta.id.clone());
    }
    store.soft_delete(Table::Trainings, &ids[0]).unwrap();
    store.soft_delete(Table::Trainings, &ids[1]).unwrap();
    assert_eq!(store.empty_bin(Table::Trainings).unwrap(), 2);
    assert!(store.get::<Training>(&ids[0]).is_err());
    assert!(store.get::<Training>(&ids[1]).is_err());
    assert!(store.get::<Training>(&ids[2]).is_ok(), "a live one stays");
    let attendance: i64 = store
        .count_live(Table::TrainingAttendance)
        .unwrap()
        .try_into()
        .unwrap();
    assert_eq!(attendance, 1, "only the live training's attendance is left");
    assert_eq!(store.empty_bin(Table::Trainings).unwrap(), 0);
    assert!(store.empty_bin(Table::Volunteers).is_err(), "not from here");
}

#[test]
fn a_first_run_without_example_data_knows_the_district_and_the_clerks_own_street() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("first.sqlite")).unwrap();
    store
        .set_setting(keys::UNIT_NAME, "新河街道办事处")
        .unwrap();
    let added = store.ensure_district_units().unwrap();
    let path = dir.path().join("first.sqlite");
    let units: Vec<Unit> = Connection::open(&path)
        .unwrap()
        .prepare("SELECT * FROM units WHERE deleted_at IS NULL")
        .unwrap()
        .query_map([], Unit::from_row)
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(units.len(), added);
    let office = units.iter().find(|u| u.name == "区文明办").unwrap();
    assert_eq!(
        (office.phone.as_str(), office.fax.as_str()),
        ("022-65813509", "022-65813509")
    );
    assert_eq!(office.email, "xcbwcnrhzyfws@tjbh.gov.cn");
    assert!(office.remark.contains("bhxqwmw@tjbh.gov.cn") && office.remark.contains("叶圣杰"));
    let own = units.iter().find(|u| u.name == "新河街道办事处").unwrap();
    assert_eq!(own.kind, "街镇");
    for name in [
        "区委政法委（区综治办）",
        "区退役军人事务管理局",
        "团区委",
        "区妇联",
    ] {
        assert!(units.iter().any(|u| u.name == name), "{name}");
    }
    assert!(
        volunteer_ledger::export::contact_form::default_note(&store).contains("传真：022-65813509")
    );
    // Twice changes nothing.
    assert_eq!(store.ensure_district_units().unwrap(), 0);
}

#[test]
fn an_upgrade_reports_its_backup_then_its_steps() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    drop(first_schema(&path));
    assert_eq!(Store::pending_upgrade(&path), Some(1));
    let mut seen = Vec::new();
    let store = Store::open_with(&path, &mut |p| seen.push(p)).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(
        seen.contains(&0.5),
        "the backup is the first half: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&1.0));
    // One report per step after the backup; step 21 (the short keys, minutes at 10⁶) tells
    // its five parts, step 24 (the compact service records) its three, step 26 (their
    // short ids) its two, step 27 (the totals' integer periods) its four and step 28 (the
    // facts by short key) its two, step 29 (the id index) its three and step 32 (the totals
    // in order of hours) its three before the step is counted done.
    assert_eq!(
        seen.iter().filter(|p| **p > 0.5).count(),
        (LATEST - 1) as usize + 5 + 3 + 2 + 4 + 2 + 3 + 3
    );
    drop(store);
    // Up to date, new or not a ledger: nothing to upgrade.
    assert_eq!(Store::pending_upgrade(&path), None);
    assert_eq!(Store::pending_upgrade(&dir.path().join("无.sqlite")), None);
    let foreign = dir.path().join("foreign.sqlite");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3; PRAGMA application_id = 7;")
        .unwrap();
    assert_eq!(Store::pending_upgrade(&foreign), None);
}
