//! The reminders section of the JSON export (`reminders`: the reminders, their occurrence history and the
//! settings): collected for export, validated on import with the same rules as a write, and merged by guid
//! (the newer version of a row wins) inside import's single transaction.

use serde::{Deserialize, Serialize};

use super::Reminders;
use super::model::{NewReminder, OccurrenceRecord, Reminder, ReminderSettings};
use super::rows::{RECORD_COLUMNS, record_from_row, upsert_record, upsert_reminder, upsert_settings};
use super::validate;
use crate::error::{Error, Result};
use crate::ids::is_valid_guid;
use crate::mend::Core;

/// Everything the reminders engine stores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemindersExport {
    #[serde(default)]
    pub reminders: Vec<Reminder>,
    /// Done, skipped and snoozed occurrences.
    #[serde(default)]
    pub history: Vec<OccurrenceRecord>,
    #[serde(default)]
    pub settings: Option<ReminderSettings>,
}

impl RemindersExport {
    /// Whether there is nothing in it.
    pub fn is_empty(&self) -> bool {
        self.reminders.is_empty() && self.history.is_empty() && self.settings.is_none()
    }
}

/// The section for the current journal.
pub(crate) fn collect(core: &Core) -> Result<RemindersExport> {
    let reminders = Reminders::new(core);
    let history = core.store.read(|conn| {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM reminder_history WHERE deleted = 0 ORDER BY occurrence_ms, guid"
        ))?;
        let rows = stmt.query_map([], record_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    })?;
    Ok(RemindersExport { reminders: reminders.all()?, history, settings: reminders.settings()? })
}

fn at(path: String) -> impl FnOnce(Error) -> Error {
    move |err| match err {
        Error::InvalidInput { field, reason } => Error::Import { at: format!("{path}.{field}"), reason },
        other => other,
    }
}

fn guid(path: &str, field: &str, value: &str) -> Result<()> {
    if is_valid_guid(value) {
        Ok(())
    } else {
        Err(Error::Import { at: format!("{path}.{field}"), reason: "is not a valid identifier".into() })
    }
}

/// Validates the section before anything is written (a one-off in the past is fine: it was accepted once).
pub(crate) fn check(section: &RemindersExport) -> Result<()> {
    for (i, r) in section.reminders.iter().enumerate() {
        let path = format!("reminders.reminders[{i}]");
        guid(&path, "guid", &r.guid)?;
        let input = NewReminder {
            kind: r.kind,
            title: r.title.clone(),
            schedule: r.schedule.clone(),
            time_zone: r.time_zone.clone(),
            until: r.until,
        };
        let normalised = validate::reminder(&input, None).map_err(at(path.clone()))?;
        if normalised.schedule != r.schedule {
            return Err(Error::Import {
                at: format!("{path}.schedule.rrule"),
                reason: "is not in Mend's normal form (upper case, UNTIL with a time)".into(),
            });
        }
    }
    for (i, h) in section.history.iter().enumerate() {
        let path = format!("reminders.history[{i}]");
        guid(&path, "guid", &h.guid)?;
        guid(&path, "reminder", &h.reminder)?;
    }
    if let Some(s) = &section.settings {
        guid("reminders.settings", "guid", &s.guid)?;
        if let Some(q) = &s.quiet_hours {
            validate::quiet_hours(q).map_err(at("reminders.settings".into()))?;
        }
    }
    Ok(())
}

/// Writes the section inside import's transaction; returns how many rows were added or replaced.
pub(crate) fn merge(tx: &rusqlite::Connection, section: &RemindersExport) -> Result<u32> {
    let mut changed = 0;
    for reminder in &section.reminders {
        changed += upsert_reminder(tx, reminder)? as u32;
    }
    for record in &section.history {
        changed += upsert_record(tx, record)? as u32;
    }
    if let Some(settings) = &section.settings {
        changed += upsert_settings(tx, settings)? as u32;
    }
    Ok(changed)
}
