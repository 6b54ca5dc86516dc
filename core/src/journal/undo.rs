//! Undo: reverts the latest add or edit of a journal entry made on this device, within 15 minutes
//! ([`crate::store::undo`] keeps the one record). Undoing an add deletes the entry (a tombstone, as a deletion
//! is); undoing an edit writes the entry as it was before as a new edit (a newer `updated_at`), so with sync on
//! both travel as ordinary changes. A deletion cannot be undone — Mend keeps nothing of a deleted entry — and
//! undo refuses, saying why, when there is nothing to undo, when the change is older than 15 minutes, or when
//! the entry has changed since (on another of the person's devices).
//!
//! Undo goes through the one write path like every change: care is evaluated on the result and observers are
//! told. An undo leaves nothing to undo (it is not itself undoable).

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Transaction};

use super::Journal;
use super::model::{CheckIn, Event, Loss};
use super::rows::{CHECKINS, EVENTS, LOSSES, tombstone, upsert_checkin, upsert_event, upsert_loss};
use crate::error::{Error, Result};
use crate::observe::Change;
use crate::store::time::from_ms;
use crate::store::undo::{self, Action, Entry, Record};
use crate::write::{Afterwards, Handed, Origin};

/// Which kind of entry an undo changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum UndoneEntry {
    CheckIn,
    Event,
    Loss,
}

/// What an undo did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum UndoneChange {
    /// The entry the person had added is removed.
    AddRemoved,
    /// The entry is back as it was before the person's edit.
    EditReverted,
}

/// The outcome of an undo, with the sentence to show.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Undone {
    pub entry: UndoneEntry,
    pub guid: String,
    pub change: UndoneChange,
    pub message: String,
}

const NOTHING: &str = "There is nothing to undo. Mend can undo the latest entry you added or changed on this \
                       device, for 15 minutes afterwards.";
const TOO_LATE: &str = "There is nothing to undo: your latest change was made more than 15 minutes ago. You can \
                        still correct the entry by editing it.";
const DELETED: &str = "A deletion can't be undone: Mend wipes a deleted entry at once and keeps no copy of it.";
const CHANGED: &str = "This can't be undone: the entry has changed since (on another of your devices).";

impl Journal<'_> {
    /// Records, inside the write that made it, the change to `guid` that undo may revert.
    pub(super) fn remember(
        &self,
        tx: &Transaction<'_>,
        entry: Entry,
        guid: &str,
        action: Action,
        after_updated: Option<DateTime<Utc>>,
    ) -> Result<()> {
        let record = Record { entry, guid: guid.to_owned(), action, after_updated, made_at: self.now() };
        undo::remember(tx, &record)
    }

    /// Reverts the latest add or edit made on this device within 15 minutes (see the module documentation).
    /// Refuses with [`Error::Conflict`], whose message says why, when it cannot.
    pub fn undo(&self) -> Result<Undone> {
        let now = self.now();
        let written = self.core.write_change_undoing(
            Origin::Local,
            &[Change::Journal],
            Afterwards::Scrub,
            Handed::NONE,
            |tx, _, taken| {
                let record = taken.ok_or_else(|| Error::Conflict(NOTHING.into()))?;
                if !record.is_fresh(now) {
                    return Err(Error::Conflict(TOO_LATE.into()));
                }
                revert(tx, record, now)
            },
        )?;
        Ok(written.value)
    }
}

/// Reverts `record`'s change in `tx`.
fn revert(tx: &Transaction<'_>, record: Record, now: DateTime<Utc>) -> Result<Undone> {
    if matches!(record.action, Action::Deleted) {
        return Err(Error::Conflict(DELETED.into()));
    }
    let name = record.entry.table();
    let current: Option<i64> = tx
        .prepare_cached(&format!("SELECT updated_at FROM {name} WHERE guid = ?1 AND deleted = 0"))?
        .query_row([&record.guid], |r| r.get(0))
        .optional()?;
    let current = match current.map(from_ms).transpose()? {
        Some(at) if Some(at) == record.after_updated => at,
        _ => return Err(Error::Conflict(CHANGED.into())),
    };
    let entry = match record.entry {
        Entry::CheckIn => UndoneEntry::CheckIn,
        Entry::Event => UndoneEntry::Event,
        Entry::Loss => UndoneEntry::Loss,
    };
    let change = match record.action {
        Action::Added => {
            let table = match record.entry {
                Entry::CheckIn => &CHECKINS.table,
                Entry::Event => &EVENTS.table,
                Entry::Loss => &LOSSES.table,
            };
            tombstone(tx, table, &record.guid, now)?;
            UndoneChange::AddRemoved
        }
        Action::Edited { before } => {
            restore(tx, record.entry, &before, now.max(current + Duration::milliseconds(1)))?;
            UndoneChange::EditReverted
        }
        Action::Deleted => unreachable!("refused above"),
    };
    Ok(Undone { entry, guid: record.guid, change, message: message(entry, change).to_owned() })
}

/// Writes the entry as it was (`before`, its JSON) as a new edit made at `updated_at`.
fn restore(tx: &Transaction<'_>, entry: Entry, before: &str, updated_at: DateTime<Utc>) -> Result<()> {
    let unreadable = |_| Error::Conflict("This can't be undone: the saved copy of the entry could not be read.".into());
    match entry {
        Entry::CheckIn => {
            let checkin: CheckIn = serde_json::from_str(before).map_err(unreadable)?;
            upsert_checkin(tx, &CheckIn { updated_at, ..checkin })?;
        }
        Entry::Event => {
            let event: Event = serde_json::from_str(before).map_err(unreadable)?;
            upsert_event(tx, &Event { updated_at, ..event })?;
        }
        Entry::Loss => {
            let loss: Loss = serde_json::from_str(before).map_err(unreadable)?;
            upsert_loss(tx, &Loss { updated_at, ..loss })?;
        }
    }
    Ok(())
}

/// The sentence an undo shows.
fn message(entry: UndoneEntry, change: UndoneChange) -> &'static str {
    match (entry, change) {
        (UndoneEntry::CheckIn, UndoneChange::AddRemoved) => "Undone: the check-in you added has been removed.",
        (UndoneEntry::CheckIn, UndoneChange::EditReverted) => {
            "Undone: the check-in is back as it was before your change."
        }
        (UndoneEntry::Event, UndoneChange::AddRemoved) => "Undone: the entry you added has been removed.",
        (UndoneEntry::Event, UndoneChange::EditReverted) => "Undone: the entry is back as it was before your change.",
        (UndoneEntry::Loss, UndoneChange::AddRemoved) => "Undone: the details of the loss you added have been removed.",
        (UndoneEntry::Loss, UndoneChange::EditReverted) => {
            "Undone: the details of your loss are back as they were before your change."
        }
    }
}

#[cfg(test)]
mod tests;
