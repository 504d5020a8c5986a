//! 签到表 as a Word document: A4 landscape, a real table whose header repeats on every page,
//! rows tall enough to sign in.

use docx_rs::{Docx, PageMargin, PageOrientationType, Table, TableLayoutType, TableRow, WidthType};

use super::docx::{A4, HEADER_HEIGHT, cell, head, pack, page_numbers, text, title};
use super::sign_in::{COLUMNS, SignInSheet, blank_rows};
use crate::store::Result;

/// The document's bytes.
pub fn docx(data: &SignInSheet) -> Result<Vec<u8>> {
    let title = title(data.title);
    // 1.5 cm margins on A4 landscape: 26.7 cm of width.
    let margin = PageMargin::new().top(850).bottom(850).left(850).right(850);
    let total = A4.1 as f32 - 1700.0;
    let widths: Vec<usize> = COLUMNS.iter().map(|(_, f)| (f * total) as usize).collect();
    let mut rows = vec![
        TableRow::new(
            COLUMNS
                .iter()
                .zip(&widths)
                .map(|((h, _), w)| head(h, *w))
                .collect(),
        )
        .row_height(HEADER_HEIGHT),
    ];
    for row in data.rows(blank_rows(data)) {
        rows.push(
            TableRow::new(
                row.iter()
                    .zip(&widths)
                    .map(|(t, w)| cell(t, false, *w))
                    .collect(),
            )
            .cant_split()
            .row_height(567.0),
        );
    }
    let table = Table::new(rows)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa);
    let [first, second] = &data.heading;
    let doc = Docx::new()
        .page_size(A4.1, A4.0)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(margin)
        .footer(page_numbers())
        .add_paragraph(title)
        .add_paragraph(text(first, false))
        .add_paragraph(text(second, false))
        .add_table(table);
    pack(doc)
}
