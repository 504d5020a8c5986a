//! A register list with everything the smaller registers share: a search, a date range, a
//! category and a status filter, sorting by any column, the selected row, and deletion through
//! the recycle bin (移入回收站, 恢复, 彻底删除, each confirmed).

use crate::domain::dates;
use crate::ops::lists::ListName;
use crate::store::lists::ListQuery;
use crate::store::meta::Table;
use crate::ui::commands::Command;
use crate::ui::panes::AppCtx;
use crate::ui::theme::palette;
use crate::ui::widgets::bin::{BinBar, BinLook, BinSwitch};
use crate::ui::widgets::live_table::{Counted, LiveTable, Reader};
use crate::ui::widgets::paged_table::{Frame, TableSort};

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
    /// What the search box finds, shown in it while empty (may be empty).
    pub search_hint: &'a str,
    /// Said after the count of the whole list (may be empty).
    pub count_note: &'a str,
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
    /// The list as it goes to Excel (导出…), if it does.
    pub export: Option<ListName>,
}

/// The filters of a list besides its search box, and what the list is read for.
pub trait Filters: Default {
    /// What the list is counted and paged by.
    type Query: Clone + Send + 'static;
    /// What counting the list gives.
    type Counted: Counted;
    /// Draws the filters (on the search box's row, wrapping); returns whether one changed.
    fn ui(&mut self, ui: &mut egui::Ui, look: &ListLook<'_>, ctx: &AppCtx<'_>) -> bool;
    /// Whether any filter is set.
    fn active(&self) -> bool;
    /// Sets every filter to 全部.
    fn clear(&mut self);
    /// What the list shows: the search, the filters, the bin or not, the order.
    fn query(&self, search: &str, in_bin: bool, sort: &TableSort) -> Self::Query;
    /// Says under the filters what in them is not understood.
    fn notes(&self, _ui: &mut egui::Ui) {}
    /// The query as the shared lists take it, for the lists that go to Excel.
    fn list_query(&self, _search: &str, _in_bin: bool, _sort: &TableSort) -> Option<ListQuery> {
        None
    }
}

/// The state of one register list.
pub struct RecordList<T, F: Filters = DateFilters> {
    rows: LiveTable<T, F::Counted>,
    /// The search box as typed, with any input-method pre-edit text.
    search_text: String,
    /// The search as asked: the typed text once no pinyin composition is open.
    search: String,
    filters: F,
    in_bin: bool,
    sort: TableSort,
    changes: u64,
    selected: Option<(usize, T)>,
    bin: BinBar,
    /// The export dialog, while it is open.
    export: Option<super::dialog::ListExportAsk>,
    /// The last export written, for 打开 / 打印 / 打开所在文件夹.
    exported: Option<std::path::PathBuf>,
}

/// The filters most lists have: a date range, a category and a status.
#[derive(Default, Clone, PartialEq)]
pub struct DateFilters {
    from: String,
    to: String,
    category: Option<String>,
    status: Option<String>,
}

impl Filters for DateFilters {
    type Query = ListQuery;
    type Counted = u64;

    fn ui(&mut self, ui: &mut egui::Ui, look: &ListLook<'_>, _ctx: &AppCtx<'_>) -> bool {
        let before = self.clone();
        super::date_picker::wrap_before(ui, 60.0);
        let label = ui.label("日期从");
        super::date_picker::date_field(ui, (look.id, "from"), &mut self.from).labelled_by(label.id);
        super::date_picker::wrap_before(ui, 24.0);
        let label = ui.label("至");
        super::date_picker::date_field(ui, (look.id, "to"), &mut self.to).labelled_by(label.id);
        choice(ui, look.id, look.categories, &mut self.category);
        if let Some(statuses) = look.statuses {
            choice(ui, look.id, statuses, &mut self.status);
        }
        *self != before
    }

    fn active(&self) -> bool {
        *self != Self::default()
    }

    fn clear(&mut self) {
        *self = Self::default();
    }

    fn query(&self, search: &str, in_bin: bool, sort: &TableSort) -> ListQuery {
        let day = |t: &str| dates::parse(t).ok();
        ListQuery {
            text: search.trim().to_string(),
            from: day(&self.from),
            to: day(&self.to),
            category: self.category.clone(),
            status: self.status.clone(),
            in_bin,
            sort_column: sort.column,
            descending: sort.descending,
        }
    }

    fn list_query(&self, search: &str, in_bin: bool, sort: &TableSort) -> Option<ListQuery> {
        Some(self.query(search, in_bin, sort))
    }

    /// Names the dates that are not understood (they are left out of the query).
    fn notes(&self, ui: &mut egui::Ui) {
        for (name, text) in [("起始日期", &self.from), ("截止日期", &self.to)] {
            if !text.trim().is_empty()
                && let Err(e) = dates::parse(text)
            {
                ui.colored_label(palette::ERROR, format!("{name}：{e}（暂不按此筛选）"));
            }
        }
    }
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

impl<T, F: Filters> Default for RecordList<T, F> {
    fn default() -> Self {
        RecordList {
            rows: LiveTable::default(),
            search_text: String::new(),
            search: String::new(),
            filters: F::default(),
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
            export: None,
            exported: None,
        }
    }
}

impl<T, F: Filters> RecordList<T, F> {
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

/// A row of a register list: it knows its record's key.
pub trait ListRow: Clone {
    /// The record's key.
    fn key(&self) -> &str;
}

impl<T: ListRow + Send + 'static, F: Filters> RecordList<T, F> {
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

    /// Draws the search box and the filters. The search is asked when the text is what the
    /// clerk typed: not while a pinyin composition is open, then at once on its commit.
    pub fn filters(&mut self, ui: &mut egui::Ui, look: &ListLook<'_>, ctx: &AppCtx<'_>) {
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(look.search_label);
            let width = if look.search_hint.is_empty() {
                160.0
            } else {
                420.0
            };
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search_text)
                        .hint_text(look.search_hint)
                        .desired_width(width),
                )
                .labelled_by(label.id)
                .on_hover_text("按 Ctrl+F 可直接跳到查找框；Esc 清空");
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
                search.request_focus();
            }
            if search.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.search_text.clear();
            }
            if !self.search_text.is_empty() && ui.button("清空").clicked() {
                self.search_text.clear();
            }
            changed |= self.filters.ui(ui, look, ctx);
            let any = self.filters.active() || !self.search_text.is_empty();
            if ui.add_enabled(any, egui::Button::new("清除筛选")).clicked() {
                self.search_text.clear();
                self.filters.clear();
                changed = true;
            }
        });
        self.filters.notes(ui);
        if self.search_text != self.search && !super::ime::composing(ui.ctx()) {
            self.search = self.search_text.clone();
            changed = true;
        }
        if changed {
            self.changed();
        }
    }

    /// What the list shows now.
    pub fn query(&self) -> F::Query {
        self.filters.query(&self.search, self.in_bin, &self.sort)
    }

    /// Whether a search or a filter narrows the list.
    pub fn narrowed(&self) -> bool {
        !self.search.trim().is_empty() || self.filters.active()
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
        self.bin_buttons_noted(ui, look, what, &|_| None);
    }

    /// As `bin_buttons`; `note` says what removing a record (by key) for good takes along.
    pub fn bin_buttons_noted(
        &mut self,
        ui: &mut egui::Ui,
        look: &ListLook<'_>,
        what: &dyn Fn(&T) -> String,
        note: &dyn Fn(&str) -> Option<String>,
    ) {
        let selected = self
            .selected
            .as_ref()
            .map(|s| (s.1.key().to_string(), what(&s.1)));
        match self
            .bin
            .buttons(ui, &look.bin(), self.in_bin, selected, note)
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
        if let Some(list) = look.export.filter(|_| !self.in_bin)
            && ui
                .button("导出…")
                .on_hover_text("按当前的查找、筛选和排序导出为 Excel 工作簿")
                .clicked()
        {
            let name = format!(
                "{}列表-{}.xlsx",
                list.title(),
                dates::compact(chrono::Local::now().date_naive())
            );
            self.export = Some(super::dialog::ListExportAsk::new(&name));
        }
    }

    /// An export of the list was written: offer to open it.
    pub fn exported(&mut self, path: std::path::PathBuf) {
        self.exported = Some(path);
    }

    /// How many the list holds, as last counted.
    pub fn total(&self) -> usize {
        self.rows.total()
    }

    /// Whether the list's count or a page of it is being read.
    pub fn busy(&self) -> bool {
        self.rows.busy()
    }

    /// Draws the table; returns the row double-clicked (to open it). The list is counted and
    /// paged on the runner (`reader`, on a read-only store); while it is, the last count and
    /// rows stand in.
    pub fn table(
        &mut self,
        ui: &mut egui::Ui,
        look: &ListLook<'_>,
        ctx: &AppCtx<'_>,
        reader: &Reader<F::Query, F::Counted, T>,
        cells: &dyn Fn(&T) -> Vec<String>,
    ) -> Option<T> {
        if let Some(path) = self.exported.clone().filter(|_| !self.in_bin)
            && let Some(e) = crate::ui::system::file_bar(ui, &path)
        {
            crate::ui::failures::report(e);
        }
        let query = self.query();
        let key = ctx
            .version
            .wrapping_mul(1_000_003)
            .wrapping_add(self.changes.wrapping_mul(1_009))
            .wrapping_add(self.sort.changes);
        self.rows.update(ui.ctx(), ctx.store, key, &query, reader);
        let total = self.rows.total();
        let counted = self.rows.counted_for(key);
        let (measure, noun) = (look.measure, look.noun);
        let said = if self.in_bin {
            format!("回收站中有 {total} {measure}{noun}")
        } else if self.narrowed() {
            format!("找到 {total} {measure}{noun}")
        } else {
            format!("共 {total} {measure}{noun}{}", look.count_note)
        };
        ui.horizontal(|ui| {
            // Whole, never broken mid-sentence.
            ui.add(egui::Label::new(said).wrap_mode(egui::TextWrapMode::Extend));
            if !counted {
                ui.spinner();
            }
        });
        ui.separator();
        let drawn = self.rows.show(
            ui,
            Frame {
                id: look.id,
                selected: self.selected.as_ref().map(|s| s.0),
                columns: look.columns,
                sort: Some(&mut self.sort),
                total,
                error: None,
            },
            (key, &query),
            ctx.store,
            reader,
            cells,
        );
        let clicks = drawn.clicks;
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
        if let (Some(ask), Some(list)) = (&mut self.export, look.export) {
            let total = self.rows.total();
            let said = format!(
                "按当前的查找、筛选和排序导出 {total} {}{}，格式为 Excel 工作簿（.xlsx）。",
                look.measure, look.noun
            );
            let answer = ask.show(egui_ctx, list, &said, total > 0);
            match answer {
                Some(true) => {
                    if let Some(query) =
                        self.filters
                            .list_query(&self.search, self.in_bin, &self.sort)
                    {
                        ctx.commands.push(Command::ExportList {
                            list,
                            query,
                            out: std::path::PathBuf::from(ask.path.trim()),
                            numbers: ask.numbers(),
                        });
                    }
                    self.export = None;
                }
                Some(false) => self.export = None,
                None => {}
            }
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
