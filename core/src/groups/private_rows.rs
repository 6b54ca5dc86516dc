//! The journal side of private groups (migration 0029), inside the caller's transaction: which owned and joined
//! groups are private (their intake public key, and for a member the roster version and epoch held), and the
//! requests this device made to join private groups (`groups_requested`). Nothing here is secret: the person's
//! key for a group and the read key are in the key store.

use mend_protocol::hex;
use rusqlite::{Connection, OptionalExtension, params};

use crate::crypto::Bytes32;

/// Where a request to join stands on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestStatus {
    Waiting,
    Declined,
}

impl RequestStatus {
    fn code(self) -> &'static str {
        match self {
            RequestStatus::Waiting => "waiting",
            RequestStatus::Declined => "declined",
        }
    }
}

/// A request this device made to join a private group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedRow {
    /// The hash of the group's charter version 1 (the invite pins it).
    pub root_hash: Bytes32,
    pub server: String,
    pub intake_public: Bytes32,
    /// The name the person chose (stays on this device).
    pub display_name: String,
    /// Unix ms.
    pub requested_at: i64,
    /// The roster version read up to (0 before the first).
    pub roster_version: u32,
    pub status: RequestStatus,
}

fn damaged(column: usize) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        "a stored request to join a group could not be read".into(),
    )
}

fn bytes32(column: usize, text: &str) -> rusqlite::Result<Bytes32> {
    let bytes = hex::decode("key", text, 32).map_err(|_| damaged(column))?;
    bytes.as_slice().try_into().map_err(|_| damaged(column))
}

/// Marks the owned group `group_id` private, with the intake public key its invite carries.
pub fn set_owned_intake(tx: &Connection, group_id: &str, intake_public: &Bytes32) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE groups_owned SET intake_public = ?2 WHERE group_id = ?1",
        params![group_id, hex::encode(intake_public)],
    )?;
    Ok(())
}

/// The intake public key of the owned group `group_id`, if it is private.
pub fn owned_intake(conn: &Connection, group_id: &str) -> rusqlite::Result<Option<Bytes32>> {
    let text: Option<Option<String>> = conn
        .prepare_cached("SELECT intake_public FROM groups_owned WHERE group_id = ?1")?
        .query_row([group_id], |r| r.get(0))
        .optional()?;
    text.flatten().map(|t| bytes32(0, &t)).transpose()
}

/// The epoch whose read key this device holds for the owned private group `group_id` (1 until recorded).
pub fn owned_epoch(conn: &Connection, group_id: &str) -> rusqlite::Result<u32> {
    let epoch: Option<Option<u32>> = conn
        .prepare_cached("SELECT epoch FROM groups_owned WHERE group_id = ?1")?
        .query_row([group_id], |r| r.get(0))
        .optional()?;
    Ok(epoch.flatten().unwrap_or(1))
}

/// Records the epoch whose read key this device now holds for the owned private group `group_id`.
pub fn set_owned_epoch(tx: &Connection, group_id: &str, epoch: u32) -> rusqlite::Result<()> {
    tx.execute("UPDATE groups_owned SET epoch = ?2 WHERE group_id = ?1", params![group_id, epoch])?;
    Ok(())
}

/// The ids of the owned and joined groups that are private.
pub fn private_ids(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT group_id FROM groups_owned WHERE intake_public IS NOT NULL \
         UNION SELECT group_id FROM groups_joined WHERE intake_public IS NOT NULL",
    )?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    ids.collect()
}

/// Records that the joined group `group_id` is private: its intake key, the roster version and epoch held.
pub fn set_joined_private(
    tx: &Connection,
    group_id: &str,
    intake_public: &Bytes32,
    roster_version: u32,
    epoch: u32,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE groups_joined SET intake_public = ?2, roster_version = ?3, epoch = ?4 WHERE group_id = ?1",
        params![group_id, hex::encode(intake_public), roster_version, epoch],
    )?;
    Ok(())
}

/// A joined private group's place in its roster chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedPrivate {
    pub group_id: String,
    pub intake_public: Bytes32,
    pub roster_version: u32,
    pub epoch: u32,
    /// The member was removed: the group is no longer fetched.
    pub removed: bool,
}

/// Every joined group that is private.
pub fn joined_private(conn: &Connection) -> rusqlite::Result<Vec<JoinedPrivate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT group_id, intake_public, roster_version, epoch, removed_at FROM groups_joined \
         WHERE intake_public IS NOT NULL ORDER BY group_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<u32>>(2)?,
            r.get::<_, Option<u32>>(3)?,
            r.get::<_, Option<i64>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (group_id, intake, roster_version, epoch, removed_at) = row?;
        out.push(JoinedPrivate {
            group_id,
            intake_public: bytes32(1, &intake)?,
            roster_version: roster_version.ok_or_else(|| damaged(2))?,
            epoch: epoch.ok_or_else(|| damaged(3))?,
            removed: removed_at.is_some(),
        });
    }
    Ok(out)
}

/// The joined groups whose member was removed (not fetched any more).
pub fn removed_ids(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT group_id FROM groups_joined WHERE removed_at IS NOT NULL")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    ids.collect()
}

/// Marks the member removed from the joined group `group_id` at roster version `roster_version`.
pub fn mark_removed(tx: &Connection, group_id: &str, roster_version: u32, now_ms: i64) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE groups_joined SET roster_version = ?2, removed_at = ?3 WHERE group_id = ?1",
        params![group_id, roster_version, now_ms],
    )?;
    Ok(())
}

/// Records a request just posted.
pub fn insert_requested(tx: &Connection, row: &RequestedRow) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO groups_requested (root_hash, server, intake_public, display_name, requested_at, \
         roster_version, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            hex::encode(&row.root_hash),
            row.server,
            hex::encode(&row.intake_public),
            row.display_name,
            row.requested_at,
            row.roster_version,
            row.status.code()
        ],
    )?;
    Ok(())
}

/// Every request this device made, oldest first.
pub fn requested(conn: &Connection) -> rusqlite::Result<Vec<RequestedRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT root_hash, server, intake_public, display_name, requested_at, roster_version, status \
         FROM groups_requested ORDER BY requested_at, root_hash",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (root, server, intake, display_name, requested_at, roster_version, status) = row?;
        let status = match status.as_str() {
            "waiting" => RequestStatus::Waiting,
            "declined" => RequestStatus::Declined,
            _ => return Err(damaged(6)),
        };
        out.push(RequestedRow {
            root_hash: bytes32(0, &root)?,
            server,
            intake_public: bytes32(2, &intake)?,
            display_name,
            requested_at,
            roster_version,
            status,
        });
    }
    Ok(out)
}

/// Moves a request to the roster version read up to and its status.
pub fn set_requested(
    tx: &Connection,
    root_hash: &Bytes32,
    roster_version: u32,
    status: RequestStatus,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE groups_requested SET roster_version = ?2, status = ?3 WHERE root_hash = ?1",
        params![hex::encode(root_hash), roster_version, status.code()],
    )?;
    Ok(())
}

/// Forgets a request (approved: the group is joined).
pub fn remove_requested(tx: &Connection, root_hash: &Bytes32) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM groups_requested WHERE root_hash = ?1", [hex::encode(root_hash)])?;
    Ok(())
}
