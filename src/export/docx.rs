//! What every Word document shares: 宋体 runs, table cells, header rows repeated on every page
//! (docx-rs has no switch for `w:tblHeader`, so header rows carry a marker height that is
//! replaced in the XML), page numbers `第 N 页 共 M 页` in the footer, and the packing.

use docx_rs::{
    AlignmentType, Docx, Footer, NumPages, PageNum, Paragraph, Run, RunFonts, TableCell,
    VAlignType, WidthType,
};

use crate::store::{Result, StoreError};

/// A4 in twentieths of a point.
pub const A4: (u32, u32) = (11906, 16838);
/// Header rows carry this height so the document XML can mark them as repeated headers
/// (docx-rs has no switch for `w:tblHeader`).
pub const HEADER_HEIGHT: f32 = 571.0;

pub fn run(text: &str, size_half_points: usize, bold: bool) -> Run {
    let run = Run::new().add_text(text).size(size_half_points).fonts(
        RunFonts::new()
            .east_asia("宋体")
            .ascii("Times New Roman")
            .hi_ansi("Times New Roman"),
    );
    if bold { run.bold() } else { run }
}

pub fn text(text: &str, bold: bool) -> Paragraph {
    // 五号 = 10.5 pt = 21 half-points.
    Paragraph::new().add_run(run(text, 21, bold))
}

pub fn cell(content: &str, bold: bool, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(text(content, bold))
        .vertical_align(VAlignType::Center)
        .width(width, WidthType::Dxa)
}

pub fn head(content: &str, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(text(content, true).align(AlignmentType::Center))
        .vertical_align(VAlignType::Center)
        .width(width, WidthType::Dxa)
}

/// A document's title: 小二 (18 pt) bold, centred, in 方正小标宋简体 where Windows has it.
pub fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(
            Run::new().add_text(text).size(36).bold().fonts(
                RunFonts::new()
                    .east_asia("方正小标宋简体")
                    .ascii("方正小标宋简体"),
            ),
        )
        .align(AlignmentType::Center)
}

/// The footer: 第 N 页 共 M 页, centred.
pub fn page_numbers() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(run("第 ", 21, false))
            .add_page_num(PageNum::new())
            .add_run(run(" 页 共 ", 21, false))
            .add_num_pages(NumPages::new())
            .add_run(run(" 页", 21, false))
            .align(AlignmentType::Center),
    )
}

/// The document's bytes, its header rows (those `HEADER_HEIGHT` high) marked to repeat on
/// every page.
pub fn pack(doc: Docx) -> Result<Vec<u8>> {
    let mut xml = doc.build();
    let document = String::from_utf8_lossy(&xml.document).into_owned();
    let marker = format!("<w:trHeight w:val=\"{HEADER_HEIGHT}\"");
    if !document.contains(&marker) {
        return Err(StoreError::Refused(
            "生成 Word 文件失败：表头行标记未找到".into(),
        ));
    }
    xml.document = document
        .replace(
            &marker,
            &format!("<w:tblHeader /><w:trHeight w:val=\"{HEADER_HEIGHT}\""),
        )
        .into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| StoreError::Refused(format!("生成 Word 文件失败：{e}")))?;
    Ok(out.into_inner())
}
