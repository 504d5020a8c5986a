//! The 联络表 as PDF: A4 portrait for one unit, landscape for many; the title in bold 18 pt
//! (小二), the issuer and date lines, a bordered table whose header repeats on every page and
//! whose rows never split, body text at 10.5 pt (五号), the note, a space for the stamp, and
//! 第 N 页 共 M 页 — all pure black for the fax.

use super::contact_form::{ContactFormData, FIELDS, TITLE};
use super::pdf::{self, A4, MM, Metrics, Op, line_height};
use crate::store::Result;

/// Body and header text size (五号).
const BODY: f32 = 10.5;
/// Title size (小二).
const TITLE_SIZE: f32 = 18.0;
/// Cell padding.
const PAD: f32 = 3.0;

/// A header cell: its text and where it sits in the header grid.
struct HeadCell {
    text: String,
    col: usize,
    cols: usize,
    row: usize,
    rows: usize,
}

/// The table to lay out: column widths (points), header cells and levels, body rows.
struct TableSpec {
    widths: Vec<f32>,
    head: Vec<HeadCell>,
    levels: usize,
    rows: Vec<Vec<String>>,
    /// Columns centred (序号).
    centred: Vec<usize>,
}

fn spec(m: &Metrics, data: &ContactFormData, table_width: f32) -> TableSpec {
    if data.is_single() {
        let widths = [0.1, 0.32, 0.58].iter().map(|f| f * table_width).collect();
        let head = ["序号", "项目", "内容"]
            .iter()
            .enumerate()
            .map(|(i, t)| HeadCell {
                text: (*t).into(),
                col: i,
                cols: 1,
                row: 0,
                rows: 1,
            })
            .collect();
        let rows = data
            .single_rows()
            .into_iter()
            .map(|(n, l, v)| vec![n, l, v])
            .collect();
        return TableSpec {
            widths,
            head,
            levels: 1,
            rows,
            centred: vec![0],
        };
    }
    let rows: Vec<Vec<String>> = data
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut row = vec![(i + 1).to_string(), l.unit.clone()];
            row.extend(l.values.iter().cloned());
            row
        })
        .collect();
    // Each column at least as wide as its longest phone number or word, the rest shared in
    // proportion to what the columns usually hold.
    let base = [
        1.0, 8.0, 2.0, 3.0, 1.0, 1.0, 3.0, 2.0, 3.0, 1.0, 1.0, 1.0, 4.0, 4.0,
    ];
    // Short texts (names, titles, phones) on one line where they can be; long ones capped.
    let cap = table_width / 12.0;
    let least: Vec<f32> = (0..base.len())
        .map(|j| {
            rows.iter()
                .map(|r| {
                    m.width(&r[j], BODY, false)
                        .min(cap)
                        .max(m.longest_word(&r[j], BODY, false))
                })
                .fold(m.width(header_of(j), BODY, true).min(cap), f32::max)
                .min(table_width / 6.0)
                + 2.0 * PAD
                + 1.0
        })
        .collect();
    let spare = table_width - least.iter().sum::<f32>();
    let sum: f32 = base.iter().sum();
    let widths: Vec<f32> = if spare >= 0.0 {
        least
            .iter()
            .zip(base)
            .map(|(l, b)| l + spare * b / sum)
            .collect()
    } else {
        let scale = table_width / least.iter().sum::<f32>();
        least.iter().map(|l| l * scale).collect()
    };
    let mut head = vec![
        HeadCell {
            text: "序号".into(),
            col: 0,
            cols: 1,
            row: 0,
            rows: 2,
        },
        HeadCell {
            text: "单位名称".into(),
            col: 1,
            cols: 1,
            row: 0,
            rows: 2,
        },
    ];
    let mut c = 0;
    while c < FIELDS.len() {
        let group = FIELDS[c].0;
        let span = FIELDS[c..].iter().take_while(|f| f.0 == group).count();
        if group.is_empty() || span == 1 {
            let text = if group.is_empty() { FIELDS[c].1 } else { group };
            head.push(HeadCell {
                text: text.into(),
                col: c + 2,
                cols: span,
                row: 0,
                rows: 2,
            });
        } else {
            head.push(HeadCell {
                text: group.into(),
                col: c + 2,
                cols: span,
                row: 0,
                rows: 1,
            });
            for (i, f) in FIELDS[c..c + span].iter().enumerate() {
                head.push(HeadCell {
                    text: f.1.into(),
                    col: c + 2 + i,
                    cols: 1,
                    row: 1,
                    rows: 1,
                });
            }
        }
        c += span;
    }
    TableSpec {
        widths,
        head,
        levels: 2,
        rows,
        centred: vec![0],
    }
}

/// The header over column `j` of the many-unit table (the lower one under a group).
fn header_of(j: usize) -> &'static str {
    match j {
        0 => "序号",
        1 => "单位名称",
        _ => match FIELDS.get(j - 2) {
            Some(("负责部门", _)) => "负责部门",
            Some((_, field)) => field,
            None => "",
        },
    }
}

/// Draws a cell of body-size text.
fn cell(
    ops: &mut Vec<Op>,
    m: &Metrics,
    rect: (f32, f32, f32, f32),
    text: &str,
    bold: bool,
    centre: bool,
    middle: bool,
) {
    pdf::cell(ops, m, rect, text, (BODY, bold), PAD, centre, middle);
}

/// The height of each header level.
fn header_heights(m: &Metrics, t: &TableSpec) -> Vec<f32> {
    let lh = line_height(BODY);
    let mut heights = vec![lh + 2.0 * PAD; t.levels];
    for c in t.head.iter().filter(|c| c.rows == 1) {
        let w: f32 = t.widths[c.col..c.col + c.cols].iter().sum();
        let n = m.wrap(&c.text, BODY, true, w - 2.0 * PAD).len() as f32;
        heights[c.row] = heights[c.row].max(n * lh + 2.0 * PAD);
    }
    heights
}

fn draw_header(ops: &mut Vec<Op>, m: &Metrics, t: &TableSpec, left: f32, top: f32) -> f32 {
    let heights = header_heights(m, t);
    for c in &t.head {
        let x = left + t.widths[..c.col].iter().sum::<f32>();
        let y = top + heights[..c.row].iter().sum::<f32>();
        let w: f32 = t.widths[c.col..c.col + c.cols].iter().sum();
        let h: f32 = heights[c.row..c.row + c.rows].iter().sum();
        cell(ops, m, (x, y, w, h), &c.text, true, true, true);
    }
    heights.iter().sum()
}

fn row_height(m: &Metrics, t: &TableSpec, row: &[String]) -> f32 {
    let lh = line_height(BODY);
    row.iter()
        .zip(&t.widths)
        .map(|(text, w)| m.wrap(text, BODY, false, w - 2.0 * PAD).len() as f32 * lh)
        .fold(lh, f32::max)
        + 2.0 * PAD
        + 4.0
}

/// The PDF's bytes.
pub fn pdf(data: &ContactFormData) -> Result<Vec<u8>> {
    let m = Metrics::new()?;
    let size = if data.is_single() { A4 } else { (A4.1, A4.0) };
    let margin = if data.is_single() { 15.0 } else { 10.0 } * MM;
    let left = margin;
    let width = size.0 - 2.0 * margin;
    let bottom = size.1 - margin - line_height(BODY) - 6.0;
    let t = spec(&m, data, width);
    let mut pages: Vec<Vec<Op>> = Vec::new();
    let mut ops = Vec::new();
    // The title, the issuer and the date.
    let mut y = margin;
    let title_w = m.width(TITLE, TITLE_SIZE, true);
    ops.push(Op::Text {
        x: left + (width - title_w) / 2.0,
        y,
        size: TITLE_SIZE,
        bold: true,
        text: TITLE.into(),
    });
    y += line_height(TITLE_SIZE) + 10.0;
    let line = 12.0;
    ops.push(Op::Text {
        x: left,
        y,
        size: line,
        bold: false,
        text: data.issuer_line(),
    });
    let date = data.date_line();
    ops.push(Op::Text {
        x: left + width - m.width(&date, line, false),
        y,
        size: line,
        bold: false,
        text: date,
    });
    y += line_height(line) + 6.0;
    y += draw_header(&mut ops, &m, &t, left, y);
    for row in &t.rows {
        let h = row_height(&m, &t, row);
        if y + h > bottom {
            // The row goes whole to the next page, under the header again.
            pages.push(std::mem::take(&mut ops));
            y = margin;
            y += draw_header(&mut ops, &m, &t, left, y);
        }
        let mut x = left;
        for (i, (text, w)) in row.iter().zip(&t.widths).enumerate() {
            cell(
                &mut ops,
                &m,
                (x, y, *w, h),
                text,
                false,
                t.centred.contains(&i),
                true,
            );
            x += w;
        }
        y += h;
    }
    // The note and the space for the stamp, together.
    let note = m.wrap(&data.note, BODY, false, width);
    let stamp = 32.0 * MM;
    let tail = 10.0 + note.len() as f32 * line_height(BODY) + 8.0 + line_height(line) + stamp;
    if y + tail > bottom {
        pages.push(std::mem::take(&mut ops));
        y = margin;
    }
    y += 10.0;
    for l in note {
        ops.push(Op::Text {
            x: left,
            y,
            size: BODY,
            bold: false,
            text: l,
        });
        y += line_height(BODY);
    }
    y += 8.0;
    let seal = "填报单位（盖章）";
    ops.push(Op::Text {
        x: left + width - stamp - m.width(seal, line, false),
        y: y + stamp / 2.0 - line_height(line) / 2.0,
        size: line,
        bold: false,
        text: seal.into(),
    });
    pages.push(ops);
    // Page numbers, now that the count is known.
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let text = format!("第 {} 页 共 {total} 页", i + 1);
        page.push(Op::Text {
            x: left + (width - m.width(&text, BODY, false)) / 2.0,
            y: size.1 - margin - line_height(BODY),
            size: BODY,
            bold: false,
            text,
        });
    }
    pdf::render(&pages, size)
}
