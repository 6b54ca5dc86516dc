//! The journal's rows for the moderator's side beyond creating a group: a new charter chain for an owned group
//! (after a publisher is added or removed, or a charter change), and the groups this device publishes to without
//! owning them (`groups_publishing`, migration 0025). Every function runs inside the caller's transaction;
//! nothing here is secret (the keys are in the key store).

use rusqlite::{Connection, OptionalExtension, params};

use super::charter::SignedCharter;
use super::local::{OwnedRow, charters_from, charters_json, moderated_rows};

/// Replaces an owned group's charters with a longer verified chain (never a shorter one); `false` if the group
/// is not owned here or the chain would go back.
pub fn set_owned_charters(tx: &Connection, group_id: &str, charters: &[SignedCharter]) -> rusqlite::Result<bool> {
    let stored: Option<String> = tx
        .prepare_cached("SELECT charters FROM groups_owned WHERE group_id = ?1")?
        .query_row([group_id], |r| r.get(0))
        .optional()?;
    let Some(stored) = stored else { return Ok(false) };
    if charters_from(&stored)?.len() > charters.len() {
        return Ok(false);
    }
    tx.execute(
        "UPDATE groups_owned SET charters = ?2 WHERE group_id = ?1",
        params![group_id, charters_json(charters)],
    )?;
    Ok(true)
}

/// The groups this device publishes to, oldest first (the same shape as an owned group's row).
pub fn publishing(conn: &Connection) -> rusqlite::Result<Vec<OwnedRow>> {
    moderated_rows(
        conn,
        "SELECT group_id, server, charters, pack_sequence FROM groups_publishing ORDER BY created_at, group_id",
    )
}

/// Records (or brings up to date) a group this device publishes to.
pub fn upsert_publishing(tx: &Connection, row: &OwnedRow, now_ms: i64) -> rusqlite::Result<()> {
    // The chain this device verified never gets shorter (a server hiding the newest charters must not win).
    let known: Option<String> = tx
        .query_row("SELECT charters FROM groups_publishing WHERE group_id = ?1", [&row.group_id], |r| r.get(0))
        .optional()?;
    if let Some(known) = known
        && charters_from(&known)?.len() > row.charters.len()
    {
        tx.execute(
            "UPDATE groups_publishing SET server = ?2, pack_sequence = MAX(pack_sequence, ?3) WHERE group_id = ?1",
            params![row.group_id, row.server, row.pack_sequence as i64],
        )?;
        return Ok(());
    }
    tx.execute(
        "INSERT INTO groups_publishing (group_id, server, charters, pack_sequence, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (group_id) DO UPDATE SET server = excluded.server, charters = excluded.charters, \
         pack_sequence = MAX(pack_sequence, excluded.pack_sequence)",
        params![row.group_id, row.server, charters_json(&row.charters), row.pack_sequence as i64, now_ms],
    )?;
    Ok(())
}

/// The epoch and sequence of the newest desk this publisher verified for `group_id` (`(0, 0)` before the first).
pub fn desk_floor(conn: &Connection, group_id: &str) -> rusqlite::Result<(u32, u64)> {
    let floor: Option<(Option<u32>, Option<i64>)> = conn
        .query_row("SELECT desk_epoch, desk_sequence FROM groups_publishing WHERE group_id = ?1", [group_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (epoch, sequence) = floor.unwrap_or_default();
    Ok((epoch.unwrap_or(0), sequence.map_or(0, |s| s.max(0) as u64)))
}

/// Raises the publisher's desk floor for `group_id` to `epoch` and `sequence` (never lowers it).
pub fn raise_desk_floor(tx: &Connection, group_id: &str, epoch: u32, sequence: u64) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE groups_publishing SET desk_epoch = MAX(COALESCE(desk_epoch, 0), ?2), \
         desk_sequence = MAX(COALESCE(desk_sequence, 0), ?3) WHERE group_id = ?1",
        params![group_id, epoch, sequence as i64],
    )?;
    Ok(())
}

/// Forgets a group this device published to (it was removed as a publisher, chose to stop, or became an
/// owner). The person's publisher membership row is deleted in the same write (`memberships.rs`).
pub fn remove_publishing(tx: &Connection, group_id: &str) -> rusqlite::Result<bool> {
    remove_membership(tx, group_id, super::memberships::PUBLISHER)?;
    Ok(tx.execute("DELETE FROM groups_publishing WHERE group_id = ?1", [group_id])? > 0)
}

/// Deletes the person's membership row of `group_id` if it has `role`, at the write's own clock (this runs inside
/// the write), so their other devices forget the group too.
fn remove_membership(tx: &Connection, group_id: &str, role: &str) -> rusqlite::Result<()> {
    if super::memberships::one(tx, group_id)?.is_some_and(|s| s.row.role == role) {
        let millis = crate::store::clock::stamp(tx)?.map_or(0, |c| c.millis as i64);
        let now = chrono::DateTime::from_timestamp_millis(millis).unwrap_or_default();
        super::memberships::remove(tx, group_id, now)?;
    }
    Ok(())
}

/// Forgets an owned group (this device's owner key was handed over and is no longer in its charter). The
/// person's owner membership row is deleted in the same write, so their other devices forget the group too
/// (`memberships.rs`).
pub fn remove_owned(tx: &Connection, group_id: &str) -> rusqlite::Result<bool> {
    remove_membership(tx, group_id, super::memberships::OWNER)?;
    Ok(tx.execute("DELETE FROM groups_owned WHERE group_id = ?1", [group_id])? > 0)
}

/// Marks an owned group's backup as out of date (its owner secret changed), so Mend asks for a new one.
pub fn backup_outdated(tx: &Connection, group_id: &str) -> rusqlite::Result<()> {
    tx.execute("UPDATE groups_owned SET backed_up_at = NULL WHERE group_id = ?1", [group_id])?;
    Ok(())
}
