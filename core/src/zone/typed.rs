//! Zones and times as a person types them: the CLI reads `--tz` and `--at` through here, and the apps pass the
//! device's zone the same way, so every interface takes the same words and refuses the same things.
//!
//! - A zone is an IANA name (`Europe/Dublin`). An abbreviation (`EST`, `IST`, `CET`) is refused with the
//!   IANA names it most likely means: an abbreviation names no place (IST is Irish, Israel and India Standard
//!   Time) and has no daylight-saving rules, so a fixed `EST` would be an hour out all summer.
//! - A time is RFC 3339 (`2026-05-14T09:30:00+01:00`), a local date and time (`2026-05-14 09:30`,
//!   `2026-05-14T09:30`) or a time alone (`09:30`, today), the local forms read in the current zone.
//! - A local time the clocks skipped (spring forward) is refused, naming the field: there is no such moment,
//!   and guessing could put an entry on the wrong side of another. A local time that happens twice (fall
//!   back) is the earlier of the two, the first time the clock showed it.
//!
//! Errors name the field and never repeat what was typed.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::Zone;
use crate::error::{Error, Result};

/// The forms a typed time may take, for error messages.
const TIME_FORMS: &str = "must be a time like 09:30 (today), 2026-05-14 09:30, or 2026-05-14T09:30:00+01:00";

/// What a zone typed by a person names: an IANA zone. Abbreviations are refused with a suggestion.
pub fn typed_zone(field: &str, text: &str) -> Result<Zone> {
    let text = text.trim();
    if let Some(suggestion) = abbreviation(text) {
        return Err(Error::invalid(
            field,
            format!(
                "is an abbreviation, which can mean more than one place and has no daylight-saving rules; \
                 use an IANA name such as {suggestion}"
            ),
        ));
    }
    Zone::named(text)
        .map_err(|_| Error::invalid(field, "must be an IANA time zone such as Europe/Dublin or America/New_York"))
}

/// The IANA names an abbreviation most likely means, if `text` looks like one: a known abbreviation in any
/// case (`EST`, `ist`), a POSIX rule built on one (`EST5EDT`), or any other 2 to 5 capital letters. Names in
/// the database written in words (`Japan`, `Eire`) are left to it.
fn abbreviation(text: &str) -> Option<&'static str> {
    let letters: String = text.chars().take_while(char::is_ascii_alphabetic).collect();
    let rest = &text[letters.len()..];
    let posix_tail = rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | ':'));
    if !(2..=5).contains(&letters.len()) || !posix_tail || text == "UTC" {
        return None;
    }
    let known = match letters.to_ascii_uppercase().as_str() {
        "EST" | "EDT" => "America/New_York",
        "CST" | "CDT" => "America/Chicago",
        "MST" | "MDT" => "America/Denver (or America/Phoenix, where the clocks never change)",
        "PST" | "PDT" => "America/Los_Angeles",
        "AKST" | "AKDT" => "America/Anchorage",
        "HST" => "Pacific/Honolulu",
        "GMT" | "BST" => "Europe/London (or UTC)",
        "IST" => "Europe/Dublin, Asia/Kolkata or Asia/Jerusalem",
        "WET" | "WEST" => "Europe/Lisbon",
        "CET" | "CEST" => "Europe/Paris or Europe/Berlin",
        "EET" | "EEST" => "Europe/Athens or Europe/Helsinki",
        "AEST" | "AEDT" => "Australia/Sydney",
        "ACST" | "ACDT" => "Australia/Adelaide",
        "AWST" => "Australia/Perth",
        "NZST" | "NZDT" => "Pacific/Auckland",
        "JST" => "Asia/Tokyo",
        "SAST" => "Africa/Johannesburg",
        "UTC" => "UTC",
        _ => "",
    };
    let capitals = letters.chars().all(|c| c.is_ascii_uppercase());
    match known {
        "" if capitals || !rest.is_empty() => Some("Europe/Dublin or America/New_York"),
        "" => None,
        known => Some(known),
    }
}

/// The instant a person means by `text`, with local forms read in `zone` and a time alone on `now`'s day there.
pub fn typed_instant(field: &str, text: &str, zone: Zone, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            return local_instant(field, local, zone);
        }
    }
    let time = NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| Error::invalid(field, TIME_FORMS))?;
    let today: NaiveDate = now.with_timezone(&zone).date_naive();
    local_instant(field, today.and_time(time), zone)
}

/// The instant for a wall-clock time in `zone`: the earlier of two in a fall-back hour, and an error naming
/// `field` for a time the clocks skipped.
pub fn local_instant(field: &str, local: NaiveDateTime, zone: Zone) -> Result<DateTime<Utc>> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, second) => Ok(first.min(second).with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            "is a time the clocks skipped when they went forward, so it never happened there; \
             use a time just before or after the change",
        )),
    }
}

#[cfg(test)]
mod tests;
