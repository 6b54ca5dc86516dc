//! The person's Library state in the journal database (table `library_state`, migration 0003): one row per
//! guide they bookmarked or read, with the sync columns. Rows are written here, read back for bookmarks and
//! "read this week", and merged by guid on import (the newer row wins).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::model::GuideState;
use crate::ids::new_guid;
use crate::store::time::from_ms;
use crate::store::upsert::Upsert;

/// Columns in the order [`state_from_row`] reads them.
pub const STATE_COLUMNS: &str = "guid, guide_id, bookmarked, bookmarked_at, last_read_at, created_at, updated_at";

/// Reads a row selected with [`STATE_COLUMNS`].
pub fn state_from_row(row: &Row<'_>) -> rusqlite::Result<GuideState> {
    let optional = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> {
        row.get::<_, Option<i64>>(i)?.map(from_ms).transpose()
    };
    Ok(GuideState {
        guid: row.get(0)?,
        guide_id: row.get(1)?,
        bookmarked: row.get(2)?,
        bookmarked_at: optional(3)?,
        last_read_at: optional(4)?,
        created_at: from_ms(row.get(5)?)?,
        updated_at: from_ms(row.get(6)?)?,
    })
}

/// The state of one guide, if the person has any.
pub fn load(conn: &Connection, guide_id: &str) -> rusqlite::Result<Option<GuideState>> {
    conn.query_row(
        &format!("SELECT {STATE_COLUMNS} FROM library_state WHERE guide_id = ?1 AND deleted = 0"),
        [guide_id],
        state_from_row,
    )
    .optional()
}

/// Every guide's state, by guide id.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<GuideState>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {STATE_COLUMNS} FROM library_state WHERE deleted = 0 ORDER BY guide_id"))?;
    let rows = stmt.query_map([], state_from_row)?;
    rows.collect()
}

/// Ids of guides read at or after `since`.
pub fn read_since(conn: &Connection, since: DateTime<Utc>) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT guide_id FROM library_state WHERE deleted = 0 AND last_read_at >= ?1 ORDER BY guide_id",
    )?;
    let rows = stmt.query_map([since.timestamp_millis()], |r| r.get(0))?;
    rows.collect()
}

/// Changes one guide's state inside a write: `edit` gets the current state (or a fresh one) and the time.
/// `updated_at` always moves forward so a merge prefers the latest change.
pub fn update(
    tx: &Connection,
    guide_id: &str,
    now: DateTime<Utc>,
    edit: impl FnOnce(&mut GuideState),
) -> rusqlite::Result<GuideState> {
    // Tombstoned rows count too: guide ids are unique, so a guide's row is reused rather than duplicated.
    let stored = tx
        .query_row(
            &format!("SELECT {STATE_COLUMNS} FROM library_state WHERE guide_id = ?1"),
            [guide_id],
            state_from_row,
        )
        .optional()?;
    let mut state = match stored {
        Some(mut existing) => {
            existing.updated_at = now.max(existing.updated_at + chrono::Duration::milliseconds(1));
            existing
        }
        None => GuideState {
            guid: new_guid(),
            guide_id: guide_id.to_owned(),
            bookmarked: false,
            bookmarked_at: None,
            last_read_at: None,
            created_at: now,
            updated_at: now,
        },
    };
    edit(&mut state);
    tx.prepare_cached(
        "INSERT INTO library_state (guid, guide_id, bookmarked, bookmarked_at, last_read_at, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
         ON CONFLICT (guid) DO UPDATE SET bookmarked = excluded.bookmarked, bookmarked_at = excluded.bookmarked_at, \
         last_read_at = excluded.last_read_at, updated_at = excluded.updated_at, \
         sync_change_counter = sync_change_counter + 1, deleted = 0",
    )?
    .execute(params(&state))?;
    Ok(state)
}

type StateParams<'a> = (&'a str, &'a str, bool, Option<i64>, Option<i64>, i64, i64);

fn params(s: &GuideState) -> StateParams<'_> {
    (
        &s.guid,
        &s.guide_id,
        s.bookmarked,
        s.bookmarked_at.map(|t| t.timestamp_millis()),
        s.last_read_at.map(|t| t.timestamp_millis()),
        s.created_at.timestamp_millis(),
        s.updated_at.timestamp_millis(),
    )
}

static UPSERT_STATE: Upsert = Upsert::new(
    "library_state",
    "guid, guide_id, bookmarked, bookmarked_at, last_read_at, created_at, updated_at",
    &["guid", "guide_id"],
);

/// Writes an imported row. Same guid: the newer row wins. Same guide but another guid (the guide was
/// bookmarked or read on two devices): the stored row keeps its guid and takes the newer row's state.
pub fn upsert(tx: &Connection, s: &GuideState) -> rusqlite::Result<usize> {
    tx.prepare_cached(UPSERT_STATE.sql())?.execute(params(s))
}
