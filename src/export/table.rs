//! Reading a spreadsheet as rows of cells: the first sheet of an .xlsx or .xls workbook, or a
//! .csv file in UTF-8 (with or without BOM) or GBK, as Excel and WPS save it on Chinese Windows.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};

/// What a cell held, beyond its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Text (every CSV cell).
    Text,
    /// A number, written without a fraction when it has none.
    Number,
    /// A number too long for Excel to keep exactly (15 or more digits): the last digits of an
    /// identity number typed into a number cell are already lost.
    LongNumber,
    /// A date, written as YYYY-MM-DD.
    Date,
    /// An Excel error value such as #N/A.
    Error,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text shown, trimmed.
    pub text: String,
    /// What the cell held.
    pub kind: CellKind,
}

impl Cell {
    /// An empty cell.
    pub fn empty() -> Cell {
        Cell {
            text: String::new(),
            kind: CellKind::Text,
        }
    }

    fn text(s: &str) -> Cell {
        Cell {
            text: unguard(s.trim()).to_string(),
            kind: CellKind::Text,
        }
    }
}

/// What makes a spreadsheet read a cell as a formula (OWASP: CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell of a CSV file the product writes, as text only: one starting with = + - @, a tab or
/// a carriage return gets a leading apostrophe (Excel and WPS then never run it as a formula);
/// quoted when it holds a comma, a double quote or a line break. Every CSV the product writes
/// goes through here.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(FORMULA_START) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The apostrophe [`csv_cell`] put before a formula character, taken off on reading, so a file
/// the product wrote reads back as it was (the text is then checked like any other).
fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => s,
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// Unknown extension.
    #[error("不支持的文件类型“{0}”：请选择 .xlsx、.xls 或 .csv 文件")]
    Extension(String),
    /// The file could not be opened or read.
    #[error("无法读取文件“{path}”：{reason}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// No sheet with data.
    #[error("文件“{0}”中没有任何数据")]
    Empty(String),
    /// A CSV quote that never closes.
    #[error("CSV 文件第 {0} 行有未闭合的双引号")]
    Quote(usize),
    /// Past a bound: rows, columns, characters in a cell, memory.
    #[error("文件“{path}”不能导入：{reason}")]
    TooLarge {
        /// The file.
        path: String,
        /// Which bound, where.
        reason: String,
    },
    /// A CSV file in more than one encoding.
    #[error(
        "CSV 文件“{path}”的编码不一致：第 {line} 行起不是 UTF-8 编码，而前面是。请在 Excel 或 WPS 中打开后另存为“CSV UTF-8（逗号分隔）”再导入"
    )]
    MixedEncoding {
        /// The file.
        path: String,
        /// The first line that is not UTF-8.
        line: usize,
    },
}

/// The rows of the file's first non-empty sheet.
pub fn read(path: &Path) -> Result<Vec<Vec<Cell>>, TableError> {
    read_watched(path, &mut |_, _| {})
}

/// [`read`]; an .xlsx is read on a thread of its own while `watch` sees its rows arrive (see
/// [`super::bounded::xlsx_watched`]).
pub fn read_watched(
    path: &Path,
    watch: &mut dyn FnMut(&[Vec<Cell>], usize),
) -> Result<Vec<Vec<Cell>>, TableError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let shown = path.display().to_string();
    let read_err = |reason: String| TableError::Read {
        path: shown.clone(),
        reason,
    };
    let rows = match ext.as_str() {
        "csv" | "txt" => {
            let mut bytes = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| {
                    f.take(super::bounded::BUDGET as u64 + 1)
                        .read_to_end(&mut bytes)
                })
                .map_err(|e| read_err(e.to_string()))?;
            if bytes.len() > super::bounded::BUDGET {
                return Err(TableError::TooLarge {
                    path: shown,
                    reason: format!("超过 {} MB 的上限", super::bounded::BUDGET >> 20),
                });
            }
            if let Some(line) = mixed_encoding(&bytes) {
                return Err(TableError::MixedEncoding { path: shown, line });
            }
            parse_csv_bounded(&decode(&bytes), &shown)?
        }
        "xlsx" | "xlsm" => super::bounded::xlsx_watched(path, &shown, watch)?,
        "xls" => {
            super::bounded::xls(path, &shown)?;
            let mut book = calamine::open_workbook_auto(path)
                .map_err(|e| read_err(format!("不是有效的 Excel 文件，或文件已损坏（{e}）")))?;
            let mut found = Vec::new();
            for (_, range) in book.worksheets() {
                let rows: Vec<Vec<Cell>> = range
                    .rows()
                    .map(|r| r.iter().map(cell_from_data).collect())
                    .collect();
                if rows.iter().any(|r| r.iter().any(|c| !c.text.is_empty())) {
                    found = rows;
                    break;
                }
            }
            // Within the span already checked; the same limits on what it holds.
            let mut bounded = super::bounded::Rows::new(&shown);
            for (r, row) in found.into_iter().enumerate() {
                bounded.end_row(r)?;
                for (c, cell) in row.into_iter().enumerate() {
                    bounded.put(r, c, cell)?;
                }
            }
            bounded.into_rows()
        }
        other => return Err(TableError::Extension(other.to_string())),
    };
    if rows.iter().all(|r| r.iter().all(|c| c.text.is_empty())) {
        return Err(TableError::Empty(shown));
    }
    Ok(rows)
}

/// A cell as calamine's cell reader gives it (text without a copy in between).
pub(super) fn cell_from_ref(d: &calamine::DataRef<'_>) -> Cell {
    match d {
        calamine::DataRef::SharedString(s) => Cell::text(s),
        calamine::DataRef::String(s) => Cell::text(s),
        calamine::DataRef::Empty => Cell::empty(),
        other => cell_from_data(&Data::from(other.clone())),
    }
}

/// A cell as calamine read it.
pub(super) fn cell_from_data(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::text(""),
        Data::String(s) => Cell::text(s.as_str()),
        Data::Int(i) => Cell {
            text: i.to_string(),
            kind: if i.unsigned_abs() >= 100_000_000_000_000 {
                CellKind::LongNumber
            } else {
                CellKind::Number
            },
        },
        Data::Float(f) => number_cell(*f),
        Data::Bool(b) => Cell::text(if *b { "是" } else { "否" }),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell {
                text: t.date().format("%Y-%m-%d").to_string(),
                kind: CellKind::Date,
            },
            _ => number_cell(dt.as_f64()),
        },
        Data::DateTimeIso(s) => Cell {
            text: s.get(..10).unwrap_or(s).to_string(),
            kind: CellKind::Date,
        },
        Data::DurationIso(s) => Cell::text(s.as_str()),
        Data::Error(e) => Cell {
            text: format!("{e}"),
            kind: CellKind::Error,
        },
    }
}

fn number_cell(f: f64) -> Cell {
    if f.fract() == 0.0 && f.abs() < 1e18 {
        Cell {
            text: format!("{}", f as i64),
            kind: if f.abs() >= 1e14 {
                CellKind::LongNumber
            } else {
                CellKind::Number
            },
        }
    } else {
        Cell {
            text: format!("{f}"),
            kind: CellKind::Number,
        }
    }
}

/// UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), GBK otherwise.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

/// The line where a file that began in UTF-8 (with Chinese in it) stops being UTF-8, if it
/// does: a file pasted together from two sources, which neither decoding reads right.
fn mixed_encoding(bytes: &[u8]) -> Option<usize> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let e = std::str::from_utf8(bytes).err()?;
    let good = &bytes[..e.valid_up_to()];
    // Valid UTF-8 before with characters beyond ASCII: the start was UTF-8.
    if good.iter().any(|b| *b >= 0x80) {
        Some(good.iter().filter(|b| **b == b'\n').count() + 1)
    } else {
        None
    }
}

/// [`parse_csv`] within the bounds of [`super::bounded`].
fn parse_csv_bounded(text: &str, shown: &str) -> Result<Vec<Vec<Cell>>, TableError> {
    let rows = parse_csv(text)?;
    let mut bounded = super::bounded::Rows::new(shown);
    for (r, row) in rows.into_iter().enumerate() {
        bounded.end_row(r)?;
        for (c, cell) in row.into_iter().enumerate() {
            bounded.put(r, c, cell)?;
        }
    }
    Ok(bounded.into_rows())
}

/// RFC 4180 CSV: commas, double quotes doubled inside quoted cells, CRLF or LF line ends,
/// line breaks inside quoted cells.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<Cell>>, TableError> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
                quote_line = line;
            }
            ',' => {
                row.push(Cell::text(&cell));
                cell.clear();
            }
            '\r' => {}
            '\n' => {
                line += 1;
                row.push(Cell::text(&cell));
                cell.clear();
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(TableError::Quote(quote_line));
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(Cell::text(&cell));
        rows.push(row);
    }
    Ok(rows)
}

/// The spreadsheet letter of a 0-based column: A … Z, AA ….
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_text_only_and_read_back_as_written() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://x\",\"点\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"点\"\")\"",
            ),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-1", "'-1"),
            ("\t=1", "'\t=1"),
            ("张三", "张三"),
            ("a,b", "\"a,b\""),
        ] {
            assert_eq!(csv_cell(cell), written, "{cell:?}");
            let back = parse_csv(&format!("{written}\n")).unwrap();
            assert_eq!(back[0][0].text.trim(), cell.trim(), "{cell:?} read back");
        }
    }

    #[test]
    fn csv_quotes_commas_and_line_breaks() {
        let rows = parse_csv("姓名,备注\r\n\"张三\",\"说\"\"好\"\",\n再见\"\n李四,\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][1].text, "说\"好\",\n再见");
        assert_eq!(rows[2][0].text, "李四");
        assert!(matches!(parse_csv("a,\"b\n"), Err(TableError::Quote(1))));
    }

    #[test]
    fn gbk_and_utf8_with_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,手机\n张三,13800000001\n");
        assert_eq!(decode(&gbk), "姓名,手机\n张三,13800000001\n");
        assert_eq!(decode("\u{feff}姓名".as_bytes()), "姓名");
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
