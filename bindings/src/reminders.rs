//! Reminders over the FFI: add, edit, pause, delete; done, skip and snooze; quiet hours and discreet
//! notifications; and the plan of firings the phone schedules (AlarmManager, UNUserNotificationCenter). The
//! core decides everything; `current_zone` is the zone the phone is in now (absent: the profile's).

use chrono::{DateTime, Duration, Utc};
use mend_core::journal::{Profile, validate};
use mend_core::reminders::{
    Adherence, NewReminder, OccurrenceRecord, Plan, QuietHours, Reminder, ReminderKind, ReminderListing,
    ReminderSettings, ReminderSuggestion, SnoozeFor, TimeOfDay,
};
use mend_core::zone::Zone;

use crate::error::MendError;
use crate::mend::Mend;

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// Saves a reminder.
    pub fn add_reminder(&self, input: NewReminder) -> Result<Reminder> {
        Ok(self.core()?.reminders().add(input)?)
    }

    /// Replaces a reminder's details.
    pub fn update_reminder(&self, guid: String, input: NewReminder) -> Result<Reminder> {
        Ok(self.core()?.reminders().update(&guid, input)?)
    }

    /// Stops a reminder firing until it is resumed.
    pub fn pause_reminder(&self, guid: String) -> Result<Reminder> {
        Ok(self.core()?.reminders().pause(&guid)?)
    }

    /// Lets a paused reminder fire again.
    pub fn resume_reminder(&self, guid: String) -> Result<Reminder> {
        Ok(self.core()?.reminders().resume(&guid)?)
    }

    /// Deletes a reminder.
    pub fn delete_reminder(&self, guid: String) -> Result<()> {
        Ok(self.core()?.reminders().delete(&guid)?)
    }

    /// One reminder by guid.
    pub fn reminder(&self, guid: String) -> Result<Option<Reminder>> {
        Ok(self.core()?.reminders().reminder(&guid)?)
    }

    /// Every reminder with how it stands and when it next fires.
    pub fn reminders(&self, current_zone: Option<String>) -> Result<Vec<ReminderListing>> {
        let core = self.core()?;
        Ok(core.reminders().list(zone(&core, current_zone)?)?)
    }

    /// The notifications to schedule: every firing from now to `horizon_hours` ahead (at most 64), with
    /// discreet words while discreet notifications are on. Ask again whenever `reminders_changed` is called.
    pub fn reminder_plan(&self, horizon_hours: u32, current_zone: Option<String>) -> Result<Plan> {
        let core = self.core()?;
        let zone = zone(&core, current_zone)?;
        Ok(core.reminders().plan(core.now(), Duration::hours(horizon_hours.into()), zone)?)
    }

    /// Marks an occurrence done (absent: the one due most recently, else the next).
    pub fn reminder_done(
        &self,
        guid: String,
        occurrence: Option<DateTime<Utc>>,
        current_zone: Option<String>,
    ) -> Result<OccurrenceRecord> {
        let core = self.core()?;
        Ok(core.reminders().done(&guid, occurrence, zone(&core, current_zone)?)?)
    }

    /// Marks an occurrence skipped.
    pub fn reminder_skip(
        &self,
        guid: String,
        occurrence: Option<DateTime<Utc>>,
        current_zone: Option<String>,
    ) -> Result<OccurrenceRecord> {
        let core = self.core()?;
        Ok(core.reminders().skip(&guid, occurrence, zone(&core, current_zone)?)?)
    }

    /// Snoozes an occurrence for ten minutes, an hour, or until the same time tomorrow.
    pub fn reminder_snooze(
        &self,
        guid: String,
        occurrence: Option<DateTime<Utc>>,
        by: SnoozeFor,
        current_zone: Option<String>,
    ) -> Result<OccurrenceRecord> {
        let core = self.core()?;
        Ok(core.reminders().snooze(&guid, occurrence, by, zone(&core, current_zone)?)?)
    }

    /// What happened to each occurrence of a reminder, oldest first.
    pub fn reminder_history(&self, guid: String) -> Result<Vec<OccurrenceRecord>> {
        Ok(self.core()?.reminders().history(&guid)?)
    }

    /// How a reminder was kept between two instants.
    pub fn reminder_adherence(
        &self,
        guid: String,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        current_zone: Option<String>,
    ) -> Result<Adherence> {
        let core = self.core()?;
        Ok(core.reminders().adherence(&guid, from, to, zone(&core, current_zone)?)?)
    }

    /// The nightly window in which nothing fires, if set.
    pub fn quiet_hours(&self) -> Result<Option<QuietHours>> {
        Ok(self.core()?.reminders().quiet_hours()?)
    }

    /// The time a new reminder of `kind` starts at before the person picks one (open the time picker at it).
    pub fn suggested_reminder_time(&self, kind: ReminderKind) -> Result<TimeOfDay> {
        Ok(self.core()?.reminders().suggested_time(kind))
    }

    /// The quiet hours to set when the person turns them on without choosing times (22:00 to 07:30).
    pub fn suggested_quiet_hours(&self) -> Result<QuietHours> {
        Ok(self.core()?.reminders().suggested_quiet_hours())
    }

    /// Sets (or, with none, clears) quiet hours.
    pub fn set_quiet_hours(&self, quiet_hours: Option<QuietHours>) -> Result<ReminderSettings> {
        Ok(self.core()?.reminders().set_quiet_hours(quiet_hours)?)
    }

    /// Whether notifications keep to generic words (on by default).
    pub fn discreet_notifications(&self) -> Result<bool> {
        Ok(self.core()?.reminders().discreet()?)
    }

    /// Turns discreet notifications on or off.
    pub fn set_discreet_notifications(&self, on: bool) -> Result<Profile> {
        Ok(self.core()?.reminders().set_discreet(on)?)
    }

    /// A reminder Mend offers to set up now (a pregnancy test when one is due), if any; nothing is saved.
    pub fn suggested_reminder(&self) -> Result<Option<ReminderSuggestion>> {
        Ok(self.core()?.reminders().suggested_test_reminder()?)
    }
}

/// The zone the phone is in: the one given, else the profile's.
fn zone(core: &mend_core::Mend, current_zone: Option<String>) -> Result<Zone> {
    match current_zone {
        Some(name) => Ok(validate::time_zone("current_zone", &name)?),
        None => Ok(core.reminders().home_zone()?),
    }
}
