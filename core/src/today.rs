//! The Today dashboard: what the app's first screen and `mend today` show, gathered in one place so every
//! interface shows the same thing. The care engine's sections come first (open alerts, then expected-by
//! markers, then readiness); later engines add theirs (suggestions, upcoming reminders). It never shows
//! pregnancy-progress details such as a due date.

use chrono::NaiveDate;
use serde::Serialize;

use crate::Mend;
use crate::care::{Alert, CareCard, CareNote, Gate, GateId, Marker};
use crate::error::Result;
use crate::journal::insights::Insights;
use crate::journal::{CheckIn, LossKind, Trimester};
use crate::library::{DEFAULT_LOCALE, Stage, Suggestion, suggest};
use crate::reminders::Firing;

mod summary;

/// How far ahead Today looks for reminders, and how many it shows.
pub const UPCOMING_WITHIN_HOURS: i64 = 24;
pub const UPCOMING_LIMIT: usize = 5;

/// The loss as Today shows it: no due date, no "weeks pregnant" countdown, only what recovery needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LossSummary {
    pub guid: String,
    pub loss_date: NaiveDate,
    pub kind: LossKind,
    pub trimester: Trimester,
}

/// Everything the Today screen needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Today {
    /// "How am I doing?" first: how long since the loss, the latest check-in, whether anything needs care, and
    /// what to do today — a line each, in this order. Show these first.
    pub summary: Vec<String>,
    /// Open alerts, most urgent first: those not yet acknowledged, then those seen but still open (each with
    /// `acknowledged: true`). Show these before anything else.
    pub alerts: Vec<Alert>,
    /// Every open alert as one card at the highest severity: actions first, then every reason (`None` when
    /// nothing is open).
    pub care_card: Option<CareCard>,
    /// The card as a notification in the person's chosen words (discreet unless they turned that off), for an
    /// alert that arrives while the app is not in front.
    pub care_notification: Option<crate::care::card::CareNotification>,
    /// Info cards (no alert): self-care words and when to get seen.
    pub care_notes: Vec<CareNote>,
    /// Expected-by markers for the current loss.
    pub markers: Vec<Marker>,
    /// Readiness gates: when gentle things are safe again.
    pub readiness: Vec<Gate>,
    pub today: NaiveDate,
    /// Whether the journal has been set up (a profile exists).
    pub set_up: bool,
    pub loss: Option<LossSummary>,
    pub days_since_loss: Option<i64>,
    pub latest_checkin: Option<CheckIn>,
    pub checkins_today: u32,
    pub insights: Insights,
    /// A few guides for now ("For you now"), each with the reason it is suggested.
    pub suggestions: Vec<Suggestion>,
    /// The next few reminder firings in the next 24 hours (discreet words when discreet notifications are on).
    pub upcoming_reminders: Vec<Firing>,
}

impl Mend {
    /// The Today dashboard as of now, "today" being the day in the home zone.
    pub fn today_dashboard(&self) -> Result<Today> {
        self.today_dashboard_here(None)
    }

    /// The Today dashboard as of now, "today" being the person's current day where they are (`here`, an IANA
    /// zone such as the device's; the home zone when `None`).
    pub fn today_dashboard_here(&self, here: Option<&str>) -> Result<Today> {
        let zone = self.current_zone(here)?;
        let care = self.care().report()?;
        let journal = self.journal();
        let profile = journal.profile()?;
        let crate::journal::insights::Recovery { loss, today, readings, insights } = journal.recovery_in(&zone)?;
        let stage = Stage::from_journal(loss.as_ref(), &insights, &readings, today).with_alerts(&care.alerts);
        let suggestions = self.library().suggest_for(&stage, DEFAULT_LOCALE, suggest::DEFAULT_LIMIT)?;
        let latest_checkin = journal.latest_checkin()?;
        let care_card = crate::care::card::card(&care.alerts);
        let upcoming = self.reminders().upcoming(chrono::Duration::hours(UPCOMING_WITHIN_HOURS), UPCOMING_LIMIT)?;
        let checkins_today = readings.iter().filter(|r| r.day == today).count() as u32;
        let summary = summary::lines(&summary::Parts {
            today,
            days_since_loss: insights.days_since_loss,
            week_of_recovery: insights.week_of_recovery,
            latest_checkin: latest_checkin.as_ref(),
            checkins_today,
            alerts: &care.alerts,
            markers: &care.markers,
            upcoming: &upcoming,
        });
        let discreet = profile.as_ref().is_none_or(|p| p.discreet_notifications);
        Ok(Today {
            summary,
            care_notification: care_card.as_ref().map(|c| c.notification(discreet)),
            care_card,
            care_notes: care.notes,
            alerts: care.alerts,
            markers: care.markers,
            // "Trying again" is for the person to look up (`readiness`), never put in front of them unasked.
            readiness: care.readiness.into_iter().filter(|g| g.gate != GateId::TryingAgain).collect(),
            today,
            set_up: profile.is_some(),
            days_since_loss: insights.days_since_loss,
            loss: loss.map(|l| LossSummary {
                trimester: l.trimester(),
                guid: l.guid,
                loss_date: l.loss_date,
                kind: l.kind,
            }),
            latest_checkin,
            checkins_today,
            insights,
            suggestions,
            upcoming_reminders: upcoming,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::fixtures::{TempMend, checkin_at, utc};

    #[test]
    fn today_gathers_the_loss_latest_checkin_and_insights_without_a_due_date() {
        let mend =
            TempMend::with_loss(utc(2026, 5, 13, 20, 0), chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 8);
        let empty = mend.today_dashboard().unwrap();
        assert!(empty.set_up && empty.latest_checkin.is_none());
        assert_eq!(empty.days_since_loss, Some(12));
        mend.journal().add_checkin(checkin_at(utc(2026, 5, 13, 9, 0), |d| d.mood = Some(4))).unwrap();
        mend.journal().add_checkin(checkin_at(utc(2026, 5, 12, 9, 0), |d| d.mood = Some(3))).unwrap();
        let today = mend.today_dashboard().unwrap();
        assert_eq!(today.latest_checkin.unwrap().data.mood, Some(4));
        assert_eq!(today.checkins_today, 1);
        assert!(!today.readiness.is_empty());
        assert!(today.readiness.iter().all(|g| g.gate != crate::care::GateId::TryingAgain), "not on Today unasked");
        assert!(mend.care().readiness().unwrap().iter().any(|g| g.gate == crate::care::GateId::TryingAgain));
        let json = serde_json::to_string(&mend.today_dashboard().unwrap()).unwrap();
        // No due date and no "weeks" field; recovery texts may say "bleeding settles in 7 to 10 days" or "12
        // weeks after your loss", but never count a pregnancy on.
        assert!(!json.contains("\"due_date\"") && !json.contains("\"weeks\""), "{json}");
        assert_eq!(crate::voice::app_text_problems(&json), Vec::<&str>::new());
    }

    #[test]
    fn an_open_alert_puts_when_to_get_help_first_among_suggestions() {
        let mend =
            TempMend::with_loss(utc(2026, 5, 13, 20, 0), chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 8);
        let calm = mend.today_dashboard().unwrap();
        assert!(calm.alerts.is_empty());
        assert_ne!(calm.suggestions.first().map(|s| s.guide.id.as_str()), Some("when-to-get-help"));
        mend.journal().add_checkin(checkin_at(utc(2026, 5, 13, 19, 0), |d| d.temperature_c = Some(38.4))).unwrap();
        let today = mend.today_dashboard().unwrap();
        assert_eq!(today.alerts.len(), 1);
        let card = today.care_card.as_ref().unwrap();
        assert_eq!((card.severity, card.actions.len(), card.reasons.len()), (crate::care::Severity::Urgent, 1, 1));
        assert!(calm.care_card.is_none() && calm.care_notification.is_none());
        // The journal was set up with discreet notifications: the lock screen only says to open Mend now.
        let note = today.care_notification.as_ref().unwrap();
        assert_eq!((note.title.as_str(), note.body.as_str()), ("Mend", "Please open Mend now."));
        assert_eq!(today.suggestions.first().map(|s| s.guide.id.as_str()), Some("when-to-get-help"));
        let stage = mend.library().stage().unwrap();
        assert!(stage.has_open_alerts && stage.open_alert_rules == vec!["fever".to_owned()]);
    }

    #[test]
    fn a_new_journal_is_not_set_up() {
        let mend = TempMend::at(utc(2026, 5, 13, 20, 0));
        let today = mend.today_dashboard().unwrap();
        assert!(!today.set_up && today.loss.is_none() && today.days_since_loss.is_none());
    }
}
