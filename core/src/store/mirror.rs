//! The mirror: the last version of each synced row the server holds, as this device last saw it (`sync_mirror`,
//! migrations 0010 and 0017) — the base of sync's three-way merge (what each side changed since) and, with the
//! server's version of the record, the precondition of the row's next upload. Written by sync only
//! (`sync/apply.rs` for rows that arrive, `sync/engine.rs` for rows this device uploaded); keyed by table and
//! guid; the row as the merge takes it ([`Version`], JSON).
//!
//! A deletion on this device clears the entry's row (it holds the person's words) and keeps its version, so the
//! deletion's upload still names the version it replaces.
//!
//! `sent` (migration 0020): what this device uploaded of a row the server already had when no reply came — the
//! server may have committed it, and a version that arrives later may have grown from it. These (the last
//! [`SENT_KEPT`], a JSON list) are the merge's other bases ([`crate::sync::merge::merge_into`]) until the mirror
//! records a newer version of the row.

use rusqlite::{Connection, OptionalExtension, params};

use crate::sync::merge::Version;

/// Records `row` as the server's version `version` of `table`'s row `guid`.
pub fn record(tx: &Connection, table: &str, guid: &str, row: &Version, version: u64) -> rusqlite::Result<()> {
    let json = serde_json::to_string(row).expect("a version serialises");
    tx.prepare_cached(
        "INSERT INTO sync_mirror (table_name, guid, row, version) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (table_name, guid) DO UPDATE SET row = excluded.row, version = excluded.version, sent = NULL",
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

/// How many uploads without a reply a row's entry remembers (each may be the one the server committed).
pub const SENT_KEPT: usize = 4;

/// What the mirror holds of one row: the server's last version as this device saw it (`None` for the row when a
/// deletion here cleared it), its number, and what was sent since without a reply (oldest first).
#[derive(Debug, Clone, PartialEq)]
pub struct Mirrored {
    pub row: Option<Version>,
    pub version: u64,
    pub sent: Vec<Version>,
}

/// The mirror's entry for `table`'s row `guid`, with what was sent unheard of; `None` if there is none.
pub fn entry(conn: &Connection, table: &str, guid: &str) -> rusqlite::Result<Option<Mirrored>> {
    conn.prepare_cached("SELECT row, version, sent FROM sync_mirror WHERE table_name = ?1 AND guid = ?2")?
        .query_row(params![table, guid], |r| {
            let row: String = r.get(0)?;
            let version: i64 = r.get(1)?;
            let sent: Option<String> = r.get(2)?;
            Ok(Mirrored {
                row: serde_json::from_str::<Version>(&row).ok(),
                version: version as u64,
                sent: sent.and_then(|s| serde_json::from_str::<Vec<Version>>(&s).ok()).unwrap_or_default(),
            })
        })
        .optional()
}

/// Records `row` as uploaded without a reply over the server's version this entry holds.
pub fn sent(tx: &Connection, table: &str, guid: &str, row: &Version) -> rusqlite::Result<()> {
    let Some(mut entry) = entry(tx, table, guid)? else { return Ok(()) };
    if entry.sent.len() >= SENT_KEPT {
        entry.sent.remove(0);
    }
    entry.sent.push(row.clone());
    let json = serde_json::to_string(&entry.sent).expect("versions serialise");
    tx.prepare_cached("UPDATE sync_mirror SET sent = ?3 WHERE table_name = ?1 AND guid = ?2")?
        .execute(params![table, guid, json])?;
    Ok(())
}

/// After a deletion here: the entry keeps its version and loses the row (and what was sent of it).
pub fn clear(tx: &Connection, table: &str, guid: &str) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE sync_mirror SET row = '{}', sent = NULL WHERE table_name = ?1 AND guid = ?2")?
        .execute(params![table, guid])?;
    Ok(())
}
