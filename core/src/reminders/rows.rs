//! The reminders' tables (`reminders`, `reminder_history`, `reminder_settings`, migration 0004), each described
//! once for the registry with its row code generated from that description ([`crate::store::record`]): column
//! lists, reading rows and the upserts that writes and import's merge share. An upsert replaces a stored row only
//! when the incoming one is newer. A schedule spans four columns and quiet hours two: each column has its codec,
//! read in order.

use chrono::DateTime;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, Row};

use super::codes::{OccurrenceStatus, ReminderKind};
use super::model::{OccurrenceRecord, QuietHours, Reminder, ReminderSettings, Schedule};
use super::time_of_day::TimeOfDay;
use crate::store::Origin;
use crate::store::record::{Columns, codec, record, value};
use crate::store::registry::{CREATED, GUID, Identity, Kind::*, Merge::*, NULL, UPDATED, col, health, words};

fn midnight() -> TimeOfDay {
    TimeOfDay::new(0, 0).expect("00:00 is a time")
}

record! {
    /// The person's reminders: what, when (once or by a rule), in which zone, until when.
    pub static REMINDERS: Reminder = "reminders" (Synced, Person, Identity::Guid) {
        seed: || Reminder {
            guid: String::new(),
            kind: ReminderKind::CheckIn,
            title: String::new(),
            schedule: Schedule::Once { date: chrono::NaiveDate::default(), time: midnight() },
            time_zone: None,
            until: None,
            paused: false,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |r| &r.guid,
        columns: [
            guid: GUID => (guid),
            kind: health(Text, "''") => (kind),
            title: words("''") => (title),
            schedule: col(Text, Later) => (schedule as schedule_kind),
            rrule: health(Text, NULL) => (schedule as schedule_rrule),
            start_date: col(Day, Later) => (schedule as schedule_start),
            time_of_day: col(Text, Later) => (schedule as schedule_time),
            time_zone: col(Text, Later) => (time_zone),
            until_date: col(Day, Later) => (until as codec::day_opt),
            paused: col(Bool, Later) => (paused),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
        ]
    }
}

/// Columns of a reminder, in the order [`reminder_from_row`] reads them.
pub static REMINDER_COLUMNS: Columns<Reminder> = Columns(&REMINDERS);

const ONCE: &str = "once";
const REPEATING: &str = "repeating";

/// A schedule's first column: `once` or `repeating` (read first: it decides what the others fill in).
mod schedule_kind {
    use super::*;

    pub fn bind(schedule: &Schedule) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::from(match schedule {
            Schedule::Once { .. } => ONCE,
            Schedule::Repeating { .. } => REPEATING,
        }))
    }

    pub fn read(schedule: &mut Schedule, v: ValueRef<'_>) -> rusqlite::Result<()> {
        let (start, time) = (schedule.start(), schedule.time());
        *schedule = match v.as_str().map_err(|_| codec::invalid(v))? {
            ONCE => Schedule::Once { date: start, time },
            REPEATING => Schedule::Repeating { rrule: String::new(), start, time },
            _ => return Err(codec::invalid(v)),
        };
        Ok(())
    }
}

/// A repeating schedule's rule (NULL for one that fires once; a repeating one without it is refused).
mod schedule_rrule {
    use super::*;

    pub fn bind(schedule: &Schedule) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match schedule {
            Schedule::Once { .. } => ToSqlOutput::from(rusqlite::types::Null),
            Schedule::Repeating { rrule, .. } => ToSqlOutput::Borrowed(ValueRef::Text(rrule.as_bytes())),
        })
    }

    pub fn read(schedule: &mut Schedule, v: ValueRef<'_>) -> rusqlite::Result<()> {
        if let Schedule::Repeating { rrule, .. } = schedule {
            *rrule = v.as_str().map_err(|_| codec::invalid(v))?.to_owned();
        }
        Ok(())
    }
}

/// A schedule's first day (a once schedule's date, a rule's start).
mod schedule_start {
    use super::*;

    pub fn bind(schedule: &Schedule) -> rusqlite::Result<ToSqlOutput<'static>> {
        codec::day::bind(&schedule.start())
    }

    pub fn read(schedule: &mut Schedule, v: ValueRef<'_>) -> rusqlite::Result<()> {
        match schedule {
            Schedule::Once { date: day, .. } | Schedule::Repeating { start: day, .. } => codec::day::read(day, v),
        }
    }
}

/// A schedule's time of day.
mod schedule_time {
    use super::*;

    pub fn bind(schedule: &Schedule) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::from(schedule.time().to_string()))
    }

    pub fn read(schedule: &mut Schedule, v: ValueRef<'_>) -> rusqlite::Result<()> {
        match schedule {
            Schedule::Once { time, .. } | Schedule::Repeating { time, .. } => *time = value(v)?,
        }
        Ok(())
    }
}

/// Reads a row selected with [`REMINDER_COLUMNS`].
pub fn reminder_from_row(row: &Row<'_>) -> rusqlite::Result<Reminder> {
    REMINDERS.read(row)
}

/// Writes `reminder`, replacing a stored row with the same guid only if this one is newer (or it was deleted).
pub fn upsert_reminder(tx: &Connection, r: &Reminder) -> rusqlite::Result<usize> {
    REMINDERS.write(tx, r, Origin::Local)
}

record! {
    /// What happened to each occurrence of a reminder: done, skipped or snoozed.
    pub static REMINDER_HISTORY: OccurrenceRecord = "reminder_history" (Synced, Person, Identity::Guid) {
        seed: || OccurrenceRecord {
            guid: String::new(),
            reminder: String::new(),
            occurrence: DateTime::default(),
            status: OccurrenceStatus::Done,
            snoozed_until: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |r| &r.guid,
        columns: [
            guid: GUID => (guid),
            reminder_guid: col(Text, Identity) => (reminder),
            occurrence_ms: col(Instant, Identity) => (occurrence as codec::ms),
            status: col(Text, Later) => (status),
            snoozed_until_ms: col(Instant, Later) => (snoozed_until as codec::ms_opt),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
        ]
    }
}

/// Columns of an occurrence record, in the order [`record_from_row`] reads them.
pub static RECORD_COLUMNS: Columns<OccurrenceRecord> = Columns(&REMINDER_HISTORY);

/// Reads a row selected with [`RECORD_COLUMNS`].
pub fn record_from_row(row: &Row<'_>) -> rusqlite::Result<OccurrenceRecord> {
    REMINDER_HISTORY.read(row)
}

/// Writes an occurrence record, keeping the newer version of a guid.
pub fn upsert_record(tx: &Connection, r: &OccurrenceRecord) -> rusqlite::Result<usize> {
    REMINDER_HISTORY.write(tx, r, Origin::Local)
}

record! {
    /// The person's reminder settings (one row): the quiet hours.
    pub static REMINDER_SETTINGS: ReminderSettings = "reminder_settings" (Synced, Person, Identity::Singleton) {
        seed: || ReminderSettings {
            guid: String::new(),
            quiet_hours: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |s| &s.guid,
        columns: [
            guid: GUID => (guid),
            quiet_from: col(Text, Later) => (quiet_hours as quiet_from),
            quiet_to: col(Text, Later) => (quiet_hours as quiet_to),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
        ]
    }
}

/// Columns of the settings row, in the order [`settings_from_row`] reads them.
pub static SETTINGS_COLUMNS: Columns<ReminderSettings> = Columns(&REMINDER_SETTINGS);

/// Quiet hours' first column: when they start (there are quiet hours only if both columns are set).
mod quiet_from {
    use super::*;

    pub fn bind(quiet: &Option<QuietHours>) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(quiet.map_or(ToSqlOutput::from(rusqlite::types::Null), |q| ToSqlOutput::from(q.from.to_string())))
    }

    pub fn read(quiet: &mut Option<QuietHours>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        *quiet = value::<Option<TimeOfDay>>(v)?.map(|from| QuietHours { from, to: from });
        Ok(())
    }
}

/// Quiet hours' second column: when they end (read after [`quiet_from`]).
mod quiet_to {
    use super::*;

    pub fn bind(quiet: &Option<QuietHours>) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(quiet.map_or(ToSqlOutput::from(rusqlite::types::Null), |q| ToSqlOutput::from(q.to.to_string())))
    }

    pub fn read(quiet: &mut Option<QuietHours>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        *quiet = match (quiet.take(), value::<Option<TimeOfDay>>(v)?) {
            (Some(q), Some(to)) => Some(QuietHours { from: q.from, to }),
            _ => None,
        };
        Ok(())
    }
}

/// Reads the row selected with [`SETTINGS_COLUMNS`].
pub fn settings_from_row(row: &Row<'_>) -> rusqlite::Result<ReminderSettings> {
    REMINDER_SETTINGS.read(row)
}

/// Writes the settings (one row), keeping the newer version.
pub fn upsert_settings(tx: &Connection, s: &ReminderSettings) -> rusqlite::Result<usize> {
    REMINDER_SETTINGS.write(tx, s, Origin::Local)
}
