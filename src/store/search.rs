//! The volunteer search index: pinyin and initials of names, reversed phone and ID numbers,
//! kept beside `volunteers` (derived data, rebuilt from it, never merged between stations).

use rusqlite::Connection;
use rusqlite::types::Value;

use super::meta::Table;
use super::record::short_key;
use super::volunteers::{Volunteer, VolunteerRow, row_from_list};
use super::{Result, Store, StoreError};
use crate::domain::search::{Query, name_keys, parse_query, reversed};
use crate::domain::volunteer::KINDS;

/// Writes a volunteer's search and sort keys (after every insert and update of the volunteer).
/// The service-hour total is kept by triggers and left as it is.
pub(crate) fn index_volunteer(conn: &Connection, v: &Volunteer) -> Result<()> {
    index_keyed(conn, key_of(conn, &v.meta.id)?, v)
}

/// Rewrites a changed volunteer's keys: [`index_volunteer`] after clearing their kinds.
pub(crate) fn reindex_volunteer(conn: &Connection, v: &Volunteer) -> Result<()> {
    let key = key_of(conn, &v.meta.id)?;
    clear_kinds(conn, key)?;
    index_keyed(conn, key, v)
}

/// Removes a volunteer's search keys and kinds (before the volunteer's row is purged).
pub(crate) fn unindex_volunteer(conn: &Connection, id: &str) -> Result<()> {
    let Some(key) = short_key(conn, Table::Volunteers, id)? else {
        return Ok(());
    };
    conn.prepare_cached("DELETE FROM volunteer_search WHERE volunteer_key = ?1")?
        .execute([key])?;
    clear_kinds(conn, key)?;
    Ok(())
}

/// The short key of the volunteer whose row is already written (the search keys and kinds
/// refer to it, schema version 23).
fn key_of(conn: &Connection, id: &str) -> Result<i64> {
    short_key(conn, Table::Volunteers, id)?.ok_or_else(|| StoreError::NotFound {
        kind: "志愿者",
        id: id.to_string(),
    })
}

/// Writes the search and sort keys and the kinds of the volunteer whose short key is `key`.
fn index_keyed(conn: &Connection, key: i64, v: &Volunteer) -> Result<()> {
    let keys = name_keys(&v.name);
    conn.prepare_cached(
        "INSERT INTO volunteer_search
             (volunteer_key, number, pinyin, initials, mobile_rev, id_rev, live, community)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                 coalesce((SELECT name FROM units WHERE id = ?8), ''))
         ON CONFLICT (volunteer_key) DO UPDATE SET number = excluded.number,
             pinyin = excluded.pinyin, initials = excluded.initials,
             mobile_rev = excluded.mobile_rev, id_rev = excluded.id_rev,
             live = excluded.live, community = excluded.community",
    )?
    .execute(rusqlite::params![
        key,
        v.number,
        keys.pinyin,
        keys.initials,
        reversed(&v.mobile),
        reversed(&v.id_number),
        v.meta.deleted_at.is_none(),
        v.community_id,
    ])?;
    write_kinds(conn, key, &v.kinds)?;
    Ok(())
}

/// Deletes a volunteer's kinds, one key of the table each (it has no index by volunteer).
fn clear_kinds(conn: &Connection, key: i64) -> rusqlite::Result<()> {
    let mut clear =
        conn.prepare_cached("DELETE FROM volunteer_kinds WHERE kind = ?1 AND volunteer_key = ?2")?;
    for kind in KINDS {
        clear.execute(rusqlite::params![kind, key])?;
    }
    Ok(())
}

/// One row per kind (志愿者类别) the volunteer has; kinds not in the list are not indexed.
fn write_kinds(conn: &Connection, key: i64, kinds: &str) -> rusqlite::Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO volunteer_kinds (kind, volunteer_key) VALUES (?1, ?2)",
    )?;
    for kind in kinds.split('、').map(str::trim) {
        if KINDS.contains(&kind) {
            insert.execute(rusqlite::params![kind, key])?;
        }
    }
    Ok(())
}

/// The key ranges a query searches, as SQL over `volunteer_search` / `volunteers` returning
/// the numbers of matching volunteers (some ranges include deleted ones: callers keep the live),
/// with its bound values.
pub(crate) fn matching_ids(query: &Query) -> Option<(&'static str, Vec<String>)> {
    // Upper bounds: after every letter, after every character.
    let after_ascii = |s: &str| format!("{s}~");
    let after_any = |s: &str| format!("{s}\u{10FFFF}");
    match query {
        Query::All => None,
        Query::Letters(q) => Some((
            "SELECT number FROM volunteer_search WHERE initials >= ?1 AND initials < ?2
             UNION SELECT number FROM volunteer_search
                   WHERE live = 1 AND pinyin >= ?1 AND pinyin < ?2
             UNION SELECT number FROM volunteers INDEXED BY idx_volunteers_live_number
                   WHERE deleted_at IS NULL AND number >= ?3 AND number < ?4",
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
                "SELECT number FROM volunteer_search WHERE mobile_rev >= ?1 AND mobile_rev < ?2
                 UNION SELECT number FROM volunteer_search WHERE id_rev >= ?1 AND id_rev < ?2",
                vec![r.clone(), after_ascii(&r)],
            ))
        }
        Query::Text(q) => Some((
            "SELECT number FROM volunteers WHERE name >= ?1 AND name < ?2
             UNION SELECT number FROM volunteers INDEXED BY idx_volunteers_live_number
                   WHERE deleted_at IS NULL AND number >= ?3 AND number < ?4",
            vec![
                q.clone(),
                after_any(q),
                q.to_uppercase(),
                after_any(&q.to_uppercase()),
            ],
        )),
    }
}

/// Whether the volunteer numbered `m.number` is live, answered from the partial index of live
/// numbers without reading the row.
const LIVE: &str = "EXISTS (SELECT 1 FROM volunteers x INDEXED BY idx_volunteers_live_number
                            WHERE x.deleted_at IS NULL AND x.number = m.number)";

impl Store {
    /// How many live volunteers match the search box's text.
    pub fn volunteer_search_count(&self, text: &str) -> Result<u64> {
        let Some((ids, params)) = matching_ids(&parse_query(text)) else {
            return self.count_live(super::meta::Table::Volunteers);
        };
        let sql = format!("SELECT count(*) FROM ({ids}) m WHERE {LIVE}");
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
        // The page's numbers come from the indexes alone; only its rows are read in full.
        let sql = format!(
            "SELECT v.id, v.number, v.name, v.gender, v.id_number, v.mobile, v.political_status,
                    coalesce(u.name, '') AS community, v.status,
                    coalesce(s.total_tenths, 0) AS total_tenths
             FROM (SELECT number FROM ({ids}) m WHERE {LIVE}
                   ORDER BY number LIMIT ?{} OFFSET ?{}) p
             JOIN volunteers v ON v.number = p.number
             LEFT JOIN units u ON u.id = v.community_id
             LEFT JOIN volunteer_search s ON s.volunteer_key = v.key
             ORDER BY v.number",
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
