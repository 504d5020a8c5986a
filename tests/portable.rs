//! Portable mode and paths with Chinese characters and spaces: the program copied into a folder
//! named like a USB stick's, with a file named `portable` beside it, keeps its database there
//! without `--db`; documents go to folders with such names too.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

fn run(exe: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(exe).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn portable_mode_keeps_the_data_beside_the_program_in_a_chinese_path_with_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let stick = dir.path().join("U盘 工作站").join("志愿 台账");
    std::fs::create_dir_all(&stick).unwrap();
    let exe = stick.join(if cfg!(windows) {
        "volunteer-ledger.exe"
    } else {
        "volunteer-ledger"
    });
    std::fs::copy(env!("CARGO_BIN_EXE_volunteer-ledger"), &exe).unwrap();
    std::fs::write(stick.join("portable"), "").unwrap();

    run(&exe, &["demo", "--volunteers", "60"]);
    let db = stick.join("data").join("ledger.sqlite");
    assert!(db.is_file(), "the database is beside the program");
    let store = volunteer_ledger::store::Store::open(&db).unwrap();
    assert_eq!(
        store
            .count_live(volunteer_ledger::store::meta::Table::Volunteers)
            .unwrap(),
        60
    );
    drop(store);

    // Documents into folders with such names, from the default database.
    let out_dir = dir.path().join("报送 文件");
    std::fs::create_dir_all(&out_dir).unwrap();
    let pdf = out_dir.join("负责人 联络表.pdf");
    run(
        &exe,
        &["export", "contact-form", "--out", pdf.to_str().unwrap()],
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let out = run(&exe, &["report", "--period", "2026", "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(j["activities"].as_i64().unwrap() > 0);

    // Without the marker (and no data folder) the program is not portable.
    let plain = dir.path().join("普通 安装");
    std::fs::create_dir_all(&plain).unwrap();
    assert_eq!(volunteer_ledger::paths::portable_dir_beside(&plain), None);
    std::fs::create_dir_all(plain.join("data")).unwrap();
    assert_eq!(
        volunteer_ledger::paths::portable_dir_beside(&plain),
        Some(plain.join("data"))
    );
}
