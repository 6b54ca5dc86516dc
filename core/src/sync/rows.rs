//! Sync's row I/O, generic over the table registry: finding this device's row for a record (by guid, the
//! singleton's one row, or the natural key), reading the rows waiting to be uploaded, and writing a merged
//! version back. Column lists and what a deletion clears come from the registry, like all other row code; the
//! values travel as JSON (`sync/stored.rs` reads them the same way), so a new column syncs without code here.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use rusqlite::types::Value as Sql;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde_json::Value;

use super::merge::Version;
use super::payload::Payload;
use crate::store::registry::{Column, Identity, Kind, Table};

/// This device's guid for the row a payload describes, if it has one.
pub fn locate(conn: &Connection, table: &Table, payload: &Payload) -> rusqlite::Result<Option<String>> {
    match table.identity {
        Identity::Singleton => {
            conn.prepare_cached(&format!("SELECT guid FROM {} WHERE id = 1", table.name))?.query_row([], |r| r.get(0))
        }
        Identity::NaturalKey(column) => match &payload.key {
            Some(key) => conn
                .prepare_cached(&format!("SELECT guid FROM {} WHERE {column} = ?1", table.name))?
                .query_row([key], |r| r.get(0)),
            None => return Ok(None),
        },
        Identity::Guid | Identity::Local => conn
            .prepare_cached(&format!("SELECT guid FROM {} WHERE guid = ?1", table.name))?
            .query_row([&payload.guid], |r| r.get(0)),
    }
    .optional()
}

/// A row waiting to be uploaded: its guid, its version, and the change counter it had when read (uploading
/// subtracts it, so a change made meanwhile stays to be uploaded).
#[derive(Debug, Clone)]
pub struct Dirty {
    pub guid: String,
    pub row: Version,
    pub counter: i64,
}

/// Up to `limit` of `table`'s rows waiting to be uploaded, oldest first.
pub fn dirty(conn: &Connection, table: &Table, limit: usize) -> rusqlite::Result<Vec<Dirty>> {
    let sql = format!(
        "SELECT {}, clock, deleted, sync_change_counter, guid FROM {} WHERE sync_change_counter > 0 \
         ORDER BY id LIMIT ?1",
        table.columns(),
        table.name
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([limit as i64], |row| {
        let count = table.columns.len();
        let row_version = super::stored::from_row(table, row)?;
        Ok(Dirty { row: row_version, counter: row.get(count + 2)?, guid: row.get(count + 3)? })
    })?;
    rows.collect()
}

/// After an upload: the uploaded change is no longer waiting (a change made since still is).
pub fn uploaded(tx: &Connection, table: &Table, guid: &str, counter: i64) -> rusqlite::Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE {} SET sync_change_counter = max(0, sync_change_counter - ?1) WHERE guid = ?2",
        table.name
    ))?
    .execute(rusqlite::params![counter, guid])?;
    Ok(())
}

/// This device's row won a merge whole: it stays (or becomes) a change to upload.
pub fn keep_to_upload(tx: &Connection, table: &Table, guid: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(&format!(
        "UPDATE {} SET sync_change_counter = max(sync_change_counter, 1) WHERE guid = ?1",
        table.name
    ))?
    .execute([guid])?;
    Ok(())
}

/// Writes `row` as this device's row `guid` of `table` (inserted or replaced whole, with its clock), counted
/// as a change to upload when `counter` is above 0. A deletion marks the row deleted and clears its health
/// columns; a deletion of a row this device never had writes nothing.
pub fn write(tx: &Connection, table: &Table, guid: &str, row: &Version, counter: i64) -> rusqlite::Result<()> {
    if row.deleted {
        let sql = format!(
            "UPDATE {} SET deleted = 1, {}clock = ?2, sync_change_counter = ?3, \
             updated_at = coalesce(?4, updated_at) WHERE guid = ?1",
            table.name,
            match table.clear() {
                "" => String::new(),
                clear => format!("{clear}, "),
            }
        );
        let deleted_at = row.fields.get("updated_at").and_then(Value::as_i64);
        tx.prepare_cached(&sql)?.execute(rusqlite::params![guid, row.clock.to_string(), counter, deleted_at])?;
        crate::store::mirror::clear(tx, table.name, guid)?;
        return Ok(());
    }
    let singleton = table.identity == Identity::Singleton;
    let mut values: Vec<Sql> = Vec::with_capacity(table.columns.len() + 4);
    if singleton {
        values.push(Sql::Integer(1));
    }
    for column in table.columns {
        values.push(if column.name == "guid" {
            Sql::Text(guid.to_owned())
        } else {
            to_sql(column, row.fields.get(column.name).unwrap_or(&Value::Null))
        });
    }
    values.extend([Sql::Text(row.clock.to_string()), Sql::Integer(0), Sql::Integer(counter)]);
    tx.prepare_cached(upsert_sql(table))?.execute(params_from_iter(values))?;
    Ok(())
}

/// The statement [`write`] runs for `table`, built once per table.
fn upsert_sql(table: &Table) -> &'static str {
    static STATEMENTS: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let statements = STATEMENTS.get_or_init(Default::default);
    let mut statements = statements.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(sql) = statements.get(table.name) {
        return sql;
    }
    let singleton = table.identity == Identity::Singleton;
    let mut columns: Vec<&str> = Vec::with_capacity(table.columns.len() + 4);
    if singleton {
        columns.push("id");
    }
    columns.extend(table.columns.iter().map(|c| c.name));
    columns.extend(["clock", "deleted", "sync_change_counter"]);
    let target = if singleton { "id" } else { "guid" };
    let sets: Vec<String> = columns
        .iter()
        .filter(|c| **c != target && **c != "id" && **c != "created_at")
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({target}) DO UPDATE SET {}",
        table.name,
        columns.join(", "),
        (1..=columns.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", "),
        sets.join(", ")
    );
    // A handful of tables, each built once for the process's life.
    let sql: &'static str = Box::leak(sql.into_boxed_str());
    statements.insert(table.name, sql);
    sql
}

/// A field's JSON value as the column stores it.
fn to_sql(column: &Column, value: &Value) -> Sql {
    match value {
        // An unchecked yes/no that is never empty is left out of a record (`stored.rs`): it is a no.
        Value::Null if super::stored::omits_no(column) => Sql::Integer(0),
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(i64::from(*b)),
        Value::Number(n) if column.kind == Kind::Real => Sql::Real(n.as_f64().unwrap_or_default()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => Sql::Text(s.clone()),
        other => Sql::Text(other.to_string()),
    }
}
