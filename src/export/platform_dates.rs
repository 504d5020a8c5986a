//! How a platform's template wants its dates: read from the number format of the template's
//! sample row below the header (or the column's own format) — `yyyy/m/d`, `yyyymmdd`,
//! `yyyy"年"m"月"d"日"` … — when the header text does not say.

use std::io::Read;

use super::platform::{TEMPLATE_LIMIT, first_sheet};

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// 2026-03-14
    Iso,
    /// 2026/03/14
    Slash,
    /// 20260314
    Compact,
    /// 2026年3月14日
    Chinese,
}

/// The date style a number format code means, if it is a date's.
fn style_of_code(code: &str) -> Option<DateStyle> {
    // Literal text in quotes and escapes: 年, 月, 日 stay, the marks go.
    let plain: String = code
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '"' | '\\'))
        .collect();
    let plain = plain.split(';').next().unwrap_or_default();
    if !(plain.contains('y') && plain.contains('d')) {
        return None;
    }
    if plain.contains('年') {
        Some(DateStyle::Chinese)
    } else if plain.contains("yyyymmdd") {
        Some(DateStyle::Compact)
    } else if plain.contains('/') {
        Some(DateStyle::Slash)
    } else if plain.contains('-') {
        Some(DateStyle::Iso)
    } else {
        None
    }
}

/// The built-in formats that are dates, as a Chinese Excel shows them.
fn style_of_builtin(id: u32) -> Option<DateStyle> {
    match id {
        14 | 22 => Some(DateStyle::Slash),
        31 | 57 | 58 => Some(DateStyle::Chinese),
        _ => None,
    }
}

/// The value of `name="…"` in an element's text.
fn attribute<'a>(element: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let at = element.find(&key)? + key.len();
    Some(&element[at..at + element[at..].find('"')?])
}

/// Each `<tag …>` element's opening text inside `xml`.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    xml.match_indices(open.as_str())
        .filter_map(|(at, _)| xml[at..].find('>').map(|e| &xml[at..at + e]))
        .collect()
}

/// The date style of each cell format (`s` index) of the workbook's styles part.
fn cell_styles(styles: &str) -> Vec<Option<DateStyle>> {
    let custom: Vec<(u32, Option<DateStyle>)> = elements(styles, "numFmt")
        .into_iter()
        .filter_map(|e| {
            let id = attribute(e, "numFmtId")?.parse().ok()?;
            let code = attribute(e, "formatCode")?
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            Some((id, style_of_code(&code)))
        })
        .collect();
    let Some(xfs) = styles
        .find("<cellXfs")
        .and_then(|s| styles[s..].find("</cellXfs>").map(|e| &styles[s..s + e]))
    else {
        return Vec::new();
    };
    elements(xfs, "xf")
        .into_iter()
        .map(|xf| {
            let id: u32 = attribute(xf, "numFmtId")?.parse().ok()?;
            custom
                .iter()
                .find(|c| c.0 == id)
                .map_or_else(|| style_of_builtin(id), |c| c.1)
        })
        .collect()
}

/// The 0-based column of a cell reference such as `C3`.
fn column_of(reference: &str) -> Option<usize> {
    let letters: Vec<u8> = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let n = letters
        .iter()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
    Some(n - 1)
}

/// The date style of each of the first `columns` columns of the .xlsx template `bytes`
/// (header on 0-based row `header_row`): the sample row's cell format, else the column's.
/// Anything unreadable gives no styles (the header text and ISO dates then decide).
pub fn dates_of(bytes: &[u8], header_row: usize, columns: usize) -> Vec<Option<DateStyle>> {
    read(bytes, header_row, columns).unwrap_or_else(|| vec![None; columns])
}

fn read(bytes: &[u8], header_row: usize, columns: usize) -> Option<Vec<Option<DateStyle>>> {
    if bytes.len() > TEMPLATE_LIMIT {
        return None;
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let mut data = Vec::new();
        zip.by_name(name)
            .ok()?
            .take(TEMPLATE_LIMIT as u64)
            .read_to_end(&mut data)
            .ok()?;
        Some(data)
    };
    let parts = vec![
        ("xl/workbook.xml".to_string(), part("xl/workbook.xml")?),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            part("xl/_rels/workbook.xml.rels")?,
        ),
    ];
    let styles = String::from_utf8(part("xl/styles.xml")?).ok()?;
    let sheet = String::from_utf8(part(&first_sheet(&parts)?)?).ok()?;
    let styles = cell_styles(&styles);
    let style = |s: Option<&str>| {
        s.and_then(|s| s.parse::<usize>().ok())
            .and_then(|i| styles.get(i).copied().flatten())
    };
    let mut found = vec![None; columns];
    // The columns' own formats.
    for col in elements(&sheet, "col") {
        let (Some(min), Some(max)) = (
            attribute(col, "min").and_then(|m| m.parse::<usize>().ok()),
            attribute(col, "max").and_then(|m| m.parse::<usize>().ok()),
        ) else {
            continue;
        };
        if let Some(s) = style(attribute(col, "style")) {
            for f in found
                .iter_mut()
                .take(max.min(columns))
                .skip(min.saturating_sub(1))
            {
                *f = Some(s);
            }
        }
    }
    // The sample row's cells, which say more than the column.
    let sample = format!("{}", header_row + 2);
    let row_at = elements(&sheet, "row")
        .into_iter()
        .find(|r| attribute(r, "r") == Some(sample.as_str()));
    if let Some(row) = row_at {
        let start = sheet.find(row)?;
        let end = sheet[start..]
            .find("</row>")
            .map_or(sheet.len(), |e| start + e);
        for cell in elements(&sheet[start..end], "c") {
            if let (Some(c), Some(s)) = (
                attribute(cell, "r").and_then(column_of),
                style(attribute(cell, "s")),
            ) && c < columns
            {
                found[c] = Some(s);
            }
        }
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_codes_name_their_date_style() {
        assert_eq!(style_of_code("yyyy/m/d"), Some(DateStyle::Slash));
        assert_eq!(style_of_code("yyyymmdd"), Some(DateStyle::Compact));
        assert_eq!(
            style_of_code("yyyy\"年\"m\"月\"d\"日\""),
            Some(DateStyle::Chinese)
        );
        assert_eq!(style_of_code("yyyy\\-mm\\-dd"), Some(DateStyle::Iso));
        assert_eq!(style_of_code("0.0"), None);
        assert_eq!(style_of_code("@"), None);
        assert_eq!(column_of("C3"), Some(2));
        assert_eq!(column_of("AA10"), Some(26));
    }
}
