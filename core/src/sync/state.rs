//! Sync's bookkeeping on this device (`sync_state`, migration 0017): which server and account, this device's id,
//! the account's epoch, the cursor (the server's version this device has applied everything up to) and what the
//! last sync saw, plus the person's choices (sync after each change; reminders ring here), and an epoch switch
//! this device owes after revoking a device (migration 0021). The cursor moves in
//! the same transaction as the rows it covers, so a sync stopped at any point resumes where it stopped.

use rusqlite::{Connection, OptionalExtension, params};

/// The row, once sync is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub server: String,
    pub account_id: Vec<u8>,
    pub device_id: Vec<u8>,
    pub epoch: u32,
    pub cursor: u64,
    pub server_version: u64,
    pub last_synced_ms: Option<i64>,
    pub last_attempt_ms: Option<i64>,
    /// Words for the last sync's failure (never a record or a key), cleared by a sync that completes.
    pub last_error: Option<String>,
    /// Whether that failure was for want of a connection.
    pub last_error_offline: bool,
    pub auto: bool,
    pub reminders_here: bool,
    /// The account must move past this epoch: this device revoked a device that may hold its key.
    pub switch_owed: Option<u32>,
}

/// The state, if sync is set up on this device.
pub fn load(conn: &Connection) -> rusqlite::Result<Option<State>> {
    conn.prepare_cached(
        "SELECT server, account_id, device_id, epoch, cursor, server_version, last_synced_ms, last_attempt_ms, \
         last_error, auto, reminders_here, last_error_offline, switch_owed FROM sync_state WHERE id = 1",
    )?
    .query_row([], |r| {
        Ok(State {
            server: r.get(0)?,
            account_id: r.get(1)?,
            device_id: r.get(2)?,
            epoch: r.get(3)?,
            cursor: r.get::<_, i64>(4)? as u64,
            server_version: r.get::<_, i64>(5)? as u64,
            last_synced_ms: r.get(6)?,
            last_attempt_ms: r.get(7)?,
            last_error: r.get(8)?,
            auto: r.get(9)?,
            reminders_here: r.get(10)?,
            last_error_offline: r.get(11)?,
            switch_owed: r.get(12)?,
        })
    })
    .optional()
}

/// Sets sync up: a new account or device, from version 0.
pub fn create(
    tx: &Connection,
    server: &str,
    account_id: &[u8],
    device_id: &[u8],
    epoch: u32,
    reminders_here: bool,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO sync_state (id, server, account_id, device_id, epoch, reminders_here) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![server, account_id, device_id, epoch, reminders_here],
    )?;
    Ok(())
}

/// Moves the cursor (with the rows it covers, in the same transaction).
pub fn advance(tx: &Connection, cursor: u64, server_version: u64) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE sync_state SET cursor = max(cursor, ?1), server_version = max(?1, ?2) WHERE id = 1")?
        .execute(params![cursor as i64, server_version as i64])?;
    Ok(())
}

/// Records how a sync ended: `error` words (and whether it was for want of a connection), or none for a sync
/// that completed at `at_ms`.
pub fn finish(tx: &Connection, at_ms: i64, error: Option<&str>, offline: bool) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE sync_state SET last_attempt_ms = ?1, last_error = ?2, last_error_offline = ?3, \
         last_synced_ms = CASE WHEN ?2 IS NULL THEN ?1 ELSE last_synced_ms END WHERE id = 1",
    )?
    .execute(params![at_ms, error, offline])?;
    Ok(())
}

/// Records that the account must move past `epoch` (kept at the highest owed).
pub fn owe_switch(tx: &Connection, epoch: u32) -> rusqlite::Result<()> {
    tx.execute("UPDATE sync_state SET switch_owed = max(coalesce(switch_owed, 0), ?1) WHERE id = 1", [epoch])?;
    Ok(())
}

/// The account is at `epoch` now: this device's records go up in it, and a switch owed past an earlier epoch is
/// done.
pub fn set_epoch(tx: &Connection, epoch: u32) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE sync_state SET epoch = max(epoch, ?1), \
         switch_owed = CASE WHEN switch_owed < ?1 THEN NULL ELSE switch_owed END WHERE id = 1",
        [epoch],
    )?;
    Ok(())
}

/// Sync after each change (`mend sync auto on|off`).
pub fn set_auto(tx: &Connection, auto: bool) -> rusqlite::Result<()> {
    tx.execute("UPDATE sync_state SET auto = ?1 WHERE id = 1", [auto])?;
    Ok(())
}

/// Whether reminders ring on this device.
pub fn set_reminders_here(tx: &Connection, on: bool) -> rusqlite::Result<()> {
    tx.execute("UPDATE sync_state SET reminders_here = ?1 WHERE id = 1", [on])?;
    Ok(())
}

/// Forgets sync on this device (sync off): the state, the mirror, what was held or unreadable. Rows stay, and
/// every row counts as a change again, so syncing with another account later uploads everything.
pub fn forget(tx: &Connection) -> rusqlite::Result<()> {
    tx.execute_batch(
        "DELETE FROM sync_state; DELETE FROM sync_mirror; DELETE FROM sync_held; DELETE FROM sync_unreadable;",
    )?;
    for table in super::payload::synced_tables() {
        tx.execute(&format!("UPDATE {} SET sync_change_counter = 1 WHERE sync_change_counter = 0", table.name), [])?;
    }
    Ok(())
}

/// How many records could not be opened, and how many deletions wait for the person's OK.
pub fn attention(conn: &Connection) -> rusqlite::Result<(u64, u64)> {
    let unreadable: i64 = conn.query_row("SELECT count(*) FROM sync_unreadable", [], |r| r.get(0))?;
    let held: i64 = conn.query_row("SELECT count(*) FROM sync_held", [], |r| r.get(0))?;
    Ok((unreadable as u64, held as u64))
}

/// How many rows wait to be uploaded.
pub fn pending(conn: &Connection) -> rusqlite::Result<u64> {
    let mut total = 0i64;
    for table in super::payload::synced_tables() {
        total +=
            conn.query_row(&format!("SELECT count(*) FROM {} WHERE sync_change_counter > 0", table.name), [], |r| {
                r.get::<_, i64>(0)
            })?;
    }
    Ok(total as u64)
}
