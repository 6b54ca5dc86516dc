//! The occurrence iterator: walks a rule one period at a time (an hour, day, week, month or year, times
//! INTERVAL) and yields that period's kept date-times in order.
//!
//! A period's candidates are its kept days (a bit set) times its kept hours times its kept minutes, with the
//! seconds of the start: never a list, so nothing is allocated. BYSETPOS picks positions from that sorted set.
//!
//! Like the `rrule` crate: the first WEEKLY period runs from the start's day to the end of its week (not from
//! the week's first day), while the other first periods are whole (the start's hour, day, month or year), so
//! BYSETPOS may pick a candidate before the start, which is then dropped. Deliberately unlike it: a BYDAY list
//! mixing plain and numbered days (`MO,1TU`) keeps a day that either kind takes, as RFC 5545 says; the crate keeps only days both take, which
//! is nothing at all for `MO,1TU`. The walk gives up after [`MAX_EMPTY_PERIODS`] periods in a row without an
//! occurrence (the crate goes on to the year 10000), and stops at the end of the year 9999.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::bits;
use super::calendar::{LAST_YEAR, add_days, add_months, days_into_week, month_len, sub_days};
use super::filter::Filter;
use super::{Frequency, Rule};

/// Consecutive periods without an occurrence after which a rule is taken never to match again. For HOURLY,
/// a day the rule does not keep counts once rather than once per hour.
pub(super) const MAX_EMPTY_PERIODS: u32 = 10_000;

/// Words of the per-period day set: enough for a leap year.
const DAY_WORDS: usize = 6;

/// The occurrences of a [`Rule`] from a start; see [`Rule::occurrences`].
#[derive(Debug, Clone)]
pub struct Occurrences {
    rule: Rule,
    filter: Filter,
    start: NaiveDateTime,
    second: u32,
    /// First day of the current period (for HOURLY: the period's day).
    anchor: NaiveDate,
    /// HOURLY: the current period's hour.
    hour: u32,
    /// Days of the current period that are kept, as offsets from `anchor`.
    days: [u64; DAY_WORDS],
    /// Hours each kept day of the current period expands to.
    hours: u32,
    day_count: u32,
    hour_count: u32,
    minute_count: u32,
    /// Number of candidates in the current period.
    len: u32,
    /// The next candidate position to look at in the current period.
    next: u32,
    produced: bool,
    emitted: u32,
    empty_periods: u32,
    done: bool,
}

impl Occurrences {
    pub(super) fn new(rule: Rule, start: NaiveDateTime) -> Self {
        let filter = Filter::new(&rule, start);
        let minute_count = filter.minutes.count_ones();
        let mut it = Self {
            second: start.second(),
            anchor: start.date(),
            hour: start.hour(),
            days: [0; DAY_WORDS],
            hours: 0,
            day_count: 0,
            hour_count: 0,
            minute_count,
            len: 0,
            next: 0,
            produced: false,
            emitted: 0,
            empty_periods: 0,
            done: start.year() > LAST_YEAR || !hour_reachable(&rule, &filter, start.hour()),
            rule,
            filter,
            start,
        };
        if it.done {
            return it;
        }
        it.anchor = match it.rule.freq {
            Frequency::Yearly => NaiveDate::from_ymd_opt(start.year(), 1, 1),
            Frequency::Monthly => start.date().with_day(1),
            Frequency::Weekly | Frequency::Daily | Frequency::Hourly => Some(start.date()),
        }
        .unwrap_or(it.anchor);
        it.build();
        if it.rule.by_set_pos.is_empty() {
            it.next = it.first_at_or_after(start);
        }
        it
    }

    /// Collects the current period's kept days and hours.
    fn build(&mut self) {
        self.days = [0; DAY_WORDS];
        let (year, month) = (self.anchor.year(), self.anchor.month());
        match self.rule.freq {
            Frequency::Yearly => {
                for month in 1..=12 {
                    if !self.filter.keeps_month(month) {
                        continue;
                    }
                    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else { continue };
                    self.keep_days(first, first.ordinal0(), month_len(first));
                }
            }
            Frequency::Monthly => {
                if self.filter.keeps_month(month) {
                    self.keep_days(self.anchor, 0, month_len(self.anchor));
                }
            }
            Frequency::Weekly => {
                let len = 7 - days_into_week(self.anchor, self.rule.week_start);
                self.keep_days(self.anchor, 0, len);
            }
            Frequency::Daily | Frequency::Hourly => self.keep_days(self.anchor, 0, 1),
        }
        self.hours = match self.rule.freq {
            Frequency::Hourly => self.filter.hours & (1 << self.hour),
            _ => self.filter.hours,
        };
        self.day_count = bits::count(&self.days);
        self.hour_count = self.hours.count_ones();
        self.len = self.day_count * self.hour_count * self.minute_count;
        self.next = 0;
    }

    /// Marks the kept days among the `len` days from `first`, which is `offset` days after the anchor.
    fn keep_days(&mut self, first: NaiveDate, offset: u32, len: u32) {
        let mut date = first;
        for i in 0..len {
            if date.year() > LAST_YEAR {
                return;
            }
            if self.filter.keeps(date) {
                bits::set(&mut self.days, offset + i);
            }
            match date.succ_opt() {
                Some(next) => date = next,
                None => return,
            }
        }
    }

    /// The candidate at position `k` of the current period (positions run in time order).
    fn candidate(&self, k: u32) -> Option<NaiveDateTime> {
        let per_day = self.hour_count * self.minute_count;
        let day = bits::select(&self.days, k.checked_div(per_day)?)?;
        let within = k.checked_rem(per_day)?;
        let hour = bits::select_in_word(u64::from(self.hours), within.checked_div(self.minute_count)?);
        let minute = bits::select_in_word(self.filter.minutes, within.checked_rem(self.minute_count)?);
        let date = add_days(self.anchor, u64::from(day))?;
        Some(date.and_time(NaiveTime::from_hms_opt(hour, minute, self.second)?))
    }

    /// The first position whose candidate is at or after `at` (`len` if none): candidates are sorted.
    fn first_at_or_after(&self, at: NaiveDateTime) -> u32 {
        let (mut low, mut high) = (0, self.len);
        while low < high {
            let mid = low + (high - low) / 2;
            if self.candidate(mid).is_some_and(|c| c < at) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// The smallest position `>= from` that the rule picks in the current period.
    fn pick(&self, from: u32) -> Option<u32> {
        let set_pos = &self.rule.by_set_pos;
        if set_pos.is_empty() {
            return (from < self.len).then_some(from);
        }
        // BYSETPOS=n picks position n - 1; BYSETPOS=-n picks position len - n.
        let forward = set_pos.positive_at_or_after(from + 1).filter(|&n| n <= self.len).map(|n| n - 1);
        let backward = self
            .len
            .checked_sub(from)
            .filter(|&room| room > 0)
            .and_then(|room| set_pos.negative_at_or_below(room))
            .map(|n| self.len - n);
        match (forward, backward) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Moves to the next period and builds it; sets `done` when the walk must end.
    fn advance(&mut self) {
        if self.produced {
            self.empty_periods = 0;
        } else {
            self.count_empty();
        }
        self.produced = false;
        let interval = self.rule.interval;
        let next = match self.rule.freq {
            Frequency::Yearly => self
                .anchor
                .year()
                .checked_add_unsigned(interval)
                .filter(|&year| year <= LAST_YEAR)
                .and_then(|year| NaiveDate::from_ymd_opt(year, 1, 1)),
            Frequency::Monthly => add_months(self.anchor.year(), self.anchor.month(), interval),
            Frequency::Weekly => {
                let back = days_into_week(self.anchor, self.rule.week_start);
                sub_days(self.anchor, u64::from(back)).and_then(|week| add_days(week, u64::from(interval) * 7))
            }
            Frequency::Daily => add_days(self.anchor, u64::from(interval)),
            Frequency::Hourly => self.next_hour(),
        };
        match next {
            Some(anchor) if anchor.year() <= LAST_YEAR && !self.done => {
                self.anchor = anchor;
                if self.rule.until.is_some_and(|until| self.period_start() > until) {
                    self.done = true;
                } else {
                    self.build();
                }
            }
            _ => self.done = true,
        }
    }

    /// HOURLY: the day of the next period, skipping hours outside BYHOUR and days the rule does not keep.
    /// Updates `hour`; a skipped day counts as one empty period.
    fn next_hour(&mut self) -> Option<NaiveDate> {
        let interval = self.rule.interval;
        let mut day = self.anchor;
        let mut hour = self.hour;
        loop {
            let total = hour + interval;
            day = add_days(day, u64::from(total / 24))?;
            hour = total % 24;
            if day.year() > LAST_YEAR || self.rule.until.is_some_and(|until| day.and_time(NaiveTime::MIN) > until) {
                return None;
            }
            if !self.filter.keeps(day) {
                self.count_empty();
                if self.done {
                    return None;
                }
                // Jump to this day's last step; the next one lands on a later day.
                hour += (23 - hour) / interval * interval;
                continue;
            }
            if self.filter.hours & (1 << hour) != 0 {
                self.hour = hour;
                return Some(day);
            }
        }
    }

    fn count_empty(&mut self) {
        self.empty_periods += 1;
        if self.empty_periods >= MAX_EMPTY_PERIODS {
            self.done = true;
        }
    }

    fn period_start(&self) -> NaiveDateTime {
        let hour = if self.rule.freq == Frequency::Hourly { self.hour } else { 0 };
        self.anchor.and_hms_opt(hour, 0, 0).unwrap_or(self.anchor.and_time(NaiveTime::MIN))
    }
}

impl Iterator for Occurrences {
    type Item = NaiveDateTime;

    fn next(&mut self) -> Option<NaiveDateTime> {
        while !self.done {
            let Some(k) = self.pick(self.next) else {
                self.advance();
                continue;
            };
            self.next = k + 1;
            let Some(at) = self.candidate(k) else {
                self.done = true;
                break;
            };
            if at < self.start {
                continue;
            }
            if self.rule.until.is_some_and(|until| at > until) {
                self.done = true;
                break;
            }
            self.produced = true;
            self.emitted = self.emitted.saturating_add(1);
            if self.rule.count.is_some_and(|count| self.emitted >= count) {
                self.done = true;
            }
            return Some(at);
        }
        None
    }
}

/// For HOURLY with BYHOUR: whether stepping INTERVAL hours from the start's hour ever lands on a BYHOUR hour
/// (it cycles through the hours congruent to the start's modulo gcd(INTERVAL, 24)). Always true otherwise.
fn hour_reachable(rule: &Rule, filter: &Filter, start_hour: u32) -> bool {
    if rule.freq != Frequency::Hourly {
        return true;
    }
    let step = gcd(rule.interval, 24);
    (0..24).any(|hour: u32| filter.hours & (1 << hour) != 0 && hour % step == start_hour % step)
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}
