//! Reminders in words over the FFI: the apps' "every day / weekday / week / month / year at …" pickers turn
//! into Mend's rule here (`reminders::schedule_in_words`, as the CLI's `--every`), any schedule reads back as
//! words, and a snoozed time says when it will really ring after quiet hours. The core decides; the apps show.

use chrono::{DateTime, Utc};
use mend_core::journal::validate;
use mend_core::reminders::{PlainSchedule, Schedule, schedule_in_words, schedule_words};

use crate::error::MendError;
use crate::mend::Mend;

type Result<T> = std::result::Result<T, MendError>;

#[uniffi::export]
impl Mend {
    /// The schedule, with Mend's rule, for a reminder made in words (errors name `every`, `on` or `times`).
    pub fn reminder_schedule_in_words(&self, plain: PlainSchedule) -> Result<Schedule> {
        Ok(schedule_in_words(&plain)?)
    }

    /// A schedule in plain words: "every Monday and Thursday at 09:00 and 21:00".
    pub fn reminder_schedule_words(&self, schedule: Schedule) -> String {
        schedule_words(&schedule)
    }

    /// When a notification due at `at` really rings on a phone in `current_zone` (absent: the profile's): at
    /// the end of quiet hours if it falls inside them, else at `at`.
    pub fn reminder_rings_at(&self, at: DateTime<Utc>, current_zone: Option<String>) -> Result<DateTime<Utc>> {
        let core = self.core()?;
        let zone = match current_zone {
            Some(name) => validate::time_zone("current_zone", &name)?,
            None => core.reminders().home_zone()?,
        };
        Ok(core.reminders().rings_at(at, zone)?)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::NaiveDate;
    use mend_core::fixtures::utc;
    use mend_core::reminders::{DayOfWeek, Every, QuietHours, TimeOfDay};

    use super::*;
    use crate::OpenOptions;

    fn open(dir: &std::path::Path) -> Arc<Mend> {
        let options = OpenOptions { fixed_now: Some(utc(2026, 5, 13, 20, 0)) };
        Mend::open(dir.to_str().unwrap().to_owned(), options).unwrap()
    }

    fn at(h: u8, m: u8) -> TimeOfDay {
        TimeOfDay::new(h, m).unwrap()
    }

    #[test]
    fn a_picker_in_words_becomes_mends_rule_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let mend = open(dir.path());
        let plain = PlainSchedule {
            every: Every::Week,
            on: vec![DayOfWeek::Thursday, DayOfWeek::Monday],
            times: vec![at(21, 0), at(9, 0)],
            start: NaiveDate::from_ymd_opt(2026, 5, 14).unwrap(),
        };
        let schedule = mend.reminder_schedule_in_words(plain.clone()).unwrap();
        assert!(
            matches!(&schedule, Schedule::Repeating { rrule, .. } if rrule == "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9,21;BYMINUTE=0")
        );
        assert_eq!(mend.reminder_schedule_words(schedule), "every Monday and Thursday at 09:00 and 21:00");
        let refused = mend.reminder_schedule_in_words(PlainSchedule { times: vec![], ..plain });
        assert!(matches!(refused, Err(MendError::InvalidInput { field, .. }) if field == "times"));
    }

    #[test]
    fn a_time_inside_quiet_hours_rings_at_their_end() {
        let dir = tempfile::tempdir().unwrap();
        let mend = open(dir.path());
        mend.set_quiet_hours(Some(QuietHours { from: at(22, 0), to: at(7, 30) })).unwrap();
        let zone = Some("Europe/Dublin".to_owned());
        // 22:05 in Dublin (UTC+1 in May) rings at 07:30 the next morning; 21:00 rings at 21:00.
        assert_eq!(mend.reminder_rings_at(utc(2026, 5, 13, 21, 5), zone.clone()).unwrap(), utc(2026, 5, 14, 6, 30));
        assert_eq!(mend.reminder_rings_at(utc(2026, 5, 13, 20, 0), zone).unwrap(), utc(2026, 5, 13, 20, 0));
        let unknown = mend.reminder_rings_at(utc(2026, 5, 13, 20, 0), Some("Mars/Base".to_owned()));
        assert!(matches!(unknown, Err(MendError::InvalidInput { field, .. }) if field == "current_zone"));
    }
}
