//! Search keys of a volunteer: full pinyin and initials of the name (so `zs` and `zhangsan`
//! find 张三), and reversed phone and ID numbers (so their last digits are a prefix).

use pinyin::ToPinyin;

/// Surnames whose reading differs from the character's most common one.
const SURNAME_READINGS: [(char, &str); 14] = [
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('区', "ou"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('查', "zha"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('盖', "ge"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('尉', "yu"),
    ('长', "chang"),
];

/// The search keys of one name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKeys {
    /// Full pinyin without tones or spaces: zhangsan.
    pub pinyin: String,
    /// First letters: zs.
    pub initials: String,
}

/// Pinyin and initials of a name; Latin letters and digits are kept (lower case).
pub fn name_keys(name: &str) -> NameKeys {
    let mut pinyin = String::new();
    let mut initials = String::new();
    for (i, c) in name.trim().chars().enumerate() {
        let reading = SURNAME_READINGS
            .iter()
            .find(|(s, _)| i == 0 && *s == c)
            .map(|(_, r)| *r)
            .or_else(|| c.to_pinyin().map(|p| p.plain()));
        match reading {
            Some(r) => {
                pinyin.push_str(r);
                initials.push_str(&r[..1]);
            }
            None if c.is_ascii_alphanumeric() => {
                let l = c.to_ascii_lowercase();
                pinyin.push(l);
                initials.push(l);
            }
            None => {}
        }
    }
    NameKeys { pinyin, initials }
}

/// A number reversed, so that a search for its last digits is a prefix search.
pub fn reversed(number: &str) -> String {
    number.trim().to_ascii_lowercase().chars().rev().collect()
}

/// What the search box was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    /// Nothing: list everyone.
    All,
    /// Latin letters: pinyin or initials prefix (also matches a volunteer number prefix).
    Letters(String),
    /// Digits (and X): a volunteer number, or the last digits of a phone or ID number.
    Digits(String),
    /// Anything else (hanzi): a name prefix, or a volunteer number prefix.
    Text(String),
}

/// Classifies the search box's text.
pub fn parse_query(text: &str) -> Query {
    let t: String = text.split_whitespace().collect();
    if t.is_empty() {
        Query::All
    } else if t.chars().all(|c| c.is_ascii_alphabetic()) {
        Query::Letters(t.to_ascii_lowercase())
    } else if t
        .chars()
        .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X')
    {
        Query::Digits(t.to_ascii_uppercase())
    } else {
        Query::Text(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_initials() {
        assert_eq!(
            name_keys("张三"),
            NameKeys {
                pinyin: "zhangsan".into(),
                initials: "zs".into()
            }
        );
        assert_eq!(name_keys("欧阳桂刚").initials, "oygg");
        assert_eq!(name_keys("曾喆").pinyin, "zengzhe");
        assert_eq!(name_keys("单赟").pinyin, "shanyun");
        assert_eq!(name_keys("王玥 Amy").initials, "wyamy");
        for rare in "玥喆堃彧昇镕珺犇赟祎旻瑄璟".chars() {
            assert!(!name_keys(&rare.to_string()).pinyin.is_empty(), "{rare}");
        }
    }

    #[test]
    fn queries() {
        assert_eq!(parse_query("  "), Query::All);
        assert_eq!(parse_query("ZS"), Query::Letters("zs".into()));
        assert_eq!(parse_query("0001"), Query::Digits("0001".into()));
        assert_eq!(parse_query("123x"), Query::Digits("123X".into()));
        assert_eq!(parse_query("张 三"), Query::Text("张三".into()));
        assert_eq!(parse_query("SF0000001"), Query::Text("SF0000001".into()));
        assert_eq!(reversed("13800000001"), "10000000831");
    }
}
