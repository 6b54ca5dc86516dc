//! Reminder settings: quiet hours (their own row, `reminder_settings`) and discreet notifications (the
//! profile's `discreet_notifications` flag, on by default).

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::Reminders;
use super::model::{QuietHours, ReminderSettings};
use super::rows::{SETTINGS_COLUMNS, settings_from_row, upsert_settings};
use super::validate;
use crate::error::{Error, Result};
use crate::ids::new_guid;
use crate::journal::{Profile, ProfileInput};
use crate::observe::Change;
use crate::zone::Zone;

impl Reminders<'_> {
    /// The settings row, if anything was ever set.
    pub fn settings(&self) -> Result<Option<ReminderSettings>> {
        self.core.store.read(|conn| {
            Ok(conn
                .query_row(
                    &format!("SELECT {SETTINGS_COLUMNS} FROM reminder_settings WHERE deleted = 0"),
                    [],
                    settings_from_row,
                )
                .optional()?)
        })
    }

    /// The quiet hours Mend offers when they are turned on without a choice of times.
    pub fn suggested_quiet_hours(&self) -> QuietHours {
        QuietHours::suggested()
    }

    /// The quiet hours, if set.
    pub fn quiet_hours(&self) -> Result<Option<QuietHours>> {
        Ok(self.settings()?.and_then(|s| s.quiet_hours))
    }

    /// When a notification due at `at` really rings on a phone in `zone`: at the end of quiet hours when `at`
    /// falls inside them (as the plan moves it), else at `at`. A snooze says this when the two differ.
    pub fn rings_at(&self, at: DateTime<Utc>, zone: Zone) -> Result<DateTime<Utc>> {
        Ok(self.quiet_hours()?.map_or(at, |quiet| quiet.defer(at, zone)))
    }

    /// Sets quiet hours, or clears them with `None`.
    pub fn set_quiet_hours(&self, quiet: Option<QuietHours>) -> Result<ReminderSettings> {
        if let Some(q) = &quiet {
            validate::quiet_hours(q)?;
        }
        let now = self.now();
        let existing = self.settings()?;
        let settings = ReminderSettings {
            guid: existing.as_ref().map(|s| s.guid.clone()).unwrap_or_else(new_guid),
            quiet_hours: quiet,
            created_at: existing.as_ref().map(|s| s.created_at).unwrap_or(now),
            updated_at: now.max(existing.map(|s| s.updated_at + chrono::Duration::milliseconds(1)).unwrap_or(now)),
        };
        self.write(|tx| Ok(upsert_settings(tx, &settings)?))?;
        Ok(settings)
    }

    /// Whether notifications are discreet (on unless the person turned them off).
    pub fn discreet(&self) -> Result<bool> {
        Ok(self.journal().profile()?.is_none_or(|p| p.discreet_notifications))
    }

    /// Turns discreet notifications on or off. The journal must be set up (the flag lives in the profile).
    pub fn set_discreet(&self, on: bool) -> Result<Profile> {
        let journal = self.journal();
        let profile = journal.profile()?.ok_or_else(|| Error::not_found("profile"))?;
        let saved = journal.set_profile(ProfileInput { discreet_notifications: on, ..ProfileInput::of(&profile) })?;
        self.core.notify(&[Change::Reminders]);
        Ok(saved)
    }
}
