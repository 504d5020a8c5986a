//! The bundled Regular face covers every hanzi of GBK, the rare name characters among them; the
//! Bold face (headings and titles) covers the common hanzi and the program's own strings, and a
//! character it lacks is drawn in the Regular face — checked against the character maps and in
//! a PDF read back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use volunteer_ledger::export::fonts;

/// Every character GBK encodes in two bytes, without the user-defined (private-use) areas,
/// which have no standard glyphs.
fn gbk_characters() -> Vec<char> {
    let mut out = Vec::new();
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0x7E).chain(0x80..=0xFE) {
            let bytes = [lead, trail];
            let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            if had_errors {
                continue;
            }
            let mut chars = text.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && !('\u{E000}'..='\u{F8FF}').contains(&c)
            {
                out.push(c);
            }
        }
    }
    out
}

fn is_hanzi(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn missing(font: &[u8], chars: &[char]) -> Vec<char> {
    let face = ttf_parser::Face::parse(font, 0).unwrap();
    chars
        .iter()
        .copied()
        .filter(|c| face.glyph_index(*c).is_none())
        .collect()
}

#[test]
fn every_gbk_hanzi_has_a_glyph_in_the_regular_face() {
    let hanzi: Vec<char> = gbk_characters()
        .into_iter()
        .filter(|c| is_hanzi(*c))
        .collect();
    assert!(hanzi.len() > 20_900, "GBK enumerated {} hanzi", hanzi.len());
    let gaps = missing(fonts::REGULAR, &hanzi);
    assert!(
        gaps.is_empty(),
        "Regular lacks {} hanzi: {:?}",
        gaps.len(),
        &gaps[..gaps.len().min(20)]
    );
}

/// The 3,755 common hanzi of GB2312 level 1.
fn gb2312_level1() -> Vec<char> {
    let mut out = Vec::new();
    for lead in 0xB0u8..=0xD7 {
        for trail in 0xA1u8..=0xFE {
            let bytes = [lead, trail];
            let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            if !had_errors
                && let Some(c) = text.chars().next()
                && !('\u{E000}'..='\u{F8FF}').contains(&c)
            {
                out.push(c);
            }
        }
    }
    out
}

#[test]
fn the_bold_face_has_the_common_hanzi_and_every_character_of_the_programs_strings() {
    let common = gb2312_level1();
    assert!(common.len() >= 3755, "{}", common.len());
    assert_eq!(missing(fonts::BOLD, &common), Vec::<char>::new());
    // Every character of the program's own sources (labels, headings, document titles).
    let mut own: Vec<char> = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                own.extend(
                    std::fs::read_to_string(&path)
                        .unwrap()
                        .chars()
                        .filter(|c| is_hanzi(*c)),
                );
            }
        }
    }
    own.sort_unstable();
    own.dedup();
    assert!(own.len() > 800, "{}", own.len());
    let gaps = missing(fonts::BOLD, &own);
    assert!(
        gaps.is_empty(),
        "the bold face lacks characters the program uses: {gaps:?} (run tools/make_fonts.py)"
    );
}

#[test]
fn every_gbk_character_and_the_rare_name_characters_render() {
    let all = gbk_characters();
    let rare: Vec<char> = "玥喆堃彧昇镕珺犇赟祎旻瑄璟".chars().collect();
    assert!(missing(fonts::REGULAR, &rare).is_empty());
    // Noto Sans CJK has no ≒ (GBK A892, a maths sign); the window falls back to egui's Hack for it.
    let gaps: Vec<char> = missing(fonts::REGULAR, &all)
        .into_iter()
        .filter(|c| *c != '≒')
        .collect();
    assert!(gaps.is_empty(), "missing GBK symbols: {gaps:?}");
    let ui: Vec<char> = "（）：；，。、“”《》—…★☆✓①②③ ABCxyz0123456789-/"
        .chars()
        .collect();
    for font in [fonts::REGULAR, fonts::BOLD] {
        assert!(missing(font, &ui).is_empty());
    }
}

#[test]
fn a_rare_name_in_a_bold_title_is_drawn_in_the_regular_face_not_as_a_box() {
    use volunteer_ledger::export::pdf::{self, Metrics, Op};
    let m = Metrics::new().unwrap();
    // 婍 is in GBK but neither common nor in the program's strings.
    let title = "王婍同志志愿服务记录";
    assert!(
        !missing(fonts::BOLD, &['婍']).is_empty(),
        "the bold subset lacks 婍"
    );
    assert!(missing(fonts::REGULAR, &['婍']).is_empty());
    let runs = m.face_runs(title, true);
    assert_eq!(
        runs,
        vec![(true, "王"), (false, "婍"), (true, "同志志愿服务记录")]
    );
    assert_eq!(m.face_runs(title, false), vec![(false, title)]);
    let bytes = pdf::render(
        &[vec![Op::Text {
            x: 72.0,
            y: 72.0,
            size: 22.0,
            bold: true,
            text: title.into(),
        }]],
        pdf::A4,
    )
    .unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(compact.contains(title), "{text:?}");
}

#[test]
fn licence_is_shipped() {
    assert!(fonts::LICENSE.contains("SIL OPEN FONT LICENSE Version 1.1"));
}
