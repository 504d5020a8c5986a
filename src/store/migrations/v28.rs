//! Schema version 28, in code: each activity's facts refer to their activity by its short key
//! (`activities.key`, schema version 21) instead of its 36-character UUID (#22, goal 7): the
//! key is in the facts' primary key, so every index of the facts holds it too. Shipped: never
//! edit.
//!
//! - `activity_facts` is built again with `activity_key` in place of `activity_id`. A fact
//!   whose activity is gone is not kept: it counted an activity no list shows (the facts are a
//!   running total of the records, and `check` counts them again).
//! - The three triggers on activities that keep the facts are written anew by the key, and the
//!   three counting triggers on the records find their activity's facts by it; the step stops,
//!   changing nothing, if those are not as schema version 27 left them.

use super::rewritten_trigger;

/// The counting triggers on the records, which find an activity's facts by its UUID.
const COUNTING: [&str; 3] = [
    "trg_totals_delete",
    "trg_totals_insert",
    "trg_totals_update",
];

/// The triggers that keep the facts, written anew.
const FACTS: &str = "
CREATE TRIGGER trg_facts_delete AFTER DELETE ON activities
BEGIN
    DELETE FROM activity_facts WHERE date = old.date AND activity_key = old.key;
END;

CREATE TRIGGER trg_facts_insert AFTER INSERT ON activities
WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO activity_facts (date, activity_key, category, status, served_count,
                                organizer_id, team_id, key_date, participations, hours_tenths,
                                counted)
    SELECT new.date, new.key, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0), new.counted
    FROM participation_rows WHERE activity_ref = new.key AND deleted_at IS NULL;
END;

CREATE TRIGGER trg_facts_update
AFTER UPDATE OF date, category, status, served_count, organizer_id, team_id, key_date, deleted_at
ON activities
WHEN old.date IS NOT new.date OR old.category IS NOT new.category
  OR old.status IS NOT new.status OR old.served_count IS NOT new.served_count
  OR old.organizer_id IS NOT new.organizer_id OR old.team_id IS NOT new.team_id
  OR old.key_date IS NOT new.key_date OR old.deleted_at IS NOT new.deleted_at
BEGIN
    DELETE FROM activity_facts WHERE date = old.date AND activity_key = old.key;
    INSERT INTO activity_facts (date, activity_key, category, status, served_count,
                                organizer_id, team_id, key_date, participations, hours_tenths,
                                counted)
    SELECT new.date, new.key, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0), new.counted
    FROM participation_rows WHERE activity_ref = new.key AND deleted_at IS NULL
      AND new.deleted_at IS NULL
    HAVING new.deleted_at IS NULL;
END;";

pub(super) fn run(
    tx: &rusqlite::Transaction<'_>,
    progress: &mut dyn FnMut(f32),
) -> rusqlite::Result<()> {
    let pairs: Vec<(String, String)> = ["old", "new"]
        .iter()
        .map(|row| {
            (
                format!("activity_id = (SELECT id FROM activities WHERE key = {row}.activity_ref)"),
                format!("activity_key = {row}.activity_ref"),
            )
        })
        .collect();
    let counting = COUNTING
        .iter()
        .map(|name| rewritten_trigger(tx, name, &pairs, &["activity_id"], 27))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let kept: Vec<String> = tx
        .prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity_facts'
             AND sql IS NOT NULL AND name <> 'idx_activity_facts_activity' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.execute_batch(
        "DROP TRIGGER trg_facts_delete; DROP TRIGGER trg_facts_insert;
         DROP TRIGGER trg_facts_update; DROP TRIGGER trg_totals_delete;
         DROP TRIGGER trg_totals_insert; DROP TRIGGER trg_totals_update;
         CREATE TABLE facts_by_key (
    date TEXT NOT NULL,
    activity_key INTEGER NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    served_count INTEGER NOT NULL,
    organizer_id TEXT,
    team_id TEXT,
    key_date TEXT NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    counted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (date, activity_key)
) WITHOUT ROWID;
INSERT INTO facts_by_key (date, activity_key, category, status, served_count, organizer_id,
                          team_id, key_date, participations, hours_tenths, counted)
SELECT f.date, a.key, f.category, f.status, f.served_count, f.organizer_id, f.team_id,
       f.key_date, f.participations, f.hours_tenths, f.counted
FROM activity_facts f JOIN activities a ON a.id = f.activity_id ORDER BY 1, 2;
DROP TABLE activity_facts;
ALTER TABLE facts_by_key RENAME TO activity_facts;
CREATE INDEX idx_activity_facts_activity ON activity_facts(activity_key);",
    )?;
    progress(0.5);
    for sql in kept.iter().chain(&counting) {
        tx.execute_batch(sql)?;
    }
    tx.execute_batch(FACTS)?;
    progress(1.0);
    Ok(())
}
