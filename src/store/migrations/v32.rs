//! Schema version 32, in code: a volunteer's year, quarter and half year are kept in order of
//! hours (#22, goal 7). Shipped: never edit.
//!
//! The year and span totals were kept twice: the tables by (period, volunteer) for the triggers
//! to find a volunteer's row, and an index by (period, hours) of those who served for the
//! report (the count in each band of hours, the most hours), about 24 bytes a service record.
//! Now the tables themselves are ordered by (period, hours, volunteer) and hold only those who
//! served, and the index goes.
//!
//! A volunteer's row is found by its hours, which the month's triggers work out: after a change
//! to a month, the period's total is the sum of its months (three, six or twelve single-row
//! reads), and the total before is that sum less the change. So the years are kept from the
//! months as the spans already were, and the service records' triggers no longer write the
//! years themselves. The step stops, changing nothing, if those triggers are not as the last
//! steps wrote them. A month's volunteer and month never change (a new trigger refuses it), so
//! the triggers need not follow a row from one period to another.

use super::rewrite_trigger;
use crate::store::period_key::KEPT;

/// The service records' and activities' triggers that wrote the years directly.
const WROTE_YEARS: [&str; 4] = [
    "trg_totals_activity",
    "trg_totals_delete",
    "trg_totals_insert",
    "trg_totals_update",
];

/// The statements that set the period rows of the month row `row` (`new` or `old`) from the
/// months as they now are; `change` is what the months' hours gained by the change (so the
/// row's hours before it are the sum less `change`).
fn follow(row: &str, change: &str) -> String {
    let mut out = String::new();
    for k in &KEPT {
        let (table, column) = (k.table, k.column);
        let key = (k.key_of_month)(&format!("{row}.month"));
        let months = k.months_with(&format!("{row}.month"));
        let of_volunteer = format!(
            "FROM volunteer_months WHERE volunteer_key = {row}.volunteer_key \
             AND month IN {months}"
        );
        out += &format!(
            "    DELETE FROM {table} WHERE {column} = {key}
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) {of_volunteer}) - ({change})
      AND volunteer_key = {row}.volunteer_key;
    INSERT OR REPLACE INTO {table} ({column}, volunteer_key, participations, hours_tenths)
    SELECT {key}, {row}.volunteer_key, sum(participations), sum(hours_tenths) {of_volunteer}
    HAVING sum(participations) > 0;\n"
        );
    }
    out
}

/// The months' triggers that keep the years, quarters and half years.
fn month_triggers() -> String {
    format!(
        "CREATE TRIGGER trg_spans_insert AFTER INSERT ON volunteer_months
BEGIN
{}END;
CREATE TRIGGER trg_spans_update AFTER UPDATE OF participations, hours_tenths
ON volunteer_months
BEGIN
{}END;
CREATE TRIGGER trg_spans_delete AFTER DELETE ON volunteer_months
BEGIN
{}END;
CREATE TRIGGER trg_months_fixed BEFORE UPDATE OF month, volunteer_key ON volunteer_months
WHEN old.month IS NOT new.month OR old.volunteer_key IS NOT new.volunteer_key
BEGIN
    SELECT RAISE(ABORT, '每月服务统计的月份和志愿者不能更改');
END;",
        follow("new", "new.hours_tenths"),
        follow("new", "new.hours_tenths - old.hours_tenths"),
        follow("old", "-old.hours_tenths"),
    )
}

/// `name`'s SQL without its statements on the years; stops if it has none or is otherwise
/// not as steps 20‥31 left it.
fn without_years(tx: &rusqlite::Transaction<'_>, name: &str) -> rusqlite::Result<String> {
    rewrite_trigger(tx, name, 31, |sql| {
        let parts: Vec<&str> = sql.split(";\n").collect();
        let kept: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| !p.contains("volunteer_years"))
            .collect();
        let new = kept.join(";\n");
        (kept.len() < parts.len() && !new.contains("volunteer_years") && new.ends_with("END"))
            .then_some(new)
    })
}

/// The new table of `table` (key column `column`), ordered by hours.
fn ordered_table(table: &str, column: &str) -> String {
    format!(
        "CREATE TABLE {table} (
    {column} INTEGER NOT NULL,
    volunteer_key INTEGER NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY ({column}, hours_tenths, volunteer_key)
) WITHOUT ROWID;"
    )
}

pub(super) fn run(
    tx: &rusqlite::Transaction<'_>,
    progress: &mut dyn FnMut(f32),
) -> rusqlite::Result<()> {
    let rewritten = WROTE_YEARS
        .iter()
        .map(|name| without_years(tx, name))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for name in WROTE_YEARS {
        tx.execute_batch(&format!("DROP TRIGGER {name};"))?;
    }
    tx.execute_batch(
        "DROP TRIGGER trg_spans_insert; DROP TRIGGER trg_spans_update;
         DROP TRIGGER trg_spans_delete;",
    )?;
    let tables = [("volunteer_years", "year"), ("volunteer_spans", "span")];
    for (i, (table, column)) in tables.iter().enumerate() {
        // The old index of who served holds them in the new order: no sorting.
        tx.execute_batch(&format!(
            "ALTER TABLE {table} RENAME TO v31_{table};
             {}
             INSERT INTO {table} ({column}, volunteer_key, participations, hours_tenths)
             SELECT {column}, volunteer_key, participations, hours_tenths FROM v31_{table}
             WHERE participations > 0 ORDER BY {column}, hours_tenths, volunteer_key;
             DROP TABLE v31_{table};",
            ordered_table(table, column)
        ))?;
        progress(0.4 * (i + 1) as f32);
    }
    for sql in &rewritten {
        tx.execute_batch(&format!("{sql};"))?;
    }
    tx.execute_batch(&month_triggers())?;
    progress(1.0);
    Ok(())
}
