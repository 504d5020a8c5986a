//! The `Record` trait: one insert, one row mapping and one table per entity; the store's
//! generic insert, read, soft delete and count work through it.

use rusqlite::{Connection, OptionalExtension, Row};

use super::meta::{RecordMeta, Table, now_utc};
use super::{Result, Store, StoreError};

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

/// Reads one record by key, deleted or not.
pub fn fetch<R: Record>(conn: &Connection, id: &str) -> Result<R> {
    let sql = format!("SELECT * FROM {} WHERE id = ?1", R::TABLE.name());
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
        let sql = format!(
            "UPDATE {} SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            table.name()
        );
        self.write(|c| {
            c.prepare_cached(&sql)?
                .execute([now_utc(), id.to_string()])?;
            Ok(())
        })
    }

    /// Brings a record back from the recycle bin.
    pub fn restore_deleted(&mut self, table: Table, id: &str) -> Result<()> {
        let sql = format!(
            "UPDATE {} SET deleted_at = NULL, updated_at = ?1 WHERE id = ?2",
            table.name()
        );
        self.write(|c| {
            c.prepare_cached(&sql)?
                .execute([now_utc(), id.to_string()])?;
            Ok(())
        })
    }

    /// The number of live (not deleted) records of a table.
    pub fn count_live(&self, table: Table) -> Result<u64> {
        let sql = format!(
            "SELECT count(*) FROM {} WHERE deleted_at IS NULL",
            table.name()
        );
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row([], |r| r.get(0))?;
        Ok(n as u64)
    }
}

/// Implements [`Record`] for a struct with a `meta` field, given its table, Chinese name,
/// insert function and row mapping.
macro_rules! impl_record {
    ($ty:ty, $table:expr, $kind:literal, $insert:path, $from_row:path) => {
        impl $crate::store::record::Record for $ty {
            const TABLE: $crate::store::meta::Table = $table;
            const KIND: &'static str = $kind;
            fn meta(&self) -> &$crate::store::meta::RecordMeta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut $crate::store::meta::RecordMeta {
                &mut self.meta
            }
            fn insert(&self, conn: &rusqlite::Connection) -> $crate::store::Result<()> {
                $insert(conn, self)
            }
            fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
                $from_row(row)
            }
        }
    };
}
pub(crate) use impl_record;
