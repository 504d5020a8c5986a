//! Schema version 26, in code: the service records' rows keep their own id, a UUID, as its 16
//! bytes instead of 36 characters (#22, goal 7; the form is [`crate::store::compact`]'s).
//! Shipped: never edit.
//!
//! - `participation_rows` is built again with the same rows in the same order, its `id`
//!   without a declared type (to keep the bytes) and unique through an index on the text it
//!   shows, so that every lookup by the text (`id = ?` on the view) still uses an index.
//! - Its other indexes and triggers are made again as they were, but the trigger that lists a
//!   record removed for good, which writes the text.
//! - The view `participations` shows the same text as before, so readers and exchange packages
//!   (of this and earlier versions) see no change; its triggers write the bytes.

use crate::store::compact::{
    record_id_in, record_id_is, record_id_out, stamp_in, stamp_out, station_in, station_out,
};

/// The share of the step's time each part takes at district scale: the rows copied, their
/// indexes.
const SHARES: [f32; 2] = [0.75, 1.0];

/// The parts the rows are copied in.
const CHUNKS: i64 = 10;

/// The trigger written anew (the others are kept as they are).
const TOMBSTONE: &str = "trg_tombstone_participations";

pub(super) fn run(
    tx: &rusqlite::Transaction<'_>,
    progress: &mut dyn FnMut(f32),
) -> rusqlite::Result<()> {
    let records: i64 = tx.query_row("SELECT count(*) FROM participation_rows", [], |r| r.get(0))?;
    let kept: Vec<String> = tx
        .prepare(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'participation_rows'
             AND type IN ('index', 'trigger') AND sql IS NOT NULL AND name <> ?1
             ORDER BY type, name",
        )?
        .query_map([TOMBSTONE], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute_batch(
        "DROP VIEW participations;
         CREATE TABLE short_id_rows (
    id NOT NULL,
    activity_ref INTEGER NOT NULL REFERENCES activities(key),
    volunteer_ref INTEGER NOT NULL REFERENCES volunteers(key),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0),
    evaluation TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at NOT NULL, updated_at NOT NULL, origin NOT NULL, deleted_at TEXT,
    UNIQUE (activity_ref, volunteer_ref)
);",
    )?;
    // The rows in rowid order, a tenth at a time, telling the share done after each.
    let (first, last): (i64, i64) = tx.query_row(
        "SELECT coalesce(min(rowid) - 1, 0), coalesce(max(rowid), 0) FROM participation_rows",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut copy = tx.prepare(&format!(
        "INSERT INTO short_id_rows (id, activity_ref, volunteer_ref, hours_tenths, evaluation,
                                   remark, created_at, updated_at, origin, deleted_at)
         SELECT {}, activity_ref, volunteer_ref, hours_tenths, evaluation, remark, created_at,
                updated_at, origin, deleted_at
         FROM participation_rows WHERE rowid > ?1 AND rowid <= ?2 ORDER BY rowid",
        record_id_in("id"),
    ))?;
    let span = last.saturating_sub(first);
    let step = (span / CHUNKS).max(1);
    let mut from = first;
    let mut moved = 0;
    while from < last {
        let to = from.saturating_add(step).min(last);
        moved += copy.execute([from, to])? as i64;
        from = to;
        progress(SHARES[0] * ((from - first) as f64 / span as f64) as f32);
    }
    drop(copy);
    progress(SHARES[0]);
    if moved != records {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
            Some(format!(
                "缩短服务记录的编号时少了 {} 条，已停止升级，文件未改动",
                records - moved
            )),
        ));
    }
    tx.execute_batch(
        "DROP TABLE participation_rows;
         ALTER TABLE short_id_rows RENAME TO participation_rows;",
    )?;
    tx.execute_batch(&format!(
        "CREATE UNIQUE INDEX idx_participation_rows_id ON participation_rows ({});",
        record_id_out("id")
    ))?;
    for sql in kept {
        tx.execute_batch(&sql)?;
    }
    tx.execute_batch(&format!(
        "CREATE TRIGGER {TOMBSTONE} AFTER DELETE ON participation_rows
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES ({}, 'participations', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;",
        record_id_out("old.id")
    ))?;
    tx.execute_batch(&view_sql())?;
    progress(SHARES[1]);
    Ok(())
}

/// The view that shows the rows as text, and its writing triggers.
fn view_sql() -> String {
    let (id, created, updated, origin) = (
        record_id_out("r.id"),
        stamp_out("r.created_at"),
        stamp_out("r.updated_at"),
        station_out("r.origin"),
    );
    let (new_id, new_created, new_updated, new_origin) = (
        record_id_in("new.id"),
        stamp_in("new.created_at"),
        stamp_in("new.updated_at"),
        station_in("new.origin"),
    );
    let old = record_id_is("old.id");
    format!(
        "CREATE VIEW participations (id, activity_id, volunteer_id, hours_tenths, evaluation,
                            remark, created_at, updated_at, origin, deleted_at) AS
SELECT {id}, a.id, v.id, r.hours_tenths, r.evaluation, r.remark, {created}, {updated}, {origin},
       r.deleted_at
FROM participation_rows r JOIN activities a ON a.key = r.activity_ref
JOIN volunteers v ON v.key = r.volunteer_ref;

CREATE TRIGGER trg_participations_insert INSTEAD OF INSERT ON participations
BEGIN
    INSERT OR IGNORE INTO stations (id) VALUES (new.origin);
    INSERT INTO participation_rows (id, activity_ref, volunteer_ref, hours_tenths, evaluation,
                                    remark, created_at, updated_at, origin, deleted_at)
    VALUES ({new_id}, (SELECT key FROM activities WHERE id = new.activity_id),
            (SELECT key FROM volunteers WHERE id = new.volunteer_id), new.hours_tenths,
            coalesce(new.evaluation, ''), coalesce(new.remark, ''), {new_created},
            {new_updated}, {new_origin}, new.deleted_at);
END;

CREATE TRIGGER trg_participations_update INSTEAD OF UPDATE ON participations
BEGIN
    -- Each part only when it changed: an index holding a column set is written again even
    -- when its value stays, and the counting triggers follow hours, removal and references.
    UPDATE participation_rows SET hours_tenths = new.hours_tenths, deleted_at = new.deleted_at
    WHERE {old}
      AND (new.hours_tenths IS NOT old.hours_tenths OR new.deleted_at IS NOT old.deleted_at);
    UPDATE participation_rows SET
        activity_ref = (SELECT key FROM activities WHERE id = new.activity_id),
        volunteer_ref = (SELECT key FROM volunteers WHERE id = new.volunteer_id)
    WHERE {old}
      AND (new.activity_id IS NOT old.activity_id OR new.volunteer_id IS NOT old.volunteer_id);
    INSERT OR IGNORE INTO stations (id) SELECT new.origin WHERE new.origin IS NOT old.origin;
    UPDATE participation_rows SET evaluation = new.evaluation, remark = new.remark,
        created_at = {new_created}, updated_at = {new_updated}, origin = {new_origin}
    WHERE {old};
    UPDATE participation_rows SET id = {new_id} WHERE {old} AND new.id IS NOT old.id;
END;

CREATE TRIGGER trg_participations_delete INSTEAD OF DELETE ON participations
BEGIN
    DELETE FROM participation_rows WHERE {old};
END;"
    )
}
