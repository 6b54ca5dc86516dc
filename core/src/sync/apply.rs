//! Applying a page of records from the server, inside the one write path with origin `remote`
//! ([`crate::write`]): each row is merged three ways — this device's row, the incoming one, and the mirror's
//! copy of what the server held before ([`super::merge`]) — and written back only if it changes; it counts as a
//! change to upload only if the merge kept something of this device's. The mirror then records the incoming
//! version and its server version. A deletion from elsewhere is held for the person's OK when it belongs to a
//! mass deletion ([`Guard`]); nothing is ever deleted because it is absent.

use std::collections::HashMap;

use rusqlite::Connection;

use super::merge::{Version, merge_into};
use super::payload::Payload;
use super::{rows, stored};
use crate::store::registry::Table;
use crate::store::{clock, mirror};

/// One record from the server, opened.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub table: &'static Table,
    pub payload: Payload,
    /// The server's version of the record.
    pub version: u64,
}

/// What applying a page did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Rows written.
    pub written: usize,
    /// Rows whose merge kept something of this device's (to upload).
    pub kept_here: usize,
    /// Deletions held for the person's OK.
    pub held: usize,
    /// Whether a check-in or event in the page is from the last 6 hours (alerts it raises are notified; older
    /// ones are shown, not notified).
    pub fresh: bool,
}

/// How long ago an entry may be for an alert it raises on arrival to be notified.
pub const FRESH_MS: i64 = 6 * 60 * 60 * 1000;

/// The mass-deletion rule over one sync: deletions of more than 10 rows **and** more than 10 % of a table's live
/// rows, or of all of a table's rows (3 or more), are held; everything else is applied.
#[derive(Debug, Default)]
pub struct Guard {
    pub allow: bool,
    deleted: HashMap<&'static str, u64>,
}

impl Guard {
    pub fn new(allow: bool) -> Guard {
        Guard { allow, deleted: HashMap::new() }
    }

    /// Whether deletions of `count` more of `table`'s `live` rows (a page's, or a full reconcile's) are to be
    /// held, counting those this sync already saw.
    pub fn hold(&mut self, table: &'static str, count: u64, live: u64) -> bool {
        let total = self.deleted.entry(table).or_default();
        *total += count;
        !self.allow && count > 0 && ((*total > 10 && *total * 10 > live) || (live >= 3 && *total >= live))
    }
}

/// Applies `page` (already opened) at `now_ms`. Runs inside a write transaction.
pub fn apply(tx: &Connection, page: &[Incoming], guard: &mut Guard, now_ms: i64) -> rusqlite::Result<Applied> {
    let mut applied = Applied::default();
    let held = held_tables(tx, page, guard)?;
    let any_held: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM sync_held)", [], |r| r.get(0))?;
    for item in page {
        let table = item.table;
        let local_guid = rows::locate(tx, table, &item.payload)?;
        let guid = local_guid.clone().unwrap_or_else(|| item.payload.guid.clone());
        let mut incoming = item.payload.row.clone();
        // Empty fields and unchecked yes/nos are left out here as they are when this device reads its rows
        // (`stored.rs`).
        incoming.fields.retain(|name, value| {
            let no = table.columns.iter().any(|c| c.name == name && stored::omits_no(c));
            !value.is_null() && !(no && (*value == 0 || *value == false))
        });
        if !incoming.deleted {
            // The row's guid here is this device's (a singleton or natural key may have been made on both).
            incoming.fields.insert("guid".into(), serde_json::Value::String(guid.clone()));
        }
        let mirrored = mirror::entry(tx, table.name, &guid)?;
        if mirrored.as_ref().is_some_and(|m| m.version >= item.version) {
            // A version this device already has (a duplicated or reordered reply): nothing new.
            continue;
        }
        let local = stored::version(tx, table, &guid)?;
        if incoming.deleted && local.as_ref().is_some_and(|l| !l.deleted) && held.contains(&table.name) {
            hold(tx, table, &guid, &incoming, item.version)?;
            applied.held += 1;
            continue;
        }
        clock::receive(tx, incoming.clock)?;
        let (base, sent) = mirrored.map_or((None, Vec::new()), |m| (m.row, m.sent));
        let merged = merge_into(table, base.as_ref(), &sent, local.as_ref(), &incoming);
        let kept_here = merged.version != incoming;
        if merged.changed && !(incoming.deleted && local.is_none()) {
            rows::write(tx, table, &guid, &merged.version, i64::from(kept_here))?;
            applied.written += 1;
        } else if kept_here {
            // This device's version won whole: the server must have it.
            rows::keep_to_upload(tx, table, &guid)?;
        }
        applied.kept_here += usize::from(kept_here);
        mirror::record(tx, table.name, &guid, &incoming, item.version)?;
        if any_held {
            // A newer version of a row whose deletion was held replaces the held deletion.
            tx.prepare_cached("DELETE FROM sync_held WHERE table_name = ?1 AND guid = ?2")?
                .execute([table.name, guid.as_str()])?;
        }
        applied.fresh |= is_fresh(&incoming, now_ms);
    }
    Ok(applied)
}

/// The tables whose deletions in this page are held (see [`Guard`]).
fn held_tables(tx: &Connection, page: &[Incoming], guard: &mut Guard) -> rusqlite::Result<Vec<&'static str>> {
    let mut counts: HashMap<&'static str, u64> = HashMap::new();
    for item in page.iter().filter(|i| i.payload.row.deleted) {
        if let Some(guid) = rows::locate(tx, item.table, &item.payload)?
            && stored::version(tx, item.table, &guid)?.is_some_and(|v| !v.deleted)
        {
            *counts.entry(item.table.name).or_default() += 1;
        }
    }
    let mut held = Vec::new();
    for (name, count) in counts {
        let live: i64 = tx.query_row(&format!("SELECT count(*) FROM {name} WHERE deleted = 0"), [], |r| r.get(0))?;
        if guard.hold(name, count, live as u64) {
            held.push(name);
        }
    }
    Ok(held)
}

fn hold(tx: &Connection, table: &Table, guid: &str, row: &Version, version: u64) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_held (table_name, guid, clock, version) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (table_name, guid) DO UPDATE SET clock = excluded.clock, version = excluded.version",
    )?
    .execute(rusqlite::params![table.name, guid, row.clock.to_string(), version as i64])?;
    Ok(())
}

/// The deletions held, as records to apply once the person says yes.
pub fn held(conn: &Connection) -> rusqlite::Result<Vec<(String, String, String, u64)>> {
    let mut stmt = conn.prepare("SELECT table_name, guid, clock, version FROM sync_held ORDER BY table_name, guid")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? as u64)))?;
    rows.collect()
}

fn is_fresh(row: &Version, now_ms: i64) -> bool {
    row.fields.get("at_ms").and_then(serde_json::Value::as_i64).is_some_and(|at| now_ms - at <= FRESH_MS)
}
