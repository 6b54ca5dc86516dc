//! Readiness gates: when gentle things are safe again. Each gate is `ready`, `ready_with_limits` (open, with a
//! `limits` sentence), `not_yet` (with the reasons that hold it back) or `not_in_this_window` (closed for a
//! known stretch, whatever else happens), with the date from which it may open where that can be known ("from
//! 12 November, if bleeding has stopped"). `baths-swimming-tampons-sex` carries a state per activity
//! ([`activities`]: sex has its own condition); `trying-again` has its own holds ([`trying`]).

mod activities;
mod trying;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::codes::{GateId, GateState};
use super::rules::{Finding, rule};
use super::view::View;
use super::words;
use crate::journal::{Activity, CheckIn, EventDetails, Trimester};

pub use activities::ActivityGate;

/// A gate as apps show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Gate {
    pub gate: GateId,
    /// Its name in a few words ("Deep leg massage").
    pub title: String,
    pub state: GateState,
    /// Plain sentences for what holds it back (empty when ready; with `ready_with_limits`, what still waits).
    pub reasons: Vec<String>,
    /// With `ready_with_limits`: what is fine and what is not yet, in a sentence ("Walking is fine. …").
    pub limits: Option<String>,
    /// What to know now that it is open (when sex opens: "you can become pregnant before your first period").
    pub note: Option<String>,
    /// The activities inside a gate that groups several (`baths-swimming-tampons-sex`), each with its own state;
    /// empty for the other gates.
    pub activities: Vec<ActivityGate>,
    /// The earliest date it may open, where the journal lets Mend know one.
    pub from: Option<NaiveDate>,
    /// How its opening reads ("from 12 November, if bleeding has stopped"), when not ready.
    pub opens: Option<String>,
    /// What the gate is about, in a sentence.
    pub about: String,
    pub sources: Vec<String>,
}

/// A gate's guidance: its id and sources.
#[derive(Debug, Clone, Copy)]
pub struct GateInfo {
    pub id: GateId,
    pub sources: &'static [&'static str],
}

/// Every gate, in the guidance's order.
pub static ALL: &[GateInfo] = &[
    GateInfo { id: GateId::MassageGeneral, sources: &["werner-pathology"] },
    GateInfo { id: GateId::MassageAbdominal, sources: &["werner-pathology", "methotrexate-wait"] },
    GateInfo { id: GateId::MassageDeepLeg, sources: &["rcog-vte", "sultan-2013", "werner-pathology"] },
    GateInfo { id: GateId::BathsSwimmingTamponsSex, sources: &["hse-recovery", "cork-cumh", "cruk-molar"] },
    GateInfo { id: GateId::ExerciseGentle, sources: &["cork-cumh", "methotrexate-wait"] },
    GateInfo { id: GateId::TryingAgain, sources: &["nichd-faq", "cruk-molar", "methotrexate-wait"] },
];

/// After a second- or third-trimester loss, general massage waits at least this long.
pub const LATER_LOSS_MASSAGE_WAIT: Duration = Duration::days(7);
/// Abdominal massage waits this long after a sign of infection.
pub const INFECTION_WAIT: Duration = Duration::days(7);
/// Deep leg massage is closed for this long after a second- or third-trimester loss (12 weeks)…
pub const DEEP_LEG_LATER_LOSS_WINDOW: Duration = Duration::days(84);
/// …and for this long after a leg sign that can point to a clot.
pub const DEEP_LEG_SIGN_WINDOW: Duration = Duration::days(14);

/// The guidance for a gate.
pub fn info(id: GateId) -> &'static GateInfo {
    ALL.iter().find(|g| g.id == id).expect("every gate id has its guidance")
}

/// What holds a gate back, gathered as its conditions are checked.
#[derive(Default, Clone)]
struct Holds {
    reasons: Vec<String>,
    from: Option<NaiveDate>,
    window: bool,
    needs_bleeding_stopped: bool,
    limits: Option<String>,
    note: Option<String>,
    activities: Vec<ActivityGate>,
}

impl Holds {
    fn reason(&mut self, text: impl Into<String>) {
        self.reasons.push(text.into());
    }
    fn until(&mut self, day: NaiveDate, text: impl Into<String>) {
        self.from = Some(self.from.map_or(day, |d| d.max(day)));
        self.reason(text);
    }
    fn window(&mut self, day: NaiveDate, text: impl Into<String>) {
        self.window = true;
        self.until(day, text);
    }
    fn bleeding(&mut self) {
        self.needs_bleeding_stopped = true;
        self.reason(words::REASON_BLEEDING);
    }
    fn gate(self, id: GateId) -> Gate {
        let state = if self.window {
            GateState::NotInThisWindow
        } else if self.limits.is_some() {
            GateState::ReadyWithLimits
        } else if self.reasons.is_empty() {
            GateState::Ready
        } else {
            GateState::NotYet
        };
        let ready = matches!(state, GateState::Ready | GateState::ReadyWithLimits);
        Gate {
            gate: id,
            title: words::gate_title(id).to_owned(),
            state,
            from: self.from.filter(|_| !ready),
            opens: if ready { None } else { words::opens(self.from, self.needs_bleeding_stopped) },
            reasons: self.reasons,
            limits: self.limits.filter(|_| state == GateState::ReadyWithLimits),
            note: self.note.filter(|_| ready),
            activities: self.activities,
            about: words::gate_about(id).to_owned(),
            sources: info(id).sources.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// Every gate, given what the rules found now.
pub(crate) fn gates(view: &View<'_>, findings: &[Finding]) -> Vec<Gate> {
    let later = view.loss.is_some_and(|l| l.trimester() != Trimester::First);
    let go_ahead = |activity: Activity| {
        view.events.iter().any(|e| matches!(e.details, EventDetails::GoAhead { activity: a } if a == activity))
    };
    let open_flags = |holds: &mut Holds| {
        // Only open physical Urgent or Emergency alerts close gates; mood alerts never do.
        for f in findings.iter().filter(|f| super::rules::closes_gates(f)) {
            holds.reason(words::reason_open_alert(rule(f.rule).title));
        }
    };
    // The latest check-in within `window` showing `sign`: the gate may open `window` after it.
    let after_sign = |window: Duration, sign: fn(&CheckIn) -> bool| -> Option<NaiveDate> {
        view.within(window).iter().rev().find(|c| sign(c)).map(|c| view.local_date(c.at + window))
    };

    let mut general = Holds::default();
    match view.loss {
        None => general.reason(words::REASON_NO_LOSS),
        Some(loss) => {
            if !view.loss_bleeding_over() {
                general.bleeding();
            }
            if later {
                let from = loss.loss_date + LATER_LOSS_MASSAGE_WAIT;
                if view.today < from {
                    general.until(from, words::reason_too_soon(from));
                }
                if !go_ahead(Activity::Massage) {
                    general.reason(words::REASON_GO_AHEAD);
                }
            }
        }
    }
    open_flags(&mut general);

    let mut abdominal = general.clone();
    let infection_from = after_sign(INFECTION_WAIT, infection);
    if let Some(from) = infection_from {
        abdominal.until(from, words::reason_infection(from));
    }
    if view.unresolved() {
        abdominal.reason(words::REASON_UNRESOLVED);
    }

    let mut deep_leg = general.clone();
    if let (true, Some(loss)) = (later, view.loss) {
        let until = loss.loss_date + DEEP_LEG_LATER_LOSS_WINDOW;
        if view.today < until {
            deep_leg.window(until, words::reason_deep_leg_window(until));
        }
    }
    if let Some(from) = after_sign(DEEP_LEG_SIGN_WINDOW, super::rules::leg_sign) {
        deep_leg.window(from, words::reason_leg_signs(from));
    }

    let baths = activities::baths_swimming_tampons_sex(view, infection_from);

    let mut exercise = Holds::default();
    open_flags(&mut exercise);
    if view.unresolved() && exercise.reasons.is_empty() {
        // Walking only and no heavy lifting (cork-cumh, methotrexate-wait): open, with limits.
        exercise.limits = Some(words::LIMITS_UNRESOLVED_EXERCISE.to_owned());
    }

    let trying = trying::holds(view);

    vec![
        general.gate(GateId::MassageGeneral),
        abdominal.gate(GateId::MassageAbdominal),
        deep_leg.gate(GateId::MassageDeepLeg),
        baths.gate(GateId::BathsSwimmingTamponsSex),
        exercise.gate(GateId::ExerciseGentle),
        trying.gate(GateId::TryingAgain),
    ]
}

/// A sign of infection (fever, sepsis, foul discharge): abdominal massage, baths, swimming, tampons and sex
/// wait [`INFECTION_WAIT`] after the latest.
fn infection(c: &CheckIn) -> bool {
    super::rules::fever_sign(c) || super::rules::discharge_sign(c) || super::rules::sepsis_sign(c)
}
