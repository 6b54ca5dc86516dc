//! Version 2 of the export: each row's hybrid logical clock and the deletions, for every synced table (the
//! journal's profile, losses, check-ins and events; the library's guide states; the person's decisions about
//! alerts; reminders, their history and their settings), so an import merges whole rows by clock as sync does: a
//! row replaces the stored one only if its clock is later, a deletion beats every version older than it, and a
//! version edited after a deletion revives the row. Which tables (the registry's synced ones), their names and
//! what a deletion clears all come from the registry (`store::registry`, `crate::tables`), so nothing here lists
//! columns or tables.
//!
//! Rows are matched as sync matches them (`sync::rows::locate`): by guid; a singleton's row (the profile, the
//! reminder settings) is the one row whatever its guid; a row identified by a natural key (a guide's state by its
//! guide id, a decision by its rule) merges into the stored row with that key ([`crate::store::record::Record`]'s
//! merge statement). A deletion carries nothing of its row, so not its natural key either: it deletes the row
//! stored under its guid.
//!
//! Rows written before rows had clocks (migration 0012) have none: they are exported without one and merge by
//! `updated_at`, as every row of a version 1 file does.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::is_valid_guid;
use crate::store::clock;
use crate::store::registry::{Identity, Sync, Table};
use crate::sync::hlc::Hlc;

/// Each section's row clocks, by guid: `{"checkins": {"<guid>": "<clock>"}}`.
pub type Clocks = BTreeMap<String, BTreeMap<String, String>>;

/// A deleted row: its section, guid, and the deletion's clock and time. It holds nothing of the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    pub section: String,
    pub guid: String,
    pub clock: String,
    pub deleted_at: DateTime<Utc>,
}

/// The tables whose rows carry clocks in the export: every synced table; each section is named after its table.
fn tables() -> impl Iterator<Item = &'static Table> {
    crate::tables::TABLES.iter().copied().filter(|t| t.sync == Sync::Synced)
}

fn table(section: &str) -> Option<&'static Table> {
    tables().find(|t| t.name == section)
}

/// The clocks of the rows and the deletions, read on `conn` (inside the export's read transaction).
pub(super) fn collect(conn: &Connection) -> Result<(Clocks, Vec<Deletion>)> {
    let mut clocks = Clocks::new();
    let mut deletions = Vec::new();
    for table in tables() {
        let sql = format!("SELECT guid, clock, deleted, updated_at FROM {} WHERE clock != '' ORDER BY id", table.name);
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let section = clocks.entry(table.name.to_owned()).or_default();
        while let Some(row) = rows.next()? {
            let (guid, clock): (String, String) = (row.get(0)?, row.get(1)?);
            if row.get::<_, bool>(2)? {
                let deleted_at = crate::store::time::from_ms(row.get(3)?)?;
                deletions.push(Deletion { section: table.name.to_owned(), guid, clock, deleted_at });
            } else {
                section.insert(guid, clock);
            }
        }
    }
    clocks.retain(|_, section| !section.is_empty());
    Ok((clocks, deletions))
}

fn refuse(at: String, reason: &str) -> Error {
    Error::Import { at, reason: reason.into() }
}

/// Every clock is a clock, every section one that carries clocks, every deletion's guid an identifier.
pub(super) fn check(clocks: &Clocks, deletions: &[Deletion]) -> Result<()> {
    for (section, rows) in clocks {
        if table(section).is_none() {
            return Err(refuse(format!("clocks.{section}"), "is not a section whose rows carry clocks"));
        }
        for (guid, clock) in rows {
            if !is_valid_guid(guid) {
                return Err(refuse(format!("clocks.{section}"), "names a row by an invalid identifier"));
            }
            if Hlc::parse(clock).is_none() {
                return Err(refuse(format!("clocks.{section}.{guid}"), "is not a clock"));
            }
        }
    }
    for (i, d) in deletions.iter().enumerate() {
        if table(&d.section).is_none() {
            return Err(refuse(format!("deleted[{i}].section"), "is not a section whose rows carry clocks"));
        }
        if !is_valid_guid(&d.guid) {
            return Err(refuse(format!("deleted[{i}].guid"), "is not a valid identifier"));
        }
        if Hlc::parse(&d.clock).is_none() {
            return Err(refuse(format!("deleted[{i}].clock"), "is not a clock"));
        }
    }
    Ok(())
}

/// The clock `section`'s row `guid` carries in the file, if any.
pub(super) fn of<'a>(clocks: &'a Clocks, section: &str, guid: &str) -> Option<&'a str> {
    clocks.get(section)?.get(guid).map(String::as_str)
}

/// Applies the deletions (after the rows): each stored row older than its deletion is deleted, keeping nothing
/// of its health data. Gives how many rows each section deleted.
pub(super) fn apply(tx: &Connection, deletions: &[Deletion]) -> Result<BTreeMap<&'static str, u32>> {
    let mut deleted = BTreeMap::new();
    for d in deletions {
        let table = table(&d.section).expect("checked");
        // A singleton's deletion is its one row's, whatever guid that row has here.
        let guid = match table.identity {
            Identity::Singleton => {
                let sql = format!("SELECT guid FROM {} WHERE id = 1", table.name);
                match tx.prepare_cached(&sql)?.query_row([], |r| r.get::<_, String>(0)).optional()? {
                    Some(guid) => guid,
                    None => continue,
                }
            }
            Identity::Guid | Identity::NaturalKey(_) | Identity::Local => d.guid.clone(),
        };
        let changed = tx.prepare_cached(&table.deletion_sql())?.execute(rusqlite::params![
            guid,
            d.clock,
            d.deleted_at.timestamp_millis()
        ])?;
        if changed > 0 {
            tx.prepare_cached("DELETE FROM sync_mirror WHERE table_name = ?1 AND guid = ?2")?
                .execute([table.name, &guid])?;
        }
        *deleted.entry(table.name).or_default() += changed as u32;
    }
    Ok(deleted)
}

/// Moves this device's clock past every clock in the file.
pub(super) fn witness(tx: &Connection, clocks: &Clocks, deletions: &[Deletion]) -> Result<()> {
    let latest = clocks
        .values()
        .flat_map(|rows| rows.values())
        .chain(deletions.iter().map(|d| &d.clock))
        .filter_map(|c| Hlc::parse(c))
        .max();
    if let Some(latest) = latest {
        clock::witness(tx, latest)?;
    }
    Ok(())
}
