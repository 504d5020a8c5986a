//! Reading a spreadsheet from outside within bounds. A small file can claim (or hold) a sheet
//! that takes gigabytes to lay out: two cells at A1 and XFD1048576, a declared dimension of the
//! whole sheet, a compressed part that unpacks to gigabytes, a million tiny shared strings.
//! Nothing a file says about its size is trusted: the parts of an .xlsx are unpacked and counted
//! before calamine opens them, its cells are read one at a time, an .xls's records are walked
//! before calamine lays out its sheets, and every cell kept is counted against one budget.

use std::io::Read;
use std::path::Path;

use super::table::{Cell, TableError, cell_from_ref, column_letter};

/// The most rows a sheet may have (Excel's own limit).
pub const MAX_ROWS: usize = 1_048_576;
/// The most columns an import reads.
pub const MAX_COLS: usize = 200;
/// The most characters a cell may hold (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;
/// The memory a read may take, estimated from what it keeps.
pub const BUDGET: usize = 256 << 20;
/// The first and last (row, column) of the cells of a sheet.
type Span = Option<((u32, u32), (u32, u32))>;

/// The most cells an .xls sheet may span (calamine lays the whole span out).
const MAX_XLS_SPAN: usize = 2_000_000;
/// The largest .xls file (the format stores everything uncompressed).
const MAX_XLS_BYTES: u64 = 64 << 20;

/// The rows kept so far and what they cost.
pub struct Rows {
    rows: Vec<Vec<Cell>>,
    bytes: usize,
    file: String,
}

impl Rows {
    /// Empty, for the file named `file` (in messages).
    pub fn new(file: &str) -> Rows {
        Rows {
            rows: Vec::new(),
            bytes: 0,
            file: file.to_string(),
        }
    }

    fn refuse(&self, why: String) -> TableError {
        TableError::TooLarge {
            path: self.file.clone(),
            reason: why,
        }
    }

    /// Puts a cell at (row, col), 0-based; refuses past the limits.
    pub fn put(&mut self, row: usize, col: usize, cell: Cell) -> Result<(), TableError> {
        if row >= MAX_ROWS {
            return Err(self.refuse(format!("第 {} 行超过了 {MAX_ROWS} 行的上限", row + 1)));
        }
        if col >= MAX_COLS {
            if cell.text.is_empty() {
                return Ok(());
            }
            return Err(self.refuse(format!(
                "第 {} 行 {} 列有内容，超过了 {MAX_COLS} 列的上限（名册用不到这么多列，请只保留名册所在的列）",
                row + 1,
                column_letter(col)
            )));
        }
        if cell.text.len() > MAX_CELL_CHARS && cell.text.chars().count() > MAX_CELL_CHARS {
            return Err(self.refuse(format!(
                "第 {} 行 {} 列有 {} 个字，超过了每格 {MAX_CELL_CHARS} 字的上限",
                row + 1,
                column_letter(col),
                cell.text.chars().count()
            )));
        }
        if self.rows.len() <= row {
            self.bytes += (row + 1 - self.rows.len()) * std::mem::size_of::<Vec<Cell>>();
            self.rows.resize_with(row + 1, Vec::new);
        }
        let line = &mut self.rows[row];
        if line.len() <= col {
            self.bytes += (col + 1 - line.len()) * std::mem::size_of::<Cell>();
            line.resize_with(col + 1, Cell::empty);
        }
        self.bytes += cell.text.len();
        line[col] = cell;
        if self.bytes > BUDGET {
            return Err(self.refuse(format!(
                "读到第 {} 行时已超过 {} MB 的内存上限",
                row + 1,
                BUDGET >> 20
            )));
        }
        Ok(())
    }

    /// Makes sure row `row` exists (a line with nothing on it).
    pub fn end_row(&mut self, row: usize) -> Result<(), TableError> {
        if row >= MAX_ROWS {
            return Err(self.refuse(format!("超过了 {MAX_ROWS} 行的上限")));
        }
        if self.rows.len() <= row {
            self.bytes += (row + 1 - self.rows.len()) * std::mem::size_of::<Vec<Cell>>();
            self.rows.resize_with(row + 1, Vec::new);
        }
        Ok(())
    }

    /// The rows.
    pub fn into_rows(self) -> Vec<Vec<Cell>> {
        self.rows
    }
}

/// Why an .xlsx could not be read, in the clerk's words.
fn unreadable(shown: &str, e: &dyn std::fmt::Display) -> TableError {
    let said = e.to_string();
    // The zip reader's words for a part that unpacks past the size it declares.
    if said.contains("declared uncompressed size") {
        return TableError::TooLarge {
            path: shown.to_string(),
            reason: "其中有一部分解压后比文件自己声明的还大（可能是“压缩炸弹”），不能导入".into(),
        };
    }
    TableError::Read {
        path: shown.to_string(),
        reason: format!("不是有效的 Excel 文件，或文件已损坏（{said}）"),
    }
}

/// The first sheet with data of an .xlsx, read cell by cell within the bounds: the cells
/// unpacked and parsed on a thread of their own while this one keeps them; after each batch `watch` sees the rows of the sheet so far and how many of the first ones
/// are complete (no later cell goes back to them; 0 from a cell that went back, to the end of
/// that sheet).
pub fn xlsx_watched(
    path: &Path,
    shown: &str,
    watch: &mut dyn FnMut(&[Vec<Cell>], usize),
) -> Result<Vec<Vec<Cell>>, TableError> {
    let refuse = |reason: String| TableError::TooLarge {
        path: shown.to_string(),
        reason,
    };
    let unreadable = |e: &dyn std::fmt::Display| unreadable(shown, e);
    // Every part's size as the zip's directory declares it: the zip reader refuses to unpack a
    // part past its declared size, so these bound what calamine unpacks (a part that lies about
    // its size stops with an error where it passes it) without unpacking anything twice.
    let file = std::fs::File::open(path).map_err(|e| unreadable(&e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| unreadable(&e))?;
    if zip.len() > 10_000 {
        return Err(refuse(format!(
            "文件由 {} 个部分组成，不像是名册",
            zip.len()
        )));
    }
    let mut total = 0usize;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| unreadable(&e))?;
        let name = part.name().map(|n| n.to_string()).unwrap_or_default();
        let size = usize::try_from(part.size()).unwrap_or(usize::MAX);
        drop(part);
        if size > BUDGET {
            return Err(refuse(format!(
                "其中的“{}”解压后超过 {} MB（可能是“压缩炸弹”），不能导入",
                crate::domain::text::printable(&name),
                BUDGET >> 20
            )));
        }
        // A shared string costs its text and a String beside it. The shortest one (`<si/>`)
        // takes five bytes: when that many could not fit, they are counted.
        let cost = if name.ends_with("sharedStrings.xml") {
            let most = size.saturating_add((size / 5).saturating_mul(STRING_COST));
            if most <= BUDGET {
                most
            } else {
                let mut part = zip.by_index(i).map_err(|e| unreadable(&e))?;
                let strings = count_strings(&mut part).map_err(|e| unreadable(&e))?;
                let cost = size.saturating_add(strings.saturating_mul(STRING_COST));
                if cost > BUDGET {
                    return Err(refuse(format!(
                        "其中有 {strings} 个共享字符串，读入需要超过 {} MB 内存，不能导入",
                        BUDGET >> 20
                    )));
                }
                cost
            }
        } else {
            size
        };
        total = total.saturating_add(cost);
        if total > 2 * BUDGET {
            return Err(refuse(format!(
                "各部分解压后共超过 {} MB，不能导入",
                (2 * BUDGET) >> 20
            )));
        }
    }
    drop(zip);
    let (sender, received) = std::sync::mpsc::sync_channel(8);
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || read_cells(path, shown, &sender, stop));
        let kept = keep_cells(received, shown, watch);
        // The reader stops at its next cell (the first sheet with data may be followed by more).
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        kept
    })
}

/// What the reading thread sends.
enum Sent {
    /// Cells of the sheet being read: (row, column, cell).
    Cells(Vec<(u32, u32, Cell)>),
    /// The sheet is read to its end.
    SheetEnd,
    /// Why reading stopped.
    Failed(TableError),
}

/// Cells a batch carries.
const BATCH: usize = 4_096;

/// Reads every sheet's cells and sends them in batches, until told to stop or nobody listens.
fn read_cells(
    path: &Path,
    shown: &str,
    send: &std::sync::mpsc::SyncSender<Sent>,
    stop: &std::sync::atomic::AtomicBool,
) {
    let fail = |e: &dyn std::fmt::Display| {
        let _ = send.send(Sent::Failed(unreadable(shown, e)));
    };
    let mut book: calamine::Xlsx<_> = match calamine::open_workbook(path) {
        Ok(book) => book,
        Err(e) => return fail(&e as &calamine::XlsxError),
    };
    for name in calamine::Reader::sheet_names(&book) {
        let mut cells = match book.worksheet_cells_reader(&name) {
            Ok(cells) => cells,
            Err(e) => return fail(&e),
        };
        let mut batch = Vec::with_capacity(BATCH);
        loop {
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            match cells.next_cell() {
                Ok(Some(cell)) => {
                    let value = cell_from_ref(cell.get_value());
                    if !value.text.is_empty() {
                        let (row, col) = cell.get_position();
                        batch.push((row, col, value));
                    }
                    if batch.len() == BATCH
                        && send
                            .send(Sent::Cells(std::mem::replace(
                                &mut batch,
                                Vec::with_capacity(BATCH),
                            )))
                            .is_err()
                    {
                        return;
                    }
                }
                Ok(None) => break,
                Err(e) => return fail(&e),
            }
        }
        if send.send(Sent::Cells(batch)).is_err() || send.send(Sent::SheetEnd).is_err() {
            return;
        }
    }
}

/// Keeps the cells sent, within the bounds, and returns the first sheet with data.
fn keep_cells(
    received: std::sync::mpsc::Receiver<Sent>,
    shown: &str,
    watch: &mut dyn FnMut(&[Vec<Cell>], usize),
) -> Result<Vec<Vec<Cell>>, TableError> {
    let mut rows = Rows::new(shown);
    // The highest row so far, and whether every cell came at or after it.
    let mut last = 0usize;
    let mut in_order = true;
    for sent in received {
        match sent {
            Sent::Cells(batch) => {
                for (row, col, cell) in batch {
                    let row = row as usize;
                    in_order &= row >= last;
                    last = last.max(row);
                    rows.put(row, col as usize, cell)?;
                }
                watch(&rows.rows, if in_order { last } else { 0 });
            }
            Sent::SheetEnd => {
                let sheet = std::mem::replace(&mut rows, Rows::new(shown)).into_rows();
                if sheet.iter().any(|r| r.iter().any(|c| !c.text.is_empty())) {
                    return Ok(sheet);
                }
                (last, in_order) = (0, true);
                watch(&[], 0);
            }
            Sent::Failed(e) => return Err(e),
        }
    }
    Ok(Vec::new())
}

/// What one shared string costs beside its text (the `String` calamine keeps).
const STRING_COST: usize = 48;

/// Unpacks a part (the reader stops at its declared size), counting the shared strings
/// (`<si>`, `<si …>` or `<si/>`) in it.
fn count_strings(r: &mut dyn Read) -> std::io::Result<usize> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut strings = 0usize;
    // The last three bytes of the block before: "<si" across a boundary counts too.
    let mut joined: Vec<u8> = Vec::with_capacity(buf.len() + 3);
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        joined.extend_from_slice(&buf[..n]);
        strings += joined
            .windows(4)
            .filter(|w| *w == b"<si>" || *w == b"<si " || *w == b"<si/")
            .count();
        let keep = joined.len().saturating_sub(3);
        joined.drain(..keep);
    }
    Ok(strings)
}

/// An .xls: its records walked first (the declared dimension and the span of its cells), then
/// read by calamine only when the span is one it can lay out within the budget.
pub fn xls(path: &Path, shown: &str) -> Result<(), TableError> {
    let refuse = |reason: String| TableError::TooLarge {
        path: shown.to_string(),
        reason,
    };
    let unreadable = |e: &dyn std::fmt::Display| TableError::Read {
        path: shown.to_string(),
        reason: format!("不是有效的 Excel 文件，或文件已损坏（{e}）"),
    };
    let len = std::fs::metadata(path).map_err(|e| unreadable(&e))?.len();
    if len > MAX_XLS_BYTES {
        return Err(refuse(format!(
            "有 {} MB，超过 .xls 文件 {} MB 的上限；请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
            len >> 20,
            MAX_XLS_BYTES >> 20
        )));
    }
    let mut container = cfb::open(path).map_err(|e| unreadable(&e))?;
    let stream = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|s| container.is_stream(s))
        .ok_or_else(|| unreadable(&"文件中没有工作簿"))?;
    let mut data = Vec::new();
    container
        .open_stream(stream)
        .and_then(|mut s| s.read_to_end(&mut data))
        .map_err(|e| unreadable(&e))?;
    let span = |first: (u32, u32), last: (u32, u32)| -> usize {
        let rows = last.0.saturating_sub(first.0) as usize + 1;
        let cols = last.1.saturating_sub(first.1) as usize + 1;
        rows.saturating_mul(cols)
    };
    let too_wide =
        |first_col: u32, last_col: u32| last_col.saturating_sub(first_col) as usize >= MAX_COLS;
    let mut at = 0usize;
    // Per sheet: the smallest and largest cell position seen.
    let mut bounds: Span = None;
    let check = |bounds: &Span| -> Result<(), TableError> {
        if let Some((first, last)) = bounds
            && (span(*first, *last) > MAX_XLS_SPAN || too_wide(first.1, last.1))
        {
            return Err(refuse(format!(
                "工作表的内容从 {}{} 到 {}{}，范围过大（超过 {MAX_COLS} 列或 {MAX_XLS_SPAN} 格），不能导入",
                column_letter(first.1 as usize),
                first.0 + 1,
                column_letter(last.1 as usize),
                last.0 + 1
            )));
        }
        Ok(())
    };
    while at + 4 <= data.len() {
        let typ = u16::from_le_bytes([data[at], data[at + 1]]);
        let len = u16::from_le_bytes([data[at + 2], data[at + 3]]) as usize;
        let body = &data[(at + 4).min(data.len())..(at + 4 + len).min(data.len())];
        at += 4 + len;
        let u16_at = |i: usize| {
            body.get(i..i + 2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]) as u32)
        };
        let u32_at = |i: usize| {
            body.get(i..i + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        match typ {
            // BOF: a new substream (sheet).
            0x0809 => {
                check(&bounds)?;
                bounds = None;
            }
            // DIMENSIONS (BIFF8: u32 first row, u32 last row + 1, u16 first col, u16 last col + 1).
            0x0200 => {
                if let (Some(r0), Some(r1), Some(c0), Some(c1)) =
                    (u32_at(0), u32_at(4), u16_at(8), u16_at(10))
                    && r1 > r0
                    && c1 > c0
                {
                    let declared = Some(((r0, c0), (r1 - 1, c1 - 1)));
                    check(&declared)?;
                }
            }
            // Cells: row and column first.
            0x0006 | 0x00BD | 0x00D6 | 0x00FD | 0x0203 | 0x0204 | 0x0205 | 0x027E => {
                if let (Some(r), Some(c)) = (u16_at(0), u16_at(2)) {
                    // MULRK ends with its last column.
                    let last_c = if typ == 0x00BD {
                        u16_at(body.len().saturating_sub(2)).unwrap_or(c)
                    } else {
                        c
                    };
                    bounds = Some(match bounds {
                        None => ((r, c), (r, last_c)),
                        Some((f, l)) => ((f.0.min(r), f.1.min(c)), (l.0.max(r), l.1.max(last_c))),
                    });
                }
            }
            _ => {}
        }
    }
    check(&bounds)
}
