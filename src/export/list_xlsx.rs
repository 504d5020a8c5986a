//! A register's list as an Excel workbook: a title, a line saying what it holds, the headers
//! (repeated on every printed page) and the rows, every cell as text, A4 landscape.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// A further sheet: its name, columns and rows.
pub type More<'a> = (&'a str, &'a [(&'a str, f32)], &'a [Vec<String>]);

/// The workbook's bytes: a sheet named `sheet` with `title` over it and `note` under the
/// title, then `columns` (header, width in points) and `rows`; then `more`, if any, as a
/// second sheet laid out the same way.
pub fn xlsx(
    (sheet, title, note): (&str, &str, &str),
    columns: &[(&str, f32)],
    rows: &[Vec<String>],
    more: Option<More<'_>>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    write_sheet(&mut book, (sheet, title, note), columns, rows)?;
    if let Some((name, columns, rows)) = more {
        let title = format!("{title}（{name}）");
        write_sheet(&mut book, (name, &title, note), columns, rows)?;
    }
    book.save_to_buffer()
}

fn write_sheet(
    book: &mut Workbook,
    (sheet, title, note): (&str, &str, &str),
    columns: &[(&str, f32)],
    rows: &[Vec<String>],
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    let last = columns.len().saturating_sub(1) as u16;
    let title_format = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    ws.merge_range(0, 0, 0, last, title, &title_format)?;
    ws.merge_range(1, 0, 1, last, note, &Format::new())?;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7")
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    for (c, (header, width)) in columns.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *header, &head)?;
        // The window's width in points, as Excel characters (about 7 points each).
        ws.set_column_width(c as u16, f64::from(width / 7.0).max(8.0))?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            // Everything as text: numbers, dates and codes stay as the list shows them.
            ws.write_string_with_format(r as u32 + 3, c as u16, text, &cell)?;
        }
    }
    ws.set_freeze_panes(3, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(2, 2)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C第 &P 页 共 &N 页");
    Ok(())
}
