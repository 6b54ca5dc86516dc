//! How chrono's types cross the FFI (feature `uniffi` only): an instant is a uniffi timestamp (Kotlin
//! `java.time.Instant`, Swift `Date`) at the millisecond precision the store keeps; a calendar day is its
//! `YYYY-MM-DD` text (Kotlin maps it to `java.time.LocalDate` through the bindgen config).

use chrono::{DateTime, NaiveDate, Utc};

/// An instant, UTC.
type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, std::time::SystemTime, {
    remote,
    lower: |at| at.into(),
    try_lift: |time| {
        let at = DateTime::<Utc>::from(time);
        DateTime::from_timestamp_millis(at.timestamp_millis()).ok_or_else(|| uniffi::deps::anyhow::anyhow!("instant out of range"))
    },
});

/// A local calendar date.
type Day = NaiveDate;

uniffi::custom_type!(Day, String, {
    remote,
    lower: |day| day.format("%Y-%m-%d").to_string(),
    try_lift: |text| Ok(NaiveDate::parse_from_str(&text, "%Y-%m-%d")?),
});

#[cfg(test)]
mod tests {
    use uniffi::{Lift, Lower};

    use super::*;
    use crate::UniFfiTag;

    #[test]
    fn instants_cross_at_millisecond_precision() {
        let at = DateTime::from_timestamp(1_778_000_000, 123_456_789).unwrap();
        let lowered = <Timestamp as Lower<UniFfiTag>>::lower(at);
        let back = <Timestamp as Lift<UniFfiTag>>::try_lift(lowered).unwrap();
        assert_eq!(back.timestamp_millis(), at.timestamp_millis());
        assert_eq!(back.timestamp_subsec_nanos(), 123_000_000);
    }

    #[test]
    fn days_cross_as_iso_text_and_bad_text_is_refused() {
        let day = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let lowered = <Day as Lower<UniFfiTag>>::lower(day);
        assert_eq!(<Day as Lift<UniFfiTag>>::try_lift(lowered).unwrap(), day);
        let bad = <String as Lower<UniFfiTag>>::lower("1 May".to_owned());
        assert!(<Day as Lift<UniFfiTag>>::try_lift(bad).is_err());
    }
}
