//! Human text for the care engine: alerts (the action first — what to do and whom to call, with the number —
//! then the why and what it was based on), expected-by markers and readiness gates. JSON output uses the core's
//! records as they are.

use mend_core::Mend;
use mend_core::care::{Alert, CareCard, CheckinForm, Gate, GateState, Marker, MarkerState, Severity};
use mend_core::ids::short_id;

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
        lines.push(format!("  When you've seen this: mend alerts --ack {}", short_id(&alert.id)));
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

/// Today's care card: every open alert as one card at the highest severity — the actions first, most urgent
/// first, then every reason with when it was logged, and for each how to mark it seen or seen by a clinician.
pub fn card(mend: &Mend, card: &CareCard, alerts: &[Alert]) -> Vec<String> {
    let mut lines: Vec<String> = card
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| if i == 0 { format!("{}: {a}", label(card.severity)) } else { format!("Also: {a}") })
        .collect();
    let mut open: Vec<&Alert> = alerts.iter().filter(|a| a.open).collect();
    open.sort_by_key(|a| a.severity);
    lines.push("  Because:".to_owned());
    for a in &open {
        let when = because(mend, a).map(|b| format!(" {b}")).unwrap_or_default();
        lines.push(format!("  - {}{when}", a.message));
        let id = short_id(&a.id);
        let ack = if a.acknowledged { String::new() } else { format!("seen this: mend alerts --ack {id} · ") };
        lines.push(format!("    ({ack}seen by a doctor or nurse: mend alerts --seen {id})"));
    }
    lines
}

/// The check-in form worth answering now: each section's questions with the flag that answers each, and how
/// to say a section was gone through.
pub fn form(form: &CheckinForm) -> String {
    let mut lines = vec!["The questions worth answering now:".to_owned()];
    for section in &form.sections {
        lines.push(String::new());
        let shown = if section.revealed_by.is_empty() {
            String::new()
        } else {
            " (if you have a temperature, chills or feel very unwell)".to_owned()
        };
        lines.push(format!("{}{shown}", section.title));
        for field in &section.fields {
            lines.push(format!("  {:<44} {}", field.label, flag(&field.field)));
        }
    }
    let ids: Vec<&str> = form.sections.iter().map(|s| s.id.as_str()).collect();
    lines.push(String::new());
    lines.push(format!(
        "Add --answered {} (the sections you went through): what you leave out there counts as no, so an alert whose signs have gone can close.",
        ids.join(",")
    ));
    lines.join("\n")
}

/// The `mend checkin` flag that answers a form field (its export name).
fn flag(field: &str) -> String {
    match field.split_once('.') {
        Some(("signs", "soaking_hours")) => "--soaking-hours HOURS".to_owned(),
        Some(("signs", name)) => format!("--signs {}", name.replace('_', "-")),
        Some(("pain", place)) => format!("--pain {place}=0-10"),
        _ => match field {
            "temperature_c" => "--temp DEGREES".to_owned(),
            "bleeding" | "clots" | "discharge" | "dizziness" | "mood" | "feelings" | "pads_per_hour" | "leg_left"
            | "leg_right" => format!("--{} …", field.replace('_', "-")),
            _ => format!("--{}", field.replace('_', "-")),
        },
    }
}

fn marker_state(state: MarkerState) -> &'static str {
    match state {
        MarkerState::Pending => "not yet",
        MarkerState::Met => "done",
        MarkerState::Overdue => "please call",
    }
}

/// One line per marker. A pending marker with nothing to call about by a date (anti-D, hCG follow-up, bleeding
/// coming back) is something to know, not something late.
pub fn markers(list: &[Marker]) -> Vec<String> {
    list.iter()
        .map(|m| {
            let state = if m.state == MarkerState::Pending && m.contact_by.is_none() {
                "to know"
            } else {
                marker_state(m.state)
            };
            format!("  {} ({state}): {}", m.title, m.message)
        })
        .collect()
}

/// A gate in a line, with its reasons below when it isn't ready.
pub fn gate(g: &Gate, with_reasons: bool) -> Vec<String> {
    let head = match g.state {
        GateState::Ready => format!("  {}: yes. {}", g.title, g.about),
        GateState::ReadyWithLimits => {
            format!("  {}: yes, with limits. {}", g.title, g.limits.as_deref().unwrap_or_default())
        }
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
        for a in g.activities.iter().filter(|_| g.state != GateState::Ready) {
            let state = if a.state == GateState::Ready { "yes" } else { "not yet" };
            lines.push(format!("    {}: {state}.", a.title));
        }
    }
    if let Some(note) = &g.note {
        lines.push(format!("    {note}"));
    }
    lines
}

/// Whether a marker belongs on Today: not yet met or overdue, its window has begun, and it has a date to call by.
pub fn due_now(m: &Marker, today: chrono::NaiveDate) -> bool {
    match m.state {
        MarkerState::Overdue => true,
        MarkerState::Pending => m.contact_by.is_some() && m.expected_from.is_none_or(|from| from <= today),
        _ => false,
    }
}

/// Gates as Today shows them: those that are ready in one line ("Safe again: massage, …"), the others one
/// line each with when they may open.
pub fn readiness_brief(list: &[Gate]) -> Vec<String> {
    let ready: Vec<String> =
        list.iter().filter(|g| g.state == GateState::Ready).map(|g| g.title.to_lowercase()).collect();
    let mut lines = Vec::new();
    if !ready.is_empty() {
        lines.push(format!("Safe again: {}.", and_list(&ready)));
    }
    for g in list.iter().filter(|g| g.state != GateState::Ready) {
        lines.extend(gate(g, false).into_iter().map(|l| l.trim_start().to_owned()));
    }
    lines
}

/// Every gate.
pub fn readiness(list: &[Gate], with_reasons: bool) -> Vec<String> {
    list.iter().flat_map(|g| gate(g, with_reasons)).collect()
}
