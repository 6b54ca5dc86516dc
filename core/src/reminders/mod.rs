//! Reminders: medication, check-ins, appointments and the rest, owned entirely by the core. A reminder has a
//! kind, the person's title, a schedule (one-off, or an RFC 5545 RRULE), a wall-clock time in an IANA zone or
//! floating (following the phone), an optional end, and can be paused. The core makes every decision (daylight
//! saving, quiet hours, snoozes, done and skipped occurrences, care gates) and hands the phones a [`Plan`] of
//! firings to schedule; iOS and Android only schedule what it says.
//!
//! Files: `model` (records), `codes`, `time_of_day`, `validate`, `rule` (RRULE parsing and wall-clock
//! expansion), `resolve` (wall clock to instant across DST), `recurrence` (a schedule's occurrences, bounded),
//! `quiet` (quiet hours), `text` (discreet words), `planner` (the pure plan), `gates` (care-awareness), `rows`
//! (SQL), `manage` (add/edit/pause/delete), `occurrences` (done, skip, snooze, adherence), `planning` (plans and
//! listings from the store), `settings`, `suggest`, `export`, `plain` (schedules made in words: the rules Mend
//! writes) and `words` (any schedule in words).

mod codes;
pub(crate) mod export;
mod gates;
pub(crate) mod manage;
mod model;
mod occurrences;
mod plain;
pub mod planner;
mod planning;
mod quiet;
mod recurrence;
mod resolve;
pub(crate) mod rows;
pub mod rule;
mod settings;
mod suggest;
pub mod text;
mod time_of_day;
pub mod validate;
mod words;

use chrono::{DateTime, Utc};
use rusqlite::Transaction;

use crate::error::Result;
use crate::journal::Journal;
use crate::mend::Core;
use crate::observe::Change;
use crate::zone::Zone;

pub use codes::*;
pub use gates::CareGate;
pub use model::*;
pub use occurrences::scheduled_between;
pub use plain::{DayOfWeek, Every, PlainSchedule, schedule_in_words};
pub use planner::{DEFAULT_CAP, MAX_HORIZON, PlanInput, PlanRequest, firing_id};
pub use recurrence::MAX_SCAN;
pub use resolve::resolve_local;
pub use time_of_day::TimeOfDay;
pub use words::{list_in_words, schedule_words};

/// The reminders capability, handed out by [`crate::Mend::reminders`].
pub struct Reminders<'a> {
    core: &'a Core,
}

impl<'a> Reminders<'a> {
    pub(crate) fn new(core: &'a Core) -> Self {
        Reminders { core }
    }

    fn now(&self) -> DateTime<Utc> {
        self.core.clock.now()
    }

    fn journal(&self) -> Journal<'a> {
        Journal::new(self.core)
    }

    /// The person's home zone (the profile's; UTC until one is set): the default "current zone".
    pub fn home_zone(&self) -> Result<Zone> {
        self.journal().zone()
    }

    /// Runs one write in a transaction and, once committed, tells observers.
    fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let value = self.core.store.write_person(|tx, _| work(tx))?;
        self.core.notify(&[Change::Reminders]);
        Ok(value)
    }

    /// A write that removes or overwrites a person's words (a title): once committed, the store is scrubbed so
    /// no old copy stays in any of the journal's files.
    fn write_replacing<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let value = self.write(work)?;
        self.core.store.scrub()?;
        Ok(value)
    }
}

#[cfg(test)]
mod tests;
