//! Reminders in words: the rules Mend writes for "every day", "every Monday and Thursday", "every month" and
//! the rest, that they ring when the words say (the 30th, or the last day of a shorter month), that every rule
//! Mend writes reads back as the same words, and that a raw rule keeps RFC 5545's meaning.

use super::*;
use crate::error::Error;
use crate::reminders::validate;
use crate::zone::Zone;

fn plain(every: Every, on: &[DayOfWeek], times: &[(u8, u8)], start: NaiveDate) -> PlainSchedule {
    PlainSchedule { every, on: on.to_vec(), times: times.iter().map(|(h, m)| hm(*h, *m)).collect(), start }
}

fn rule(schedule: &Schedule) -> &str {
    match schedule {
        Schedule::Repeating { rrule, .. } => rrule,
        Schedule::Once { .. } => panic!("expected a repeating schedule"),
    }
}

/// The UTC instants a schedule rings at in UTC between two days (inclusive).
fn rings(schedule: Schedule, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let r = reminder("plain0000000001", ReminderKind::Medication, schedule, Some("UTC"));
    let from = from.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let to = to.and_hms_opt(23, 59, 0).unwrap().and_utc();
    utc_strings(&scheduled_between(&r, Zone::UTC, from, to))
}

fn field(err: Error) -> String {
    match err {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected an input error, got {other:?}"),
    }
}

#[test]
fn words_become_mends_rules_and_read_back_as_the_same_words() {
    use DayOfWeek::*;
    let thursday = date(2026, 5, 14);
    let cases = [
        (plain(Every::Day, &[], &[(9, 0)], thursday), "FREQ=DAILY", "every day at 09:00"),
        (
            plain(Every::Weekday, &[], &[(8, 30)], thursday),
            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
            "every weekday at 08:30",
        ),
        (plain(Every::Week, &[], &[(9, 0)], thursday), "FREQ=WEEKLY;BYDAY=TH", "every Thursday at 09:00"),
        (
            plain(Every::Week, &[Thursday, Monday], &[(21, 0), (9, 0)], thursday),
            "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9,21;BYMINUTE=0",
            "every Monday and Thursday at 09:00 and 21:00",
        ),
        (
            plain(Every::Month, &[], &[(9, 0)], thursday),
            "FREQ=MONTHLY;BYMONTHDAY=14",
            "every month on the 14th at 09:00",
        ),
        (
            plain(Every::Month, &[], &[(9, 0)], date(2026, 1, 31)),
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "every month on the last day at 09:00",
        ),
        (
            plain(Every::Month, &[], &[(8, 0), (20, 0)], date(2026, 1, 30)),
            "FREQ=MONTHLY;BYHOUR=8,20;BYMINUTE=0;BYMONTHDAY=28,29,30;BYSETPOS=-2,-1",
            "every month on the 30th (the last day in shorter months) at 08:00 and 20:00",
        ),
        (
            plain(Every::Year, &[], &[(10, 0)], thursday),
            "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=14",
            "every year on 14 May at 10:00",
        ),
        (
            plain(Every::Year, &[], &[(10, 0)], date(2028, 2, 29)),
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
            "every year on the last day of February at 10:00",
        ),
    ];
    for (input, expected_rule, expected_words) in cases {
        let schedule = schedule_in_words(&input).unwrap();
        assert_eq!(rule(&schedule), expected_rule, "{input:?}");
        validate::normalise_rrule(expected_rule).unwrap_or_else(|e| panic!("{expected_rule}: {e:?}"));
        assert_eq!(schedule_words(&schedule), expected_words, "{expected_rule}");
        assert_eq!(schedule.time(), input.times.iter().min().copied().unwrap());
    }
}

#[test]
fn a_monthly_reminder_made_on_the_30th_rings_on_the_last_day_of_shorter_months() {
    let schedule = schedule_in_words(&plain(Every::Month, &[], &[(9, 0)], date(2026, 1, 30))).unwrap();
    assert_eq!(
        rings(schedule, date(2026, 1, 1), date(2026, 5, 31)),
        ["2026-01-30T09:00Z", "2026-02-28T09:00Z", "2026-03-30T09:00Z", "2026-04-30T09:00Z", "2026-05-30T09:00Z"]
    );
    let twice = schedule_in_words(&plain(Every::Month, &[], &[(8, 0), (20, 0)], date(2026, 1, 29))).unwrap();
    assert_eq!(
        rings(twice, date(2026, 2, 1), date(2026, 3, 31)),
        ["2026-02-28T08:00Z", "2026-02-28T20:00Z", "2026-03-29T08:00Z", "2026-03-29T20:00Z"]
    );
    let last = schedule_in_words(&plain(Every::Month, &[], &[(9, 0)], date(2026, 1, 31))).unwrap();
    assert_eq!(
        rings(last, date(2026, 2, 1), date(2026, 4, 30)),
        ["2026-02-28T09:00Z", "2026-03-31T09:00Z", "2026-04-30T09:00Z"]
    );
}

#[test]
fn a_raw_rule_keeps_rfc_5545s_meaning_and_says_so() {
    let raw = Schedule::Repeating { rrule: "FREQ=MONTHLY".to_owned(), start: date(2026, 1, 30), time: hm(9, 0) };
    assert_eq!(schedule_words(&raw), "every month on the 30th (skipping months without one) at 09:00");
    assert_eq!(
        rings(raw, date(2026, 1, 1), date(2026, 3, 31)),
        ["2026-01-30T09:00Z", "2026-03-30T09:00Z"],
        "February is skipped"
    );
}

#[test]
fn other_rules_read_in_words_where_they_can_and_as_the_rule_where_they_cannot() {
    let words = |rrule: &str| {
        schedule_words(&Schedule::Repeating { rrule: rrule.to_owned(), start: date(2026, 5, 14), time: hm(7, 0) })
    };
    assert_eq!(words("FREQ=DAILY;INTERVAL=2"), "every 2 days at 07:00");
    assert_eq!(
        words("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR"),
        "every 2 weeks on Monday, Wednesday and Friday at 07:00"
    );
    assert_eq!(words("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU"), "every day at 07:00");
    assert_eq!(words("FREQ=DAILY;UNTIL=20261231T235959Z"), "every day at 07:00, until 31 December 2026");
    assert_eq!(words("FREQ=MONTHLY;BYDAY=1MO"), "by your rule FREQ=MONTHLY;BYDAY=1MO, from 07:00");
    assert_eq!(words("FREQ=DAILY;COUNT=5"), "by your rule FREQ=DAILY;COUNT=5, from 07:00");
    let once = Schedule::Once { date: date(2026, 6, 2), time: hm(15, 0) };
    assert_eq!(schedule_words(&once), "once, Tue 2 Jun 2026 at 15:00");
}

#[test]
fn words_that_cannot_make_a_rule_are_refused_naming_the_field() {
    let start = date(2026, 5, 14);
    assert_eq!(field(schedule_in_words(&plain(Every::Day, &[], &[], start)).unwrap_err()), "times");
    assert_eq!(field(schedule_in_words(&plain(Every::Day, &[DayOfWeek::Monday], &[(9, 0)], start)).unwrap_err()), "on");
    assert_eq!(field(schedule_in_words(&plain(Every::Day, &[], &[(9, 0), (21, 30)], start)).unwrap_err()), "times");
    // Every hour with every minute is one reminder.
    let four = schedule_in_words(&plain(Every::Day, &[], &[(8, 0), (8, 30), (20, 0), (20, 30)], start)).unwrap();
    assert_eq!(rule(&four), "FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0,30");
    assert_eq!(schedule_words(&four), "every day at 08:00, 08:30, 20:00 and 20:30");
}

#[test]
fn codes_read_as_typed() {
    assert_eq!("weekday".parse::<Every>().unwrap(), Every::Weekday);
    assert_eq!("thu".parse::<DayOfWeek>().unwrap(), DayOfWeek::Thursday);
    assert!("fortnight".parse::<Every>().unwrap_err().contains("day, weekday, week, month, year"));
}
