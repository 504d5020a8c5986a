//! Fuzz tests (proptest, a bounded number of cases so that CI stays fast): the parsers of
//! periods, dates, identity numbers and phones over arbitrary text, and the package and
//! spreadsheet readers over damaged copies of real files. None may panic; every refusal is a
//! Chinese sentence.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use volunteer_ledger::domain::{dates, id_number, period::Period, phone};
use volunteer_ledger::store::Store;

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn parsers_never_panic_and_refuse_in_chinese(text in "\\PC{0,30}|[0-9Hh.Qq年月日－２０\\-/ ]{0,16}") {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        if let Err(e) = Period::parse(&text) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
        if let Err(e) = dates::parse(&text) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
        if let Err(e) = id_number::parse(&text, today) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
        if let Err(e) = phone::validate_mobile(&text) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
        if let Err(e) = phone::validate_landline(&text) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
        let _ = id_number::mask(&text);
        let _ = volunteer_ledger::domain::text::unreadable(&text);
    }
}

/// A small real package: a volunteer in an activity.
fn package(dir: &Path) -> Vec<u8> {
    let mut s = Store::open(&dir.join("station.sqlite")).unwrap();
    let mut v = common::person("XG0000001", "王玥", common::d(1990, 3, 5), 11);
    s.insert(&mut v).unwrap();
    let mut a = common::held("助老服务", "关爱系列", common::d(2026, 4, 4));
    s.save_activity(
        &mut a,
        &[(
            v.meta.id.clone(),
            volunteer_ledger::domain::hours::Tenths(20),
        )],
    )
    .unwrap();
    let out = dir.join("p.vlx");
    s.export_exchange(&out, true, &mut |_| true).unwrap();
    std::fs::read(out).unwrap()
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn a_damaged_package_is_read_or_refused_never_a_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = package(dir.path());
        for (at, b) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        let damaged = dir.path().join("damaged.vlx");
        std::fs::write(&damaged, &bytes).unwrap();
        let office_dir = dir.path().join("office");
        std::fs::create_dir_all(&office_dir).unwrap();
        let mut office = Store::open(&office_dir.join("office.sqlite")).unwrap();
        if let Err(e) = volunteer_ledger::store::exchange::describe(&damaged) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
        if let Err(e) = office.import_exchange(&damaged, &mut |_| true) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
    }

    #[test]
    fn a_damaged_spreadsheet_is_read_or_refused_never_a_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["姓名", "证件号码", "手机"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "王玥").unwrap();
        sheet.write_string(1, 1, "120116199003050113").unwrap();
        let mut bytes = book.save_to_buffer().unwrap();
        for (at, b) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        let path = dir.path().join("名册.xlsx");
        std::fs::write(&path, &bytes).unwrap();
        if let Err(e) = volunteer_ledger::export::table::read(&path) {
            prop_assert!(chinese(&e.to_string()), "{e}");
        }
    }
}
