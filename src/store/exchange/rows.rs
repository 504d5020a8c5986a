//! Rows of a synchronised table read, compared and written by column name.

use super::*;
use rusqlite::Statement;

/// A column list for SQL (`"a", "b"`); names come from the schema, never from input.
pub(super) fn col_list(cols: &[String]) -> String {
    cols.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One row's values in `cols` order, if the record exists.
pub(super) fn read_row(
    c: &Connection,
    schema: &str,
    table: &str,
    cols: &[String],
    id: &str,
) -> Result<Option<Vec<Value>>> {
    let mut stmt = c.prepare_cached(&select_sql(schema, table, cols))?;
    one_row(&mut stmt, cols.len(), id)
}

/// `SELECT cols FROM schema.table WHERE id = ?1`; our service records from their rows by the
/// id they keep (the view's `id = ?1` reads every record, schema version 29).
pub(super) fn select_sql(schema: &str, table: &str, cols: &[String]) -> String {
    if schema == "main" && table == "participations" {
        return format!(
            "SELECT {} FROM {}",
            col_list(cols),
            crate::store::compact::record_shown("?1")
        );
    }
    format!(
        "SELECT {} FROM {schema}.\"{table}\" WHERE id = ?1",
        col_list(cols)
    )
}

/// One row of a [`select_sql`] statement (of `n` columns), if the record exists.
pub(super) fn one_row(stmt: &mut Statement<'_>, n: usize, id: &str) -> Result<Option<Vec<Value>>> {
    Ok(stmt
        .query_row([id], |r| {
            (0..n)
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .optional()?)
}

/// Writes the package's values into an existing record, all but the columns it keeps.
/// `None` values (columns the package lacks) stay as they are.
pub(super) fn update_row(
    c: &Connection,
    table: &str,
    cols: &[String],
    id: &str,
    values: &[Option<Value>],
) -> Result<()> {
    let kept = kept_columns(table);
    let mut sets = Vec::new();
    let mut args = Vec::new();
    for (col, v) in cols.iter().zip(values) {
        if kept.contains(&col.as_str()) {
            continue;
        }
        if let Some(v) = v {
            let (column, value) = written_column(table, col, &format!("?{}", args.len() + 1));
            sets.push(format!("{column} = {value}"));
            args.push(v.clone());
        }
    }
    if sets.is_empty() {
        return Ok(());
    }
    args.push(Value::Text(id.to_string()));
    // By the rows' own key form: the service records' rows keep their id as bytes (schema
    // version 26), which the text id never equals.
    let sql = format!(
        "UPDATE \"{}\" SET {} WHERE {}",
        written_table(table),
        sets.join(", "),
        written_key(table, &format!("?{}", args.len()))
    );
    c.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(args))?;
    Ok(())
}

/// Rewrites a volunteer's search keys after a package changed the record.
pub(super) fn reindex(c: &Connection, id: &str) -> Result<()> {
    let v: crate::store::volunteers::Volunteer = crate::store::record::fetch(c, id)?;
    crate::store::search::reindex_volunteer(c, &v)
}

/// A row as JSON (column → value), for the conflict list.
pub(super) fn to_json(cols: &[String], values: &[Value]) -> String {
    let mut map = serde_json::Map::new();
    for (col, v) in cols.iter().zip(values) {
        let j = match v {
            Value::Null => serde_json::Value::Null,
            Value::Integer(i) => serde_json::Value::from(*i),
            Value::Real(f) => serde_json::Value::from(*f),
            Value::Text(s) => serde_json::Value::from(s.as_str()),
            Value::Blob(_) => serde_json::Value::Null,
        };
        map.insert(col.clone(), j);
    }
    serde_json::Value::Object(map).to_string()
}
