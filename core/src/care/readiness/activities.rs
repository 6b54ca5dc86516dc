//! The activities inside `baths-swimming-tampons-sex` (shared/clinical/guidance.md version 2, "Readiness
//! gates"; hse-recovery, cork-cumh, cruk-molar): each has its own state. Baths, swimming and tampons wait until
//! bleeding has stopped and 7 days after a fever, sepsis or discharge sign; sex also waits while the pregnancy
//! is unresolved. The gate keeps its v1 id: `ready` when all are open, `ready_with_limits` when only sex waits.
//! When sex opens: "you can become pregnant before your first period"; after a molar pregnancy or methotrexate,
//! "use contraception until your team says otherwise".

use chrono::NaiveDate;
use serde::Serialize;

use super::super::codes::GateState;
use super::super::view::View;
use super::super::words;
use super::Holds;
use crate::journal::{Activity, LossKind};

/// One activity of a gate that groups several, as apps show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ActivityGate {
    pub activity: Activity,
    /// Its name in a word ("Swimming").
    pub title: String,
    /// `ready` or `not_yet`.
    pub state: GateState,
    /// What holds it back (empty when ready).
    pub reasons: Vec<String>,
    /// What to know now that it is open (sex: contraception).
    pub note: Option<String>,
}

/// The activities, in the gate's order.
pub const ACTIVITIES: [Activity; 4] = [Activity::Baths, Activity::Swimming, Activity::Tampons, Activity::Sex];

/// The gate, given the day abdominal massage and these activities may open after a sign of infection.
pub(super) fn baths_swimming_tampons_sex(view: &View<'_>, infection_from: Option<NaiveDate>) -> Holds {
    let mut shared = Holds::default();
    if !view.loss_bleeding_over() {
        shared.bleeding();
    }
    if let Some(from) = infection_from {
        shared.until(from, words::reason_infection(from));
    }
    let sex_waits = view.unresolved();
    let note = (shared.reasons.is_empty() && !sex_waits).then(|| contraception_note(view).to_owned());
    let activities = ACTIVITIES
        .iter()
        .map(|&activity| {
            let mut reasons = shared.reasons.clone();
            if activity == Activity::Sex && sex_waits {
                reasons.push(words::REASON_SEX_UNRESOLVED.to_owned());
            }
            let state = if reasons.is_empty() { GateState::Ready } else { GateState::NotYet };
            ActivityGate {
                activity,
                title: words::activity_title(activity).to_owned(),
                state,
                note: note.clone().filter(|_| activity == Activity::Sex),
                reasons,
            }
        })
        .collect();
    let mut gate = shared;
    if gate.reasons.is_empty() && sex_waits {
        gate.reason(words::REASON_SEX_UNRESOLVED);
        gate.limits = Some(words::LIMITS_NOT_SEX_YET.to_owned());
    }
    gate.note = note;
    gate.activities = activities;
    gate
}

/// The words when sex opens: contraception until the team says otherwise after a molar pregnancy or
/// methotrexate (cruk-molar, methotrexate-wait); otherwise that a pregnancy can begin before the first period.
fn contraception_note(view: &View<'_>) -> &'static str {
    let molar = view.loss.is_some_and(|l| l.kind == LossKind::Molar);
    if molar || super::trying::methotrexate_at(view).is_some() {
        words::NOTE_SEX_CONTRACEPTION
    } else {
        words::NOTE_SEX
    }
}
