//! How the running totals name their periods (schema version 27, #22 goal 7), written once:
//! as integers, which take 2–3 bytes in each total row and in its index, where the text took
//! 5–8.
//!
//! - A month is `YYYYMM` (2025-03 → 202503);
//! - a year is `YYYY`;
//! - a quarter is `YYYY` and 1–4 (2025 Q3 → 20253), a half year `YYYY` and 5–6 (2025 H2 →
//!   20256), both in `volunteer_spans`.
//!
//! The step, the counting triggers, the recounts and the reports build their SQL here, and the
//! reports their keys. The form is part of the file format: changing it needs a new migration
//! step.

use chrono::{Datelike, NaiveDate};

/// The SQL of the month key of the date `d` (an SQL expression of `YYYY-MM-DD` text).
pub fn month_of_date(d: &str) -> String {
    format!("(substr({d}, 1, 4) * 100 + substr({d}, 6, 2))")
}

/// The SQL of the year key of the date `d`.
pub fn year_of_date(d: &str) -> String {
    format!("CAST(substr({d}, 1, 4) AS INTEGER)")
}

/// The SQL of the year key of the month key `m`.
pub fn year_of_month(m: &str) -> String {
    format!("({m} / 100)")
}

/// The SQL of the quarter key of the month key `m`.
pub fn quarter_of_month(m: &str) -> String {
    format!("({m} / 100 * 10 + ({m} % 100 + 2) / 3)")
}

/// The SQL of the half-year key of the month key `m`.
pub fn half_of_month(m: &str) -> String {
    format!("({m} / 100 * 10 + 4 + ({m} % 100 + 5) / 6)")
}

/// The month key of `date`.
pub fn month(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 100 + i64::from(date.month())
}

/// The year key of `year`.
pub fn year(year: i32) -> i64 {
    i64::from(year)
}

/// The key of quarter `q` (1–4) of `year`.
pub fn quarter(year: i32, q: u32) -> i64 {
    i64::from(year) * 10 + i64::from(q)
}

/// The key of half year `h` (1–2) of `year`.
pub fn half(year: i32, h: u32) -> i64 {
    i64::from(year) * 10 + 4 + i64::from(h)
}

/// A kind of period kept from the months (schema version 32): its table and key column, the
/// SQL of its key for a month key, and how many months it holds.
pub struct Kept {
    pub table: &'static str,
    pub column: &'static str,
    pub key_of_month: fn(&str) -> String,
    pub months: u32,
}

/// The periods each month counts towards: its year, its quarter and its half year.
pub const KEPT: [Kept; 3] = [
    Kept {
        table: "volunteer_years",
        column: "year",
        key_of_month: year_of_month,
        months: 12,
    },
    Kept {
        table: "volunteer_spans",
        column: "span",
        key_of_month: quarter_of_month,
        months: 3,
    },
    Kept {
        table: "volunteer_spans",
        column: "span",
        key_of_month: half_of_month,
        months: 6,
    },
];

impl Kept {
    /// The SQL list of the month keys of the period that holds the month key `m`.
    pub fn months_with(&self, m: &str) -> String {
        let n = self.months;
        let first = format!("({m} - ({m} % 100 - 1) % {n})");
        let list: Vec<String> = (0..n).map(|i| format!("{first} + {i}")).collect();
        format!("({})", list.join(", "))
    }
}
