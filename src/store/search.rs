//! The volunteer search index: pinyin and initials of names, reversed phone and ID numbers,
//! kept beside `volunteers` (derived data, rebuilt from it, never merged between stations).

use rusqlite::Connection;
use rusqlite::types::Value;

use super::volunteers::{Volunteer, VolunteerRow, row_from_list};
use super::{Result, Store};
use crate::domain::search::{Query, name_keys, parse_query, reversed};

/// Schema version 4: the search index, filled for the volunteers already registered.
pub(crate) fn migrate_v4(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE volunteer_search (
             volunteer_id TEXT PRIMARY KEY NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
             pinyin TEXT NOT NULL,
             initials TEXT NOT NULL,
             mobile_rev TEXT NOT NULL,
             id_rev TEXT NOT NULL
         ) WITHOUT ROWID;
         CREATE INDEX idx_volunteer_search_pinyin ON volunteer_search(pinyin);
         CREATE INDEX idx_volunteer_search_initials ON volunteer_search(initials);
         CREATE INDEX idx_volunteer_search_mobile ON volunteer_search(mobile_rev);
         CREATE INDEX idx_volunteer_search_id ON volunteer_search(id_rev);",
    )?;
    let mut read = tx.prepare("SELECT id, name, mobile, id_number FROM volunteers")?;
    let rows = read.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (id, name, mobile, id_number) = row?;
        write_keys(tx, &id, &name, &mobile, &id_number)?;
    }
    Ok(())
}

fn write_keys(
    conn: &Connection,
    id: &str,
    name: &str,
    mobile: &str,
    id_number: &str,
) -> rusqlite::Result<()> {
    let keys = name_keys(name);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO volunteer_search (volunteer_id, pinyin, initials, mobile_rev, id_rev)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![
        id,
        keys.pinyin,
        keys.initials,
        reversed(mobile),
        reversed(id_number)
    ])?;
    Ok(())
}

/// Writes a volunteer's search keys (after every insert and update of the volunteer).
pub(crate) fn index_volunteer(conn: &Connection, v: &Volunteer) -> Result<()> {
    write_keys(conn, &v.meta.id, &v.name, &v.mobile, &v.id_number)?;
    Ok(())
}

/// The key ranges a query searches, as SQL over `volunteer_search` / `volunteers` returning
/// matching volunteer keys, with its bound values.
fn matching_ids(query: &Query) -> Option<(&'static str, Vec<String>)> {
    // Upper bounds: after every letter, after every character.
    let after_ascii = |s: &str| format!("{s}~");
    let after_any = |s: &str| format!("{s}\u{10FFFF}");
    match query {
        Query::All => None,
        Query::Letters(q) => Some((
            "SELECT volunteer_id FROM volunteer_search WHERE initials >= ?1 AND initials < ?2
             UNION SELECT volunteer_id FROM volunteer_search WHERE pinyin >= ?1 AND pinyin < ?2
             UNION SELECT id FROM volunteers WHERE number >= ?3 AND number < ?4",
            vec![
                q.clone(),
                after_ascii(q),
                q.to_ascii_uppercase(),
                after_ascii(&q.to_ascii_uppercase()),
            ],
        )),
        Query::Digits(q) => {
            let r = reversed(q);
            Some((
                "SELECT volunteer_id FROM volunteer_search WHERE mobile_rev >= ?1 AND mobile_rev < ?2
                 UNION SELECT volunteer_id FROM volunteer_search WHERE id_rev >= ?1 AND id_rev < ?2",
                vec![r.clone(), after_ascii(&r)],
            ))
        }
        Query::Text(q) => Some((
            "SELECT id FROM volunteers WHERE name >= ?1 AND name < ?2
             UNION SELECT id FROM volunteers WHERE number >= ?3 AND number < ?4",
            vec![
                q.clone(),
                after_any(q),
                q.to_uppercase(),
                after_any(&q.to_uppercase()),
            ],
        )),
    }
}

impl Store {
    /// How many live volunteers match the search box's text.
    pub fn volunteer_search_count(&self, text: &str) -> Result<u64> {
        let Some((ids, params)) = matching_ids(&parse_query(text)) else {
            return self.count_live(super::meta::Table::Volunteers);
        };
        let sql = format!(
            "SELECT count(*) FROM volunteers v WHERE v.deleted_at IS NULL AND v.id IN ({ids})"
        );
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of live volunteers matching the search box's text, ordered by number.
    pub fn volunteer_search_page(
        &self,
        text: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<VolunteerRow>> {
        let Some((ids, keys)) = matching_ids(&parse_query(text)) else {
            return self.volunteer_page(false, offset, limit);
        };
        let n = keys.len();
        let mut params: Vec<Value> = keys.into_iter().map(Value::Text).collect();
        let sql = format!(
            "SELECT v.id, v.number, v.name, v.gender, v.id_number, v.mobile, v.political_status,
                    coalesce(u.name, '') AS community, v.status
             FROM volunteers v LEFT JOIN units u ON u.id = v.community_id
             WHERE v.deleted_at IS NULL AND v.id IN ({ids})
             ORDER BY v.number LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        params.push(Value::Integer(limit as i64));
        params.push(Value::Integer(offset as i64));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), row_from_list)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
