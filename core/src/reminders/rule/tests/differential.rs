//! Differential property tests against the `rrule` crate: the same random rules and starts must give the same
//! occurrences, and the same rules must be accepted, apart from the documented differences.
//!
//! 256 cases each by default; set `PROPTEST_CASES=2000` (best with `--release`) for a longer run.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use proptest::sample::select;

use super::super::expand::MAX_EMPTY_PERIODS;
use super::reference::{ours, theirs};

const FIRST: usize = 50;
const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn start() -> impl Strategy<Value = NaiveDateTime> {
    (1990..=2040i32, 1..=12u32, 1..=31u32, 0..24u32, 0..60u32, 0..60u32)
        .prop_filter_map("a real date", |(y, mo, d, h, mi, s)| {
            NaiveDate::from_ymd_opt(y, mo, d).and_then(|date| date.and_hms_opt(h, mi, s))
        })
}

/// An optional (present with probability `weight`) comma-separated list of 1 to `max` items.
fn list(weight: f64, item: impl Strategy<Value = String>, max: usize) -> impl Strategy<Value = Option<String>> {
    proptest::option::weighted(weight, proptest::collection::vec(item, 1..=max).prop_map(|items| items.join(",")))
}

fn signed(max: i32) -> impl Strategy<Value = String> {
    prop_oneof![3 => -3..=3i32, 1 => -max..=max].prop_filter("not zero", |&n| n != 0).prop_map(|n| n.to_string())
}

fn day_code() -> impl Strategy<Value = String> {
    select(&DAYS[..]).prop_map(str::to_owned)
}

/// A numbered weekday within what the crate accepts for the frequency (MONTHLY -4..=5, YEARLY -52..=53).
fn nth_day(yearly: bool) -> impl Strategy<Value = String> {
    let (low, high) = if yearly { (-52, 53) } else { (-4, 5) };
    let small = -4..=5i32;
    (prop_oneof![3 => small, 1 => low..=high], day_code())
        .prop_filter("not zero", |(n, _)| *n != 0)
        .prop_map(|(n, day)| format!("{n}{day}"))
}

/// The crate's BYSETPOS range for each FREQ.
fn set_pos_range(freq: &str) -> i32 {
    match freq {
        "MONTHLY" => 31,
        "WEEKLY" => 53,
        "HOURLY" => 24,
        _ => 366,
    }
}

#[derive(Debug, Clone)]
enum End {
    Forever,
    Count(u32),
    /// Seconds after the start.
    Until(i64),
}

fn end() -> impl Strategy<Value = End> {
    prop_oneof![
        2 => Just(End::Forever),
        1 => (1..=30u32).prop_map(End::Count),
        2 => (0..=3 * 365 * 86_400i64).prop_map(End::Until),
        1 => (0..=40 * 86_400i64).prop_map(End::Until),
    ]
}

/// A rule valid per RFC 5545 and accepted by both implementations; plain and numbered BYDAY are not mixed.
fn valid_rule() -> impl Strategy<Value = (String, End)> {
    select(&["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"][..]).prop_flat_map(|freq| {
        let month_day = if freq == "WEEKLY" { Just(None).boxed() } else { list(0.25, signed(31), 3).boxed() };
        let year_day =
            if matches!(freq, "YEARLY" | "HOURLY") { list(0.15, signed(366), 3).boxed() } else { Just(None).boxed() };
        let by_day = match freq {
            "MONTHLY" | "YEARLY" => {
                prop_oneof![list(0.3, day_code(), 3), list(0.3, nth_day(freq == "YEARLY"), 3)].boxed()
            }
            _ => list(0.3, day_code(), 3).boxed(),
        };
        let hours = list(0.3, (0..24u32).prop_map(|h| h.to_string()), 3);
        let minutes = list(0.3, (0..60u32).prop_map(|m| m.to_string()), 3);
        let set_pos = list(0.3, signed(set_pos_range(freq)), 2);
        let months = list(0.3, (1..=12u32).prop_map(|m| m.to_string()), 3);
        let week_start = proptest::option::weighted(0.3, day_code());
        (
            Just(freq),
            prop_oneof![6 => 1..=4u32, 1 => 5..=30u32],
            end(),
            (months, month_day, year_day, by_day, hours, minutes),
            set_pos,
            week_start,
        )
            .prop_map(|(freq, interval, end, by, set_pos, week_start)| {
                let (months, month_day, year_day, by_day, hours, minutes) = by;
                let mut parts = vec![format!("FREQ={freq}")];
                if interval > 1 {
                    parts.push(format!("INTERVAL={interval}"));
                }
                if let End::Count(n) = end {
                    parts.push(format!("COUNT={n}"));
                }
                let mut by_parts = 0;
                for (name, value) in [
                    ("BYMONTH", months),
                    ("BYMONTHDAY", month_day),
                    ("BYYEARDAY", year_day),
                    ("BYDAY", by_day),
                    ("BYHOUR", hours),
                    ("BYMINUTE", minutes),
                ] {
                    if let Some(value) = value {
                        parts.push(format!("{name}={value}"));
                        by_parts += 1;
                    }
                }
                if let Some(set_pos) = set_pos.filter(|_| by_parts > 0) {
                    parts.push(format!("BYSETPOS={set_pos}"));
                }
                if let Some(day) = week_start {
                    parts.push(format!("WKST={day}"));
                }
                (parts.join(";"), end)
            })
    })
}

fn with_until(rule: &str, end: &End, start: NaiveDateTime) -> String {
    match end {
        End::Until(seconds) => {
            format!("{rule};UNTIL={}", (start + Duration::seconds(*seconds)).format("%Y%m%dT%H%M%SZ"))
        }
        _ => rule.to_owned(),
    }
}

/// How many whole periods of a DAILY..YEARLY rule lie between two date-times.
fn periods_between(rule: &str, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
    let interval = rule
        .split(';')
        .find_map(|part| part.strip_prefix("INTERVAL="))
        .and_then(|n| n.parse::<i64>().ok())
        .unwrap_or(1);
    let days = (to.date() - from.date()).num_days();
    let periods = match rule.split(';').next() {
        Some("FREQ=YEARLY") => i64::from(to.year() - from.year()),
        Some("FREQ=MONTHLY") => {
            i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month())
        }
        Some("FREQ=WEEKLY") => days / 7,
        _ => days,
    };
    periods / interval
}

/// Ours must equal the crate's, except that ours may end where the crate's next occurrence lies more than
/// `MAX_EMPTY_PERIODS` periods after our last one (or the start).
fn assert_same(rule: &str, start: NaiveDateTime, got: &[NaiveDateTime], want: &[NaiveDateTime]) {
    if got == want {
        return;
    }
    let explained = want.starts_with(got) && {
        let last = got.last().copied().unwrap_or(start);
        let next = want[got.len()];
        let bound = i64::from(MAX_EMPTY_PERIODS);
        match rule.split(';').next() {
            // HOURLY counts a skipped day once and each hour it keeps once: at most 24 a day.
            Some("FREQ=HOURLY") => (next - last).num_days() >= bound / 24 - 1,
            _ => periods_between(rule, last, next) >= bound - 1,
        }
    };
    assert!(
        explained,
        "{rule} from {start}:\n ours   {got:?}\n theirs {want:?}\n first difference at {:?}",
        got.iter().zip(want).position(|(a, b)| a != b)
    );
}

proptest! {
    #[test]
    fn occurrences_match_the_rrule_crate((rule, end) in valid_rule(), start in start()) {
        let rule = with_until(&rule, &end, start);
        let want = theirs(&rule, start, FIRST, true);
        let got = ours(&rule, start, FIRST);
        match (&got, &want) {
            (Ok(got), Ok(want)) => assert_same(&rule, start, got, want),
            _ => prop_assert!(false, "{rule} from {start}: ours {got:?}, theirs {want:?}"),
        }
    }
}

/// One optional part, value drawn from `value` (which may be out of range or malformed).
fn part(
    name: &'static str,
    weight: f64,
    value: BoxedStrategy<String>,
) -> impl Strategy<Value = Option<(&'static str, String)>> {
    proptest::option::weighted(weight, value.prop_map(move |v| (name, v)))
}

/// A list in or just outside `low..=high`, now and then malformed: empty, or with an empty item.
fn loose_list(low: i32, high: i32) -> BoxedStrategy<String> {
    let item = prop_oneof![4 => low..=high, 1 => (low - 1)..=(high + 1)].prop_map(|n| n.to_string());
    prop_oneof![
        12 => proptest::collection::vec(item, 1..=3).prop_map(|items| items.join(",")),
        1 => Just(String::new()),
        1 => Just(format!("{high},,{low}")),
    ]
    .boxed()
}

fn loose_by_day(freq: &'static str) -> BoxedStrategy<String> {
    // Numbers within what the crate accepts for MONTHLY/YEARLY, where ours is more lenient (-5, -53).
    let (low, high) = if freq == "YEARLY" { (-52, 54) } else { (-4, 6) };
    let numbered = (prop_oneof![3 => -4..=5i32, 1 => low..=high], day_code()).prop_map(|(n, d)| format!("{n}{d}"));
    let item = prop_oneof![3 => day_code(), 2 => numbered, 1 => Just("XX".to_owned())];
    proptest::collection::vec(item, 1..=3).prop_map(|items| items.join(",")).boxed()
}

/// Rules that look valid, many of which are not: every part, any FREQ, values near and past their ranges.
fn loose_rule() -> impl Strategy<Value = (String, Option<i64>)> {
    select(&["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "MINUTELY", "SECONDLY"][..]).prop_flat_map(|freq| {
        let pos = set_pos_range(freq);
        let set_pos = prop_oneof![8 => -pos..=pos, 1 => Just(367), 1 => Just(-367)].prop_map(|n| n.to_string()).boxed();
        let set_pos = proptest::collection::vec(set_pos, 1..=2).prop_map(|items| items.join(",")).boxed();
        (
            Just(freq),
            (
                part("INTERVAL", 0.3, (0..=4u32).prop_map(|n| n.to_string()).boxed()),
                part("COUNT", 0.3, (0..=30u32).prop_map(|n| n.to_string()).boxed()),
            ),
            proptest::option::weighted(0.3, -5 * 86_400..=40 * 86_400i64),
            (
                part("BYMONTH", 0.3, loose_list(1, 12)),
                part("BYMONTHDAY", 0.3, loose_list(-31, 31)),
                part("BYYEARDAY", 0.2, loose_list(-366, 366)),
                part("BYWEEKNO", 0.05, loose_list(-53, 53)),
                part("BYDAY", 0.35, loose_by_day(freq)),
                part("BYHOUR", 0.3, loose_list(0, 23)),
                part("BYMINUTE", 0.3, loose_list(0, 59)),
                part("BYSECOND", 0.05, loose_list(0, 59)),
            ),
            part("BYSETPOS", 0.3, set_pos),
            part("WKST", 0.2, prop_oneof![6 => day_code(), 1 => Just("XX".to_owned())].boxed()),
        )
            .prop_map(|(freq, (interval, count), until, by, set_pos, week_start)| {
                let (a, b, c, d, e, f, g, h) = by;
                let parts: Vec<String> =
                    [Some(("FREQ", freq.to_owned())), interval, count, a, b, c, d, e, f, g, h, set_pos, week_start]
                        .into_iter()
                        .flatten()
                        .map(|(name, value)| format!("{name}={value}"))
                        .collect();
                (parts.join(";"), until)
            })
    })
}

/// Why ours refuses a rule that the crate may accept (the documented differences), if it does.
fn refused_only_by_us(rule: &str, has_until: bool) -> Option<&'static str> {
    let parts: Vec<(&str, &str)> = rule.split(';').filter_map(|p| p.split_once('=')).collect();
    let value = |name: &str| parts.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let freq = value("FREQ").unwrap_or_default();
    let numbered = value("BYDAY").is_some_and(|days| days.split(',').any(|d| d.len() > 2));
    let by_parts = ["BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYDAY", "BYHOUR", "BYMINUTE"];
    Some(if matches!(freq, "MINUTELY" | "SECONDLY") {
        "faster than hourly"
    } else if value("INTERVAL") == Some("0") || value("COUNT") == Some("0") {
        "INTERVAL or COUNT 0"
    } else if value("COUNT").is_some() && has_until {
        "COUNT with UNTIL"
    } else if value("BYSECOND").is_some() || value("BYWEEKNO").is_some() {
        "BYSECOND or BYWEEKNO"
    } else if parts.iter().any(|(_, v)| v.is_empty()) {
        "an empty list"
    } else if value("BYSETPOS").is_some() && !by_parts.iter().any(|name| value(name).is_some()) {
        "BYSETPOS alone"
    } else if numbered && !matches!(freq, "MONTHLY" | "YEARLY") {
        "a numbered BYDAY outside MONTHLY/YEARLY"
    } else if value("BYDAY").is_some_and(|days| days.split(',').any(|d| d.starts_with('0'))) {
        "BYDAY=0MO"
    } else if value("BYMONTHDAY").is_some_and(|days| days.split(',').any(|d| d == "0")) {
        "BYMONTHDAY=0, which the crate drops unseen"
    } else if freq == "WEEKLY" && value("BYMONTHDAY").is_some() {
        "BYMONTHDAY with WEEKLY, which the crate allows when all days are negative"
    } else {
        return None;
    })
}

/// A BYDAY list mixing plain and numbered days, which ours reads as RFC 5545 does and the crate does not.
fn mixes_plain_and_numbered(rule: &str) -> bool {
    rule.split(';')
        .filter_map(|p| p.strip_prefix("BYDAY="))
        .any(|days| days.split(',').any(|d| d.len() == 2) && days.split(',').any(|d| d.len() > 2))
}

proptest! {
    #[test]
    fn rules_are_accepted_and_refused_like_the_rrule_crate((rule, until) in loose_rule(), start in start()) {
        let rule = with_until(&rule, &until.map_or(End::Forever, End::Until), start);
        let got = ours(&rule, start, FIRST);
        let want = theirs(&rule, start, FIRST, true);
        if let Some(why) = refused_only_by_us(&rule, until.is_some()) {
            prop_assert!(got.is_err(), "{rule} from {start}: ours accepts it ({why})");
            return Ok(());
        }
        prop_assert_eq!(got.is_ok(), want.is_ok(), "{} from {}: ours {:?}, theirs {:?}", rule, start, got, want);
        if let (Ok(got), Ok(want)) = (&got, &want)
            && !mixes_plain_and_numbered(&rule)
        {
            assert_same(&rule, start, got, want);
        }
    }
}
