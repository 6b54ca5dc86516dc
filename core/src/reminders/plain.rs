//! Reminders made in plain words: "every day", "every weekday", "every Monday and Thursday", "every month",
//! "every year", at one or more times, turned into the RFC 5545 rule Mend stores. The CLI's `--every`, `--on`
//! and `--times` and both apps' pickers build schedules here, so all three write the same rules.
//!
//! Rules Mend writes:
//! - day: `FREQ=DAILY`; weekday: `FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR`; week: `FREQ=WEEKLY;BYDAY=` the days
//!   chosen, else the start's weekday.
//! - month: `FREQ=MONTHLY;BYMONTHDAY=` the start's day. Started on the 31st it is `BYMONTHDAY=-1`, the last
//!   day of every month; on the 29th or 30th it is the last of the days 28 up to that day in each month
//!   (`BYMONTHDAY=28,29,30;BYSETPOS=-1`), so it rings on the 30th when there is one and on the last day of a
//!   shorter month, never skipping February. (A raw `--rrule` keeps RFC 5545's meaning: months without the
//!   day are skipped.)
//! - year: `FREQ=YEARLY;BYMONTH=…;BYMONTHDAY=…`; started on 29 February it is the last day of February.
//! - more than one time: `BYHOUR` and `BYMINUTE` (the times must be every hour with every minute, as in
//!   09:00 and 21:00, or 08:00, 08:30, 20:00 and 20:30), and `BYSETPOS` counts all the times of the last day.

use chrono::{Datelike, NaiveDate, Weekday};

use super::model::Schedule;
use super::time_of_day::TimeOfDay;
use crate::codes;
use crate::error::{Error, Result};

codes! {
    /// How often a reminder made in words repeats.
    pub enum Every { Day = "day", Weekday = "weekday", Week = "week", Month = "month", Year = "year" }
}

codes! {
    /// A day of the week, for "every Monday and Thursday".
    pub enum DayOfWeek {
        Monday = "mon", Tuesday = "tue", Wednesday = "wed", Thursday = "thu", Friday = "fri", Saturday = "sat",
        Sunday = "sun",
    }
}

impl DayOfWeek {
    /// The day's RRULE code (`MO`).
    pub fn rule_code(self) -> &'static str {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self.index()]
    }

    /// The day's name, "Monday".
    pub fn name(self) -> &'static str {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.index()]
    }

    /// The day `date` falls on.
    pub fn of(date: NaiveDate) -> DayOfWeek {
        DayOfWeek::ALL[date.weekday().num_days_from_monday() as usize]
    }

    /// The day with this RRULE code, if any.
    pub fn from_rule_code(code: &str) -> Option<DayOfWeek> {
        DayOfWeek::ALL.iter().copied().find(|d| d.rule_code() == code)
    }

    fn index(self) -> usize {
        DayOfWeek::ALL.iter().position(|d| *d == self).unwrap_or(0)
    }
}

impl From<Weekday> for DayOfWeek {
    fn from(day: Weekday) -> DayOfWeek {
        DayOfWeek::ALL[day.num_days_from_monday() as usize]
    }
}

/// A repeating schedule in words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PlainSchedule {
    pub every: Every,
    /// For `Week`: the days (none means the start's weekday). Other choices take none.
    pub on: Vec<DayOfWeek>,
    /// One or more times of day.
    pub times: Vec<TimeOfDay>,
    /// The first day; a monthly or yearly reminder repeats on this day of the month.
    pub start: NaiveDate,
}

/// The schedule, with Mend's rule, for a reminder made in words. Errors name `every`, `on` or `times`.
pub fn schedule_in_words(plain: &PlainSchedule) -> Result<Schedule> {
    let mut times = plain.times.clone();
    times.sort_unstable();
    times.dedup();
    let Some(first) = times.first().copied() else {
        return Err(Error::invalid("times", "needs at least one time, like 09:00"));
    };
    let mut parts = vec![base_rule(plain)?];
    let per_day = times.len();
    if per_day > 1 {
        parts.push(times_rule(&times)?);
    }
    if let Some(days) = last_days(plain) {
        let positions: Vec<String> = (1..=per_day).rev().map(|n| format!("-{n}")).collect();
        parts.push(format!("BYMONTHDAY={days};BYSETPOS={}", positions.join(",")));
    }
    Ok(Schedule::Repeating { rrule: parts.join(";"), start: plain.start, time: first })
}

/// FREQ and the days, before the times.
fn base_rule(plain: &PlainSchedule) -> Result<String> {
    if !plain.on.is_empty() && plain.every != Every::Week {
        return Err(Error::invalid("on", "goes with every week, as in every week on mon,thu"));
    }
    let start = plain.start;
    Ok(match plain.every {
        Every::Day => "FREQ=DAILY".to_owned(),
        Every::Weekday => "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".to_owned(),
        Every::Week => {
            let mut days = if plain.on.is_empty() { vec![DayOfWeek::of(start)] } else { plain.on.clone() };
            days.sort_unstable();
            days.dedup();
            let codes: Vec<&str> = days.iter().map(|d| d.rule_code()).collect();
            format!("FREQ=WEEKLY;BYDAY={}", codes.join(","))
        }
        Every::Month => match start.day() {
            31 => "FREQ=MONTHLY;BYMONTHDAY=-1".to_owned(),
            29 | 30 => "FREQ=MONTHLY".to_owned(),
            day => format!("FREQ=MONTHLY;BYMONTHDAY={day}"),
        },
        Every::Year => match (start.month(), start.day()) {
            (2, 29) => "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1".to_owned(),
            (month, day) => format!("FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"),
        },
    })
}

/// For a monthly reminder started on the 29th or 30th: the days it may fall on, the last of which is taken.
fn last_days(plain: &PlainSchedule) -> Option<String> {
    let day = plain.start.day();
    (plain.every == Every::Month && (29..=30).contains(&day))
        .then(|| (28..=day).map(|d| d.to_string()).collect::<Vec<_>>().join(","))
}

/// BYHOUR and BYMINUTE for several times: every hour given with every minute given must be exactly the times.
fn times_rule(times: &[TimeOfDay]) -> Result<String> {
    let mut hours: Vec<u8> = times.iter().map(|t| t.hour()).collect();
    let mut minutes: Vec<u8> = times.iter().map(|t| t.minute()).collect();
    hours.dedup();
    minutes.sort_unstable();
    minutes.dedup();
    if hours.len() * minutes.len() != times.len() {
        return Err(Error::invalid(
            "times",
            "must share their minutes past the hour in one reminder (09:00 and 21:00, or 09:30 and 21:30); \
             add a second reminder for the others",
        ));
    }
    let list = |values: &[u8]| values.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
    Ok(format!("BYHOUR={};BYMINUTE={}", list(&hours), list(&minutes)))
}
