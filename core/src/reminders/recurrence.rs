//! Recurrence: the wall-clock occurrences of a schedule. Rules are expanded by [`super::rule`] as floating
//! local date-times, with no zone at all; each is then turned into an instant by [`super::resolve`], which keeps
//! Mend's promise across daylight-saving changes. Iteration is always bounded: at most [`MAX_SCAN`] occurrences
//! are looked at per call, the expander gives up on a rule that stops matching, and long-running rules start near
//! the window rather than years back.

use std::ops::ControlFlow;

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};

use super::model::Schedule;
use super::rule::{Frequency, Rule};

/// The most occurrences one call looks at.
pub const MAX_SCAN: usize = 10_000;

/// Calls `visit` with each wall-clock occurrence at or after `from`, in order, until it breaks, the schedule
/// ends (its COUNT or UNTIL, or the reminder's `until` day) or [`MAX_SCAN`] occurrences have been looked at.
pub(crate) fn for_each_local(
    schedule: &Schedule,
    until: Option<NaiveDate>,
    from: NaiveDateTime,
    mut visit: impl FnMut(NaiveDateTime) -> ControlFlow<()>,
) {
    let ended = |local: NaiveDateTime| until.is_some_and(|day| local.date() > day);
    match schedule {
        Schedule::Once { date, time } => {
            let local = date.and_time(time.naive());
            if local >= from && !ended(local) {
                let _ = visit(local);
            }
        }
        Schedule::Repeating { rrule, start, time } => {
            let Ok(rule) = rrule.parse::<Rule>() else { return };
            let start = rebased_start(&rule, start.and_time(time.naive()), from);
            for local in rule.occurrences(start).take(MAX_SCAN) {
                if ended(local) {
                    break;
                }
                if local >= from && visit(local).is_break() {
                    break;
                }
            }
        }
    }
}

/// A later start that yields exactly the same occurrences from `from` on, so a rule started years ago
/// does not have to be replayed from its first day. Only whole periods (INTERVAL × FREQ) are skipped, the
/// new start stays more than one period before `from`, and rules with COUNT (which counts from the first
/// occurrence) are left alone, as are months and years whose day may not exist in the new period.
fn rebased_start(rule: &Rule, start: NaiveDateTime, from: NaiveDateTime) -> NaiveDateTime {
    if rule.count().is_some() {
        return start;
    }
    let interval = i64::from(rule.interval().max(1));
    let fixed = |period: Duration| -> NaiveDateTime {
        let target = from - period - Duration::days(2);
        if target <= start {
            return start;
        }
        let periods = (target - start).num_seconds() / period.num_seconds();
        start + Duration::seconds(period.num_seconds() * periods)
    };
    let by_months = |step: i64| -> NaiveDateTime {
        if start.day() > 28 || step <= 0 {
            return start;
        }
        let target = from - Duration::days(31 * step + 2);
        let months =
            (target.year() as i64 * 12 + target.month0() as i64) - (start.year() as i64 * 12 + start.month0() as i64);
        if months <= 0 {
            return start;
        }
        let shift = (months / step) * step;
        u32::try_from(shift).ok().and_then(|m| start.checked_add_months(Months::new(m))).unwrap_or(start)
    };
    match rule.frequency() {
        Frequency::Hourly => fixed(Duration::hours(interval)),
        Frequency::Daily => fixed(Duration::days(interval)),
        Frequency::Weekly => fixed(Duration::weeks(interval)),
        Frequency::Monthly => by_months(interval),
        Frequency::Yearly => by_months(12 * interval),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::TimeOfDay;

    fn repeating(rule: &str, start: NaiveDate, h: u8, m: u8) -> Schedule {
        Schedule::Repeating { rrule: rule.into(), start, time: TimeOfDay::new(h, m).unwrap() }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn collect(schedule: &Schedule, until: Option<NaiveDate>, from: NaiveDateTime, n: usize) -> Vec<NaiveDateTime> {
        let mut out = Vec::new();
        for_each_local(schedule, until, from, |local| {
            out.push(local);
            if out.len() == n { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        out
    }

    /// Rebasing must never change which occurrences a rule has: compare against replaying from the start.
    #[test]
    fn rebasing_gives_the_same_occurrences_as_replaying_from_the_start() {
        let rules = [
            "FREQ=DAILY",
            "FREQ=DAILY;INTERVAL=3",
            "FREQ=DAILY;BYHOUR=8,20",
            "FREQ=WEEKLY;BYDAY=MO,TH",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=MO",
            "FREQ=HOURLY;INTERVAL=5",
            "FREQ=HOURLY;BYMINUTE=0,30",
            "FREQ=MONTHLY;BYDAY=1MO",
            "FREQ=MONTHLY;INTERVAL=2",
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "FREQ=YEARLY;INTERVAL=3",
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        ];
        let start = day(2019, 2, 13);
        for rule in rules {
            let schedule = repeating(rule, start, 9, 15);
            for from in [day(2019, 2, 20), day(2021, 7, 4), day(2026, 3, 29)] {
                let from = from.and_hms_opt(6, 0, 0).unwrap();
                let fast = collect(&schedule, None, from, 40);
                let parsed: Rule = rule.parse().unwrap();
                let slow: Vec<NaiveDateTime> = parsed
                    .occurrences(start.and_hms_opt(9, 15, 0).unwrap())
                    .take(200_000)
                    .filter(|d| *d >= from)
                    .take(40)
                    .collect();
                assert_eq!(fast, slow, "{rule} from {from}");
                assert_eq!(fast.len(), 40, "{rule}");
            }
        }
    }

    #[test]
    fn count_until_and_the_end_day_all_stop_a_rule() {
        let from = day(2026, 1, 1).and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(collect(&repeating("FREQ=DAILY;COUNT=3", day(2026, 1, 1), 9, 0), None, from, 10).len(), 3);
        let until_rule = repeating("FREQ=DAILY;UNTIL=20260105T235959Z", day(2026, 1, 1), 9, 0);
        assert_eq!(collect(&until_rule, None, from, 10).len(), 5);
        let daily = repeating("FREQ=DAILY", day(2026, 1, 1), 9, 0);
        assert_eq!(collect(&daily, Some(day(2026, 1, 2)), from, 10).len(), 2);
    }

    #[test]
    fn a_rule_that_never_matches_is_bounded() {
        // 30 February never comes; the expander gives up rather than search for ever.
        let never = repeating("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", day(2026, 1, 1), 9, 0);
        assert!(collect(&never, None, day(2026, 1, 1).and_hms_opt(0, 0, 0).unwrap(), 1).is_empty());
    }
}
