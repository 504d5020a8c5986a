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

/// The rows of the batch file: one per line, one cell per column of the template. Dates as
/// the header asks, else as the template's cells are formatted (`dates`, per column), else ISO.
pub fn rows(
    template: &Template,
    dates: Option<&[Option<DateStyle>]>,
    lines: &[ServiceLine],
    numbers: Numbers,
) -> Vec<Vec<String>> {
    let styles: Vec<DateStyle> = template
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            date_style(h)
                .or_else(|| dates.and_then(|d| d.get(i).copied().flatten()))
                .unwrap_or(DateStyle::Iso)
        })
        .collect();
    lines
        .iter()
        .map(|l| {
            template
                .columns
                .iter()
                .zip(&styles)
                .map(|(c, style)| match c {
                    Column::Field(f) => value(l, *f, *style, numbers),
                    Column::Fixed(text) => text.clone(),
                    Column::Blank => String::new(),
                })
                .collect()
        })
        .collect()
}

/// The largest template file taken (a platform's template is a few kilobytes).
pub const TEMPLATE_LIMIT: usize = 20 << 20;

/// The batch file's bytes: into a copy of `file` (an .xlsx) below its header row, or a new
/// workbook with the template's headers when there is no .xlsx to copy.
pub fn workbook(
    template: &Template,
    file: Option<(&[u8], usize)>,
    rows: &[Vec<String>],
) -> Result<Vec<u8>> {
    if let Some((bytes, header_row)) = file
        && bytes.starts_with(b"PK")
    {
        return into_copy(bytes, header_row, rows);
    }
    let fail =
        |e: rust_xlsxwriter::XlsxError| StoreError::Refused(format!("生成 Excel 文件失败：{e}"));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("导入").map_err(fail)?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin);
    let text = Format::new().set_num_format("@");
    for (c, h) in template.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)
            .map_err(fail)?;
        ws.set_column_width(c as u16, 16).map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, t) in row.iter().enumerate() {
            ws.write_string_with_format(r as u32 + 1, c as u16, t, &text)
                .map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}

fn xml_escape(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            c => c.to_string(),
        })
        .collect()
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

/// Writes `rows` into the first sheet of a copy of the .xlsx `bytes`, below `header_row`
/// (0-based): the rows up to the header stay, those below go, every other part is copied.
fn into_copy(bytes: &[u8], header_row: usize, rows: &[Vec<String>]) -> Result<Vec<u8>> {
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
    let mut out = String::with_capacity(xml.len() + rows.len() * 200);
    out.push_str(before);
    out.push_str("<sheetData>");
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
            out.push_str(row);
        }
        rest = &tail[end..];
    }
    for (i, cells) in rows.iter().enumerate() {
        let r = keep_through + 1 + i;
        out.push_str(&format!("<row r=\"{r}\">"));
        for (c, t) in cells.iter().enumerate() {
            if t.is_empty() {
                continue;
            }
            let col = super::table::column_letter(c);
            out.push_str(&format!(
                "<c r=\"{col}{r}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                xml_escape(t)
            ));
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData>");
    // The declared extent no longer holds: Excel works it out.
    let after = after.to_string();
    let mut out = out + &after;
    if let Some(s) = out.find("<dimension ")
        && let Some(e) = out[s..].find("/>")
    {
        out.replace_range(s..s + e + 2, "");
    }
    parts[index].1 = out.into_bytes();
    let mut written = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in &parts {
        written
            .start_file(name.as_str(), options)
            .map_err(|e| bad(e.to_string()))?;
        written.write_all(data).map_err(|e| bad(e.to_string()))?;
    }
    let cursor = written.finish().map_err(|e| bad(e.to_string()))?;
    Ok(cursor.into_inner())
}
