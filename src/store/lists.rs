//! The lists of the smaller registers (trainings, honors, information reports, needs): one
//! query shape for all of them — a text search, a date range, a category and a status, live
//! records or the recycle bin, sorted by any shown column — and the recycle bin's last step.

use chrono::NaiveDate;
use rusqlite::Row;

use super::meta::Table;
use super::record::{written_key, written_table};
use super::{Result, Store, StoreError};

/// What a list shows: the filters and the order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Text searched in the list's text columns (trimmed; empty matches all).
    pub text: String,
    /// First day shown.
    pub from: Option<NaiveDate>,
    /// Last day shown.
    pub to: Option<NaiveDate>,
    /// Only this category (the list's own: topic, level, channel, need type).
    pub category: Option<String>,
    /// Only this status (where the list has one).
    pub status: Option<String>,
    /// The recycle bin instead of the live records.
    pub in_bin: bool,
    /// The column sorted by (index into the spec's columns).
    pub sort_column: usize,
    /// Descending order.
    pub descending: bool,
}

impl ListQuery {
    /// Live records with `text` in them, newest first.
    pub fn search(text: &str) -> Self {
        ListQuery {
            text: text.to_string(),
            descending: true,
            ..Default::default()
        }
    }
}

/// How one list is read: its tables, and the SQL expressions of its filters and columns.
/// Every string is a constant of this crate; only values from the user are bound.
#[derive(Debug)]
pub struct ListSpec {
    /// The main table, for the recycle bin.
    pub table: Table,
    /// `FROM` with its joins, no `WHERE`.
    pub from: &'static str,
    /// The main table's alias.
    pub alias: &'static str,
    /// The date filtered by the range.
    pub date: &'static str,
    /// The category expression.
    pub category: &'static str,
    /// The status expression, if the list has one.
    pub status: Option<&'static str>,
    /// The expressions the search text is looked for in.
    pub text: &'static [&'static str],
    /// The shown columns, read after the key; the list sorts by any of them.
    pub columns: &'static [&'static str],
}

impl ListSpec {
    fn filter(&self, q: &ListQuery) -> String {
        let text = self
            .text
            .iter()
            .map(|e| format!("instr({e}, ?1) > 0"))
            .collect::<Vec<_>>()
            .join(" OR ");
        format!(
            "{from} WHERE {a}.deleted_at IS {bin} NULL AND (?1 = '' OR {text})
               AND (?2 IS NULL OR {date} >= ?2) AND (?3 IS NULL OR {date} <= ?3)
               AND (?4 IS NULL OR {cat} = ?4) AND (?5 IS NULL OR {status} = ?5)",
            from = self.from,
            a = self.alias,
            bin = if q.in_bin { "NOT" } else { "" },
            date = self.date,
            cat = self.category,
            status = self.status.unwrap_or("?5"),
        )
    }
}

fn params(q: &ListQuery) -> [Box<dyn rusqlite::ToSql + '_>; 5] {
    [
        Box::new(q.text.trim()),
        Box::new(q.from),
        Box::new(q.to),
        Box::new(q.category.as_deref()),
        Box::new(q.status.as_deref()),
    ]
}

impl Store {
    /// How many records a list shows.
    pub fn list_count(&self, spec: &ListSpec, q: &ListQuery) -> Result<u64> {
        let sql = format!("SELECT count(*) {}", spec.filter(q));
        let p = params(q);
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(p.iter()), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// A page of a list; `map` reads a row whose column 0 is the key and 1.. the spec's columns.
    pub fn list_page<T>(
        &self,
        spec: &ListSpec,
        q: &ListQuery,
        offset: usize,
        limit: usize,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let column = spec
            .columns
            .get(q.sort_column)
            .or(spec.columns.first())
            .ok_or_else(|| StoreError::Refused("列表没有列".into()))?;
        // The page's keys first, then its columns: SQLite would otherwise compute every column
        // (a team's members and hours are sums) for every matching row before sorting.
        let sql = format!(
            "SELECT {a}.id, {cols} {from}
             WHERE {a}.id IN (SELECT {a}.id {filter} ORDER BY {column} {dir}, {a}.id {dir}
                              LIMIT ?6 OFFSET ?7)
             ORDER BY {column} {dir}, {a}.id {dir}",
            a = spec.alias,
            cols = spec.columns.join(", "),
            from = spec.from,
            filter = spec.filter(q),
            dir = if q.descending { "DESC" } else { "ASC" },
        );
        let mut p = params(q).into_iter().collect::<Vec<_>>();
        p.push(Box::new(limit as i64));
        p.push(Box::new(offset as i64));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(p.iter()), map)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes a record of the recycle bin for good, with what belongs only to it (a
    /// training's attendance, a need's links, an activity's participations and attachment
    /// references; reports about an activity keep their text and lose the link). Refused for a
    /// record that is not in the bin.
    pub fn purge(&mut self, table: Table, id: &str) -> Result<()> {
        let dependents = purge_dependents(table)?;
        let (name, this) = (written_table(table.name()), written_key(table.name(), "?1"));
        let in_bin: Option<bool> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT deleted_at IS NOT NULL FROM {name} WHERE {this}"
            ))?
            .query_row([id], |r| r.get(0))
            .ok();
        match in_bin {
            None => return Err(StoreError::Refused("记录已不存在".into())),
            Some(false) => {
                return Err(StoreError::Refused(
                    "记录不在回收站中，请先删除再彻底删除".into(),
                ));
            }
            Some(true) => {}
        }
        self.write(|c| {
            for sql in dependents {
                c.prepare_cached(sql)?.execute([id])?;
            }
            c.prepare_cached(&format!("DELETE FROM {name} WHERE {this}"))?
                .execute([id])?;
            Ok(())
        })
    }

    /// Empties a list's recycle bin: every record of `table` in it is removed for good, as by
    /// [`Store::purge`], in one transaction. Returns how many.
    pub fn empty_bin(&mut self, table: Table) -> Result<usize> {
        let dependents = purge_dependents(table)?;
        let (name, this) = (written_table(table.name()), written_key(table.name(), "?1"));
        self.write(|c| {
            let ids: Vec<String> = c
                .prepare(&format!(
                    "SELECT id FROM {} WHERE deleted_at IS NOT NULL",
                    table.name()
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in &ids {
                for sql in dependents {
                    c.prepare_cached(sql)?.execute([id])?;
                }
                c.prepare_cached(&format!("DELETE FROM {name} WHERE {this}"))?
                    .execute([id])?;
            }
            Ok(ids.len())
        })
    }
}

/// What removing records for good did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    /// Records removed.
    pub records: usize,
    /// Records left in the bin because they must be kept (volunteers with certificates).
    pub kept: usize,
    /// Service records removed with them.
    pub service_records: i64,
}

impl Store {
    /// Removes a record of any list's bin for good, with what belongs only to it: the one entry
    /// point of the window's bins (volunteers and teams by their own rules).
    pub fn remove_for_good(&mut self, table: Table, id: &str) -> Result<Removed> {
        match table {
            Table::Volunteers => {
                let impact = self.purge_volunteer(id)?;
                Ok(Removed {
                    records: 1,
                    kept: 0,
                    service_records: impact.participations,
                })
            }
            Table::Teams => {
                self.purge_team(id)?;
                Ok(Removed {
                    records: 1,
                    ..Default::default()
                })
            }
            _ => {
                let service_records = if table == Table::Activities {
                    self.conn()
                        .prepare_cached(
                            "SELECT count(*) FROM participations WHERE activity_id = ?1",
                        )?
                        .query_row([id], |r| r.get(0))?
                } else {
                    0
                };
                self.purge(table, id)?;
                Ok(Removed {
                    records: 1,
                    kept: 0,
                    service_records,
                })
            }
        }
    }

    /// Empties any list's bin, as [`Store::remove_for_good`] record by record, in one
    /// transaction.
    pub fn empty_bin_of(&mut self, table: Table) -> Result<Removed> {
        let (records, kept) = match table {
            Table::Volunteers => self.empty_volunteer_bin()?,
            Table::Teams => (self.empty_team_bin()?, 0),
            _ => (self.empty_bin(table)?, 0),
        };
        Ok(Removed {
            records,
            kept,
            service_records: 0,
        })
    }
}

/// What goes with a record removed for good.
fn purge_dependents(table: Table) -> Result<&'static [&'static str]> {
    Ok(match table {
        Table::Trainings => &["DELETE FROM training_attendance WHERE training_id = ?1"],
        Table::Honors | Table::InfoReports => &[],
        Table::Needs => &["DELETE FROM need_activities WHERE need_id = ?1"],
        Table::Activities => &[
            "DELETE FROM participations WHERE activity_id = ?1",
            "DELETE FROM need_activities WHERE activity_id = ?1",
            "UPDATE info_reports SET activity_id = NULL WHERE activity_id = ?1",
            "DELETE FROM attachments WHERE owner_kind = 'activities' AND owner_id = ?1",
            "DELETE FROM platform_entries WHERE activity_id = ?1",
        ],
        Table::Attachments => &[],
        other => {
            return Err(StoreError::Refused(format!(
                "{} 不能在这里彻底删除",
                other.name()
            )));
        }
    })
}
