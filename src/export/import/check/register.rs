//! A judged row against the earlier rows of the file and the register: duplicate identity
//! numbers and volunteer numbers, who already holds the number, and the number a new
//! volunteer gets.

use std::collections::HashMap;

use super::{ImportField, Row, RowProblem, Verdict, Volunteer};
use crate::store::volunteers::Holder;

/// What the whole check knows beside the row: the register, and the next number.
pub(super) struct Register {
    /// Who in the register holds each identity number of the file (by [`key`]).
    id_holders: HashMap<String, Holder>,
    /// Who in the register has each volunteer number of the file.
    number_owners: HashMap<String, Holder>,
    prefix: String,
    next_number: u64,
}

/// The numbers earlier rows used (borrowed from the judged rows: `'r`), and their rows.
pub(super) struct Seen<'r> {
    ids: HashMap<&'r str, usize>,
    numbers: HashMap<&'r str, usize>,
}

impl Seen<'_> {
    /// Room for the identity numbers of `rows` rows.
    pub(super) fn with_capacity(rows: usize) -> Self {
        Seen {
            ids: HashMap::with_capacity(rows),
            numbers: HashMap::new(),
        }
    }
}

/// The earlier row that used `text`, or none (and `row` is noted as its first), in one lookup.
fn first_use<'r>(used: &mut HashMap<&'r str, usize>, text: &'r str, row: usize) -> Option<usize> {
    match used.entry(text) {
        std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(row);
            None
        }
    }
}

impl Register {
    /// The register's holders of the file's numbers; new volunteers numbered from
    /// `next_number` after `prefix`.
    pub(super) fn new(
        id_holders: HashMap<String, Holder>,
        number_owners: HashMap<String, Holder>,
        prefix: String,
        next_number: u64,
    ) -> Register {
        Register {
            id_holders,
            number_owners,
            prefix,
            next_number,
        }
    }

    /// The identity number and the volunteer number of a row against earlier rows and the
    /// register (noting them in `seen`): who holds the identity number already, and the row's
    /// problems with either.
    pub(super) fn duplicates<'r>(
        &self,
        seen: &mut Seen<'r>,
        mut row: Row<'_>,
        id_text: &'r str,
        number_text: &'r str,
    ) -> (Option<Holder>, Vec<RowProblem>) {
        let holder = if id_text.is_empty() {
            None
        } else {
            self.id_holders.get(key(id_text).as_ref()).cloned()
        };
        if !id_text.is_empty()
            && let Some(first) = first_use(&mut seen.ids, id_text, row.number)
        {
            row.problem(
                ImportField::IdNumber,
                format!("与第 {first} 行的证件号码重复"),
            );
        }
        if !number_text.is_empty() {
            if let Some(first) = first_use(&mut seen.numbers, number_text, row.number) {
                row.problem(
                    ImportField::Number,
                    format!("与第 {first} 行的志愿者编号重复"),
                );
            }
            if let Some(owner) = self.number_owners.get(number_text)
                && holder.as_ref().is_none_or(|h| h.id != owner.id)
            {
                row.problem(
                    ImportField::Number,
                    format!(
                        "志愿者编号 {number_text} 已属于{}，与本行不是同一人",
                        owner.name
                    ),
                );
            }
        }
        (holder, row.problems)
    }

    /// A row's verdict from all its problems, the register's holder of its identity number
    /// and the record it makes: a new volunteer is given the next number.
    pub(super) fn verdict(
        &mut self,
        problems: Vec<RowProblem>,
        holder: Option<Holder>,
        number_text: String,
        made: std::result::Result<Box<Volunteer>, Vec<RowProblem>>,
    ) -> Verdict {
        if !problems.is_empty() {
            return Verdict::Bad(problems);
        }
        let mut v = match made {
            Ok(v) => v,
            Err(outside) => return Verdict::Bad(outside),
        };
        v.number = number_text;
        match holder {
            Some(h) => {
                if v.number.is_empty() {
                    v.number = h.number.clone();
                }
                Verdict::Duplicate(h.id, v)
            }
            None => {
                if v.number.is_empty() {
                    use std::fmt::Write;
                    let mut number = String::with_capacity(self.prefix.len() + 7);
                    number.push_str(&self.prefix);
                    // Writing to a String does not fail.
                    let _ = write!(number, "{:07}", self.next_number);
                    v.number = number;
                    self.next_number += 1;
                }
                Verdict::New(v)
            }
        }
    }
}

/// An identity number as the register keeps it.
pub(super) fn key(id_number: &str) -> std::borrow::Cow<'_, str> {
    crate::domain::text::upper(id_number.trim())
}
