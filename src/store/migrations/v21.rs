//! Schema version 21, in code: service records refer to their activity and volunteer by short
//! integer keys (#22, goal 7). Shipped: never edit.
//!
//! - `volunteers` and `activities` get `key INTEGER PRIMARY KEY` (the rowid, kept by VACUUM;
//!   the text `id` stays the key everywhere else and in exchange packages). The tables are
//!   built again with their rows in the same order (`key` = the old rowid), with the same
//!   indexes and triggers.
//! - The service records move to `participation_rows`, whose `activity_ref` and `volunteer_ref`
//!   hold those keys (3–4 bytes instead of 36 characters, in the row and in each of its four
//!   indexes). `participations` becomes a view with the old columns, so every reader, the
//!   record code and the exchange package (whose rows are the view's columns) stay as they
//!   were; writes through the view go to the rows by `INSTEAD OF` triggers.
//! - The triggers that keep the totals move to the rows, the same but for the keys.

use crate::store::totals::volunteer_key;

/// The columns of the service records, as the view shows them.
const COLUMNS: &str = "id, activity_id, volunteer_id, hours_tenths, evaluation, remark, \
                       created_at, updated_at, origin, deleted_at";

/// The share of the step's time each part takes at district scale (measured at 10⁶ volunteers):
/// volunteers, activities, running totals, service records copied, their indexes.
const SHARES: [f32; 5] = [0.12, 0.18, 0.3, 0.75, 1.0];

pub(super) fn run(
    tx: &rusqlite::Transaction<'_>,
    progress: &mut dyn FnMut(f32),
) -> rusqlite::Result<()> {
    let records: i64 = tx.query_row("SELECT count(*) FROM participations", [], |r| r.get(0))?;
    tx.execute_batch(
        "DROP TRIGGER trg_participation_delete;
         DROP TRIGGER trg_participation_insert;
         DROP TRIGGER trg_participation_update;
         DROP TRIGGER trg_tombstone_participations;
         DROP TRIGGER trg_totals_delete;
         DROP TRIGGER trg_totals_insert;
         DROP TRIGGER trg_totals_update;
         DROP TRIGGER trg_totals_activity;
         DROP INDEX idx_participations_activity_hours;
         DROP INDEX idx_participations_volunteer;
         ALTER TABLE participations RENAME TO participations_by_text;",
    )?;
    rebuild(
        tx,
        "volunteers",
        "CREATE TABLE keyed_volunteers (
    id TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    id_type TEXT NOT NULL DEFAULT '居民身份证',
    id_number TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    mobile TEXT NOT NULL DEFAULT '',
    political_status TEXT NOT NULL DEFAULT '群众',
    community_id TEXT REFERENCES units(id),
    workplace TEXT NOT NULL DEFAULT '',
    skills TEXT NOT NULL DEFAULT '',
    kinds TEXT NOT NULL DEFAULT '',
    registered_on TEXT NOT NULL,
    national_registered INTEGER NOT NULL DEFAULT 0,
    national_number TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '在册',
    consent INTEGER NOT NULL DEFAULT 0,
    consent_date TEXT,
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    key INTEGER PRIMARY KEY
)",
    )?;
    progress(SHARES[0]);
    rebuild(
        tx,
        "activities",
        "CREATE TABLE keyed_activities (
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    key_date TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    start_time TEXT NOT NULL DEFAULT '',
    end_time TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    organizer_id TEXT REFERENCES units(id),
    team_id TEXT REFERENCES teams(id),
    leader TEXT NOT NULL DEFAULT '',
    beneficiaries TEXT NOT NULL DEFAULT '',
    served_count INTEGER NOT NULL DEFAULT 0,
    content TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    publicity TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '计划中',
    recorder TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    counted INTEGER GENERATED ALWAYS AS (deleted_at IS NULL AND status = '已完成') VIRTUAL,
    key INTEGER PRIMARY KEY
)",
    )?;
    progress(SHARES[1]);
    totals_by_key(tx)?;
    progress(SHARES[2]);
    tx.execute_batch(
        "CREATE TABLE participation_rows (
    id TEXT PRIMARY KEY NOT NULL,
    activity_ref INTEGER NOT NULL REFERENCES activities(key),
    volunteer_ref INTEGER NOT NULL REFERENCES volunteers(key),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0),
    evaluation TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (activity_ref, volunteer_ref)
);
INSERT INTO participation_rows
SELECT p.id, a.key, v.key, p.hours_tenths, p.evaluation, p.remark, p.created_at, p.updated_at,
       p.origin, p.deleted_at
FROM participations_by_text p JOIN activities a ON a.id = p.activity_id
JOIN volunteers v ON v.id = p.volunteer_id
ORDER BY p.rowid;",
    )?;
    let moved: i64 = tx.query_row("SELECT count(*) FROM participation_rows", [], |r| r.get(0))?;
    if moved != records {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
            Some(format!(
                "有 {} 条服务记录所指的活动或志愿者已不在文件中（引用已损坏），无法改用短键",
                records - moved
            )),
        ));
    }
    progress(SHARES[3]);
    tx.execute_batch("DROP TABLE participations_by_text;")?;
    tx.execute_batch(&schema_sql())?;
    progress(SHARES[4]);
    Ok(())
}

/// The running totals of each volunteer's months, years, quarters and half years keyed by the
/// volunteer's short key instead of the 16 bytes of its UUID (schema version 20). A total of a
/// volunteer no longer in the register (none are kept; such a row could only be empty) is left
/// out.
fn totals_by_key(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE totals_keys (old BLOB PRIMARY KEY, key INTEGER NOT NULL) WITHOUT ROWID;
         INSERT INTO temp.totals_keys SELECT {}, key FROM volunteers ORDER BY 1;",
        volunteer_key("id")
    ))?;
    for (table, column) in [
        ("volunteer_months", "month"),
        ("volunteer_years", "year"),
        ("volunteer_spans", "span"),
    ] {
        let kept = schema_of(tx, table)?;
        tx.execute_batch(&format!(
            "CREATE TABLE keyed_{table} (
             {column} TEXT NOT NULL,
             volunteer_key INTEGER NOT NULL,
             participations INTEGER NOT NULL,
             hours_tenths INTEGER NOT NULL,
             PRIMARY KEY ({column}, volunteer_key)
         ) WITHOUT ROWID;
         INSERT INTO keyed_{table}
         SELECT t.{column}, k.key, t.participations, t.hours_tenths
         FROM {table} t JOIN temp.totals_keys k ON k.old = t.volunteer_key ORDER BY 1, 2;
         DROP TABLE {table};
         ALTER TABLE keyed_{table} RENAME TO {table};"
        ))?;
        for sql in kept {
            tx.execute_batch(&sql)?;
        }
    }
    tx.execute_batch("DROP TABLE temp.totals_keys;")
}

/// The SQL of a table's indexes and triggers, as `sqlite_master` keeps it.
fn schema_of(tx: &rusqlite::Transaction<'_>, table: &str) -> rusqlite::Result<Vec<String>> {
    tx.prepare(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ?1 AND type IN ('index', 'trigger')
         AND sql IS NOT NULL ORDER BY type, name",
    )?
    .query_map([table], |r| r.get(0))?
    .collect()
}

/// Builds `table` again from `create` (which makes `keyed_<table>`): the same rows in the same
/// order with `key` = the old rowid, then the same indexes and triggers.
fn rebuild(tx: &rusqlite::Transaction<'_>, table: &str, create: &str) -> rusqlite::Result<()> {
    let kept = schema_of(tx, table)?;
    let columns: Vec<String> = tx
        .prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0")?
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let columns = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    tx.execute_batch(create)?;
    tx.execute_batch(&format!(
        "INSERT INTO keyed_{table} ({columns}, key) SELECT {columns}, rowid FROM {table}
         ORDER BY rowid;
         DROP TABLE {table};
         ALTER TABLE keyed_{table} RENAME TO {table};"
    ))?;
    for sql in kept {
        tx.execute_batch(&sql)?;
    }
    Ok(())
}

/// The view, its writing triggers, the indexes and the counting triggers of the rows.
fn schema_sql() -> String {
    let (new_key, old_key) = ("new.volunteer_ref", "old.volunteer_ref");
    let volunteer_of =
        |r: &str| format!("(SELECT id FROM volunteers WHERE key = {r}.volunteer_ref)");
    let activity_of = |r: &str| format!("(SELECT id FROM activities WHERE key = {r}.activity_ref)");
    let (new_volunteer, old_volunteer) = (volunteer_of("new"), volunteer_of("old"));
    let (new_activity, old_activity) = (activity_of("new"), activity_of("old"));
    let recount = "UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = (SELECT key FROM volunteers WHERE id = volunteer_search.volunteer_id)
          AND p.deleted_at IS NULL AND a.counted)";
    format!(
        "CREATE INDEX idx_participation_rows_activity_hours
    ON participation_rows(activity_ref, volunteer_ref, hours_tenths) WHERE deleted_at IS NULL;
CREATE INDEX idx_participation_rows_volunteer ON participation_rows(volunteer_ref);

CREATE VIEW participations ({COLUMNS}) AS
SELECT r.id, a.id, v.id, r.hours_tenths, r.evaluation, r.remark, r.created_at, r.updated_at,
       r.origin, r.deleted_at
FROM participation_rows r JOIN activities a ON a.key = r.activity_ref
JOIN volunteers v ON v.key = r.volunteer_ref;

CREATE TRIGGER trg_participations_insert INSTEAD OF INSERT ON participations
BEGIN
    INSERT INTO participation_rows (id, activity_ref, volunteer_ref, hours_tenths, evaluation,
                                    remark, created_at, updated_at, origin, deleted_at)
    VALUES (new.id, (SELECT key FROM activities WHERE id = new.activity_id),
            (SELECT key FROM volunteers WHERE id = new.volunteer_id), new.hours_tenths,
            coalesce(new.evaluation, ''), coalesce(new.remark, ''), new.created_at,
            new.updated_at, new.origin, new.deleted_at);
END;

CREATE TRIGGER trg_participations_update INSTEAD OF UPDATE ON participations
BEGIN
    -- Each part only when it changed: an index holding a column set is written again even
    -- when its value stays, and the counting triggers follow hours, removal and references.
    UPDATE participation_rows SET hours_tenths = new.hours_tenths, deleted_at = new.deleted_at
    WHERE id = old.id
      AND (new.hours_tenths IS NOT old.hours_tenths OR new.deleted_at IS NOT old.deleted_at);
    UPDATE participation_rows SET
        activity_ref = (SELECT key FROM activities WHERE id = new.activity_id),
        volunteer_ref = (SELECT key FROM volunteers WHERE id = new.volunteer_id)
    WHERE id = old.id
      AND (new.activity_id IS NOT old.activity_id OR new.volunteer_id IS NOT old.volunteer_id);
    UPDATE participation_rows SET evaluation = new.evaluation, remark = new.remark,
        created_at = new.created_at, updated_at = new.updated_at, origin = new.origin
    WHERE id = old.id;
    UPDATE participation_rows SET id = new.id WHERE id = old.id AND new.id IS NOT old.id;
END;

CREATE TRIGGER trg_participations_delete INSTEAD OF DELETE ON participations
BEGIN
    DELETE FROM participation_rows WHERE id = old.id;
END;

CREATE TRIGGER trg_tombstone_participations AFTER DELETE ON participation_rows
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'participations', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_participation_insert AFTER INSERT ON participation_rows
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE volunteer_search SET total_tenths = total_tenths + new.hours_tenths
    WHERE volunteer_id = {new_volunteer}
      AND EXISTS (SELECT 1 FROM activities a WHERE a.key = new.activity_ref AND a.counted);
END;

CREATE TRIGGER trg_participation_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_ref, activity_ref ON participation_rows
BEGIN
    {recount}
    WHERE volunteer_id IN ({old_volunteer}, {new_volunteer});
END;

CREATE TRIGGER trg_participation_delete AFTER DELETE ON participation_rows
BEGIN
    {recount}
    WHERE volunteer_id = {old_volunteer};
END;

CREATE TRIGGER trg_totals_insert AFTER INSERT ON participation_rows
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = {new_activity};
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_totals_delete AFTER DELETE ON participation_rows
WHEN old.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_id = {old_activity};
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = {old_key}
      AND month = (SELECT substr(a.date, 1, 7) FROM activities a WHERE a.key = old.activity_ref
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = {old_key}
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.key = old.activity_ref
                  AND a.counted);
END;

CREATE TRIGGER trg_totals_activity AFTER UPDATE OF date, status, deleted_at ON activities
WHEN old.date IS NOT new.date OR old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_months SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participation_rows p
            WHERE p.activity_ref = old.key AND p.volunteer_ref = volunteer_months.volunteer_key)
    WHERE old.counted
      AND month = substr(old.date, 1, 7)
      AND volunteer_key IN (SELECT volunteer_ref FROM participation_rows
                            WHERE activity_ref = old.key AND deleted_at IS NULL);
    UPDATE volunteer_years SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participation_rows p
            WHERE p.activity_ref = old.key AND p.volunteer_ref = volunteer_years.volunteer_key)
    WHERE old.counted
      AND year = substr(old.date, 1, 4)
      AND volunteer_key IN (SELECT volunteer_ref FROM participation_rows
                            WHERE activity_ref = old.key AND deleted_at IS NULL);
    INSERT INTO volunteer_months
    SELECT substr(new.date, 1, 7), p.volunteer_ref, 1, p.hours_tenths
    FROM participation_rows p WHERE p.activity_ref = new.key AND p.deleted_at IS NULL
      AND new.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(new.date, 1, 4), p.volunteer_ref, 1, p.hours_tenths
    FROM participation_rows p WHERE p.activity_ref = new.key AND p.deleted_at IS NULL
      AND new.counted
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_totals_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_ref, activity_ref ON participation_rows
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_id = {old_activity} AND old.deleted_at IS NULL;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_key = {old_key}
      AND month = (SELECT substr(a.date, 1, 7) FROM activities a WHERE a.key = old.activity_ref
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_key = {old_key}
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.key = old.activity_ref
                  AND a.counted);
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = {new_activity} AND new.deleted_at IS NULL;
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;"
    )
}
