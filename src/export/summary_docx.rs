//! The 工作总结 as an editable Word document laid out as a 公文: A4, margins 37 mm top and
//! 28 mm left around a 156 × 225 mm text block, exact line pitch for 22 lines, title in
//! 方正小标宋简体 2号, body in 仿宋_GB2312 3号, headings 一、 in 黑体 and （一） in 楷体_GB2312,
//! page numbers — 1 — in 4号宋体, the appendix table on its own page.

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, LineSpacingType, PageMargin, PageNum,
    Paragraph, Run, RunFonts, Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::summary::{Block, SummaryDoc};
use crate::domain::dates::chinese;
use crate::store::{Result, StoreError};

/// Twentieths of a point in a millimetre.
const TWIP_MM: f32 = 56.692_9;

fn mm(v: f32) -> i32 {
    (v * TWIP_MM).round() as i32
}

fn run(text: &str, font: &str, half_points: usize) -> Run {
    Run::new().add_text(text).size(half_points).fonts(
        RunFonts::new()
            .east_asia(font)
            .ascii("Times New Roman")
            .hi_ansi("Times New Roman"),
    )
}

/// Exactly 22 lines in the 225 mm block.
fn pitch() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(mm(225.0 / 22.0))
}

fn body(text: &str, font: &str, indent: bool) -> Paragraph {
    let p = Paragraph::new()
        .add_run(run(text, font, 32))
        .line_spacing(pitch())
        .align(AlignmentType::Both);
    if indent {
        // Two characters of 3号 (16 pt = 320 twips).
        p.indent(
            None,
            Some(docx_rs::SpecialIndentType::FirstLine(640)),
            None,
            None,
        )
    } else {
        p
    }
}

/// The document's bytes.
pub fn docx(doc: &SummaryDoc) -> Result<Vec<u8>> {
    // GB/T 9704: — N — in 4号 at the outer edge, one character in: right on odd pages, left
    // on even ones.
    let folio = |odd: bool| {
        let p = Paragraph::new()
            .add_run(run("— ", "宋体", 28))
            .add_page_num(PageNum::new())
            .add_run(run(" —", "宋体", 28));
        let p = if odd {
            p.align(AlignmentType::Right)
                .indent(None, None, Some(280), None)
        } else {
            p.align(AlignmentType::Left)
                .indent(Some(280), None, None, None)
        };
        Footer::new().add_paragraph(p)
    };
    let margin = PageMargin::new()
        .top(mm(37.0))
        .left(mm(28.0))
        .right(mm(210.0 - 28.0 - 156.0))
        .bottom(mm(297.0 - 37.0 - 225.0))
        .footer(mm(297.0 - 37.0 - 225.0 - 7.0));
    let mut d = Docx::new()
        .page_size(11906, 16838)
        .page_margin(margin)
        .footer(folio(true))
        .even_footer(folio(false))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&doc.title, "方正小标宋简体", 44))
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Exact)
                        .line(mm(225.0 / 22.0 * 1.5)),
                )
                .align(AlignmentType::Center),
        )
        .add_paragraph(body("", "仿宋_GB2312", false));
    for block in &doc.blocks {
        d = d.add_paragraph(match block {
            Block::Heading(t) => body(t, "黑体", true),
            Block::Subheading(t) => body(t, "楷体_GB2312", true),
            Block::Paragraph(t) => body(t, "仿宋_GB2312", true),
        });
    }
    d = d.add_paragraph(body("", "仿宋_GB2312", false));
    for t in [doc.unit.clone(), chinese(doc.date)] {
        d = d.add_paragraph(
            body(&t, "仿宋_GB2312", false)
                .align(AlignmentType::Right)
                .indent(None, None, Some(1280), None),
        );
    }
    // The appendix on a new page.
    d = d.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_break(BreakType::Page))
            .add_run(run("附件", "黑体", 32))
            .line_spacing(pitch()),
    );
    d = d.add_paragraph(
        body("志愿服务活动分类统计表", "方正小标宋简体", false).align(AlignmentType::Center),
    );
    let widths = [3540usize, 1770, 1770, 1770];
    let cell = |t: &str, w: usize, centre: bool| {
        let p = Paragraph::new().add_run(run(t, "仿宋_GB2312", 28));
        TableCell::new()
            .add_paragraph(if centre {
                p.align(AlignmentType::Center)
            } else {
                p
            })
            .vertical_align(VAlignType::Center)
            .width(w, WidthType::Dxa)
    };
    let mut rows = vec![TableRow::new(
        ["类别", "活动（场）", "参与（人次）", "时长（小时）"]
            .iter()
            .zip(widths)
            .map(|(t, w)| cell(t, w, true))
            .collect(),
    )];
    for r in &doc.appendix {
        rows.push(
            TableRow::new(
                r.iter()
                    .zip(widths)
                    .enumerate()
                    .map(|(i, (t, w))| cell(t, w, i > 0))
                    .collect(),
            )
            .cant_split(),
        );
    }
    d = d.add_table(
        Table::new(rows)
            .set_grid(widths.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(widths.iter().sum(), WidthType::Dxa),
    );
    let mut out = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| StoreError::Refused(format!("生成 Word 文件失败：{e}")))?;
    Ok(out.into_inner())
}
