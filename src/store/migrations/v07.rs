//! Schema version 7, in code (the kinds are split by Rust). Shipped: never edit (its kinds
//! writer is its own since schema version 23 keyed the table by the volunteers' short keys).

use crate::domain::volunteer::KINDS;

/// Schema version 7: the volunteers' kinds as their own small table, so the register's 类别
/// filter looks its volunteers up instead of reading every volunteer row; the hours index
/// made whole, so counting by star level reads the index alone.
pub(super) fn run(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE volunteer_kinds (
             kind TEXT NOT NULL,
             volunteer_id TEXT NOT NULL,
             PRIMARY KEY (kind, volunteer_id)
         ) WITHOUT ROWID;",
    )?;
    // Hours: counted over the index alone (the partial index made every count read rows).
    tx.execute_batch(
        "DROP INDEX idx_vs_live_total;
         CREATE INDEX idx_vs_hours ON volunteer_search(total_tenths, number, live);",
    )?;
    let mut read = tx.prepare("SELECT id, kinds FROM volunteers WHERE kinds != ''")?;
    let rows = read.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, kinds) = row?;
        write_kinds(tx, &id, &kinds)?;
    }
    Ok(())
}

/// One row per listed kind of the volunteer, keyed by the volunteer's text id as the table was
/// from schema version 7 to 22.
fn write_kinds(
    conn: &rusqlite::Connection,
    volunteer_id: &str,
    kinds: &str,
) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO volunteer_kinds (kind, volunteer_id) VALUES (?1, ?2)",
    )?;
    for kind in kinds.split('、').map(str::trim) {
        if KINDS.contains(&kind) {
            insert.execute([kind, volunteer_id])?;
        }
    }
    Ok(())
}
