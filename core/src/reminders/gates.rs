//! Care-awareness: whether a massage session may be reminded about yet. Planning asks a [`CareGate`]; until
//! the care engine (built in parallel) is merged, [`journal_massage_allowed`] derives the answer from the
//! journal the way shared/clinical/guidance.md defines the `massage-general` gate: bleeding has stopped,
//! and after a second- or third-trimester loss also at least 7 days have passed and a clinician's go-ahead
//! for massage is recorded. (The gate's "no open red flag" part belongs to the care engine.)

use chrono::NaiveDate;

use crate::error::Result;
use crate::journal::insights::bleeding_episode;
use crate::journal::{Activity, CheckIn, Event, EventDetails, EventKind, Journal, Loss, Trimester};

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

/// The `massage-general` gate from journal records alone. With no loss recorded there is nothing to wait for.
pub fn massage_allowed_from(loss: Option<&Loss>, checkins: &[CheckIn], go_aheads: &[Event], today: NaiveDate) -> bool {
    let Some(loss) = loss else { return true };
    let since: Vec<&CheckIn> = checkins.iter().filter(|c| c.day >= loss.loss_date).collect();
    if !bleeding_episode(&since).has_stopped() {
        return false;
    }
    match loss.trimester() {
        Trimester::First => true,
        Trimester::Second | Trimester::Third => {
            let days = (today - loss.loss_date).num_days();
            let go_ahead = go_aheads.iter().any(|e| {
                e.day >= loss.loss_date && matches!(e.details, EventDetails::GoAhead { activity: Activity::Massage })
            });
            days >= 7 && go_ahead
        }
    }
}

/// The gate for the journal's current loss, as of `today`.
pub fn journal_massage_allowed(journal: &Journal<'_>, today: NaiveDate) -> Result<bool> {
    let loss = journal.current_loss()?;
    let Some(loss_ref) = loss.as_ref() else { return Ok(true) };
    let checkins = journal.checkins_between_days(loss_ref.loss_date, crate::journal::LAST_DAY)?;
    let go_aheads = journal.events_of_kind(EventKind::GoAhead)?;
    Ok(massage_allowed_from(loss.as_ref(), &checkins, &go_aheads, today))
}
