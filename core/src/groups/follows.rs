//! The journal's rows linking a joined group's meetings to the reminders a member made from them
//! (`group_follows`, migration 0024). Device-local: the reminder is the person's own row (it syncs like any
//! other); the link lets leaving the group offer to remove it. Every function runs inside the caller's
//! transaction (or on a reader).

use rusqlite::{Connection, params};

/// One meeting followed as a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowRow {
    pub group_id: String,
    pub item_id: String,
    pub reminder_guid: String,
}

/// The follows of `group` whose reminder is still there (not deleted by the person), by item id.
pub fn live(conn: &Connection, group: &str) -> rusqlite::Result<Vec<FollowRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.group_id, f.item_id, f.reminder_guid FROM group_follows f \
         JOIN reminders r ON r.guid = f.reminder_guid AND r.deleted = 0 \
         WHERE f.group_id = ?1 ORDER BY f.item_id",
    )?;
    let rows = stmt
        .query_map([group], |r| Ok(FollowRow { group_id: r.get(0)?, item_id: r.get(1)?, reminder_guid: r.get(2)? }))?;
    rows.collect()
}

/// The live reminder made from `item` of `group`, if any.
pub fn live_one(conn: &Connection, group: &str, item: &str) -> rusqlite::Result<Option<String>> {
    Ok(live(conn, group)?.into_iter().find(|f| f.item_id == item).map(|f| f.reminder_guid))
}

/// Records that `reminder` was made from `item` of `group` (replacing a link to a reminder since deleted).
pub fn insert(tx: &Connection, group: &str, item: &str, reminder: &str, now_ms: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO group_follows (group_id, item_id, reminder_guid, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![group, item, reminder, now_ms],
    )?;
    Ok(())
}

/// Forgets every link of `group` (the reminders themselves are the caller's to keep or delete).
pub fn remove_group(tx: &Connection, group: &str) -> rusqlite::Result<usize> {
    tx.execute("DELETE FROM group_follows WHERE group_id = ?1", [group])
}
