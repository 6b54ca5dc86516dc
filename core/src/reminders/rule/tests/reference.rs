//! Test helpers: run a rule through our expander and through the `rrule` crate, the reference.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use rrule::{RRule, RRuleSet, Tz, Unvalidated};

use super::super::{Rule, RuleError};

pub(super) fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, month, day).and_then(|d| d.and_hms_opt(hour, minute, 0)).expect("test date")
}

/// Our first `n` occurrences, or the reason the rule (or its UNTIL against `start`) was refused.
pub(super) fn ours(rule: &str, start: NaiveDateTime, n: usize) -> Result<Vec<NaiveDateTime>, String> {
    let rule: Rule = rule.parse().map_err(|e: RuleError| e.reason)?;
    rule.check_start(start).map_err(|e| e.reason)?;
    Ok(rule.occurrences(start).take(n).collect())
}

/// The crate's first `n` occurrences with DTSTART = `start` in UTC, or its error. With `limited`, the crate
/// gives up after 100,000 periods in a row without an occurrence; without, it goes on to the year 10000.
pub(super) fn theirs(rule: &str, start: NaiveDateTime, n: usize, limited: bool) -> Result<Vec<NaiveDateTime>, String> {
    let dt_start = Tz::UTC.from_utc_datetime(&start);
    let rule = rule.parse::<RRule<Unvalidated>>().map_err(|e| e.to_string())?;
    let rule = rule.validate(dt_start).map_err(|e| e.to_string())?;
    let set = RRuleSet::new(dt_start).rrule(rule);
    let set = if limited { set.limit() } else { set };
    Ok(set.into_iter().take(n).map(|d| d.naive_utc()).collect())
}
