//! How sync stands, told truthfully: `synced` only when the last sync completed, this device had everything up
//! to the server's version, nothing waits to go up, nothing failed to open and no deletion waits for an OK;
//! otherwise `behind`, `offline` or `needs attention`, with words saying what to do. And when to sync next: the
//! core decides (after a change, 5 seconds later, so a burst of changes goes in one sync; at open; every 6
//! hours), the apps only schedule it.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::Connection;

use super::state;

/// Where sync stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncState {
    /// Sync is not set up on this device.
    Off,
    /// Everything here is on the server and everything on the server is here, as of the last sync.
    Synced,
    /// Changes wait to go up or come down.
    Behind,
    /// The last sync could not reach the server.
    Offline,
    /// Something needs the person: records that could not be opened, or deletions waiting for an OK.
    NeedsAttention,
}

impl SyncState {
    pub fn code(self) -> &'static str {
        match self {
            SyncState::Off => "off",
            SyncState::Synced => "synced",
            SyncState::Behind => "behind",
            SyncState::Offline => "offline",
            SyncState::NeedsAttention => "needs_attention",
        }
    }
}

/// The status, with its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub state: SyncState,
    pub words: String,
    pub server: Option<String>,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Changes on this device waiting to go up (with sync off: entries that would go up once it is set up).
    pub pending: u64,
    /// Records from the server that could not be opened.
    pub unreadable: u64,
    /// Deletions from another device waiting for the person's OK.
    pub held_deletions: u64,
    pub auto: bool,
    pub reminders_here: bool,
}

/// Reads the status.
pub fn read(conn: &Connection) -> rusqlite::Result<Status> {
    let Some(state) = state::load(conn)? else {
        return Ok(Status {
            state: SyncState::Off,
            words: "Sync is off: your journal is only on this device.".into(),
            server: None,
            last_synced_at: None,
            // Everything here would go up when sync is set up.
            pending: state::pending(conn)?,
            unreadable: 0,
            held_deletions: 0,
            auto: false,
            reminders_here: true,
        });
    };
    let (unreadable, held) = state::attention(conn)?;
    let pending = state::pending(conn)?;
    let (sync_state, words) = if unreadable > 0 || held > 0 {
        (SyncState::NeedsAttention, attention_words(unreadable, held))
    } else if state.last_error.is_some() && state.last_attempt_ms > state.last_synced_ms {
        let error = state.last_error.clone().unwrap_or_default();
        if state.last_error_offline {
            (SyncState::Offline, format!("Not synced: {error}. Your changes are kept here and go up next time."))
        } else {
            (SyncState::Behind, format!("Not synced: {error}."))
        }
    } else if state.last_synced_ms.is_none() {
        (SyncState::Behind, "Not synced yet.".to_owned())
    } else if pending > 0 {
        (SyncState::Behind, format!("{} waiting to go up.", count(pending, "change", "changes")))
    } else if state.cursor < state.server_version {
        (SyncState::Behind, "Changes from your other devices are still coming in.".to_owned())
    } else {
        (SyncState::Synced, "Synced: this device has everything, and everything here is on the server.".to_owned())
    };
    Ok(Status {
        state: sync_state,
        words,
        server: Some(state.server),
        last_synced_at: state.last_synced_ms.and_then(|ms| Utc.timestamp_millis_opt(ms).single()),
        pending,
        unreadable,
        held_deletions: held,
        auto: state.auto,
        reminders_here: state.reminders_here,
    })
}

fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn attention_words(unreadable: u64, held: u64) -> String {
    let mut parts = Vec::new();
    if held > 0 {
        parts.push(format!(
            "{} from another device {} waiting for your OK (nothing is deleted here until you say so)",
            count(held, "deletion", "deletions"),
            if held == 1 { "is" } else { "are" }
        ));
    }
    if unreadable > 0 {
        parts.push(format!(
            "{} from the server could not be opened on this device and {} left as {} were (update Mend; if it \
             persists, the server's copy may have been changed)",
            count(unreadable, "record", "records"),
            if unreadable == 1 { "was" } else { "were" },
            if unreadable == 1 { "it" } else { "they" }
        ));
    }
    format!("Needs attention: {}.", parts.join("; "))
}

/// How long after a change sync waits, so a burst of changes goes up in one sync.
pub const DEBOUNCE: Duration = Duration::seconds(5);
/// How often sync runs when nothing changes here.
pub const EVERY: Duration = Duration::hours(6);

/// When to sync next at `now`: `None` when sync is off.
pub fn next_sync_at(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let Some(state) = state::load(conn)? else { return Ok(None) };
    let at = |ms: Option<i64>| ms.and_then(|ms| Utc.timestamp_millis_opt(ms).single());
    let (last_synced, last_attempt) = (at(state.last_synced_ms), at(state.last_attempt_ms));
    if state::pending(conn)? > 0 {
        return Ok(Some(now + DEBOUNCE));
    }
    Ok(Some(match (last_synced, last_attempt) {
        (None, _) => now,
        // A failed attempt: try again in a minute (the apps also sync when the network returns).
        (Some(synced), Some(attempt)) if attempt > synced => (attempt + Duration::minutes(1)).max(now),
        (Some(synced), _) => (synced + EVERY).max(now),
    }))
}
