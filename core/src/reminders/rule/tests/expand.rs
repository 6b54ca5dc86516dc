//! Hand-picked expansions: RFC 5545 examples, edge days, the ends of a rule, and the walk's bounds.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::super::Rule;
use super::reference::{at, ours, theirs};

/// Our first `n` occurrences, checked to be the crate's as well.
fn expand(rule: &str, start: NaiveDateTime, n: usize) -> Vec<NaiveDateTime> {
    let got = ours(rule, start, n).unwrap_or_else(|e| panic!("{rule}: {e}"));
    assert_eq!(Ok(&got), theirs(rule, start, n, false).as_ref(), "{rule} from {start}: the crate differs");
    got
}

fn dates(list: &[NaiveDateTime]) -> Vec<String> {
    list.iter().map(|d| d.format("%Y-%m-%d %H:%M").to_string()).collect()
}

#[test]
fn yearly_on_a_leap_day_falls_only_in_leap_years() {
    let got = expand("FREQ=YEARLY;COUNT=4", at(2024, 2, 29, 9, 0), 10);
    assert_eq!(dates(&got), ["2024-02-29 09:00", "2028-02-29 09:00", "2032-02-29 09:00", "2036-02-29 09:00"]);
    let got = expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", at(2097, 1, 1, 7, 30), 3);
    assert_eq!(dates(&got), ["2104-02-29 07:30", "2108-02-29 07:30", "2112-02-29 07:30"], "2100 is not a leap year");
    let got = expand("FREQ=YEARLY;BYYEARDAY=366", at(2023, 6, 1, 8, 0), 2);
    assert_eq!(dates(&got), ["2024-12-31 08:00", "2028-12-31 08:00"]);
}

#[test]
fn a_missing_day_is_skipped_never_moved() {
    let got = expand("FREQ=MONTHLY;COUNT=5", at(2026, 1, 31, 9, 0), 10);
    assert_eq!(
        dates(&got),
        ["2026-01-31 09:00", "2026-03-31 09:00", "2026-05-31 09:00", "2026-07-31 09:00", "2026-08-31 09:00"]
    );
    let got = expand("FREQ=MONTHLY;BYMONTHDAY=30", at(2026, 1, 30, 9, 0), 3);
    assert_eq!(dates(&got), ["2026-01-30 09:00", "2026-03-30 09:00", "2026-04-30 09:00"]);
}

#[test]
fn negative_month_days_count_from_the_end() {
    let got = expand("FREQ=MONTHLY;BYMONTHDAY=-1", at(2024, 1, 15, 20, 0), 4);
    assert_eq!(dates(&got), ["2024-01-31 20:00", "2024-02-29 20:00", "2024-03-31 20:00", "2024-04-30 20:00"]);
    let got = expand("FREQ=MONTHLY;BYMONTHDAY=1,-3", at(2025, 2, 1, 8, 0), 4);
    assert_eq!(dates(&got), ["2025-02-01 08:00", "2025-02-26 08:00", "2025-03-01 08:00", "2025-03-29 08:00"]);
}

#[test]
fn numbered_weekdays_count_within_the_month_or_the_year() {
    let got = expand("FREQ=MONTHLY;BYDAY=1MO", at(2026, 1, 1, 9, 0), 3);
    assert_eq!(dates(&got), ["2026-01-05 09:00", "2026-02-02 09:00", "2026-03-02 09:00"]);
    let got = expand("FREQ=MONTHLY;BYDAY=-1SU", at(2026, 1, 1, 9, 0), 3);
    assert_eq!(dates(&got), ["2026-01-25 09:00", "2026-02-22 09:00", "2026-03-29 09:00"]);
    let got = expand("FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU", at(2026, 1, 1, 1, 0), 4);
    assert_eq!(dates(&got), ["2026-03-29 01:00", "2026-10-25 01:00", "2027-03-28 01:00", "2027-10-31 01:00"]);
    let got = expand("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", at(2026, 1, 1, 12, 0), 2);
    assert_eq!(dates(&got), ["2026-11-26 12:00", "2027-11-25 12:00"], "Thanksgiving");
    // Without BYMONTH the number counts within the year.
    let got = expand("FREQ=YEARLY;BYDAY=1MO,-1SU", at(2026, 1, 1, 9, 0), 4);
    assert_eq!(dates(&got), ["2026-01-05 09:00", "2026-12-27 09:00", "2027-01-04 09:00", "2027-12-26 09:00"]);
    let got = expand("FREQ=YEARLY;BYDAY=20MO", at(2026, 1, 1, 9, 0), 1);
    assert_eq!(dates(&got), ["2026-05-18 09:00"]);
}

#[test]
fn rfc_5545_examples() {
    let start = at(1997, 9, 2, 9, 0);
    let got = expand("FREQ=MONTHLY;COUNT=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", start, 10);
    assert_eq!(dates(&got), ["1997-09-29 09:00", "1997-10-30 09:00", "1997-11-27 09:00"], "second-to-last weekday");
    let got = expand("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", start, 3);
    assert_eq!(dates(&got), ["1998-02-13 09:00", "1998-03-13 09:00", "1998-11-13 09:00"], "Friday the 13th");
    let got = expand("FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", at(1996, 11, 5, 9, 0), 3);
    assert_eq!(dates(&got), ["1996-11-05 09:00", "2000-11-07 09:00", "2004-11-02 09:00"], "US election day");
    let got = expand("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO", at(1997, 8, 5, 9, 0), 10);
    assert_eq!(dates(&got), ["1997-08-05 09:00", "1997-08-10 09:00", "1997-08-19 09:00", "1997-08-24 09:00"]);
    let got = expand("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", at(1997, 8, 5, 9, 0), 10);
    assert_eq!(dates(&got), ["1997-08-05 09:00", "1997-08-17 09:00", "1997-08-19 09:00", "1997-08-31 09:00"], "WKST");
    let got = expand("FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", start, 4);
    assert_eq!(dates(&got), ["1997-09-02 09:00", "1997-09-02 09:20", "1997-09-02 09:40", "1997-09-02 10:00"]);
    let got = expand("FREQ=YEARLY;BYYEARDAY=1,100,200;COUNT=4", at(1997, 1, 1, 9, 0), 10);
    assert_eq!(dates(&got), ["1997-01-01 09:00", "1997-04-10 09:00", "1997-07-19 09:00", "1998-01-01 09:00"]);
}

#[test]
fn the_start_is_an_occurrence_only_if_it_matches() {
    let got = expand("FREQ=WEEKLY;BYDAY=MO", at(2026, 1, 1, 9, 0), 2); // a Thursday
    assert_eq!(dates(&got), ["2026-01-05 09:00", "2026-01-12 09:00"]);
    let got = expand("FREQ=DAILY;BYHOUR=8", at(2026, 1, 1, 9, 0), 1);
    assert_eq!(dates(&got), ["2026-01-02 08:00"]);
    let got = expand("FREQ=HOURLY;BYMINUTE=15,45", at(2026, 1, 1, 9, 30), 3);
    assert_eq!(dates(&got), ["2026-01-01 09:45", "2026-01-01 10:15", "2026-01-01 10:45"]);
    let start = at(2026, 1, 1, 9, 30).with_second(17);
    let got = ours("FREQ=DAILY", start.expect("valid"), 2).expect("valid");
    assert_eq!(got.iter().map(|d| d.second()).collect::<Vec<_>>(), [17, 17], "seconds come from the start");
}

#[test]
fn count_and_until_stop_the_rule() {
    let got = expand("FREQ=DAILY;COUNT=3", at(2026, 1, 1, 9, 0), 10);
    assert_eq!(dates(&got), ["2026-01-01 09:00", "2026-01-02 09:00", "2026-01-03 09:00"]);
    let got = expand("FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20260112T090000Z", at(2026, 1, 1, 9, 0), 10);
    assert_eq!(
        dates(&got),
        ["2026-01-02 09:00", "2026-01-05 09:00", "2026-01-09 09:00", "2026-01-12 09:00"],
        "inclusive"
    );
    let got = expand("FREQ=HOURLY;INTERVAL=7;UNTIL=20260102T000000Z", at(2026, 1, 1, 9, 0), 10);
    assert_eq!(dates(&got), ["2026-01-01 09:00", "2026-01-01 16:00", "2026-01-01 23:00"]);
    // COUNT counts occurrences from the first, not periods or candidates before the start.
    let got = expand("FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=3", at(2026, 1, 10, 9, 0), 10);
    assert_eq!(dates(&got), ["2026-01-15 09:00", "2026-02-01 09:00", "2026-02-15 09:00"]);
    // A bare-date UNTIL covers its whole day (the crate would read it as midnight in the machine's zone).
    let got = ours("FREQ=DAILY;BYHOUR=9,21;UNTIL=20260102", at(2026, 1, 1, 9, 0), 10).expect("valid");
    assert_eq!(dates(&got), ["2026-01-01 09:00", "2026-01-01 21:00", "2026-01-02 09:00", "2026-01-02 21:00"]);
}

#[test]
fn the_first_weekly_period_starts_at_the_start_like_the_crate() {
    // 2026-01-07 is a Wednesday: the first period is Wed..Sun, where BYSETPOS=1 picks Friday.
    let got = expand("FREQ=WEEKLY;BYDAY=MO,FR;BYSETPOS=1", at(2026, 1, 7, 9, 30), 3);
    assert_eq!(dates(&got), ["2026-01-09 09:30", "2026-01-12 09:30", "2026-01-19 09:30"]);
    // Other first periods are whole: the last candidate of January 2026 is before the start, so nothing then.
    let got = expand("FREQ=MONTHLY;BYMONTHDAY=1,2;BYSETPOS=1", at(2026, 1, 2, 9, 30), 2);
    assert_eq!(dates(&got), ["2026-02-01 09:30", "2026-03-01 09:30"]);
}

#[test]
fn mixed_plain_and_numbered_weekdays_take_either_unlike_the_crate() {
    let start = at(2026, 1, 1, 9, 0);
    let got = ours("FREQ=MONTHLY;BYDAY=WE,1TU", start, 4).expect("valid");
    assert_eq!(dates(&got), ["2026-01-06 09:00", "2026-01-07 09:00", "2026-01-14 09:00", "2026-01-21 09:00"]);
    assert_eq!(theirs("FREQ=MONTHLY;BYDAY=WE,1TU", start, 4, true), Ok(vec![]), "the crate keeps only days both take");
}

#[test]
fn hourly_filters_hours_and_expands_minutes() {
    let got = expand("FREQ=HOURLY;INTERVAL=5;BYHOUR=9,10;BYMINUTE=15,45", at(2026, 1, 7, 9, 30), 4);
    assert_eq!(dates(&got), ["2026-01-07 09:45", "2026-01-08 10:15", "2026-01-08 10:45", "2026-01-12 09:15"]);
    let got = expand("FREQ=HOURLY;INTERVAL=3;BYDAY=SA;BYMONTHDAY=1,2,3", at(2026, 1, 1, 22, 0), 4);
    assert_eq!(dates(&got), ["2026-01-03 01:00", "2026-01-03 04:00", "2026-01-03 07:00", "2026-01-03 10:00"]);
}

/// Rules that never match end quickly, with nothing.
#[test]
fn never_matching_rules_end_fast() {
    let start = at(2026, 1, 1, 9, 0);
    for rule in [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=0,10,20,30,40,50",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=6;BYDAY=5MO,5TU,5WE;BYMONTHDAY=1",
        "FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYHOUR=9;BYSETPOS=2",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=-30",
        "FREQ=DAILY;BYHOUR=9;BYSETPOS=2",
        "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=31",
        "FREQ=HOURLY;INTERVAL=2;BYHOUR=4",
        "FREQ=HOURLY;BYMINUTE=5;BYSETPOS=-2",
        "FREQ=HOURLY;BYYEARDAY=366;BYMONTH=1",
    ] {
        let clock = Instant::now();
        assert_eq!(ours(rule, start, 5), Ok(vec![]), "{rule}");
        assert!(clock.elapsed() < Duration::from_secs(2), "{rule} took {:?}", clock.elapsed());
    }
}

#[test]
fn the_walk_gives_up_after_ten_thousand_empty_periods() {
    // Mondays on 29 February come 28 years apart (10,227 days): past the bound for DAILY, not for MONTHLY.
    let start = at(2016, 3, 1, 9, 0);
    assert_eq!(ours("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", start, 1), Ok(vec![]));
    let monthly = ours("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", start, 1).expect("valid");
    assert_eq!(dates(&monthly), ["2044-02-29 09:00"]);
    assert_eq!(
        theirs("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", start, 1, true).map(|v| dates(&v)),
        Ok(dates(&monthly))
    );
}

#[test]
fn starts_near_the_year_9999_end_without_panicking() {
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).and_then(|d| d.and_hms_opt(23, 59, 59)).expect("valid");
    let got = ours("FREQ=DAILY", last, 5).expect("valid");
    assert_eq!(got, [last]);
    let got = ours("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;WKST=SU", at(9999, 12, 30, 9, 0), 10).expect("valid");
    assert_eq!(dates(&got), ["9999-12-30 09:00", "9999-12-31 09:00"], "the week would run into 10000");
    let starts = [
        last,
        at(9999, 12, 31, 0, 0),
        at(9999, 1, 1, 0, 0),
        at(9998, 12, 31, 23, 0),
        NaiveDateTime::MAX,
        NaiveDateTime::MIN,
        at(-1, 2, 28, 12, 0),
    ];
    let rules = [
        "FREQ=HOURLY",
        "FREQ=HOURLY;INTERVAL=65535;BYMINUTE=0,59",
        "FREQ=HOURLY;INTERVAL=5;BYHOUR=23;BYYEARDAY=-1",
        "FREQ=DAILY;INTERVAL=65535",
        "FREQ=DAILY;BYHOUR=0,23;BYMINUTE=0,59;BYSETPOS=-1,1",
        "FREQ=WEEKLY;INTERVAL=65535;BYDAY=SU,MO",
        "FREQ=MONTHLY;INTERVAL=65535;BYMONTHDAY=-1,1",
        "FREQ=MONTHLY;BYDAY=-1SU,5SA",
        "FREQ=YEARLY;INTERVAL=65535;BYYEARDAY=-366,366",
        "FREQ=YEARLY;BYDAY=-53MO,53SU;BYSETPOS=-366,366",
        "FREQ=YEARLY;COUNT=4294967295",
        "FREQ=DAILY;UNTIL=99991231T235959Z",
    ];
    for start in starts {
        for rule in rules {
            let parsed: Rule = rule.parse().expect("valid");
            let got: Vec<_> = parsed.occurrences(start).take(20).collect();
            assert!(got.windows(2).all(|w| w[0] < w[1]), "{rule} from {start}: not increasing");
            assert!(got.iter().all(|&d| d >= start && d <= last), "{rule} from {start}: {got:?}");
        }
    }
}
