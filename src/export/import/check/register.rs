//! A judged row against the earlier rows of the file and the register: duplicate identity
//! numbers and volunteer numbers, who already holds the number, and the number a new
//! volunteer gets.

use std::collections::HashMap;

use super::{ImportField, Row, RowProblem, Verdict, Volunteer};
use crate::store::volunteers::Holder;

/// What the whole check knows beside the row: the register, and what earlier rows used.
pub(super) struct Register {
    /// Who in the register holds each identity number of the file (by [`key`]).
    pub(super) id_holders: HashMap<String, Holder>,
    /// Who in the register has each volunteer number of the file.
    pub(super) number_owners: HashMap<String, Holder>,
    pub(super) prefix: String,
    pub(super) next_number: u64,
    pub(super) seen_ids: HashMap<String, usize>,
    pub(super) seen_numbers: HashMap<String, usize>,
}

/// A judged row against the earlier rows and the register: duplicates, and its number.
pub(super) fn against_register(
    reg: &mut Register,
    mut row: Row<'_>,
    id_number: String,
    number_text: String,
    made: std::result::Result<Box<Volunteer>, Vec<RowProblem>>,
) -> Verdict {
    let holder = duplicates(&mut row, reg, id_number, &number_text);
    if !row.problems.is_empty() {
        return Verdict::Bad(row.problems);
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
                let mut number = String::with_capacity(reg.prefix.len() + 7);
                number.push_str(&reg.prefix);
                // Writing to a String does not fail.
                let _ = write!(number, "{:07}", reg.next_number);
                v.number = number;
                reg.next_number += 1;
            }
            Verdict::New(v)
        }
    }
}

/// An identity number as the register keeps it.
pub(super) fn key(id_number: &str) -> std::borrow::Cow<'_, str> {
    crate::domain::text::upper(id_number.trim())
}

/// The identity number and the volunteer number against earlier rows and the register: who
/// holds the identity number already (problems for the number the row asks for are added).
fn duplicates(
    row: &mut Row<'_>,
    reg: &mut Register,
    id_text: String,
    number_text: &str,
) -> Option<Holder> {
    let holder = if id_text.is_empty() {
        None
    } else {
        reg.id_holders.get(key(&id_text).as_ref()).cloned()
    };
    if !id_text.is_empty() {
        if let Some(first) = reg.seen_ids.get(&id_text) {
            row.problem(
                ImportField::IdNumber,
                format!("与第 {first} 行的证件号码重复"),
            );
        } else {
            reg.seen_ids.insert(id_text, row.number);
        }
    }
    if !number_text.is_empty() {
        if let Some(first) = reg.seen_numbers.get(number_text) {
            row.problem(
                ImportField::Number,
                format!("与第 {first} 行的志愿者编号重复"),
            );
        } else {
            reg.seen_numbers.insert(number_text.to_string(), row.number);
        }
        if let Some(owner) = reg.number_owners.get(number_text)
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
    holder
}
