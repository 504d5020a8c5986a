//! Backup and restore in the window: 设置 backs up and restores after confirmation; a damaged
//! database found at start-up offers its backups.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Settle;

use common::{app_at, step_until};
use egui_kittest::kittest::Queryable;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::backup;
use volunteer_ledger::store::meta::Table;

#[test]
fn settings_back_up_and_restore_after_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 30, 4);
    let mut harness = app_at(&db, egui::vec2(1280.0, 900.0));
    harness.settle();
    harness.get_by_label("设置").click();
    harness.settle();
    harness.get_by_label("个人信息导出记录（0 条）");
    harness.get_by_label("立即备份").click();
    step_until(&mut harness, "the backup", |h| {
        h.query_by_label_contains("已备份到").is_some()
    });
    let manual = backup::list(&db)
        .into_iter()
        .position(|b| b.reason == "手动")
        .expect("a manual backup");
    // A volunteer removed after the backup…
    {
        let mut store = Store::open(&db).unwrap();
        let id = store.volunteer_page(false, 0, 1).unwrap()[0].id.clone();
        store.soft_delete(Table::Volunteers, &id).unwrap();
    }
    harness.get_by_label_contains("已有备份（").click();
    harness.settle();
    harness
        .get_all_by_label("恢复…")
        .nth(manual)
        .unwrap()
        .click();
    harness.settle();
    // …is back after confirming; cancelling first changes nothing.
    harness.get_by_label("取消").click();
    harness.settle();
    assert_eq!(
        Store::open(&db)
            .unwrap()
            .count_live(Table::Volunteers)
            .unwrap(),
        29
    );
    harness
        .get_all_by_label("恢复…")
        .nth(manual)
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label("确定恢复").click();
    step_until(&mut harness, "the restore", |h| {
        h.query_by_label_contains("恢复前的数据库已备份到")
            .is_some()
    });
    assert_eq!(
        Store::open(&db)
            .unwrap()
            .count_live(Table::Volunteers)
            .unwrap(),
        30
    );
    // The status bar is redrawn from the reopened database a few frames after the toast.
    harness.wait_for_label_contains("志愿者 30 名");
}

#[test]
fn a_damaged_database_at_start_up_offers_its_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 30, 6);
    let saved = {
        let store = Store::open(&db).unwrap();
        store.backup(backup::Reason::Manual).unwrap()
    };
    // Damage pages in the middle of the file (the header and schema stay readable).
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2 / 4096 * 4096;
    for b in &mut bytes[mid..mid + 8192] {
        *b = 0x5A;
    }
    std::fs::write(&db, &bytes).unwrap();
    let damaged = std::fs::read(&db).unwrap();
    let mut harness = app_at(&db, egui::vec2(1280.0, 900.0));
    step_until(&mut harness, "the damage found", |h| {
        h.query_by_label("无法打开数据库").is_some()
    });
    // SQLite's own report can run over several lines: each line is a node of its own.
    assert!(harness.get_all_by_label_contains("已损坏").next().is_some());
    assert_eq!(std::fs::read(&db).unwrap(), damaged, "left as it was");
    harness.get_by_label("打开其他文件…");
    harness.get_by_label("退出");
    harness
        .get_all_by_label("恢复此备份…")
        .next()
        .unwrap()
        .click();
    harness.settle();
    harness.get_by_label("恢复").click();
    step_until(&mut harness, "the restored database", |h| {
        h.query_by_label_contains("志愿者 30 名").is_some()
    });
    assert_eq!(backup::check_file(&db).unwrap().volunteers, 30);
    assert!(saved.exists());
}

#[test]
fn settings_choose_how_often_the_automatic_backup_is_made() {
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 20, 2);
    let mut harness = app_at(&db, egui::vec2(1280.0, 900.0));
    harness.settle();
    harness.get_by_label("设置").click();
    harness.settle();
    harness
        .get_by_role_and_label(Role::ComboBox, "自动备份")
        .click();
    harness.settle();
    harness.get_by_label("每周一次").click();
    step_until(&mut harness, "the choice saved", |h| {
        h.query_by_label("自动备份：每周一次。").is_some()
    });
    // Kept in the file: a small file now waits a week after its automatic backup.
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.backup_every(), backup::Every::Week);
    harness.get_by_label("自动备份的频率");
}

/// A file of the first schema with `n` volunteers, as an old version of the program left it.
#[allow(clippy::disallowed_types)]
fn first_schema_file(path: &std::path::Path, n: u32) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    volunteer_ledger::store::migrations::migrate_to(&mut conn, 1).unwrap();
    conn.execute(
        "INSERT INTO units (id, name, kind, created_at, updated_at, origin)
         VALUES ('u1', '胜利社区', '村居（社区）', '2021', '2021', 'old')",
        [],
    )
    .unwrap();
    conn.execute(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1)
         INSERT INTO volunteers (id, number, name, gender, id_number, mobile, registered_on,
             community_id, kinds, created_at, updated_at, origin)
         SELECT 'v' || i, printf('SF%07d', i), '张玥', '女', printf('1101051949%08d', i),
             printf('138%08d', i), '2021-03-05', 'u1', '学生', '2021', '2021', 'old' FROM k",
        [n],
    )
    .unwrap();
}

#[test]
fn an_old_file_is_upgraded_behind_a_progress_screen_and_then_opened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite");
    // Enough volunteers that the backup and the upgrade's steps take a while.
    first_schema_file(&db, 20_000);
    let mut harness = app_at(&db, egui::vec2(1280.0, 900.0));
    step_until(&mut harness, "the upgrade screen", |h| {
        h.query_by_label("正在升级数据库").is_some()
    });
    harness.get_by_label_contains("这个文件是第 1 版");
    assert!(
        harness.state().busy(),
        "the upgrade counts as work going on"
    );
    // Then the ledger opens as usual: the first start asks for the unit's name, the status bar
    // counts the volunteers, and the backup made before the upgrade is among the backups.
    step_until(&mut harness, "the opened ledger", |h| {
        h.query_by_label("欢迎使用志愿服务台账").is_some()
            && h.query_by_label("志愿者 20000 名").is_some()
    });
    assert!(harness.query_by_label("正在升级数据库").is_none());
    // Example data fills empty ledgers only: not offered for this one.
    harness.get_by_label("这个数据库中已有志愿者记录，不载入示例数据。");
    assert!(harness.query_by_label_contains("载入示例数据（").is_none());
    let before = backup::list(&db);
    assert!(
        before
            .iter()
            .any(|b| b.path.to_string_lossy().contains("升级前-v1")),
        "{before:?}"
    );
    drop(harness);
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        volunteer_ledger::store::migrations::LATEST
    );
}
