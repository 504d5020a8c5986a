//! Key dates of many years against sources independent of the library that computes them:
//! 清明 from PyEphem's solar longitude, 中元 and 寒衣 from the `lunardate` tables
//! (`tools/make_key_date_fixture.py` wrote the fixture); second Saturdays against a plain
//! count of days; the command line's JSON.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use chrono::{Datelike, NaiveDate, Weekday};
use volunteer_ledger::domain::calendar::{KeyDateKind, key_dates, second_saturday};
use volunteer_ledger::domain::dates;

fn day_of(year: i32, name: &str) -> Option<NaiveDate> {
    key_dates(year)
        .into_iter()
        .find(|k| k.name == name)
        .map(|k| k.date)
}

#[test]
fn qingming_zhongyuan_and_hanyi_agree_with_independent_sources_for_150_years() {
    let text = include_str!("fixtures/key_dates_1950_2099.csv");
    let mut years = 0;
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let year: i32 = cells[0].parse().unwrap();
        for (name, cell) in [
            ("清明节", cells[1]),
            ("中元节", cells[2]),
            ("寒衣节", cells[3]),
        ] {
            let expected = dates::parse(cell).unwrap();
            assert_eq!(day_of(year, name), Some(expected), "{name} {year}");
        }
        years += 1;
    }
    assert_eq!(years, 150);
    // The notice's own year.
    let d = |m, day| NaiveDate::from_ymd_opt(2021, m, day);
    assert_eq!(day_of(2021, "清明节"), d(4, 4));
    assert_eq!(day_of(2021, "中元节"), d(8, 22));
    assert_eq!(day_of(2021, "寒衣节"), d(11, 5));
}

#[test]
fn second_saturdays_are_the_second_saturday_by_counting_days() {
    for year in [1950, 2000, 2024, 2026, 2100] {
        let saturdays: Vec<NaiveDate> = key_dates(year)
            .into_iter()
            .filter(|k| k.kind == KeyDateKind::LeiFengDay)
            .map(|k| k.date)
            .collect();
        assert_eq!(saturdays.len(), 12, "{year}");
        for (i, date) in saturdays.iter().enumerate() {
            let month = i as u32 + 1;
            let mut day = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
            let mut seen = 0;
            loop {
                if day.weekday() == Weekday::Sat {
                    seen += 1;
                    if seen == 2 {
                        break;
                    }
                }
                day = day.succ_opt().unwrap();
            }
            assert_eq!(*date, day, "{year}-{month}");
            assert_eq!(second_saturday(year, month), Some(day));
        }
    }
}

#[test]
fn leap_years_keep_every_fixed_date_and_february_has_its_saturday() {
    for year in [2000, 2024, 2028, 2100] {
        let all = key_dates(year);
        assert_eq!(all.len(), 28, "{year}");
        assert!(all.iter().any(|k| k.name == "植树节" && k.date.day() == 12));
    }
    // 2024 is leap, 2100 is not: the calendar still finds February's second Saturday.
    assert_eq!(
        second_saturday(2024, 2),
        NaiveDate::from_ymd_opt(2024, 2, 10)
    );
    assert_eq!(
        second_saturday(2100, 2),
        NaiveDate::from_ymd_opt(2100, 2, 13)
    );
    assert!(key_dates(1949).is_empty());
}

#[test]
fn the_command_line_prints_a_years_key_dates_as_json() {
    let out = Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .args(["calendar", "--year", "2021", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let has = |date: &str, name: &str, kind: &str| {
        list.iter()
            .any(|k| k["date"] == date && k["name"] == name && k["kind"] == kind)
    };
    assert!(has("2021-04-04", "清明节", "节气"));
    assert!(has("2021-08-22", "中元节", "农历节日"));
    assert!(has("2021-11-05", "寒衣节", "农历节日"));
    assert!(has("2021-03-05", "联络表报送截止", "报送截止"));
    assert!(has("2021-05-01", "志愿服务培训月", "主题月"));
    assert!(has("2021-03-13", "学雷锋志愿服务日", "学雷锋志愿服务日"));
    assert_eq!(list.len(), 28);
    let refused = Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
        .args(["calendar", "--year", "1900"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("1950–2100"));
}
