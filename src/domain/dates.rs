//! Dates as the clerk types and reads them: 2026-3-5, 2026/03/05, 2026年3月5日, 20260305.

use chrono::{Datelike, NaiveDate};

/// Why a typed date was not understood; `Display` is the Chinese message shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Nothing matched the accepted forms.
    #[error("日期“{0}”无法识别，请写成 2026-3-5、2026/03/05、2026年3月5日 或 20260305")]
    Unrecognised(String),
    /// The form matched but the day does not exist.
    #[error("日期“{0}”不存在")]
    NoSuchDay(String),
}

/// Parses a typed date in any of the accepted forms (surrounding spaces ignored).
pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    let unrecognised = || DateError::Unrecognised(t.to_string());
    let parts: Vec<&str> = if t.chars().all(|c| c.is_ascii_digit()) {
        if t.len() != 8 {
            return Err(unrecognised());
        }
        vec![&t[..4], &t[4..6], &t[6..]]
    } else {
        let cleaned = t.trim_end_matches('日');
        cleaned
            .split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect()
    };
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(unrecognised());
    }
    if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
        return Err(unrecognised());
    }
    let y: i32 = parts[0].parse().map_err(|_| unrecognised())?;
    let m: u32 = parts[1].parse().map_err(|_| unrecognised())?;
    let d: u32 = parts[2].parse().map_err(|_| unrecognised())?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| DateError::NoSuchDay(t.to_string()))
}

/// 2026年3月5日 — the form documents use (no leading zeros).
pub fn chinese(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 20260305 — dates in file names.
pub fn compact(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A file stamp (20261130-093000, as backups are named) shown as 2026-11-30 09:30:00; a stamp
/// that is not one is shown as it is.
pub fn stamp_shown(stamp: &str) -> String {
    match chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S") {
        Ok(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Err(_) => stamp.to_string(),
    }
}

/// The weekdays' short names, Monday first, as calendars and lists show them.
pub const WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/// The short Chinese name of a date's weekday: 周一 … 周日.
pub fn weekday_name(d: NaiveDate) -> &'static str {
    WEEKDAYS[d.weekday().num_days_from_monday() as usize]
}

/// 2026-03-05 — the form fields and files use.
pub fn iso(d: NaiveDate) -> String {
    match d.year() {
        // Written directly: chrono's format string is parsed again on every call.
        y @ 0..=9999 => format!("{y:04}-{:02}-{:02}", d.month(), d.day()),
        _ => d.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        for t in [
            "2026-3-5",
            "2026-03-05",
            "2026/03/05",
            "2026/3/5",
            "2026年3月5日",
            "2026年03月05日",
            " 20260305 ",
            "2026.3.5",
        ] {
            assert_eq!(parse(t), Ok(want), "{t}");
        }
        assert_eq!(chinese(want), "2026年3月5日");
        assert_eq!(iso(want), "2026-03-05");
        assert_eq!(weekday_name(want), "周四");
        assert_eq!(compact(want), "20260305");
        assert_eq!(stamp_shown("20261130-093000"), "2026-11-30 09:30:00");
        assert_eq!(stamp_shown("手动"), "手动");
        assert_eq!(
            weekday_name(
                want.succ_opt()
                    .unwrap()
                    .succ_opt()
                    .unwrap()
                    .succ_opt()
                    .unwrap()
            ),
            "周日"
        );
    }

    #[test]
    fn rejected_forms() {
        assert!(matches!(parse("2026-2-30"), Err(DateError::NoSuchDay(_))));
        for t in [
            "",
            "3月5日",
            "2026-3",
            "26-3-5",
            "2026-03-05-01",
            "二〇二六年三月五日",
            "202635",
            "2026-003-05",
        ] {
            assert!(matches!(parse(t), Err(DateError::Unrecognised(_))), "{t}");
        }
        assert!(parse("abc").unwrap_err().to_string().contains("无法识别"));
    }

    #[test]
    fn leap_days() {
        assert_eq!(
            parse("2024-2-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        assert_eq!(
            parse("2000年2月29日"),
            Ok(NaiveDate::from_ymd_opt(2000, 2, 29).unwrap())
        );
        for t in ["2025-2-29", "2100-2-29", "19000229"] {
            let e = parse(t).unwrap_err();
            assert!(matches!(e, DateError::NoSuchDay(_)), "{t}");
            assert!(e.to_string().contains("不存在"), "{t}");
        }
    }
}
