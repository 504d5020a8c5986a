//! Backups, restore, start-up checks of database files and the one-window lock.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use volunteer_ledger::store::Store;
use volunteer_ledger::store::backup::{self, Reason};
use volunteer_ledger::store::lock::{Lock, lock_path};
use volunteer_ledger::store::meta::Table;

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

/// The program's command line run on the database at `db`.
fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap()
}

fn volunteers(p: &Path) -> u64 {
    Store::open(p)
        .unwrap()
        .count_live(Table::Volunteers)
        .unwrap()
}

#[test]
fn backups_are_listed_pruned_and_restored_with_the_current_state_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账 数据.sqlite", 40, 3);
    let store = Store::open(&db).unwrap();
    let first = store.backup(Reason::Manual).unwrap();
    assert!(first.starts_with(backup::backups_dir(&db)));
    assert_eq!(backup::check_file(&first).unwrap().volunteers, 40);
    // Automatic ones beyond the number kept go, oldest first; the clerk's stay.
    for _ in 0..5 {
        backup::backup_file(&db, Reason::Daily, 3).unwrap();
    }
    let list = backup::list(&db);
    assert_eq!(list.iter().filter(|b| b.reason == "每日").count(), 3);
    assert_eq!(list.iter().filter(|b| b.reason == "手动").count(), 1);
    assert!(backup::made_today(&db, chrono::Local::now().date_naive()));
    drop(store);

    // A change after the backup, then the backup restored: the change is gone, and the state
    // before the restore is itself in a backup.
    let mut store = Store::open(&db).unwrap();
    let id = store
        .volunteer_page(false, 0, 1)
        .unwrap()
        .first()
        .unwrap()
        .id
        .clone();
    store.soft_delete(Table::Volunteers, &id).unwrap();
    drop(store);
    assert_eq!(volunteers(&db), 39);
    let previous = backup::restore(&db, &first, 30).unwrap().unwrap();
    assert_eq!(volunteers(&db), 40);
    assert_eq!(backup::check_file(&previous).unwrap().volunteers, 39);
    assert!(
        previous
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("恢复前")
    );
    // The database itself cannot be its own backup.
    assert!(backup::restore(&db, &db, 30).is_err());
}

#[test]
fn broken_foreign_empty_and_newer_files_are_named_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::demo_db(dir.path(), "good.sqlite", 30, 5);
    // Fold the WAL in so the file alone is the database.
    drop(Store::open(&good).unwrap());
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let original = bytes(&good);

    let corrupt = files.join("corrupt.sqlite");
    let mut b = original.clone();
    let mid = b.len() / 2 / 4096 * 4096;
    for byte in &mut b[mid..mid + 8192] {
        *byte = 0x5A;
    }
    std::fs::write(&corrupt, &b).unwrap();

    let truncated = files.join("truncated.sqlite");
    std::fs::write(&truncated, &original[..original.len() / 3]).unwrap();

    let empty = files.join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();

    let text = files.join("名单.sqlite");
    std::fs::write(&text, "姓名,电话\n张三,13800000000\n".repeat(200)).unwrap();

    let foreign = files.join("foreign.sqlite");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');")
            .unwrap();
    }

    let newer = files.join("newer.sqlite");
    std::fs::write(&newer, &original).unwrap();
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }

    for (file, words) in [
        (&corrupt, "损坏"),
        (&truncated, "损坏"),
        (&empty, "空的"),
        (&text, "不是 SQLite 数据库文件"),
        (&foreign, "不是志愿服务台账的数据库"),
        (&newer, "高于本程序支持的版本"),
    ] {
        let before = bytes(file);
        let message = backup::check_file(file).unwrap_err().to_string();
        assert!(message.contains(words), "{}: {message}", file.display());
        // Neither the check nor an attempt to open it changes a byte. (Damage inside the file
        // shows only to the full check, which the window runs after opening.)
        let opened = Store::open(file);
        if words != "损坏" {
            assert!(opened.is_err(), "{} was opened", file.display());
        }
        drop(opened);
        assert_eq!(bytes(file), before, "{} was changed", file.display());
        // And none can replace a good database.
        assert!(backup::restore(&good, file, 30).is_err());
    }
    assert_eq!(bytes(&good), original);
    assert_eq!(backup::check_file(&good).unwrap().volunteers, 30);
}

#[test]
fn one_window_per_database_and_a_stale_lock_does_not_block() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("数据 库.sqlite");
    let first = Lock::acquire(&db).unwrap();
    let second = Lock::acquire(&db).unwrap_err().to_string();
    assert!(
        second.contains("已在另一个志愿服务台账窗口中打开"),
        "{second}"
    );
    drop(first);
    // A lock file left by a crash (nobody holds the lock) is taken over.
    std::fs::write(lock_path(&db), "99999\n").unwrap();
    let again = Lock::acquire(&db).unwrap();
    assert_eq!(again.path(), lock_path(&db));
}

#[test]
fn the_command_line_checks_backs_up_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 25, 2);
    let run = |args: &[&str]| cli(&db, args);
    let out = run(&["check"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("检查通过"));
    let copy = dir.path().join("备份 副本.sqlite");
    let out = run(&["backup", "--out", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(backup::check_file(&copy).unwrap().volunteers, 25);
    // Remove a volunteer, restore the copy: 25 again.
    {
        let mut store = Store::open(&db).unwrap();
        let id = store.volunteer_page(false, 0, 1).unwrap()[0].id.clone();
        store.soft_delete(Table::Volunteers, &id).unwrap();
    }
    let out = run(&["restore", "--from", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("恢复前的数据库已备份到"));
    assert_eq!(volunteers(&db), 25);
    // An import first backs up the register as it was.
    let roster = dir.path().join("名册.csv");
    let out = run(&[
        "export",
        "roster",
        "--full-id",
        "--out",
        roster.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Whole numbers leave a line in the export log; a contact form too.
    let form = dir.path().join("联络表.pdf");
    assert!(
        run(&["export", "contact-form", "--out", form.to_str().unwrap()])
            .status
            .success()
    );
    let log = Store::open(&db).unwrap().export_log(10).unwrap();
    let lines: Vec<(&str, i64)> = log.iter().map(|e| (e.what.as_str(), e.people)).collect();
    assert!(
        lines.contains(&(volunteer_ledger::store::export_log::ROSTER_FULL, 25)),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(w, n)| *w == volunteer_ledger::store::export_log::CONTACT_FORM && *n > 10)
    );
    assert!(log.iter().any(|e| e.file.ends_with("名册.csv")));
    let out = run(&["import", "volunteers", roster.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("导入前已备份到"));
    assert!(backup::list(&db).iter().any(|b| b.reason == "导入前"));
    // A damaged file: check fails with the reason and a non-zero exit.
    let broken = dir.path().join("broken.sqlite");
    std::fs::write(&broken, b"SQLite format 3\0 but nothing else").unwrap();
    let out = cli(&broken, &["check"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("错误"));
}

#[test]
fn a_backup_in_steps_is_one_snapshot_while_another_connection_writes_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    // More than one step of 1024 pages.
    let db = common::demo_db(dir.path(), "大.sqlite", 6_000, 2);
    let store = Store::open(&db).unwrap();
    let before = store.count_live(Table::Volunteers).unwrap();
    let mut writer = Store::open(&db).unwrap();

    // Between the steps another connection adds a volunteer: the copy finishes, as it was
    // when it began.
    let mut steps = Vec::new();
    let made = store
        .backup_with(Reason::Manual, &mut |p| {
            if steps.is_empty() {
                common::enrol(
                    &mut writer,
                    common::person("SF9999999", "宋祎", common::d(1990, 1, 1), 7),
                );
            }
            steps.push(p);
            true
        })
        .unwrap();
    assert!(!steps.is_empty(), "one step only");
    assert!(steps.windows(2).all(|w| w[0] <= w[1]), "{steps:?}");
    assert_eq!(volunteers(&made), before);
    assert_eq!(volunteers(&db), before + 1);
    backup::check_file(&made).unwrap();
    common::assert_totals_true(&made);

    // Cancelled after the first step: an error that says so, and no file left behind.
    let listed = backup::list(&db).len();
    let err = store
        .backup_with(Reason::Manual, &mut |_| false)
        .unwrap_err();
    assert!(
        matches!(err, volunteer_ledger::store::StoreError::Cancelled),
        "{err}"
    );
    assert_eq!(backup::list(&db).len(), listed);
    let leftovers: Vec<_> = std::fs::read_dir(backup::backups_dir(&db))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty());
    let out = dir.path().join("拷贝.sqlite");
    let err = store.backup_to_file_with(&out, &mut |_| false).unwrap_err();
    assert!(matches!(
        err,
        volunteer_ledger::store::StoreError::Cancelled
    ));
    assert!(!out.exists());
    let parts = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".part"))
        .count();
    assert_eq!(parts, 0);
}

#[test]
fn a_cancelled_restore_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "台账.sqlite", 40, 3);
    let earlier = Store::open(&db).unwrap().backup(Reason::Manual).unwrap();
    let mut store = Store::open(&db).unwrap();
    common::enrol(
        &mut store,
        common::person("SF9999998", "赵赟", common::d(1991, 2, 3), 9),
    );
    drop(store);
    let now = volunteers(&db);
    // Stopped part-way: nothing replaced, no part file.
    let err = backup::restore_with(&db, &earlier, 30, &mut |p| p < 0.5).unwrap_err();
    assert!(
        matches!(err, volunteer_ledger::store::StoreError::Cancelled),
        "{err}"
    );
    assert_eq!(volunteers(&db), now);
    assert!(!db.with_extension("sqlite.restore-part").exists());
    // Going on restores it.
    backup::restore_with(&db, &earlier, 30, &mut |_| true).unwrap();
    assert_eq!(volunteers(&db), now - 1);
}

#[test]
fn a_file_over_a_gigabyte_is_backed_up_weekly_and_a_small_one_daily_unless_chosen() {
    use volunteer_ledger::store::backup::{BackupFile, Every, WEEKLY_OVER, due_for};
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let made = |stamp: &str, reason: &str| BackupFile {
        path: std::path::PathBuf::from(format!("x-{reason}-{stamp}.sqlite")),
        reason: reason.into(),
        stamp: stamp.into(),
        size: 1,
    };
    let backups = [
        made("20261201-090000", "每日"),
        made("20261205-090000", "手动"),
    ];
    let by_size = Every::BySize;
    // Small: once a day.
    assert!(!due_for(1 << 20, &backups, day(1), by_size));
    assert!(due_for(1 << 20, &backups, day(2), by_size));
    // Large: once a week; a manual backup does not count.
    let big = WEEKLY_OVER + 1;
    assert!(!due_for(big, &backups, day(2), by_size));
    assert!(!due_for(big, &backups, day(7), by_size));
    assert!(due_for(big, &backups, day(8), by_size));
    assert!(due_for(big, &[], day(8), by_size));
    // Chosen in 设置: every day even when large, or every week even when small.
    assert!(due_for(big, &backups, day(2), Every::Day));
    assert!(!due_for(1 << 20, &backups, day(7), Every::Week));
    assert!(due_for(1 << 20, &backups, day(8), Every::Week));
    // The stored word read back; anything else is the default.
    for e in Every::ALL {
        assert_eq!(Every::from_word(e.word()), e);
    }
    assert_eq!(Every::from_word("每小时"), Every::BySize);
}

#[test]
fn a_backup_that_would_not_fit_is_refused_and_one_that_leaves_little_room_is_warned() {
    use volunteer_ledger::store::backup::room_for;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    drop(volunteer_ledger::store::Store::open(&db).unwrap());
    // A small file on this disk: room enough.
    assert_eq!(room_for(&db, dir.path()), Ok(None));
    let free = volunteer_ledger::store::disk::free_space(dir.path()).unwrap();
    assert!(free > 0);
    // A file as large as the free space (sparse, so it takes no room itself).
    let huge = dir.path().join("大.sqlite");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(free + (1 << 30)).unwrap();
    let e = room_for(&huge, dir.path()).unwrap_err();
    assert!(e.contains("磁盘空间不足"), "{e}");
    f.set_len(free * 2 / 3).unwrap();
    let w = room_for(&huge, dir.path()).unwrap().unwrap();
    assert!(w.contains("少于数据库文件的大小"), "{w}");
}

#[test]
fn the_quick_check_finds_a_cut_file_without_reading_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let good = common::demo_db(dir.path(), "台账.sqlite", 300, 2);
    drop(Store::open(&good).unwrap());
    let found = backup::check_file_with(&good, true).unwrap();
    assert_eq!(found.volunteers, 300);
    let original = std::fs::read(&good).unwrap();
    let cut = dir.path().join("cut.sqlite");
    std::fs::write(&cut, &original[..original.len() / 3]).unwrap();
    let e = backup::check_file_with(&cut, true).unwrap_err().to_string();
    assert!(e.contains("损坏") || e.contains("不完整"), "{e}");
    let r = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .arg("--db")
        .arg(&good)
        .args(["check", "--quick"])
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stdout).contains("快速检查通过"));
}

#[test]
fn a_backup_left_half_copied_by_a_closed_program_is_swept_away_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("台账.sqlite");
    drop(Store::open(&db).unwrap());
    let backups = backup::backups_dir(&db);
    std::fs::create_dir_all(&backups).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    let stale = backups.join("台账-20261201-101010.0123abcd.part");
    let stale_journal = backups.join("台账-20261201-101010.0123abcd.part-journal");
    let fresh = backups.join("台账-20261202-101010.4567cdef.part");
    for (path, at) in [
        (&stale, Some(old)),
        (&stale_journal, Some(old)),
        (&fresh, None),
    ] {
        let f = std::fs::File::create(path).unwrap();
        f.set_len(4096).unwrap();
        if let Some(at) = at {
            f.set_modified(at).unwrap();
        }
    }
    let made = backup::backup_file(&db, Reason::Manual, 30).unwrap();
    assert!(made.exists());
    assert!(!stale.exists() && !stale_journal.exists());
    // A part still being written (another backup right now) is left alone.
    assert!(fresh.exists());
}

/// A first-schema file with one volunteer, as the first version of the program wrote it.
fn first_schema_file(path: &Path) {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    volunteer_ledger::store::migrations::migrate_to(&mut conn, 1).unwrap();
    conn.execute_batch(
        "INSERT INTO volunteers (id, number, name, gender, id_number, mobile, registered_on,
             kinds, created_at, updated_at, origin)
         VALUES ('v1', 'SF0000001', '张玥', '女', '', '', '2021-03-05', '',
             '2021-03-05T01:00:00.000Z', '2021-03-05T01:00:00.000Z', 'old');",
    )
    .unwrap();
}

fn version_of(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_command_line_says_when_it_upgrades_an_old_file_and_a_restore_does_not_upgrade() {
    use volunteer_ledger::store::migrations::LATEST;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite");
    let run = |args: &[&str]| cli(&db, args);
    let stderr = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();

    // A backup of an old file: upgraded first, and it says so with its progress.
    first_schema_file(&db);
    let out = run(&["backup"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains(&format!(
            "是第 1 版的数据库，本程序使用第 {LATEST} 版：先整份备份到"
        )),
        "{said}"
    );
    assert!(said.contains("升级进度：50%"), "{said}");
    assert!(said.contains("升级进度：100%"), "{said}");
    assert!(said.contains("升级完成，用时"), "{said}");
    assert_eq!(version_of(&db), LATEST);
    assert_eq!(volunteers(&db), 1);
    let kept: Vec<_> = std::fs::read_dir(backup::backups_dir(&db))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(kept.iter().any(|n| n.contains("升级前-v1")), "{kept:?}");
    let current = kept
        .iter()
        .find(|n| !n.contains("升级前"))
        .map(|n| backup::backups_dir(&db).join(n))
        .unwrap();

    // An up-to-date file: nothing said about upgrading; the backup's own progress, by tenths.
    let out = run(&["backup"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("升级"), "{}", stderr(&out));
    assert!(stderr(&out).contains("备份进度：50%\n"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("备份进度：100%\n"),
        "{}",
        stderr(&out)
    );
    let out = run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("检查数据库文件：100%"),
        "{}",
        stderr(&out)
    );
    let out = run(&["check", "--quick"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // A restore over an old file replaces it as it is: not upgraded first, and the copy kept
    // from before the restore is the old file itself.
    let good = dir.path().join("good.sqlite");
    std::fs::copy(&current, &good).unwrap();
    std::fs::remove_file(&db).unwrap();
    std::fs::remove_dir_all(backup::backups_dir(&db)).unwrap();
    first_schema_file(&db);
    let out = run(&["restore", "--from", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("升级"), "{}", stderr(&out));
    assert!(stderr(&out).contains("恢复进度：100%"), "{}", stderr(&out));
    assert_eq!(version_of(&db), LATEST);
    let before: Vec<_> = std::fs::read_dir(backup::backups_dir(&db))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(version_of(&before[0]), 1);

    // A read-only command with a database does not create one that is missing.
    let missing = dir.path().join("missing.sqlite");
    let out = cli(&missing, &["calendar", "--year", "2026"]);
    assert!(!missing.exists(), "{}", stderr(&out));
}

#[test]
fn the_whole_check_of_a_file_reports_its_pages_and_can_be_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::demo_db(dir.path(), "ledger.sqlite", 300, 3);
    let mut seen = Vec::new();
    let found = backup::check_file_reporting(&db, false, &mut |p| {
        seen.push(p);
        true
    })
    .unwrap();
    assert_eq!(found.volunteers, 300);
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");

    // Stopped: no answer about the file, and the file is as it was.
    let before = bytes(&db);
    let mut asked = 0;
    let stopped = backup::check_file_reporting(&db, false, &mut |_| {
        asked += 1;
        false
    });
    assert!(
        matches!(stopped, Err(volunteer_ledger::store::StoreError::Cancelled)),
        "{stopped:?}"
    );
    assert_eq!(asked, 1);
    assert_eq!(bytes(&db), before);

    // A damaged file is still found out.
    let damaged = dir.path().join("damaged.sqlite");
    let mut data = before.clone();
    let page = 8192;
    for b in &mut data[page * 5..page * 5 + 200] {
        *b = 0xAB;
    }
    std::fs::write(&damaged, &data).unwrap();
    let found = backup::check_file_reporting(&damaged, false, &mut |_| true);
    assert!(
        matches!(found, Err(volunteer_ledger::store::StoreError::Corrupt(_))),
        "{found:?}"
    );
}
