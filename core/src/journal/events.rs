//! Events: tests, periods, medication, appointments, go-aheads, care sessions and memorials. Add, edit,
//! delete (tombstone), and queries by day, range and kind.

use chrono::{DateTime, NaiveDate, Utc};

use super::codes::EventKind;
use super::model::{Event, NewEvent};
use super::rows::{EVENT_COLUMNS, EVENTS, event_from_row, tombstone, upsert_event};
use super::{Journal, local_day, validate};
use crate::error::{Error, Result};
use crate::ids::new_guid;
use crate::store::undo::{Action, Entry};

impl Journal<'_> {
    fn prepare_event(&self, input: NewEvent, guid: String, created_at: Option<DateTime<Utc>>) -> Result<Event> {
        validate::event(&input.details, input.note.as_deref())?;
        let now = self.now();
        let at = input.at.unwrap_or(now);
        validate::instant("at", at, now)?;
        let (zone, time_zone) = self.zone_for(input.time_zone.as_deref())?;
        Ok(Event {
            guid,
            at,
            time_zone,
            day: local_day(at, zone),
            details: input.details,
            note: input.note,
            created_at: created_at.unwrap_or(now),
            updated_at: now,
        })
    }

    /// Saves an event.
    pub fn add_event(&self, input: NewEvent) -> Result<Event> {
        let event = self.prepare_event(input, new_guid(), None)?;
        self.write(|tx| {
            upsert_event(tx, &event)?;
            self.remember(tx, Entry::Event, &event.guid, Action::Added, Some(event.updated_at))
        })?;
        Ok(event)
    }

    /// Saves an event and gives the guids of the alerts its write raised (or re-opened).
    pub(crate) fn add_event_raising(&self, input: NewEvent) -> Result<(Event, Vec<String>)> {
        let event = self.prepare_event(input, new_guid(), None)?;
        let (_, raised) = self.write_raising(|tx| {
            upsert_event(tx, &event)?;
            self.remember(tx, Entry::Event, &event.guid, Action::Added, Some(event.updated_at))
        })?;
        Ok((event, raised))
    }

    /// Replaces an event's time and details.
    pub fn update_event(&self, guid: &str, input: NewEvent) -> Result<Event> {
        let existing = self.event(guid)?.ok_or_else(|| Error::not_found("event"))?;
        let before = Action::edited(&existing);
        let mut event = self.prepare_event(input, existing.guid, Some(existing.created_at))?;
        event.updated_at = event.updated_at.max(existing.updated_at + chrono::Duration::milliseconds(1));
        self.write_replacing(|tx| {
            upsert_event(tx, &event)?;
            self.remember(tx, Entry::Event, &event.guid, before, Some(event.updated_at))
        })?;
        Ok(event)
    }

    /// Deletes an event, keeping only a tombstone.
    pub fn delete_event(&self, guid: &str) -> Result<()> {
        let now = self.now();
        let changed = self.write_replacing(|tx| {
            let changed = tombstone(tx, &EVENTS.table, guid, now)?;
            self.remember(tx, Entry::Event, guid, Action::Deleted, None)?;
            Ok(changed)
        })?;
        if changed == 0 { Err(Error::not_found("event")) } else { Ok(()) }
    }

    /// One event by guid.
    pub fn event(&self, guid: &str) -> Result<Option<Event>> {
        self.core.store.query_opt(
            &format!("SELECT {EVENT_COLUMNS} FROM events WHERE guid = ?1 AND deleted = 0"),
            [guid],
            event_from_row,
        )
    }

    /// Events whose local day is between `from` and `to` (inclusive), in time order.
    pub fn events_between_days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Event>> {
        self.core.store.query_all(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE deleted = 0 AND local_day BETWEEN ?1 AND ?2 ORDER BY at_ms, id"), [from.to_string(), to.to_string()], event_from_row)
    }

    /// Every event of one kind, in time order.
    pub fn events_of_kind(&self, kind: EventKind) -> Result<Vec<Event>> {
        self.core.store.query_all(
            &format!("SELECT {EVENT_COLUMNS} FROM events WHERE deleted = 0 AND kind = ?1 ORDER BY at_ms, id"),
            [kind],
            event_from_row,
        )
    }

    /// Every event, in time order.
    pub fn all_events(&self) -> Result<Vec<Event>> {
        self.events_between_days(super::FIRST_DAY, super::LAST_DAY)
    }
}

impl Journal<'_> {
    /// The timeline of check-ins and events between two local days (inclusive), in time order.
    pub fn history(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<super::HistoryEntry>> {
        use super::HistoryEntry;
        let mut entries: Vec<HistoryEntry> =
            self.checkins_between_days(from, to)?.into_iter().map(HistoryEntry::Checkin).collect();
        entries.extend(self.events_between_days(from, to)?.into_iter().map(HistoryEntry::Event));
        entries.sort_by_key(|e| e.at());
        Ok(entries)
    }
}
