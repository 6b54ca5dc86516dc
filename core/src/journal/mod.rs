//! The recovery journal: the person's profile and losses, quick check-ins (several a day) and events, with
//! validation on the way in, tombstones on delete, queries by local day and range, and insights.
//! Every write is one transaction, with the care engine's evaluation inside it; a rejected write changes nothing.

mod checkins;
pub mod codes;
mod details_wire;
mod events;
mod ids;
pub mod insights;
mod losses;
pub mod model;
pub mod numbers;
pub mod periods;
mod profile;
pub mod readings;
pub mod region;
pub(crate) mod rows;
mod undo;
pub mod validate;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Transaction;

use crate::error::Result;
use crate::mend::Core;
use crate::observe::Change;
use crate::write::{Afterwards, Handed, Origin};
use crate::zone::Zone;

pub use codes::*;
pub use insights::Insights;
pub use model::*;
pub use numbers::{NumberInput, OwnNumber};
pub use readings::{DayReading, Reading};
pub use undo::{Undone, UndoneChange, UndoneEntry};

/// The journal capability, handed out by [`crate::Mend::journal`].
pub struct Journal<'a> {
    core: &'a Core,
}

impl<'a> Journal<'a> {
    pub(crate) fn new(core: &'a Core) -> Self {
        Journal { core }
    }

    fn now(&self) -> DateTime<Utc> {
        self.core.clock.now()
    }

    /// Runs one journal write through the write path ([`crate::write`]): in a transaction with the care
    /// engine's evaluation, then observers told.
    fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        Ok(self.write_raising(work)?.0)
    }

    /// A write of new check-ins, handing them to the care evaluation as written ([`crate::write::Handed`]):
    /// `checkins` must be every check-in `work` inserts, stored exactly as they are.
    fn write_inserting<T>(
        &self,
        checkins: &Vec<CheckIn>,
        work: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<(T, Vec<String>)> {
        let handed = Handed::inserted(checkins);
        let written = self.core.write_change_undoing(
            Origin::Local,
            &[Change::Journal],
            Afterwards::Keep,
            handed,
            |tx, _, _| work(tx),
        )?;
        Ok((written.value, written.raised))
    }

    /// A write that removes or overwrites a person's words (an edit or a delete): once committed, the store is
    /// scrubbed so no old copy stays in any of the journal's files.
    fn write_replacing<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let written = self.core.write_change(Origin::Local, &[Change::Journal], Afterwards::Scrub, |tx, _| work(tx))?;
        Ok(written.value)
    }

    /// A journal write through the write path; gives its value and the guids of the alerts it raised or
    /// re-opened (the care engine turns them into alerts: `Journal::add_checkin_with_alerts`).
    pub(crate) fn write_raising<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<(T, Vec<String>)> {
        let written = self.core.write_change(Origin::Local, &[Change::Journal], Afterwards::Keep, |tx, _| work(tx))?;
        Ok((written.value, written.raised))
    }

    /// The core this journal writes to (for the capabilities that extend it).
    pub(crate) fn core(&self) -> &'a Core {
        self.core
    }

    /// The zone a new entry is recorded in: the one given, else the profile's, else UTC.
    fn zone_for(&self, given: Option<&str>) -> Result<(Zone, String)> {
        let name = match given {
            Some(name) => name.to_owned(),
            None => self.profile()?.map(|p| p.time_zone).unwrap_or_else(|| "UTC".to_owned()),
        };
        Ok((validate::time_zone("time_zone", &name)?, name))
    }
}

/// The earliest and latest days a day-range query can name (stored days are `YYYY-MM-DD` text, compared as text).
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();

/// The local calendar date of `at` in `zone`.
pub fn local_day(at: DateTime<Utc>, zone: Zone) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests;
