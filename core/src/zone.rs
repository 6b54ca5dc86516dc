//! Time zones: an IANA zone (`Europe/Dublin`) read from the platform's own time-zone database, usable wherever
//! chrono takes a zone (`at.with_timezone(&zone)`, `zone.from_local_datetime(..)`).
//!
//! The rules come from the system's tzdb through `jiff`: `/usr/share/zoneinfo` on iOS, macOS and Linux, and on
//! Android the concatenated `tzdata` file the OS keeps current (the time-zone APEX, updated through Google Play,
//! since Android 10), so a government's late change to its clocks reaches Mend without an app update. Nothing is
//! compiled in, which keeps the phone library small.
//!
//! A [`Zone`] is `Copy`: each zone's rules are loaded once per process and kept for its life (there are a few
//! hundred zones at most, and only names found in the database are ever kept).
//!
//! What a person types for a zone or a time (`--tz EST`, `--at 09:30`) is read in `typed`.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{LazyLock, Mutex};

use chrono::{Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc};
use jiff::civil;
use jiff::tz::{AmbiguousOffset, TimeZone as Rules, TimeZoneDatabase};

mod typed;
pub use typed::{local_instant, typed_instant, typed_zone};

/// An IANA time zone. Compared and printed by name.
#[derive(Clone, Copy)]
pub struct Zone(&'static Loaded);

struct Loaded {
    name: &'static str,
    rules: Rules,
}

static UTC_LOADED: Loaded = Loaded { name: "UTC", rules: Rules::UTC };

/// Every zone loaded so far, by name.
static LOADED: LazyLock<Mutex<HashMap<&'static str, &'static Loaded>>> = LazyLock::new(Default::default);

/// Android's concatenated tzdata files, newest source first: the time-zone APEX (Android 10+), the pre-APEX
/// update location (Android 9), then the copy in the system image. jiff 0.2 looks only at the last two.
#[cfg_attr(not(target_os = "android"), allow(dead_code))]
const ANDROID_TZDATA: [&str; 3] = [
    "/apex/com.android.tzdata/etc/tz/tzdata",
    "/data/misc/zoneinfo/current/tzdata",
    "/system/usr/share/zoneinfo/tzdata",
];

/// The database every zone is read from, opened on first use.
static DATABASE: LazyLock<TimeZoneDatabase> = LazyLock::new(|| {
    #[cfg(target_os = "android")]
    if let Some(db) = first_concatenated(&ANDROID_TZDATA) {
        return db;
    }
    jiff::tz::db().clone()
});

/// The first of `paths` that holds a readable concatenated tzdata file with zones in it.
#[cfg_attr(not(target_os = "android"), allow(dead_code))]
fn first_concatenated(paths: &[&str]) -> Option<TimeZoneDatabase> {
    paths
        .iter()
        .filter_map(|path| TimeZoneDatabase::from_concatenated_path(path).ok())
        .find(|db| !db.is_definitively_empty())
}

/// A name that is not a zone in the time-zone database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an IANA time zone")]
pub struct UnknownZone;

impl Zone {
    /// Coordinated Universal Time.
    pub const UTC: Zone = Zone(&UTC_LOADED);

    /// The zone with exactly this IANA name (names are case-sensitive, as in the database).
    pub fn named(name: &str) -> Result<Zone, UnknownZone> {
        if name == "UTC" {
            return Ok(Zone::UTC);
        }
        let mut loaded = LOADED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(zone) = loaded.get(name) {
            return Ok(Zone(zone));
        }
        let rules = DATABASE.get(name).map_err(|_| UnknownZone)?;
        if rules.iana_name() != Some(name) {
            return Err(UnknownZone);
        }
        let zone: &'static Loaded = Box::leak(Box::new(Loaded { name: Box::leak(name.into()), rules }));
        loaded.insert(zone.name, zone);
        Ok(Zone(zone))
    }

    /// A stored zone name, or UTC if this device's time-zone database does not know it (a name synced from a
    /// device with newer tzdata, say): times still show, never an error.
    pub fn named_or_utc(name: &str) -> Zone {
        Zone::named(name).unwrap_or(Zone::UTC)
    }

    /// The zone's IANA name.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    fn offset(self, seconds: i32) -> ZoneOffset {
        // Real zones are within ±15 hours; chrono takes anything under ±24 (jiff's limit is ±25:59:59).
        ZoneOffset { zone: self, fixed: FixedOffset::east_opt(seconds).unwrap_or(Utc.fix()) }
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.0.name == other.0.name
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.name.hash(state);
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.name)
    }
}

impl FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(name: &str) -> Result<Zone, UnknownZone> {
        Zone::named(name)
    }
}

/// A zone's offset from UTC at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        match self.0.rules.to_ambiguous_timestamp(civil_of(local)).offset() {
            AmbiguousOffset::Unambiguous { offset } => LocalResult::Single(self.offset(offset.seconds())),
            AmbiguousOffset::Gap { .. } => LocalResult::None,
            AmbiguousOffset::Fold { before, after } => {
                LocalResult::Ambiguous(self.offset(before.seconds()), self.offset(after.seconds()))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        let seconds =
            utc.and_utc().timestamp().clamp(jiff::Timestamp::MIN.as_second(), jiff::Timestamp::MAX.as_second());
        let at = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        self.offset(self.0.rules.to_offset(at).seconds())
    }
}

/// jiff's civil date-time for chrono's, with the year held to jiff's range (-9999..=9999); Mend's own dates are
/// all well inside it.
fn civil_of(local: &NaiveDateTime) -> civil::DateTime {
    let (year, month, day) = match local.year() {
        y if y > 9999 => (9999, 12, 31),
        y if y < -9999 => (-9999, 1, 1),
        y => (y as i16, local.month() as i8, local.day() as i8),
    };
    civil::DateTime::new(year, month, day, local.hour() as i8, local.minute() as i8, local.second() as i8, 0)
        .unwrap_or(civil::DateTime::ZERO)
}

#[cfg(test)]
mod tests;
