//! A register list with everything the smaller registers share: a search, a date range, a
//! category and a status filter, sorting by any column, the selected row, and deletion through
//! the recycle bin (移入回收站, 恢复, 彻底删除, each confirmed).

use crate::domain::dates;
use crate::store::lists::ListQuery;
use crate::store::meta::Table;
use crate::store::{Result, Store};
use crate::ui::failures;
use crate::ui::panes::AppCtx;
use crate::ui::runner::{self, Poll, Task};
use crate::ui::theme::palette;
use crate::ui::widgets::bin::{BinBar, BinLook, BinSwitch};
use crate::ui::widgets::paged_table::{self, PagedRows, RowClicks, TableSort};

/// How a list looks: its names and choices.
pub struct ListLook<'a> {
    /// Salt of its widgets.
    pub id: &'a str,
    /// The record's Chinese name (培训, 表彰 …).
    pub noun: &'a str,
    /// Its measure word (次, 项, 条).
    pub measure: &'a str,
    /// The table its records live in.
    pub table: Table,
    /// Label of the search box.
    pub search_label: &'a str,
    /// Label and choices of the category filter.
    pub categories: (&'a str, &'a [&'a str]),
    /// Label and choices of the status filter, if the list has one.
    pub statuses: Option<(&'a str, &'a [&'a str])>,
    /// Headers and widths.
    pub columns: &'a [(&'a str, f32)],
    /// What a record removed for good takes with it (said before it goes; may be empty).
    pub takes_along: &'a str,
    /// What moving a record to the bin means besides (may be empty).
    pub on_delete: &'a str,
}

/// The state of one register list.
pub struct RecordList<T> {
    rows: PagedRows<T>,
    search: String,
    from: String,
    to: String,
    category: Option<String>,
    status: Option<String>,
    in_bin: bool,
    sort: TableSort,
    changes: u64,
    selected: Option<(usize, T)>,
    bin: BinBar,
    /// The count of the list as last read: the key it was read for, and the count.
    counted: Option<(u64, u64)>,
    /// The count being read on the runner (a search over a third of a million activities
    /// takes a while), for the key it was asked for.
    counting: Option<(u64, Task<std::result::Result<u64, String>>)>,
}

impl ListLook<'_> {
    /// How the bin names the list's records.
    fn bin(&self) -> BinLook<'_> {
        BinLook {
            id: self.id,
            noun: self.noun,
            measure: self.measure,
            table: self.table,
            takes_along: self.takes_along,
            on_delete: self.on_delete,
        }
    }
}

impl<T> Default for RecordList<T> {
    fn default() -> Self {
        RecordList {
            rows: PagedRows::default(),
            search: String::new(),
            from: String::new(),
            to: String::new(),
            category: None,
            status: None,
            in_bin: false,
            // Newest first.
            sort: TableSort {
                column: 0,
                descending: true,
                ..Default::default()
            },
            changes: 0,
            selected: None,
            bin: BinBar::default(),
            counted: None,
            counting: None,
        }
    }
}

impl<T> RecordList<T> {
    /// A list first sorted by `column` (the default is the first column, newest first).
    pub fn sorted(column: usize, descending: bool) -> Self {
        let mut list = Self::default();
        list.sort.column = column;
        list.sort.descending = descending;
        list
    }

    /// Columns from `first` on are shown but not sortable (counted per row).
    pub fn unsortable_from(mut self, first: usize) -> Self {
        self.sort.unsortable_from = Some(first);
        self
    }
}

/// Reads a page of a list: the query, the offset and the number of rows.
pub type Fetch<'a, T> = dyn FnMut(&ListQuery, usize, usize) -> Result<Vec<T>> + 'a;

/// A row of a register list: it knows its record's key.
pub trait ListRow: Clone {
    /// The record's key.
    fn key(&self) -> &str;
}

impl<T: ListRow> RecordList<T> {
    /// Whether the recycle bin is shown.
    pub fn in_bin(&self) -> bool {
        self.in_bin
    }

    /// The pane's heading, or the bin's while the bin is shown.
    pub fn heading(&self, ui: &mut egui::Ui, look: &ListLook<'_>, heading: &str) {
        if self.in_bin {
            ui.heading(format!("回收站：已删除的{}", look.noun));
        } else {
            ui.heading(heading);
        }
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&T> {
        self.selected.as_ref().map(|s| &s.1)
    }

    /// Draws the filter rows. Dates that are not understood are named and left out.
    pub fn filters(&mut self, ui: &mut egui::Ui, look: &ListLook<'_>) {
        let before = self.filter_state();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(look.search_label);
            let search = ui
                .add(egui::TextEdit::singleline(&mut self.search).desired_width(160.0))
                .labelled_by(label.id)
                .on_hover_text("按 Ctrl+F 可直接跳到查找框");
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
                search.request_focus();
            }
            super::date_picker::wrap_before(ui, 60.0);
            let label = ui.label("日期从");
            super::date_picker::date_field(ui, (look.id, "from"), &mut self.from)
                .labelled_by(label.id);
            super::date_picker::wrap_before(ui, 24.0);
            let label = ui.label("至");
            super::date_picker::date_field(ui, (look.id, "to"), &mut self.to).labelled_by(label.id);
            choice(ui, look.id, look.categories, &mut self.category);
            if let Some(statuses) = look.statuses {
                choice(ui, look.id, statuses, &mut self.status);
            }
            if ui.button("清除筛选").clicked() {
                self.search.clear();
                self.from.clear();
                self.to.clear();
                self.category = None;
                self.status = None;
            }
        });
        for (name, text) in [("起始日期", &self.from), ("截止日期", &self.to)] {
            if !text.trim().is_empty()
                && let Err(e) = dates::parse(text)
            {
                ui.colored_label(palette::ERROR, format!("{name}：{e}（暂不按此筛选）"));
            }
        }
        if before != self.filter_state() {
            self.changed();
        }
    }

    fn filter_state(&self) -> [Option<String>; 5] {
        [
            Some(self.search.clone()),
            Some(self.from.clone()),
            Some(self.to.clone()),
            self.category.clone(),
            self.status.clone(),
        ]
    }

    /// What the list shows now.
    pub fn query(&self) -> ListQuery {
        let day = |t: &str| dates::parse(t).ok();
        ListQuery {
            text: self.search.trim().to_string(),
            from: day(&self.from),
            to: day(&self.to),
            category: self.category.clone(),
            status: self.status.clone(),
            in_bin: self.in_bin,
            sort_column: self.sort.column,
            descending: self.sort.descending,
        }
    }

    /// The buttons that move the selected record to the bin, or (in the bin) restore or remove
    /// it for good, and the switch between the list and the bin. `what` names a record in the
    /// confirmations. The Delete key does what 删除 does.
    pub fn bin_buttons(
        &mut self,
        ui: &mut egui::Ui,
        look: &ListLook<'_>,
        what: &dyn Fn(&T) -> String,
    ) {
        let selected = self
            .selected
            .as_ref()
            .map(|s| (s.1.key().to_string(), what(&s.1)));
        match self
            .bin
            .buttons(ui, &look.bin(), self.in_bin, selected, &|_| None)
        {
            BinSwitch::Stay => {}
            BinSwitch::ToBin => {
                self.in_bin = true;
                self.changed();
            }
            BinSwitch::ToList => {
                self.in_bin = false;
                self.changed();
            }
        }
    }

    /// Whether the list's count is being read.
    pub fn busy(&self) -> bool {
        self.counting.is_some()
    }

    /// Draws the table; returns the row double-clicked (to open it). The list is counted on the
    /// runner with its own connection (`count` on a read-only store); while it is, the last
    /// count stands in and the pages are read again once it arrives.
    pub fn table(
        &mut self,
        ui: &mut egui::Ui,
        look: &ListLook<'_>,
        ctx: &AppCtx<'_>,
        count: fn(&Store, &ListQuery) -> Result<u64>,
        fetch: &mut Fetch<'_, T>,
        cells: &dyn Fn(&T) -> Vec<String>,
    ) -> Option<T> {
        let (version, store) = (ctx.version, ctx.store);
        let query = self.query();
        let key = version
            .wrapping_mul(1_000_003)
            .wrapping_add(self.changes.wrapping_mul(1_009))
            .wrapping_add(self.sort.changes);
        if let Some((asked, task)) = &mut self.counting {
            let asked = *asked;
            match task.poll() {
                Poll::Running => {}
                Poll::Done(result) => {
                    let n = result.unwrap_or_else(|e| {
                        failures::report(format!("读取{}列表失败：{e}", look.noun));
                        0
                    });
                    self.counted = Some((asked, n));
                    self.counting = None;
                }
                Poll::Lost => self.counting = None,
            }
        }
        let fresh = self.counted.is_some_and(|c| c.0 == key);
        if !fresh && self.counting.as_ref().map(|c| c.0) != Some(key) {
            let path = store.path().to_path_buf();
            let q = query.clone();
            let task = runner::start("list-count", ui.ctx(), move |_| {
                Store::open_read_only(&path)
                    .and_then(|s| count(&s, &q))
                    .map_err(|e| e.to_string())
            });
            match task {
                Ok(task) => self.counting = Some((key, task)),
                Err(e) => failures::report(e),
            }
        }
        // The pages are read again when the count for this key arrives.
        self.rows.sync(if fresh { key } else { !key });
        let counted = self.counted.map_or(0, |c| c.1);
        let total = self.rows.total(|| Ok(counted));
        let place = if self.in_bin {
            "回收站中有"
        } else {
            "共"
        };
        ui.horizontal(|ui| {
            ui.label(format!("{place} {total} {}{}", look.measure, look.noun));
            if !fresh {
                ui.spinner();
            }
        });
        ui.separator();
        let clicks: RowClicks = paged_table::show(
            ui,
            look.id,
            self.selected.as_ref().map(|s| s.0),
            look.columns,
            Some(&mut self.sort),
            &mut self.rows,
            total,
            &mut |offset, limit| fetch(&query, offset, limit),
            cells,
        );
        if let Some(i) = clicks.clicked.or(clicks.opened) {
            self.selected = self.rows.cached(i).map(|r| (i, r.clone()));
        }
        let opened = clicks.opened.and_then(|i| self.rows.cached(i).cloned());
        // A record in the bin opens only after it is restored.
        opened.filter(|_| !self.in_bin)
    }

    /// The confirmation of a bin action, if one is waiting; queues the command when confirmed.
    pub fn confirm(&mut self, egui_ctx: &egui::Context, ctx: &mut AppCtx<'_>, look: &ListLook<'_>) {
        if self.bin.confirm(egui_ctx, &look.bin(), ctx.commands) {
            self.selected = None;
        }
    }

    fn changed(&mut self) {
        self.changes += 1;
        self.selected = None;
    }
}

/// A combo box of `choices` with 全部 for none.
fn choice(
    ui: &mut egui::Ui,
    salt: &str,
    (label, choices): (&str, &[&str]),
    value: &mut Option<String>,
) {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt((salt, label.id))
        .selected_text(value.as_deref().unwrap_or("全部"))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "全部");
            for c in choices {
                ui.selectable_value(value, Some(c.to_string()), *c);
            }
        })
        .response
        .labelled_by(label.id);
}
