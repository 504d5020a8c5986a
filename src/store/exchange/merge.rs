//! Reading one package into the database, record by record (see the module above for the
//! rules), with the totals of new service records counted once at the end.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Statement, params};

use super::{
    ImportSummary, KindCounts, PackageInfo, SYNCED, col_list, columns, foreign_keys, kept_columns,
    kind_name, natural_key, one_row, reindex, select_sql, to_json, unique_column, update_row,
    written_column, written_key, written_table,
};
use crate::store::meta::now_utc;
use crate::store::period_key::{KEPT, month_of_date};
use crate::store::totals;
use crate::store::{Result, StoreError};

/// The triggers that count each new service record (register total, running totals); an
/// import drops them inside its transaction and counts the touched ones with
/// [`recount_touched`] instead.
pub(super) const COUNTING_TRIGGERS: [&str; 2] = ["trg_participation_insert", "trg_totals_insert"];

/// Counts again, from the records, the totals of the activities and volunteers that got new
/// service records (`temp.exchange_touched`), as the counting triggers would have.
///
/// A volunteer's monthly rows are found by key (month, volunteer) through
/// `temp.exchange_months`, the months of the touched volunteers' records: a district's ledger
/// holds millions of them, and the table has no index by volunteer alone. Their years,
/// quarters and half years are summed again from those months once, with the months'
/// triggers out ([`touched_periods`]): through the triggers each month's row would be
/// summed for its three periods as it went and again as it came.
pub(super) fn recount_touched(c: &Connection) -> Result<()> {
    totals::without(c, totals::Kind::Trigger, &totals::SPAN_TRIGGERS, || {
        Ok(c.execute_batch(&recount_touched_sql())?)
    })
}

/// The years, quarters and half years of the touched volunteers (`temp.exchange_months`,
/// which holds every month of theirs with a service record, so every month of theirs in
/// `volunteer_months`), from their months: `gone` the rows as the months now sum them (each
/// found by its key, hours included), else the rows as they sum them after the recount.
fn touched_periods(gone: bool) -> String {
    let mut out = String::new();
    for k in &KEPT {
        let (table, column, key) = (k.table, k.column, (k.key_of_month)("m.month"));
        let sums = "FROM temp.exchange_months m
             JOIN volunteer_months v ON v.month = m.month AND v.volunteer_key = m.volunteer_key";
        out += &if gone {
            format!(
                "DELETE FROM {table} WHERE ({column}, hours_tenths, volunteer_key) IN (
                     SELECT {key}, sum(v.hours_tenths), m.volunteer_key {sums}
                     GROUP BY 1, 3 HAVING sum(v.participations) > 0);\n"
            )
        } else {
            format!(
                "INSERT OR REPLACE INTO {table} ({column}, volunteer_key, participations,
                                                hours_tenths)
                 SELECT {key}, m.volunteer_key, sum(v.participations), sum(v.hours_tenths)
                 {sums} GROUP BY 1, 2 HAVING sum(v.participations) > 0;\n"
            )
        };
    }
    out
}

fn recount_touched_sql() -> String {
    let touched = "SELECT v.key FROM volunteers v
                   WHERE v.id IN (SELECT id FROM temp.exchange_touched WHERE kind = 'v')";
    let month = month_of_date("a.date");
    let (gone, come) = (touched_periods(true), touched_periods(false));
    format!(
        "UPDATE activity_facts SET participations = t.n, hours_tenths = t.h
    FROM (SELECT a.key AS activity_key, count(*) AS n, coalesce(sum(p.hours_tenths), 0) AS h
          FROM activities a JOIN participation_rows p ON p.activity_ref = a.key
          WHERE p.deleted_at IS NULL
            AND a.id IN (SELECT id FROM temp.exchange_touched WHERE kind = 'a')
          GROUP BY a.key) t
    WHERE activity_facts.activity_key = t.activity_key;
    CREATE TEMP TABLE IF NOT EXISTS exchange_months (
        month INTEGER NOT NULL, volunteer_key INTEGER NOT NULL,
        PRIMARY KEY (month, volunteer_key)
    ) WITHOUT ROWID;
    DELETE FROM temp.exchange_months;
    INSERT INTO temp.exchange_months
    SELECT DISTINCT {month}, p.volunteer_ref
    FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
    WHERE p.volunteer_ref IN ({touched});
    {gone}
    DELETE FROM volunteer_months WHERE (month, volunteer_key) IN temp.exchange_months;
    INSERT INTO volunteer_months
    SELECT {month}, p.volunteer_ref, count(*), sum(p.hours_tenths)
    FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
    WHERE p.volunteer_ref IN ({touched}) AND p.deleted_at IS NULL AND a.counted
    GROUP BY 1, p.volunteer_ref;
    {come}
    UPDATE volunteer_search SET total_tenths = coalesce((
        SELECT sum(p.hours_tenths)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = volunteer_search.volunteer_key
          AND p.deleted_at IS NULL AND a.counted), 0)
    WHERE volunteer_key IN ({touched});
    DELETE FROM temp.exchange_touched;
    DELETE FROM temp.exchange_months;"
    )
}

/// The state of one package being read.
pub(super) struct Merge<'c> {
    c: &'c Connection,
    info: &'c PackageInfo,
    /// Their key → ours.
    alias: HashMap<String, String>,
    /// Keys removed for good here.
    tombstones: HashSet<String>,
    /// This station's last export: a record not changed since was sent as it is.
    last_export: Option<String>,
    /// Prefix of numbers given to volunteers whose number is taken here.
    prefix: String,
    pub(super) summary: ImportSummary,
}

/// How a record of the package relates to ours.
enum Found {
    /// We have the same key.
    Same(Vec<Value>),
    /// We have the same person (or link) under another key.
    Merged(String, Vec<Value>),
    /// We do not have it.
    New,
}

impl<'c> Merge<'c> {
    pub(super) fn new(
        c: &'c Connection,
        info: &'c PackageInfo,
        last_export: Option<String>,
        prefix: String,
    ) -> Result<Self> {
        let alias = c
            .prepare("SELECT from_id, to_id FROM exchange_alias")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<String, String>>>()?;
        let tombstones = c
            .prepare("SELECT id FROM exchange_tombstones")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<HashSet<String>>>()?;
        Ok(Merge {
            c,
            info,
            alias,
            tombstones,
            last_export,
            prefix,
            summary: ImportSummary {
                package_id: info.package_id.clone(),
                station_name: info.station_name.clone(),
                ..Default::default()
            },
        })
    }

    /// Reads every row of one table of the package.
    pub(super) fn table(
        &mut self,
        table: &'static str,
        progress: &mut dyn FnMut(u64) -> bool,
    ) -> Result<()> {
        let ours = columns(self.c, "main", table)?;
        let theirs: HashSet<String> = columns(self.c, "pkg", table)?.into_iter().collect();
        if theirs.is_empty() {
            return Ok(());
        }
        // Columns the package lacks (an older program) are left as they are.
        let cols: Vec<String> = ours
            .iter()
            .filter(|c| theirs.contains(*c))
            .cloned()
            .collect();
        let at = |name: &str| cols.iter().position(|c| c == name);
        let (Some(id_at), Some(updated_at)) = (at("id"), at("updated_at")) else {
            return Ok(());
        };
        if table == "participations" && at("origin").is_some() {
            // Their stations listed first, so that the records keep them as short keys.
            self.c.execute(
                "INSERT OR IGNORE INTO stations (id)
                 SELECT DISTINCT origin FROM pkg.participations WHERE typeof(origin) = 'text'",
                [],
            )?;
        }
        let fk_at: Vec<usize> = foreign_keys(self.c, table)?
            .iter()
            .filter_map(|(col, _)| at(col))
            .collect();
        let key_at: Vec<usize> = natural_key(table).iter().filter_map(|k| at(k)).collect();
        // An attachment's original name is only a label: no path parts, nothing hidden.
        let label_at = at("file_name").filter(|_| table == "attachments");
        let compared: Vec<usize> = (0..cols.len())
            .filter(|i| *i != updated_at && !kept_columns(table).contains(&cols[*i].as_str()))
            .collect();
        let mut counts = KindCounts {
            kind: kind_name(table),
            ..Default::default()
        };
        let local_sql = select_sql("main", table, &cols);
        // Live records first, then the recycle bin: each half can use the index it has (the
        // register keeps an identity number's index for live volunteers only; a lookup over
        // both read the whole register once per volunteer of the package).
        let same = key_at
            .iter()
            .enumerate()
            .map(|(n, &i)| format!("\"{}\" = ?{}", cols[i], n + 1))
            .collect::<Vec<_>>()
            .join(" AND ");
        let key_sql = format!(
            "SELECT id FROM (
                 SELECT id, 0 AS gone, created_at FROM \"{table}\"
                 WHERE {same} AND deleted_at IS NULL
                 UNION ALL
                 SELECT id, 1, created_at FROM \"{table}\"
                 WHERE {same} AND deleted_at IS NOT NULL)
             ORDER BY gone, created_at, id LIMIT 1"
        );
        let (columns, values): (Vec<String>, Vec<String>) = cols
            .iter()
            .enumerate()
            .map(|(i, col)| written_column(table, col, &format!("?{}", i + 1)))
            .unzip();
        let insert_sql = format!(
            "INSERT INTO \"{}\" ({}) VALUES ({})",
            written_table(table),
            columns.join(", "),
            values.join(", ")
        );
        let c = self.c;
        // The statements used for each row are held for the whole table, not taken from
        // rusqlite's cache: the cache clears a statement's bindings when it takes it back, and
        // SQLite then parses and plans a statement with `col = ?` again on its next use. Through
        // the service records' view that was 43% of an import's time.
        let mut held = Held {
            ours: c.prepare(&local_sql)?,
            by_key: if key_at.is_empty() {
                None
            } else {
                Some(c.prepare(&key_sql)?)
            },
            insert: c.prepare(&insert_sql)?,
            base: c.prepare("SELECT updated_at FROM exchange_base WHERE id = ?1")?,
        };
        let mut read = c.prepare(&format!(
            "SELECT {} FROM pkg.\"{table}\" ORDER BY rowid",
            col_list(&cols)
        ))?;
        let mut rows = read.query([])?;
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            n += 1;
            if n.is_multiple_of(2000) && !progress(2000) {
                return Err(StoreError::Cancelled);
            }
            let mut row = (0..cols.len())
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if let Some(i) = label_at
                && let Value::Text(name) = &row[i]
            {
                row[i] = Value::Text(crate::store::attachments::label_of(name));
            }
            // Point their keys at ours; a row about something removed here stays out.
            for &i in std::iter::once(&id_at).chain(&fk_at) {
                if let Value::Text(k) = &row[i]
                    && let Some(to) = self.alias.get(k)
                {
                    row[i] = Value::Text(to.clone());
                }
            }
            let removed_here = std::iter::once(&id_at)
                .chain(&fk_at)
                .any(|&i| matches!(&row[i], Value::Text(k) if self.tombstones.contains(k)));
            if removed_here {
                self.summary.kept_removed += 1;
                continue;
            }
            let Value::Text(id) = row[id_at].clone() else {
                continue;
            };
            let found = match one_row(&mut held.ours, cols.len(), &id)? {
                Some(local) => Found::Same(local),
                None => match same_as_ours(&mut held, cols.len(), &key_at, &row)? {
                    Some((ours_id, local)) => Found::Merged(ours_id, local),
                    None => Found::New,
                },
            };
            let incoming_at = text(&row[updated_at]);
            match found {
                Found::New => {
                    self.insert(table, &cols, &mut row, &mut held.insert)?;
                    self.set_base(&id, &incoming_at)?;
                    counts.added += 1;
                }
                Found::Merged(ours_id, local) => {
                    self.c.execute(
                        "INSERT OR REPLACE INTO exchange_alias (from_id, to_id, tbl)
                         VALUES (?1, ?2, ?3)",
                        params![id, ours_id, table],
                    )?;
                    self.alias.insert(id.clone(), ours_id.clone());
                    row[id_at] = Value::Text(ours_id.clone());
                    // Two registrations of one person (or unit): the newer one's details win,
                    // and the result counts as agreed, so later edits follow the same rule.
                    let differs = compared.iter().any(|&i| row[i] != local[i]);
                    let local_at = text(&local[updated_at]);
                    if differs && incoming_at > local_at {
                        self.update(table, &cols, &ours_id, &row)?;
                        self.set_base(&ours_id, &incoming_at)?;
                    } else {
                        self.set_base(&ours_id, &local_at)?;
                    }
                    counts.merged += 1;
                }
                Found::Same(local) => {
                    let local_at = text(&local[updated_at]);
                    if !compared.iter().any(|&i| row[i] != local[i]) {
                        if local_at == incoming_at {
                            self.set_base(&id, &incoming_at)?;
                        }
                        counts.unchanged += 1;
                        continue;
                    }
                    let base: Option<String> =
                        held.base.query_row([&id], |r| r.get(0)).optional()?;
                    let (ours_changed, theirs_changed) = match &base {
                        Some(b) => (&local_at != b, &incoming_at != b),
                        // Never received: ours is unchanged if we sent it as it is.
                        None => (
                            self.last_export.as_ref().is_none_or(|w| &local_at > w),
                            true,
                        ),
                    };
                    if !theirs_changed {
                        counts.unchanged += 1;
                    } else if ours_changed {
                        self.c.execute(
                            "INSERT OR IGNORE INTO exchange_conflicts
                                 (tbl, record_id, station, package_id, local_updated_at,
                                  incoming_updated_at, incoming, found_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            params![
                                table,
                                id,
                                self.info.station_name,
                                self.info.package_id,
                                local_at,
                                incoming_at,
                                to_json(&cols, &row),
                                now_utc()
                            ],
                        )?;
                        counts.conflicts += 1;
                    } else if incoming_at > local_at {
                        self.update(table, &cols, &id, &row)?;
                        self.set_base(&id, &incoming_at)?;
                        counts.updated += 1;
                    } else {
                        counts.unchanged += 1;
                    }
                }
            }
        }
        if !progress(n % 2000) {
            return Err(StoreError::Cancelled);
        }
        if n > 0 {
            self.summary.kinds.push(counts);
        }
        Ok(())
    }

    /// Adds a record; a number or serial taken here by another record is changed and noted.
    fn insert(
        &mut self,
        table: &str,
        cols: &[String],
        row: &mut [Value],
        insert: &mut Statement<'_>,
    ) -> Result<()> {
        if let Some((col, label)) = unique_column(table)
            && let Some(i) = cols.iter().position(|c| c == col)
            && let Value::Text(value) = row[i].clone()
        {
            let taken = |v: &str| -> Result<bool> {
                Ok(self
                    .c
                    .prepare_cached(&format!("SELECT 1 FROM \"{table}\" WHERE \"{col}\" = ?1"))?
                    .exists([v])?)
            };
            if taken(&value)? {
                let new = if table == "volunteers" {
                    crate::store::volunteers::next_number_in(self.c, &self.prefix)?
                } else {
                    let mut k = 2;
                    while taken(&format!("{value}-{k}"))? {
                        k += 1;
                    }
                    format!("{value}-{k}")
                };
                self.summary.renumbered.push(format!(
                    "{}{label}“{value}”本机已有，改为“{new}”",
                    self.info.station_name
                ));
                row[i] = Value::Text(new);
            }
        }
        insert.execute(rusqlite::params_from_iter(row.iter()))?;
        if table == "participations" {
            let mut touch = self.c.prepare_cached(
                "INSERT OR IGNORE INTO temp.exchange_touched (kind, id) VALUES (?1, ?2)",
            )?;
            for (kind, col) in [("v", "volunteer_id"), ("a", "activity_id")] {
                if let Some(i) = cols.iter().position(|c| c == col) {
                    touch.execute(params![kind, row[i]])?;
                }
            }
        }
        if table == "volunteers"
            && let Some(Value::Text(id)) = cols.iter().position(|c| c == "id").map(|i| &row[i])
        {
            reindex(self.c, id)?;
        }
        Ok(())
    }

    fn update(&self, table: &str, cols: &[String], id: &str, row: &[Value]) -> Result<()> {
        let values: Vec<Option<Value>> = row.iter().cloned().map(Some).collect();
        update_row(self.c, table, cols, id, &values)?;
        if table == "volunteers" {
            reindex(self.c, id)?;
        }
        Ok(())
    }

    fn set_base(&self, id: &str, at: &str) -> Result<()> {
        self.c
            .prepare_cached(
                "INSERT OR REPLACE INTO exchange_base (id, updated_at) VALUES (?1, ?2)",
            )?
            .execute([id, at])?;
        Ok(())
    }

    /// Records the station removed for good go to our recycle bin (not removed: the clerk
    /// decides), and stay there.
    pub(super) fn removals(&mut self) -> Result<()> {
        let rows: Vec<(String, String, String)> = self
            .c
            .prepare("SELECT id, tbl, purged_at FROM pkg.tombstones")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, table, at) in rows {
            let Some(table) = SYNCED.iter().find(|t| **t == table) else {
                continue;
            };
            let id = self.alias.get(&id).cloned().unwrap_or(id);
            // The service records' rows, not their view: a change made through a view's
            // trigger is not counted.
            let stored = written_table(table);
            let (updated, stamp) = written_column(table, "updated_at", "?1");
            let this = written_key(table, "?2");
            let n = self.c.execute(
                &format!(
                    "UPDATE \"{stored}\" SET deleted_at = ?1, {updated} = {stamp}
                     WHERE {this} AND deleted_at IS NULL"
                ),
                params![at, id],
            )?;
            if n > 0 {
                self.set_base(&id, &at)?;
                if *table == "volunteers" {
                    reindex(self.c, &id)?;
                }
            }
            self.summary.removed += n as u64;
        }
        Ok(())
    }

    /// Every reference the package's records make points at a record here; otherwise nothing
    /// is written and the clerk hears which.
    pub(super) fn check_references(&self) -> Result<()> {
        for t in SYNCED {
            for (col, parent) in foreign_keys(self.c, t)? {
                let missing: i64 = self.c.query_row(
                    &format!(
                        "SELECT count(*) FROM pkg.\"{t}\" c
                         WHERE c.\"{col}\" IS NOT NULL
                           AND c.id NOT IN (SELECT id FROM main.exchange_tombstones)
                           AND NOT EXISTS (
                               SELECT 1 FROM main.\"{parent}\" p WHERE p.id = coalesce(
                                   (SELECT to_id FROM main.exchange_alias WHERE from_id = c.\"{col}\"),
                                   c.\"{col}\"))
                           AND c.\"{col}\" NOT IN (SELECT id FROM main.exchange_tombstones)"
                    ),
                    [],
                    |r| r.get(0),
                )?;
                if missing > 0 {
                    return Err(StoreError::Refused(format!(
                        "交换包不完整：其中 {missing} 条{}所属的{}在交换包和本机中都没有。未导入任何记录，请让“{}”重新导出“全部记录”的交换包。",
                        kind_name(t),
                        kind_name(&parent),
                        self.info.station_name
                    )));
                }
            }
        }
        Ok(())
    }
}

/// The statements [`Merge::table`] runs for each row of one table of the package.
struct Held<'c> {
    /// Our record with the row's key ([`select_sql`]).
    ours: Statement<'c>,
    /// Our record's key by the natural key, live records first (for a table that has one).
    by_key: Option<Statement<'c>>,
    insert: Statement<'c>,
    /// When we last agreed with a station on a record.
    base: Statement<'c>,
}

/// Our record that is the same as this row of the package by its natural key.
fn same_as_ours(
    held: &mut Held<'_>,
    n: usize,
    key_at: &[usize],
    row: &[Value],
) -> Result<Option<(String, Vec<Value>)>> {
    let Some(by_key) = held.by_key.as_mut() else {
        return Ok(None);
    };
    if key_at
        .iter()
        .any(|&i| matches!(&row[i], Value::Text(s) if s.trim().is_empty()) || row[i] == Value::Null)
    {
        return Ok(None);
    }
    let id: Option<String> = by_key
        .query_row(
            rusqlite::params_from_iter(key_at.iter().map(|&i| row[i].clone())),
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => Ok(one_row(&mut held.ours, n, &id)?.map(|r| (id, r))),
        None => Ok(None),
    }
}

/// Text of a value (timestamps).
fn text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        _ => String::new(),
    }
}
