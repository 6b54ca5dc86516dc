//! The undo record (`undo_record`, migration 0011): one device-local row naming the latest add, edit or deletion
//! of a journal entry made on this device, and for an edit the entry as it was before.
//!
//! Its life is short on purpose, because an edit's "before" holds the person's own words: every write the person
//! makes on this device ([`Store::write_person`]) takes the record out first (deleted with `secure_delete`, and
//! the WAL scrubbed once the write commits when it held words), so only the newest change can be undone; a
//! record older than [`UNDO_WINDOW`] is refused and wiped when the journal opens; erase removes it with the rest.
//! Changes from the person's other devices (sync) leave it in place: undo checks that the entry is still as the
//! record left it.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::time::{from_ms, to_ms};
use crate::error::Result;

/// How long a change can be undone.
pub const UNDO_WINDOW: Duration = Duration::minutes(15);

/// The journal tables whose entries can be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    CheckIn,
    Event,
    Loss,
}

impl Entry {
    /// The table the entry lives in.
    pub fn table(self) -> &'static str {
        match self {
            Entry::CheckIn => "checkins",
            Entry::Event => "events",
            Entry::Loss => "losses",
        }
    }

    fn from_table(table: &str) -> Option<Entry> {
        [Entry::CheckIn, Entry::Event, Entry::Loss].into_iter().find(|e| e.table() == table)
    }
}

/// What the change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Added the entry.
    Added,
    /// Edited it; the entry before the edit, as JSON.
    Edited { before: String },
    /// Deleted it (which cannot be undone: nothing of the entry is kept).
    Deleted,
}

impl Action {
    /// An edit of `before` (the entry as it was, kept as its JSON).
    pub fn edited(before: &impl serde::Serialize) -> Action {
        Action::Edited { before: serde_json::to_string(before).expect("a journal entry serialises") }
    }

    fn name(&self) -> &'static str {
        match self {
            Action::Added => "added",
            Action::Edited { .. } => "edited",
            Action::Deleted => "deleted",
        }
    }
}

/// The latest change to a journal entry made on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub entry: Entry,
    pub guid: String,
    pub action: Action,
    /// The entry's `updated_at` once the change was made (undo refuses if it has changed since).
    pub after_updated: Option<DateTime<Utc>>,
    pub made_at: DateTime<Utc>,
}

impl Record {
    /// Whether the record can still be used at `now`.
    pub fn is_fresh(&self, now: DateTime<Utc>) -> bool {
        now >= self.made_at && now - self.made_at <= UNDO_WINDOW
    }
}

/// Writes `record` as the one undo record (the write that makes it has already taken the previous one).
pub fn remember(tx: &Transaction<'_>, record: &Record) -> Result<()> {
    let before = match &record.action {
        Action::Edited { before } => Some(before.as_str()),
        _ => None,
    };
    tx.prepare_cached(
        "INSERT OR REPLACE INTO undo_record (id, entry, entry_guid, action, before, after_updated_ms, made_at_ms) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        record.entry.table(),
        record.guid,
        record.action.name(),
        before,
        record.after_updated.map(to_ms),
        to_ms(record.made_at)
    ])?;
    Ok(())
}

/// Reads and deletes the undo record. `None` when there was none (or it named something this build cannot
/// undo).
fn take(tx: &Transaction<'_>) -> Result<Option<Record>> {
    let row = tx
        .prepare_cached(
            "DELETE FROM undo_record RETURNING entry, entry_guid, action, before, after_updated_ms, made_at_ms",
        )?
        .query_row([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<i64>>(4)?.map(from_ms).transpose()?,
                from_ms(r.get(5)?)?,
            ))
        })
        .optional()?;
    Ok(row.and_then(|(entry, guid, action, before, after, made)| {
        let action = match (action.as_str(), before) {
            ("added", _) => Action::Added,
            ("edited", Some(before)) => Action::Edited { before },
            ("deleted", _) => Action::Deleted,
            _ => return None,
        };
        Some(Record { entry: Entry::from_table(&entry)?, guid, action, after_updated: after, made_at: made })
    }))
}

/// Whether the record held a person's words (an edit's "before"), so the write that removed it must scrub.
fn held_words(record: &Option<Record>) -> bool {
    matches!(record, Some(Record { action: Action::Edited { .. }, .. }))
}

impl Store {
    /// A write the person makes on this device: takes the undo record out first (handing it to `work`, which
    /// may undo it or make a new one), runs `work` in one transaction, and scrubs the files after committing
    /// when the record it removed held the person's words.
    pub(crate) fn write_person<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>, Option<Record>) -> Result<T>,
    ) -> Result<T> {
        let (value, scrub) = self.write(|tx| {
            let taken = take(tx)?;
            let scrub = held_words(&taken);
            Ok((work(tx, taken)?, scrub))
        })?;
        if scrub {
            self.scrub()?;
        }
        Ok(value)
    }

    /// Wipes the undo record if it is older than [`UNDO_WINDOW`] at `now` (a read first, so opening a journal
    /// writes nothing when there is nothing to wipe).
    pub(crate) fn wipe_stale_undo(&self, now: DateTime<Utc>) -> Result<()> {
        let made: Option<i64> =
            self.read(|conn| Ok(conn.query_row("SELECT made_at_ms FROM undo_record", [], |r| r.get(0)).optional()?))?;
        let stale = made.map(from_ms).transpose()?.is_some_and(|made| now < made || now - made > UNDO_WINDOW);
        if stale {
            self.write_person(|_, _| Ok(()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
