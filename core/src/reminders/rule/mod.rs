//! Recurrence rules: a small, zone-free RFC 5545 RRULE parser and expander.
//!
//! A [`Rule`] is parsed from normalised RRULE text (upper case, no `RRULE:` prefix, parts joined by `;`), for
//! example `FREQ=WEEKLY;BYDAY=MO,TH`, and expanded with [`Rule::occurrences`] into floating wall-clock
//! date-times. Time zones are someone else's business: UNTIL is read as wall-clock time even when it ends in `Z`.
//!
//! The expansion follows the `rrule` crate (a port of python-dateutil) used with a UTC DTSTART. The deliberate
//! differences from it are listed at the top of `parse.rs` (what is accepted) and `expand.rs` (what is generated).

mod bits;
mod calendar;
mod expand;
mod filter;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{NaiveDateTime, Weekday};

use self::bits::Signed;
pub use self::expand::Occurrences;

/// How often a rule repeats (FREQ). Anything faster than hourly is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// Why a rule was refused. `reason` names the rule part and what it accepts, and never repeats the rule text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub reason: String,
}

impl RuleError {
    fn new(reason: impl Into<String>) -> Self {
        Self { reason: reason.into() }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for RuleError {}

/// A parsed, validated recurrence rule. Lists are stored as bit sets, so equal rules compare equal whatever
/// the order or repetition of their list values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    freq: Frequency,
    interval: u32,
    count: Option<u32>,
    until: Option<NaiveDateTime>,
    week_start: Weekday,
    /// BYMONTH: bit `m` for month `m` (1..=12).
    by_month: u16,
    /// BYMONTHDAY: ±1..=31.
    by_month_day: Signed<1>,
    /// BYYEARDAY: ±1..=366.
    by_year_day: Signed<6>,
    /// BYDAY without a number: bit 0 for Monday .. bit 6 for Sunday.
    by_weekday: u8,
    /// BYDAY with a number (1MO, -1SU), per weekday from Monday: ±1..=53.
    by_weekday_nth: [Signed<1>; 7],
    /// BYHOUR: bit `h` for hour `h` (0..=23).
    by_hour: u32,
    /// BYMINUTE: bit `m` for minute `m` (0..=59).
    by_minute: u64,
    /// BYSETPOS: ±1..=366.
    by_set_pos: Signed<6>,
}

impl Rule {
    pub fn frequency(&self) -> Frequency {
        self.freq
    }

    pub fn interval(&self) -> u32 {
        self.interval
    }

    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// The last allowed wall-clock date-time, inclusive.
    pub fn until(&self) -> Option<NaiveDateTime> {
        self.until
    }

    /// Refuses a rule whose UNTIL lies before the reminder's first date-time.
    pub fn check_start(&self, start: NaiveDateTime) -> Result<(), RuleError> {
        match self.until {
            Some(until) if until < start => Err(RuleError::new("UNTIL can't be before the reminder starts")),
            _ => Ok(()),
        }
    }

    /// Occurrences at or after `start`, in increasing order, ending at COUNT/UNTIL; bounded (see below).
    ///
    /// `start` plays the part of DTSTART: it is an occurrence only if it matches the rule, and it supplies
    /// whatever the rule leaves open (the weekday of a WEEKLY rule, the day of a MONTHLY one, the time of day,
    /// the seconds). The iterator ends after 10,000 periods in a row without an occurrence, and never goes past
    /// the year 9999.
    pub fn occurrences(&self, start: NaiveDateTime) -> Occurrences {
        Occurrences::new(self.clone(), start)
    }

    /// Whether any BYxxx part other than BYSETPOS is present.
    fn has_by_part(&self) -> bool {
        self.by_month != 0
            || !self.by_month_day.is_empty()
            || !self.by_year_day.is_empty()
            || self.has_by_day()
            || self.by_hour != 0
            || self.by_minute != 0
    }

    fn has_by_day(&self) -> bool {
        self.by_weekday != 0 || self.has_nth_weekday()
    }

    fn has_nth_weekday(&self) -> bool {
        self.by_weekday_nth.iter().any(|nth| !nth.is_empty())
    }
}
