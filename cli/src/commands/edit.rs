//! `mend edit ID [flags]`: corrects a check-in or an event. For a check-in, the same flags as `mend checkin`
//! change only what they name (everything else stays as it was); `--clear FIELD,…` empties fields (a yes/no back
//! to no, a score or a level back to not given). For an event: `--at` and `--note`. The loss is corrected with
//! `mend profile`. `ID` is the whole id or the short one history shows.

use clap::Args as ClapArgs;
use serde_json::Value;

use mend_core::journal::{CheckInData, NewCheckIn, NewEvent};

use super::checkin;
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::render;

/// Named apart from `checkin::Args`, which it flattens: clap names an argument group after its struct.
#[derive(Debug, ClapArgs)]
pub struct EditArgs {
    /// The check-in or event: its whole id, or the short id `mend history` shows.
    #[arg(allow_hyphen_values = true)]
    id: String,
    /// Fields to empty, comma-separated, by their export names (mood, chills, pain.cramps, signs.vomiting, note…).
    #[arg(long, value_name = "FIELDS")]
    clear: Option<String>,
    #[command(flatten)]
    values: checkin::Args,
}

/// `data` with every field `given` holds (that differs from an empty check-in) put in its place.
fn overlay(data: &CheckInData, given: &CheckInData) -> CheckInData {
    let empty = serde_json::to_value(CheckInData::default()).expect("a check-in serialises");
    let mut out = serde_json::to_value(data).expect("a check-in serialises");
    let given = serde_json::to_value(given).expect("a check-in serialises");
    fn walk(out: &mut Value, given: &Value, empty: &Value) {
        match (given, empty) {
            (Value::Object(g), Value::Object(e)) => {
                for (key, value) in g {
                    let blank = e.get(key).cloned().unwrap_or(Value::Null);
                    if let Some(slot) = out.get_mut(key) {
                        if value.is_object() && blank.is_object() {
                            walk(slot, value, &blank);
                        } else if *value != blank {
                            *slot = value.clone();
                        }
                    }
                }
            }
            _ => *out = given.clone(),
        }
    }
    walk(&mut out, &given, &empty);
    serde_json::from_value(out).expect("an overlaid check-in reads back")
}

/// `data` with the fields named in `fields` (export names, comma-separated) back to empty.
fn cleared(data: CheckInData, fields: &str) -> Result<CheckInData, CliError> {
    let empty = serde_json::to_value(CheckInData::default()).expect("a check-in serialises");
    let mut out = serde_json::to_value(&data).expect("a check-in serialises");
    for field in fields.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        let field = field.replace('-', "_");
        let blank = field.split('.').try_fold(&empty, |v, k| v.get(k));
        let slot = field.split('.').try_fold(&mut out, |v, k| v.get_mut(k));
        match (blank, slot) {
            (Some(blank), Some(slot)) => *slot = blank.clone(),
            _ => {
                return Err(CliError::field(
                    "clear",
                    "names a field a check-in doesn't have (see mend checkin --help)",
                ));
            }
        }
    }
    serde_json::from_value(out).map_err(|_| CliError::field("clear", "could not be applied"))
}

pub fn run(ctx: &Context, args: EditArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let journal = mend.journal();
    let id = journal.resolve_entry(&args.id)?;
    let given = args.values.to_input(&mend)?;
    if let Some(existing) = journal.checkin(&id)? {
        let mut data = overlay(&existing.data, &given.data);
        if let Some(fields) = &args.clear {
            data = cleared(data, fields)?;
        }
        let at = if args.values.gives_time() { given.at } else { Some(existing.at) };
        let tz = if args.values.gives_time() { given.time_zone } else { Some(existing.time_zone.clone()) };
        let saved = journal.update_checkin(&id, NewCheckIn { at, time_zone: tz, data })?;
        emit(ctx.json, &saved, || format!("Corrected. {}", render::checkin_summary(&saved.data)));
        return Ok(());
    }
    let event = journal.event(&id)?.ok_or_else(|| CliError::from(mend_core::Error::not_found("check-in or event")))?;
    if given.data.note.is_none() && !args.values.gives_time() && args.clear.as_deref() != Some("note") {
        return Err(CliError::usage("for an event, give --at, --note or --clear note"));
    }
    let note = match (&args.clear, given.data.note) {
        (Some(c), _) if c.trim() == "note" => None,
        (_, Some(n)) => Some(n),
        _ => event.note.clone(),
    };
    let at = if args.values.gives_time() { given.at } else { Some(event.at) };
    let tz = if args.values.gives_time() { given.time_zone } else { Some(event.time_zone.clone()) };
    let saved = journal.update_event(&id, NewEvent { at, time_zone: tz, details: event.details.clone(), note })?;
    emit(ctx.json, &saved, || format!("Corrected. {}", render::event_summary(&saved.details)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_given_changes_and_clear_empties_what_it_names() {
        let mut data = CheckInData { mood: Some(3), chills: true, note: Some("kept".into()), ..Default::default() };
        data.pain.cramps = Some(6);
        let given = CheckInData { mood: Some(5), ..Default::default() };
        let merged = overlay(&data, &given);
        assert_eq!((merged.mood, merged.chills, merged.pain.cramps), (Some(5), true, Some(6)));
        assert_eq!(merged.note.as_deref(), Some("kept"));
        let mut given = CheckInData::default();
        given.pain.side_left = Some(2);
        let merged = overlay(&merged, &given);
        assert_eq!((merged.pain.cramps, merged.pain.side_left), (Some(6), Some(2)));
        let emptied = cleared(merged, "chills, pain.cramps,note").unwrap();
        assert_eq!((emptied.chills, emptied.pain.cramps, emptied.note.as_deref()), (false, None, None));
        assert!(cleared(emptied, "no_such_field").is_err());
    }
}
