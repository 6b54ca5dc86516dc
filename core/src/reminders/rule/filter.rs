//! Which days and times of day a rule keeps, once the parts it leaves open are taken from its start.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::bits::Signed;
use super::calendar::{month_len, year_len};
use super::{Frequency, Rule};

/// Every hour of the day, as BYHOUR bits.
const ALL_HOURS: u32 = (1 << 24) - 1;

/// A rule's day and time filters for one start.
///
/// With no BYMONTHDAY, BYYEARDAY or BYDAY, the start supplies the day: its month and day for YEARLY (the
/// month only when BYMONTH is absent), its day of month for MONTHLY, its weekday for WEEKLY. Without BYHOUR
/// the start supplies the hour (except for HOURLY, which keeps every hour), and without BYMINUTE the minute.
#[derive(Debug, Clone)]
pub(super) struct Filter {
    /// Months to keep (bit per month), 0 for all.
    months: u16,
    month_days: Signed<1>,
    year_days: Signed<6>,
    /// Plain weekdays (bit 0 Monday); together with `nth` as one list, so a day passes if either takes it.
    weekdays: u8,
    nth: [Signed<1>; 7],
    has_nth: bool,
    /// Numbered weekdays count within the year (YEARLY without BYMONTH) rather than within the month.
    nth_in_year: bool,
    /// Hours: for HOURLY the hours a period may fall on, otherwise the hours each day expands to.
    pub(super) hours: u32,
    pub(super) minutes: u64,
}

impl Filter {
    pub(super) fn new(rule: &Rule, start: NaiveDateTime) -> Self {
        let mut filter = Self {
            months: rule.by_month,
            month_days: rule.by_month_day,
            year_days: rule.by_year_day,
            weekdays: rule.by_weekday,
            nth: rule.by_weekday_nth,
            has_nth: rule.has_nth_weekday(),
            nth_in_year: rule.freq == Frequency::Yearly && rule.by_month == 0,
            hours: rule.by_hour,
            minutes: rule.by_minute,
        };
        if rule.by_month_day.is_empty() && rule.by_year_day.is_empty() && !rule.has_by_day() {
            let day = i32::try_from(start.day()).unwrap_or(1);
            match rule.freq {
                Frequency::Yearly => {
                    if filter.months == 0 {
                        filter.months = 1 << start.month();
                    }
                    filter.month_days.insert(day);
                }
                Frequency::Monthly => {
                    filter.month_days.insert(day);
                }
                Frequency::Weekly => filter.weekdays = 1 << start.weekday().num_days_from_monday(),
                Frequency::Daily | Frequency::Hourly => {}
            }
        }
        if filter.hours == 0 {
            filter.hours = if rule.freq == Frequency::Hourly { ALL_HOURS } else { 1 << start.hour() };
        }
        if filter.minutes == 0 {
            filter.minutes = 1 << start.minute();
        }
        filter
    }

    pub(super) fn keeps_month(&self, month: u32) -> bool {
        self.months == 0 || self.months & (1 << month) != 0
    }

    pub(super) fn keeps(&self, date: NaiveDate) -> bool {
        let (month, day) = (date.month(), date.day());
        if !self.keeps_month(month) {
            return false;
        }
        let days_in_month = month_len(date);
        if !self.month_days.is_empty()
            && !self.month_days.has_positive(day)
            && !self.month_days.has_negative(days_in_month + 1 - day)
        {
            return false;
        }
        let days_in_year = year_len(date);
        let year_day = date.ordinal();
        if !self.year_days.is_empty()
            && !self.year_days.has_positive(year_day)
            && !self.year_days.has_negative(days_in_year + 1 - year_day)
        {
            return false;
        }
        if self.weekdays == 0 && !self.has_nth {
            return true;
        }
        let weekday = date.weekday().num_days_from_monday();
        if self.weekdays & (1 << weekday) != 0 {
            return true;
        }
        let (index, len) = if self.nth_in_year { (year_day - 1, days_in_year) } else { (day - 1, days_in_month) };
        self.nth
            .get(weekday as usize)
            .is_some_and(|nth| nth.has_positive(index / 7 + 1) || nth.has_negative((len - 1 - index) / 7 + 1))
    }
}
