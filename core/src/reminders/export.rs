//! The reminders sections of the JSON export (`reminders`, `reminder_history`, `reminder_settings`; see
//! docs/export-format.md): collected for export, validated on import with the same rules as a write, and merged
//! inside import's single transaction: by the clock a row carries in the file (the later clock wins), else by
//! guid (the settings: their one row) and the later `updated_at`. The export module hands these sections over as
//! a [`RemindersExport`], with a row's clock as a lookup: reminders know nothing of the export document (one way:
//! export → reminders).

use super::Reminders;
use super::model::{NewReminder, OccurrenceRecord, Reminder, ReminderSettings};
use super::rows::{RECORD_COLUMNS, REMINDER_HISTORY, REMINDER_SETTINGS, REMINDERS, record_from_row};
use super::validate;
use crate::error::{Error, Result};
use crate::ids::is_valid_guid;
use crate::mend::Core;
use crate::store::Origin;
use crate::store::registry::Table;

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

/// Writes the sections inside import's transaction, each row with `origin`: a row for which `clock` gives its
/// clock in the file replaces the stored one only if that clock is later (and keeps it), any other only if its
/// `updated_at` is later. Returns how many rows were added or replaced.
pub(crate) fn merge<'c>(
    tx: &rusqlite::Connection,
    doc: &RemindersExport,
    origin: Origin,
    clock: impl Fn(&Table, &str) -> Option<&'c str>,
) -> Result<u32> {
    let mut changed = 0;
    for reminder in &doc.reminders {
        changed += REMINDERS.write_imported(tx, reminder, clock(&REMINDERS.table, &reminder.guid), origin)?;
    }
    for record in &doc.history {
        changed += REMINDER_HISTORY.write_imported(tx, record, clock(&REMINDER_HISTORY.table, &record.guid), origin)?;
    }
    if let Some(settings) = &doc.settings {
        changed +=
            REMINDER_SETTINGS.write_imported(tx, settings, clock(&REMINDER_SETTINGS.table, &settings.guid), origin)?;
    }
    Ok(changed as u32)
}
