//! A person's group memberships across their own devices (migration 0027, table `group_memberships`): one synced
//! row per group they belong to, written in the same transaction as joining or leaving on the device where they
//! did it, and sealed so that nothing secret is in the journal in the clear.
//!
//! The row's `sealed` column is sealed under a key derived from the account's **naming key**, which every device
//! of the account holds in sync's key store and which never changes: not when a device is removed and the data
//! key moves to a new epoch, nor with a new recovery phrase (`sync/keys.rs`, `sync/account.rs`;
//! [`super::membership_seal`]). What a member's blob holds
//! is the invite's parts (the charter version 1 hash, the epoch and the read key); another device takes the
//! group up from them exactly as joining from the link does (`member.rs`: the charter chain verified from the
//! pinned hash), never trusting the row beyond the keys. An owner's blob is a backup's inner payload
//! (`backup.rs`: the owner's keys, the group's secrets, the charter chain), taken up exactly as a restore is: the
//! chain verified from its version 1 and the owner key still an owner of the newest. A publisher's blob is her
//! publisher keys, the group's root and her moderator key; another device verifies the group from the server
//! from that root exactly as accepting her link does.
//!
//! A member who leaves keeps the row with the role `left` (or `left_removing_reminders`, their answer about the
//! reminders made from its meetings) and nothing else but the group id (an opaque id, never the group's name):
//! the server and the sealed blob are emptied, and the row tells the person's other devices which group to leave
//! and what to do with the reminders each made. A moderator's row handed over or removed is deleted (a deletion
//! keeps the group id too, and clears the server and the blob). A member's joining never overwrites a moderator's
//! row. Each device notes which version of the row its copy of the group agrees with ([`mark_seen`], migration
//! 0028), so a leave is judged by the row's versions, never by two devices' clocks ([`newer_than_seen`]). Reconciling
//! ([`super::membership_sync`]) reads these rows.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::codec;
use super::invite::Invite;
use super::membership_seal::seal;
pub use super::membership_seal::{
    LABEL, MembershipKey, PublisherPart, open_member, open_owner, open_publisher, seal_member,
};
use crate::ids::new_guid;
use crate::store::Origin;
use crate::store::record::{Columns, codec as rowcodec, record};
use crate::store::registry::{CREATED, GUID, Identity, Kind::*, Merge::*, UPDATED, col, health};

/// The role code of an owner's row.
pub const OWNER: &str = "owner";
/// The role code of a publisher's row.
pub const PUBLISHER: &str = "publisher";

/// What a person is in a group (the row's `role`, a stable code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipRole {
    Member,
    /// An owner: the blob is a backup's inner payload (`backup.rs`).
    Owner,
    /// A publisher who does not own the group: the blob is her publisher keys and her moderator key.
    Publisher,
    /// A group the member left, keeping the reminders made from its meetings (no server, no blob).
    Left,
    /// A group the member left, having said yes to removing the reminders made from its meetings: every device
    /// of theirs removes the ones it made.
    LeftRemovingReminders,
}

impl MembershipRole {
    pub fn code(self) -> &'static str {
        match self {
            MembershipRole::Member => "member",
            MembershipRole::Owner => OWNER,
            MembershipRole::Publisher => PUBLISHER,
            MembershipRole::Left => "left",
            MembershipRole::LeftRemovingReminders => "left_removing_reminders",
        }
    }

    pub fn parse(code: &str) -> Option<MembershipRole> {
        match code {
            "member" => Some(MembershipRole::Member),
            OWNER => Some(MembershipRole::Owner),
            PUBLISHER => Some(MembershipRole::Publisher),
            "left" => Some(MembershipRole::Left),
            "left_removing_reminders" => Some(MembershipRole::LeftRemovingReminders),
            _ => None,
        }
    }
}

/// One row of `group_memberships`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub guid: String,
    /// The group's id (hex).
    pub group_id: String,
    /// A [`MembershipRole`] code.
    pub role: String,
    pub server: String,
    /// Base64url of the sealed blob (see the module documentation).
    pub sealed: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

record! {
    /// The groups the person belongs to, one row per group (its natural key), on every device of theirs.
    pub static GROUP_MEMBERSHIPS: Membership = "group_memberships" (Synced, Person, Identity::NaturalKey("group_id")) {
        seed: || Membership {
            guid: String::new(),
            group_id: String::new(),
            role: String::new(),
            server: String::new(),
            sealed: String::new(),
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |m| &m.guid,
        columns: [
            guid: GUID => (guid),
            // Kept by a deletion: an opaque id, which tells the person's other devices which group was left.
            group_id: col(Text, Identity) => (group_id),
            role: col(Text, Later) => (role),
            // Not health data, but cleared by a deletion all the same: a left group's server and keys stay nowhere.
            server: health(Text, "''") => (server),
            sealed: health(Text, "''") => (sealed),
            created_at: CREATED => (created_at as rowcodec::ms),
            updated_at: UPDATED => (updated_at as rowcodec::ms),
        ]
    }
}

/// Columns in the order [`GROUP_MEMBERSHIPS`] reads them.
static COLUMNS: Columns<Membership> = Columns(&GROUP_MEMBERSHIPS);

/// Writes (or revives, or re-seals) the publisher's row of `group_id` inside a write.
pub fn record_publisher(
    tx: &Connection,
    key: &MembershipKey,
    group_id: &str,
    server: &str,
    part: &PublisherPart,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let plain = Zeroizing::new(codec::encode(part));
    let sealed = seal(key, group_id, MembershipRole::Publisher, server, &plain);
    record(tx, group_id, MembershipRole::Publisher, server, sealed, now)
}

/// A row and whether it is deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub row: Membership,
    pub deleted: bool,
}

/// Every membership row, deleted ones too, by group id.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Stored>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS}, deleted FROM group_memberships ORDER BY group_id"))?;
    let count = GROUP_MEMBERSHIPS.table.columns.len();
    let rows = stmt.query_map([], |r| Ok(Stored { row: GROUP_MEMBERSHIPS.read(r)?, deleted: r.get(count)? }))?;
    rows.collect()
}

/// The row of `group_id`, deleted or not.
pub fn one(conn: &Connection, group_id: &str) -> rusqlite::Result<Option<Stored>> {
    let count = GROUP_MEMBERSHIPS.table.columns.len();
    conn.prepare_cached(&format!("SELECT {COLUMNS}, deleted FROM group_memberships WHERE group_id = ?1"))?
        .query_row([group_id], |r| Ok(Stored { row: GROUP_MEMBERSHIPS.read(r)?, deleted: r.get(count)? }))
        .optional()
}

/// Writes (or revives) the member's row of `group_id` inside a write — unless the row is a moderator's (the
/// person owns or publishes to the group on another device: that row is theirs, and a member's copy here only
/// notes that it agrees with it). `false` when the row was left as it was.
pub fn record_member(
    tx: &Connection,
    key: &MembershipKey,
    group_id: &str,
    invite: &Invite,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    if let Some(Stored { row, deleted: false }) = one(tx, group_id)?
        && moderator(&row)
    {
        mark_seen(tx, group_id, MembershipRole::Member, row.updated_at)?;
        return Ok(false);
    }
    let sealed = seal_member(key, group_id, invite);
    record(tx, group_id, MembershipRole::Member, &invite.server, sealed, now)?;
    Ok(true)
}

/// Whether a row is an owner's or a publisher's.
pub fn moderator(row: &Membership) -> bool {
    matches!(MembershipRole::parse(&row.role), Some(MembershipRole::Owner | MembershipRole::Publisher))
}

/// The table holding this device's copy of a group in `role`, whose `row_seen` (migration 0028) says which
/// version of the row that copy last agreed with.
fn held_in(role: MembershipRole) -> Option<&'static str> {
    match role {
        MembershipRole::Member => Some("groups_joined"),
        MembershipRole::Owner => Some("groups_owned"),
        MembershipRole::Publisher => Some("groups_publishing"),
        MembershipRole::Left | MembershipRole::LeftRemovingReminders => None,
    }
}

/// Notes inside a write that this device's copy of `group_id` in `role` agrees with the row as of `updated_at`
/// (it wrote that version, or took the group up from it).
pub fn mark_seen(
    tx: &Connection,
    group_id: &str,
    role: MembershipRole,
    updated_at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    if let Some(table) = held_in(role) {
        tx.execute(
            &format!("UPDATE {table} SET row_seen = ?2 WHERE group_id = ?1"),
            rusqlite::params![group_id, updated_at.timestamp_millis()],
        )?;
    }
    Ok(())
}

/// The row version (its `updated_at`, Unix ms) this device's copy of `group_id` in `role` last agreed with;
/// `None` when it never has (held here before any row), or is not held here.
pub fn seen(conn: &Connection, group_id: &str, role: MembershipRole) -> rusqlite::Result<Option<i64>> {
    let Some(table) = held_in(role) else { return Ok(None) };
    Ok(conn
        .prepare_cached(&format!("SELECT row_seen FROM {table} WHERE group_id = ?1"))?
        .query_row([group_id], |r| r.get::<_, Option<i64>>(0))
        .optional()?
        .flatten())
}

/// Whether a row marked left or deleted, as `stored` is, was made after this device's copy in `role` agreed
/// with the row — a leave (or hand-over) made elsewhere after this device joined — by the rows' own versions,
/// never by comparing two devices' clocks. A copy held here before any row (`row_seen` NULL) has only its own
/// clock to go by: when it was joined or created here (Unix ms, this device's clock) against the row's.
pub fn newer_than_seen(conn: &Connection, stored: &Stored, role: MembershipRole) -> rusqlite::Result<bool> {
    let at = stored.row.updated_at.timestamp_millis();
    Ok(match seen(conn, &stored.row.group_id, role)? {
        Some(seen) => at > seen,
        None => held_since(conn, &stored.row.group_id, role)? <= at,
    })
}

/// When this device's copy of `group_id` in `role` was joined or created (Unix ms, this device's clock; 0 when
/// it is not held here).
fn held_since(conn: &Connection, group_id: &str, role: MembershipRole) -> rusqlite::Result<i64> {
    let Some(table) = held_in(role) else { return Ok(0) };
    let column = if role == MembershipRole::Member { "joined_at" } else { "created_at" };
    Ok(conn
        .prepare_cached(&format!("SELECT {column} FROM {table} WHERE group_id = ?1"))?
        .query_row([group_id], |r| r.get::<_, i64>(0))
        .optional()?
        .unwrap_or_default())
}

/// Writes (or revives, or re-seals) the owner's row of `group_id` inside a write: `payload` is the backup's
/// inner payload ([`super::backup`]).
pub fn record_owner(
    tx: &Connection,
    key: &MembershipKey,
    group_id: &str,
    server: &str,
    payload: &[u8],
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let sealed = seal(key, group_id, MembershipRole::Owner, server, payload);
    record(tx, group_id, MembershipRole::Owner, server, sealed, now)
}

/// Writes the row of `group_id`: the row's guid is kept when it exists, and `updated_at` always moves forward so
/// the change wins the merge.
fn record(
    tx: &Connection,
    group_id: &str,
    role: MembershipRole,
    server: &str,
    sealed: String,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let row = match one(tx, group_id)? {
        Some(Stored { row, .. }) => Membership {
            role: role.code().to_owned(),
            server: server.to_owned(),
            sealed,
            updated_at: now.max(row.updated_at + chrono::Duration::milliseconds(1)),
            ..row
        },
        None => Membership {
            guid: new_guid(),
            group_id: group_id.to_owned(),
            role: role.code().to_owned(),
            server: server.to_owned(),
            sealed,
            created_at: now,
            updated_at: now,
        },
    };
    GROUP_MEMBERSHIPS.write(tx, &row, Origin::Local)?;
    mark_seen(tx, group_id, role, row.updated_at)
}

/// Marks the member's row of `group_id` left inside a write (leaving), with the person's answer about the
/// reminders made from its meetings: its server and sealed blob are emptied, and the row syncs so that every
/// device of theirs leaves and follows the same answer (a deletion could not carry it). A group joined before
/// there was any row (or after a deletion) gets a left row all the same, so a device that joined it on its own
/// leaves too. `false` when the row is a moderator's, which stays theirs.
pub fn leave(tx: &Connection, group_id: &str, remove_reminders: bool, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    if let Some(Stored { row, deleted: false }) = one(tx, group_id)?
        && moderator(&row)
    {
        return Ok(false);
    }
    let role = if remove_reminders { MembershipRole::LeftRemovingReminders } else { MembershipRole::Left };
    record(tx, group_id, role, "", String::new(), now)?;
    Ok(true)
}

/// Deletes the row of `group_id` inside a write (a moderator's group handed over or removed): its server and sealed blob are cleared, and the
/// deletion syncs. `false` when there was no live row.
pub fn remove(tx: &Connection, group_id: &str, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    match one(tx, group_id)? {
        Some(Stored { row, deleted: false }) => {
            let at = now.max(row.updated_at + chrono::Duration::milliseconds(1));
            Ok(crate::store::record::tombstone(tx, &GROUP_MEMBERSHIPS.table, &row.guid, at)? > 0)
        }
        _ => Ok(false),
    }
}
