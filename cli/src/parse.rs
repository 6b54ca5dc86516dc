//! Parsing what a person types into core values. Health values arrive as text and are parsed here, so an
//! error names the field and what is accepted without repeating the value back.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use mend_core::journal::{Feeling, LegSigns, PainPlace, PainScores, Signs};
use mend_core::reminders::{SnoozeFor, TimeOfDay};
use mend_core::zone::Zone;

use crate::output::CliError;

/// An RFC 3339 instant.
pub fn instant(field: &str, text: &str) -> Result<DateTime<Utc>, CliError> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| CliError::field(field, "must be a time like 2026-05-14T09:30:00+01:00"))
}

/// A `YYYY-MM-DD` date.
pub fn date(field: &str, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| CliError::field(field, "must be a date like 2026-05-14"))
}

/// A 24-hour time of day, `HH:MM` (or `H:MM`).
pub fn time_of_day(field: &str, text: &str) -> Result<TimeOfDay, CliError> {
    Ok(TimeOfDay::parse(field, text)?)
}

/// When a one-off reminder fires: an RFC 3339 instant (`2026-06-02T15:00:00+01:00`) or a wall-clock
/// date and time with no offset (`2026-06-02T15:00`, `2026-06-02 15:00`), read in the reminder's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Instant(DateTime<Utc>),
    Local(NaiveDateTime),
}

/// Reads a [`When`].
pub fn when(field: &str, text: &str) -> Result<When, CliError> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(When::Instant(at.with_timezone(&Utc)));
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(When::Local(local));
        }
    }
    Err(CliError::field(field, "must be a time like 2026-06-02T15:00 or 2026-06-02T15:00:00+01:00"))
}

/// An IANA zone name (abbreviations such as `EST` are refused with a suggestion).
pub fn zone(field: &str, text: &str) -> Result<Zone, CliError> {
    Ok(mend_core::zone::typed_zone(field, text)?)
}

/// When an entry happened, as typed for `--at`: RFC 3339, `2026-05-14 09:30` or `09:30` (today), the local
/// forms read in `zone`.
pub fn entry_time(field: &str, text: &str, zone: Zone, now: DateTime<Utc>) -> Result<DateTime<Utc>, CliError> {
    Ok(mend_core::zone::typed_instant(field, text, zone, now)?)
}

/// `on` or `off` (also yes/no, true/false).
pub fn switch(field: &str, text: &str) -> Result<bool, CliError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Ok(true),
        "off" | "no" | "false" => Ok(false),
        _ => Err(CliError::field(field, "must be on or off")),
    }
}

/// How long to snooze: `10m`, `1h` or `tomorrow` (also `10min`, `60m`, `1hour`).
pub fn snooze(text: &str) -> Result<SnoozeFor, CliError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "10" | "10m" | "10min" | "10mins" | "10minutes" => Ok(SnoozeFor::TenMinutes),
        "1h" | "60m" | "1hour" | "60min" | "hour" => Ok(SnoozeFor::OneHour),
        "tomorrow" | "1d" => Ok(SnoozeFor::Tomorrow),
        _ => Err(CliError::field("for", "must be 10m, 1h or tomorrow")),
    }
}

/// A whole number from 0 to 255 (the core checks the real range and names the field).
pub fn small_number(field: &str, text: &str) -> Result<u8, CliError> {
    text.trim().parse().map_err(|_| CliError::field(field, "must be a whole number between 0 and 10"))
}

/// A decimal number.
pub fn decimal(field: &str, text: &str) -> Result<f64, CliError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| CliError::field(field, "must be a number such as 1 or 1.5"))
}

/// One code of an enumeration, e.g. `very-heavy`.
pub fn code<T: std::str::FromStr<Err = String>>(field: &str, text: &str) -> Result<T, CliError> {
    text.parse::<T>().map_err(|reason| CliError::field(field, &reason))
}

/// Comma-separated codes.
pub fn codes<T: std::str::FromStr<Err = String>>(field: &str, text: &str) -> Result<Vec<T>, CliError> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| code(field, s)).collect()
}

/// `cramps=4,back=3`.
pub fn pain(text: &str) -> Result<PainScores, CliError> {
    let mut scores = PainScores::default();
    for part in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (place, score) = part
            .split_once('=')
            .ok_or_else(|| CliError::field("pain", "use place=score pairs, like cramps=4,back=3"))?;
        let place: PainPlace = code("pain", place)?;
        let field = format!("pain.{place}");
        scores.set(place, Some(small_number(&field, score)?));
    }
    Ok(scores)
}

/// Feelings, comma-separated.
pub fn feelings(text: &str) -> Result<Vec<Feeling>, CliError> {
    codes("feelings", text)
}

/// Further signs by name, comma-separated (`vomiting,very-unwell`): every yes/no sign of the export's `signs`.
pub fn signs(text: &str, into: &mut Signs) -> Result<(), CliError> {
    for part in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !into.set_flag(part) {
            let names: Vec<String> = Signs::default().flags().iter().map(|(n, _)| n.replace('_', "-")).collect();
            return Err(CliError::field("signs", &format!("is not one of: {}", names.join(", "))));
        }
    }
    Ok(())
}

/// The form sections a check-in went through: ids, comma-separated, or `all`.
pub fn sections(text: &str) -> Result<Vec<String>, CliError> {
    use mend_core::journal::FORM_SECTIONS;
    let mut out = Vec::new();
    for part in text.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()) {
        if part == "all" {
            out.extend(FORM_SECTIONS.iter().map(|s| (*s).to_owned()));
        } else if FORM_SECTIONS.contains(&part.as_str()) {
            out.push(part);
        } else {
            return Err(CliError::field("answered", &format!("is not one of: all, {}", FORM_SECTIONS.join(", "))));
        }
    }
    Ok(out)
}

/// Leg signs: `swelling,warmth,redness` (any of them).
pub fn leg(field: &str, text: &str) -> Result<LegSigns, CliError> {
    let mut signs = LegSigns::default();
    for part in text.split(',').map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty()) {
        match part.as_str() {
            "swelling" | "swollen" => signs.swelling = true,
            "warmth" | "warm" => signs.warmth = true,
            "redness" | "red" => signs.redness = true,
            _ => return Err(CliError::field(field, "is not one of: swelling, warmth, redness")),
        }
    }
    Ok(signs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pain_pairs_parse_and_errors_name_the_field_without_the_value() {
        let p = pain("cramps=4, back=3,one-sided=7").unwrap();
        assert_eq!((p.cramps, p.back, p.one_sided), (Some(4), Some(3), Some(7)));
        let err = format!("{:?}", pain("cramps=lots").unwrap_err());
        assert!(err.contains("pain.cramps") && !err.contains("lots"), "{err}");
        assert!(format!("{:?}", pain("elbow=3").unwrap_err()).contains("is not one of"));
    }

    #[test]
    fn times_whens_switches_and_snoozes() {
        assert_eq!(time_of_day("time", "7:30").unwrap().to_string(), "07:30");
        let err = format!("{:?}", time_of_day("time", "7.30pm").unwrap_err());
        assert!(err.contains("time:") && !err.contains("7.30pm"), "{err}");
        assert!(matches!(when("at", "2026-06-02T15:00").unwrap(), When::Local(_)));
        assert!(matches!(when("at", "2026-06-02 15:00").unwrap(), When::Local(_)));
        assert_eq!(
            when("at", "2026-06-02T15:00:00+01:00").unwrap(),
            When::Instant("2026-06-02T14:00:00Z".parse().unwrap())
        );
        assert!(when("at", "tomorrow-ish").is_err());
        assert!(switch("discreet", "ON").unwrap() && !switch("discreet", "off").unwrap());
        assert!(switch("discreet", "maybe").is_err());
        assert_eq!(snooze("10m").unwrap(), SnoozeFor::TenMinutes);
        assert_eq!(snooze("1H").unwrap(), SnoozeFor::OneHour);
        assert_eq!(snooze("tomorrow").unwrap(), SnoozeFor::Tomorrow);
        assert!(snooze("a week").is_err());
        assert!(zone("tz", "Mars/Base").is_err());
    }

    #[test]
    fn leg_signs_and_feelings() {
        assert_eq!(leg("leg_left", "swollen,warm").unwrap(), LegSigns { swelling: true, warmth: true, redness: false });
        assert!(leg("leg_left", "blue").is_err());
        assert_eq!(feelings("grief,numbness").unwrap(), vec![Feeling::Grief, Feeling::Numbness]);
    }
}
