//! The person's Library state in the journal database (table `library_state`, migration 0003): one row per
//! guide they bookmarked or read, with the sync columns. Rows are written here, read back for bookmarks and
//! "read this week", and merged on import by the record's merge statement (`export/import.rs`: by guid or guide
//! id, the later clock or `updated_at` wins).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};

use super::model::GuideState;
use crate::ids::new_guid;
use crate::store::Origin;
use crate::store::record::{Columns, codec, record};
use crate::store::registry::{CREATED, GUID, Identity, Kind::*, Merge::*, UPDATED, col, health};

record! {
    /// The person's state of each guide they bookmarked or read; one row per guide (its natural key).
    pub static LIBRARY_STATE: GuideState = "library_state" (Synced, Person, Identity::NaturalKey("guide_id")) {
        seed: || GuideState {
            guid: String::new(),
            guide_id: String::new(),
            bookmarked: false,
            bookmarked_at: None,
            last_read_at: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |s| &s.guid,
        columns: [
            guid: GUID => (guid),
            // Which guides a person reads says much about them; the id stays unique after a deletion.
            guide_id: health(Text, "'deleted:' || guid") => (guide_id),
            bookmarked: col(Bool, Later) => (bookmarked),
            bookmarked_at: col(Instant, Later) => (bookmarked_at as codec::ms_opt),
            last_read_at: col(Instant, Max) => (last_read_at as codec::ms_opt),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
        ]
    }
}

/// Columns in the order [`state_from_row`] reads them.
pub static STATE_COLUMNS: Columns<GuideState> = Columns(&LIBRARY_STATE);

/// Reads a row selected with [`STATE_COLUMNS`].
pub fn state_from_row(row: &Row<'_>) -> rusqlite::Result<GuideState> {
    LIBRARY_STATE.read(row)
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
    LIBRARY_STATE.write(tx, &state, Origin::Local)?;
    Ok(state)
}
