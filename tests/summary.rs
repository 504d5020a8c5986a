//! The 工作总结 from example data: its sections and figures in the PDF and the DOCX, every line
//! inside the 公文 text block with 28 characters to a full line, the clerk's text used.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Read;

use volunteer_ledger::domain::period::Period;
use volunteer_ledger::export::pdf::{Faces, Metrics, Op};
use volunteer_ledger::export::summary::{self, Block, layout};
use volunteer_ledger::store::Store;
use volunteer_ledger::store::paperwork::SummaryNarrative;

#[test]
fn the_half_year_summary_has_its_sections_figures_and_the_clerks_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_db(dir.path(), "demo.sqlite", 300, 5);
    let mut store = Store::open(&path).unwrap();
    let mut own = SummaryNarrative {
        period: "2026H1".into(),
        section: "存在的问题".into(),
        body: "一是青年志愿者较少；二是活动宣传不够。".into(),
        ..Default::default()
    };
    store.insert(&mut own).unwrap();
    let period = Period::parse("2026H1").unwrap();
    let report = store.report(&period).unwrap();
    let doc = summary::build(&store, &period, common::today()).unwrap();
    assert_eq!(
        doc.title,
        "滨海新区示范街道办事处2026年上半年志愿服务工作总结"
    );
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "一、基本情况",
            "二、主要工作及成效",
            "三、存在的问题",
            "四、下一步工作打算"
        ]
    );
    let text: String = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading(t) | Block::Subheading(t) | Block::Paragraph(t) => t.clone(),
        })
        .collect();
    assert!(text.contains(&format!("共开展志愿服务活动{}场", report.activities)));
    assert!(text.contains(&format!("{}人次", report.participations)));
    assert!(text.contains(&format!(
        "累计服务时长{}小时",
        volunteer_ledger::domain::prose::hours(report.hours)
    )));
    // Prose as a person writes it: no space between a number and a Chinese character, and a
    // quotation inside a quotation in single marks.
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(3) {
        let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
        assert!(
            !(w[1] == ' '
                && (w[0].is_ascii_digit() && cjk(w[2]) || cjk(w[0]) && w[2].is_ascii_digit())),
            "a space between a number and Chinese: {:?}",
            w.iter().collect::<String>()
        );
    }
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '“' => {
                depth += 1;
                assert_eq!(depth, 1, "“ inside “…”");
            }
            '”' => depth -= 1,
            _ => {}
        }
    }
    assert!(text.contains("常态化开展文明劝导") || text.contains("文明劝导、邻里守望"));
    assert!(
        text.contains("一是青年志愿者较少；二是活动宣传不够。"),
        "the clerk's text"
    );
    assert_eq!(
        doc.appendix.last().unwrap()[1],
        report.activities.to_string()
    );

    // Every line inside the text block; a full line holds 28 characters.
    let faces = Faces::bundled();
    let m = Metrics::of(&faces).unwrap();
    let pages = summary::pages(&doc, &m);
    assert!(pages.len() >= 3);
    // Per line: how many character pitches its glyphs take.
    let mut per_line: std::collections::BTreeMap<(usize, i64), f32> = Default::default();
    for (p, page) in pages.iter().enumerate() {
        for op in page {
            if let Op::Text {
                x,
                y,
                size,
                text,
                bold,
            } = op
            {
                let w = m.width(text, *size, *bold)
                    * if *size == layout::BODY {
                        layout::CHAR / layout::BODY
                    } else {
                        1.0
                    };
                assert!(*x >= layout::LEFT - 0.01, "{text} left of the block");
                assert!(
                    x + w <= layout::LEFT + layout::WIDTH + 0.5,
                    "{text} right of the block"
                );
                if *size != layout::FOLIO {
                    assert!(
                        *y >= layout::TOP - 10.0 && *y <= layout::TOP + layout::HEIGHT,
                        "{text} outside the block"
                    );
                }
                if *size == layout::BODY && text.chars().count() == 1 {
                    *per_line.entry((p, (*y * 10.0) as i64)).or_default() += w / layout::CHAR;
                }
            }
        }
    }
    let full = per_line.values().copied().fold(0.0, f32::max);
    assert!(
        (27.0..=28.01).contains(&full),
        "a full line takes 28 character pitches, not more: {full}"
    );
    // A line of Chinese only that is full has exactly 28 characters.
    assert!(
        per_line.values().any(|w| (w - 28.0).abs() < 0.01),
        "some line is exactly 28 characters wide"
    );
    let lines_on_first_page = per_line.keys().filter(|(p, _)| *p == 0).count();
    assert!(lines_on_first_page <= 22);
    // The line-breaking rules: no line starts with a closing mark or ends with an opening one.
    let mut lines: std::collections::BTreeMap<(usize, i64), Vec<(f32, String)>> =
        Default::default();
    for (p, page) in pages.iter().enumerate() {
        for op in page {
            if let Op::Text {
                x, y, size, text, ..
            } = op
                && *size == layout::BODY
            {
                lines
                    .entry((p, (*y * 10.0) as i64))
                    .or_default()
                    .push((*x, text.clone()));
            }
        }
    }
    let mut checked = 0;
    for glyphs in lines.values_mut() {
        glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let line: String = glyphs.iter().map(|g| g.1.as_str()).collect();
        let line = line.trim_start_matches('\u{3000}');
        let (Some(first), Some(last)) = (line.chars().next(), line.chars().last()) else {
            continue;
        };
        assert!(
            !volunteer_ledger::domain::prose::CLOSING.contains(first),
            "a line starts with {first}: {line}"
        );
        assert!(
            !volunteer_ledger::domain::prose::OPENING.contains(last),
            "a line ends with {last}: {line}"
        );
        checked += 1;
    }
    assert!(checked > 30, "{checked} lines");
    // The title breaks after the unit's name, not inside a word.
    let title: Vec<String> = pages[0]
        .iter()
        .filter_map(|op| match op {
            Op::Text { size, text, .. } if *size == layout::TITLE => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        title,
        ["滨海新区示范街道办事处", "2026年上半年志愿服务工作总结"]
    );

    // The PDF and the DOCX hold the same sections and figures.
    let pdf = dir.path().join("总结.pdf");
    summary::write(&doc, &pdf).unwrap();
    let extracted = pdf_extract::extract_text(&pdf).unwrap();
    // Read back line by line: no line of the PDF starts with a closing mark or ends with an
    // opening one.
    let mut read_lines = 0;
    for line in extracted.lines() {
        let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        let (Some(first), Some(last)) = (line.chars().next(), line.chars().last()) else {
            continue;
        };
        assert!(
            !volunteer_ledger::domain::prose::CLOSING.contains(first),
            "pdf line starts with {first}: {line}"
        );
        assert!(
            !volunteer_ledger::domain::prose::OPENING.contains(last),
            "pdf line ends with {last}: {line}"
        );
        read_lines += 1;
    }
    assert!(read_lines > 30, "{read_lines} lines read back");
    let pdf_text: String = extracted.chars().filter(|c| !c.is_whitespace()).collect();
    let docx = dir.path().join("总结.docx");
    summary::write(&doc, &docx).unwrap();
    let mut xml = String::new();
    zip::ZipArchive::new(std::fs::File::open(&docx).unwrap())
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    for needle in [
        "一、基本情况",
        "三、存在的问题",
        "四、下一步工作打算",
        "附件",
        &report.activities.to_string(),
        &volunteer_ledger::domain::prose::hours(report.hours),
    ] {
        assert!(pdf_text.contains(needle), "pdf: {needle}");
        assert!(xml.contains(needle), "docx: {needle}");
    }
    // No space between a number and a Chinese character in the DOCX's text runs either.
    let runs: Vec<&str> = xml
        .split("<w:t")
        .skip(1)
        .filter_map(|r| r.split_once('>').and_then(|(_, t)| t.split_once("</w:t>")))
        .map(|(t, _)| t)
        .collect();
    assert!(runs.len() > 20);
    for run in runs {
        let chars: Vec<char> = run.chars().collect();
        for w in chars.windows(3) {
            let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
            assert!(
                !(w[1] == ' '
                    && (w[0].is_ascii_digit() && cjk(w[2]) || cjk(w[0]) && w[2].is_ascii_digit())),
                "docx: a space between a number and Chinese in {run:?}"
            );
        }
    }
    for font in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(xml.contains(font), "docx names {font}");
    }
    assert!(
        xml.contains("w:top=\"2098\"") && xml.contains("w:left=\"1587\""),
        "37/28 mm"
    );
    assert!(pdf_text.contains("—1—"), "page numbers");
    // Page numbers at the outer edge: odd pages right, even pages left.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(part("word/settings.xml").contains("evenAndOddHeaders"));
    let footers: Vec<String> = (1..=2)
        .map(|i| part(&format!("word/footer{i}.xml")))
        .collect();
    assert!(
        footers.iter().any(|f| f.contains("w:val=\"right\"")),
        "{footers:?}"
    );
    assert!(footers.iter().any(|f| f.contains("w:val=\"left\"")));
    assert!(
        xml.contains("w:type=\"even\""),
        "the even footer is referenced"
    );
}
