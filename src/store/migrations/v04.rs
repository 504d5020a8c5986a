//! Schema version 4: the volunteer search index (pinyin and initials need code). Shipped: never
//! edit; the index's later columns are filled by later steps.

use crate::domain::search::{name_keys, reversed};

/// The secondary indexes of the search keys (schema version 4).
const CREATE_INDEXES: &str = "
    CREATE INDEX idx_volunteer_search_pinyin ON volunteer_search(pinyin);
    CREATE INDEX idx_volunteer_search_initials ON volunteer_search(initials);
    CREATE INDEX idx_volunteer_search_mobile ON volunteer_search(mobile_rev);
    CREATE INDEX idx_volunteer_search_id ON volunteer_search(id_rev);";

/// Schema version 4: the search index, filled for the volunteers already registered.
pub(super) fn run(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE volunteer_search (
             volunteer_id TEXT PRIMARY KEY NOT NULL,
             number TEXT NOT NULL,
             pinyin TEXT NOT NULL,
             initials TEXT NOT NULL,
             mobile_rev TEXT NOT NULL,
             id_rev TEXT NOT NULL
         ) WITHOUT ROWID;",
    )?;
    tx.execute_batch(CREATE_INDEXES)?;
    let mut read = tx.prepare("SELECT id, number, name, mobile, id_number FROM volunteers")?;
    let rows = read.query_map([], |r| {
        Ok(Keyed {
            id: r.get(0)?,
            number: r.get(1)?,
            name: r.get(2)?,
            mobile: r.get(3)?,
            id_number: r.get(4)?,
        })
    })?;
    for row in rows {
        let v = row?;
        let keys = name_keys(&v.name);
        // Frozen with schema version 4: later columns are filled by later steps.
        tx.prepare_cached(
            "INSERT OR REPLACE INTO volunteer_search
                 (volunteer_id, number, pinyin, initials, mobile_rev, id_rev)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(rusqlite::params![
            v.id,
            v.number,
            keys.pinyin,
            keys.initials,
            reversed(&v.mobile),
            reversed(&v.id_number)
        ])?;
    }
    Ok(())
}

/// What the search keys are made from.
struct Keyed {
    id: String,
    number: String,
    name: String,
    mobile: String,
    id_number: String,
}
