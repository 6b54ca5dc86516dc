//! The mirror: the last version of each synced row the server gave this device (`sync_mirror`, migration 0010),
//! the base of the three-way merge sync will run (what both sides changed since it). Written only for rows that
//! arrive with [`super::Origin::Remote`]; a row's entry is its export form as JSON, keyed by table and guid.

use rusqlite::{Connection, OptionalExtension, params};

/// Records `row` (its export JSON) as the server's version of `table`'s row `guid`.
pub fn record(tx: &Connection, table: &str, guid: &str, row: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_mirror (table_name, guid, row) VALUES (?1, ?2, ?3) \
         ON CONFLICT (table_name, guid) DO UPDATE SET row = excluded.row",
    )?
    .execute(params![table, guid, row])?;
    Ok(())
}

/// The server's last version of `table`'s row `guid`, if this device has one.
pub fn base(conn: &Connection, table: &str, guid: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT row FROM sync_mirror WHERE table_name = ?1 AND guid = ?2")?
        .query_row(params![table, guid], |r| r.get(0))
        .optional()
}
