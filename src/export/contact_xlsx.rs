//! The 联络表 as an Excel workbook: bordered cells, column widths, A4 print setup fitted to one
//! page wide with the header rows repeated on every page.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::contact_form::{ContactFormData, FIELDS, TITLE};
use crate::store::{Result, StoreError};

/// Paper size code of A4 in Excel.
const A4: u8 = 9;

fn fail(e: XlsxError) -> StoreError {
    StoreError::Refused(format!("生成 Excel 文件失败：{e}"))
}

/// The workbook's bytes.
pub fn xlsx(data: &ContactFormData) -> Result<Vec<u8>> {
    build(data).map_err(fail)
}

fn build(data: &ContactFormData) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("联络表")?;
    let font = |f: Format| f.set_font_name("宋体").set_font_size(11);
    let title = Format::new()
        .set_font_name("方正小标宋简体")
        .set_font_size(18)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let plain = font(Format::new());
    let head = font(Format::new())
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = font(Format::new())
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let centred = cell.clone().set_align(FormatAlign::Center);
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_footer("&C第 &P 页 共 &N 页");
    if data.is_single() {
        sheet.set_column_width(0, 8)?;
        sheet.set_column_width(1, 22)?;
        sheet.set_column_width(2, 46)?;
        sheet.set_row_height(0, 36)?;
        sheet.merge_range(0, 0, 0, 2, TITLE, &title)?;
        sheet.merge_range(1, 0, 1, 2, &data.issuer_line(), &plain)?;
        sheet.merge_range(2, 0, 2, 2, &data.date_line(), &plain)?;
        for (c, h) in ["序号", "项目", "内容"].iter().enumerate() {
            sheet.write_with_format(3, c as u16, *h, &head)?;
        }
        let mut row = 4;
        for (n, label, value) in data.single_rows() {
            sheet.set_row_height(row, 24)?;
            sheet.write_with_format(row, 0, n.as_str(), &centred)?;
            sheet.write_with_format(row, 1, label.as_str(), &cell)?;
            sheet.write_with_format(row, 2, value.as_str(), &cell)?;
            row += 1;
        }
        sheet.set_repeat_rows(3, 3)?;
        sheet.merge_range(row + 1, 0, row + 1, 2, &data.note, &plain)?;
    } else {
        sheet.set_landscape();
        sheet.set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3);
        let widths = [
            4.5, 16.0, 7.0, 7.0, 12.5, 12.0, 8.0, 7.0, 6.0, 12.5, 12.0, 12.5, 17.0, 6.0,
        ];
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, *w)?;
        }
        let last = (FIELDS.len() + 1) as u16;
        sheet.set_row_height(0, 36)?;
        sheet.merge_range(0, 0, 0, last, TITLE, &title)?;
        sheet.merge_range(1, 0, 1, 7, &data.issuer_line(), &plain)?;
        sheet.merge_range(1, 8, 1, last, &data.date_line(), &plain)?;
        // Two header rows: the groups over their fields; 序号, 单位名称 and 备注 span both.
        sheet.merge_range(2, 0, 3, 0, "序号", &head)?;
        sheet.merge_range(2, 1, 3, 1, "单位名称", &head)?;
        let mut c = 0;
        while c < FIELDS.len() {
            let group = FIELDS[c].0;
            let span = FIELDS[c..].iter().take_while(|f| f.0 == group).count();
            let (first, end) = ((c + 2) as u16, (c + 1 + span) as u16);
            match (group, span) {
                ("", _) | (_, 1) => {
                    let text = if group.is_empty() { FIELDS[c].1 } else { group };
                    sheet.merge_range(2, first, 3, end, text, &head)?;
                }
                _ => {
                    sheet.merge_range(2, first, 2, end, group, &head)?;
                    for (i, f) in FIELDS[c..c + span].iter().enumerate() {
                        sheet.write_with_format(3, first + i as u16, f.1, &head)?;
                    }
                }
            }
            c += span;
        }
        sheet.set_repeat_rows(2, 3)?;
        let mut row = 4;
        for (i, line) in data.lines.iter().enumerate() {
            sheet.set_row_height(row, 30)?;
            sheet.write_with_format(row, 0, (i + 1) as u32, &centred)?;
            sheet.write_with_format(row, 1, line.unit.as_str(), &cell)?;
            for (j, v) in line.values.iter().enumerate() {
                sheet.write_with_format(row, (j + 2) as u16, v.as_str(), &cell)?;
            }
            row += 1;
        }
        sheet.merge_range(row + 1, 0, row + 1, last, &data.note, &plain)?;
    }
    book.save_to_buffer()
}
