//! Schema version 29, in code: the service records' unique index on their id holds the 16
//! bytes the rows keep (#22, goal 7) instead of the 36-character text they show (schema
//! version 26), about half its room. Shipped: never edit.
//!
//! - An id in our form that a row still keeps as text (none is written so since step 26) is
//!   kept as its bytes first, and any other value as its text, so that one id has one form.
//!   The old index allowed no two rows the same text, so this cannot make two rows one.
//! - `idx_participation_rows_id` is made again on `id`.
//! - The view's update and delete triggers find their row by the kept value
//!   ([`record_row_is`]); the step stops, changing nothing, if they are not as step 26 wrote
//!   them. The view and what it shows stay as they are.

use super::rewritten_trigger;
use crate::store::compact::{record_id_in, record_id_is, record_row_is};

/// The view's triggers that find their row by the old record's id.
const FINDING: [&str; 2] = ["trg_participations_delete", "trg_participations_update"];

pub(super) fn run(
    tx: &rusqlite::Transaction<'_>,
    progress: &mut dyn FnMut(f32),
) -> rusqlite::Result<()> {
    let old = record_id_is("old.id");
    let pairs = [(old.clone(), record_row_is("old.id"))];
    let triggers = FINDING
        .iter()
        .map(|name| rewritten_trigger(tx, name, &pairs, &[old.as_str()], 28))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Any other value as text (as the old index compared it): one id, one form.
    tx.execute(
        &format!(
            "UPDATE participation_rows SET id = {} WHERE typeof(id) <> 'blob'",
            record_id_in("id")
        ),
        [],
    )?;
    progress(0.2);
    tx.execute_batch(
        "DROP INDEX idx_participation_rows_id;
         CREATE UNIQUE INDEX idx_participation_rows_id ON participation_rows (id);",
    )?;
    progress(0.9);
    tx.execute_batch(&format!(
        "DROP TRIGGER {}; DROP TRIGGER {};",
        FINDING[0], FINDING[1]
    ))?;
    for sql in &triggers {
        tx.execute_batch(sql)?;
    }
    progress(1.0);
    Ok(())
}
