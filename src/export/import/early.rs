//! Rows judged while a spreadsheet is still being read: an .xlsx is unpacked and parsed on a
//! thread of its own, and each row it completes is judged by the form's rules here meanwhile,
//! by the mapping its header row gives. The check then takes those judgements when its mapping
//! and day are the same, and judges only the rest.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::check::{self, Columns, Judged, Row};
use super::{HEADER_WITHIN, ImportError, ImportField, ImportFile, auto_map, header_row};
use crate::export::table::Cell;
use crate::store::Store;

/// The header row found among the rows read so far.
struct Header {
    /// Its row (0-based).
    row: usize,
    /// Its texts.
    texts: Vec<String>,
    /// The columns of the fields by the automatic mapping.
    columns: Columns,
}

/// What was judged while the file was read.
pub(super) struct Early {
    communities: HashMap<String, String>,
    today: NaiveDate,
    header: Option<Header>,
    /// Nothing more is judged early: no header row among the first rows, or no 姓名 column.
    given_up: bool,
    /// (spreadsheet row number, judgement), in row order, blank rows left out.
    judged: Vec<(usize, Judged)>,
    /// The next row (0-based) to judge.
    next: usize,
}

impl Early {
    /// Nothing judged yet; the 村居 names of the register and the day of the check.
    pub(super) fn new(store: &Store, today: NaiveDate) -> Result<Early, ImportError> {
        Ok(Early {
            communities: store
                .community_choices()?
                .into_iter()
                .map(|c| (c.name, c.id))
                .collect(),
            today,
            header: None,
            given_up: false,
            judged: Vec::new(),
            next: 0,
        })
    }

    /// Judges the rows read so far that no later cell changes: the first `complete` of
    /// `rows`. A smaller `complete` than before (a cell went back to an earlier row, or another
    /// sheet began) forgets everything judged.
    pub(super) fn watch(&mut self, rows: &[Vec<Cell>], complete: usize) {
        if complete < self.next {
            self.header = None;
            self.given_up = false;
            self.judged.clear();
            self.next = 0;
        }
        if self.given_up {
            return;
        }
        if self.header.is_none() {
            // The header row is chosen among the first rows: all of them must be complete.
            if complete < HEADER_WITHIN {
                return;
            }
            let Some(row) = header_row(rows) else {
                self.given_up = true;
                return;
            };
            let texts: Vec<String> = rows[row].iter().map(|c| c.text.clone()).collect();
            let columns = check::columns(&auto_map(&texts));
            if columns[ImportField::Name as usize].is_none() {
                self.given_up = true;
                return;
            }
            self.header = Some(Header {
                row,
                texts,
                columns,
            });
            self.next = row + 1;
        }
        let Some(header) = &self.header else {
            return;
        };
        let end = complete.min(rows.len());
        for (index, cells) in rows.iter().enumerate().take(end).skip(self.next) {
            if check::blank(cells) {
                continue;
            }
            let row = Row {
                headers: &header.texts,
                column_of: &header.columns,
                cells,
                number: index + 1,
                problems: Vec::new(),
            };
            let judged = check::judge(row, &self.communities, self.today);
            self.judged.push((index + 1, judged));
        }
        self.next = self.next.max(end);
    }

    /// The rows judged early and the first row (0-based) still to judge, when they were judged
    /// as `file` is to be checked (same header row and texts, same columns, same day),
    /// otherwise none; and the register's 村居 names they were judged by.
    pub(super) fn judged_for(
        self,
        file: &ImportFile,
        columns: &Columns,
        today: NaiveDate,
    ) -> (Vec<(usize, Judged)>, usize, HashMap<String, String>) {
        let (judged, from) = match self.header {
            Some(h)
                if h.row == file.header_row
                    && h.texts == file.headers
                    && &h.columns == columns
                    && self.today == today =>
            {
                (self.judged, self.next)
            }
            _ => (Vec::new(), 0),
        };
        (judged, from, self.communities)
    }
}
