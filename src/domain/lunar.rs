//! The Chinese calendar through `tyme4rs`: solar terms (清明) and lunar festivals (中元, 寒衣) as
//! solar dates, and the lunar day a solar date falls on (初一, 十五 …).

use chrono::{Datelike, NaiveDate};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// The years the calendar computes key dates for.
pub const YEARS: std::ops::RangeInclusive<i32> = 1950..=2100;

fn to_date(d: &SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        d.get_year() as i32,
        d.get_month() as u32,
        d.get_day() as u32,
    )
}

/// The day of solar term `name` (清明 …) in `year`.
pub fn solar_term(year: i32, name: &str) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    let term = SolarTerm::new(year as isize, name).ok()?;
    to_date(&term.get_solar_day()).filter(|d| d.year() == year)
}

/// The solar date of lunar `month`/`day` (not a leap month) of lunar year `year`.
pub fn from_lunar(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    let d = LunarDay::new(year as isize, month as isize, day as usize).ok()?;
    to_date(&d.get_solar_day())
}

/// The lunar date of a solar date: month (1–12), whether it is a leap month, day (1–30).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lunar {
    /// 月 (1–12).
    pub month: u32,
    /// 闰月.
    pub leap: bool,
    /// 日 (1–30).
    pub day: u32,
}

impl Lunar {
    /// The day as a calendar shows it: 初二 … 三十, and on the first of a month the month's name
    /// (正月, 闰四月 …).
    pub fn label(self) -> String {
        const DAYS: [&str; 30] = [
            "初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十", "十一",
            "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "廿一", "廿二",
            "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十",
        ];
        const MONTHS: [&str; 12] = [
            "正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月",
            "腊月",
        ];
        if self.day == 1 {
            let month = MONTHS.get(self.month as usize - 1).copied().unwrap_or("");
            format!("{}{month}", if self.leap { "闰" } else { "" })
        } else {
            DAYS.get(self.day as usize - 1)
                .copied()
                .unwrap_or("")
                .to_string()
        }
    }
}

/// The lunar date of `date`, for years the calendar covers.
pub fn lunar_of(date: NaiveDate) -> Option<Lunar> {
    if !YEARS.contains(&date.year()) {
        return None;
    }
    let day = SolarDay::new(
        date.year() as isize,
        date.month() as usize,
        date.day() as usize,
    )
    .ok()?
    .get_lunar_day();
    let month = day.get_lunar_month();
    Some(Lunar {
        month: month.get_month() as u32,
        leap: month.is_leap(),
        day: day.get_day() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn the_notices_year_2021() {
        assert_eq!(solar_term(2021, "清明"), Some(d(2021, 4, 4)));
        assert_eq!(from_lunar(2021, 7, 15), Some(d(2021, 8, 22)));
        assert_eq!(from_lunar(2021, 10, 1), Some(d(2021, 11, 5)));
    }

    #[test]
    fn lunar_labels() {
        // 2026-02-17 is 正月初一 (Spring Festival); 2025-07-25 is 闰六月初一.
        assert_eq!(
            lunar_of(d(2026, 2, 17)).map(Lunar::label).as_deref(),
            Some("正月")
        );
        assert_eq!(
            lunar_of(d(2026, 3, 3)).map(Lunar::label).as_deref(),
            Some("十五")
        );
        assert_eq!(
            lunar_of(d(2025, 7, 25)).map(Lunar::label).as_deref(),
            Some("闰六月")
        );
        assert_eq!(lunar_of(d(1900, 1, 1)), None);
    }
}
