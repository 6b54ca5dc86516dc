//! The JSON export document (format `mend-journal`, version 2), described field by field in
//! docs/export-format.md. Later capabilities add their own sections as defaulted fields. Version 2 adds the
//! clock of each row of every synced table and their deletions (`clocks`, `deleted`: see [`super::clocks`]), and
//! the person's decisions about alerts (`alert_decisions`); version 1 files, which have none of these, are still
//! read, as are version 2 files written before these covered more than the journal's four sections.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clocks::{self, Clocks, Deletion};
use crate::care::AlertDecision;
use crate::care::AlertRecord;
use crate::care::rows::decisions;
use crate::error::Result;
use crate::journal::{CheckIn, Event, Loss, Profile};
use crate::library::GuideState;
use crate::mend::Core;
use crate::reminders::{OccurrenceRecord, Reminder, ReminderSettings};

/// The value of the document's `format` field.
pub const FORMAT: &str = "mend-journal";
/// The document version this build writes and the newest it reads.
pub const VERSION: u32 = 2;
/// The first version whose rows carry their clocks.
pub const CLOCKS_SINCE: u32 = 2;

/// A whole journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub profile: Option<Profile>,
    #[serde(default)]
    pub losses: Vec<Loss>,
    #[serde(default)]
    pub checkins: Vec<CheckIn>,
    #[serde(default)]
    pub events: Vec<Event>,
    /// Guides bookmarked or read (the guides themselves are part of the app and are not exported).
    #[serde(default)]
    pub library: Vec<GuideState>,
    /// The care engine's alerts, open and cleared, with whether each was acknowledged.
    #[serde(default)]
    pub alerts: Vec<AlertRecord>,
    /// The person's decisions about alerts (acknowledged, seen by a clinician), one per rule: alerts are
    /// recomputed on every device, these are the person's (absent in older files: empty).
    #[serde(default)]
    pub alert_decisions: Vec<AlertDecision>,
    /// Reminders (absent in older files: empty).
    #[serde(default)]
    pub reminders: Vec<Reminder>,
    /// What happened to reminder occurrences: done, skipped or snoozed.
    #[serde(default)]
    pub reminder_history: Vec<OccurrenceRecord>,
    /// Reminder settings (quiet hours), if ever set.
    #[serde(default)]
    pub reminder_settings: Option<ReminderSettings>,
    /// Version 2: the clock of each row of every synced table, by section (the table's name: `library_state`
    /// for `library`) and guid. Rows written before clocks existed have none.
    #[serde(default)]
    pub clocks: Clocks,
    /// Version 2: the synced tables' deleted rows, with the deletion's clock and time and nothing of their
    /// contents.
    #[serde(default)]
    pub deleted: Vec<Deletion>,
}

impl ExportDocument {
    /// The reminders sections, as the reminders engine checks and merges them.
    pub(crate) fn reminders_sections(&self) -> crate::reminders::export::RemindersExport {
        crate::reminders::export::RemindersExport {
            reminders: self.reminders.clone(),
            history: self.reminder_history.clone(),
            settings: self.reminder_settings.clone(),
        }
    }
}

/// Everything, read in one read transaction: a snapshot even while writes go on, so its alerts never cite
/// entries the document does not hold.
pub(super) fn collect(core: &Core) -> Result<ExportDocument> {
    core.store.snapshot(|| collect_now(core))
}

fn collect_now(core: &Core) -> Result<ExportDocument> {
    let journal = crate::journal::Journal::new(core);
    let reminders = crate::reminders::export::collect(core)?;
    let (clocks, deleted) = core.store.read(clocks::collect)?;
    Ok(ExportDocument {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: core.clock.now(),
        profile: journal.profile()?,
        losses: journal.losses()?,
        checkins: journal.all_checkins()?,
        events: journal.all_events()?,
        library: crate::library::Library::new(core).states()?,
        alerts: crate::care::Care::new(core).alert_records()?,
        alert_decisions: core.store.read(|conn| Ok(decisions::all(conn)?))?,
        reminders: reminders.reminders,
        reminder_history: reminders.history,
        reminder_settings: reminders.settings,
        clocks,
        deleted,
    })
}
