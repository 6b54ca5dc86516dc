//! The full reconcile, for a device whose cursor is older than the server's tombstone horizon (the server has
//! purged deletions it never saw). After downloading everything again from version 0: a row the mirror shows was
//! on the server, that the server no longer has, was deleted elsewhere — deleted here too, unless this device
//! changed it since (then it goes back up as new); a row the server never had is uploaded as usual. Nothing is
//! deleted because it is merely absent from this device. Mass deletions are held as in any sync.

use std::collections::HashSet;

use rusqlite::Connection;

use super::apply::Guard;
use super::merge::Version;
use super::{rows, stored};
use crate::mend::Core;
use crate::observe::Change;
use crate::write::Afterwards;

/// Applies what the full download showed was deleted elsewhere, and moves the cursor to `cursor` (cursor, server
/// version) in the same write: until then the stored cursor stays behind the horizon, so a reconcile stopped part
/// way starts again. `seen`: every (table, guid) the server holds.
pub(crate) fn finish(
    core: &Core,
    seen: &HashSet<(String, String)>,
    guard: &mut Guard,
    cursor: (u64, u64),
) -> crate::Result<()> {
    core.write_remote(
        &[Change::Journal],
        Afterwards::Scrub,
        |_: &()| false,
        |tx| {
            let gone = gone(tx, seen)?;
            let mut by_table: std::collections::HashMap<&str, Vec<(String, i64, u64)>> = Default::default();
            for (table, guid, version) in gone {
                let table = crate::tables::table(&table);
                let counter: i64 = tx
                    .query_row(
                        &format!("SELECT sync_change_counter FROM {} WHERE guid = ?1", table.name),
                        [&guid],
                        |r| r.get(0),
                    )
                    .unwrap_or(0);
                by_table.entry(table.name).or_default().push((guid, counter, version));
            }
            for (name, rows_gone) in by_table {
                let table = crate::tables::table(name);
                let live: i64 =
                    tx.query_row(&format!("SELECT count(*) FROM {name} WHERE deleted = 0"), [], |r| r.get(0))?;
                let deleting = rows_gone.iter().filter(|(_, counter, _)| *counter == 0).count() as u64;
                let hold = guard.hold(name, deleting, live as u64);
                for (guid, counter, version) in rows_gone {
                    if counter > 0 {
                        // Changed here since: the server no longer has it, so it goes up as a new record.
                        tx.execute("DELETE FROM sync_mirror WHERE table_name = ?1 AND guid = ?2", [name, &guid])?;
                        continue;
                    }
                    let Some(local) = stored::version(tx, table, &guid)? else { continue };
                    if local.deleted {
                        continue;
                    }
                    let latest = crate::store::clock::latest(tx)?;
                    if hold {
                        tx.execute(
                        "INSERT OR REPLACE INTO sync_held (table_name, guid, clock, version) VALUES (?1, ?2, ?3, ?4)",
                        rusqlite::params![name, guid, latest.to_string(), version as i64],
                    )?;
                        continue;
                    }
                    let deletion = Version { clock: latest, deleted: true, fields: Default::default() };
                    rows::write(tx, table, &guid, &deletion, 0)?;
                    tx.execute("DELETE FROM sync_mirror WHERE table_name = ?1 AND guid = ?2", [name, &guid])?;
                }
            }
            super::state::advance(tx, cursor.0, cursor.1)?;
            Ok(())
        },
    )?;
    Ok(())
}

/// Mirror entries of rows the server held once and holds no longer.
fn gone(conn: &Connection, seen: &HashSet<(String, String)>) -> rusqlite::Result<Vec<(String, String, u64)>> {
    let mut stmt = conn.prepare("SELECT table_name, guid, version FROM sync_mirror WHERE version > 0")?;
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)? as u64)))?;
    let mut gone = Vec::new();
    for row in rows {
        let (table, guid, version) = row?;
        if !seen.contains(&(table.clone(), guid.clone())) {
            gone.push((table, guid, version));
        }
    }
    Ok(gone)
}
