//! Every statement that finds one service record by its text id finds it through the rows'
//! unique index on the id they keep (schema version 29): the view's own `id = ?` computes every
//! record's id to compare, seconds a record in a district's ledger.
//! The count of live records reads the smallest index that holds the removal mark (30).

use super::*;
use crate::store::meta::Table;
use crate::store::query_plan as plan;
use crate::store::record::{count_live_sql, fetch_sql};

/// `sql` finds its service record through the index and reads no table whole.
fn by_index(c: &Connection, sql: &str) {
    let p = plan(c, sql);
    assert!(p.contains("idx_participation_rows_id (id=?)"), "{sql}\n{p}");
    let scans: Vec<&str> = p
        .lines()
        .filter(|l| l.starts_with("SCAN") && !l.starts_with("SCAN k"))
        .collect();
    assert!(scans.is_empty(), "{sql}\n{p}");
}

#[test]
fn every_lookup_of_a_service_record_by_its_id_goes_through_the_index() {
    let (_dir, store) = crate::store::plan_store();
    let c = store.conn();
    // Reading one: the record's form (`Store::get`), our side of an incoming record, its
    // label in the conflict list.
    by_index(c, &fetch_sql(Table::Participations));
    let cols = columns(c, "main", "participations").unwrap_or_else(|e| panic!("{e}"));
    by_index(c, &rows::select_sql("main", "participations", &cols));
    by_index(c, &conflicts::label_sql("participations"));
    // Writing one: the recycle bin (`soft_delete`, `restore_deleted`, `purge`, `empty_bin`),
    // an incoming change, removal or chosen side: all by `written_key` on `written_table`
    // (an activity's participants by `compact::record_row_is`, which it returns).
    let (table, this) = (
        written_table("participations"),
        written_key("participations", "?2"),
    );
    by_index(
        c,
        &format!("UPDATE {table} SET deleted_at = ?1 WHERE {this}"),
    );
    by_index(c, &format!("DELETE FROM {table} WHERE {this}"));
    // A package's keys looked up among ours.
    c.execute_batch(validate::PACKAGE_KEYS)
        .unwrap_or_else(|e| panic!("{e}"));
    by_index(c, &validate::clash_sql("participations"));
}

#[test]
fn the_count_of_live_service_records_reads_an_index_not_the_rows() {
    let (_dir, store) = crate::store::plan_store();
    let sql = count_live_sql(Table::Participations);
    let p = plan(store.conn(), &sql);
    assert!(
        p.contains("USING COVERING INDEX idx_participation_rows_volunteer"),
        "{sql}\n{p}"
    );
}
