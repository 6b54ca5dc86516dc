//! The one write path. Every change to the journal — a person's write ([`Origin::Local`]), an import
//! ([`Origin::Import`]), a change from another device ([`Origin::Remote`], which sync will bring) — goes through
//! [`Core::write_change`]: one write transaction; the rows applied by the caller, who writes them with their
//! origin; the care engine's evaluation once, on the final state of the batch; commit; then observers told once
//! (what changed, and each alert raised). So alerts and notifications are the same whichever way a change
//! arrived.
//!
//! The care engine is reached through [`Evaluate`], a trait object the top of the crate hands to [`Core`]
//! when it opens a journal: journal, export and sync code write through here and never call the care engine, so
//! the care engine can read the journal's records without the two depending on each other.
//!
//! Undo: a write from this device takes the undo record out first ([`crate::store::undo`]), so only the newest
//! change can be undone; the journal's add and edit make the next record inside their write.
//!
//! Origins and sync: rows written from `Local` and `Import` bump `sync_change_counter` (they are the person's
//! changes, to be uploaded); rows from `Remote` set it to 0 (they came from the server and must not go back) and
//! record the server's version in the mirror ([`crate::store::mirror`]), the base of a later three-way merge.

use std::any::Any;

use chrono::{DateTime, Utc};
use rusqlite::Transaction;

use crate::error::Result;
use crate::mend::Core;
use crate::observe::Change;
use crate::store::changes::ChangeLog;
use crate::store::undo;

pub use crate::store::Origin;

/// What the evaluation inside a write found: the guids of the alerts it raised or re-opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluated {
    pub raised: Vec<String>,
}

/// The care engine's evaluation inside a write transaction: at `now`, storing what changed in the alerts.
/// `changes` says which check-ins the writer changed, and `handed` may hold them as written, for an evaluation
/// that keeps rows between writes.
pub trait Evaluate: Send + Sync {
    fn evaluate(
        &self,
        tx: &Transaction<'_>,
        now: DateTime<Utc>,
        changes: &ChangeLog,
        handed: Handed<'_>,
    ) -> Result<Evaluated>;
}

/// The records a write's work inserted, exactly as stored, when its caller can hand them over (a batch of new
/// check-ins: `Vec<CheckIn>`), so the evaluation can take them instead of reading them back. Type-erased, so
/// the write path needs no capability's types; an evaluation that does not recognise them, or whose change log
/// does not agree with them (see [`crate::store::changes::Changed`]), reads the rows as usual.
#[derive(Clone, Copy, Default)]
pub struct Handed<'a>(Option<&'a dyn Any>);

impl<'a> Handed<'a> {
    /// Nothing handed over.
    pub const NONE: Handed<'static> = Handed(None);

    /// `inserted`: every row the work inserts, and nothing else it changes in their table.
    pub fn inserted<T: Any>(inserted: &'a T) -> Handed<'a> {
        Handed(Some(inserted))
    }

    /// The handed records, if they are a `T`.
    pub fn get<T: Any>(self) -> Option<&'a T> {
        self.0.and_then(|any| any.downcast_ref())
    }
}

/// A write's work with its value kept by the caller (`evaluated_write`).
type ErasedWork<'w> = dyn FnMut(&Transaction<'_>, Origin, Option<undo::Record>) -> Result<()> + 'w;

/// What a write gave: its value and the alerts it raised.
#[derive(Debug)]
pub struct Written<T> {
    pub value: T,
    pub raised: Vec<String>,
}

/// How a write treats the journal's files once committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Afterwards {
    /// Nothing more.
    Keep,
    /// The write removed or overwrote a person's words: scrub old copies from the journal's files.
    Scrub,
}

impl Core {
    /// Runs `work` (which writes rows with `origin`) and the care evaluation in one transaction, commits, and
    /// tells observers `changed` and each alert raised — all once (see the module documentation).
    pub(crate) fn write_change<T>(
        &self,
        origin: Origin,
        changed: &[Change],
        afterwards: Afterwards,
        work: impl FnOnce(&Transaction<'_>, Origin) -> Result<T>,
    ) -> Result<Written<T>> {
        self.write_change_undoing(origin, changed, afterwards, Handed::NONE, |tx, origin, _| work(tx, origin))
    }

    /// [`Core::write_change`], handing the evaluation the rows `work` inserts when the caller has them
    /// ([`Handed`]), and handing `work` the undo record the write took out ([`crate::store::undo`]):
    /// a write from this device (`Local`, `Import`) ends what could be undone, so it takes the record and may
    /// undo it or make the next; a `Remote` change leaves it be and is handed `None`.
    pub(crate) fn write_change_undoing<T>(
        &self,
        origin: Origin,
        changed: &[Change],
        afterwards: Afterwards,
        handed: Handed<'_>,
        work: impl FnOnce(&Transaction<'_>, Origin, Option<undo::Record>) -> Result<T>,
    ) -> Result<Written<T>> {
        self.write_notifying(origin, changed, afterwards, handed, |_| true, work)
    }

    /// A change from another device (sync): [`Core::write_change`] with origin `Remote`, except that alerts it
    /// raises are told to observers (who notify) only if `notify(&value)` says so — an alert raised by entries
    /// made long ago elsewhere is shown, not notified.
    pub(crate) fn write_remote<T>(
        &self,
        changed: &[Change],
        afterwards: Afterwards,
        notify: impl FnOnce(&T) -> bool,
        work: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<Written<T>> {
        self.write_notifying(Origin::Remote, changed, afterwards, Handed::NONE, notify, |tx, _, _| work(tx))
    }

    fn write_notifying<T>(
        &self,
        origin: Origin,
        changed: &[Change],
        afterwards: Afterwards,
        handed: Handed<'_>,
        notify: impl FnOnce(&T) -> bool,
        work: impl FnOnce(&Transaction<'_>, Origin, Option<undo::Record>) -> Result<T>,
    ) -> Result<Written<T>> {
        // The write and its evaluation are one function for every caller (`evaluated_write`); only this shim is
        // made once per kind of write, which keeps the phone library small (docs/phone-builds.md).
        let mut work = Some(work);
        let mut value = None;
        let evaluated = self.evaluated_write(origin, afterwards, handed, &mut |tx, origin, taken| {
            let work = work.take().expect("the work runs once");
            value = Some(work(tx, origin, taken)?);
            Ok(())
        })?;
        let value = value.expect("the work ran");
        let mut changes = changed.to_vec();
        if notify(&value) {
            changes.extend(evaluated.raised.iter().map(|guid| Change::AlertRaised { alert: guid.clone() }));
        }
        self.notify(&changes);
        Ok(Written { value, raised: evaluated.raised })
    }

    /// `work` and the care engine's evaluation in one transaction (taking the undo record for a person's
    /// change), then the scrub asked for.
    fn evaluated_write(
        &self,
        origin: Origin,
        afterwards: Afterwards,
        handed: Handed<'_>,
        work: &mut ErasedWork<'_>,
    ) -> Result<Evaluated> {
        let now = self.clock.now();
        let mut evaluated = |tx: &Transaction<'_>, taken| {
            work(tx, origin, taken)?;
            self.evaluator.evaluate(tx, now, self.store.changes(), handed)
        };
        let evaluated = if origin.counts_as_change() {
            self.store.write_person(evaluated)?
        } else {
            self.store.write(|tx| evaluated(tx, None))?
        };
        if afterwards == Afterwards::Scrub {
            self.store.scrub()?;
        }
        Ok(evaluated)
    }
}

#[cfg(test)]
mod tests;
