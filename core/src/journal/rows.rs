//! Mapping between journal records and their SQL rows: the column lists, reading a row into a record and the
//! parameters for writing one. Kept in one place so inserts, updates, imports and queries agree.

use chrono::{DateTime, Utc};
use rusqlite::Row;

use crate::store::upsert::Upsert;
use crate::store::{Origin, mirror};

use super::codes::Feeling;
use super::model::*;
use super::numbers::from_columns;
use crate::store::time::{from_ms, parse_day};

/// Columns of a check-in, in the order [`checkin_from_row`] reads them.
pub const CHECKIN_COLUMNS: &str = "guid, at_ms, time_zone, local_day, bleeding, pads_per_hour, clots, \
    pain_cramps, pain_back, pain_one_sided, pain_shoulder_tip, pain_breast, pain_head, pain_leg_left, pain_leg_right, \
    temperature_c, chills, flu_like, discharge, dizziness, fainted, \
    leg_left_swelling, leg_left_warmth, leg_left_redness, leg_right_swelling, leg_right_warmth, leg_right_redness, \
    chest_pain, breathless, coughing_blood, mood, feelings, self_harm_thoughts, sleep_hours, energy, note, \
    pain_pelvis, pain_chest, pain_side_left, pain_side_right, signs, created_at, updated_at, answered, logged_by";

/// The merge statement for a whole check-in row, bound by position in [`CHECKIN_COLUMNS`] order.
static UPSERT_CHECKIN: Upsert = Upsert::new("checkins", CHECKIN_COLUMNS, &["guid"]);

/// Feelings as stored: comma-separated codes.
pub fn feelings_to_text(feelings: &[Feeling]) -> String {
    feelings.iter().map(|f| f.code()).collect::<Vec<_>>().join(",")
}

fn feelings_from_text(text: &str) -> rusqlite::Result<Vec<Feeling>> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(|code| {
            Feeling::from_code(code).ok_or(rusqlite::Error::InvalidColumnType(
                31,
                "feelings".into(),
                rusqlite::types::Type::Text,
            ))
        })
        .collect()
}

/// The further signs as stored: a JSON object (the export's `signs`) holding only the signs that were given (a
/// yes, or a value), so a check-in without any — nearly all of them — stores `{}` and reads back at once.
pub fn signs_to_text(signs: &Signs) -> String {
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

fn signs_from_text(text: &str) -> rusqlite::Result<Signs> {
    if text == "{}" {
        return Ok(Signs::default());
    }
    serde_json::from_str(text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(40, rusqlite::types::Type::Text, Box::new(e)))
}

/// Reads a row selected with [`CHECKIN_COLUMNS`].
pub fn checkin_from_row(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let legs = |base: usize| -> rusqlite::Result<LegSigns> {
        Ok(LegSigns { swelling: row.get(base)?, warmth: row.get(base + 1)?, redness: row.get(base + 2)? })
    };
    Ok(CheckIn {
        guid: row.get(0)?,
        at: from_ms(row.get(1)?)?,
        time_zone: row.get(2)?,
        day: parse_day(&row.get::<_, String>(3)?)?,
        data: CheckInData {
            bleeding: row.get(4)?,
            pads_per_hour: row.get(5)?,
            clots: row.get(6)?,
            pain: PainScores {
                cramps: row.get(7)?,
                back: row.get(8)?,
                one_sided: row.get(9)?,
                shoulder_tip: row.get(10)?,
                breast: row.get(11)?,
                head: row.get(12)?,
                leg_left: row.get(13)?,
                leg_right: row.get(14)?,
                pelvis: row.get(36)?,
                chest: row.get(37)?,
                side_left: row.get(38)?,
                side_right: row.get(39)?,
            },
            temperature_c: row.get(15)?,
            chills: row.get(16)?,
            flu_like: row.get(17)?,
            discharge: row.get(18)?,
            dizziness: row.get(19)?,
            fainted: row.get(20)?,
            leg_left: legs(21)?,
            leg_right: legs(24)?,
            chest_pain: row.get(27)?,
            breathless: row.get(28)?,
            coughing_blood: row.get(29)?,
            mood: row.get(30)?,
            feelings: feelings_from_text(&row.get::<_, String>(31)?)?,
            self_harm_thoughts: row.get(32)?,
            sleep_hours: row.get(33)?,
            energy: row.get(34)?,
            note: row.get(35)?,
            signs: signs_from_text(&row.get::<_, String>(40)?)?,
            answered: row.get::<_, String>(43)?.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect(),
            logged_by: row.get(44)?,
        },
        created_at: from_ms(row.get(41)?)?,
        updated_at: from_ms(row.get(42)?)?,
    })
}

/// Writes `checkin`, replacing a stored row with its guid only if this one is newer (bound by position: binding by name costs a lookup per value).
pub fn upsert_checkin(tx: &rusqlite::Connection, c: &CheckIn) -> rusqlite::Result<usize> {
    upsert_checkin_from(tx, c, Origin::Local)
}

/// Writes a checkin that came with `origin` (see [`upsert_checkin`]); a row from the server is recorded in the
/// mirror and never counted as this device's change.
pub fn upsert_checkin_from(tx: &rusqlite::Connection, c: &CheckIn, origin: Origin) -> rusqlite::Result<usize> {
    if origin == Origin::Remote {
        mirror::record(tx, "checkins", &c.guid, &serde_json::to_string(c).expect("a record serialises"))?;
    }
    let d = &c.data;
    let (l, r) = (&d.leg_left, &d.leg_right);
    tx.prepare_cached(UPSERT_CHECKIN.sql_for(origin))?.execute(rusqlite::params![
        c.guid,
        c.at.timestamp_millis(),
        c.time_zone,
        c.day.to_string(),
        d.bleeding,
        d.pads_per_hour,
        d.clots,
        d.pain.cramps,
        d.pain.back,
        d.pain.one_sided,
        d.pain.shoulder_tip,
        d.pain.breast,
        d.pain.head,
        d.pain.leg_left,
        d.pain.leg_right,
        d.temperature_c,
        d.chills,
        d.flu_like,
        d.discharge,
        d.dizziness,
        d.fainted,
        l.swelling,
        l.warmth,
        l.redness,
        r.swelling,
        r.warmth,
        r.redness,
        d.chest_pain,
        d.breathless,
        d.coughing_blood,
        d.mood,
        feelings_to_text(&d.feelings),
        d.self_harm_thoughts,
        d.sleep_hours,
        d.energy,
        d.note,
        d.pain.pelvis,
        d.pain.chest,
        d.pain.side_left,
        d.pain.side_right,
        signs_to_text(&d.signs),
        c.created_at.timestamp_millis(),
        c.updated_at.timestamp_millis(),
        d.answered.join(","),
        d.logged_by,
    ])
}

/// Columns of an event, in the order [`event_from_row`] reads them.
pub const EVENT_COLUMNS: &str = "guid, at_ms, time_zone, local_day, details, note, created_at, updated_at";

/// Reads a row selected with [`EVENT_COLUMNS`].
pub fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    let details: String = row.get(4)?;
    Ok(Event {
        guid: row.get(0)?,
        at: from_ms(row.get(1)?)?,
        time_zone: row.get(2)?,
        day: parse_day(&row.get::<_, String>(3)?)?,
        details: serde_json::from_str(&details)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e)))?,
        note: row.get(5)?,
        created_at: from_ms(row.get(6)?)?,
        updated_at: from_ms(row.get(7)?)?,
    })
}

static UPSERT_EVENT: Upsert =
    Upsert::new("events", "guid, at_ms, time_zone, local_day, kind, details, note, created_at, updated_at", &["guid"]);

/// Writes `event`, replacing an existing row with the same guid only if the incoming one is newer.
pub fn upsert_event(tx: &rusqlite::Connection, e: &Event) -> rusqlite::Result<usize> {
    upsert_event_from(tx, e, Origin::Local)
}

/// Writes a event that came with `origin` (see [`upsert_event`]); a row from the server is recorded in the
/// mirror and never counted as this device's change.
pub fn upsert_event_from(tx: &rusqlite::Connection, e: &Event, origin: Origin) -> rusqlite::Result<usize> {
    if origin == Origin::Remote {
        mirror::record(tx, "events", &e.guid, &serde_json::to_string(e).expect("a record serialises"))?;
    }
    let details = serde_json::to_string(&e.details).expect("event details always serialise");
    tx.prepare_cached(UPSERT_EVENT.sql_for(origin))?.execute(rusqlite::params![
        e.guid,
        e.at.timestamp_millis(),
        e.time_zone,
        e.day.to_string(),
        e.details.kind(),
        details,
        e.note,
        e.created_at.timestamp_millis(),
        e.updated_at.timestamp_millis()
    ])
}

/// Columns of a loss, in the order [`loss_from_row`] reads them.
pub const LOSS_COLUMNS: &str = "guid, loss_date, weeks, kind, management, due_date, created_at, updated_at, loss_at_ms";

/// Reads a row selected with [`LOSS_COLUMNS`].
pub fn loss_from_row(row: &Row<'_>) -> rusqlite::Result<Loss> {
    let due: Option<String> = row.get(5)?;
    Ok(Loss {
        guid: row.get(0)?,
        loss_date: parse_day(&row.get::<_, String>(1)?)?,
        weeks: row.get(2)?,
        kind: row.get(3)?,
        management: row.get(4)?,
        due_date: due.as_deref().map(parse_day).transpose()?,
        loss_at: row.get::<_, Option<i64>>(8)?.map(from_ms).transpose()?,
        created_at: from_ms(row.get(6)?)?,
        updated_at: from_ms(row.get(7)?)?,
    })
}

static UPSERT_LOSS: Upsert = Upsert::new("losses", LOSS_COLUMNS, &["guid"]);

/// Writes `loss`, replacing an existing row with the same guid only if the incoming one is newer.
pub fn upsert_loss(tx: &rusqlite::Connection, l: &Loss) -> rusqlite::Result<usize> {
    upsert_loss_from(tx, l, Origin::Local)
}

/// Writes a loss that came with `origin` (see [`upsert_loss`]); a row from the server is recorded in the
/// mirror and never counted as this device's change.
pub fn upsert_loss_from(tx: &rusqlite::Connection, l: &Loss, origin: Origin) -> rusqlite::Result<usize> {
    if origin == Origin::Remote {
        mirror::record(tx, "losses", &l.guid, &serde_json::to_string(l).expect("a record serialises"))?;
    }
    tx.prepare_cached(UPSERT_LOSS.sql_for(origin))?.execute(rusqlite::params![
        l.guid,
        l.loss_date.to_string(),
        l.weeks,
        l.kind,
        l.management,
        l.due_date.map(|d| d.to_string()),
        l.created_at.timestamp_millis(),
        l.updated_at.timestamp_millis(),
        l.loss_at.map(|t| t.timestamp_millis()),
    ])
}

/// Columns of the profile, in the order [`profile_from_row`] reads them.
pub const PROFILE_COLUMNS: &str = "guid, region, time_zone, discreet_notifications, created_at, updated_at, \
    unit_label, unit_number, own_emergency_label, own_emergency_number, own_crisis_label, own_crisis_number, mood_screens, rhd";

/// Reads a row selected with [`PROFILE_COLUMNS`].
pub fn profile_from_row(row: &Row<'_>) -> rusqlite::Result<Profile> {
    Ok(Profile {
        guid: row.get(0)?,
        region: row.get(1)?,
        time_zone: row.get(2)?,
        discreet_notifications: row.get(3)?,
        unit_number: from_columns(row.get(6)?, row.get(7)?),
        own_emergency_number: from_columns(row.get(8)?, row.get(9)?),
        own_crisis_number: from_columns(row.get(10)?, row.get(11)?),
        mood_screens: row.get(12)?,
        rhd: row.get(13)?,
        created_at: from_ms(row.get(4)?)?,
        updated_at: from_ms(row.get(5)?)?,
    })
}

static UPSERT_PROFILE: Upsert = Upsert::new(
    "profile",
    "id, guid, region, time_zone, discreet_notifications, created_at, updated_at, unit_label, unit_number, \
     own_emergency_label, own_emergency_number, own_crisis_label, own_crisis_number, mood_screens, rhd",
    &["id"],
);

/// Writes the profile (there is one row), keeping the newer of the stored and the incoming version.
pub fn upsert_profile(tx: &rusqlite::Connection, p: &Profile) -> rusqlite::Result<usize> {
    tx.prepare_cached(UPSERT_PROFILE.sql())?.execute(rusqlite::params![
        1,
        p.guid,
        p.region,
        p.time_zone,
        p.discreet_notifications,
        p.created_at.timestamp_millis(),
        p.updated_at.timestamp_millis(),
        p.unit_number.as_ref().map(|n| &n.label),
        p.unit_number.as_ref().map(|n| &n.number),
        p.own_emergency_number.as_ref().map(|n| &n.label),
        p.own_emergency_number.as_ref().map(|n| &n.number),
        p.own_crisis_number.as_ref().map(|n| &n.label),
        p.own_crisis_number.as_ref().map(|n| &n.number),
        p.mood_screens,
        p.rhd,
    ])
}

/// Marks a row deleted and clears its contents, keeping only what sync needs (guid and timestamps).
pub fn tombstone(
    tx: &rusqlite::Connection,
    table: &str,
    clear: &str,
    guid: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    // The mirror's copy of the row holds its words too: a deletion leaves none.
    tx.execute("DELETE FROM sync_mirror WHERE table_name = ?1 AND guid = ?2", [table, guid])?;
    let clear = if clear.is_empty() { String::new() } else { format!("{clear}, ") };
    tx.execute(
        &format!(
            "UPDATE {table} SET deleted = 1, {clear}updated_at = ?2, sync_change_counter = sync_change_counter + 1 \
             WHERE guid = ?1 AND deleted = 0"
        ),
        rusqlite::params![guid, now.timestamp_millis()],
    )
}
