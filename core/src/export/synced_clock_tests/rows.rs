//! The synced tables' rows as [`super`]'s tests make, change and read them: each row holds one small number (a
//! guide's last read, a decision's level, a reminder's title, a snooze's end, the quiet hours' start), so one
//! generic test covers every table.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::now;
use crate::care::AlertDecision;
use crate::care::rows::decisions::DECISIONS;
use crate::export::{ExportDocument, ImportSummary};
use crate::ids::new_guid;
use crate::library::GuideState;
use crate::library::state::LIBRARY_STATE;
use crate::reminders::rows::{REMINDER_HISTORY, REMINDER_SETTINGS, REMINDERS};
use crate::reminders::{
    OccurrenceRecord, OccurrenceStatus, QuietHours, Reminder, ReminderKind, ReminderSettings, Schedule, TimeOfDay,
};
use crate::store::record::Record;

/// One synced table's rows as these tests make, change and read them: each row holds one small number.
pub(super) trait Synced: Serialize + Clone + std::fmt::Debug + 'static {
    fn record() -> &'static Record<Self>;
    /// The document's rows of this table.
    fn rows(doc: &mut ExportDocument) -> Vec<&mut Self>;
    /// A new row holding `value`, written at `now()`.
    fn new(value: i64) -> Self;
    fn value(&self) -> i64;
    fn set(&mut self, value: i64, updated_at: DateTime<Utc>);
    /// What an import changed in this table, as the summary counts it.
    fn changed(summary: &ImportSummary) -> u32;
}

impl Synced for GuideState {
    fn record() -> &'static Record<Self> {
        &LIBRARY_STATE
    }
    fn rows(doc: &mut ExportDocument) -> Vec<&mut Self> {
        doc.library.iter_mut().collect()
    }
    fn new(value: i64) -> Self {
        let mut s = GuideState {
            guid: new_guid(),
            guide_id: "after-a-loss".into(),
            bookmarked: true,
            bookmarked_at: Some(now()),
            last_read_at: None,
            created_at: now(),
            updated_at: now(),
        };
        s.set(value, now());
        s
    }
    fn value(&self) -> i64 {
        (self.last_read_at.unwrap() - now()).num_minutes()
    }
    fn set(&mut self, value: i64, updated_at: DateTime<Utc>) {
        self.last_read_at = Some(now() + Duration::minutes(value));
        self.updated_at = updated_at;
    }
    fn changed(summary: &ImportSummary) -> u32 {
        summary.library
    }
}

impl Synced for AlertDecision {
    fn record() -> &'static Record<Self> {
        &DECISIONS
    }
    fn rows(doc: &mut ExportDocument) -> Vec<&mut Self> {
        doc.alert_decisions.iter_mut().collect()
    }
    fn new(value: i64) -> Self {
        let mut d = AlertDecision {
            guid: new_guid(),
            rule: "bleeding-soaking".into(),
            acknowledged_at: Some(now()),
            acknowledged_level: None,
            seen_at: None,
            created_at: now(),
            updated_at: now(),
        };
        d.set(value, now());
        d
    }
    fn value(&self) -> i64 {
        self.acknowledged_level.unwrap() as i64
    }
    fn set(&mut self, value: i64, updated_at: DateTime<Utc>) {
        self.acknowledged_level = Some(value as f64);
        self.updated_at = updated_at;
    }
    fn changed(summary: &ImportSummary) -> u32 {
        summary.alert_decisions
    }
}

impl Synced for Reminder {
    fn record() -> &'static Record<Self> {
        &REMINDERS
    }
    fn rows(doc: &mut ExportDocument) -> Vec<&mut Self> {
        doc.reminders.iter_mut().collect()
    }
    fn new(value: i64) -> Self {
        let mut r = Reminder {
            guid: new_guid(),
            kind: ReminderKind::CheckIn,
            title: String::new(),
            schedule: Schedule::Once {
                date: NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
                time: TimeOfDay::new(9, 0).unwrap(),
            },
            time_zone: Some("Europe/Dublin".into()),
            until: None,
            paused: false,
            created_at: now(),
            updated_at: now(),
        };
        r.set(value, now());
        r
    }
    fn value(&self) -> i64 {
        self.title.trim_start_matches("Check in ").parse().unwrap()
    }
    fn set(&mut self, value: i64, updated_at: DateTime<Utc>) {
        self.title = format!("Check in {value}");
        self.updated_at = updated_at;
    }
    fn changed(summary: &ImportSummary) -> u32 {
        summary.reminders
    }
}

impl Synced for OccurrenceRecord {
    fn record() -> &'static Record<Self> {
        &REMINDER_HISTORY
    }
    fn rows(doc: &mut ExportDocument) -> Vec<&mut Self> {
        doc.reminder_history.iter_mut().collect()
    }
    fn new(value: i64) -> Self {
        let mut r = OccurrenceRecord {
            guid: new_guid(),
            reminder: new_guid(),
            occurrence: now(),
            status: OccurrenceStatus::Snoozed,
            snoozed_until: None,
            created_at: now(),
            updated_at: now(),
        };
        r.set(value, now());
        r
    }
    fn value(&self) -> i64 {
        (self.snoozed_until.unwrap() - now()).num_minutes()
    }
    fn set(&mut self, value: i64, updated_at: DateTime<Utc>) {
        self.snoozed_until = Some(now() + Duration::minutes(value));
        self.updated_at = updated_at;
    }
    fn changed(summary: &ImportSummary) -> u32 {
        summary.reminders
    }
}

impl Synced for ReminderSettings {
    fn record() -> &'static Record<Self> {
        &REMINDER_SETTINGS
    }
    fn rows(doc: &mut ExportDocument) -> Vec<&mut Self> {
        doc.reminder_settings.iter_mut().collect()
    }
    fn new(value: i64) -> Self {
        let mut s = ReminderSettings { guid: new_guid(), quiet_hours: None, created_at: now(), updated_at: now() };
        s.set(value, now());
        s
    }
    fn value(&self) -> i64 {
        self.quiet_hours.unwrap().from.hour().into()
    }
    fn set(&mut self, value: i64, updated_at: DateTime<Utc>) {
        let from = TimeOfDay::new(value as u8, 0).unwrap();
        self.quiet_hours = Some(QuietHours { from, to: TimeOfDay::new(7, 30).unwrap() });
        self.updated_at = updated_at;
    }
    fn changed(summary: &ImportSummary) -> u32 {
        summary.reminders
    }
}
