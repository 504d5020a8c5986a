//! Text and tables flowing down pages: a cursor that breaks the page when what comes next does
//! not fit, tables whose header is repeated on every page and whose rows are never cut, and
//! lists of names packed into lines without splitting a name. The record sheet and the 台账
//! lay out with it.

use super::pdf::{self, Metrics, Op, line_height};

/// Padding inside table cells.
pub const PAD: f32 = 3.0;

/// Pages being filled from the top down.
pub struct Flow<'m, 'f> {
    /// The faces text is measured with.
    pub m: &'m Metrics<'f>,
    /// Finished pages.
    pub pages: Vec<Vec<Op>>,
    /// The page being filled.
    pub ops: Vec<Op>,
    /// The top of what comes next.
    pub y: f32,
    /// The text column's left edge.
    pub left: f32,
    /// The text column's width.
    pub width: f32,
    /// Where a page's text starts.
    pub top: f32,
    /// Where a page's text must end (the page number goes below).
    pub bottom: f32,
}

/// A table: headers, column widths as fractions of the text column, which columns are centred.
pub struct Grid<'a> {
    /// The header texts.
    pub headers: &'a [&'a str],
    /// Each column's share of the width (summing to 1).
    pub widths: &'a [f32],
    /// Which columns are centred (the others are left aligned).
    pub centred: &'a [bool],
    /// Text size.
    pub size: f32,
}

impl<'m, 'f> Flow<'m, 'f> {
    /// An empty first page of `page` size with `margin` all round; `foot` is kept free at the
    /// bottom for the page number.
    pub fn new(m: &'m Metrics<'f>, page: (f32, f32), margin: f32, foot: f32) -> Self {
        Flow {
            m,
            pages: Vec::new(),
            ops: Vec::new(),
            y: margin,
            left: margin,
            width: page.0 - 2.0 * margin,
            top: margin,
            bottom: page.1 - margin - foot,
        }
    }

    /// Starts a new page (unless the current one is still empty).
    pub fn new_page(&mut self) {
        if !self.ops.is_empty() {
            self.pages.push(std::mem::take(&mut self.ops));
        }
        self.y = self.top;
    }

    /// Starts a new page when `h` more points do not fit on this one.
    pub fn need(&mut self, h: f32) {
        if self.y + h > self.bottom {
            self.new_page();
        }
    }

    /// The page number (from 1) the next thing lands on, if it fits.
    pub fn page_number(&self) -> usize {
        self.pages.len() + 1
    }

    /// One line of text at the current position (not wrapped), then the cursor below it.
    pub fn line(&mut self, size: f32, bold: bool, text: &str) {
        self.need(line_height(size));
        pdf::text(&mut self.ops, (self.left, self.y), size, bold, text);
        self.y += line_height(size);
    }

    /// A line centred over the text column.
    pub fn centred(&mut self, size: f32, bold: bool, text: &str) {
        self.need(line_height(size));
        let x = self.left + (self.width - self.m.width(text, size, bold)) / 2.0;
        pdf::text(&mut self.ops, (x, self.y), size, bold, text);
        self.y += line_height(size);
    }

    /// Text wrapped to the column, breaking pages between lines.
    pub fn paragraph(&mut self, size: f32, bold: bool, text: &str) {
        for line in self.m.wrap(text, size, bold, self.width) {
            self.line(size, bold, &line);
        }
    }

    /// `items` (names, each whole) after `lead`, joined by 、 and packed into lines: a name is
    /// never split across lines (one wider than the column is wrapped on its own).
    pub fn names(&mut self, size: f32, lead: &str, items: &[String]) {
        let mut line = lead.to_string();
        for (i, item) in items.iter().enumerate() {
            let piece = if i + 1 < items.len() {
                format!("{item}、")
            } else {
                item.clone()
            };
            let fits =
                self.m.width(&line, size, false) + self.m.width(&piece, size, false) <= self.width;
            if !fits && !line.is_empty() {
                self.line(size, false, &std::mem::take(&mut line));
            }
            line.push_str(&piece);
        }
        if !line.is_empty() {
            self.paragraph(size, false, &line);
        }
    }

    /// Moves the cursor down by `h` points.
    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// The height of a row of `cells` in `grid`.
    fn row_height(&self, grid: &Grid<'_>, cells: &[String], bold: bool) -> f32 {
        let lines = cells
            .iter()
            .zip(grid.widths)
            .map(|(t, w)| {
                self.m
                    .wrap(t, grid.size, bold, w * self.width - 2.0 * PAD)
                    .len()
            })
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * line_height(grid.size) + 2.0 * PAD
    }

    /// Draws one row at the cursor.
    fn row(&mut self, grid: &Grid<'_>, cells: &[String], bold: bool, h: f32) {
        let mut x = self.left;
        for (i, (t, w)) in cells.iter().zip(grid.widths).enumerate() {
            let w = w * self.width;
            let centre = bold || grid.centred.get(i).copied().unwrap_or(false);
            pdf::cell(
                &mut self.ops,
                self.m,
                (x, self.y, w, h),
                t,
                (grid.size, bold),
                PAD,
                centre,
                true,
            );
            x += w;
        }
        self.y += h;
    }

    /// A row of two cells, a label (bold, centred) and its value, whole on one page.
    pub fn field(&mut self, grid: &Grid<'_>, label: &str, value: &str) {
        let cells = [label.to_string(), value.to_string()];
        let h = self.row_height(grid, &cells, false) + 2.0;
        self.need(h);
        let (w0, w1) = (grid.widths[0] * self.width, grid.widths[1] * self.width);
        let y = self.y;
        pdf::cell(
            &mut self.ops,
            self.m,
            (self.left, y, w0, h),
            label,
            (grid.size, true),
            PAD,
            true,
            true,
        );
        pdf::cell(
            &mut self.ops,
            self.m,
            (self.left + w0, y, w1, h),
            value,
            (grid.size, false),
            PAD,
            false,
            true,
        );
        self.y += h;
    }

    /// A table: the header, then the rows, the header again at the top of every new page; a
    /// row is never cut (a row taller than a page gets a page of its own), and the header never
    /// stands alone at the foot of a page.
    pub fn table(&mut self, grid: &Grid<'_>, rows: impl IntoIterator<Item = Vec<String>>) {
        let head: Vec<String> = grid.headers.iter().map(|h| h.to_string()).collect();
        let head_h = self.row_height(grid, &head, true);
        self.need(head_h + line_height(grid.size) + 2.0 * PAD);
        self.row(grid, &head, true, head_h);
        for cells in rows {
            let h = self.row_height(grid, &cells, false);
            if self.y + h > self.bottom {
                self.new_page();
                self.row(grid, &head, true, head_h);
            }
            self.row(grid, &cells, false, h);
        }
    }

    /// Every page, not numbered (for documents put together from several flows).
    pub fn into_pages(mut self) -> Vec<Vec<Op>> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.ops));
        }
        self.pages
    }

    /// Every page, numbered `第 N 页 共 M 页` at the foot.
    pub fn finish(self, size: f32) -> Vec<Vec<Op>> {
        let (m, left, width, foot) = (self.m, self.left, self.width, self.bottom + 6.0);
        let mut pages = self.into_pages();
        pdf::number_pages(&mut pages, m, (left, width, foot), size);
        pages
    }
}
