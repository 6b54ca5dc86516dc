//! How the store writes instants and dates: instants as unix milliseconds (UTC), dates as `YYYY-MM-DD`.

use chrono::{DateTime, NaiveDate, Utc};

/// Unix milliseconds for an instant.
pub fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// `at` as the store keeps it: to the millisecond.
pub fn to_stored(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at)
}

/// The instant for stored unix milliseconds.
pub fn from_ms(ms: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or(rusqlite::Error::IntegralValueOutOfRange(0, ms))
}

/// A stored `YYYY-MM-DD` date.
pub fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    // Every stored day is exactly `YYYY-MM-DD`: read the digits directly (format-driven parsing cost more than
    // the rest of reading a row); anything else goes through chrono, which says what is wrong.
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
        && let Some(day) = NaiveDate::from_ymd_opt(y as i32, m, d)
    {
        return Ok(day);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

#[cfg(test)]
mod parse_day_tests {
    use super::*;

    #[test]
    fn stored_days_read_back_and_anything_else_is_refused() {
        assert_eq!(parse_day("2026-05-01").unwrap(), NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
        assert_eq!(parse_day("0001-01-01").unwrap(), NaiveDate::from_ymd_opt(1, 1, 1).unwrap());
        for bad in ["2026-02-30", "2026/05/01", "", "20260501xx", "2026-05-0a"] {
            assert!(parse_day(bad).is_err(), "{bad}");
        }
    }
}
