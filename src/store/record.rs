//! The `Record` trait: one insert, one row mapping and one table per entity; the store's
//! generic insert, read, soft delete and count work through it.

use rusqlite::{Connection, OptionalExtension, Row};

use super::meta::{RecordMeta, Table, now_utc};
use super::{Result, Store, StoreError, compact};
use crate::domain::hours::Tenths;

/// An entity stored in its own table with the common columns.
pub trait Record: Sized {
    /// Its table.
    const TABLE: Table;
    /// Its Chinese name, for messages.
    const KIND: &'static str;
    /// The common columns.
    fn meta(&self) -> &RecordMeta;
    /// The common columns, mutably.
    fn meta_mut(&mut self) -> &mut RecordMeta;
    /// Inserts the record as it is (with a prepared, cached statement).
    fn insert(&self, conn: &Connection) -> Result<()>;
    /// Reads one from a `SELECT *` row.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self>;
}

/// The short key (`key`, schema version 21) of the volunteer or activity `id`, which service
/// records, search keys and kinds refer to; `None` when there is no such row (or the table
/// has no short keys).
pub(crate) fn short_key(conn: &Connection, table: Table, id: &str) -> Result<Option<i64>> {
    let sql = match table {
        Table::Volunteers => "SELECT key FROM volunteers WHERE id = ?1",
        Table::Activities => "SELECT key FROM activities WHERE id = ?1",
        _ => return Ok(None),
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The table a record of `table` (by its name) is written to: the service records are a view
/// (schema version 21) over rows that refer by short keys, and a write through the view's
/// trigger costs ten times a plain one (an exchange merge, the recycle bin, a chosen side).
pub(crate) fn written_table(table: &str) -> &str {
    match table {
        "participations" => "participation_rows",
        t => t,
    }
}

/// The column of [`written_table`] that holds `col`, and the SQL of its value from the
/// parameter `mark`: a text key of the service records' view becomes the short key it names,
/// and their timestamps and origin the compact forms the rows keep (schema version 24).
pub(crate) fn written_column(table: &str, col: &str, mark: &str) -> (String, String) {
    match (table, col) {
        ("participations", "activity_id") => (
            "activity_ref".into(),
            format!("(SELECT key FROM activities WHERE id = {mark})"),
        ),
        ("participations", "volunteer_id") => (
            "volunteer_ref".into(),
            format!("(SELECT key FROM volunteers WHERE id = {mark})"),
        ),
        ("participations", "created_at" | "updated_at") => {
            (format!("\"{col}\""), compact::stamp_in(mark))
        }
        ("participations", "origin") => ("origin".into(), compact::station_in(mark)),
        ("participations", "id") => ("id".into(), compact::record_id_in(mark)),
        _ => (format!("\"{col}\""), mark.to_string()),
    }
}

/// The condition of [`written_table`] that its row is the record `mark` (the text id), through
/// its unique index: the service records' rows keep their id in a compact form (schema version
/// 26), indexed as kept (29).
pub(crate) fn written_key(table: &str, mark: &str) -> String {
    match table {
        "participations" => compact::record_row_is(mark),
        _ => format!("id = {mark}"),
    }
}

/// The SQL that reads one record of `table` by its text id `?1`: a service record through its
/// rows' index (the view's `id = ?` reads every record; schema version 29).
pub(crate) fn fetch_sql(table: Table) -> String {
    match table {
        Table::Participations => format!("SELECT * FROM {}", compact::record_shown("?1")),
        t => format!("SELECT * FROM {} WHERE id = ?1", t.name()),
    }
}

/// The SQL of the number of live records of `table`: the service records' rows, not their
/// view (counting needs no text keys), which SQLite counts in their index by volunteer (schema
/// version 30), a fifth of the rows' pages.
pub(crate) fn count_live_sql(table: Table) -> String {
    let from = match table {
        Table::Participations => "participation_rows",
        other => other.name(),
    };
    format!("SELECT count(*) FROM {from} WHERE deleted_at IS NULL")
}

/// Reads one record by key, deleted or not.
pub fn fetch<R: Record>(conn: &Connection, id: &str) -> Result<R> {
    let sql = fetch_sql(R::TABLE);
    conn.prepare_cached(&sql)?
        .query_row([id], R::from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            kind: R::KIND,
            id: id.to_string(),
        })
}

impl Store {
    /// Adds a record in its own transaction; an empty key gets a new UUID and timestamps.
    pub fn insert<R: Record>(&mut self, record: &mut R) -> Result<()> {
        record.meta_mut().ensure(self.origin());
        self.write(|c| record.insert(c))
    }

    /// Reads one record by key (also one in the recycle bin).
    pub fn get<R: Record>(&self, id: &str) -> Result<R> {
        fetch(self.conn(), id)
    }

    /// Moves a record to the recycle bin (sets `deleted_at`); nothing is hard-deleted.
    pub fn soft_delete(&mut self, table: Table, id: &str) -> Result<()> {
        let name = written_table(table.name());
        let this = written_key(table.name(), "?2");
        let (updated, stamp) = written_column(table.name(), "updated_at", "?1");
        let sql = format!(
            "UPDATE {name} SET deleted_at = ?1, {updated} = {stamp} WHERE {this}
             AND deleted_at IS NULL"
        );
        self.write(|c| {
            c.prepare_cached(&sql)?
                .execute([now_utc(), id.to_string()])?;
            Ok(())
        })
    }

    /// Brings a record back from the recycle bin.
    pub fn restore_deleted(&mut self, table: Table, id: &str) -> Result<()> {
        let name = written_table(table.name());
        let this = written_key(table.name(), "?2");
        let (updated, stamp) = written_column(table.name(), "updated_at", "?1");
        let sql = format!("UPDATE {name} SET deleted_at = NULL, {updated} = {stamp} WHERE {this}");
        self.write(|c| {
            c.prepare_cached(&sql)?
                .execute([now_utc(), id.to_string()])?;
            Ok(())
        })
    }

    /// The number of live (not deleted) records of a table.
    pub fn count_live(&self, table: Table) -> Result<u64> {
        let sql = count_live_sql(table);
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row([], |r| r.get(0))?;
        Ok(n as u64)
    }
}

/// Service hours are stored as integer tenths of an hour.
impl rusqlite::types::ToSql for Tenths {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.0.into())
    }
}

impl rusqlite::types::FromSql for Tenths {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        i64::column_result(value).map(Tenths)
    }
}

/// Declares an entity stored in its own table: the struct (with the common `meta` columns
/// first) and its [`Record`] implementation, from one list of fields and their columns.
///
/// ```text
/// record! {
///     /// A training session (培训).
///     pub struct Training => Trainings("trainings"), "培训" {
///         /// 日期
///         pub date: NaiveDate = "date",
///     }
/// }
/// ```
macro_rules! record {
    (
        $(#[$attr:meta])*
        pub struct $name:ident => $table:ident($sql_table:literal), $kind:literal
            $(, after_insert = $after_insert:path,)? {
            $(
                $(#[$field_attr:meta])*
                pub $field:ident: $ty:ty = $col:literal,
            )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            /// Key, timestamps, origin station and soft-delete mark.
            pub meta: $crate::store::meta::RecordMeta,
            $(
                $(#[$field_attr])*
                pub $field: $ty,
            )*
        }

        impl $crate::store::record::Record for $name {
            const TABLE: $crate::store::meta::Table = $crate::store::meta::Table::$table;
            const KIND: &'static str = $kind;

            fn meta(&self) -> &$crate::store::meta::RecordMeta {
                &self.meta
            }

            fn meta_mut(&mut self) -> &mut $crate::store::meta::RecordMeta {
                &mut self.meta
            }

            fn insert(&self, conn: &rusqlite::Connection) -> $crate::store::Result<()> {
                const SQL: &str = concat!(
                    "INSERT INTO ", $sql_table, " (id, ",
                    $($col, ", ",)*
                    "created_at, updated_at, origin, deleted_at) VALUES (?",
                    $($crate::store::record::placeholder!($col),)*
                    ", ?, ?, ?, ?)"
                );
                let m = &self.meta;
                conn.prepare_cached(SQL)?.execute(rusqlite::params![
                    m.id,
                    $(self.$field,)*
                    m.created_at,
                    m.updated_at,
                    m.origin,
                    m.deleted_at
                ])?;
                $($after_insert(conn, self)?;)?
                Ok(())
            }

            fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                Ok(Self {
                    meta: $crate::store::meta::RecordMeta::from_row(row)?,
                    $($field: row.get($col)?,)*
                })
            }
        }
    };
}
pub(crate) use record;

/// One more `?` in an INSERT's value list, per column.
macro_rules! placeholder {
    ($col:literal) => {
        ", ?"
    };
}
pub(crate) use placeholder;
