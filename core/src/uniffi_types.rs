//! How time types cross the FFI (feature `uniffi` only): an instant is a uniffi timestamp (Kotlin
//! `java.time.Instant`, Swift `Date`) at the millisecond precision the store keeps; a calendar day is its
//! `YYYY-MM-DD` text, a time of day its `HH:MM` text, and a local time with its offset its RFC 3339 text
//! (Kotlin maps those to `LocalDate`, `LocalTime` and `OffsetDateTime` through the bindgen config).

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use crate::reminders::TimeOfDay;

/// An instant, UTC.
type Timestamp = DateTime<Utc>;

uniffi::custom_type!(Timestamp, std::time::SystemTime, {
    remote,
    lower: |at| at.into(),
    try_lift: |time| {
        let at = DateTime::<Utc>::from(time);
        DateTime::from_timestamp_millis(at.timestamp_millis())
            .ok_or_else(|| uniffi::deps::anyhow::anyhow!("instant out of range"))
    },
});

/// A local calendar date.
type Day = NaiveDate;

uniffi::custom_type!(Day, String, {
    remote,
    lower: |day| day.format("%Y-%m-%d").to_string(),
    try_lift: |text| Ok(NaiveDate::parse_from_str(&text, "%Y-%m-%d")?),
});

uniffi::custom_type!(TimeOfDay, String, {
    lower: |time| time.to_string(),
    try_lift: |text| text.parse().map_err(|()| uniffi::deps::anyhow::anyhow!("not a 24-hour time like 09:00")),
});

/// An instant as wall-clock time with its UTC offset (a reminder's local firing time).
type ZonedInstant = DateTime<FixedOffset>;

uniffi::custom_type!(ZonedInstant, String, {
    remote,
    lower: |at| at.to_rfc3339(),
    try_lift: |text| Ok(DateTime::parse_from_rfc3339(&text)?),
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

    #[test]
    fn times_of_day_and_offset_times_cross_as_text() {
        let time = TimeOfDay::new(7, 5).unwrap();
        assert_eq!(
            <TimeOfDay as Lift<UniFfiTag>>::try_lift(<TimeOfDay as Lower<UniFfiTag>>::lower(time)).unwrap(),
            time
        );
        let at = DateTime::parse_from_rfc3339("2026-05-14T09:00:00+01:00").unwrap();
        let lowered = <ZonedInstant as Lower<UniFfiTag>>::lower(at);
        assert_eq!(<ZonedInstant as Lift<UniFfiTag>>::try_lift(lowered).unwrap(), at);
        let bad = <String as Lower<UniFfiTag>>::lower("25:00".to_owned());
        assert!(<TimeOfDay as Lift<UniFfiTag>>::try_lift(bad).is_err());
    }
}
