//! The mirror: the last version of each synced row the server holds, as this device last saw it (`sync_mirror`,
//! migrations 0010 and 0017) — the base of sync's three-way merge (what each side changed since) and, with the
//! server's version of the record, the precondition of the row's next upload. Written by sync only
//! (`sync/apply.rs` for rows that arrive, `sync/outgoing.rs` for rows this device uploaded); keyed by table and
//! guid; the row as the merge takes it ([`Version`], JSON).
//!
//! A deletion on this device clears the entry's row (it holds the person's words) and keeps its version, so the
//! deletion's upload still names the version it replaces.

use rusqlite::{Connection, OptionalExtension, params};

use crate::sync::merge::Version;

/// Records `row` as the server's version `version` of `table`'s row `guid`.
pub fn record(tx: &Connection, table: &str, guid: &str, row: &Version, version: u64) -> rusqlite::Result<()> {
    let json = serde_json::to_string(row).expect("a version serialises");
    tx.prepare_cached(
        "INSERT INTO sync_mirror (table_name, guid, row, version) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (table_name, guid) DO UPDATE SET row = excluded.row, version = excluded.version",
    )?
    .execute(params![table, guid, json, version as i64])?;
    Ok(())
}

/// The server's last version of `table`'s row `guid` this device saw (`None` for the row when a deletion
/// here cleared it), and that version's number; `None` if the server never had it as far as this device knows.
pub fn base(conn: &Connection, table: &str, guid: &str) -> rusqlite::Result<Option<(Option<Version>, u64)>> {
    conn.prepare_cached("SELECT row, version FROM sync_mirror WHERE table_name = ?1 AND guid = ?2")?
        .query_row(params![table, guid], |r| {
            let row: String = r.get(0)?;
            let version: i64 = r.get(1)?;
            Ok((serde_json::from_str::<Version>(&row).ok(), version as u64))
        })
        .optional()
}

/// After a deletion here: the entry keeps its version and loses the row.
pub fn clear(tx: &Connection, table: &str, guid: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE sync_mirror SET row = '{}' WHERE table_name = ?1 AND guid = ?2")?
        .execute(params![table, guid])?;
    Ok(())
}
