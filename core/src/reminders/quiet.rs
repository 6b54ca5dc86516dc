//! Quiet hours: a firing that would land inside the window moves to the window's end, never dropped. The
//! window is read as wall-clock time in the zone the phone is in and may span midnight (22:00-07:30).

use chrono::{DateTime, Duration, NaiveTime, Utc};

use super::model::QuietHours;
use super::resolve::resolve_local;
use crate::zone::Zone;

impl QuietHours {
    /// Whether the wall-clock `time` falls inside the window (`from` inclusive, `to` exclusive).
    pub fn contains(&self, time: NaiveTime) -> bool {
        let (from, to, t) = (self.from.naive(), self.to.naive(), time);
        if from <= to { from <= t && t < to } else { t >= from || t < to }
    }

    /// Whether the instant `at` falls inside the window in `zone`.
    pub fn contains_instant(&self, at: DateTime<Utc>, zone: Zone) -> bool {
        self.contains(at.with_timezone(&zone).time())
    }

    /// Where a firing at `at` goes: unchanged outside the window, otherwise the window's end in `zone`.
    pub fn defer(&self, at: DateTime<Utc>, zone: Zone) -> DateTime<Utc> {
        let local = at.with_timezone(&zone).naive_local();
        if !self.contains(local.time()) {
            return at;
        }
        let ends_tomorrow = self.from > self.to && local.time() >= self.from.naive();
        let end_day = if ends_tomorrow { local.date() + Duration::days(1) } else { local.date() };
        let end = resolve_local(zone, end_day.and_time(self.to.naive()));
        if end > at && !self.contains_instant(end, zone) {
            return end;
        }
        // A daylight-saving change folded the end onto or before `at`: walk forward to the first minute outside.
        let mut candidate = at;
        for _ in 0..(48 * 60) {
            candidate += Duration::minutes(1);
            if !self.contains_instant(candidate, zone) {
                break;
            }
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::utc;
    use crate::reminders::TimeOfDay;

    fn quiet(from: (u8, u8), to: (u8, u8)) -> QuietHours {
        QuietHours { from: TimeOfDay::new(from.0, from.1).unwrap(), to: TimeOfDay::new(to.0, to.1).unwrap() }
    }

    #[test]
    fn a_window_over_midnight_moves_late_and_early_firings_to_its_end() {
        let q = quiet((22, 0), (7, 30));
        let dublin = Zone::named("Europe/Dublin").unwrap();
        // 23:15 IST on 1 June (22:15 UTC) moves to 07:30 IST on 2 June (06:30 UTC).
        assert_eq!(q.defer(utc(2026, 6, 1, 22, 15), dublin), utc(2026, 6, 2, 6, 30));
        // 05:00 IST moves to 07:30 the same morning.
        assert_eq!(q.defer(utc(2026, 6, 2, 4, 0), dublin), utc(2026, 6, 2, 6, 30));
        // The edges: 22:00 is quiet, 07:30 is not, 21:59 is not.
        assert_eq!(q.defer(utc(2026, 6, 2, 21, 0), dublin), utc(2026, 6, 3, 6, 30));
        assert_eq!(q.defer(utc(2026, 6, 2, 6, 30), dublin), utc(2026, 6, 2, 6, 30));
        assert_eq!(q.defer(utc(2026, 6, 2, 20, 59), dublin), utc(2026, 6, 2, 20, 59));
    }

    #[test]
    fn a_daytime_window_works_too() {
        let q = quiet((13, 0), (14, 0));
        assert_eq!(q.defer(utc(2026, 1, 5, 13, 20), Zone::UTC), utc(2026, 1, 5, 14, 0));
        assert_eq!(q.defer(utc(2026, 1, 5, 12, 59), Zone::UTC), utc(2026, 1, 5, 12, 59));
    }

    #[test]
    fn an_end_inside_the_repeated_hour_never_moves_a_firing_backwards() {
        // Quiet 00:00-01:30 on Dublin's fall-back night: 01:15 GMT (the second 01:15) is inside the window,
        // and the first 01:30 (IST) is already past, so it moves to the second 01:30.
        let q = quiet((0, 0), (1, 30));
        let at = utc(2026, 10, 25, 1, 15);
        let moved = q.defer(at, Zone::named("Europe/Dublin").unwrap());
        assert!(moved > at);
        assert!(!q.contains_instant(moved, Zone::named("Europe/Dublin").unwrap()));
        assert_eq!(moved, utc(2026, 10, 25, 1, 30));
    }
}
