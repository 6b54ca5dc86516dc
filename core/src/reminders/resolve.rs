//! Turning a wall-clock time in a zone into an instant, the way Mend promises across daylight-saving
//! changes: a time that does not exist (spring forward) fires at the first valid minute after it; a time that
//! happens twice (fall back) fires once, at the first of the two.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};

use crate::zone::Zone;

/// How far to look for a valid minute after a gap; real gaps are at most a few hours (a whole day when a zone
/// skipped a date, as Samoa did in 2011).
const MAX_GAP_MINUTES: i64 = 48 * 60;

/// The instant for `local` in `zone`.
pub fn resolve_local(zone: Zone, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(first, second) => first.min(second).with_timezone(&Utc),
        LocalResult::None => first_valid_after(zone, local),
    }
}

fn first_valid_after(zone: Zone, local: NaiveDateTime) -> DateTime<Utc> {
    for step in 1..=MAX_GAP_MINUTES {
        let candidate = local + Duration::minutes(step);
        match zone.from_local_datetime(&candidate) {
            LocalResult::Single(at) => return at.with_timezone(&Utc),
            LocalResult::Ambiguous(first, second) => return first.min(second).with_timezone(&Utc),
            LocalResult::None => {}
        }
    }
    // No zone has a gap this long; read the wall-clock time as UTC rather than fail.
    Utc.from_utc_datetime(&local)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn a_missing_time_moves_to_the_first_valid_minute_after_it() {
        // Dublin springs forward at 01:00 GMT on 2026-03-29: 01:00-01:59 local do not exist.
        let at = resolve_local(Zone::named("Europe/Dublin").unwrap(), local(2026, 3, 29, 1, 30));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
        assert_eq!(at.with_timezone(&Zone::named("Europe/Dublin").unwrap()).format("%H:%M").to_string(), "02:00");
    }

    #[test]
    fn a_repeated_time_takes_the_first() {
        // Dublin falls back at 02:00 IST on 2026-10-25: 01:30 happens at 00:30 and 01:30 UTC.
        let at = resolve_local(Zone::named("Europe/Dublin").unwrap(), local(2026, 10, 25, 1, 30));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
    }

    #[test]
    fn a_skipped_date_moves_to_the_next_day() {
        // Samoa skipped 30 December 2011 entirely.
        let at = resolve_local(Zone::named("Pacific/Apia").unwrap(), local(2011, 12, 30, 9, 0));
        assert_eq!(at.with_timezone(&Zone::named("Pacific/Apia").unwrap()).naive_local(), local(2011, 12, 31, 0, 0));
    }
}
