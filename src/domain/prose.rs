//! How Chinese prose is set in the documents: no space between a number (or Latin) and a
//! Chinese character, quotation marks nested as “…‘…’…”, hours with a decimal only when there
//! is one, and the line-breaking rules (禁则): no line starts with a closing mark, none ends
//! with an opening one.

use super::hours::Tenths;

/// Marks that may not begin a line.
pub const CLOSING: &str = "，。、；：！？）”’》」』】〉…%";

/// Marks that may not end a line.
pub const OPENING: &str = "“‘（《「『【〈";

/// Whether `c` is a Chinese character or full-width mark.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x2018..=0x201F | 0x2026 | 0x2014)
}

/// Prose as the documents print it: ASCII spaces beside Chinese characters removed (开展活动
/// 361 场 → 开展活动361场), and a quotation inside a quotation in single marks (“…“国庆节”…”
/// → “…‘国庆节’…”).
pub fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().last();
            let after = chars[i + 1..].iter().copied().find(|n| *n != ' ');
            let beside_cjk = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
            if beside_cjk && before.is_some() && after.is_some() {
                continue;
            }
        }
        match c {
            '“' => {
                out.push(if depth % 2 == 1 { '‘' } else { '“' });
                depth += 1;
            }
            '”' => {
                depth = depth.saturating_sub(1);
                out.push(if depth % 2 == 1 { '’' } else { '”' });
            }
            _ => out.push(c),
        }
    }
    out
}

/// Hours in prose: 219 or 219.5 (a decimal only when there is one).
pub fn hours(t: Tenths) -> String {
    if t.0 % 10 == 0 {
        (t.0 / 10).to_string()
    } else {
        t.to_string()
    }
}

/// Applies the line-breaking rules to a line about to end before `next`: returns how many
/// characters at the end of `line` must move down with `next` (a closing mark never starts a
/// line, so the character before it goes with it; an opening mark never ends a line). Never
/// moves the whole line.
pub fn carry_before(line: &str, next: &str) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let mut carry = 0;
    let mut starts_closing = next.chars().next().is_some_and(|c| CLOSING.contains(c));
    while carry + 1 < chars.len() {
        let last = chars[chars.len() - 1 - carry];
        if starts_closing || OPENING.contains(last) {
            carry += 1;
            // The character moved down now starts the next line.
            starts_closing = CLOSING.contains(last);
        } else {
            break;
        }
    }
    carry
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_space_between_numbers_and_chinese() {
        assert_eq!(
            tidy("开展活动 361 场，服务时长 219 小时"),
            "开展活动361场，服务时长219小时"
        );
        assert_eq!(tidy("Excel 表格"), "Excel表格");
        assert_eq!(tidy("a b"), "a b");
    }

    #[test]
    fn quotations_nest_in_single_marks() {
        assert_eq!(
            tidy("如“迎“国庆节”文明交通”活动"),
            "如“迎‘国庆节’文明交通”活动"
        );
        assert_eq!(tidy("“一”和“二”"), "“一”和“二”");
    }

    #[test]
    fn hours_have_a_decimal_only_when_there_is_one() {
        assert_eq!(hours(Tenths(2190)), "219");
        assert_eq!(hours(Tenths(2195)), "219.5");
        assert_eq!(hours(Tenths(0)), "0");
    }

    #[test]
    fn closing_marks_take_the_character_before_them_down() {
        assert_eq!(carry_before("开展志愿服务活动", "。"), 1);
        assert_eq!(carry_before("开展志愿服务活动“", "国"), 1);
        // 活 goes down with ”, and then “ would end the line: it goes down too.
        assert_eq!(carry_before("开展志愿服务“活", "”。"), 2);
        assert_eq!(carry_before("开展志愿服务“", "活"), 1);
        assert_eq!(carry_before("开展“活”", "。"), 3);
        assert_eq!(carry_before("活动", "开"), 0);
        assert_eq!(carry_before("。", "。"), 0);
    }
}
