//! Service hours (kept as tenths of an hour) and star levels.

/// Service hours in tenths of an hour, so one decimal is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Tenths(pub i64);

impl Tenths {
    /// From hours, rounded to one decimal.
    pub fn from_hours(h: f64) -> Self {
        Tenths((h * 10.0).round() as i64)
    }

    /// As hours.
    pub fn hours(self) -> f64 {
        self.0 as f64 / 10.0
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.abs();
        write!(f, "{sign}{}.{}", a / 10, a % 10)
    }
}

/// Hour thresholds of 一星 … 五星.
pub const STAR_THRESHOLDS: [i64; 5] = [100, 300, 600, 1000, 1500];

/// The star level (0 = none, 1–5) for cumulative hours.
pub fn star_level(total: Tenths) -> u8 {
    STAR_THRESHOLDS
        .iter()
        .filter(|&&h| total.0 >= h * 10)
        .count() as u8
}

/// The next star level and the hours still missing to reach it; `None` at 五星.
pub fn to_next_star(total: Tenths) -> Option<(u8, Tenths)> {
    let level = star_level(total);
    let threshold = *STAR_THRESHOLDS.get(level as usize)?;
    Some((level + 1, Tenths(threshold * 10 - total.0)))
}

/// The Chinese name of a star level.
pub fn star_label(level: u8) -> &'static str {
    match level {
        1 => "一星",
        2 => "二星",
        3 => "三星",
        4 => "四星",
        5 => "五星",
        _ => "未达星级",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_at_thresholds() {
        assert_eq!(star_level(Tenths(999)), 0);
        assert_eq!(star_level(Tenths(1000)), 1);
        assert_eq!(star_level(Tenths(5999)), 2);
        assert_eq!(star_level(Tenths(15000)), 5);
        assert_eq!(star_label(3), "三星");
    }

    #[test]
    fn hours_to_the_next_star() {
        assert_eq!(to_next_star(Tenths(0)), Some((1, Tenths(1000))));
        assert_eq!(to_next_star(Tenths(1234)), Some((2, Tenths(1766))));
        assert_eq!(to_next_star(Tenths(14_999)), Some((5, Tenths(1))));
        assert_eq!(to_next_star(Tenths(15_000)), None);
    }

    #[test]
    fn one_decimal() {
        assert_eq!(Tenths::from_hours(1.5).to_string(), "1.5");
        assert_eq!(Tenths(20).to_string(), "2.0");
    }
}
