//! Calendar rules needed everywhere: second Saturdays (学雷锋志愿服务日) and the fixed key dates.

use chrono::{Datelike, NaiveDate, Weekday};

/// The second Saturday of a month (学雷锋志愿服务日).
pub fn second_saturday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sat, 2)
}

/// 清明 of a year (1950–2100), from the solar term.
pub fn qingming(year: i32) -> Option<NaiveDate> {
    super::lunar::solar_term(year, "清明")
}

/// A fixed-date key date with its suggested themes and categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedKeyDate {
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
    /// Name as DOMAIN.md writes it.
    pub name: &'static str,
    /// Suggested themes of activities, joined by 、 (the first the usual one).
    pub theme: &'static str,
    /// Suggested categories, the first the likeliest.
    pub categories: &'static [&'static str],
}

/// The fixed key dates of the notice.
pub const FIXED_KEY_DATES: [FixedKeyDate; 9] = [
    FixedKeyDate {
        month: 3,
        day: 5,
        name: "学雷锋纪念日",
        theme: "学雷锋志愿服务、关爱老人",
        categories: &["关爱系列", "学雷锋志愿服务日"],
    },
    FixedKeyDate {
        month: 3,
        day: 12,
        name: "植树节",
        theme: "植树护绿、植树环保",
        categories: &["生态环保"],
    },
    FixedKeyDate {
        month: 5,
        day: 1,
        name: "劳动节",
        theme: "关爱劳动者",
        categories: &["关爱系列"],
    },
    FixedKeyDate {
        month: 6,
        day: 1,
        name: "儿童节",
        theme: "关爱困境儿童、关爱留守儿童",
        categories: &["关爱系列", "助学辅导"],
    },
    FixedKeyDate {
        month: 6,
        day: 5,
        name: "世界环境日",
        theme: "垃圾分类宣传、植树环保",
        categories: &["生态环保"],
    },
    FixedKeyDate {
        month: 7,
        day: 1,
        name: "建党节",
        theme: "党员志愿者进万家、讲党史党课、关爱老党员",
        categories: &["机关干部志愿服务", "其他专业"],
    },
    FixedKeyDate {
        month: 8,
        day: 1,
        name: "建军节",
        theme: "关爱军人军属",
        categories: &["其他专业", "关爱系列"],
    },
    FixedKeyDate {
        month: 10,
        day: 1,
        name: "国庆节",
        theme: "文明旅游",
        categories: &["文明旅游", "文明交通"],
    },
    FixedKeyDate {
        month: 12,
        day: 5,
        name: "国际志愿者日",
        theme: "志愿服务展示、表彰先进典型",
        categories: &["其他"],
    },
];

/// What kind of day a key date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum KeyDateKind {
    /// A fixed-date festival or memorial day (植树节 …).
    #[serde(rename = "节日")]
    Festival,
    /// A solar term (清明节).
    #[serde(rename = "节气")]
    SolarTerm,
    /// A day of the lunar calendar (中元节, 寒衣节).
    #[serde(rename = "农历节日")]
    Lunar,
    /// The second Saturday of a month (学雷锋志愿服务日).
    #[serde(rename = "学雷锋志愿服务日")]
    LeiFengDay,
    /// A themed month (志愿服务培训月), dated on its first day.
    #[serde(rename = "主题月")]
    Month,
    /// A deadline for a document.
    #[serde(rename = "报送截止")]
    Deadline,
    /// One the clerk added.
    #[serde(rename = "自定义")]
    Custom,
}

impl KeyDateKind {
    /// The Chinese name (as the JSON writes it).
    pub fn name(self) -> &'static str {
        match self {
            KeyDateKind::Festival => "节日",
            KeyDateKind::SolarTerm => "节气",
            KeyDateKind::Lunar => "农历节日",
            KeyDateKind::LeiFengDay => "学雷锋志愿服务日",
            KeyDateKind::Month => "主题月",
            KeyDateKind::Deadline => "报送截止",
            KeyDateKind::Custom => "自定义",
        }
    }
}

/// A key date of one year with what it suggests for activities on it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KeyDate {
    /// The day.
    pub date: NaiveDate,
    /// Its name (清明节 …).
    pub name: String,
    /// What kind of day it is.
    pub kind: KeyDateKind,
    /// Suggested themes of activities.
    pub themes: Vec<String>,
    /// Suggested categories, the first the likeliest.
    pub categories: Vec<String>,
}

impl KeyDate {
    fn new(
        date: NaiveDate,
        name: &str,
        kind: KeyDateKind,
        themes: &[&str],
        categories: &[&str],
    ) -> Self {
        KeyDate {
            date,
            name: name.into(),
            kind,
            themes: themes.iter().map(|t| t.to_string()).collect(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
        }
    }

    /// The likeliest category ("" when none is suggested).
    pub fn category(&self) -> &str {
        self.categories.first().map_or("", String::as_str)
    }

    /// The themes joined for display.
    pub fn theme(&self) -> String {
        self.themes.join("、")
    }

    /// Whether activities are planned on it (a deadline or a month is not a theme node).
    pub fn is_theme_node(&self) -> bool {
        !matches!(self.kind, KeyDateKind::Deadline | KeyDateKind::Month)
    }
}

/// The documents due, by day: 联络表 3/5, half-year summary 7/15, annual summary 12/15 — the
/// key date's name and the document as the submissions record names it.
pub const DEADLINES: [(u32, u32, &str, &str); 3] = [
    (3, 5, "联络表报送截止", "负责人联络表"),
    (7, 15, "上半年工作总结报送截止", "上半年工作总结"),
    (12, 15, "全年工作总结报送截止", "全年工作总结"),
];

/// Every built-in key date of a year (1950–2100), in date order: the fixed days of the notice,
/// 清明节 from the solar term, 中元节 and 寒衣节 from the lunar calendar, the twelve second
/// Saturdays, 志愿服务培训月 (May) and the three deadlines. Years outside the range have none.
pub fn key_dates(year: i32) -> Vec<KeyDate> {
    use KeyDateKind::*;
    if !super::lunar::YEARS.contains(&year) {
        return Vec::new();
    }
    let mut out: Vec<KeyDate> = FIXED_KEY_DATES
        .iter()
        .filter_map(|k| {
            let date = NaiveDate::from_ymd_opt(year, k.month, k.day)?;
            let themes: Vec<&str> = k.theme.split('、').collect();
            Some(KeyDate::new(date, k.name, Festival, &themes, k.categories))
        })
        .collect();
    if let Some(date) = qingming(year) {
        out.push(KeyDate::new(
            date,
            "清明节",
            SolarTerm,
            &["文明祭扫"],
            &["文明祭扫"],
        ));
    }
    for (month, day, name, themes) in [
        (7, 15, "中元节", ["文明祭扫", "移风易俗"]),
        (10, 1, "寒衣节", ["文明祭扫", "关爱老人"]),
    ] {
        if let Some(date) = super::lunar::from_lunar(year, month, day) {
            out.push(KeyDate::new(date, name, Lunar, &themes, &["文明祭扫"]));
        }
    }
    for month in 1..=12 {
        if let Some(date) = second_saturday(year, month) {
            out.push(KeyDate::new(
                date,
                "学雷锋志愿服务日",
                LeiFengDay,
                &["清洁家园", "清除小广告", "劝导占道经营和乱停车"],
                &["学雷锋志愿服务日"],
            ));
        }
    }
    if let Some(date) = NaiveDate::from_ymd_opt(year, 5, 1) {
        out.push(KeyDate::new(
            date,
            "志愿服务培训月",
            Month,
            &[
                "《志愿服务条例》",
                "《天津市志愿服务条例》",
                "活动组织",
                "志愿滨海使用",
            ],
            &[],
        ));
    }
    for (month, day, name, _) in DEADLINES {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            out.push(KeyDate::new(date, name, Deadline, &[], &[]));
        }
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
        // 9 fixed, 清明, 中元, 寒衣, 12 second Saturdays, 培训月, 3 deadlines.
        assert_eq!(dates.len(), 9 + 3 + 12 + 1 + 3);
        assert!(dates.windows(2).all(|w| w[0].date <= w[1].date));
        let qm = dates.iter().find(|k| k.name == "清明节");
        assert_eq!(
            qm.map(|k| (k.date, k.category(), k.kind)),
            NaiveDate::from_ymd_opt(2026, 4, 5).map(|d| (d, "文明祭扫", KeyDateKind::SolarTerm))
        );
        let all = crate::domain::categories::all_activity_categories();
        assert!(
            dates
                .iter()
                .flat_map(|k| &k.categories)
                .all(|c| all.contains(&c.as_str()))
        );
        assert!(key_dates(1949).is_empty() && key_dates(2101).is_empty());
        assert_eq!(key_dates(2100).len(), dates.len());
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
