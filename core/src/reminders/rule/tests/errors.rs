//! Parse and start errors: each names its part and says what is accepted, without repeating the rule.

use chrono::Timelike;

use super::super::{Frequency, Rule, RuleError};
use super::reference::{at, ours, theirs};

fn reason(text: &str) -> String {
    match text.parse::<Rule>() {
        Ok(rule) => panic!("{text:?} was accepted as {rule:?}"),
        Err(RuleError { reason }) => reason,
    }
}

#[test]
fn the_brief_s_messages_are_given_word_for_word() {
    assert_eq!(reason("FREQ=MINUTELY"), "can repeat at most every hour (FREQ=HOURLY)");
    assert_eq!(reason("FREQ=SECONDLY;COUNT=3"), "can repeat at most every hour (FREQ=HOURLY)");
    assert_eq!(reason("FREQ=DAILY;INTERVAL=0"), "INTERVAL must be at least 1");
    assert_eq!(reason("FREQ=DAILY;COUNT=0"), "COUNT must be at least 1");
    let rule: Rule = "FREQ=DAILY;UNTIL=20260101T090000Z".parse().expect("valid");
    let err = rule.check_start(at(2026, 1, 2, 9, 0)).expect_err("UNTIL before the start");
    assert_eq!(err.reason, "UNTIL can't be before the reminder starts");
    assert_eq!(err.to_string(), err.reason, "Display shows the reason");
    assert!(rule.check_start(at(2026, 1, 1, 9, 0)).is_ok(), "UNTIL equal to the start is fine");
}

#[test]
fn every_error_names_its_part() {
    let cases = [
        ("", "FREQ"),
        ("INTERVAL=2", "FREQ"),
        ("FREQ=FORTNIGHTLY", "FREQ"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ"),
        ("FREQ=DAILY;INTERVAL=two", "INTERVAL"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL"),
        ("FREQ=DAILY;INTERVAL=65536", "INTERVAL"),
        ("FREQ=DAILY;COUNT=ten", "COUNT"),
        ("FREQ=DAILY;COUNT=99999999999", "COUNT"),
        ("FREQ=DAILY;UNTIL=tomorrow", "UNTIL"),
        ("FREQ=DAILY;UNTIL=20260230T090000Z", "UNTIL"),
        ("FREQ=DAILY;UNTIL=20260101T250000Z", "UNTIL"),
        ("FREQ=DAILY;UNTIL=20260101Z", "UNTIL"),
        ("FREQ=DAILY;COUNT=3;UNTIL=20260101T090000Z", "COUNT and UNTIL"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH"),
        ("FREQ=YEARLY;BYMONTH=0", "BYMONTH"),
        ("FREQ=YEARLY;BYMONTH=", "BYMONTH"),
        ("FREQ=YEARLY;BYMONTH=1,,2", "BYMONTH"),
        ("FREQ=YEARLY;BYMONTH=1,", "BYMONTH"),
        ("FREQ=YEARLY;BYMONTH=+1", "BYMONTH"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=--1", "BYMONTHDAY"),
        ("FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY"),
        ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY"),
        ("FREQ=YEARLY;BYYEARDAY=0", "BYYEARDAY"),
        ("FREQ=DAILY;BYYEARDAY=1", "BYYEARDAY"),
        ("FREQ=WEEKLY;BYYEARDAY=1", "BYYEARDAY"),
        ("FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY"),
        ("FREQ=WEEKLY;BYDAY=MON", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=M", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY"),
        ("FREQ=YEARLY;BYDAY=54MO", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=6MO", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=-6MO", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY"),
        ("FREQ=DAILY;BYDAY=-1SU", "BYDAY"),
        ("FREQ=HOURLY;BYDAY=2TU", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=1MÖ", "BYDAY"),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR"),
        ("FREQ=DAILY;BYHOUR=-1", "BYHOUR"),
        ("FREQ=DAILY;BYMINUTE=60", "BYMINUTE"),
        ("FREQ=DAILY;BYHOUR=9;BYSETPOS=0", "BYSETPOS"),
        ("FREQ=DAILY;BYHOUR=9;BYSETPOS=367", "BYSETPOS"),
        ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS"),
        ("FREQ=WEEKLY;WKST=XX", "WKST"),
        ("FREQ=DAILY;BYSECOND=0", "BYSECOND"),
        ("FREQ=YEARLY;BYWEEKNO=1", "BYWEEKNO"),
        ("FREQ=DAILY;BYEASTER=0", "BYEASTER"),
        ("FREQ=DAILY;BYWEEKDAY=MO", "BYWEEKDAY"),
        ("FREQ=DAILY;DTSTART", "NAME=VALUE"),
    ];
    for (text, part) in cases {
        let reason = reason(text);
        assert!(reason.contains(part), "{text:?}: {reason:?} does not name {part}");
    }
}

#[test]
fn unsupported_parts_say_so_plainly() {
    assert_eq!(reason("FREQ=DAILY;BYSECOND=0"), "BYSECOND is not supported: reminders are set to the minute");
    assert!(reason("FREQ=YEARLY;BYWEEKNO=20").starts_with("BYWEEKNO is not supported: week numbers are not supported"));
}

#[test]
fn errors_never_repeat_the_rule_text() {
    let secret = "MISOPROSTOLSECRETTITLE";
    for text in [
        format!("FREQ=DAILY;{secret}=1"),
        format!("FREQ=DAILY;X-{secret}=1"),
        format!("FREQ=DAILY;BYDAY={secret}"),
        format!("FREQ=DAILY;UNTIL={secret}"),
        format!("FREQ={secret}"),
        format!("FREQ=DAILY;{secret}"),
    ] {
        let reason = reason(&text);
        assert!(!reason.contains(secret) && !reason.contains("SECRET"), "{text:?}: {reason:?}");
    }
    assert!(reason("FREQ=DAILY;COLOUR=RED").starts_with("COLOUR is not a rule part"), "a short name is named");
}

#[test]
fn accepted_rules_read_back_through_the_accessors() {
    let rule: Rule = "FREQ=WEEKLY;INTERVAL=2;COUNT=5;BYDAY=MO,TH;WKST=SU".parse().expect("valid");
    assert_eq!((rule.frequency(), rule.interval(), rule.count(), rule.until()), (Frequency::Weekly, 2, Some(5), None));
    let rule: Rule = "FREQ=HOURLY;UNTIL=20261231T093000Z".parse().expect("valid");
    assert_eq!((rule.frequency(), rule.interval(), rule.count()), (Frequency::Hourly, 1, None));
    assert_eq!(rule.until(), Some(at(2026, 12, 31, 9, 30)), "the Z is wall-clock time, not UTC");
    let until = |text: &str| text.parse::<Rule>().expect("valid").until();
    assert_eq!(until("FREQ=DAILY;UNTIL=20261231T093000"), Some(at(2026, 12, 31, 9, 30)));
    assert_eq!(until("FREQ=DAILY;UNTIL=20261231"), at(2026, 12, 31, 23, 59).with_second(59), "a date is its whole day");
    assert_eq!(until("FREQ=DAILY;UNTIL=20261231T093015Z").map(|u| u.second()), Some(15));
}

#[test]
fn lists_are_sets_and_empty_parts_are_skipped() {
    let a: Rule = "FREQ=MONTHLY;BYDAY=MO,1TU,-1SU;BYMONTHDAY=3,1".parse().expect("valid");
    let b: Rule = ";FREQ=MONTHLY;BYMONTHDAY=1,3,3;;BYDAY=-1SU,+1TU,MO,MO;".parse().expect("valid");
    assert_eq!(a, b);
    assert_ne!(a, "FREQ=MONTHLY;BYDAY=MO,1TU;BYMONTHDAY=3,1".parse::<Rule>().expect("valid"));
}

/// The documented acceptance differences, checked against the crate so that they stay true.
#[test]
fn documented_differences_from_the_crate_hold() {
    let start = at(2026, 1, 1, 9, 0);
    let refused_only_by_us = [
        "FREQ=MINUTELY",
        "FREQ=SECONDLY",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;COUNT=2;UNTIL=20270101T000000Z",
        "FREQ=DAILY;BYSECOND=0",
        "FREQ=YEARLY;BYWEEKNO=1",
        "FREQ=DAILY;BYSETPOS=1",
        "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=DAILY;BYDAY=-1SU",
        "FREQ=HOURLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYDAY=0MO",
        "FREQ=MONTHLY;BYMONTHDAY=0",
        "FREQ=WEEKLY;BYMONTHDAY=-1",
        "FREQ=YEARLY;BYMONTH=",
        "FREQ=DAILY;BYHOUR=+9",
        "FREQ=DAILY;BYWEEKDAY=MO",
        "freq=daily",
    ];
    for rule in refused_only_by_us {
        assert!(ours(rule, start, 1).is_err(), "{rule}: ours accepts it");
        assert!(theirs(rule, start, 1, true).is_ok(), "{rule}: the crate refuses it too; update the docs");
    }
    let accepted_only_by_us = [
        "FREQ=MONTHLY;BYDAY=-5MO",
        "FREQ=YEARLY;BYDAY=-53MO",
        "FREQ=MONTHLY;BYHOUR=9,21;BYSETPOS=62",
        "FREQ=WEEKLY;BYDAY=MO;BYSETPOS=54",
        "FREQ=HOURLY;BYMINUTE=0,30;BYSETPOS=-366",
    ];
    for rule in accepted_only_by_us {
        assert!(ours(rule, start, 1).is_ok(), "{rule}: ours refuses it");
        assert!(theirs(rule, start, 1, true).is_err(), "{rule}: the crate accepts it too; update the docs");
    }
    for rule in ["FREQ=DAILY;INTERVAL=65535", "FREQ=DAILY;COUNT=4294967295", "FREQ=HOURLY;BYYEARDAY=-1"] {
        assert!(ours(rule, start, 1).is_ok() && theirs(rule, start, 1, true).is_ok(), "{rule}");
    }
}
