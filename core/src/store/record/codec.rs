//! Codecs for fields whose stored form differs from the record's: each is a module with `bind` (the field to
//! its SQL value) and `read` (the stored value into the field), named in a [`super::record!`] line as
//! `(field as codec::ms)`. Capabilities add their own beside their records (feelings, signs, event details).

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{ToSqlOutput, ValueRef};

use super::value;
use crate::store::time::{from_ms, parse_day};

/// An instant as unix milliseconds.
pub mod ms {
    use super::*;

    pub fn bind(at: &DateTime<Utc>) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::from(at.timestamp_millis()))
    }

    pub fn read(at: &mut DateTime<Utc>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        *at = from_ms(value(v)?)?;
        Ok(())
    }
}

/// An optional instant as unix milliseconds or NULL.
pub mod ms_opt {
    use super::*;

    pub fn bind(at: &Option<DateTime<Utc>>) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(at.map_or(ToSqlOutput::from(rusqlite::types::Null), |t| ToSqlOutput::from(t.timestamp_millis())))
    }

    pub fn read(at: &mut Option<DateTime<Utc>>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        *at = value::<Option<i64>>(v)?.map(from_ms).transpose()?;
        Ok(())
    }
}

/// A date as `YYYY-MM-DD`.
pub mod day {
    use super::*;

    pub fn bind(day: &NaiveDate) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::from(day.to_string()))
    }

    pub fn read(day: &mut NaiveDate, v: ValueRef<'_>) -> rusqlite::Result<()> {
        *day = parse_day(v.as_str().map_err(|_| invalid(v))?)?;
        Ok(())
    }
}

/// An optional date as `YYYY-MM-DD` or NULL.
pub mod day_opt {
    use super::*;

    pub fn bind(day: &Option<NaiveDate>) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(day.map_or(ToSqlOutput::from(rusqlite::types::Null), |d| ToSqlOutput::from(d.to_string())))
    }

    pub fn read(day: &mut Option<NaiveDate>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        *day = match v {
            ValueRef::Null => None,
            v => Some(parse_day(v.as_str().map_err(|_| invalid(v))?)?),
        };
        Ok(())
    }
}

/// A list of words as one comma-separated text (no word holds a comma: they are codes or guids).
pub mod list {
    use super::*;

    pub fn bind(words: &[String]) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(ToSqlOutput::from(words.join(",")))
    }

    pub fn read(words: &mut Vec<String>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        let text = v.as_str().map_err(|_| invalid(v))?;
        *words = text.split(',').filter(|s| !s.is_empty()).map(str::to_owned).collect();
        Ok(())
    }
}

/// The error for a stored value of the wrong type (the column is named by the reader).
pub fn invalid(v: ValueRef<'_>) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, String::new(), v.data_type())
}
