//! A wall-clock time of day to the minute, written `HH:MM` (24-hour) everywhere: in the store, the export,
//! JSON and the CLI.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Timelike};

use crate::error::{Error, Result};

/// A time of day, `00:00` to `23:59`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    hour: u8,
    minute: u8,
}

impl TimeOfDay {
    /// The time `hour:minute`, if it exists.
    pub fn new(hour: u8, minute: u8) -> Option<TimeOfDay> {
        (hour < 24 && minute < 60).then_some(TimeOfDay { hour, minute })
    }

    /// Reads `HH:MM` or `H:MM`; an error names `field` and never repeats the text.
    pub fn parse(field: &str, text: &str) -> Result<TimeOfDay> {
        text.parse().map_err(|_| Error::invalid(field, "must be a 24-hour time like 09:00 or 21:30"))
    }

    pub fn hour(self) -> u8 {
        self.hour
    }

    pub fn minute(self) -> u8 {
        self.minute
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }

    /// As a chrono time (seconds zero).
    pub fn naive(self) -> NaiveTime {
        NaiveTime::from_hms_opt(self.hour.into(), self.minute.into(), 0).expect("hours and minutes are in range")
    }

    /// The time of day of `time`, dropping seconds.
    pub fn of(time: NaiveTime) -> TimeOfDay {
        TimeOfDay { hour: time.hour() as u8, minute: time.minute() as u8 }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl FromStr for TimeOfDay {
    type Err = ();

    fn from_str(text: &str) -> std::result::Result<TimeOfDay, ()> {
        let (h, m) = text.trim().split_once(':').ok_or(())?;
        let digits = |s: &str, max_len: usize| -> std::result::Result<u8, ()> {
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(());
            }
            s.parse().map_err(|_| ())
        };
        if m.len() != 2 {
            return Err(());
        }
        TimeOfDay::new(digits(h, 2)?, digits(m, 2)?).ok_or(())
    }
}

impl serde::Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        text.parse().map_err(|_| serde::de::Error::custom("expected a 24-hour time like 09:00"))
    }
}

impl rusqlite::ToSql for TimeOfDay {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.to_string().into())
    }
}

impl rusqlite::types::FromSql for TimeOfDay {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        value.as_str()?.parse().map_err(|_| rusqlite::types::FromSqlError::InvalidType)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_24_hour_times_and_rejects_the_rest() {
        assert_eq!("09:00".parse::<TimeOfDay>(), Ok(TimeOfDay::new(9, 0).unwrap()));
        assert_eq!("7:30".parse::<TimeOfDay>(), Ok(TimeOfDay::new(7, 30).unwrap()));
        assert_eq!("23:59".parse::<TimeOfDay>().unwrap().to_string(), "23:59");
        for bad in ["24:00", "12:60", "9", "9:5", "09:00:00", "ab:cd", "-1:00", "", " : "] {
            assert!(bad.parse::<TimeOfDay>().is_err(), "{bad}");
        }
        let err = TimeOfDay::parse("time", "25:61").unwrap_err().to_string();
        assert!(err.starts_with("time:") && !err.contains("25:61"), "{err}");
    }

    #[test]
    fn serialises_as_hh_mm() {
        let t = TimeOfDay::new(7, 5).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"07:05\"");
        assert_eq!(serde_json::from_str::<TimeOfDay>("\"07:05\"").unwrap(), t);
        assert_eq!(t.minutes(), 425);
    }
}
