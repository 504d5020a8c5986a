//! No panic on any input: the parsers of periods, dates, identity numbers, phones and e-mail
//! addresses, and masking, over a bounded corpus of generated text — Chinese and full-width
//! characters, digits, signs, control and zero-width characters, at every length up to 24 —
//! plus the inputs that once panicked. Each either parses or says why in Chinese.

use chrono::NaiveDate;
use volunteer_ledger::domain::{dates, id_number, period::Period, phone};

/// Characters the corpus is made of.
const ALPHABET: &[char] = &[
    '0', '1', '2', '9', '-', '.', '/', 'H', 'Q', 'h', 'q', 'X', 'x', ' ', '年', '月', '日', '半',
    '２', '０', '６', '－', '．', '／', '　', '\u{200b}', '\u{202e}', '\u{0}', '\t', '\n', '张',
    '犇', '😀', 'é', '@', '_', '+', '（', '）',
];

/// A small deterministic generator (no dependency, the same corpus every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

fn corpus() -> Vec<String> {
    let mut out: Vec<String> = [
        "202年",
        "２０２６",
        "2026Ｈ1",
        "2026H１",
        "年2026",
        "2026-",
        "-03",
        "..",
        "2026..",
        "..2026-01-01",
        "2026-01-01..２０２６-０３-３１",
        "20261",
        "2026H",
        "2026Q5",
        "2026-13",
        "2026年3月",
        "2026年3月5日",
        "二〇二六年",
        "1100000000000000000",
        "12010119900307123",
        "120101199003071235",
        "12010119900307123X",
        "12010119900307123x",
        "120101900307123",
        "1381234567８",
        "022-6581350９",
        "a@b",
        "@",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut g = Lcg(20_261_202);
    for len in 0..=24 {
        for _ in 0..400 {
            out.push((0..len).map(|_| ALPHABET[g.next(ALPHABET.len())]).collect());
        }
    }
    out
}

#[test]
fn the_parsers_never_panic_and_every_refusal_is_chinese() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let corpus = corpus();
    assert!(corpus.len() > 10_000);
    for text in &corpus {
        match Period::parse(text) {
            Ok(p) => assert!(p.from <= p.to, "{text:?}"),
            Err(e) => assert!(cjk(&e.to_string()), "{text:?}: {e}"),
        }
        if let Err(e) = dates::parse(text) {
            assert!(cjk(&e.to_string()), "{text:?}: {e}");
        }
        if let Err(e) = id_number::parse(text, today) {
            assert!(cjk(&e.to_string()), "{text:?}: {e}");
        }
        let _ = id_number::mask(text);
        let _ = id_number::check_char(text);
        if let Err(e) = phone::validate_mobile(text) {
            assert!(cjk(&e.to_string()), "{text:?}: {e}");
        }
        if let Err(e) = phone::validate_landline(text) {
            assert!(cjk(&e.to_string()), "{text:?}: {e}");
        }
        if let Err(e) = phone::validate_email(text) {
            assert!(cjk(e), "{text:?}: {e}");
        }
    }
}

#[test]
fn a_period_with_chinese_or_full_width_characters_is_refused_by_the_command_line() {
    for period in ["202年", "２０２６", "2026Ｈ1"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.sqlite");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_volunteer-ledger"))
            .args(["--db", db.to_str().unwrap(), "report", "--period", period])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{period}");
        assert!(!err.contains("panicked"), "{period}: {err}");
        assert!(err.contains("错误"), "{period}: {err}");
    }
}
