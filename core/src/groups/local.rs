//! The groups this device keeps in its journal (migration 0022): the groups it moderates (`groups_owned`) and
//! the groups it joined (`groups_joined`, with the verified state and the newest verified pack's items). A
//! joined group's articles are also shelved in `group_items` ([`shelve`]), which the Library reads to show them
//! beside the guides (the Library depends on groups, never the other way). Every function here runs inside the caller's transaction; nothing stored here is
//! secret (the keys are in the key store) and nothing is stored before it verified.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::charter::SignedCharter;
use super::items::Item;
use super::items::ItemBody;
use super::trust::GroupTrust;

/// What every group item's Library id starts with (the Library shows a joined group's articles under
/// `group:<group>:<item>`; built-in guide ids hold no `:`).
pub const GROUP_PREFIX: &str = "group:";

/// The Library id of a group's item.
pub fn group_item_id(group: &str, item: &str) -> String {
    format!("{GROUP_PREFIX}{group}:{item}")
}

/// Tombstones the person's Library state (bookmarks, read times) of every item of `group` when they leave it,
/// inside the caller's write, so their other devices forget it too; gives how many. The table is reached through
/// the registry: the Library depends on groups, never the other way.
pub fn forget_library_states(tx: &Connection, group: &str, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    let prefix = group_item_id(group, "");
    let guids: Vec<String> = {
        let mut stmt = tx.prepare_cached(
            "SELECT guid FROM library_state WHERE deleted = 0 AND substr(guide_id, 1, length(?1)) = ?1",
        )?;
        stmt.query_map([&prefix], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
    };
    let table = crate::tables::table("library_state");
    let mut removed = 0;
    for guid in &guids {
        removed += crate::store::record::tombstone(tx, table, guid, now)?;
    }
    Ok(removed)
}

/// A group this device moderates.
#[derive(Debug, Clone)]
pub struct OwnedRow {
    /// The group's id, hex.
    pub group_id: String,
    pub server: String,
    /// Oldest first.
    pub charters: Vec<SignedCharter>,
    pub pack_sequence: u64,
}

/// A group this device joined.
#[derive(Debug, Clone)]
pub struct JoinedRow {
    pub group_id: String,
    pub server: String,
    pub trust: GroupTrust,
    pub items: Vec<Item>,
}

fn damaged(column: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("a stored group's {what} could not be read").into(),
    )
}

pub(crate) fn charters_json(charters: &[SignedCharter]) -> String {
    let encoded: Vec<String> = charters.iter().map(|c| B64.encode(c.encode())).collect();
    serde_json::to_string(&encoded).expect("strings serialise")
}

pub(crate) fn charters_from(json: &str) -> rusqlite::Result<Vec<SignedCharter>> {
    let encoded: Vec<String> = serde_json::from_str(json).map_err(|_| damaged(2, "charters"))?;
    encoded
        .iter()
        .map(|text| {
            let bytes = B64.decode(text).map_err(|_| damaged(2, "charters"))?;
            SignedCharter::decode(&bytes).map_err(|_| damaged(2, "charters"))
        })
        .collect()
}

/// Records a group this device just created.
pub fn insert_owned(tx: &Connection, row: &OwnedRow, now_ms: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO groups_owned (group_id, server, charters, pack_sequence, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![row.group_id, row.server, charters_json(&row.charters), row.pack_sequence as i64, now_ms],
    )?;
    Ok(())
}

/// The groups this device moderates, oldest first.
pub fn owned(conn: &Connection) -> rusqlite::Result<Vec<OwnedRow>> {
    moderated_rows(
        conn,
        "SELECT group_id, server, charters, pack_sequence FROM groups_owned ORDER BY created_at, group_id",
    )
}

/// The rows `select` gives, in the shape of `groups_owned` and `groups_publishing` (id, server, charters, pack
/// sequence).
pub(crate) fn moderated_rows(conn: &Connection, select: &str) -> rusqlite::Result<Vec<OwnedRow>> {
    let mut stmt = conn.prepare_cached(select)?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (group_id, server, charters, sequence) = row?;
        out.push(OwnedRow { group_id, server, charters: charters_from(&charters)?, pack_sequence: sequence as u64 });
    }
    Ok(out)
}

/// Records that the owned group `group_id` has a backup (written or restored from) as of `now_ms`.
pub fn mark_backed_up(tx: &Connection, group_id: &str, now_ms: i64) -> rusqlite::Result<()> {
    tx.execute("UPDATE groups_owned SET backed_up_at = ?2 WHERE group_id = ?1", params![group_id, now_ms])?;
    Ok(())
}

/// The owned groups with a backup, by id.
pub fn backed_up(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT group_id FROM groups_owned WHERE backed_up_at IS NOT NULL")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    ids.collect()
}

/// Moves an owned group's pack sequence up to `sequence` (never down).
pub fn raise_pack_sequence(tx: &Connection, group_id: &str, sequence: u64) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE groups_owned SET pack_sequence = MAX(pack_sequence, ?2) WHERE group_id = ?1",
        params![group_id, sequence as i64],
    )?;
    Ok(())
}

/// The groups this device joined, by id.
pub fn joined(conn: &Connection) -> rusqlite::Result<Vec<JoinedRow>> {
    let mut stmt = conn.prepare_cached("SELECT group_id, server, trust, items FROM groups_joined ORDER BY group_id")?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (group_id, server, trust, items) = row?;
        out.push(JoinedRow {
            group_id,
            server,
            trust: serde_json::from_str(&trust).map_err(|_| damaged(2, "verified state"))?,
            items: serde_json::from_str(&items).map_err(|_| damaged(3, "items"))?,
        });
    }
    Ok(out)
}

/// One joined group, if this device joined it.
pub fn joined_one(conn: &Connection, group_id: &str) -> rusqlite::Result<Option<JoinedRow>> {
    let trust: Option<String> = conn
        .prepare_cached("SELECT trust FROM groups_joined WHERE group_id = ?1")?
        .query_row([group_id], |r| r.get(0))
        .optional()?;
    if trust.is_none() {
        return Ok(None);
    }
    Ok(joined(conn)?.into_iter().find(|row| row.group_id == group_id))
}

/// Records a group just joined, with its verified items (and shelves its articles).
pub fn insert_joined(tx: &Connection, row: &JoinedRow, now_ms: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO groups_joined (group_id, server, trust, items, joined_at, refreshed_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            row.group_id,
            row.server,
            serde_json::to_string(&row.trust).expect("a verified state serialises"),
            serde_json::to_string(&row.items).expect("items serialise"),
            now_ms
        ],
    )?;
    shelve(tx, &row.group_id, &row.trust.charter.name, &row.items)
}

/// Stores a newer verified state of a joined group, and its items when a newer pack verified (`items: None`
/// keeps the stored ones). Never goes back: a state with a lower pack sequence or charter version than the
/// stored one is not written (gives `false`).
pub fn update_joined(
    tx: &Connection,
    group_id: &str,
    trust: &GroupTrust,
    items: Option<&[Item]>,
    now_ms: i64,
) -> rusqlite::Result<bool> {
    let Some(stored) = joined_one(tx, group_id)? else { return Ok(false) };
    if trust.pack_sequence < stored.trust.pack_sequence || trust.charter.version < stored.trust.charter.version {
        return Ok(false);
    }
    let items = items.unwrap_or(&stored.items);
    tx.execute(
        "UPDATE groups_joined SET trust = ?2, items = ?3, refreshed_at = ?4 WHERE group_id = ?1",
        params![
            group_id,
            serde_json::to_string(trust).expect("a verified state serialises"),
            serde_json::to_string(items).expect("items serialise"),
            now_ms
        ],
    )?;
    shelve(tx, group_id, &trust.charter.name, items)?;
    Ok(true)
}

/// Forgets a joined group and its shelved items; `false` if it was not joined.
pub fn remove_joined(tx: &Connection, group_id: &str) -> rusqlite::Result<bool> {
    let removed = tx.execute("DELETE FROM groups_joined WHERE group_id = ?1", [group_id])?;
    unshelve(tx, group_id)?;
    Ok(removed > 0)
}

/// Replaces every shelved item of `group` with the articles among `items` that are not withdrawn (the Library's
/// second shelf, `group_items`).
pub fn shelve(tx: &Connection, group: &str, group_name: &str, items: &[Item]) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM group_items WHERE group_id = ?1", [group])?;
    let mut insert =
        tx.prepare_cached("INSERT INTO group_items (group_id, item_id, group_name, item) VALUES (?1, ?2, ?3, ?4)")?;
    for item in items.iter().filter(|i| matches!(i.body, ItemBody::Article { .. }) && !i.withdrawn) {
        let json = serde_json::to_string(item).expect("an item serialises");
        insert.execute(params![group, item.id, group_name, json])?;
    }
    Ok(())
}

/// Removes every shelved item of `group`.
pub fn unshelve(tx: &Connection, group: &str) -> rusqlite::Result<usize> {
    tx.execute("DELETE FROM group_items WHERE group_id = ?1", [group])
}
