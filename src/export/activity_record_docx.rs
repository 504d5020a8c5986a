//! 活动记录表 as a Word document: the same fields and participants' table as the PDF, a real
//! table whose header repeats on every page and whose rows do not split.

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Pic, Run, Table, TableLayoutType, TableRow,
    WidthType,
};

use super::activity_record::{HEADERS, Photo, RecordSheet, TITLE};
use super::docx::{A4, HEADER_HEIGHT, cell, head, pack, page_numbers, text, title};
use crate::store::Result;

/// The document's bytes.
pub fn docx(data: &RecordSheet) -> Result<Vec<u8>> {
    let title = title(TITLE);
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
    let mut doc = Docx::new()
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
        .add_paragraph(text("", false));
    if !data.photos.is_empty() {
        doc = doc.add_paragraph(text(&format!("活动照片（{} 张）", data.photos.len()), true));
        for p in &data.photos {
            match picture(p) {
                Some(pic) => {
                    doc = doc
                        .add_paragraph(
                            Paragraph::new()
                                .add_run(Run::new().add_image(pic))
                                .align(AlignmentType::Center),
                        )
                        .add_paragraph(text(&p.name, false).align(AlignmentType::Center));
                }
                None => {
                    doc = doc.add_paragraph(text(&format!("{}（无法显示）", p.name), false));
                }
            }
        }
        doc = doc.add_paragraph(text("", false));
    }
    doc = doc.add_paragraph(text(&data.materials_line(), false));
    if let Some(line) = data.unshown_line() {
        doc = doc.add_paragraph(text(&line, false));
    }
    doc = doc
        .add_paragraph(text("", false))
        .add_paragraph(text(&data.sign_line(), false));
    pack(doc)
}

/// A photo for Word: PNG as it is, JPEG made a PNG of at most 1600 pixels a side; at most
/// 12 cm wide and 9 cm high on the page. `None` when it does not decode.
fn picture(p: &Photo) -> Option<Pic> {
    let png = if p.jpeg {
        let img = image::load_from_memory_with_format(&p.bytes, image::ImageFormat::Jpeg).ok()?;
        let img = if img.width() > 1600 || img.height() > 1600 {
            img.thumbnail(1600, 1600)
        } else {
            img
        };
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).ok()?;
        out.into_inner()
    } else {
        p.bytes.to_vec()
    };
    let (w, h) = p.size;
    // EMU: 360,000 to the centimetre.
    let scale = (12.0 * 360_000.0 / w.max(1) as f64).min(9.0 * 360_000.0 / h.max(1) as f64);
    Some(
        Pic::new_with_dimensions(png, w, h)
            .size((w as f64 * scale) as u32, (h as f64 * scale) as u32),
    )
}
