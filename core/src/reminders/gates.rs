//! Care-awareness: whether a massage session may be reminded about yet. Planning asks a [`CareGate`]; the
//! journal's answer comes from the care engine's `massage-general` readiness gate (shared/clinical/guidance.md:
//! bleeding has stopped; after a second- or third-trimester loss also at least 7 days and a clinician's
//! go-ahead; no open red flag). Only `ready` lets massage-session reminders fire; `not_yet` and
//! `not_in_this_window` keep them waiting.

use crate::care::{Care, GateId, GateState};
use crate::error::Result;
use crate::mend::Core;

/// Answers the care questions reminders depend on.
pub trait CareGate {
    /// Whether massage is advisable now (the `massage-general` gate is open).
    fn massage_allowed(&self) -> bool;
}

/// A fixed answer (tests, and callers that already asked the care engine).
impl CareGate for bool {
    fn massage_allowed(&self) -> bool {
        *self
    }
}

/// The care engine's `massage-general` gate, now.
pub(crate) fn care_massage_allowed(core: &Core) -> Result<bool> {
    Ok(Care::new(core).gate(GateId::MassageGeneral)?.state == GateState::Ready)
}
