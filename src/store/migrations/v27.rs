//! Schema version 27, in code: the running totals key their periods by integers instead of
//! text (#22, goal 7; the form is [`crate::store::period_key`]'s). Shipped: never edit.
//!
//! - `volunteer_months`, `volunteer_years` and `volunteer_spans` are built again with the same
//!   rows, each period's text key turned into its integer (`2025-03` → 202503, `2025` → 2025,
//!   `2025Q3` → 20253, `2025H2` → 20256), and the two indexes of who served made again.
//! - The seven counting triggers that name a period are made again from their text in the
//!   file, each period expression replaced by the integer one; the step stops, changing
//!   nothing, if a trigger is not as schema version 26 left it.

use super::{rewritten_trigger, stop};
use crate::store::period_key::{half_of_month, month_of_date, quarter_of_month, year_of_date};

/// The triggers that name a period.
const TRIGGERS: [&str; 7] = [
    "trg_spans_delete",
    "trg_spans_insert",
    "trg_spans_update",
    "trg_totals_activity",
    "trg_totals_delete",
    "trg_totals_insert",
    "trg_totals_update",
];

/// Each total table: its name, key column, the SQL of the integer key of the old text key,
/// and its index of who served.
fn tables() -> [(&'static str, &'static str, String, Option<&'static str>); 3] {
    [
        ("volunteer_months", "month", month_of_date("month"), None),
        (
            "volunteer_years",
            "year",
            year_of_date("year"),
            Some("idx_volunteer_years_served"),
        ),
        (
            "volunteer_spans",
            "span",
            "(substr(span, 1, 4) * 10 + CASE substr(span, 5, 1) WHEN 'Q' THEN 0 ELSE 4 END \
             + substr(span, 6))"
                .to_string(),
            Some("idx_volunteer_spans_served"),
        ),
    ]
}

/// The period expressions of schema version 26's triggers and their integer forms, in the
/// order they are replaced.
fn replacements() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for row in ["old", "new", "a"] {
        let date = format!("{row}.date");
        // The year first: the month's integer form holds the year's text form.
        out.push((format!("substr({date}, 1, 4)"), year_of_date(&date)));
        out.push((format!("substr({date}, 1, 7)"), month_of_date(&date)));
        let month = format!("{row}.month");
        out.push((
            format!("substr({month}, 1, 4) || 'Q' || ((substr({month}, 6, 2) + 2) / 3)"),
            quarter_of_month(&month),
        ));
        out.push((
            format!("substr({month}, 1, 4) || 'H' || ((substr({month}, 6, 2) + 5) / 6)"),
            half_of_month(&month),
        ));
    }
    out
}

pub(super) fn run(
    tx: &rusqlite::Transaction<'_>,
    progress: &mut dyn FnMut(f32),
) -> rusqlite::Result<()> {
    let mut triggers = Vec::new();
    for name in TRIGGERS {
        let new = rewritten_trigger(tx, name, &replacements(), &[", 1, 7)", "'Q' ||"], 26)?;
        tx.execute_batch(&format!("DROP TRIGGER {name};"))?;
        triggers.push(new);
    }
    let tables = tables();
    for (done, (table, column, key, served)) in tables.iter().enumerate() {
        let served_sql: Option<String> = match served {
            Some(index) => Some(tx.query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                [index],
                |r| r.get(0),
            )?),
            None => None,
        };
        let rows: i64 = tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        tx.execute_batch(&format!(
            "CREATE TABLE period_key_rows (
    {column} INTEGER NOT NULL,
    volunteer_key INTEGER NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY ({column}, volunteer_key)
) WITHOUT ROWID;
INSERT INTO period_key_rows ({column}, volunteer_key, participations, hours_tenths)
SELECT {key}, volunteer_key, participations, hours_tenths FROM {table} ORDER BY 1, 2;"
        ))?;
        let moved: i64 = tx.query_row("SELECT count(*) FROM period_key_rows", [], |r| r.get(0))?;
        if moved != rows {
            return Err(stop(format!(
                "统计表 {table} 换成整数期间时少了 {} 行，已停止升级，文件未改动",
                rows - moved
            )));
        }
        tx.execute_batch(&format!(
            "DROP TABLE {table}; ALTER TABLE period_key_rows RENAME TO {table};"
        ))?;
        if let Some(sql) = served_sql {
            tx.execute_batch(&sql)?;
        }
        progress((done + 1) as f32 / (tables.len() + 1) as f32);
    }
    for sql in triggers {
        tx.execute_batch(&sql)?;
    }
    progress(1.0);
    Ok(())
}
