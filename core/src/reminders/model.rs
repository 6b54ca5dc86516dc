//! The reminders engine's records: reminders and their schedules, what happened to each occurrence, the
//! reminder settings (quiet hours), and what the engine hands out (firings, the plan, adherence). Field names
//! are part of the export format and of the CLI's JSON.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::codes::{OccurrenceStatus, ReminderKind, ReminderStatus};
use super::time_of_day::TimeOfDay;

/// When a reminder fires, as wall-clock times. Which zone those are read in is the reminder's `time_zone`
/// (or, for a floating reminder, the zone the phone is in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    /// Once, on `date` at `time`.
    Once { date: NaiveDate, time: TimeOfDay },
    /// An RFC 5545 RRULE (`FREQ=DAILY`, `FREQ=WEEKLY;BYDAY=MO,TH`…), starting on `start` at `time`.
    Repeating { rrule: String, start: NaiveDate, time: TimeOfDay },
}

impl Schedule {
    /// The first day the schedule covers.
    pub fn start(&self) -> NaiveDate {
        match self {
            Schedule::Once { date, .. } => *date,
            Schedule::Repeating { start, .. } => *start,
        }
    }

    /// The time of day it fires (a rule's BYHOUR/BYMINUTE may add more).
    pub fn time(&self) -> TimeOfDay {
        match self {
            Schedule::Once { time, .. } | Schedule::Repeating { time, .. } => *time,
        }
    }
}

/// A saved reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reminder {
    pub guid: String,
    pub kind: ReminderKind,
    /// The person's own words. Shown in notifications only when discreet notifications are off.
    pub title: String,
    pub schedule: Schedule,
    /// The IANA zone the times are in; `None` means floating (follows the phone's current zone).
    pub time_zone: Option<String>,
    /// The last local day it may fire on (inclusive).
    pub until: Option<NaiveDate>,
    pub paused: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What adding or editing a reminder takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewReminder {
    pub kind: ReminderKind,
    pub title: String,
    pub schedule: Schedule,
    /// `None` for a floating reminder.
    pub time_zone: Option<String>,
    pub until: Option<NaiveDate>,
}

/// A reminder with how it stands now, as `list` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReminderListing {
    #[serde(flatten)]
    pub reminder: Reminder,
    pub status: ReminderStatus,
    /// Whether it follows the phone's zone.
    pub floating: bool,
    /// When it next fires (after quiet hours and snoozes), if it is active and fires within a year.
    pub next_at_utc: Option<DateTime<Utc>>,
    /// Whether quiet hours moved that next firing to their end.
    pub next_moved_by_quiet_hours: bool,
    /// The schedule in plain words: "every Monday and Thursday at 09:00 and 21:00".
    pub words: String,
}

/// What happened to one occurrence of a reminder (the occurrence is the instant it was scheduled for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OccurrenceRecord {
    pub guid: String,
    /// The reminder's guid.
    pub reminder: String,
    pub occurrence: DateTime<Utc>,
    pub status: OccurrenceStatus,
    /// For a snooze: when it fires again.
    pub snoozed_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A nightly window in which nothing fires: a firing inside it moves to its end. `from` after `to` spans
/// midnight (22:00-07:30). Times are read in the zone the phone is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuietHours {
    pub from: TimeOfDay,
    pub to: TimeOfDay,
}

impl QuietHours {
    /// The quiet hours Mend offers when a person turns them on without choosing (22:00 to 07:30): the CLI and
    /// both apps take them from here.
    pub fn suggested() -> QuietHours {
        QuietHours {
            from: TimeOfDay::new(22, 0).expect("22:00 is a time of day"),
            to: TimeOfDay::new(7, 30).expect("07:30 is a time of day"),
        }
    }
}

/// The person's reminder settings (one row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReminderSettings {
    pub guid: String,
    pub quiet_hours: Option<QuietHours>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One notification the phone should schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Firing {
    /// Stable: the same reminder firing at the same instant always has the same id.
    pub id: String,
    /// The reminder's guid.
    pub reminder: String,
    pub kind: ReminderKind,
    pub at_utc: DateTime<Utc>,
    /// The same instant as wall-clock time with its offset, in `zone`.
    pub at_local: DateTime<FixedOffset>,
    /// The zone `at_local` is in: the reminder's own, or the phone's for a floating reminder.
    pub zone: String,
    /// Notification title and body; generic while discreet notifications are on.
    pub title: String,
    pub body: String,
    /// The occurrence this firing is for (what `done`, `skip` and `snooze` refer to).
    pub occurrence_utc: DateTime<Utc>,
    /// Set when the firing is a snoozed occurrence.
    pub snoozed: bool,
    /// Set when quiet hours moved it to their end.
    pub moved_by_quiet_hours: bool,
}

/// The next firings across every reminder, sorted by time, at most `cap` of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Plan {
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    /// The phone's zone the plan was made for (floating reminders and quiet hours follow it).
    pub zone: String,
    /// The most firings the plan holds (phones keep at most that many waiting).
    pub cap: u32,
    /// Whether more firings fell in the horizon than the cap let through.
    pub capped: bool,
    /// Whether reminders ring on this device (with sync, the person chooses the devices; the plan of a device
    /// where they do not ring is empty).
    pub rings_here: bool,
    pub firings: Vec<Firing>,
}

/// How a reminder was kept over a period: each occurrence done, skipped or missed (past with neither), or
/// still upcoming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Adherence {
    pub reminder: String,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub occurrences: u32,
    pub done: u32,
    pub skipped: u32,
    pub missed: u32,
    pub upcoming: u32,
}

/// A reminder Mend offers to set up; nothing is saved until the person accepts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReminderSuggestion {
    /// Why, in Mend's voice.
    pub reason: String,
    /// The guidance marker it comes from (shared/clinical/guidance.md).
    pub marker: String,
    pub sources: Vec<String>,
    pub reminder: NewReminder,
}
