//! A reminder's schedule in plain words, for `reminders list` and both apps: "every day at 09:00", "every
//! Monday and Thursday at 09:00 and 21:00", "every month on the 30th (the last day in shorter months) at
//! 08:00". The rules Mend writes (`plain.rs`) always read as words; a power user's own rule reads as words
//! when it is one of the common shapes, and otherwise is shown as the rule itself.

use chrono::{Datelike, NaiveDate};

use super::model::Schedule;
use super::plain::DayOfWeek;
use super::time_of_day::TimeOfDay;

/// What a schedule means, in a few words.
pub fn schedule_words(schedule: &Schedule) -> String {
    match schedule {
        Schedule::Once { date, time } => format!("once, {} at {time}", date.format("%a %-d %b %Y")),
        Schedule::Repeating { rrule, start, time } => match Parts::read(rrule) {
            Some(parts) => parts.words(*start, *time).unwrap_or_else(|| own_rule(rrule, *time)),
            None => own_rule(rrule, *time),
        },
    }
}

/// A rule Mend has no words for, shown as it is.
fn own_rule(rrule: &str, time: TimeOfDay) -> String {
    format!("by your rule {rrule}, from {time}")
}

/// "09:00", "09:00 and 21:00", "08:00, 14:00 and 20:00".
pub fn list_in_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "1st", "2nd", "23rd", "30th".
fn ordinal(day: u32) -> String {
    let suffix = match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// The parts of a normalised rule that words can say; anything else (COUNT, BYSETPOS other than Mend's own,
/// BYYEARDAY, numbered days…) leaves the rule shown as it is.
#[derive(Default)]
struct Parts<'a> {
    freq: &'a str,
    interval: u32,
    by_day: Vec<DayOfWeek>,
    by_month_day: Vec<i32>,
    by_month: Option<u32>,
    by_hour: Vec<u8>,
    by_minute: Vec<u8>,
    by_set_pos: Vec<i32>,
    until: Option<NaiveDate>,
}

impl<'a> Parts<'a> {
    fn read(rule: &'a str) -> Option<Parts<'a>> {
        let mut parts = Parts { interval: 1, ..Parts::default() };
        for part in rule.split(';') {
            let (name, value) = part.split_once('=')?;
            let numbers = || value.split(',').map(|v| v.parse::<i32>().ok()).collect::<Option<Vec<_>>>();
            let small = || value.split(',').map(|v| v.parse::<u8>().ok()).collect::<Option<Vec<_>>>();
            match name {
                "FREQ" => parts.freq = value,
                "INTERVAL" => parts.interval = value.parse().ok()?,
                "BYDAY" => parts.by_day = value.split(',').map(DayOfWeek::from_rule_code).collect::<Option<_>>()?,
                "BYMONTHDAY" => parts.by_month_day = numbers()?,
                "BYMONTH" => parts.by_month = Some(value.parse().ok()?),
                "BYHOUR" => parts.by_hour = small()?,
                "BYMINUTE" => parts.by_minute = small()?,
                "BYSETPOS" => parts.by_set_pos = numbers()?,
                "UNTIL" => parts.until = Some(NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()?),
                "WKST" => {}
                _ => return None,
            }
        }
        Some(parts)
    }

    /// The words, if this shape has them.
    fn words(&self, start: NaiveDate, time: TimeOfDay) -> Option<String> {
        let times = self.times(time)?;
        let every = self.every(start, times.len())?;
        let until = self.until.map(|d| format!(", until {}", d.format("%-d %B %Y"))).unwrap_or_default();
        Some(format!("{every} at {}{until}", list_in_words(&times)))
    }

    /// The times of day it fires: BYHOUR × BYMINUTE, else the schedule's own time.
    fn times(&self, time: TimeOfDay) -> Option<Vec<String>> {
        let hours = if self.by_hour.is_empty() { vec![time.hour()] } else { self.by_hour.clone() };
        let minutes = if self.by_minute.is_empty() { vec![time.minute()] } else { self.by_minute.clone() };
        let mut times: Vec<TimeOfDay> =
            hours.iter().flat_map(|h| minutes.iter().map(move |m| TimeOfDay::new(*h, *m))).collect::<Option<_>>()?;
        times.sort_unstable();
        times.dedup();
        Some(times.iter().map(TimeOfDay::to_string).collect())
    }

    /// "every day", "every 2 weeks on Monday", "every month on the 14th"…
    fn every(&self, start: NaiveDate, per_day: usize) -> Option<String> {
        let n = self.interval;
        let period = |one: &str, many: &str| if n == 1 { format!("every {one}") } else { format!("every {n} {many}") };
        let mend_last_day = self.mend_last_day(per_day);
        if !self.by_set_pos.is_empty() && mend_last_day.is_none() {
            return None;
        }
        match self.freq {
            "DAILY" if self.by_day.is_empty() && self.by_month_day.is_empty() && self.by_month.is_none() => {
                Some(period("day", "days"))
            }
            "WEEKLY" if self.by_month_day.is_empty() && self.by_month.is_none() => {
                let mut days = if self.by_day.is_empty() { vec![DayOfWeek::of(start)] } else { self.by_day.clone() };
                days.sort_unstable();
                days.dedup();
                let weekdays = &DayOfWeek::ALL[..5];
                Some(match (n, days.as_slice()) {
                    (1, d) if d == weekdays => "every weekday".to_owned(),
                    (1, d) if d == DayOfWeek::ALL => "every day".to_owned(),
                    (1, d) => format!("every {}", day_names(d)),
                    (_, d) => format!("{} on {}", period("week", "weeks"), day_names(d)),
                })
            }
            "MONTHLY" if self.by_day.is_empty() && self.by_month.is_none() => {
                let on = match (mend_last_day, self.by_month_day.as_slice()) {
                    (Some(day), _) => format!("the {} (the last day in shorter months)", ordinal(day)),
                    (None, [-1]) => "the last day".to_owned(),
                    (None, [day]) if (1..=28).contains(day) => format!("the {}", ordinal(*day as u32)),
                    (None, [day]) if (29..=31).contains(day) => {
                        format!("the {} (skipping months without one)", ordinal(*day as u32))
                    }
                    (None, []) if start.day() <= 28 => format!("the {}", ordinal(start.day())),
                    (None, []) => format!("the {} (skipping months without one)", ordinal(start.day())),
                    _ => return None,
                };
                Some(format!("{} on {on}", period("month", "months")))
            }
            "YEARLY" if self.by_day.is_empty() => {
                let month = self.by_month.unwrap_or(start.month());
                let name = NaiveDate::from_ymd_opt(2000, month, 1)?.format("%B").to_string();
                let on = match self.by_month_day.as_slice() {
                    [-1] => format!("the last day of {name}"),
                    [day] if *day > 0 => format!("{day} {name}"),
                    [] if self.by_month.is_none() => format!("{} {name}", start.day()),
                    _ => return None,
                };
                Some(format!("{} on {on}", period("year", "years")))
            }
            _ => None,
        }
    }

    /// The day of Mend's own "that day, or the last day of a shorter month" rule (`BYMONTHDAY=28,29,30;
    /// BYSETPOS=-2,-1` for a reminder on the 30th at two times), if this is one.
    fn mend_last_day(&self, per_day: usize) -> Option<u32> {
        let last = *self.by_month_day.last()?;
        let days_fit = self.by_month_day.first() == Some(&28)
            && (29..=30).contains(&last)
            && self.by_month_day.iter().copied().eq(28..=last);
        let positions: Vec<i32> = (1..=per_day as i32).rev().map(|n| -n).collect();
        (days_fit && self.by_set_pos == positions).then_some(last as u32)
    }
}

/// "Monday", "Monday and Thursday", "Monday, Wednesday and Friday".
fn day_names(days: &[DayOfWeek]) -> String {
    list_in_words(&days.iter().map(|d| d.name().to_owned()).collect::<Vec<_>>())
}
