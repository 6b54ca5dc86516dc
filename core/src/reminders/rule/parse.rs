//! Rule text -> [`Rule`]: splits the parts, reads each value, and applies the RFC 5545 combination rules.
//!
//! Accepted: FREQ (HOURLY..YEARLY), INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYYEARDAY, BYDAY, BYHOUR,
//! BYMINUTE, BYSETPOS and WKST, in upper case, joined by `;` (empty parts are skipped). Deliberately stricter
//! than the `rrule` crate, which accepts all of these:
//! - FREQ=SECONDLY/MINUTELY, BYSECOND and BYWEEKNO (reminders are set to the minute, no week numbers);
//! - INTERVAL=0 and COUNT=0 (the crate then yields nothing), and COUNT together with UNTIL (RFC: MUST NOT);
//! - BYSETPOS with no other BYxxx part (RFC 5545 requires one; the crate counts the time it fills in from DTSTART);
//! - a numbered BYDAY (1MO) with FREQ other than MONTHLY/YEARLY (the crate ignores such a day entirely, so
//!   `FREQ=WEEKLY;BYDAY=1MO` fires every day);
//! - BYMONTHDAY with WEEKLY even when all days are negative (the crate only checks positive ones);
//! - `BYMONTHDAY=0` (the crate silently drops it) and `0MO` (the crate reads it as `MO`);
//! - empty lists (`BYMONTH=`), signs on unsigned values (`BYHOUR=+9`), lower case, and the `BYWEEKDAY` alias.
//!
//! Deliberately more lenient: BYSETPOS is ±1..=366 for every FREQ (the crate narrows it per FREQ, e.g. ±31 for
//! MONTHLY), and a numbered BYDAY may be ±1..=5 with MONTHLY and ±1..=53 with YEARLY (the crate refuses -5 and
//! -53). UNTIL is wall-clock time: `YYYYMMDDTHHMMSSZ`, `YYYYMMDDTHHMMSS`, or `YYYYMMDD` meaning the end of that day
//! (the crate reads the last two in the machine's zone, and a bare date as its midnight).

use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use super::bits::Signed;
use super::{Frequency, Rule, RuleError};

const PARTS: &str = "FREQ, INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYYEARDAY, BYDAY, BYHOUR, BYMINUTE, \
                     BYSETPOS or WKST";
const MAX_INTERVAL: u32 = u16::MAX as u32;

impl FromStr for Rule {
    type Err = RuleError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut rule = Rule {
            freq: Frequency::Daily,
            interval: 1,
            count: None,
            until: None,
            week_start: Weekday::Mon,
            by_month: 0,
            by_month_day: Signed::EMPTY,
            by_year_day: Signed::EMPTY,
            by_weekday: 0,
            by_weekday_nth: [Signed::EMPTY; 7],
            by_hour: 0,
            by_minute: 0,
            by_set_pos: Signed::EMPTY,
        };
        let mut seen = 0u16;
        for part in text.split(';').filter(|part| !part.is_empty()) {
            let Some((name, value)) = part.split_once('=') else {
                return Err(RuleError::new("each rule part must look like NAME=VALUE, such as FREQ=DAILY"));
            };
            let part = Part::named(name)?;
            if seen & part.bit() != 0 {
                return Err(RuleError::new(format!("{} can only be given once", part.name())));
            }
            seen |= part.bit();
            part.read(value, &mut rule)?;
        }
        if seen & Part::Freq.bit() == 0 {
            return Err(RuleError::new("FREQ is required, such as FREQ=DAILY or FREQ=WEEKLY"));
        }
        check_combinations(&rule)?;
        Ok(rule)
    }
}

/// RFC 5545 section 3.3.10: which parts may be combined with which.
fn check_combinations(rule: &Rule) -> Result<(), RuleError> {
    if rule.count.is_some() && rule.until.is_some() {
        return Err(RuleError::new("COUNT and UNTIL can't be used together; give one of them"));
    }
    if !rule.by_month_day.is_empty() && rule.freq == Frequency::Weekly {
        return Err(RuleError::new("BYMONTHDAY can't be used with FREQ=WEEKLY"));
    }
    if !rule.by_year_day.is_empty() && matches!(rule.freq, Frequency::Daily | Frequency::Weekly | Frequency::Monthly) {
        return Err(RuleError::new("BYYEARDAY can only be used with FREQ=YEARLY or FREQ=HOURLY"));
    }
    if rule.has_nth_weekday() {
        let largest = rule.by_weekday_nth.iter().map(Signed::max_magnitude).max().unwrap_or(0);
        match rule.freq {
            Frequency::Monthly if largest > 5 => {
                return Err(RuleError::new("BYDAY numbers must be 1 to 5 or -5 to -1 with FREQ=MONTHLY, as in 2TU"));
            }
            Frequency::Monthly | Frequency::Yearly => {}
            _ => {
                return Err(RuleError::new(
                    "BYDAY numbers such as 1MO or -1SU need FREQ=MONTHLY or FREQ=YEARLY; use plain days such as MO",
                ));
            }
        }
    }
    if !rule.by_set_pos.is_empty() && !rule.has_by_part() {
        return Err(RuleError::new("BYSETPOS needs another BY part to pick from, such as BYDAY or BYMONTHDAY"));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Freq,
    Interval,
    Count,
    Until,
    ByMonth,
    ByMonthDay,
    ByYearDay,
    ByDay,
    ByHour,
    ByMinute,
    BySetPos,
    WeekStart,
}

// `Part::name` indexes `NAMES` by the variant's number: the table must stay in declaration order.
const _: () = {
    let mut i = 0;
    while i < Part::NAMES.len() {
        assert!(Part::NAMES[i].0 as usize == i, "Part::NAMES is out of declaration order");
        i += 1;
    }
};

impl Part {
    /// Every part, in declaration order, with its name in rule text.
    const NAMES: [(Part, &'static str); 12] = [
        (Self::Freq, "FREQ"),
        (Self::Interval, "INTERVAL"),
        (Self::Count, "COUNT"),
        (Self::Until, "UNTIL"),
        (Self::ByMonth, "BYMONTH"),
        (Self::ByMonthDay, "BYMONTHDAY"),
        (Self::ByYearDay, "BYYEARDAY"),
        (Self::ByDay, "BYDAY"),
        (Self::ByHour, "BYHOUR"),
        (Self::ByMinute, "BYMINUTE"),
        (Self::BySetPos, "BYSETPOS"),
        (Self::WeekStart, "WKST"),
    ];

    fn named(name: &str) -> Result<Self, RuleError> {
        if let Some((part, _)) = Self::NAMES.iter().find(|(_, known)| *known == name) {
            return Ok(*part);
        }
        Err(match name {
            "BYSECOND" => RuleError::new("BYSECOND is not supported: reminders are set to the minute"),
            "BYWEEKNO" => RuleError::new(
                "BYWEEKNO is not supported: week numbers are not supported, use BYMONTH, BYDAY or BYYEARDAY",
            ),
            // Only a short upper-case word is repeated back; anything else may be text that was never meant
            // to be a part name.
            _ if (2..=12).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase()) => {
                RuleError::new(format!("{name} is not a rule part; use {PARTS}"))
            }
            _ => RuleError::new(format!("the rule has a part that is not one of {PARTS}")),
        })
    }

    fn name(self) -> &'static str {
        Self::NAMES[self as usize].1
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }

    fn read(self, value: &str, rule: &mut Rule) -> Result<(), RuleError> {
        match self {
            Self::Freq => rule.freq = frequency(value)?,
            Self::Interval => rule.interval = interval(value)?,
            Self::Count => rule.count = Some(count(value)?),
            Self::Until => {
                rule.until = Some(until(value).ok_or_else(|| {
                    RuleError::new("UNTIL must be a date like 20261231 or a date-time like 20261231T090000")
                })?);
            }
            Self::ByMonth => {
                rule.by_month = unsigned_bits(value, 1, 12)
                    .and_then(|bits| u16::try_from(bits).ok())
                    .ok_or_else(|| RuleError::new("BYMONTH must be months 1 to 12, separated by commas"))?;
            }
            Self::ByMonthDay => {
                rule.by_month_day = signed(value, 31).ok_or_else(|| {
                    RuleError::new("BYMONTHDAY must be days of the month 1 to 31 or -31 to -1, separated by commas")
                })?;
            }
            Self::ByYearDay => {
                rule.by_year_day = signed(value, 366).ok_or_else(|| {
                    RuleError::new("BYYEARDAY must be days of the year 1 to 366 or -366 to -1, separated by commas")
                })?;
            }
            Self::ByDay => by_day(value, rule).ok_or_else(|| {
                RuleError::new(
                    "BYDAY must be days such as MO or 1MO (numbers 1 to 53 or -53 to -1), separated by commas",
                )
            })?,
            Self::ByHour => {
                rule.by_hour = unsigned_bits(value, 0, 23)
                    .and_then(|bits| u32::try_from(bits).ok())
                    .ok_or_else(|| RuleError::new("BYHOUR must be hours 0 to 23, separated by commas"))?;
            }
            Self::ByMinute => {
                rule.by_minute = unsigned_bits(value, 0, 59)
                    .ok_or_else(|| RuleError::new("BYMINUTE must be minutes 0 to 59, separated by commas"))?;
            }
            Self::BySetPos => {
                rule.by_set_pos = signed(value, 366).ok_or_else(|| {
                    RuleError::new("BYSETPOS must be positions 1 to 366 or -366 to -1, separated by commas")
                })?;
            }
            Self::WeekStart => {
                rule.week_start =
                    weekday(value).ok_or_else(|| RuleError::new("WKST must be a day such as MO or SU"))?;
            }
        }
        Ok(())
    }
}

fn frequency(value: &str) -> Result<Frequency, RuleError> {
    Ok(match value {
        "HOURLY" => Frequency::Hourly,
        "DAILY" => Frequency::Daily,
        "WEEKLY" => Frequency::Weekly,
        "MONTHLY" => Frequency::Monthly,
        "YEARLY" => Frequency::Yearly,
        "MINUTELY" | "SECONDLY" => return Err(RuleError::new("can repeat at most every hour (FREQ=HOURLY)")),
        _ => return Err(RuleError::new("FREQ must be HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY")),
    })
}

fn interval(value: &str) -> Result<u32, RuleError> {
    match whole_number(value) {
        Some(Some(0)) => Err(RuleError::new("INTERVAL must be at least 1")),
        Some(Some(n)) if n <= MAX_INTERVAL => Ok(n),
        Some(_) => Err(RuleError::new(format!("INTERVAL must be at most {MAX_INTERVAL}"))),
        None => Err(RuleError::new("INTERVAL must be a whole number such as 2")),
    }
}

fn count(value: &str) -> Result<u32, RuleError> {
    match whole_number(value) {
        Some(Some(0)) => Err(RuleError::new("COUNT must be at least 1")),
        Some(Some(n)) => Ok(n),
        Some(None) => Err(RuleError::new(format!("COUNT must be at most {}", u32::MAX))),
        None => Err(RuleError::new("COUNT must be a whole number such as 10")),
    }
}

/// `None` if `value` is not all digits; `Some(None)` if it is but does not fit a `u32`.
fn whole_number(value: &str) -> Option<Option<u32>> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(value.parse().ok())
}

/// `YYYYMMDDTHHMMSSZ`, `YYYYMMDDTHHMMSS`, or `YYYYMMDD` (the end of that day), all as wall-clock time.
fn until(value: &str) -> Option<NaiveDateTime> {
    let date = value.get(..8)?;
    let date =
        NaiveDate::from_ymd_opt(i32::try_from(digits(date, 0, 4)?).ok()?, digits(date, 4, 2)?, digits(date, 6, 2)?)?;
    let time = match value.get(8..)? {
        "" => return date.and_hms_opt(23, 59, 59),
        time => time.strip_prefix('T')?,
    };
    let time = time.strip_suffix('Z').unwrap_or(time);
    if time.len() != 6 {
        return None;
    }
    date.and_hms_opt(digits(time, 0, 2)?, digits(time, 2, 2)?, digits(time, 4, 2)?)
}

/// The number written by `len` ASCII digits at `at` in `text`.
fn digits(text: &str, at: usize, len: usize) -> Option<u32> {
    let field = text.get(at..at.checked_add(len)?)?;
    field.bytes().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// A comma-separated list of `min..=max` (at most 63) as bits; `None` if any item is malformed or out of range.
fn unsigned_bits(value: &str, min: u32, max: u32) -> Option<u64> {
    items(value).try_fold(0u64, |bits, item| {
        let n = whole_number(item)??;
        (min..=max).contains(&n).then(|| bits | (1 << n))
    })
}

/// A comma-separated list of `±1..=max`, each with an optional sign.
fn signed<const W: usize>(value: &str, max: u32) -> Option<Signed<W>> {
    let mut set = Signed::EMPTY;
    for item in items(value) {
        let n = signed_number(item, max)?;
        set.insert(n).then_some(())?;
    }
    Some(set)
}

/// `[+|-]digits` with a magnitude of `1..=max`.
fn signed_number(item: &str, max: u32) -> Option<i32> {
    let (negative, digits) = match item.as_bytes().first() {
        Some(b'-') => (true, &item[1..]),
        Some(b'+') => (false, &item[1..]),
        _ => (false, item),
    };
    let magnitude = whole_number(digits)??;
    if !(1..=max).contains(&magnitude) {
        return None;
    }
    let magnitude = i32::try_from(magnitude).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// The items of a comma-separated list. An empty list or an empty item comes out as an item `""`, which no
/// reader accepts, so `BYMONTH=` and `BYMONTH=1,,2` are refused.
fn items(value: &str) -> impl Iterator<Item = &str> {
    value.split(',')
}

/// BYDAY: `MO`, `1MO`, `+2TU`, `-1SU`, comma-separated.
fn by_day(value: &str, rule: &mut Rule) -> Option<()> {
    for item in items(value) {
        let split = item.len().checked_sub(2)?;
        let (number, day) = (item.get(..split)?, item.get(split..)?);
        let day = weekday(day)?.num_days_from_monday();
        if number.is_empty() {
            rule.by_weekday |= 1 << day;
        } else {
            let n = signed_number(number, 53)?;
            let slot = rule.by_weekday_nth.get_mut(usize::try_from(day).ok()?)?;
            slot.insert(n).then_some(())?;
        }
    }
    Some(())
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}
