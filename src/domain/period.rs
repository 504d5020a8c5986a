//! Report periods: a year, a half year, a quarter, a month or any range of days, as the clerk
//! and the command line write them (2026, 2026H1, 2026Q2, 2026-03, 2026-01-01..2026-03-31).

use chrono::{Datelike, NaiveDate};

/// A period of whole days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// How documents name it: 2026年, 2026年上半年, 2026年第二季度, 2026年3月 …
    pub label: String,
}

/// Why a period was not understood; `Display` is the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "期间“{0}”无法识别，请写成 2026、2026H1、2026H2、2026Q1–Q4、2026-03 或 2026-01-01..2026-03-31"
)]
pub struct PeriodError(pub String);

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The last day of a month.
fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        day(y + 1, 1, 1)
    } else {
        day(y, m + 1, 1)
    };
    next?.pred_opt()
}

impl Period {
    /// A whole year.
    pub fn year(y: i32) -> Option<Self> {
        Some(Period {
            from: day(y, 1, 1)?,
            to: day(y, 12, 31)?,
            label: format!("{y}年"),
        })
    }

    /// 上半年 (half 1) or 下半年 (half 2).
    pub fn half(y: i32, half: u32) -> Option<Self> {
        let (from, to, name) = match half {
            1 => (day(y, 1, 1)?, day(y, 6, 30)?, "上半年"),
            2 => (day(y, 7, 1)?, day(y, 12, 31)?, "下半年"),
            _ => return None,
        };
        Some(Period {
            from,
            to,
            label: format!("{y}年{name}"),
        })
    }

    /// A quarter (1–4).
    pub fn quarter(y: i32, q: u32) -> Option<Self> {
        if !(1..=4).contains(&q) {
            return None;
        }
        let names = ["第一季度", "第二季度", "第三季度", "第四季度"];
        Some(Period {
            from: day(y, q * 3 - 2, 1)?,
            to: month_end(y, q * 3)?,
            label: format!("{y}年{}", names[q as usize - 1]),
        })
    }

    /// A month.
    pub fn month(y: i32, m: u32) -> Option<Self> {
        Some(Period {
            from: day(y, m, 1)?,
            to: month_end(y, m)?,
            label: format!("{y}年{m}月"),
        })
    }

    /// Any range of days (inclusive).
    pub fn range(from: NaiveDate, to: NaiveDate) -> Option<Self> {
        (from <= to).then(|| Period {
            from,
            to,
            label: format!(
                "{}年{}月{}日至{}年{}月{}日",
                from.year(),
                from.month(),
                from.day(),
                to.year(),
                to.month(),
                to.day()
            ),
        })
    }

    /// Parses 2026, 2026H1, 2026H2, 2026Q1…Q4, 2026-03 or 2026-01-01..2026-03-31.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        let bad = || PeriodError(t.to_string());
        if let Some((a, b)) = t.split_once("..") {
            let from = super::dates::parse(a).map_err(|_| bad())?;
            let to = super::dates::parse(b).map_err(|_| bad())?;
            return Period::range(from, to).ok_or_else(bad);
        }
        let year = |s: &str| {
            (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse::<i32>().ok())
                .flatten()
        };
        if let Some(y) = year(t) {
            return Period::year(y).ok_or_else(bad);
        }
        // By characters, not bytes: 202年 is six bytes too.
        if t.is_ascii() && t.len() == 6 {
            let (y, rest) = t.split_at(4);
            let y = year(y).ok_or_else(bad)?;
            let n: u32 = rest[1..].parse().map_err(|_| bad())?;
            return match &rest[..1] {
                "H" | "h" => Period::half(y, n),
                "Q" | "q" => Period::quarter(y, n),
                _ => None,
            }
            .ok_or_else(bad);
        }
        if let Some((y, m)) = t.split_once('-') {
            let y = year(y).ok_or_else(bad)?;
            let m: u32 = m.parse().map_err(|_| bad())?;
            return Period::month(y, m).ok_or_else(bad);
        }
        Err(bad())
    }

    /// The months the period touches, as (year, month), in order.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut out = Vec::new();
        let (mut y, mut m) = (self.from.year(), self.from.month());
        while (y, m) <= (self.to.year(), self.to.month()) {
            out.push((y, m));
            if m == 12 {
                y += 1;
                m = 1;
            } else {
                m += 1;
            }
        }
        out
    }
}

/// Whether the month `YYYY-MM` is over on `today` (its last day is past). A month not yet over
/// is never judged.
pub fn month_over(month: &str, today: NaiveDate) -> bool {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .is_some_and(|next| next <= today)
}

/// 月均: the activities of the months that are over, divided by how many months are over (a
/// past year: 12); `None` while no month of the period is over. `row` and `months` are in the
/// same order (`YYYY-MM`).
pub fn monthly_average(row: &[i64], months: &[String], today: NaiveDate) -> Option<f64> {
    let over: Vec<i64> = row
        .iter()
        .zip(months)
        .filter(|(_, m)| month_over(m, today))
        .map(|(n, _)| *n)
        .collect();
    if over.is_empty() {
        return None;
    }
    Some(over.iter().sum::<i64>() as f64 / over.len() as f64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_monthly_average_counts_only_months_that_are_over() {
        let months: Vec<String> = (1..=12).map(|m| format!("2026-{m:02}")).collect();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        // One activity a month, the twelfth in December (not over): 11 / 11, not 12 / 11.
        let row = vec![1; 12];
        assert_eq!(super::monthly_average(&row, &months, today), Some(1.0));
        // A past year divides by twelve.
        let past: Vec<String> = (1..=12).map(|m| format!("2025-{m:02}")).collect();
        let mut row = vec![1; 12];
        row[0] = 0;
        assert_eq!(
            super::monthly_average(&row, &past, today),
            Some(11.0 / 12.0)
        );
        // Nothing over yet: no average.
        let next: Vec<String> = vec!["2027-01".into()];
        assert_eq!(super::monthly_average(&[0], &next, today), None);
        assert!(!super::month_over("2026-12", today));
        assert!(super::month_over("2026-11", today));
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn parses_every_form() {
        let p = Period::parse("2026H1").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (p.from, p.to, p.label.as_str()),
            (d(2026, 1, 1), d(2026, 6, 30), "2026年上半年")
        );
        let p = Period::parse("2026").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (p.from, p.to, p.months().len()),
            (d(2026, 1, 1), d(2026, 12, 31), 12)
        );
        let p = Period::parse("2024-02").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.to, p.label.as_str()), (d(2024, 2, 29), "2024年2月"));
        let p = Period::parse("2026Q4").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.from, p.to), (d(2026, 10, 1), d(2026, 12, 31)));
        let p = Period::parse("2025-11-15..2026-02-10").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            p.months(),
            vec![(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
        );
        for bad in [
            "",
            "26",
            "2026H3",
            "2026Q5",
            "2026-13",
            "2026-03-05..2026-01-01",
            "上半年",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        assert!(
            Period::parse("x")
                .unwrap_err()
                .to_string()
                .contains("无法识别")
        );
    }
}
