//! Mapping between reminder records and their SQL rows (tables `reminders`, `reminder_history`,
//! `reminder_settings`, migration 0004): column lists, reading rows and the upserts that writes and import's
//! merge share. An upsert replaces a stored row only when the incoming one is newer. The history is described
//! once for the registry with its row code generated ([`crate::store::record`]); reminders and settings, whose
//! schedule and quiet hours span several columns, are still mapped by hand.

use rusqlite::{Connection, Row};

use chrono::DateTime;

use super::codes::OccurrenceStatus;
use super::model::{OccurrenceRecord, QuietHours, Reminder, ReminderSettings, Schedule};
use crate::store::Origin;
use crate::store::record::{Columns, codec, record};
use crate::store::registry::{CREATED, GUID, Identity, Kind::*, Merge::*, UPDATED, col};
use crate::store::time::{from_ms, parse_day};
use crate::store::upsert::Upsert;

/// Columns of a reminder, in the order [`reminder_from_row`] reads them.
pub const REMINDER_COLUMNS: &str = "guid, kind, title, schedule, rrule, start_date, time_of_day, time_zone, \
    until_date, paused, created_at, updated_at";

const ONCE: &str = "once";
const REPEATING: &str = "repeating";

fn bad_value(column: usize) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(column, "schedule".into(), rusqlite::types::Type::Text)
}

/// Reads a row selected with [`REMINDER_COLUMNS`].
pub fn reminder_from_row(row: &Row<'_>) -> rusqlite::Result<Reminder> {
    let start = parse_day(&row.get::<_, String>(5)?)?;
    let time = row.get(6)?;
    let schedule = match row.get::<_, String>(3)?.as_str() {
        ONCE => Schedule::Once { date: start, time },
        REPEATING => {
            Schedule::Repeating { rrule: row.get::<_, Option<String>>(4)?.ok_or_else(|| bad_value(4))?, start, time }
        }
        _ => return Err(bad_value(3)),
    };
    let until: Option<String> = row.get(8)?;
    Ok(Reminder {
        guid: row.get(0)?,
        kind: row.get(1)?,
        title: row.get(2)?,
        schedule,
        time_zone: row.get(7)?,
        until: until.as_deref().map(parse_day).transpose()?,
        paused: row.get(9)?,
        created_at: from_ms(row.get(10)?)?,
        updated_at: from_ms(row.get(11)?)?,
    })
}

static UPSERT_REMINDER: Upsert = Upsert::new("reminders", REMINDER_COLUMNS, &["guid"]);

/// Writes `reminder`, replacing a stored row with the same guid only if this one is newer (or it was deleted).
pub fn upsert_reminder(tx: &Connection, r: &Reminder) -> rusqlite::Result<usize> {
    let (schedule, rrule) = match &r.schedule {
        Schedule::Once { .. } => (ONCE, None),
        Schedule::Repeating { rrule, .. } => (REPEATING, Some(rrule.as_str())),
    };
    tx.prepare_cached(UPSERT_REMINDER.sql())?.execute(rusqlite::params![
        r.guid,
        r.kind,
        r.title,
        schedule,
        rrule,
        r.schedule.start().to_string(),
        r.schedule.time(),
        r.time_zone,
        r.until.map(|d| d.to_string()),
        r.paused,
        r.created_at.timestamp_millis(),
        r.updated_at.timestamp_millis(),
    ])
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

/// Columns of the settings row, in the order [`settings_from_row`] reads them.
pub const SETTINGS_COLUMNS: &str = "guid, quiet_from, quiet_to, created_at, updated_at";

/// Reads the row selected with [`SETTINGS_COLUMNS`].
pub fn settings_from_row(row: &Row<'_>) -> rusqlite::Result<ReminderSettings> {
    let from = row.get(1)?;
    let to = row.get(2)?;
    Ok(ReminderSettings {
        guid: row.get(0)?,
        quiet_hours: match (from, to) {
            (Some(from), Some(to)) => Some(QuietHours { from, to }),
            _ => None,
        },
        created_at: from_ms(row.get(3)?)?,
        updated_at: from_ms(row.get(4)?)?,
    })
}

static UPSERT_SETTINGS: Upsert =
    Upsert::new("reminder_settings", "id, guid, quiet_from, quiet_to, created_at, updated_at", &["id"]);

/// Writes the settings (one row), keeping the newer version.
pub fn upsert_settings(tx: &Connection, s: &ReminderSettings) -> rusqlite::Result<usize> {
    tx.prepare_cached(UPSERT_SETTINGS.sql())?.execute(rusqlite::params![
        1,
        s.guid,
        s.quiet_hours.map(|q| q.from),
        s.quiet_hours.map(|q| q.to),
        s.created_at.timestamp_millis(),
        s.updated_at.timestamp_millis(),
    ])
}
