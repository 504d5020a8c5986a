//! How the service records' rows keep their timestamps and origin station (schema version 24,
//! #22 goal 7), written once: the step that compacts the rows, the view that shows them as
//! text, its triggers and every statement that writes the rows directly build their SQL here.
//!
//! - A timestamp in our own form (`2025-01-11T01:00:00.000Z`, from 1970 on, a real date) is
//!   kept as integer milliseconds since 1970 (6 bytes instead of 24) and shown as the same
//!   text again. Anything else (an older package's other form) is kept as the text it is.
//! - The origin station is kept as its key in `stations` (1 byte instead of 36); a station not
//!   listed there yet stays text.
//! - The record's own id, a UUID in our form (`0f8e…-…`, 36 lower-case characters), is kept as
//!   its 16 bytes (schema version 26); anything else as the text it is. Its unique index is on
//!   the value kept (schema version 29; on the text shown in 26–28, twice the room), so a
//!   lookup by a text id goes to the rows by [`record_row_is`], or reads the view's columns of
//!   one record through [`record_shown`]: the view's `id = ?` reads every record.
//!
//! The columns have no declared type, so SQLite keeps each value as it is given: an integer is
//! always an encoded one, and anything else is kept as text (as the typed column did). The
//! form is part of the file format: changing it needs a new migration step.

/// The SQL of the value kept for the timestamp `x` (an SQL expression, e.g. `?7`).
pub fn stamp_in(x: &str) -> String {
    format!(
        "CASE WHEN {x} >= '1970' AND strftime('%Y-%m-%dT%H:%M:%fZ', {x}) IS {x} \
         THEN CAST(round(unixepoch({x}, 'subsec') * 1000) AS INTEGER) ELSE CAST({x} AS TEXT) END"
    )
}

/// The SQL of the timestamp text of the kept value `c` (a column).
pub fn stamp_out(c: &str) -> String {
    format!(
        "CAST(CASE typeof({c}) WHEN 'integer' \
         THEN strftime('%Y-%m-%dT%H:%M:%S', {c} / 1000, 'unixepoch') \
              || printf('.%03dZ', {c} % 1000) \
         ELSE {c} END AS TEXT)"
    )
}

/// The SQL of the value kept for the origin station `x`.
pub fn station_in(x: &str) -> String {
    format!("coalesce((SELECT key FROM stations WHERE id = {x}), CAST({x} AS TEXT))")
}

/// The SQL of the origin station's text key of the kept value `c`.
pub fn station_out(c: &str) -> String {
    format!(
        "CAST(CASE typeof({c}) WHEN 'integer' \
         THEN (SELECT id FROM stations WHERE key = {c}) ELSE {c} END AS TEXT)"
    )
}

/// The SQL of the value kept for the record id `x`: its 16 bytes when it is in our form (36
/// characters, lower-case hex with hyphens at 9, 14, 19 and 24), else its text.
pub fn record_id_in(x: &str) -> String {
    let form: String = (0..36)
        .map(|i| {
            if matches!(i, 8 | 13 | 18 | 23) {
                "-"
            } else {
                "[0-9a-f]"
            }
        })
        .collect();
    format!(
        "CASE WHEN {x} GLOB '{form}' THEN unhex(replace({x}, '-', '')) ELSE CAST({x} AS TEXT) END"
    )
}

/// The SQL of the record id's text of the kept value `c`: the expression the rows' unique
/// index is on, so a statement must use it as it is written here to use the index.
pub fn record_id_out(c: &str) -> String {
    // Each part's bytes in hex (a third faster than cutting one hex of all 16 five times).
    let part = |from: u8, len: &str| format!("hex(substr({c}, {from}{len}))");
    format!(
        "CAST(CASE typeof({c}) WHEN 'blob' THEN lower({} || '-' || {} || '-' || {} || '-' || {} \
         || '-' || {}) ELSE {c} END AS TEXT)",
        part(1, ", 4"),
        part(5, ", 2"),
        part(7, ", 2"),
        part(9, ", 2"),
        part(11, ""),
    )
}

/// The bytes [`record_id_in`] keeps for the record id `id`, computed here for bulk loads,
/// which write millions of rows (the SQL's cost per row is a tenth of the load); `None` where
/// it keeps the text. A test holds the two to the same answer.
pub fn record_id_bytes(id: &str) -> Option<[u8; 16]> {
    let b = id.as_bytes();
    if b.len() != 36 {
        return None;
    }
    let mut out = [0u8; 16];
    let mut digits = b
        .iter()
        .enumerate()
        .filter(|(i, _)| !matches!(i, 8 | 13 | 18 | 23));
    if [8, 13, 18, 23].iter().any(|&i| b[i] != b'-') {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    for byte in &mut out {
        let (_, hi) = digits.next()?;
        let (_, lo) = digits.next()?;
        *byte = nibble(*hi)? << 4 | nibble(*lo)?;
    }
    Some(out)
}

/// The SQL of the condition that the row's `id` is the record id `x` (its text), through the
/// unique index of schema versions 26–28 (on the text shown); step 26 writes it.
pub fn record_id_is(x: &str) -> String {
    format!("{} = {x}", record_id_out("id"))
}

/// The SQL of the condition that the row's `id` is the record id `x` (its text), through the
/// rows' unique index on the value kept (schema version 29).
pub fn record_row_is(x: &str) -> String {
    format!("id = {}", record_id_in(x))
}

/// The SQL of the view's columns, named as it names them, from the rows `r`, their activity
/// `a` and volunteer `v` (as step 26 made the view; a test holds the two to the same rows).
fn shown_columns() -> String {
    format!(
        "{} AS id, a.id AS activity_id, v.id AS volunteer_id, r.hours_tenths AS hours_tenths,
         r.evaluation AS evaluation, r.remark AS remark, {} AS created_at, {} AS updated_at,
         {} AS origin, r.deleted_at AS deleted_at",
        record_id_out("r.id"),
        stamp_out("r.created_at"),
        stamp_out("r.updated_at"),
        station_out("r.origin")
    )
}

/// The SQL of a table (for `FROM`) of the record `x` (its text id) as the view
/// `participations` shows it, found through the rows' unique index.
pub fn record_shown(x: &str) -> String {
    format!(
        "(SELECT {} FROM participation_rows r JOIN activities a ON a.key = r.activity_ref
          JOIN volunteers v ON v.key = r.volunteer_ref WHERE r.{})",
        shown_columns(),
        record_row_is(x)
    )
}

/// Lists the station `id` (once), so that its records keep it as a short key. Bulk loads,
/// which write the rows directly, call it; the view's insert trigger and an exchange import list
/// their stations themselves.
pub fn register_station(conn: &rusqlite::Connection, id: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO stations (id) VALUES (?1)")?
        .execute([id])?;
    Ok(())
}
