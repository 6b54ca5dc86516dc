//! Adding, editing, pausing, resuming and deleting reminders, and reading them back. Every write is one
//! transaction; deleting leaves a tombstone that keeps no title or rule, and tombstones the reminder's
//! occurrence history with it.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::Reminders;
use super::model::{NewReminder, Reminder, Schedule};
use super::rows::{REMINDER_COLUMNS, reminder_from_row, upsert_reminder};
use super::validate;
use crate::error::{Error, Result};
use crate::ids::new_guid;
use crate::store::record::tombstone;
use crate::zone::Zone;

/// A new reminder from `input`, checked (a one-off must not already be in the past; a floating one is read in
/// `home`), with a new guid, made at `now`: what saving a reminder writes, whoever saves it.
pub(crate) fn new_reminder(input: &NewReminder, now: DateTime<Utc>, home: Zone) -> Result<Reminder> {
    let input = validate::reminder(input, Some((now, home)))?;
    Ok(Reminder {
        guid: new_guid(),
        kind: input.kind,
        title: input.title,
        schedule: input.schedule,
        time_zone: input.time_zone,
        until: input.until,
        paused: false,
        created_at: now,
        updated_at: now,
    })
}

impl Reminders<'_> {
    /// Saves a new reminder. A one-off must not already be in the past (a floating one is read in the home zone).
    pub fn add(&self, input: NewReminder) -> Result<Reminder> {
        let reminder = new_reminder(&input, self.now(), self.home_zone()?)?;
        self.write(|tx| Ok(upsert_reminder(tx, &reminder)?))?;
        Ok(reminder)
    }

    /// Replaces a reminder's kind, title, schedule, zone and end; paused stays as it was. A one-off moved to a
    /// new time must not be in the past; one whose time is unchanged may be edited after it fired.
    pub fn update(&self, guid: &str, input: NewReminder) -> Result<Reminder> {
        let existing = self.reminder(guid)?.ok_or_else(|| Error::not_found("reminder"))?;
        let now = self.now();
        let moved = matches!(input.schedule, Schedule::Once { .. })
            && (input.schedule != existing.schedule || input.time_zone != existing.time_zone);
        let past_check = if moved { Some((now, self.home_zone()?)) } else { None };
        let input = validate::reminder(&input, past_check)?;
        let reminder = Reminder {
            kind: input.kind,
            title: input.title,
            schedule: input.schedule,
            time_zone: input.time_zone,
            until: input.until,
            updated_at: now.max(existing.updated_at + chrono::Duration::milliseconds(1)),
            ..existing
        };
        self.write_replacing(|tx| Ok(upsert_reminder(tx, &reminder)?))?;
        Ok(reminder)
    }

    /// Pauses a reminder: it leaves every plan until resumed.
    pub fn pause(&self, guid: &str) -> Result<Reminder> {
        self.set_paused(guid, true)
    }

    /// Resumes a paused reminder.
    pub fn resume(&self, guid: &str) -> Result<Reminder> {
        self.set_paused(guid, false)
    }

    fn set_paused(&self, guid: &str, paused: bool) -> Result<Reminder> {
        let existing = self.reminder(guid)?.ok_or_else(|| Error::not_found("reminder"))?;
        let reminder = Reminder {
            paused,
            updated_at: self.now().max(existing.updated_at + chrono::Duration::milliseconds(1)),
            ..existing
        };
        self.write(|tx| Ok(upsert_reminder(tx, &reminder)?))?;
        Ok(reminder)
    }

    /// Deletes a reminder and its history, keeping only tombstones for sync.
    pub fn delete(&self, guid: &str) -> Result<()> {
        let now = self.now();
        let changed = self.write_replacing(|tx| Ok(delete_in(tx, guid, now)?))?;
        if changed == 0 { Err(Error::not_found("reminder")) } else { Ok(()) }
    }

    /// One reminder by guid.
    pub fn reminder(&self, guid: &str) -> Result<Option<Reminder>> {
        self.core.store.read(|conn| {
            Ok(conn
                .query_row(
                    &format!("SELECT {REMINDER_COLUMNS} FROM reminders WHERE guid = ?1 AND deleted = 0"),
                    [guid],
                    reminder_from_row,
                )
                .optional()?)
        })
    }

    /// Every reminder, oldest first.
    pub fn all(&self) -> Result<Vec<Reminder>> {
        self.core.store.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {REMINDER_COLUMNS} FROM reminders WHERE deleted = 0 ORDER BY created_at, guid"
            ))?;
            let rows = stmt.query_map([], reminder_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

/// Tombstones a reminder and its occurrence history inside the caller's write (`delete`, and leaving a group
/// with the reminders made from its meetings); gives 0 when there was no such live reminder. The caller scrubs
/// the store once the write commits (a title is the person's words).
pub(crate) fn delete_in(
    tx: &rusqlite::Connection,
    guid: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> rusqlite::Result<usize> {
    let changed = tombstone(tx, &super::rows::REMINDERS.table, guid, now)?;
    if changed > 0 {
        tx.execute(
            "UPDATE reminder_history SET deleted = 1, snoozed_until_ms = NULL, updated_at = ?2, \
             clock = (SELECT stamp FROM sync_clock WHERE id = 1), \
             sync_change_counter = sync_change_counter + 1 WHERE reminder_guid = ?1 AND deleted = 0",
            rusqlite::params![guid, now.timestamp_millis()],
        )?;
    }
    Ok(changed)
}
