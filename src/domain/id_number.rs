//! 居民身份证号码 (GB 11643-1999): validation, birth date, gender and masking.

use chrono::NaiveDate;

/// Weights of the 17 leading digits for the ISO 7064 MOD 11-2 check.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check characters indexed by the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Gender as recorded on an identity card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

impl Gender {
    /// The Chinese label stored and shown.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

/// What a valid identity number tells about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdInfo {
    /// The six-digit administrative address code.
    pub address_code: String,
    /// Date of birth encoded in the number.
    pub birth_date: NaiveDate,
    /// Gender from the parity of the sequence code.
    pub gender: Gender,
    /// True for an old 15-digit number (accepted with a warning).
    pub legacy_15: bool,
}

/// Why an identity number is not valid; `Display` is the Chinese message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Wrong number of characters.
    #[error("身份证号码应为18位（旧证15位），现为{0}位")]
    Length(usize),
    /// A character that is not a digit (or X in the last place).
    #[error("身份证号码第{0}位不是数字")]
    NotDigit(usize),
    /// The encoded birth date does not exist.
    #[error("身份证号码中的出生日期{0}不存在")]
    BadBirthDate(String),
    /// The birth date lies after today.
    #[error("身份证号码中的出生日期{0}晚于今天")]
    FutureBirthDate(String),
    /// The check character does not match.
    #[error("身份证号码校验位错误：应为{expected}，实为{actual}")]
    CheckChar {
        /// The correct check character.
        expected: char,
        /// The character found.
        actual: char,
    },
}

/// Computes the check character for the first 17 digits of an 18-digit number.
pub fn check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += c.to_digit(10)? * w;
    }
    Some(CHECK_CHARS[(sum % 11) as usize])
}

/// Validates an identity number (18 digits, or an old 15-digit one) against `today`.
pub fn parse(raw: &str, today: NaiveDate) -> Result<IdInfo, IdError> {
    let raw = raw.trim();
    let s: std::borrow::Cow<'_, str> = if raw.bytes().any(|b| b.is_ascii_lowercase()) {
        raw.to_ascii_uppercase().into()
    } else {
        raw.into()
    };
    let n = s.chars().count();
    match n {
        18 => {
            for (i, c) in s.chars().enumerate() {
                let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
                if !ok {
                    return Err(IdError::NotDigit(i + 1));
                }
            }
            let birth = birth_date(&s[6..14], today)?;
            let expected = check_char(&s[..17]).ok_or(IdError::NotDigit(1))?;
            let actual = s.chars().nth(17).unwrap_or(' ');
            if expected != actual {
                return Err(IdError::CheckChar { expected, actual });
            }
            Ok(IdInfo {
                address_code: s[..6].to_string(),
                birth_date: birth,
                gender: gender_of(&s[14..17]),
                legacy_15: false,
            })
        }
        15 => {
            if let Some(i) = s.chars().position(|c| !c.is_ascii_digit()) {
                return Err(IdError::NotDigit(i + 1));
            }
            let birth = birth_date(&format!("19{}", &s[6..12]), today)?;
            Ok(IdInfo {
                address_code: s[..6].to_string(),
                birth_date: birth,
                gender: gender_of(&s[12..15]),
                legacy_15: true,
            })
        }
        other => Err(IdError::Length(other)),
    }
}

/// The birth date of eight ASCII digits (the callers checked them).
fn birth_date(yyyymmdd: &str, today: NaiveDate) -> Result<NaiveDate, IdError> {
    let shown = || format!("{}-{}-{}", &yyyymmdd[..4], &yyyymmdd[4..6], &yyyymmdd[6..8]);
    let part = |r: std::ops::Range<usize>| yyyymmdd.get(r).and_then(|p| p.parse::<u32>().ok());
    let d = match (part(0..4), part(4..6), part(6..8)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    }
    .ok_or_else(|| IdError::BadBirthDate(shown()))?;
    if d > today {
        return Err(IdError::FutureBirthDate(shown()));
    }
    Ok(d)
}

fn gender_of(seq: &str) -> Gender {
    let last = seq.chars().last().and_then(|c| c.to_digit(10)).unwrap_or(0);
    if last % 2 == 1 {
        Gender::Male
    } else {
        Gender::Female
    }
}

/// Builds a valid 18-digit number from its parts (used by the example data and tests).
pub fn compose(address_code: &str, birth: NaiveDate, sequence: u16) -> String {
    let first17 = format!(
        "{address_code}{}{:03}",
        birth.format("%Y%m%d"),
        sequence % 1000
    );
    let c = check_char(&first17).unwrap_or('0');
    format!("{first17}{c}")
}

/// Masks an identity number for lists and masked exports: a resident ID card's 18 characters
/// keep the first six and the last four (120116********123X: the birth date is hidden); any
/// other number (an old 15-digit card, a passport, a permit) keeps a quarter at each end at
/// most, so at least half is hidden.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let n = chars.len();
    let (head, tail) = if n == 18 { (6, 4) } else { (n / 4, n / 4) };
    if head + tail >= n {
        return "*".repeat(n);
    }
    let h: String = chars[..head].iter().collect();
    let t: String = chars[n - tail..].iter().collect();
    format!("{h}{}{t}", "*".repeat(n - head - tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    #[test]
    fn masking_hides_the_birth_date_and_at_least_half_of_other_numbers() {
        assert_eq!(mask("12011619900305123X"), "120116********123X");
        // A passport (9) and a permit (11): at least half hidden.
        assert_eq!(mask("E12345678"), "E1*****78");
        assert_eq!(mask("H0123456789"), "H0*******89");
        // An old 15-digit card: its six birth digits are hidden.
        let m = mask("120116900305123");
        assert_eq!(m, "120*********123");
        assert!(!m.contains("900305"));
        for id in [
            "E12345678",
            "H0123456789",
            "120116900305123",
            "AB12",
            "",
            "123",
        ] {
            let hidden = mask(id).chars().filter(|c| *c == '*').count();
            assert!(hidden * 2 >= id.chars().count(), "{id}: {}", mask(id));
        }
    }

    #[test]
    fn valid_number_gives_birth_and_gender() {
        let id = compose("120116", NaiveDate::from_ymd_opt(1990, 3, 5).unwrap(), 123);
        let info = parse(&id, today()).unwrap();
        assert_eq!(
            info.birth_date,
            NaiveDate::from_ymd_opt(1990, 3, 5).unwrap()
        );
        assert_eq!(info.gender, Gender::Male);
        assert_eq!(info.address_code, "120116");
    }

    #[test]
    fn known_number_with_x_check_char() {
        // 11010519491231002X is the standard's own example.
        let info = parse("11010519491231002x", today()).unwrap();
        assert_eq!(info.gender, Gender::Female);
    }

    #[test]
    fn wrong_check_char_is_reported() {
        let err = parse("110105194912310021", today()).unwrap_err();
        assert_eq!(
            err,
            IdError::CheckChar {
                expected: 'X',
                actual: '1'
            }
        );
        assert!(err.to_string().contains("校验位"));
    }

    #[test]
    fn bad_and_future_dates_and_lengths() {
        assert!(matches!(
            parse(
                &compose("120116", NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), 1),
                today()
            ),
            Err(IdError::FutureBirthDate(_))
        ));
        assert!(matches!(
            parse("120116199002300011", today()),
            Err(IdError::BadBirthDate(_))
        ));
        assert_eq!(parse("12345", today()), Err(IdError::Length(5)));
        assert_eq!(
            parse("12011619900A050011", today()),
            Err(IdError::NotDigit(12))
        );
    }

    #[test]
    fn old_fifteen_digit_numbers_are_accepted_as_legacy() {
        let info = parse("120107850305123", today()).unwrap();
        assert!(info.legacy_15);
        assert_eq!(
            info.birth_date,
            NaiveDate::from_ymd_opt(1985, 3, 5).unwrap()
        );
        assert_eq!(info.gender, Gender::Male);
    }

    #[test]
    fn masking_keeps_head_and_tail() {
        assert_eq!(mask("12011619900305123X"), "120116********123X");
    }
}
