//! One name for one thing: the notice's word where it has one. What the UI, the messages and
//! the documents call these things; a test keeps every string of the program to these words.

/// (the word used, the words not used for the same thing).
pub const TERMS: &[(&str, &[&str])] = &[
    ("学雷锋志愿服务日", &["学雷锋日"]),
    ("重要时间节点", &["主题节点", "重要节点"]),
    ("服务对象人次", &["服务人次"]),
    ("活动名称", &["活动标题"]),
    ("开展情况", &["合规"]),
    ("服务时长（小时）", &["十小时"]),
];

/// The words not used, with the word to use instead, found in `text`.
pub fn misused(text: &str) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    for (word, avoided) in TERMS {
        for a in *avoided {
            if text.contains(a) {
                out.push((*a, *word));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string literal of the program's code (comments aside) keeps to the glossary; an
    /// activity's name is 活动名称, an information report's 信息标题 (no bare 标题).
    #[test]
    fn the_program_uses_only_the_glossarys_words() {
        let mut stack = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("glossary.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let code = line.trim_start();
                    if code.starts_with("//") {
                        continue;
                    }
                    // Only what is inside string literals.
                    for (i, part) in code.split('"').enumerate() {
                        if i % 2 == 0 {
                            continue;
                        }
                        for (bad, good) in misused(part) {
                            found.push(format!("{}:{}: “{bad}” → “{good}”", path.display(), n + 1));
                        }
                        if part.contains("标题") && !part.contains("信息标题") {
                            found.push(format!("{}:{}: bare 标题", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        assert!(found.is_empty(), "{}", found.join("\n"));
    }

    #[test]
    fn misused_words_are_named_with_the_word_to_use() {
        assert_eq!(
            misused("生成全年学雷锋日"),
            [("学雷锋日", "学雷锋志愿服务日")]
        );
        assert!(misused("学雷锋志愿服务日 重要时间节点 服务对象人次").is_empty());
    }
}
