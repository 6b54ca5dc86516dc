//! How the store writes instants and dates: instants as unix milliseconds (UTC), dates as `YYYY-MM-DD`.

use chrono::{DateTime, NaiveDate, Utc};

/// Unix milliseconds for an instant.
pub fn to_ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// The instant for stored unix milliseconds.
pub fn from_ms(ms: i64) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or(rusqlite::Error::IntegralValueOutOfRange(0, ms))
}

/// A stored `YYYY-MM-DD` date.
pub fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}
