//! A table read on the runner. A list is counted (with whatever its pages need, such as the
//! ordered keys of a filtered register) and then each visible page is read, each in the
//! background with its own read-only connection. While the list changes — a keystroke, a
//! filter, a sort, a save — the last count and rows stand in, marked by a spinner, until the
//! new ones arrive: no frame waits for SQLite.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::store::{Result, Store};
use crate::ui::failures;
use crate::ui::runner::{self, Poll, Task};
use crate::ui::widgets::paged_table::{self, Frame, RowClicks};

/// Rows read at a time.
const PAGE_SIZE: usize = 100;
/// Pages kept before the cache is emptied.
const MAX_PAGES: usize = 40;

/// What counting a list gives: its total, and anything its pages need.
pub trait Counted: Send + Sync + 'static {
    /// How many rows the list has.
    fn total(&self) -> u64;
}

impl Counted for u64 {
    fn total(&self) -> u64 {
        *self
    }
}

/// How a list is read: counted, then paged (both on a read-only store of the list's file).
pub struct Reader<Q, C, T> {
    /// Counts the list as queried.
    pub count: fn(&Store, &Q) -> Result<C>,
    /// Reads `limit` rows from `offset` of the list as queried and counted.
    pub page: fn(&Store, &Q, &C, usize, usize) -> Result<Vec<T>>,
}

/// The rows read for one state of the list.
struct Pages<T> {
    key: u64,
    pages: BTreeMap<usize, Vec<T>>,
}

impl<T> Pages<T> {
    fn row(&self, index: usize) -> Option<&T> {
        self.pages.get(&(index / PAGE_SIZE))?.get(index % PAGE_SIZE)
    }
}

type Counting<C> = (u64, Task<std::result::Result<C, String>>);
type Loading<T> = (u64, usize, Task<std::result::Result<Vec<T>, String>>);

/// The state of a table read on the runner: `T` its rows, `C` what counting it gives.
pub struct LiveTable<T, C> {
    /// The count as last read, with the key it was read for.
    counted: Option<(u64, Arc<C>)>,
    counting: Option<Counting<C>>,
    /// Rows read for the counted key.
    shown: Pages<T>,
    /// Rows of the state before, standing in where the new ones are not read yet.
    stale: Option<Pages<T>>,
    /// The one page being read.
    loading: Option<Loading<T>>,
    error: Option<String>,
}

impl<T, C> Default for LiveTable<T, C> {
    fn default() -> Self {
        LiveTable {
            counted: None,
            counting: None,
            shown: Pages {
                key: u64::MAX,
                pages: BTreeMap::new(),
            },
            stale: None,
            loading: None,
            error: None,
        }
    }
}

/// What one frame of the table came to.
pub struct Drawn {
    /// What the user clicked.
    pub clicks: RowClicks,
    /// Whether the rows shown are those of the list as it is now.
    pub fresh: bool,
}

impl<T: Clone + Send + 'static, C: Counted> LiveTable<T, C> {
    /// Whether a count or a page is being read.
    pub fn busy(&self) -> bool {
        self.counting.is_some() || self.loading.is_some()
    }

    /// The total of the list as last counted (the one shown).
    pub fn total(&self) -> usize {
        self.counted.as_ref().map_or(0, |c| c.1.total() as usize)
    }

    /// Whether the list has been counted for `key`.
    pub fn counted_for(&self, key: u64) -> bool {
        self.counted.as_ref().is_some_and(|c| c.0 == key)
    }

    /// Row `index` as shown (the one the user just clicked is always among them).
    pub fn cached(&self, index: usize) -> Option<&T> {
        self.shown
            .row(index)
            .or_else(|| self.stale.as_ref()?.row(index))
    }

    /// Takes what the runner finished, and starts counting the list for `key` when it was not.
    pub fn update<Q: Clone + Send + 'static>(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
        key: u64,
        query: &Q,
        reader: &Reader<Q, C, T>,
    ) {
        if let Some((asked, task)) = &mut self.counting {
            let asked = *asked;
            match task.poll() {
                Poll::Running => {}
                Poll::Done(result) => {
                    self.counting = None;
                    match result {
                        Ok(c) => self.show_count(asked, c),
                        Err(e) => failures::report(format!("读取列表失败：{e}")),
                    }
                }
                Poll::Lost => self.counting = None,
            }
        }
        if let Some((asked, page, task)) = &mut self.loading {
            let (asked, page) = (*asked, *page);
            match task.poll() {
                Poll::Running => {}
                Poll::Done(result) => {
                    self.loading = None;
                    if asked == self.shown.key {
                        let rows = result.unwrap_or_else(|e| {
                            self.error = Some(e);
                            Vec::new()
                        });
                        if self.shown.pages.len() >= MAX_PAGES {
                            self.shown.pages.clear();
                        }
                        self.shown.pages.insert(page, rows);
                    }
                }
                Poll::Lost => self.loading = None,
            }
        }
        if !self.counted_for(key) && self.counting.as_ref().map(|c| c.0) != Some(key) {
            let path = store.path().to_path_buf();
            let (q, count) = (query.clone(), reader.count);
            match runner::start("list-count", ctx, move |_| {
                Store::open_read_only(&path)
                    .and_then(|s| count(&s, &q))
                    .map_err(|e| e.to_string())
            }) {
                Ok(task) => self.counting = Some((key, task)),
                Err(e) => failures::report(e),
            }
        }
    }

    fn show_count(&mut self, key: u64, counted: C) {
        self.counted = Some((key, Arc::new(counted)));
        self.error = None;
        let old = std::mem::replace(
            &mut self.shown,
            Pages {
                key,
                pages: BTreeMap::new(),
            },
        );
        if !old.pages.is_empty() {
            self.stale = Some(old);
        }
    }

    /// Draws the table for the list as it is (`key`, `query`); pages not read yet are asked of
    /// the runner, one at a time, and stand in from before meanwhile.
    pub fn show<Q: Clone + Send + 'static>(
        &mut self,
        ui: &mut egui::Ui,
        frame: Frame<'_>,
        (key, query): (u64, &Q),
        store: &Store,
        reader: &Reader<Q, C, T>,
        cells: &dyn Fn(&T) -> Vec<String>,
    ) -> Drawn {
        if self.counted.is_none() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("正在读取……");
            });
            return Drawn {
                clicks: RowClicks::default(),
                fresh: false,
            };
        }
        let mut wanted: Option<usize> = None;
        let error = self.error.clone();
        let clicks = paged_table::show_rows(
            ui,
            Frame {
                error: error.as_deref(),
                ..frame
            },
            &mut |index| match self.shown.row(index) {
                Some(row) => Some(cells(row)),
                None => {
                    if !self.shown.pages.contains_key(&(index / PAGE_SIZE)) {
                        wanted.get_or_insert(index / PAGE_SIZE);
                    }
                    self.stale.as_ref()?.row(index).map(cells)
                }
            },
        );
        if let (Some(page), None, Some((counted_key, counted))) =
            (wanted, &self.loading, &self.counted)
        {
            let (path, q, c) = (store.path().to_path_buf(), query.clone(), counted.clone());
            let read = reader.page;
            match runner::start("list-page", ui.ctx(), move |_| {
                Store::open_read_only(&path)
                    .and_then(|s| read(&s, &q, &c, page * PAGE_SIZE, PAGE_SIZE))
                    .map_err(|e| e.to_string())
            }) {
                Ok(task) => self.loading = Some((*counted_key, page, task)),
                Err(e) => failures::report(e),
            }
        }
        Drawn {
            clicks,
            fresh: self.counted_for(key) && wanted.is_none(),
        }
    }
}
