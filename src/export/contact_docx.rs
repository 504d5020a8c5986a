//! The 联络表 as a Word document: a real table (editable in Word and WPS) with the header rows
//! repeated on every page and rows that do not split, fonts named so Windows uses 方正小标宋 for
//! the title (where installed) and 宋体 for the text, page numbers in the footer.

use docx_rs::{
    AlignmentType, Docx, PageMargin, PageOrientationType, Paragraph, Run, RunFonts, Table,
    TableCellMargins, TableLayoutType, TableRow, VMergeType, WidthType,
};

use super::contact_form::{ContactFormData, FIELDS, TITLE};
use super::docx::{A4, HEADER_HEIGHT, cell, head, pack, page_numbers, run, text};
use crate::store::Result;

/// The document's bytes.
pub fn docx(data: &ContactFormData) -> Result<Vec<u8>> {
    let title = Paragraph::new()
        .add_run(
            Run::new()
                .add_text(TITLE)
                // 小二 = 18 pt.
                .size(36)
                .bold()
                .fonts(
                    RunFonts::new()
                        .east_asia("方正小标宋简体")
                        .ascii("方正小标宋简体"),
                ),
        )
        .align(AlignmentType::Center);
    let lines = Paragraph::new()
        .add_run(run(&data.issuer_line(), 24, false))
        .add_run(run("        ", 24, false))
        .add_run(run(&data.date_line(), 24, false));
    let footer = page_numbers();
    // 2 cm around one unit's form; 1.27 cm around the wide table.
    let side = if data.is_single() { 1134 } else { 720 };
    let margin = PageMargin::new()
        .top(side)
        .bottom(side)
        .left(side)
        .right(side);
    let mut doc = Docx::new().footer(footer).page_margin(margin);
    let table = if data.is_single() {
        doc = doc.page_size(A4.0, A4.1);
        let widths = [900, 2900, 5800];
        let mut rows = vec![
            TableRow::new(vec![
                head("序号", widths[0]),
                head("项目", widths[1]),
                head("内容", widths[2]),
            ])
            .row_height(HEADER_HEIGHT),
        ];
        for (n, label, value) in data.single_rows() {
            rows.push(
                TableRow::new(vec![
                    cell(&n, false, widths[0]),
                    cell(&label, false, widths[1]),
                    cell(&value, false, widths[2]),
                ])
                .cant_split()
                .row_height(460.0),
            );
        }
        Table::new(rows)
            .set_grid(widths.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(widths.iter().sum(), WidthType::Dxa)
    } else {
        doc = doc
            .page_size(A4.1, A4.0)
            .page_orient(PageOrientationType::Landscape);
        // 序号, 单位名称, then the twelve fields.
        // Phones and e-mail addresses on one line in 宋体 五号 (half-width digits).
        let widths: Vec<usize> = vec![
            440, 1400, 760, 760, 1500, 1400, 800, 760, 620, 1500, 1400, 1500, 1800, 500,
        ];
        let mut top = vec![
            head("序号", widths[0]).vertical_merge(VMergeType::Restart),
            head("单位名称", widths[1]).vertical_merge(VMergeType::Restart),
        ];
        let mut second = vec![
            head("", widths[0]).vertical_merge(VMergeType::Continue),
            head("", widths[1]).vertical_merge(VMergeType::Continue),
        ];
        let mut c = 0;
        while c < FIELDS.len() {
            let group = FIELDS[c].0;
            let span = FIELDS[c..].iter().take_while(|f| f.0 == group).count();
            let width: usize = widths[c + 2..c + 2 + span].iter().sum();
            if group.is_empty() || span == 1 {
                let label = if group.is_empty() { FIELDS[c].1 } else { group };
                top.push(head(label, width).vertical_merge(VMergeType::Restart));
                second.push(head("", width).vertical_merge(VMergeType::Continue));
            } else {
                top.push(head(group, width).grid_span(span));
                for (i, f) in FIELDS[c..c + span].iter().enumerate() {
                    second.push(head(f.1, widths[c + 2 + i]));
                }
            }
            c += span;
        }
        let mut rows = vec![
            TableRow::new(top).row_height(HEADER_HEIGHT),
            TableRow::new(second).row_height(HEADER_HEIGHT),
        ];
        for (i, line) in data.lines.iter().enumerate() {
            let mut cells = vec![
                cell(&(i + 1).to_string(), false, widths[0]),
                cell(&line.unit, false, widths[1]),
            ];
            for (j, v) in line.values.iter().enumerate() {
                cells.push(cell(v, false, widths[j + 2]));
            }
            rows.push(TableRow::new(cells).cant_split());
        }
        let total = widths.iter().sum();
        Table::new(rows)
            .set_grid(widths)
            .layout(TableLayoutType::Fixed)
            .width(total, WidthType::Dxa)
            .margins(
                TableCellMargins::new()
                    .margin_left(60, WidthType::Dxa)
                    .margin_right(60, WidthType::Dxa),
            )
    };
    doc = doc
        .add_paragraph(title)
        .add_paragraph(lines)
        .add_table(table)
        .add_paragraph(text("", false))
        .add_paragraph(text(&data.note, false));
    pack(doc)
}
