//! The one write path. Every change to the journal — a person's write ([`Origin::Local`]), an import
//! ([`Origin::Import`]), a change from another device ([`Origin::Remote`], which sync will bring) — goes through
//! [`Core::write_change`]: one write transaction; the rows applied by the caller, who writes them with their
//! origin; the care engine's evaluation once, on the final state of the batch; commit; then observers told once
//! (what changed, and each alert raised). So alerts and notifications are the same whichever way a change
//! arrived.
//!
//! The care engine is reached through [`Evaluator`], a plain function the top of the crate hands to [`Core`]
//! when it opens a journal: journal, export and sync code write through here and never call the care engine, so
//! the care engine can read the journal's records without the two depending on each other.
//!
//! Origins and sync: rows written from `Local` and `Import` bump `sync_change_counter` (they are the person's
//! changes, to be uploaded); rows from `Remote` set it to 0 (they came from the server and must not go back) and
//! record the server's version in the mirror ([`crate::store::mirror`]), the base of a later three-way merge.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;

use crate::error::Result;
use crate::mend::Core;
use crate::observe::Change;

pub use crate::store::Origin;

/// What the evaluation inside a write found: the guids of the alerts it raised or re-opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluated {
    pub raised: Vec<String>,
}

/// Evaluates the care engine inside a write transaction, at `now`, storing what changed in the alerts.
pub type Evaluator = fn(&Transaction<'_>, DateTime<Utc>) -> Result<Evaluated>;

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
        let now = self.clock.now();
        let (value, evaluated) = self.store.write(|tx| {
            let value = work(tx, origin)?;
            Ok((value, (self.evaluator)(tx, now)?))
        })?;
        if afterwards == Afterwards::Scrub {
            self.store.scrub()?;
        }
        let mut changes = changed.to_vec();
        changes.extend(evaluated.raised.iter().map(|guid| Change::AlertRaised { alert: guid.clone() }));
        self.notify(&changes);
        Ok(Written { value, raised: evaluated.raised })
    }
}

#[cfg(test)]
mod tests;
