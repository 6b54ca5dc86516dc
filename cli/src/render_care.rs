//! Human text for the care engine: alerts (the action first — what to do and whom to call, with the number —
//! then the why and what it was based on), expected-by markers and readiness gates. JSON output uses the core's
//! records as they are.

use mend_core::Mend;
use mend_core::care::{Alert, Gate, GateState, Marker, MarkerState, Severity};

use crate::render;

fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Emergency => "EMERGENCY",
        Severity::Urgent => "URGENT",
        Severity::Contact => "Soon",
        Severity::Info => "Note",
    }
}

/// "From your check-ins at 09:00 and 10:00 on 4 May."; looked up in the journal (deleted ones are skipped).
fn because(mend: &Mend, alert: &Alert) -> Option<String> {
    let checkins: Vec<_> = alert.because.iter().filter_map(|g| mend.journal().checkin(g).ok().flatten()).collect();
    let day = |c: &mend_core::journal::CheckIn| c.day.format("%-d %B").to_string();
    let time = |c: &mend_core::journal::CheckIn| render::local_time(c.at, &c.time_zone);
    let (first, last) = (checkins.first()?, checkins.last()?);
    if checkins.len() > 3 {
        return Some(format!("From {} check-ins, {} to {}.", checkins.len(), day(first), day(last)));
    }
    let noun = if checkins.len() == 1 { "check-in" } else { "check-ins" };
    if checkins.iter().all(|c| c.day == first.day) {
        let times: Vec<String> = checkins.iter().map(time).collect();
        return Some(format!("From your {noun} at {} on {}.", and_list(&times), day(first)));
    }
    let times: Vec<String> = checkins.iter().map(|c| format!("{} on {}", time(c), day(c))).collect();
    Some(format!("From your {noun} at {}.", and_list(&times)))
}

fn and_list(items: &[String]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => items.join(""),
    }
}

/// An alert in full: its action on the first line, then why, what it was based on and how to mark it seen.
pub fn alert(mend: &Mend, alert: &Alert) -> Vec<String> {
    let mut lines = vec![format!("{}: {}", label(alert.severity), alert.action), format!("  {}", alert.message)];
    lines.extend(because(mend, alert).map(|b| format!("  {b}")));
    if !alert.open {
        lines.push("  This has passed.".to_owned());
    } else if alert.acknowledged {
        lines.push("  You've marked this as seen.".to_owned());
    } else {
        lines.push(format!("  When you've seen this: mend alerts --ack {}", alert.id));
    }
    lines
}

/// An open alert the person has marked as seen, in one short line: what it is, the number, where to read it.
pub fn seen(alert: &Alert) -> String {
    format!(
        "{}, seen and still open: {} ({}). To read it again: mend alerts --all",
        label(alert.severity),
        alert.title,
        alert.phone
    )
}

/// Alerts as Today and a check-in show them: those not yet seen in full, separated by blank lines, then those
/// marked as seen that still hold, one short line each.
pub fn alerts(mend: &Mend, list: &[Alert]) -> Vec<String> {
    let (seen_list, unseen): (Vec<&Alert>, Vec<&Alert>) = list.iter().partition(|a| a.open && a.acknowledged);
    let mut lines = alerts_in_full(mend, unseen);
    if !lines.is_empty() && !seen_list.is_empty() {
        lines.push(String::new());
    }
    lines.extend(seen_list.into_iter().map(seen));
    lines
}

/// Alerts in full, separated by blank lines.
pub fn alerts_in_full<'a>(mend: &Mend, list: impl IntoIterator<Item = &'a Alert>) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, a) in list.into_iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(alert(mend, a));
    }
    lines
}

fn marker_state(state: MarkerState) -> &'static str {
    match state {
        MarkerState::Pending => "not yet",
        MarkerState::Met => "done",
        MarkerState::Overdue => "please call",
    }
}

/// One line per marker.
pub fn markers(list: &[Marker]) -> Vec<String> {
    list.iter().map(|m| format!("  {} ({}): {}", m.title, marker_state(m.state), m.message)).collect()
}

/// A gate in a line, with its reasons below when it isn't ready.
pub fn gate(g: &Gate, with_reasons: bool) -> Vec<String> {
    let head = match g.state {
        GateState::Ready => format!("  {}: yes. {}", g.title, g.about),
        GateState::NotYet => {
            format!("  {}: not yet{}.", g.title, g.opens.as_deref().map(|o| format!(", {o}")).unwrap_or_default())
        }
        GateState::NotInThisWindow => {
            format!("  {}: not for now{}.", g.title, g.opens.as_deref().map(|o| format!(", {o}")).unwrap_or_default())
        }
    };
    let mut lines = vec![head];
    if with_reasons {
        lines.extend(g.reasons.iter().map(|r| format!("    - {r}")));
    }
    lines
}

/// Every gate.
pub fn readiness(list: &[Gate], with_reasons: bool) -> Vec<String> {
    list.iter().flat_map(|g| gate(g, with_reasons)).collect()
}
