//! Validation of reminders on the way in. Errors name the field and what is accepted; a title is never
//! repeated back (it may name a medication). RRULE text is normalised here (upper case, no `RRULE:` prefix,
//! UNTIL made explicit) so the stored rule never depends on the machine's zone.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::model::{NewReminder, QuietHours, Schedule};
use super::resolve::resolve_local;
use super::rule::Rule;
use crate::error::{Error, Result};
use crate::journal::validate::{NAME_MAX_CHARS, time_zone};
use crate::zone::Zone;

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
/// explicit wall-clock date-time (`20261231` becomes `20261231T235959Z`), so every stored rule has one form
/// that any RFC 5545 reader takes. Rules are read as wall-clock times (see recurrence.rs), so the `Z` here means
/// "the reminder's local time", not UTC.
pub fn normalise_rrule(text: &str) -> Result<String> {
    let mut rule = text.trim().to_ascii_uppercase();
    if let Some(rest) = rule.strip_prefix("RRULE:") {
        rule = rest.trim().to_owned();
    }
    if rule.is_empty() || rule.contains(['\n', '\r']) || rule.contains("DTSTART") {
        return Err(Error::invalid("rrule", "must be one rule such as FREQ=DAILY or FREQ=WEEKLY;BYDAY=MO,TH"));
    }
    let parts: Vec<&str> = rule.split(';').map(str::trim).filter(|p| !p.is_empty()).collect();
    let parsed = parse_rule(&parts.join(";"))?;
    // UNTIL in its one stored form, read back from the parsed rule (the parser knows the forms it accepts).
    let until = parsed.until().map(|at| format!("UNTIL={}", at.format("%Y%m%dT%H%M%SZ")));
    let parts: Vec<&str> = parts
        .into_iter()
        .map(|part| if part.starts_with("UNTIL=") { until.as_deref().unwrap_or(part) } else { part })
        .collect();
    Ok(parts.join(";"))
}

/// Parses a normalised rule; what is wrong is named under the field `rrule` (rules are not health data).
pub(crate) fn parse_rule(rule: &str) -> Result<Rule> {
    rule.parse::<Rule>().map_err(|e| Error::invalid("rrule", e.reason))
}

/// Checks a normalised rule against its start (UNTIL not before the start).
pub(crate) fn check_rule_with_start(rule: &str, start: NaiveDateTime) -> Result<()> {
    parse_rule(rule)?.check_start(start).map_err(|e| Error::invalid("rrule", e.reason))
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
