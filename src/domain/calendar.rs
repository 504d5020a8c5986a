//! Calendar rules needed everywhere: second Saturdays (学雷锋志愿服务日) and the fixed key dates.

use chrono::{Datelike, NaiveDate, Weekday};

/// The second Saturday of a month (学雷锋志愿服务日).
pub fn second_saturday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sat, 2)
}

/// 清明 for 2001–2099 by the 寿星 formula (the calendar issue replaces it with the
/// astronomical solar term for every year).
pub fn qingming(year: i32) -> Option<NaiveDate> {
    if !(2001..=2099).contains(&year) {
        return None;
    }
    let y = (year % 100) as f64;
    let day = (y * 0.2422 + 4.81).floor() as i64 - (year % 100 / 4) as i64;
    NaiveDate::from_ymd_opt(year, 4, day as u32)
}

/// A fixed-date key date with its suggested theme and category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedKeyDate {
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
    /// Name as DOMAIN.md writes it.
    pub name: &'static str,
    /// Suggested theme of activities.
    pub theme: &'static str,
    /// Suggested category.
    pub category: &'static str,
}

/// The fixed key dates of the notice.
pub const FIXED_KEY_DATES: [FixedKeyDate; 9] = [
    FixedKeyDate {
        month: 3,
        day: 5,
        name: "学雷锋纪念日",
        theme: "学雷锋志愿服务",
        category: "关爱系列",
    },
    FixedKeyDate {
        month: 3,
        day: 12,
        name: "植树节",
        theme: "植树护绿",
        category: "生态环保",
    },
    FixedKeyDate {
        month: 5,
        day: 1,
        name: "劳动节",
        theme: "关爱劳动者",
        category: "关爱系列",
    },
    FixedKeyDate {
        month: 6,
        day: 1,
        name: "儿童节",
        theme: "关爱困境儿童",
        category: "关爱系列",
    },
    FixedKeyDate {
        month: 6,
        day: 5,
        name: "世界环境日",
        theme: "垃圾分类宣传",
        category: "生态环保",
    },
    FixedKeyDate {
        month: 7,
        day: 1,
        name: "建党节",
        theme: "党员志愿者进万家",
        category: "其他专业",
    },
    FixedKeyDate {
        month: 8,
        day: 1,
        name: "建军节",
        theme: "关爱军人军属",
        category: "其他专业",
    },
    FixedKeyDate {
        month: 10,
        day: 1,
        name: "国庆节",
        theme: "文明旅游",
        category: "文明旅游",
    },
    FixedKeyDate {
        month: 12,
        day: 5,
        name: "国际志愿者日",
        theme: "志愿服务展示",
        category: "其他",
    },
];

/// A key date of one year with what it suggests for activities on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDate {
    /// The day.
    pub date: NaiveDate,
    /// Its name (清明节 …).
    pub name: String,
    /// Suggested theme of activities.
    pub theme: String,
    /// Suggested category.
    pub category: String,
}

/// The built-in key dates of a year, in date order: 清明节 (suggesting 文明祭扫) and the fixed
/// ones of the notice.
pub fn key_dates(year: i32) -> Vec<KeyDate> {
    let mut out: Vec<KeyDate> = FIXED_KEY_DATES
        .iter()
        .filter_map(|k| {
            Some(KeyDate {
                date: NaiveDate::from_ymd_opt(year, k.month, k.day)?,
                name: k.name.into(),
                theme: k.theme.into(),
                category: k.category.into(),
            })
        })
        .collect();
    if let Some(date) = qingming(year) {
        out.push(KeyDate {
            date,
            name: "清明节".into(),
            theme: "文明祭扫".into(),
            category: "文明祭扫".into(),
        });
    }
    out.sort_by_key(|k| k.date);
    out
}

/// Whether `date` is the second Saturday of its month.
pub fn is_second_saturday(date: NaiveDate) -> bool {
    second_saturday(date.year(), date.month()) == Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_saturdays() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(second_saturday(2026, 3), Some(d(2026, 3, 14)));
        assert_eq!(second_saturday(2026, 8), Some(d(2026, 8, 8)));
        assert!(is_second_saturday(d(2026, 11, 14)));
        assert!(!is_second_saturday(d(2026, 11, 7)));
    }

    #[test]
    fn key_dates_of_a_year_suggest_their_category() {
        let dates = key_dates(2026);
        assert_eq!(dates.len(), 10);
        assert!(dates.windows(2).all(|w| w[0].date <= w[1].date));
        let qm = dates.iter().find(|k| k.name == "清明节");
        assert_eq!(
            qm.map(|k| (k.date, k.category.as_str())),
            NaiveDate::from_ymd_opt(2026, 4, 5).map(|d| (d, "文明祭扫"))
        );
        let all = crate::domain::categories::all_activity_categories();
        assert!(dates.iter().all(|k| all.contains(&k.category.as_str())));
    }

    #[test]
    fn qingming_known_years() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(qingming(2025), Some(d(2025, 4, 4)));
        assert_eq!(qingming(2026), Some(d(2026, 4, 5)));
        assert_eq!(qingming(2024), Some(d(2024, 4, 4)));
        assert_eq!(qingming(2021), Some(d(2021, 4, 4)));
    }
}
