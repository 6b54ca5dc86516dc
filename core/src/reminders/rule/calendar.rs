//! Calendar arithmetic the expander needs on top of chrono's, all checked so no input can overflow.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Occurrences are never generated past the end of this year.
pub(super) const LAST_YEAR: i32 = 9999;

pub(super) fn year_len(date: NaiveDate) -> u32 {
    if date.leap_year() { 366 } else { 365 }
}

pub(super) fn month_len(date: NaiveDate) -> u32 {
    u32::from(date.num_days_in_month())
}

pub(super) fn add_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(days))
}

pub(super) fn sub_days(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(days))
}

/// How many days `date` lies after the most recent `week_start` (0 when it is one).
pub(super) fn days_into_week(date: NaiveDate, week_start: Weekday) -> u32 {
    (date.weekday().num_days_from_monday() + 7 - week_start.num_days_from_monday()) % 7
}

/// The first day of the month `months` after the given one, or `None` past [`LAST_YEAR`].
pub(super) fn add_months(year: i32, month: u32, months: u32) -> Option<NaiveDate> {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok().filter(|&y| y <= LAST_YEAR)?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}
