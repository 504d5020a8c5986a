//! A virtual-scrolled table that fetches only the visible pages from the store and caches them
//! until the data changes.

use std::collections::BTreeMap;

use egui_extras::{Column, TableBuilder};

use crate::store::Result;

/// Rows fetched per query.
const PAGE_SIZE: usize = 100;
/// Pages kept before the cache is emptied.
const MAX_PAGES: usize = 40;

/// The rows of one table, fetched page by page and kept until the data version changes.
pub struct PagedRows<T> {
    version: u64,
    total: Option<usize>,
    pages: BTreeMap<usize, Vec<T>>,
    error: Option<String>,
}

impl<T> Default for PagedRows<T> {
    fn default() -> Self {
        PagedRows {
            version: u64::MAX,
            total: None,
            pages: BTreeMap::new(),
            error: None,
        }
    }
}

impl<T> PagedRows<T> {
    /// Forgets everything when the data changed since the last fetch.
    pub fn sync(&mut self, version: u64) {
        if self.version != version {
            self.version = version;
            self.total = None;
            self.pages.clear();
            self.error = None;
        }
    }

    /// The total row count, counted once per data version.
    pub fn total(&mut self, count: impl FnOnce() -> Result<u64>) -> usize {
        if let Some(t) = self.total {
            return t;
        }
        let t = match count() {
            Ok(n) => n as usize,
            Err(e) => {
                self.error = Some(e.to_string());
                0
            }
        };
        self.total = Some(t);
        t
    }

    /// Row `index`, fetching its page if needed.
    pub fn row(
        &mut self,
        index: usize,
        fetch: &mut dyn FnMut(usize, usize) -> Result<Vec<T>>,
    ) -> Option<&T> {
        let page = index / PAGE_SIZE;
        if !self.pages.contains_key(&page) {
            if self.pages.len() >= MAX_PAGES {
                self.pages.clear();
            }
            match fetch(page * PAGE_SIZE, PAGE_SIZE) {
                Ok(rows) => {
                    self.pages.insert(page, rows);
                }
                Err(e) => {
                    self.error = Some(e.to_string());
                    self.pages.insert(page, Vec::new());
                }
            }
        }
        self.pages.get(&page)?.get(index % PAGE_SIZE)
    }

    /// The last error, shown above the table.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// Draws a table of `total` rows with the given column headers and widths; `cells` gives the
/// texts of one row; `selected` is highlighted. Returns what the user clicked.
#[allow(clippy::too_many_arguments)]
pub fn show<T>(
    ui: &mut egui::Ui,
    id: &str,
    selected: Option<usize>,
    columns: &[(&str, f32)],
    sort: Option<&mut TableSort>,
    rows: &mut PagedRows<T>,
    total: usize,
    fetch: &mut dyn FnMut(usize, usize) -> Result<Vec<T>>,
    cells: &dyn Fn(&T) -> Vec<String>,
) -> RowClicks {
    let error = rows.error().map(str::to_string);
    show_rows(
        ui,
        Frame {
            id,
            selected,
            columns,
            sort,
            total,
            error: error.as_deref(),
        },
        &mut |index| rows.row(index, fetch).map(cells),
    )
}

/// What a table shows besides its rows.
pub struct Frame<'a> {
    /// Salt of its widgets.
    pub id: &'a str,
    /// The highlighted row.
    pub selected: Option<usize>,
    /// Headers and widths.
    pub columns: &'a [(&'a str, f32)],
    /// The order, when the headers sort.
    pub sort: Option<&'a mut TableSort>,
    /// How many rows.
    pub total: usize,
    /// A failed read, said above the table.
    pub error: Option<&'a str>,
}

/// Draws a table whose row texts come from `row` (`None` while a row is not read yet: drawn as
/// …). Returns what the user clicked.
pub fn show_rows(
    ui: &mut egui::Ui,
    frame: Frame<'_>,
    row_texts: &mut dyn FnMut(usize) -> Option<Vec<String>>,
) -> RowClicks {
    let Frame {
        id,
        selected,
        columns,
        mut sort,
        total,
        error,
    } = frame;
    if let Some(err) = error {
        ui.colored_label(
            super::super::theme::palette::ERROR,
            format!("读取数据出错：{err}"),
        );
    }
    if total == 0 {
        ui.label("暂无记录。");
        return RowClicks::default();
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let keys_id = egui::Id::unique((id, "table_keys"));
    let key = keyed(ui, keys_id, total, selected);
    let jump = match key {
        Some(Keyed::Scroll(row, align)) => Some((row, Some(align))),
        Some(Keyed::Select(row)) => Some((row, None)),
        _ => None,
    };
    let mut seen = Seen {
        rect: egui::Rect::NOTHING,
        first: usize::MAX,
        last: 0,
        typing: false,
    };
    // A window narrower than the columns scrolls sideways instead of cutting columns off.
    let min_width: f32 = columns.iter().map(|(_, w)| w + 8.0).sum();
    let output = egui::ScrollArea::horizontal()
        .id_salt((id, "h"))
        .show(ui, |ui| {
            ui.set_width(ui.available_width().max(min_width));
            let mut clicks = RowClicks::default();
            let mut builder = TableBuilder::new(ui)
                .id_salt(id)
                .striped(true)
                .resizable(true)
                .auto_shrink([false, false])
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
            if let Some((row, align)) = jump {
                builder = builder.scroll_to_row(row, align).animate_scrolling(false);
            }
            for (i, (_, width)) in columns.iter().enumerate() {
                builder = if i + 1 == columns.len() {
                    builder.column(Column::remainder().at_least(*width).clip(true))
                } else {
                    builder.column(Column::initial(*width).at_least(40.0).clip(true))
                };
            }
            builder
                .header(row_height + 4.0, |mut header| {
                    for (i, (title, _)) in columns.iter().enumerate() {
                        header.col(|ui| match sort.as_deref_mut() {
                            Some(sort) if sort.unsortable_from.is_none_or(|n| i < n) => {
                                let arrow = match (sort.column == i, sort.descending) {
                                    (true, false) => " ▲",
                                    (true, true) => " ▼",
                                    (false, _) => "",
                                };
                                let button = ui
                                    .add(
                                        egui::Button::new(
                                            egui::RichText::new(format!("{title}{arrow}")).strong(),
                                        )
                                        .frame(false),
                                    )
                                    .on_hover_text("点击按此列排序，再点一次倒序");
                                if button.clicked() {
                                    sort.click(i);
                                }
                            }
                            _ => {
                                ui.strong(*title);
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, total, |mut row| {
                        let index = row.index();
                        seen.first = seen.first.min(index);
                        seen.last = seen.last.max(index);
                        row.set_selected(selected == Some(index));
                        let texts = row_texts(index);
                        match texts {
                            Some(texts) => {
                                for t in texts {
                                    row.col(|ui| {
                                        // Not selectable, so a click lands on the row.
                                        ui.add(egui::Label::new(t).selectable(false));
                                    });
                                }
                            }
                            None => {
                                row.col(|ui| {
                                    ui.weak("…");
                                });
                            }
                        }
                        let response = row.response();
                        if response.clicked() {
                            clicks.clicked = Some(index);
                        }
                        if response.double_clicked() {
                            clicks.opened = Some(index);
                        }
                    });
                });
            clicks
        });
    seen.rect = output.inner_rect;
    seen.typing = ui.ctx().egui_wants_keyboard_input();
    ui.ctx().data_mut(|d| d.insert_temp(keys_id, seen));
    let mut clicks = output.inner;
    match key {
        // Selected once its row is read (a row of a page still being read is not selected: the
        // key is pressed again).
        Some(Keyed::Select(row)) if row_texts(row).is_some() => clicks.clicked = Some(row),
        Some(Keyed::Open) => clicks.opened = selected,
        _ => {}
    }
    clicks
}

/// What a key asks of a table.
#[derive(Debug, Clone, Copy)]
enum Keyed {
    /// Scroll so this row is shown so.
    Scroll(usize, egui::Align),
    /// Select this row (and scroll to it).
    Select(usize),
    /// Open the selected row.
    Open,
}

/// Where a table was drawn and which rows it showed, for the next frame's keys.
#[derive(Debug, Clone, Copy)]
struct Seen {
    rect: egui::Rect,
    first: usize,
    last: usize,
    /// A text field had the keys: a key that makes it let go (Enter, Esc) is its own, not the
    /// table's, in the frame it lets go.
    typing: bool,
}

/// What a key asks of the table, as in a spreadsheet: Page Down and Page Up scroll a
/// screenful, Home (or Ctrl+Home) to the first row, End (or Ctrl+End) to the last; the arrows
/// select the row below or above the selected one (the first shown when none is), Enter opens
/// the selected row. Only while the pointer is over the table and no text field takes the keys.
fn keyed(ui: &egui::Ui, keys_id: egui::Id, total: usize, selected: Option<usize>) -> Option<Keyed> {
    let seen: Seen = ui.ctx().data(|d| d.get_temp(keys_id))?;
    if seen.typing || ui.ctx().egui_wants_keyboard_input() || !ui.rect_contains_pointer(seen.rect) {
        return None;
    }
    let last = total.checked_sub(1)?;
    let screenful = seen.last.saturating_sub(seen.first).max(1);
    let shown = seen.first.min(last);
    // The arrows and Enter are taken, so that what opens (a form that saves on Enter) does not
    // see the same key again in this frame.
    let none = egui::Modifiers::NONE;
    ui.input_mut(|i| {
        if i.key_pressed(egui::Key::PageDown) {
            Some(Keyed::Scroll(seen.last.min(last), egui::Align::TOP))
        } else if i.key_pressed(egui::Key::PageUp) {
            Some(Keyed::Scroll(
                seen.first.saturating_sub(screenful),
                egui::Align::TOP,
            ))
        } else if i.key_pressed(egui::Key::Home) {
            Some(Keyed::Scroll(0, egui::Align::TOP))
        } else if i.key_pressed(egui::Key::End) {
            Some(Keyed::Scroll(last, egui::Align::BOTTOM))
        } else if i.consume_key(none, egui::Key::ArrowDown) {
            Some(Keyed::Select(selected.map_or(shown, |s| (s + 1).min(last))))
        } else if i.consume_key(none, egui::Key::ArrowUp) {
            Some(Keyed::Select(
                selected.map_or(shown, |s| s.saturating_sub(1).min(last)),
            ))
        } else if selected.is_some() && i.consume_key(none, egui::Key::Enter) {
            Some(Keyed::Open)
        } else {
            None
        }
    })
}

/// The column a table is sorted by; clicking a header sorts by it, clicking again reverses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableSort {
    /// The column's index.
    pub column: usize,
    /// Descending order.
    pub descending: bool,
    /// How often the order changed (part of a table's cache key).
    pub changes: u64,
    /// The first of the trailing columns that cannot be sorted by (none when `None`).
    pub unsortable_from: Option<usize>,
}

impl TableSort {
    fn click(&mut self, column: usize) {
        if self.column == column {
            self.descending = !self.descending;
        } else {
            self.column = column;
            self.descending = false;
        }
        self.changes += 1;
    }
}

/// What the user did to the rows in one frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowClicks {
    /// A row clicked once (select it).
    pub clicked: Option<usize>,
    /// A row double-clicked (open it).
    pub opened: Option<usize>,
}

impl<T> PagedRows<T> {
    /// A row already fetched (the one the user just clicked is always on a cached page).
    pub fn cached(&self, index: usize) -> Option<&T> {
        self.pages.get(&(index / PAGE_SIZE))?.get(index % PAGE_SIZE)
    }
}
