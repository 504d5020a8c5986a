//! 活动记录表 as a Word document: the same fields and participants' table as the PDF, a real
//! table whose header repeats on every page and whose rows do not split.

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Table, TableLayoutType, TableRow,
    WidthType,
};

use super::activity_record::{HEADERS, RecordSheet, TITLE};
use super::docx::{A4, HEADER_HEIGHT, cell, head, pack, page_numbers, text};
use crate::store::Result;

/// The document's bytes.
pub fn docx(data: &RecordSheet) -> Result<Vec<u8>> {
    let title = Paragraph::new()
        .add_run(
            Run::new().add_text(TITLE).size(36).bold().fonts(
                RunFonts::new()
                    .east_asia("方正小标宋简体")
                    .ascii("方正小标宋简体"),
            ),
        )
        .align(AlignmentType::Center);
    let margin = PageMargin::new()
        .top(1134)
        .bottom(1134)
        .left(1134)
        .right(1134);
    // 17 cm of text width in twips.
    let fields_w = [1900, 7738];
    let fields = Table::new(
        data.fields()
            .into_iter()
            .map(|(label, value)| {
                TableRow::new(vec![
                    head(label, fields_w[0]),
                    cell(&value, false, fields_w[1]),
                ])
                .cant_split()
            })
            .collect(),
    )
    .set_grid(fields_w.to_vec())
    .layout(TableLayoutType::Fixed)
    .width(fields_w.iter().sum(), WidthType::Dxa);
    let widths = [800, 1700, 1900, 2200, 3038];
    let mut rows = vec![
        TableRow::new(
            HEADERS
                .iter()
                .zip(widths)
                .map(|(h, w)| head(h, w))
                .collect(),
        )
        .row_height(HEADER_HEIGHT),
    ];
    for row in data.rows() {
        rows.push(
            TableRow::new(
                row.iter()
                    .zip(widths)
                    .map(|(t, w)| cell(t, false, w))
                    .collect(),
            )
            .cant_split(),
        );
    }
    let people = Table::new(rows)
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa);
    let doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margin)
        .footer(page_numbers())
        .add_paragraph(title)
        .add_paragraph(text(&format!("单位：{}", data.unit), false))
        .add_table(fields)
        .add_paragraph(text("", false))
        .add_paragraph(text(
            &format!(
                "参与志愿者（{} 人，服务时长合计 {} 小时）",
                data.lines.len(),
                data.total()
            ),
            true,
        ))
        .add_table(people)
        .add_paragraph(text("", false))
        .add_paragraph(text(&data.materials_line(), false))
        .add_paragraph(text("", false))
        .add_paragraph(text(&data.sign_line(), false));
    pack(doc)
}
