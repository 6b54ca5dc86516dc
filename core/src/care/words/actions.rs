//! An alert's first line: what to do and whom to call, with the number (shared/design/VOICE.md: "urgent means
//! clear"). The numbers come from the region's row of the guidance and, where the person kept them, from their
//! profile: the unit's 24-hour number leads an Urgent action; their own emergency and crisis numbers are said
//! where the guidance has no row for the region.

use crate::care::codes::{RuleId, Severity};
use crate::care::phones::{Own, PhoneRole};
use crate::care::regions::{Line, RegionNumbers};
use crate::journal::OwnNumber;

/// The first line of an alert for region `n`, without the person's own numbers.
pub fn action(rule: RuleId, severity: Severity, n: &RegionNumbers) -> String {
    action_for(rule, severity, n, Own::default())
}

/// The first line of an alert: what to do and whom to call, with the number.
pub fn action_for(rule: RuleId, severity: Severity, n: &RegionNumbers, own: Own<'_>) -> String {
    let own = own.for_region(n);
    let emergency = emergency(n, own);
    match rule {
        RuleId::MoodCrisis => crisis_action(n, own, &emergency),
        RuleId::MoodLowLong | RuleId::MoodScreen => low_mood_action(n, own, &emergency),
        _ => match severity {
            Severity::Emergency => {
                format!("Call {emergency} now. If you can't make the call, ask someone to call for you.")
            }
            Severity::Urgent => urgent_action(n, own, &emergency),
            Severity::Contact if rule == RuleId::Vomiting => format!(
                "Call {} now: you may need another dose. If you feel very unwell, call {emergency}.",
                own.unit.map_or("your early pregnancy unit or maternity service".to_owned(), on)
            ),
            Severity::Contact => format!(
                "Please call your GP, midwife or {} in the next few days. If things get worse, call {emergency}.",
                own.unit.map_or("clinician".to_owned(), on)
            ),
            Severity::Info => format!("No need to call now. If it gets worse, get seen now, or call {emergency}."),
        },
    }
}

/// "Cork EPU on 021 492 0000".
fn on(number: &OwnNumber) -> String {
    format!("{} on {}", number.label, number.number)
}

/// The emergency numbers as said: "112 or 999"; with the person's own: "112 or 119 (Ambulance)".
fn emergency(n: &RegionNumbers, own: Own<'_>) -> String {
    match own.emergency {
        Some(e) => {
            let mut said: Vec<String> = n.lines(PhoneRole::Emergency).map(Line::said).collect();
            said.push(format!("{} ({})", e.number, e.label));
            said.join(" or ")
        }
        None => n.emergency(),
    }
}

fn urgent_action(n: &RegionNumbers, own: Own<'_>, emergency: &str) -> String {
    let department = n.emergency_department;
    let mut text = match own.unit {
        Some(unit) => format!("Call {} now, or go to {department} today, or call {emergency}.", on(unit)),
        None => format!("Go to {department} today, or call {emergency}."),
    };
    let unit_too = "you can also call your early pregnancy unit or maternity service";
    match (n.urgent_advice(), own.unit, n.advice_elsewhere) {
        (Some(advice), None, _) => text.push_str(&format!(" For urgent advice, call {advice}; {unit_too}.")),
        (Some(advice), Some(_), _) => text.push_str(&format!(" For urgent advice, call {advice}.")),
        (None, None, Some(elsewhere)) => text
            .push_str(&format!(" You can also {elsewhere}, or call your early pregnancy unit or maternity service.")),
        (None, None, None) => text.push_str(" You can also call your early pregnancy unit or maternity service."),
        (None, Some(_), Some(elsewhere)) => text.push_str(&format!(" You can also {elsewhere}.")),
        (None, Some(_), None) => {}
    }
    text
}

/// The crisis lines to call, as said ("Samaritans on 116 123"), and the text lines ("SHOUT to 85258"); "Call
/// or text 988" when the one line takes both.
fn crisis_lines(n: &RegionNumbers) -> Option<(String, String)> {
    let calls = n.crisis_calls();
    if calls.is_empty() {
        return None;
    }
    let texts: Vec<&Line> = n.lines(PhoneRole::CrisisText).collect();
    let said = either(&calls.iter().map(|l| l.said()).collect::<Vec<_>>());
    let same = texts.len() == 1 && calls.len() == 1 && texts[0].words == calls[0].words;
    let text_too = if texts.is_empty() || same {
        String::new()
    } else {
        format!(", or text {}", texts.iter().map(|l| l.words).collect::<Vec<_>>().join(" or "))
    };
    Some((if same { format!("or text {said}") } else { said }, text_too))
}

/// "a", "a or b", "a, b or c".
fn either(items: &[String]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => items.join(""),
    }
}

fn crisis_action(n: &RegionNumbers, own: Own<'_>, emergency: &str) -> String {
    let act = format!("If you might act on these thoughts, call {emergency}.");
    match (crisis_lines(n), own.crisis) {
        (Some((said, text_too)), _) => {
            format!("Call {said} now, day or night{text_too}, to talk to someone. {act}")
        }
        (None, Some(contact)) => format!("Call {} now, day or night, to talk to someone. {act}", on(contact)),
        (None, None) => format!(
            "If you might act on these thoughts, call {emergency} now. To talk to someone, contact your local \
             crisis service."
        ),
    }
}

fn low_mood_action(n: &RegionNumbers, own: Own<'_>, emergency: &str) -> String {
    let now = match (crisis_lines(n), own.crisis) {
        (Some((said, text_too)), _) => format!("call {said}, day or night{text_too}"),
        (None, Some(contact)) => format!("call {}, day or night", on(contact)),
        (None, None) => format!("contact your local crisis service, or call {emergency} in an emergency"),
    };
    format!("Please talk to your GP in the next few days. If you need someone to talk to now, {now}.")
}

/// The number an alert shows when it has no phones: the crisis line for mood alerts, otherwise the first
/// emergency number.
pub fn phone(rule: RuleId, n: &RegionNumbers) -> String {
    match rule {
        RuleId::MoodCrisis | RuleId::MoodLowLong | RuleId::MoodScreen => n.crisis_number().to_owned(),
        _ => n.lines(PhoneRole::Emergency).next().map_or_else(|| "112".to_owned(), |l| l.words.to_owned()),
    }
}

/// Own numbers as a person might keep them, for the texts every test reads.
pub(crate) fn sample_own_numbers() -> (OwnNumber, OwnNumber, OwnNumber) {
    let own = |label: &str, number: &str| OwnNumber {
        label: label.into(),
        number: number.into(),
        uri: crate::journal::numbers::tel_uri(number),
    };
    (own("the early pregnancy unit", "021 492 0000"), own("Ambulance", "119"), own("my sister", "087 123 4567"))
}

#[cfg(test)]
mod tests;
