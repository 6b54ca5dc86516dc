//! Validation of everything written to the journal. Each rule names the field it guards and says what is
//! accepted, never echoing the value (it may be health data). Limits are constants so tests can sit on them.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::model::{CheckInData, EventDetails, FORM_SECTIONS, NewLoss, ProfileInput};
use crate::error::{Error, Result};
use crate::zone::Zone;

pub const SCORE_MAX: u8 = 10;
pub const TEMPERATURE_MIN_C: f64 = 30.0;
pub const TEMPERATURE_MAX_C: f64 = 43.0;
pub const PADS_PER_HOUR_MAX: f64 = 20.0;
pub const SLEEP_HOURS_MAX: f64 = 24.0;
/// The longest soaking duration a check-in can give, in hours.
pub const SOAKING_HOURS_MAX: f64 = 72.0;
pub const NOTE_MAX_CHARS: usize = 10_000;
pub const NAME_MAX_CHARS: usize = 200;
pub const WEEKS_MIN: u8 = 1;
pub const WEEKS_MAX: u8 = 45;
pub const HCG_MAX: f64 = 1_000_000.0;
/// How far ahead of the clock an entry's time may be (phones' clocks drift).
pub const FUTURE_TOLERANCE: Duration = Duration::minutes(10);

/// Parses an IANA zone name.
pub fn time_zone(field: &str, name: &str) -> Result<Zone> {
    name.parse::<Zone>().map_err(|_| Error::invalid(field, "must be an IANA time zone such as Europe/Dublin"))
}

/// An instant no more than [`FUTURE_TOLERANCE`] after `now`.
pub fn instant(field: &str, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    if at > now + FUTURE_TOLERANCE {
        return Err(Error::invalid(field, "can't be in the future"));
    }
    Ok(())
}

fn score(field: &str, value: Option<u8>) -> Result<()> {
    match value {
        Some(v) if v > SCORE_MAX => Err(Error::invalid(field, "must be between 0 and 10")),
        _ => Ok(()),
    }
}

fn within(field: &str, value: Option<f64>, min: f64, max: f64, what: &str) -> Result<()> {
    match value {
        Some(v) if !v.is_finite() || v < min || v > max => Err(Error::invalid(field, what)),
        _ => Ok(()),
    }
}

/// Optional free text up to `max` characters.
pub fn text(field: &str, value: Option<&str>, max: usize) -> Result<()> {
    match value {
        Some(t) if t.chars().count() > max => Err(Error::invalid(field, format!("can be at most {max} characters"))),
        _ => Ok(()),
    }
}

/// A check-in's contents.
pub fn checkin(data: &CheckInData) -> Result<()> {
    within("pads_per_hour", data.pads_per_hour, 0.0, PADS_PER_HOUR_MAX, "must be between 0 and 20")?;
    // The field's name is only built for the error (this runs for every check-in of an import).
    if let Some(place) = super::codes::PainPlace::ALL.iter().find(|p| data.pain.get(**p).is_some_and(|v| v > SCORE_MAX))
    {
        score(&format!("pain.{place}"), data.pain.get(*place))?;
    }
    within(
        "temperature_c",
        data.temperature_c,
        TEMPERATURE_MIN_C,
        TEMPERATURE_MAX_C,
        "must be between 30.0 and 43.0 °C (for Fahrenheit add F, as in 100.4F)",
    )?;
    score("mood", data.mood)?;
    score("energy", data.energy)?;
    within("sleep_hours", data.sleep_hours, 0.0, SLEEP_HOURS_MAX, "must be between 0 and 24 hours")?;
    within("signs.soaking_hours", data.signs.soaking_hours, 0.0, SOAKING_HOURS_MAX, "must be between 0 and 72 hours")?;
    if data.answered.iter().any(|s| !FORM_SECTIONS.contains(&s.as_str())) {
        let known = FORM_SECTIONS.join(", ");
        return Err(Error::invalid("answered", format!("can list only the form's sections: {known}")));
    }
    text("note", data.note.as_deref(), NOTE_MAX_CHARS)
}

/// An event's details and note.
pub fn event(details: &EventDetails, note: Option<&str>) -> Result<()> {
    match details {
        EventDetails::Test { hcg, .. } => within("hcg", *hcg, 0.0, HCG_MAX, "must be between 0 and 1,000,000 IU/L")?,
        EventDetails::Medication { name, dose, .. } => {
            if name.trim().is_empty() {
                return Err(Error::invalid("name", "can't be empty"));
            }
            text("name", Some(name), NAME_MAX_CHARS)?;
            text("dose", dose.as_deref(), NAME_MAX_CHARS)?;
        }
        EventDetails::Appointment { with_whom } => text("with_whom", with_whom.as_deref(), NAME_MAX_CHARS)?,
        EventDetails::Session { pain_before, pain_after, therapist, .. } => {
            score("pain_before", *pain_before)?;
            score("pain_after", *pain_after)?;
            text("therapist", therapist.as_deref(), NAME_MAX_CHARS)?;
        }
        EventDetails::Memorial { name, .. } => text("name", name.as_deref(), NAME_MAX_CHARS)?,
        EventDetails::PeriodStart
        | EventDetails::PeriodEnd
        | EventDetails::GoAhead { .. }
        | EventDetails::FollowUpEnded { .. }
        | EventDetails::Surgery { .. } => {}
    }
    text("note", note, NOTE_MAX_CHARS)
}

/// A loss: weeks 1-45 and a date that is not after `today` (the person's local date).
pub fn loss(loss: &NewLoss, today: NaiveDate) -> Result<()> {
    if !(WEEKS_MIN..=WEEKS_MAX).contains(&loss.weeks) {
        return Err(Error::invalid("weeks", "must be between 1 and 45"));
    }
    if loss.loss_date > today {
        return Err(Error::invalid("loss_date", "can't be in the future"));
    }
    if let Some(at) = loss.loss_at {
        // The loss time can't be after the end of `today` in any zone (the exact check needs the clock, below).
        if at.date_naive() > today + Duration::days(1) {
            return Err(Error::invalid("loss_at", "can't be in the future"));
        }
    }
    Ok(())
}

/// Profile settings: an IANA zone and, if given, a region ([`super::region::normalise`]).
pub fn profile(input: &ProfileInput) -> Result<()> {
    time_zone("time_zone", &input.time_zone)?;
    if let Some(region) = &input.region {
        super::region::normalise(region)?;
    }
    own_numbers(input)?;
    Ok(())
}

/// The profile's own numbers, checked (errors name the field: `unit_number.number`…).
pub fn own_numbers(input: &ProfileInput) -> Result<[Option<super::OwnNumber>; 3]> {
    let check = |field: &str, n: &Option<super::NumberInput>| {
        n.as_ref().map(|n| super::numbers::own_number(field, n)).transpose()
    };
    Ok([
        check("unit_number", &input.unit_number)?,
        check("own_emergency_number", &input.own_emergency_number)?,
        check("own_crisis_number", &input.own_crisis_number)?,
    ])
}

/// Reads a temperature typed by a person: `37.2`, `37.2C`, `100.4F`, `100.4 °F`. No unit means Celsius.
/// Fahrenheit is converted to Celsius, rounded to one decimal. The range is checked by [`checkin`].
pub fn parse_temperature(text: &str) -> Result<f64> {
    let cleaned: String = text.trim().chars().filter(|c| *c != '°' && !c.is_whitespace()).collect();
    let (number, fahrenheit) = match cleaned.chars().last() {
        Some('F' | 'f') => (&cleaned[..cleaned.len() - 1], true),
        Some('C' | 'c') => (&cleaned[..cleaned.len() - 1], false),
        _ => (cleaned.as_str(), false),
    };
    let value: f64 = number
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| Error::invalid("temperature_c", "must be a number such as 37.2 or 100.4F"))?;
    let celsius = if fahrenheit { (value - 32.0) * 5.0 / 9.0 } else { value };
    let rounded = (celsius * 10.0).round() / 10.0;
    if !rounded.is_finite() {
        return Err(Error::invalid("temperature_c", "must be a number such as 37.2 or 100.4F"));
    }
    Ok(rounded)
}

/// Sorts and de-duplicates the feelings so the same set is always stored the same way.
pub fn normalise(data: &mut CheckInData) {
    data.feelings.sort_unstable();
    data.feelings.dedup();
    data.answered.sort_by_key(|s| FORM_SECTIONS.iter().position(|k| k == s));
    data.answered.dedup();
}

#[cfg(test)]
mod tests;
