//! Reminders tests: daylight-saving tables for three zones, recurrence edge cases and how rules are read,
//! plan invariants as property tests, and the engine end to end on a temporary journal (storage, snooze,
//! done/skip and adherence, quiet hours, discreet text, care gates, suggestions, export and Today).

mod dst;
mod engine;
mod export;
mod periods;
mod plain;
mod plan_props;
mod rules;

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::fixtures::utc;

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(super) fn hm(h: u8, m: u8) -> TimeOfDay {
    TimeOfDay::new(h, m).unwrap()
}

/// A saved-looking reminder built in memory (for the pure planner and recurrence tests).
pub(super) fn reminder(guid: &str, kind: ReminderKind, schedule: Schedule, zone: Option<&str>) -> Reminder {
    Reminder {
        guid: guid.to_owned(),
        kind,
        title: "Ibuprofen 400mg".to_owned(),
        schedule,
        time_zone: zone.map(str::to_owned),
        until: None,
        paused: false,
        created_at: utc(2000, 1, 1, 0, 0),
        updated_at: utc(2000, 1, 1, 0, 0),
    }
}

/// A daily reminder at `h:m` starting on `start`.
pub(super) fn daily(start: NaiveDate, h: u8, m: u8) -> Schedule {
    Schedule::Repeating { rrule: "FREQ=DAILY".to_owned(), start, time: hm(h, m) }
}

/// Formats instants as RFC 3339 UTC for readable assertions.
pub(super) fn utc_strings(instants: &[DateTime<Utc>]) -> Vec<String> {
    instants.iter().map(|t| t.format("%Y-%m-%dT%H:%MZ").to_string()).collect()
}
