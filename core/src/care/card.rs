//! Today's care card: every open alert as one card at the highest severity, the actions first (most urgent
//! first, each once), then every reason. Apps show it as it is: the core decides the words and the order.

use serde::Serialize;

use super::alerts::Alert;
use super::codes::{RuleId, Severity};
use super::phones::Own;
use super::regions::numbers;
use super::rules::{Finding, rule};
use super::words;

/// Open alerts as one card.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CareCard {
    /// The highest severity among the open alerts.
    pub severity: Severity,
    /// What to do and whom to call, most urgent first, each once: show these first.
    pub actions: Vec<String>,
    /// Why: every open alert's reason, most urgent first.
    pub reasons: Vec<String>,
}

/// The open alerts' card as a notification (when an alert arrives while the app is not in front: from another
/// device, or later). Discreet notifications (the default) say only to open Mend, and how soon; with them off,
/// the first action and every reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CareNotification {
    pub title: String,
    pub body: String,
}

/// The discreet title of a care notification: nothing about what it is for.
pub const DISCREET_TITLE: &str = "Mend";
/// The discreet body when something needs care now.
pub const DISCREET_NOW: &str = "Please open Mend now.";
/// The discreet body when something needs a call within days.
pub const DISCREET_SOON: &str = "Please open Mend when you can.";

impl CareCard {
    /// The card as a notification, discreet or in full (see [`CareNotification`]).
    pub fn notification(&self, discreet: bool) -> CareNotification {
        if discreet {
            let body = if self.severity <= Severity::Urgent { DISCREET_NOW } else { DISCREET_SOON };
            return CareNotification { title: DISCREET_TITLE.to_owned(), body: body.to_owned() };
        }
        CareNotification {
            title: self.actions.first().cloned().unwrap_or_else(|| DISCREET_TITLE.to_owned()),
            body: self.reasons.join(" "),
        }
    }
}

/// An Info finding: a card with self-care words and when to get seen, never an alert (no notification).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CareNote {
    pub rule: RuleId,
    pub title: String,
    /// What was logged, what to do now and when to get seen.
    pub message: String,
    /// The emergency number's line: "If it gets worse, get seen now, or call …".
    pub action: String,
}

/// The Info findings of an assessment as notes, for `region` and the person's own numbers.
pub fn notes(findings: &[Finding], region: Option<&str>, own: Own<'_>) -> Vec<CareNote> {
    let n = numbers(region);
    findings
        .iter()
        .filter(|f| f.severity == Severity::Info)
        .map(|f| CareNote {
            rule: f.rule,
            title: rule(f.rule).title.to_owned(),
            message: f.message.clone(),
            action: words::action_for(f.rule, Severity::Info, n, own),
        })
        .collect()
}

/// The card for `alerts` (open ones, in any order), or `None` when nothing is open.
pub fn card(alerts: &[Alert]) -> Option<CareCard> {
    let mut open: Vec<&Alert> = alerts.iter().filter(|a| a.open).collect();
    open.sort_by_key(|a| a.severity);
    let severity = open.first()?.severity;
    let mut actions: Vec<String> = Vec::new();
    for a in &open {
        if !actions.contains(&a.action) {
            actions.push(a.action.clone());
        }
    }
    let reasons = open.iter().map(|a| a.message.clone()).collect();
    Some(CareCard { severity, actions, reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::tests_support_alert as alert;

    #[test]
    fn a_discreet_notification_says_only_to_open_mend_and_how_soon() {
        let fever = alert(Severity::Urgent, "Go to A&E today, or call 999.", "You logged a temperature of 38.4 °C.");
        let card = card(&[fever]).unwrap();
        let quiet = card.notification(true);
        assert_eq!((quiet.title.as_str(), quiet.body.as_str()), (DISCREET_TITLE, DISCREET_NOW));
        assert!(!format!("{quiet:?}").contains("38.4") && !format!("{quiet:?}").contains("A&E"));
        let full = card.notification(false);
        assert_eq!(full.title, "Go to A&E today, or call 999.");
        assert_eq!(full.body, "You logged a temperature of 38.4 °C.");
        let low = crate::care::card::card(&[alert(Severity::Contact, "Call your GP this week.", "Two hard weeks.")]);
        assert_eq!(low.unwrap().notification(true).body, DISCREET_SOON);
    }

    #[test]
    fn one_card_at_the_highest_severity_with_every_reason_action_first() {
        assert_eq!(card(&[]), None);
        let urgent = alert(Severity::Urgent, "Go to A&E today, or call 999.", "You logged chills.");
        let emergency = alert(Severity::Emergency, "Call 999 now.", "You logged fainting.");
        let other_urgent = alert(Severity::Urgent, "Go to A&E today, or call 999.", "You logged foul discharge.");
        let card = card(&[urgent, emergency, other_urgent]).unwrap();
        assert_eq!(card.severity, Severity::Emergency);
        assert_eq!(card.actions, vec!["Call 999 now.", "Go to A&E today, or call 999."]);
        assert_eq!(card.reasons, vec!["You logged fainting.", "You logged chills.", "You logged foul discharge."]);
    }
}
