//! Proleptic Gregorian calendar arithmetic the expander needs, all checked so no input can overflow.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Occurrences are never generated past the end of this year.
pub(super) const LAST_YEAR: i32 = 9999;

pub(super) fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(super) fn year_len(year: i32) -> u32 {
    if is_leap(year) { 366 } else { 365 }
}

pub(super) fn month_len(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from Monday: Monday 0 .. Sunday 6.
pub(super) fn weekday_index(day: Weekday) -> u32 {
    day.num_days_from_monday()
}

pub(super) fn add_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(days))
}

pub(super) fn sub_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(days))
}

/// How many days `date` lies after the most recent `week_start` (0 when it is one).
pub(super) fn days_into_week(date: NaiveDate, week_start: Weekday) -> u32 {
    (weekday_index(date.weekday()) + 7 - weekday_index(week_start)) % 7
}

/// The first day of the month `months` after the given one, or `None` past [`LAST_YEAR`].
pub(super) fn add_months(year: i32, month: u32, months: u32) -> Option<NaiveDate> {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok().filter(|&y| y <= LAST_YEAR)?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}
