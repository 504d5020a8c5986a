//! Batch files for the platforms: the service records (one row per person per held activity)
//! in a template's own columns and order, written into a copy of the template file — its
//! other sheets, instructions and rows above the header kept, the rows below replaced — or,
//! for the built-in template and .xls templates (which cannot be written back), into a new
//! workbook with the template's headers. Every value is text (an ID number never becomes a
//! number in scientific notation); dates and times as the template's header asks
//! (yyyy/mm/dd, yyyymmdd …), else 2026-03-14 and 09:00.

use std::io::{Read, Write};

use rust_xlsxwriter::{Format, FormatBorder, Workbook};

use super::roster::Numbers;
use crate::domain::phone;
use crate::domain::platform::{Column, PlatformField, Template};
use crate::store::platform::ServiceLine;
use crate::store::{Result, StoreError};

use super::platform_dates::DateStyle;
pub use super::platform_dates::dates_of;

/// How the header asks for dates to be written, if it says.
fn date_style(header: &str) -> Option<DateStyle> {
    let h = header.to_lowercase();
    if h.contains("yyyy/") || h.contains("年/月") {
        Some(DateStyle::Slash)
    } else if h.contains("yyyymmdd") {
        Some(DateStyle::Compact)
    } else if h.contains("年月日") || h.contains("x年x月x日") {
        Some(DateStyle::Chinese)
    } else if h.contains("yyyy-") {
        Some(DateStyle::Iso)
    } else {
        None
    }
}

fn date_text(d: Option<chrono::NaiveDate>, style: DateStyle) -> String {
    let Some(d) = d else { return String::new() };
    match style {
        DateStyle::Iso => d.format("%Y-%m-%d").to_string(),
        DateStyle::Slash => d.format("%Y/%m/%d").to_string(),
        DateStyle::Compact => d.format("%Y%m%d").to_string(),
        DateStyle::Chinese => crate::domain::dates::chinese(d),
    }
}

/// The text of one field for one line.
fn value(line: &ServiceLine, field: PlatformField, dates: DateStyle, numbers: Numbers) -> String {
    let whole = numbers == Numbers::Full;
    match field {
        PlatformField::Name => line.name.clone(),
        PlatformField::IdType => line.id_type.clone(),
        PlatformField::IdNumber if whole => line.id_number.clone(),
        PlatformField::IdNumber => crate::domain::id_number::mask(&line.id_number),
        PlatformField::Gender => line.gender.clone(),
        PlatformField::Mobile if whole => line.mobile.clone(),
        PlatformField::Mobile => phone::mask_mobile(&line.mobile),
        PlatformField::BirthDate => date_text(line.birth_date, dates),
        PlatformField::Political => line.political.clone(),
        PlatformField::Number => line.number.clone(),
        PlatformField::Category => line.category.clone(),
        PlatformField::Activity => line.title.clone(),
        PlatformField::Date => date_text(line.date, dates),
        PlatformField::Start => line.start.clone(),
        PlatformField::End => line.end.clone(),
        // A volunteer's line (志愿者批量导入) has no activity, so no hours.
        PlatformField::Hours if line.activity_id.is_empty() => String::new(),
        PlatformField::Hours => line.hours.to_string(),
        PlatformField::Location => line.location.clone(),
        PlatformField::Organizer => line.organizer.clone(),
        PlatformField::Leader => line.leader.clone(),
        PlatformField::Content => line.content.clone(),
    }
}

/// The cells of a batch file's rows: one per column of the template. Dates as the header
/// asks, else as the template's cells are formatted (`dates`, per column), else ISO.
pub struct Cells<'a> {
    template: &'a Template,
    styles: Vec<DateStyle>,
    numbers: Numbers,
}

impl<'a> Cells<'a> {
    /// The cells of `template` with the template file's date formats, numbers as asked.
    pub fn new(
        template: &'a Template,
        dates: Option<&[Option<DateStyle>]>,
        numbers: Numbers,
    ) -> Self {
        let styles = template
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                date_style(h)
                    .or_else(|| dates.and_then(|d| d.get(i).copied().flatten()))
                    .unwrap_or(DateStyle::Iso)
            })
            .collect();
        Cells {
            template,
            styles,
            numbers,
        }
    }

    /// One line's row.
    pub fn row(&self, line: &ServiceLine) -> Vec<String> {
        self.template
            .columns
            .iter()
            .zip(&self.styles)
            .map(|(c, style)| match c {
                Column::Field(f) => value(line, *f, *style, self.numbers),
                Column::Fixed(text) => text.clone(),
                Column::Blank => String::new(),
            })
            .collect()
    }
}

/// The largest template file taken (a platform's template is a few kilobytes).
pub const TEMPLATE_LIMIT: usize = 20 << 20;

/// The batch file's bytes: the lines' rows into a copy of `file` (an .xlsx) below its header
/// row, or into a new workbook with the template's headers when there is no .xlsx to copy.
pub fn workbook(
    template: &Template,
    file: Option<(&[u8], usize)>,
    lines: &[ServiceLine],
    cells: &Cells<'_>,
) -> Result<Vec<u8>> {
    if let Some((bytes, header_row)) = file
        && bytes.starts_with(b"PK")
    {
        return into_copy(bytes, header_row, lines, cells);
    }
    into_copy(&headers_only(template)?, 0, lines, cells)
}

/// A workbook with the template's headers only (bold, bordered), its columns formatted as
/// text, to copy the rows into.
fn headers_only(template: &Template) -> Result<Vec<u8>> {
    let fail =
        |e: rust_xlsxwriter::XlsxError| StoreError::Refused(format!("生成 Excel 文件失败：{e}"));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("导入").map_err(fail)?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    for (c, (h, column)) in template.headers.iter().zip(&template.columns).enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)
            .map_err(fail)?;
        ws.set_column_width(c as u16, width(column)).map_err(fail)?;
        ws.set_column_format(c as u16, &text).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// A column's width in characters: a whole 18-digit ID number fits, a name or a sex is narrow.
fn width(column: &Column) -> f64 {
    match column {
        Column::Field(PlatformField::IdNumber) => 22.0,
        Column::Field(
            PlatformField::Activity | PlatformField::Location | PlatformField::Content,
        ) => 26.0,
        Column::Field(PlatformField::Organizer) => 20.0,
        Column::Field(PlatformField::Mobile | PlatformField::Number) => 14.0,
        Column::Field(PlatformField::Name | PlatformField::IdType | PlatformField::Category) => {
            12.0
        }
        Column::Field(PlatformField::Gender | PlatformField::Hours) => 10.0,
        _ => 12.0,
    }
}

fn xml_escape_into(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// The first worksheet's part in the package, from the workbook and its relations.
pub(super) fn first_sheet(parts: &[(String, Vec<u8>)]) -> Option<String> {
    let text = |name: &str| {
        parts
            .iter()
            .find(|p| p.0 == name)
            .map(|p| String::from_utf8_lossy(&p.1).into_owned())
    };
    let workbook = text("xl/workbook.xml")?;
    let sheet = &workbook[workbook.find("<sheet ")?..];
    let rid_at = sheet.find("r:id=\"")? + 6;
    let rid = &sheet[rid_at..rid_at + sheet[rid_at..].find('"')?];
    let rels = text("xl/_rels/workbook.xml.rels")?;
    let rel = rels
        .split("<Relationship ")
        .find(|r| r.contains(&format!("Id=\"{rid}\"")))?;
    let target_at = rel.find("Target=\"")? + 8;
    let target = &rel[target_at..target_at + rel[target_at..].find('"')?];
    let target = target.trim_start_matches('/');
    Some(if target.starts_with("xl/") {
        target.to_string()
    } else {
        format!("xl/{target}")
    })
}

/// The row number (1-based) of a `<row …>` element's `r` attribute.
fn row_number(row: &str) -> Option<usize> {
    let head = &row[..row.find('>')?];
    let at = head.find(" r=\"")? + 4;
    head[at..at + head[at..].find('"')?].parse().ok()
}

/// Writes the lines' rows into the first sheet of a copy of the .xlsx `bytes`, below
/// `header_row` (0-based): the rows up to the header stay, those below go, every other part is
/// copied. The sheet is written into the package as it is made (a million rows never stand
/// as one text).
fn into_copy(
    bytes: &[u8],
    header_row: usize,
    lines: &[ServiceLine],
    cells: &Cells<'_>,
) -> Result<Vec<u8>> {
    let bad = |why: String| StoreError::Refused(format!("模板文件无法写入：{why}"));
    if bytes.len() > TEMPLATE_LIMIT {
        return Err(bad("文件太大".into()));
    }
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    if zip.len() > 1_000 {
        return Err(bad("部分太多".into()));
    }
    let mut parts = Vec::new();
    let mut total = 0usize;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let mut data = Vec::new();
        (&mut part)
            .take(TEMPLATE_LIMIT as u64 * 4)
            .read_to_end(&mut data)
            .map_err(|e| bad(e.to_string()))?;
        total += data.len();
        if total > TEMPLATE_LIMIT * 4 {
            return Err(bad("解压后太大".into()));
        }
        parts.push((name, data));
    }
    let sheet = first_sheet(&parts).ok_or_else(|| bad("找不到工作表".into()))?;
    let index = parts
        .iter()
        .position(|p| p.0 == sheet)
        .ok_or_else(|| bad("找不到工作表".into()))?;
    let xml = String::from_utf8_lossy(&parts[index].1).into_owned();
    let keep_through = header_row + 1;
    let (before, data, after) = match (xml.find("<sheetData>"), xml.find("</sheetData>")) {
        (Some(s), Some(e)) => (&xml[..s], &xml[s + 11..e], &xml[e + 12..]),
        _ => match xml.find("<sheetData/>") {
            Some(s) => (&xml[..s], "", &xml[s + 12..]),
            None => return Err(bad("工作表没有数据区".into())),
        },
    };
    // The declared extent no longer holds: Excel works it out.
    let before = match before.find("<dimension ") {
        Some(s) => match before[s..].find("/>") {
            Some(e) => format!("{}{}", &before[..s], &before[s + e + 2..]),
            None => before.to_string(),
        },
        None => before.to_string(),
    };
    let mut head = before;
    head.push_str("<sheetData>");
    // The rows up to the header, as they were.
    let mut rest = data;
    while let Some(start) = rest.find("<row") {
        let tail = &rest[start..];
        let end = match (tail.find("</row>"), tail.find('>')) {
            (_, Some(gt)) if tail[..gt].ends_with('/') => gt + 1,
            (Some(e), _) => e + 6,
            _ => break,
        };
        let row = &tail[..end];
        if row_number(row).is_some_and(|n| n <= keep_through) {
            head.push_str(row);
        }
        rest = &tail[end..];
    }
    let mut written = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(lines.len() > 100_000);
    let io = |e: std::io::Error| bad(e.to_string());
    for (i, (name, data)) in parts.iter().enumerate() {
        written
            .start_file(name.as_str(), options)
            .map_err(|e| bad(e.to_string()))?;
        if i != index {
            written.write_all(data).map_err(io)?;
            continue;
        }
        written.write_all(head.as_bytes()).map_err(io)?;
        let mut buffer = String::with_capacity(64 * 1024);
        for (i, line) in lines.iter().enumerate() {
            row_xml(&mut buffer, keep_through + 1 + i, &cells.row(line));
            if buffer.len() > 60 * 1024 {
                written.write_all(buffer.as_bytes()).map_err(io)?;
                buffer.clear();
            }
        }
        buffer.push_str("</sheetData>");
        buffer.push_str(after);
        written.write_all(buffer.as_bytes()).map_err(io)?;
    }
    let cursor = written.finish().map_err(|e| bad(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// One row of inline strings (empty cells left out) at 1-based row `r`.
fn row_xml(out: &mut String, r: usize, cells: &[String]) {
    use std::fmt::Write as _;
    let _ = write!(out, "<row r=\"{r}\">");
    for (c, t) in cells.iter().enumerate() {
        if t.is_empty() {
            continue;
        }
        let col = super::table::column_letter(c);
        let _ = write!(
            out,
            "<c r=\"{col}{r}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
        );
        xml_escape_into(out, t);
        out.push_str("</t></is></c>");
    }
    out.push_str("</row>");
}
