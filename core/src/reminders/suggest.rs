//! Reminders Mend may offer, never create on its own. The only one today comes from the guidance's
//! `test-negative` marker: a home pregnancy test usually reads negative about 3 weeks after a loss, so Mend
//! can offer a one-off reminder for then, unless a negative test is already logged. Nothing is suggested
//! about due dates or pregnancy progress, and anniversary (memorial) reminders exist only when the person
//! makes one.

use chrono::{Duration, NaiveDate};

use super::Reminders;
use super::codes::{ReminderKind, ReminderStatus};
use super::model::{NewReminder, ReminderSuggestion, Schedule};
use super::time_of_day::TimeOfDay;
use crate::error::Result;
use crate::journal::{EventDetails, EventKind, TestResult};

/// Days after the loss the test reminder is suggested for (guidance: negative by about 3 weeks).
pub const TEST_AFTER_DAYS: i64 = 21;
/// After this many days since the loss the suggestion is no longer offered (hCG is usually back to
/// non-pregnant levels within 4-6 weeks; the care engine's marker takes over).
pub const TEST_SUGGESTION_UNTIL_DAYS: i64 = 42;
/// The time of day suggested (morning urine is the most concentrated).
pub const TEST_TIME: (u8, u8) = (9, 0);

/// The time a new reminder starts at before the person picks one: the morning, which suits medication and a
/// test (morning urine is the most concentrated); a check-in reminder in the evening, when the day can be told.
pub fn suggested_time(kind: ReminderKind) -> TimeOfDay {
    let (hour, minute) = match kind {
        ReminderKind::CheckIn => (20, 0),
        ReminderKind::PregnancyTest => TEST_TIME,
        _ => (9, 0),
    };
    TimeOfDay::new(hour, minute).expect("a valid time")
}

impl Reminders<'_> {
    /// The time a new reminder of `kind` starts at before the person picks one (the apps' time pickers open
    /// at it).
    pub fn suggested_time(&self, kind: ReminderKind) -> TimeOfDay {
        suggested_time(kind)
    }

    /// A suggested one-off pregnancy-test reminder about 3 weeks after the current loss (or tomorrow, if that
    /// day has passed), or `None` when there is no loss, a negative test is already logged since it, it is
    /// more than 6 weeks on, or a pregnancy-test reminder is already active. Floating: it follows the phone.
    pub fn suggested_test_reminder(&self) -> Result<Option<ReminderSuggestion>> {
        let journal = self.journal();
        let Some(loss) = journal.current_loss()? else { return Ok(None) };
        let today = self.now().with_timezone(&self.home_zone()?).date_naive();
        let days_since = (today - loss.loss_date).num_days();
        if days_since > TEST_SUGGESTION_UNTIL_DAYS {
            return Ok(None);
        }
        let negative_logged = journal.events_of_kind(EventKind::Test)?.iter().any(|e| {
            e.day >= loss.loss_date && matches!(e.details, EventDetails::Test { result: TestResult::Negative, .. })
        });
        if negative_logged {
            return Ok(None);
        }
        let home = self.home_zone()?;
        let already = self
            .list(home)?
            .iter()
            .any(|l| l.reminder.kind == ReminderKind::PregnancyTest && l.status == ReminderStatus::Active);
        if already {
            return Ok(None);
        }
        let date: NaiveDate = (loss.loss_date + Duration::days(TEST_AFTER_DAYS)).max(today + Duration::days(1));
        Ok(Some(ReminderSuggestion {
            reason: "A home pregnancy test usually shows negative about 3 weeks after a loss, as pregnancy hormone \
                     levels fall. If you'd like, Mend can remind you then. If a test is still positive 2 weeks after \
                     the bleeding has stopped, talk to your clinician."
                .to_owned(),
            marker: "test-negative".to_owned(),
            sources: vec!["hse-recovery".to_owned(), "cork-cumh".to_owned()],
            reminder: NewReminder {
                kind: ReminderKind::PregnancyTest,
                title: "Home pregnancy test".to_owned(),
                schedule: Schedule::Once { date, time: suggested_time(ReminderKind::PregnancyTest) },
                time_zone: None,
                until: None,
            },
        }))
    }
}
