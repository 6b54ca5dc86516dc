//! The journal's record tables — check-ins, events, losses — each described once for the registry, with its row
//! code generated from that description ([`crate::store::record`]): one line per column gives its name, what it
//! holds (health data, and what a deletion leaves), how it merges, and the record field it maps to. The profile's
//! row code is still written by hand below. Kept in one place so inserts, updates, imports and queries agree.

use chrono::DateTime;
use rusqlite::Row;
use rusqlite::types::{ToSqlOutput, ValueRef};

use super::codes::{Feeling, LossKind};
use super::model::*;
use super::numbers::{OwnNumber, from_columns};
use crate::store::Origin;
use crate::store::record::{Columns, codec, record};
use crate::store::registry::{CREATED, GUID, Kind::*, Merge::*, NULL, UPDATED, col, health, words};

record! {
    /// Check-ins: when, where, and everything the person logged.
    pub static CHECKINS: CheckIn = "checkins" (Synced, Person, crate::store::registry::Identity::Guid) {
        seed: || CheckIn {
            guid: String::new(),
            at: DateTime::default(),
            time_zone: String::new(),
            day: chrono::NaiveDate::default(),
            data: CheckInData::default(),
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |c| &c.guid,
        columns: [
            guid: GUID => (guid),
            at_ms: col(Instant, Later) => (at as codec::ms),
            time_zone: col(Text, Later) => (time_zone),
            local_day: col(Day, Later) => (day as codec::day),
            bleeding: health(Text, NULL) => (data.bleeding),
            pads_per_hour: health(Real, NULL) => (data.pads_per_hour),
            clots: health(Text, NULL) => (data.clots),
            pain_cramps: health(Integer, NULL) => (data.pain.cramps),
            pain_back: health(Integer, NULL) => (data.pain.back),
            pain_one_sided: health(Integer, NULL) => (data.pain.one_sided),
            pain_shoulder_tip: health(Integer, NULL) => (data.pain.shoulder_tip),
            pain_breast: health(Integer, NULL) => (data.pain.breast),
            pain_head: health(Integer, NULL) => (data.pain.head),
            pain_leg_left: health(Integer, NULL) => (data.pain.leg_left),
            pain_leg_right: health(Integer, NULL) => (data.pain.leg_right),
            temperature_c: health(Real, NULL) => (data.temperature_c),
            chills: health(Bool, "0") => (data.chills),
            flu_like: health(Bool, "0") => (data.flu_like),
            discharge: health(Text, NULL) => (data.discharge),
            dizziness: health(Text, NULL) => (data.dizziness),
            fainted: health(Bool, "0") => (data.fainted),
            leg_left_swelling: health(Bool, "0") => (data.leg_left.swelling),
            leg_left_warmth: health(Bool, "0") => (data.leg_left.warmth),
            leg_left_redness: health(Bool, "0") => (data.leg_left.redness),
            leg_right_swelling: health(Bool, "0") => (data.leg_right.swelling),
            leg_right_warmth: health(Bool, "0") => (data.leg_right.warmth),
            leg_right_redness: health(Bool, "0") => (data.leg_right.redness),
            chest_pain: health(Bool, "0") => (data.chest_pain),
            breathless: health(Bool, "0") => (data.breathless),
            coughing_blood: health(Bool, "0") => (data.coughing_blood),
            mood: health(Integer, NULL) => (data.mood),
            feelings: health(List, "''") => (data.feelings as feelings),
            self_harm_thoughts: health(Bool, "0") => (data.self_harm_thoughts),
            sleep_hours: health(Real, NULL) => (data.sleep_hours),
            energy: health(Integer, NULL) => (data.energy),
            note: words(NULL) => (data.note),
            pain_pelvis: health(Integer, NULL) => (data.pain.pelvis),
            pain_chest: health(Integer, NULL) => (data.pain.chest),
            pain_side_left: health(Integer, NULL) => (data.pain.side_left),
            pain_side_right: health(Integer, NULL) => (data.pain.side_right),
            signs: health(Json, "'{}'") => (data.signs as signs),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
            answered: health(List, "''") => (data.answered as codec::list),
            logged_by: health(Text, NULL) => (data.logged_by),
        ]
    }
}

/// The columns [`checkin_from_row`] reads, in order.
pub static CHECKIN_COLUMNS: Columns<CheckIn> = Columns(&CHECKINS);

record! {
    /// Events: tests, periods, medication, appointments and the rest, each with its details.
    pub static EVENTS: Event = "events" (Synced, Person, crate::store::registry::Identity::Guid) {
        seed: || Event {
            guid: String::new(),
            at: DateTime::default(),
            time_zone: String::new(),
            day: chrono::NaiveDate::default(),
            details: EventDetails::PeriodStart,
            note: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |e| &e.guid,
        columns: [
            guid: GUID => (guid),
            at_ms: col(Instant, Later) => (at as codec::ms),
            time_zone: col(Text, Later) => (time_zone),
            local_day: col(Day, Later) => (day as codec::day),
            kind: health(Text, "''") => (details as event_kind),
            details: health(Json, "'{}'") => (details as event_details),
            note: words(NULL) => (note),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
        ]
    }
}

/// The columns [`event_from_row`] reads, in order.
pub static EVENT_COLUMNS: Columns<Event> = Columns(&EVENTS);

record! {
    /// Losses: the date, the weeks, what happened.
    pub static LOSSES: Loss = "losses" (Synced, Person, crate::store::registry::Identity::Guid) {
        seed: || Loss {
            guid: String::new(),
            loss_date: chrono::NaiveDate::default(),
            weeks: 0,
            kind: LossKind::EarlyLoss,
            management: None,
            due_date: None,
            loss_at: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |l| &l.guid,
        columns: [
            guid: GUID => (guid),
            loss_date: health(Day, "'0001-01-01'") => (loss_date as codec::day),
            weeks: health(Integer, "0") => (weeks),
            kind: health(Text, "''") => (kind),
            management: health(Text, NULL) => (management),
            due_date: health(Day, NULL) => (due_date as codec::day_opt),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
            loss_at_ms: health(Instant, NULL) => (loss_at as codec::ms_opt),
        ]
    }
}

/// The columns [`loss_from_row`] reads, in order.
pub static LOSS_COLUMNS: Columns<Loss> = Columns(&LOSSES);

/// Feelings as stored: comma-separated codes.
fn feelings_to_text(feelings: &[Feeling]) -> String {
    feelings.iter().map(|f| f.code()).collect::<Vec<_>>().join(",")
}

/// The `feelings` column.
mod feelings {
    use super::*;

    pub fn bind(feelings: &[Feeling]) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::from(feelings_to_text(feelings)))
    }

    pub fn read(feelings: &mut Vec<Feeling>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        let text = v.as_str().map_err(|_| codec::invalid(v))?;
        *feelings = text
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|code| Feeling::from_code(code).ok_or_else(|| codec::invalid(v)))
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

/// The further signs as stored: a JSON object (the export's `signs`) holding only the signs that were given (a
/// yes, or a value), so a check-in without any — nearly all of them — stores `{}` and reads back at once.
fn signs_to_text(signs: &Signs) -> String {
    if *signs == Signs::default() {
        return "{}".to_owned();
    }
    let mut value = serde_json::to_value(signs).expect("signs serialise");
    let defaults = serde_json::to_value(Signs::default()).expect("signs serialise");
    if let serde_json::Value::Object(map) = &mut value {
        // A sign at its default (no, or not given) is left out; `Some(false)` differs from its default and stays.
        map.retain(|k, v| defaults.get(k) != Some(v));
    }
    value.to_string()
}

/// The `signs` column.
mod signs {
    use super::*;

    pub fn bind(signs: &Signs) -> rusqlite::Result<ToSqlOutput<'static>> {
        if *signs == Signs::default() {
            return Ok(ToSqlOutput::from("{}"));
        }
        Ok(ToSqlOutput::from(signs_to_text(signs)))
    }

    pub fn read(signs: &mut Signs, v: ValueRef<'_>) -> rusqlite::Result<()> {
        let text = v.as_str().map_err(|_| codec::invalid(v))?;
        if text != "{}" {
            *signs = serde_json::from_str(text)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))?;
        }
        Ok(())
    }
}

/// The `kind` column, written from an event's details (so queries can select by kind) and never read back.
mod event_kind {
    use super::*;

    pub fn bind(details: &EventDetails) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(details.kind().code().as_bytes())))
    }

    pub fn read(_: &mut EventDetails, _: ValueRef<'_>) -> rusqlite::Result<()> {
        Ok(())
    }
}

/// The `details` column: an event's details as JSON (with its kind).
mod event_details {
    use super::*;

    pub fn bind(details: &EventDetails) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::from(serde_json::to_string(details).expect("event details always serialise")))
    }

    pub fn read(details: &mut EventDetails, v: ValueRef<'_>) -> rusqlite::Result<()> {
        let text = v.as_str().map_err(|_| codec::invalid(v))?;
        *details = serde_json::from_str(text)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))?;
        Ok(())
    }
}

/// Reads a row selected with [`CHECKIN_COLUMNS`].
pub fn checkin_from_row(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    CHECKINS.read(row)
}

/// Writes `checkin`, replacing a stored row with its guid only if this one is newer.
pub fn upsert_checkin(tx: &rusqlite::Connection, c: &CheckIn) -> rusqlite::Result<usize> {
    CHECKINS.write(tx, c, Origin::Local)
}

/// Writes a check-in that came with `origin` (see [`upsert_checkin`]); a row from the server is recorded in the
/// mirror and never counted as this device's change. (Tests stand in for sync's remote apply with it.)
#[cfg(test)]
pub fn upsert_checkin_from(tx: &rusqlite::Connection, c: &CheckIn, origin: Origin) -> rusqlite::Result<usize> {
    CHECKINS.write(tx, c, origin)
}

/// Reads a row selected with [`EVENT_COLUMNS`].
pub fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    EVENTS.read(row)
}

/// Writes `event`, replacing an existing row with the same guid only if the incoming one is newer.
pub fn upsert_event(tx: &rusqlite::Connection, e: &Event) -> rusqlite::Result<usize> {
    EVENTS.write(tx, e, Origin::Local)
}

/// Reads a row selected with [`LOSS_COLUMNS`].
pub fn loss_from_row(row: &Row<'_>) -> rusqlite::Result<Loss> {
    LOSSES.read(row)
}

/// Writes `loss`, replacing an existing row with the same guid only if the incoming one is newer.
pub fn upsert_loss(tx: &rusqlite::Connection, l: &Loss) -> rusqlite::Result<usize> {
    LOSSES.write(tx, l, Origin::Local)
}

record! {
    /// The person's profile: one row per journal.
    pub static PROFILE: Profile = "profile" (Synced, Person, crate::store::registry::Identity::Singleton) {
        seed: || Profile {
            guid: String::new(),
            region: None,
            time_zone: String::new(),
            discreet_notifications: true,
            unit_number: None,
            own_emergency_number: None,
            own_crisis_number: None,
            mood_screens: None,
            rhd: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |p| &p.guid,
        columns: [
            guid: GUID => (guid),
            region: col(Text, Later) => (region),
            time_zone: col(Text, Later) => (time_zone),
            discreet_notifications: col(Bool, Later) => (discreet_notifications),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
            unit_label: health(Text, NULL) => (unit_number as own_label),
            unit_number: health(Text, NULL) => (unit_number as own_number),
            own_emergency_label: health(Text, NULL) => (own_emergency_number as own_label),
            own_emergency_number: health(Text, NULL) => (own_emergency_number as own_number),
            own_crisis_label: health(Text, NULL) => (own_crisis_number as own_label),
            own_crisis_number: health(Text, NULL) => (own_crisis_number as own_number),
            // Opted into the mood screens (0014): NULL not asked yet, 0 off, 1 on.
            mood_screens: health(Bool, NULL) => (mood_screens),
            // RhD status (0016): 'negative', 'positive', 'unknown' or NULL (not asked).
            rhd: health(Text, NULL) => (rhd),
        ]
    }
}

/// Columns of the profile, in the order [`profile_from_row`] reads them.
pub static PROFILE_COLUMNS: Columns<Profile> = Columns(&PROFILE);

/// A number of the person's own, first column: its label (a number is stored as two columns, label then
/// number, and is there only if both are).
mod own_label {
    use super::*;

    pub fn bind(number: &Option<OwnNumber>) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match number {
            Some(n) => ToSqlOutput::Borrowed(ValueRef::Text(n.label.as_bytes())),
            None => ToSqlOutput::from(rusqlite::types::Null),
        })
    }

    pub fn read(number: &mut Option<OwnNumber>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        let label = v.as_str_or_null().map_err(|_| codec::invalid(v))?;
        *number = label.map(|label| OwnNumber { label: label.to_owned(), number: String::new(), uri: String::new() });
        Ok(())
    }
}

/// A number of the person's own, second column: the number as typed (read after [`own_label`]).
mod own_number {
    use super::*;

    pub fn bind(number: &Option<OwnNumber>) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match number {
            Some(n) => ToSqlOutput::Borrowed(ValueRef::Text(n.number.as_bytes())),
            None => ToSqlOutput::from(rusqlite::types::Null),
        })
    }

    pub fn read(number: &mut Option<OwnNumber>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        let digits = v.as_str_or_null().map_err(|_| codec::invalid(v))?;
        *number = match (number.take(), digits) {
            (Some(own), Some(digits)) => from_columns(Some(own.label), Some(digits.to_owned())),
            _ => None,
        };
        Ok(())
    }
}

/// Reads a row selected with [`PROFILE_COLUMNS`].
pub fn profile_from_row(row: &Row<'_>) -> rusqlite::Result<Profile> {
    PROFILE.read(row)
}

/// Writes the profile (there is one row), keeping the newer of the stored and the incoming version.
pub fn upsert_profile(tx: &rusqlite::Connection, p: &Profile) -> rusqlite::Result<usize> {
    PROFILE.write(tx, p, Origin::Local)
}

pub use crate::store::record::tombstone;
