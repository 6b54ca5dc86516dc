//! No input makes parsing or expansion panic or overflow: random rule-like text and extreme starts.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use proptest::sample::select;

use super::super::Rule;

const TOKENS: [&str; 30] = [
    "FREQ=",
    "HOURLY",
    "DAILY",
    "WEEKLY",
    "MONTHLY",
    "YEARLY",
    "INTERVAL=",
    "COUNT=",
    "UNTIL=",
    "BYMONTH=",
    "BYMONTHDAY=",
    "BYYEARDAY=",
    "BYDAY=",
    "BYHOUR=",
    "BYMINUTE=",
    "BYSETPOS=",
    "WKST=",
    "MO",
    "SU",
    ";",
    ",",
    "-",
    "+",
    "0",
    "1",
    "9",
    "53",
    "366",
    "99991231T235959Z",
    "T",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => proptest::collection::vec(select(&TOKENS[..]), 0..24).prop_map(|tokens| tokens.concat()),
        1 => any::<String>(),
        4 => "FREQ=(HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)\
              (;(INTERVAL|COUNT)=[0-9]{1,5}|;UNTIL=[0-9]{8}(T[0-9]{6}Z?)?|;(BYMONTH|BYMONTHDAY|BYYEARDAY|BYHOUR|BYMINUTE|BYSETPOS)=\
              -?[0-9]{1,2}(,-?[0-9]{1,2}){0,3}|;BYDAY=([-+]?[0-9]{1,2})?(MO|SU)(,([-+]?[0-9]{1,2})?(TU|SA)){0,3}){0,6}",
    ]
}

fn start() -> impl Strategy<Value = NaiveDateTime> {
    prop_oneof![
        Just(NaiveDateTime::MIN),
        Just(NaiveDateTime::MAX),
        (-3000..=12000i32, 1..=366u32, 0..86_400u32).prop_filter_map("a real date", |(year, day, second)| {
            NaiveDate::from_yo_opt(year, day).and_then(|d| d.and_hms_opt(second / 3600, second / 60 % 60, second % 60))
        }),
    ]
}

proptest! {
    #[test]
    fn nothing_panics(text in text(), start in start()) {
        if let Ok(rule) = text.parse::<Rule>() {
            let _ = rule.check_start(start);
            let got: Vec<_> = rule.occurrences(start).take(100).collect();
            prop_assert!(got.windows(2).all(|w| w[0] < w[1]), "{text} from {start}: not increasing");
            prop_assert!(got.iter().all(|&d| d >= start && d.year() <= 9999), "{text} from {start}");
        }
    }
}
