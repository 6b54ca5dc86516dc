//! The reminders sections of the JSON export (`reminders`, `reminder_history`, `reminder_settings`; see
//! docs/export-format.md): collected for export, validated on import with the same rules as a write, and merged
//! by guid (the newer version of a row wins) inside import's single transaction. The export module hands these
//! sections over as a [`RemindersExport`]: reminders know nothing of the export document (one way: export →
//! reminders).

use super::Reminders;
use super::model::{NewReminder, OccurrenceRecord, Reminder, ReminderSettings};
use super::rows::{RECORD_COLUMNS, record_from_row, upsert_record, upsert_reminder, upsert_settings};
use super::validate;
use crate::error::{Error, Result};
use crate::ids::is_valid_guid;
use crate::mend::Core;

/// Everything the reminders engine stores, as the export document carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RemindersExport {
    pub reminders: Vec<Reminder>,
    pub history: Vec<OccurrenceRecord>,
    pub settings: Option<ReminderSettings>,
}

/// The sections for the current journal.
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

/// Validates the sections before anything is written (a one-off in the past is fine: it was accepted once).
pub(crate) fn check(doc: &RemindersExport) -> Result<()> {
    for (i, r) in doc.reminders.iter().enumerate() {
        let path = format!("reminders[{i}]");
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
    for (i, h) in doc.history.iter().enumerate() {
        let path = format!("reminder_history[{i}]");
        guid(&path, "guid", &h.guid)?;
        guid(&path, "reminder", &h.reminder)?;
    }
    if let Some(s) = &doc.settings {
        guid("reminder_settings", "guid", &s.guid)?;
        if let Some(q) = &s.quiet_hours {
            validate::quiet_hours(q).map_err(at("reminder_settings".into()))?;
        }
    }
    Ok(())
}

/// Writes the sections inside import's transaction; returns how many rows were added or replaced.
pub(crate) fn merge(tx: &rusqlite::Connection, doc: &RemindersExport) -> Result<u32> {
    let mut changed = 0;
    for reminder in &doc.reminders {
        changed += upsert_reminder(tx, reminder)? as u32;
    }
    for record in &doc.history {
        changed += upsert_record(tx, record)? as u32;
    }
    if let Some(settings) = &doc.settings {
        changed += upsert_settings(tx, settings)? as u32;
    }
    Ok(changed)
}
