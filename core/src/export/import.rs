//! Import of a JSON export, all or nothing: the file is parsed and every record validated before anything is
//! written, then everything is written in one transaction. Problems are reported by JSON path and line,
//! never by quoting the value found there.

use serde::Serialize;

use super::clocks;
use super::document::{CLOCKS_SINCE, ExportDocument, FORMAT, VERSION};
use crate::care::rows::decisions::DECISIONS;
use crate::care::rows::upsert_alert;
use crate::error::{Error, Result, redact_quoted};
use crate::ids::is_valid_guid;
use crate::journal::rows::{CHECKINS, EVENTS, LOSSES, PROFILE};
use crate::journal::{local_day, validate};
use crate::library::state::LIBRARY_STATE;
use crate::mend::Core;
use crate::observe::Change;
use crate::reminders::rows::{REMINDER_HISTORY, REMINDER_SETTINGS, REMINDERS};
use crate::store::registry::Table;
use crate::write::{Afterwards, Origin};

/// What an import changed (rows added, replaced by a newer version, or deleted by a newer deletion).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportSummary {
    pub profile: bool,
    pub losses: u32,
    pub checkins: u32,
    pub events: u32,
    /// Guides whose bookmark or read state was added, replaced or deleted.
    pub library: u32,
    pub alerts: u32,
    /// The person's decisions about alerts (acknowledged, seen by a clinician) added, replaced or deleted.
    pub alert_decisions: u32,
    /// Reminder rows (reminders, history, settings) added, replaced or deleted.
    pub reminders: u32,
}

pub(super) fn import_json(core: &Core, text: &str) -> Result<ImportSummary> {
    let document = parse(text)?;
    check(&document)?;
    // One write through the write path: the merged rows, then the care engine's evaluation of the merged journal
    // in the same transaction; a merged row may have replaced an older version's words, so the files are
    // scrubbed after.
    let changed = [Change::Journal, Change::Library, Change::Reminders];
    // Version 1 files carry no clocks (and a version 2 file none for rows written before clocks existed):
    // those rows merge by `updated_at`.
    let no_clocks = clocks::Clocks::new();
    let (row_clocks, deletions) = if document.version >= CLOCKS_SINCE {
        (&document.clocks, document.deleted.as_slice())
    } else {
        (&no_clocks, &[][..])
    };
    let written = core.write_change(Origin::Import, &changed, Afterwards::Scrub, |tx, origin| {
        // A row with a clock replaces the stored one only if its clock is later, and keeps it; one without, only
        // if its `updated_at` is later.
        let clock = |table: &Table, guid: &str| clocks::of(row_clocks, table.name, guid);
        macro_rules! merge {
            ($record:expr, $row:expr) => {
                $record.write_imported(tx, $row, clock(&$record.table, &$row.guid), origin)? as u32
            };
        }
        let mut summary = ImportSummary::default();
        if let Some(profile) = &document.profile {
            summary.profile = merge!(PROFILE, profile) > 0;
        }
        for loss in &document.losses {
            summary.losses += merge!(LOSSES, loss);
        }
        for checkin in &document.checkins {
            summary.checkins += merge!(CHECKINS, checkin);
        }
        for event in &document.events {
            summary.events += merge!(EVENTS, event);
        }
        for state in &document.library {
            summary.library += merge!(LIBRARY_STATE, state);
        }
        for decision in &document.alert_decisions {
            summary.alert_decisions += merge!(DECISIONS, decision);
        }
        summary.reminders = crate::reminders::export::merge(tx, &document.reminders_sections(), origin, clock)?;
        // Then the deletions: each beats every stored version older than it.
        let deleted = clocks::apply(tx, deletions)?;
        let count = |table: &Table| deleted.get(table.name).copied().unwrap_or(0);
        summary.profile |= count(&PROFILE.table) > 0;
        summary.losses += count(&LOSSES.table);
        summary.checkins += count(&CHECKINS.table);
        summary.events += count(&EVENTS.table);
        summary.library += count(&LIBRARY_STATE.table);
        summary.alert_decisions += count(&DECISIONS.table);
        summary.reminders += count(&REMINDERS.table) + count(&REMINDER_HISTORY.table) + count(&REMINDER_SETTINGS.table);
        clocks::witness(tx, row_clocks, deletions)?;
        // Alerts last: storing one records the decisions it carries that are newer than those stored (a file
        // without an `alert_decisions` section), stamped after every clock in the file.
        for alert in &document.alerts {
            summary.alerts += upsert_alert(tx, alert)? as u32;
        }
        Ok(summary)
    })?;
    Ok(written.value)
}

/// Parses the document, reporting the JSON path and line of the first problem.
fn parse(text: &str) -> Result<ExportDocument> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document: ExportDocument = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let inner = err.inner();
        let message = inner.to_string();
        let reason = message.split(" at line ").next().unwrap_or(&message);
        let path = err.path().to_string();
        let at = if path == "." || path == "?" {
            format!("line {}", inner.line())
        } else {
            format!("{path}, line {}", inner.line())
        };
        // "missing field `guid`" names a field of the format, not a value: keep it; redact anything else quoted.
        let reason = if reason.starts_with("missing field `") { reason.to_owned() } else { redact_quoted(reason) };
        Error::Import { at, reason }
    })?;
    deserializer.end().map_err(|e| Error::Import {
        at: format!("line {}", e.line()),
        reason: "unexpected text after the journal".into(),
    })?;
    Ok(document)
}

fn invalid_at(path: String) -> impl FnOnce(Error) -> Error {
    move |err| match err {
        Error::InvalidInput { field, reason } => Error::Import { at: format!("{path}.{field}"), reason },
        other => other,
    }
}

fn guid(path: &str, guid: &str) -> Result<()> {
    if is_valid_guid(guid) {
        Ok(())
    } else {
        Err(Error::Import { at: format!("{path}.guid"), reason: "is not a valid identifier".into() })
    }
}

/// The day stored with an entry must be the local date of its instant in its zone.
fn day_matches(path: &str, at: chrono::DateTime<chrono::Utc>, zone: &str, day: chrono::NaiveDate) -> Result<()> {
    let tz = validate::time_zone("time_zone", zone).map_err(invalid_at(path.to_owned()))?;
    if local_day(at, tz) != day {
        return Err(Error::Import {
            at: format!("{path}.day"),
            reason: "does not match the entry's time and zone".into(),
        });
    }
    Ok(())
}

/// Validates every record with the same rules as a write (except "not in the future": it was accepted once).
fn check(doc: &ExportDocument) -> Result<()> {
    if doc.format != FORMAT {
        return Err(Error::Import {
            at: "format".into(),
            reason: format!("is not a Mend journal export (expected {FORMAT})"),
        });
    }
    if doc.version == 0 || doc.version > VERSION {
        return Err(Error::Import {
            at: "version".into(),
            reason: format!("this file needs a newer version of Mend (this one reads up to version {VERSION})"),
        });
    }
    if doc.version >= CLOCKS_SINCE {
        clocks::check(&doc.clocks, &doc.deleted)?;
    }
    if let Some(p) = &doc.profile {
        guid("profile", &p.guid)?;
        let input = crate::journal::ProfileInput::of(p);
        validate::profile(&input).map_err(invalid_at("profile".into()))?;
    }
    for (i, loss) in doc.losses.iter().enumerate() {
        let path = format!("losses[{i}]");
        guid(&path, &loss.guid)?;
        if !(validate::WEEKS_MIN..=validate::WEEKS_MAX).contains(&loss.weeks) {
            return Err(Error::Import { at: format!("{path}.weeks"), reason: "must be between 1 and 45".into() });
        }
    }
    for (i, c) in doc.checkins.iter().enumerate() {
        let path = format!("checkins[{i}]");
        guid(&path, &c.guid)?;
        validate::checkin(&c.data).map_err(invalid_at(path.clone()))?;
        day_matches(&path, c.at, &c.time_zone, c.day)?;
    }
    for (i, e) in doc.events.iter().enumerate() {
        let path = format!("events[{i}]");
        guid(&path, &e.guid)?;
        validate::event(&e.details, e.note.as_deref()).map_err(invalid_at(path.clone()))?;
        day_matches(&path, e.at, &e.time_zone, e.day)?;
    }
    let mut guide_ids = std::collections::HashSet::new();
    for (i, state) in doc.library.iter().enumerate() {
        let path = format!("library[{i}]");
        guid(&path, &state.guid)?;
        // Guides this version does not know are kept: they may come from a newer Mend on another device.
        if !crate::library::is_guide_id(&state.guide_id) {
            return Err(Error::Import { at: format!("{path}.guide_id"), reason: "is not a guide id".into() });
        }
        if !guide_ids.insert(state.guide_id.as_str()) {
            return Err(Error::Import { at: format!("{path}.guide_id"), reason: "appears twice".into() });
        }
    }
    for (i, a) in doc.alerts.iter().enumerate() {
        let path = format!("alerts[{i}]");
        guid(&path, &a.guid)?;
        if let Some(j) = a.because.iter().position(|g| !is_valid_guid(g)) {
            return Err(Error::Import {
                at: format!("{path}.because[{j}]"),
                reason: "is not a valid identifier".into(),
            });
        }
        validate::text("message", Some(&a.message), validate::NOTE_MAX_CHARS).map_err(invalid_at(path.clone()))?;
    }
    let mut rules = std::collections::HashSet::new();
    for (i, d) in doc.alert_decisions.iter().enumerate() {
        let path = format!("alert_decisions[{i}]");
        guid(&path, &d.guid)?;
        // Rules this version does not know are kept: they may come from a newer Mend on another device.
        if !is_rule_code(&d.rule) {
            return Err(Error::Import { at: format!("{path}.rule"), reason: "is not a rule id".into() });
        }
        if !rules.insert(d.rule.as_str()) {
            return Err(Error::Import { at: format!("{path}.rule"), reason: "appears twice".into() });
        }
    }
    crate::reminders::export::check(&doc.reminders_sections())
}

/// A care rule's id as the decisions store it: lower-case letters, digits and hyphens (`bleeding-soaking`).
fn is_rule_code(text: &str) -> bool {
    (1..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
