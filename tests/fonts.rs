//! The bundled fonts cover every hanzi of GBK, the rare name characters among them, checked
//! against the fonts' character maps.

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
fn every_gbk_hanzi_has_a_glyph_in_both_weights() {
    let hanzi: Vec<char> = gbk_characters()
        .into_iter()
        .filter(|c| is_hanzi(*c))
        .collect();
    assert!(hanzi.len() > 20_900, "GBK enumerated {} hanzi", hanzi.len());
    for (name, font) in [("Regular", fonts::REGULAR), ("Bold", fonts::BOLD)] {
        let gaps = missing(font, &hanzi);
        assert!(
            gaps.is_empty(),
            "{name} lacks {} hanzi: {:?}",
            gaps.len(),
            &gaps[..gaps.len().min(20)]
        );
    }
}

#[test]
fn every_gbk_character_and_the_rare_name_characters_render() {
    let all = gbk_characters();
    let rare: Vec<char> = "玥喆堃彧昇镕珺犇赟祎旻瑄璟".chars().collect();
    for font in [fonts::REGULAR, fonts::BOLD] {
        assert!(missing(font, &rare).is_empty());
        // Noto Sans CJK has no ≒ (GBK A892, a maths sign); the window falls back to egui's Hack for it.
        let gaps: Vec<char> = missing(font, &all)
            .into_iter()
            .filter(|c| *c != '≒')
            .collect();
        assert!(gaps.is_empty(), "missing GBK symbols: {gaps:?}");
        let ui: Vec<char> = "（）：；，。、“”《》—…★☆✓①②③ ABCxyz0123456789-/"
            .chars()
            .collect();
        assert!(missing(font, &ui).is_empty());
    }
}

#[test]
fn licence_is_shipped() {
    assert!(fonts::LICENSE.contains("SIL OPEN FONT LICENSE Version 1.1"));
}
