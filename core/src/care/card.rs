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
