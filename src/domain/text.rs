//! Text a person can read: names and numbers hold no control, zero-width or direction
//! characters (`张\u{200b}三` looks like 张三 but is another name), and no text holds NUL.
//! One rule for the forms, the roster import and the exchange packages.

/// Why a character cannot stand in a name or number, if it cannot.
fn hidden(c: char) -> Option<&'static str> {
    match c {
        '\0' => Some("空字符（NUL）"),
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{180e}' | '\u{00ad}' => {
            Some("看不见的零宽字符")
        }
        '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061c}' => Some("改变文字方向的控制字符"),
        c if c.is_control() => Some("控制字符"),
        '\u{e000}'..='\u{f8ff}' => Some("私用区字符（换台电脑就显示不出）"),
        _ => None,
    }
}

/// Whether a character is one a name or number cannot hold.
pub fn is_hidden(c: char) -> bool {
    hidden(c).is_some()
}

/// Checks a name or number: `None` when every character can be read, otherwise a Chinese
/// sentence naming the character and its place (1-based).
pub fn unreadable(text: &str) -> Option<String> {
    text.chars().enumerate().find_map(|(i, c)| {
        hidden(c).map(|what| format!("第 {} 个字符是{what}（U+{:04X}），不能用", i + 1, c as u32))
    })
}

/// Checks free text (备注, 活动内容): line breaks and tabs are allowed, the rest as for names.
pub fn unreadable_prose(text: &str) -> Option<String> {
    text.chars().enumerate().find_map(|(i, c)| {
        if matches!(c, '\n' | '\r' | '\t') {
            return None;
        }
        hidden(c).map(|what| format!("第 {} 个字符是{what}（U+{:04X}），不能用", i + 1, c as u32))
    })
}

/// The text in capitals, borrowed when it has no letter to change (lookups of typed keys).
pub fn upper(text: &str) -> std::borrow::Cow<'_, str> {
    let unchanged = text.chars().all(|c| {
        let mut up = c.to_uppercase();
        up.next() == Some(c) && up.next().is_none()
    });
    if unchanged {
        text.into()
    } else {
        text.to_uppercase().into()
    }
}

/// Text for a terminal or a one-line message: control characters (escape codes) shown as
/// their code instead of acting on the screen.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c).is_some() {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_named_with_their_place() {
        assert_eq!(unreadable("张玥"), None);
        assert_eq!(unreadable("Li Lei·Smith"), None);
        let e = unreadable("张\u{200b}三").unwrap();
        assert!(e.contains("第 2 个字符") && e.contains("零宽"), "{e}");
        assert!(unreadable("\u{202e}三张").unwrap().contains("方向"));
        assert!(unreadable("张\0").unwrap().contains("NUL"));
        assert!(unreadable("a\u{1b}[31m").unwrap().contains("控制字符"));
        assert!(unreadable("张\n三").is_some());
        assert_eq!(unreadable_prose("第一行\r\n第二行\t完"), None);
        assert!(unreadable_prose("备\u{200f}注").is_some());
    }

    #[test]
    fn printable_shows_escape_codes_as_codes() {
        assert_eq!(printable("站\u{1b}[2J点"), "站<U+001B>[2J点");
        assert_eq!(printable("东沽社区"), "东沽社区");
    }
}
