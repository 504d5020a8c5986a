//! Schema version 20, in code (the volunteer's key is one SQL expression, written once in
//! `totals::volunteer_key`). Shipped: never edit.

use crate::store::totals::volunteer_key;

/// Schema version 20: the running totals of each volunteer's months, years, quarters and half
/// years keep the volunteer's key in 16 bytes instead of 36 characters (`volunteer_key`): the
/// rows and their index of who served, by hours, take about 100 bytes per service record less
/// at district scale. The totals are copied over as they are; the triggers that keep them are
/// the same but for the key.
pub(super) fn run(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let month_key = volunteer_key("volunteer_id");
    tx.execute_batch(&format!(
        "DROP TRIGGER trg_totals_activity;
         DROP TRIGGER trg_totals_delete;
         DROP TRIGGER trg_totals_insert;
         DROP TRIGGER trg_totals_update;
         DROP TRIGGER trg_spans_insert;
         DROP TRIGGER trg_spans_update;
         DROP TRIGGER trg_spans_delete;

         CREATE TABLE keyed_months (
             month TEXT NOT NULL,
             volunteer_key BLOB NOT NULL,
             participations INTEGER NOT NULL,
             hours_tenths INTEGER NOT NULL,
             PRIMARY KEY (month, volunteer_key)
         ) WITHOUT ROWID;
         INSERT INTO keyed_months
         SELECT month, {month_key}, participations, hours_tenths FROM volunteer_months;
         DROP TABLE volunteer_months;
         ALTER TABLE keyed_months RENAME TO volunteer_months;

         CREATE TABLE keyed_years (
             year TEXT NOT NULL,
             volunteer_key BLOB NOT NULL,
             participations INTEGER NOT NULL,
             hours_tenths INTEGER NOT NULL,
             PRIMARY KEY (year, volunteer_key)
         ) WITHOUT ROWID;
         INSERT INTO keyed_years
         SELECT year, {month_key}, participations, hours_tenths FROM volunteer_years;
         DROP TABLE volunteer_years;
         ALTER TABLE keyed_years RENAME TO volunteer_years;
         CREATE INDEX idx_volunteer_years_served
             ON volunteer_years(year, hours_tenths, participations) WHERE participations > 0;

         CREATE TABLE keyed_spans (
             span TEXT NOT NULL,
             volunteer_key BLOB NOT NULL,
             participations INTEGER NOT NULL,
             hours_tenths INTEGER NOT NULL,
             PRIMARY KEY (span, volunteer_key)
         ) WITHOUT ROWID;
         INSERT INTO keyed_spans
         SELECT span, {month_key}, participations, hours_tenths FROM volunteer_spans;
         DROP TABLE volunteer_spans;
         ALTER TABLE keyed_spans RENAME TO volunteer_spans;
         CREATE INDEX idx_volunteer_spans_served
             ON volunteer_spans(span, hours_tenths, participations) WHERE participations > 0;"
    ))?;
    tx.execute_batch(&totals_triggers())?;
    tx.execute_batch(SPAN_TRIGGERS)
}

/// The triggers that move the months and years with each service record and activity.
fn totals_triggers() -> String {
    let new_key = volunteer_key("new.volunteer_id");
    let old_key = volunteer_key("old.volunteer_id");
    let p_key = volunteer_key("p.volunteer_id");
    let key = volunteer_key("volunteer_id");
    format!(
        "CREATE TRIGGER trg_totals_activity AFTER UPDATE OF date, status, deleted_at ON activities
WHEN old.date IS NOT new.date OR old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_months SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participations p
            WHERE p.activity_id = old.id AND {p_key} = volunteer_months.volunteer_key)
    WHERE old.counted
      AND month = substr(old.date, 1, 7)
      AND volunteer_key IN (SELECT {key} FROM participations
                            WHERE activity_id = old.id AND deleted_at IS NULL);
    UPDATE volunteer_years SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participations p
            WHERE p.activity_id = old.id AND {p_key} = volunteer_years.volunteer_key)
    WHERE old.counted
      AND year = substr(old.date, 1, 4)
      AND volunteer_key IN (SELECT {key} FROM participations
                            WHERE activity_id = old.id AND deleted_at IS NULL);
    INSERT INTO volunteer_months
    SELECT substr(new.date, 1, 7), {p_key}, 1, p.hours_tenths
    FROM participations p WHERE p.activity_id = new.id AND p.deleted_at IS NULL AND new.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(new.date, 1, 4), {p_key}, 1, p.hours_tenths
    FROM participations p WHERE p.activity_id = new.id AND p.deleted_at IS NULL AND new.counted
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_totals_delete AFTER DELETE ON participations
WHEN old.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_id = old.activity_id;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = {old_key}
      AND month = (SELECT substr(a.date, 1, 7) FROM activities a WHERE a.id = old.activity_id
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = {old_key}
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.id = old.activity_id
                  AND a.counted);
END;

CREATE TRIGGER trg_totals_insert AFTER INSERT ON participations
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = new.activity_id;
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_totals_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_id, activity_id ON participations
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_id = old.activity_id AND old.deleted_at IS NULL;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_key = {old_key}
      AND month = (SELECT substr(a.date, 1, 7) FROM activities a WHERE a.id = old.activity_id
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_key = {old_key}
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.id = old.activity_id
                  AND a.counted);
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = new.activity_id AND new.deleted_at IS NULL;
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), {new_key}, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;"
    )
}

/// The triggers that move a quarter and a half year with each month (as version 18's).
const SPAN_TRIGGERS: &str = "
CREATE TRIGGER trg_spans_insert AFTER INSERT ON volunteer_months
BEGIN
    INSERT INTO volunteer_spans
    SELECT CASE k.kind
               WHEN 'Q' THEN substr(new.month, 1, 4) || 'Q' || ((substr(new.month, 6, 2) + 2) / 3)
               ELSE substr(new.month, 1, 4) || 'H' || ((substr(new.month, 6, 2) + 5) / 6) END,
           new.volunteer_key, new.participations, new.hours_tenths
    FROM (SELECT 'Q' AS kind UNION ALL SELECT 'H') k WHERE true
    ON CONFLICT (span, volunteer_key) DO UPDATE SET
        participations = participations + excluded.participations,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_spans_update AFTER UPDATE ON volunteer_months
BEGIN
    UPDATE volunteer_spans SET participations = participations - old.participations,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = old.volunteer_key AND span IN (
        substr(old.month, 1, 4) || 'Q' || ((substr(old.month, 6, 2) + 2) / 3),
        substr(old.month, 1, 4) || 'H' || ((substr(old.month, 6, 2) + 5) / 6));
    INSERT INTO volunteer_spans
    SELECT CASE k.kind
               WHEN 'Q' THEN substr(new.month, 1, 4) || 'Q' || ((substr(new.month, 6, 2) + 2) / 3)
               ELSE substr(new.month, 1, 4) || 'H' || ((substr(new.month, 6, 2) + 5) / 6) END,
           new.volunteer_key, new.participations, new.hours_tenths
    FROM (SELECT 'Q' AS kind UNION ALL SELECT 'H') k WHERE true
    ON CONFLICT (span, volunteer_key) DO UPDATE SET
        participations = participations + excluded.participations,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_spans_delete AFTER DELETE ON volunteer_months
BEGIN
    UPDATE volunteer_spans SET participations = participations - old.participations,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = old.volunteer_key AND span IN (
        substr(old.month, 1, 4) || 'Q' || ((substr(old.month, 6, 2) + 2) / 3),
        substr(old.month, 1, 4) || 'H' || ((substr(old.month, 6, 2) + 5) / 6));
END;
";
