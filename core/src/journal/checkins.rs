//! Check-ins: add (one or many in one transaction), edit, delete (tombstone that keeps no health data), and
//! queries by local day, by range and latest.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{CheckIn, NewCheckIn};
use super::rows::{CHECKIN_COLUMNS, CHECKINS, checkin_from_row, tombstone, upsert_checkin};
use super::{Journal, local_day, validate};
use crate::error::{Error, Result};
use crate::ids::new_guid;
use crate::store::Origin;
use crate::store::time::to_stored;
use crate::store::undo::{Action, Entry};

impl Journal<'_> {
    /// Validates `input` and builds the record it would save (no write), exactly as it is stored: instants to
    /// the millisecond, so the record equals the row read back.
    fn prepare_checkin(&self, input: NewCheckIn, guid: String, created_at: Option<DateTime<Utc>>) -> Result<CheckIn> {
        let now = to_stored(self.now());
        let mut data = input.data;
        validate::checkin(&data)?;
        validate::normalise(&mut data);
        let at = to_stored(input.at.unwrap_or(now));
        validate::instant("at", at, now)?;
        let (zone, time_zone) = self.zone_for(input.time_zone.as_deref())?;
        Ok(CheckIn {
            guid,
            at,
            time_zone,
            day: local_day(at, zone),
            data,
            created_at: created_at.unwrap_or(now),
            updated_at: now,
        })
    }

    /// Saves a check-in.
    pub fn add_checkin(&self, input: NewCheckIn) -> Result<CheckIn> {
        Ok(self.add_checkins(vec![input])?.remove(0))
    }

    /// Saves a check-in and gives the guids of the alerts it raised (or re-opened); the care engine gives them
    /// as alerts (`add_checkin_with_alerts`).
    pub(crate) fn add_checkin_raising(&self, input: NewCheckIn) -> Result<(CheckIn, Vec<String>)> {
        let mut checkins = vec![self.prepare_checkin(input, new_guid(), None)?];
        let ((), raised) = self.write_inserting(&checkins, |tx| {
            upsert_checkin(tx, &checkins[0])?;
            self.remember(tx, Entry::CheckIn, &checkins[0].guid, Action::Added, Some(checkins[0].updated_at))
        })?;
        Ok((checkins.remove(0), raised))
    }

    /// Saves several check-ins in one transaction: all of them, or (if any is invalid) none.
    pub fn add_checkins(&self, inputs: Vec<NewCheckIn>) -> Result<Vec<CheckIn>> {
        let many = inputs.len() > 1;
        let guids = crate::ids::new_guids(inputs.len());
        let checkins = inputs
            .into_iter()
            .zip(guids)
            .enumerate()
            .map(|(i, (input, guid))| {
                let prepared = self.prepare_checkin(input, guid, None);
                if many { prepared.map_err(|e| e.within(&format!("checkins[{i}]"))) } else { prepared }
            })
            .collect::<Result<Vec<_>>>()?;
        self.write_inserting(&checkins, |tx| {
            CHECKINS.write_all(tx, &checkins, Origin::Local)?;
            match checkins.as_slice() {
                [one] => self.remember(tx, Entry::CheckIn, &one.guid, Action::Added, Some(one.updated_at)),
                _ => Ok(()),
            }
        })?;
        Ok(checkins)
    }

    /// Replaces a check-in's time and contents.
    pub fn update_checkin(&self, guid: &str, input: NewCheckIn) -> Result<CheckIn> {
        let existing = self.checkin(guid)?.ok_or_else(|| Error::not_found("check-in"))?;
        let before = Action::edited(&existing);
        let mut checkin = self.prepare_checkin(input, existing.guid, Some(existing.created_at))?;
        // Keep updated_at strictly increasing so merges always prefer the latest edit.
        checkin.updated_at = checkin.updated_at.max(existing.updated_at + chrono::Duration::milliseconds(1));
        self.write_replacing(|tx| {
            upsert_checkin(tx, &checkin)?;
            self.remember(tx, Entry::CheckIn, &checkin.guid, before, Some(checkin.updated_at))
        })?;
        Ok(checkin)
    }

    /// Deletes a check-in: its contents are wiped, a tombstone remains for sync.
    pub fn delete_checkin(&self, guid: &str) -> Result<()> {
        let now = self.now();
        let changed = self.write_replacing(|tx| {
            let changed = tombstone(tx, &CHECKINS.table, guid, now)?;
            self.remember(tx, Entry::CheckIn, guid, Action::Deleted, None)?;
            Ok(changed)
        })?;
        if changed == 0 { Err(Error::not_found("check-in")) } else { Ok(()) }
    }

    /// One check-in by guid.
    pub fn checkin(&self, guid: &str) -> Result<Option<CheckIn>> {
        self.core.store.query_opt(
            &format!("SELECT {CHECKIN_COLUMNS} FROM checkins WHERE guid = ?1 AND deleted = 0"),
            [guid],
            checkin_from_row,
        )
    }

    /// Check-ins whose local day is between `from` and `to` (inclusive), in time order.
    pub fn checkins_between_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<CheckIn>> {
        self.core.store.query_all(&format!("SELECT {CHECKIN_COLUMNS} FROM checkins WHERE deleted = 0 AND local_day BETWEEN ?1 AND ?2 ORDER BY at_ms, id"), [from.to_string(), to.to_string()], checkin_from_row)
    }

    /// Check-ins on one local day.
    pub fn checkins_on(&self, day: NaiveDate) -> Result<Vec<CheckIn>> {
        self.checkins_between_days(day, day)
    }

    /// Check-ins made in `[from, to)`, in time order.
    pub fn checkins_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<CheckIn>> {
        self.core.store.query_all(&format!("SELECT {CHECKIN_COLUMNS} FROM checkins WHERE deleted = 0 AND at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms, id"), [from.timestamp_millis(), to.timestamp_millis()], checkin_from_row)
    }

    /// Every check-in, in time order.
    pub fn all_checkins(&self) -> Result<Vec<CheckIn>> {
        self.checkins_between(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC)
    }

    /// The most recent check-in.
    pub fn latest_checkin(&self) -> Result<Option<CheckIn>> {
        self.core.store.query_opt(
            &format!("SELECT {CHECKIN_COLUMNS} FROM checkins WHERE deleted = 0 ORDER BY at_ms DESC, id DESC LIMIT 1"),
            [],
            checkin_from_row,
        )
    }
}
