//! Validation of reminders on the way in. Errors name the field and what is accepted; a title is never
//! repeated back (it may name a medication). RRULE text is normalised here (upper case, no `RRULE:` prefix,
//! UNTIL made explicit) so the stored rule never depends on the machine's zone.

use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rrule::{Frequency, RRule, Unvalidated};

use super::model::{NewReminder, QuietHours, Schedule};
use super::resolve::resolve_local;
use crate::error::{Error, Result};
use crate::journal::validate::{NAME_MAX_CHARS, time_zone};

/// The longest title, in characters.
pub const TITLE_MAX_CHARS: usize = NAME_MAX_CHARS;

/// A title: not blank, at most [`TITLE_MAX_CHARS`] characters.
pub fn title(text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::invalid("title", "can't be empty"));
    }
    if text.chars().count() > TITLE_MAX_CHARS {
        return Err(Error::invalid("title", format!("can be at most {TITLE_MAX_CHARS} characters")));
    }
    Ok(())
}

/// Normalises an RRULE as typed: trims, drops an `RRULE:` prefix, upper-cases, and rewrites UNTIL as an
/// explicit wall-clock date-time (`20261231` becomes `20261231T235959Z`). The rrule crate would otherwise read
/// an UNTIL without `Z` in the machine's local zone. Rules are read as wall-clock times (see recurrence.rs),
/// so the `Z` here means "the reminder's local time", not UTC.
pub fn normalise_rrule(text: &str) -> Result<String> {
    let mut rule = text.trim().to_ascii_uppercase();
    if let Some(rest) = rule.strip_prefix("RRULE:") {
        rule = rest.trim().to_owned();
    }
    if rule.is_empty() || rule.contains(['\n', '\r']) || rule.contains("DTSTART") {
        return Err(Error::invalid("rrule", "must be one rule such as FREQ=DAILY or FREQ=WEEKLY;BYDAY=MO,TH"));
    }
    let parts: Vec<String> = rule
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| match part.split_once('=') {
            Some(("UNTIL", value)) => normalise_until(value).map(|v| format!("UNTIL={v}")),
            _ => Ok(part.to_owned()),
        })
        .collect::<Result<_>>()?;
    let rule = parts.join(";");
    let parsed = parse_rule(&rule)?;
    match parsed.get_freq() {
        Frequency::Secondly | Frequency::Minutely => {
            return Err(Error::invalid("rrule", "can repeat at most every hour (FREQ=HOURLY)"));
        }
        _ => {}
    }
    if parsed.get_interval() == 0 {
        return Err(Error::invalid("rrule", "INTERVAL must be at least 1"));
    }
    if parsed.get_count() == Some(0) {
        return Err(Error::invalid("rrule", "COUNT must be at least 1"));
    }
    Ok(rule)
}

fn normalise_until(value: &str) -> Result<String> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match value.len() {
        8 if digits(value) => Ok(format!("{value}T235959Z")),
        15 if digits(&value[..8]) && &value[8..9] == "T" && digits(&value[9..]) => Ok(format!("{value}Z")),
        16 if digits(&value[..8]) && &value[8..9] == "T" && digits(&value[9..15]) && value.ends_with('Z') => {
            Ok(value.to_owned())
        }
        _ => Err(Error::invalid("rrule", "UNTIL must be a date like 20261231 or a date-time like 20261231T090000")),
    }
}

/// Parses a normalised rule.
pub(crate) fn parse_rule(rule: &str) -> Result<RRule<Unvalidated>> {
    rule.parse::<RRule<Unvalidated>>().map_err(|e| {
        Error::invalid("rrule", format!("is not a valid RFC 5545 rule ({})", strip_prefix(&e.to_string())))
    })
}

/// Checks a normalised rule against its start (UNTIL after the start, BY-parts allowed for the frequency).
pub(crate) fn check_rule_with_start(rule: &str, start: NaiveDateTime) -> Result<()> {
    super::recurrence::rule_set(rule, start).map(|_| ()).map_err(|e| {
        Error::invalid("rrule", format!("is not a valid RFC 5545 rule ({})", strip_prefix(&e.to_string())))
    })
}

fn strip_prefix(message: &str) -> String {
    let trimmed = message
        .trim_start_matches("RRule parsing error: ")
        .trim_start_matches("RRule validation error: ")
        .trim_end_matches('.');
    trimmed.to_owned()
}

/// A whole reminder. `now` and `current_zone` check that a new one-off is not already in the past; pass
/// `None` to skip that check (imports, and edits that keep the same time).
pub fn reminder(input: &NewReminder, past_check: Option<(DateTime<Utc>, Zone)>) -> Result<NewReminder> {
    title(&input.title)?;
    let zone = input.time_zone.as_deref().map(|z| time_zone("time_zone", z)).transpose()?;
    let schedule = match &input.schedule {
        Schedule::Once { date, time } => {
            if let Some((now, current)) = past_check {
                let at = resolve_local(zone.unwrap_or(current), date.and_time(time.naive()));
                if at < now {
                    return Err(Error::invalid("at", "is already in the past"));
                }
            }
            input.schedule.clone()
        }
        Schedule::Repeating { rrule, start, time } => {
            let rule = normalise_rrule(rrule)?;
            check_rule_with_start(&rule, start.and_time(time.naive()))?;
            Schedule::Repeating { rrule: rule, start: *start, time: *time }
        }
    };
    until(input.until, schedule.start())?;
    Ok(NewReminder { schedule, ..input.clone() })
}

fn until(until: Option<NaiveDate>, start: NaiveDate) -> Result<()> {
    match until {
        Some(end) if end < start => Err(Error::invalid("until", "can't be before the reminder starts")),
        _ => Ok(()),
    }
}

/// Quiet hours need a window: `from` and `to` must differ.
pub fn quiet_hours(quiet: &QuietHours) -> Result<()> {
    if quiet.from == quiet.to {
        return Err(Error::invalid("quiet_hours", "from and to must be different times"));
    }
    Ok(())
}
