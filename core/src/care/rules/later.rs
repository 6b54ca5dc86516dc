//! After a loss at 20 weeks or later (shared/clinical/guidance.md version 2): `postnatal-preeclampsia`
//! (nhs-preeclampsia) and `postpartum-psychosis` (app-psychosis), within 6 weeks of the loss; and `mastitis`
//! (nhs-mastitis) and `wound` (nhs-wound), whenever logged (the form asks about them only after such a loss,
//! within 6 weeks). Breast pain or milk alone after a later loss is normal recovery and never alarms.

use chrono::Duration;

use super::infection::fever_sign;
use super::{Evidence, HOLD, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::{CheckIn, LoggedBy};

/// The rules of this module apply after a loss at this many completed weeks or later.
pub const LATER_LOSS_WEEKS: u8 = 20;
/// …within this long of the loss (6 weeks).
pub const LATER_LOSS_WITHIN: Duration = Duration::days(42);
/// A headache of this much (out of 10) or more is severe.
pub const SEVERE_HEADACHE: u8 = 8;

/// Whether `at` is within 6 weeks of a loss at 20 weeks or later.
pub(crate) fn later_loss_window(view: &View<'_>, at: chrono::DateTime<chrono::Utc>) -> bool {
    view.loss.is_some_and(|l| l.weeks >= LATER_LOSS_WEEKS)
        && view.since_loss(at).is_some_and(|d| d >= Duration::zero() && d < LATER_LOSS_WITHIN)
}

/// Signs of pre-eclampsia after birth: a severe headache, vision problems, pain just below the ribs, vomiting,
/// or sudden swelling of the face, hands or feet.
pub(crate) fn preeclampsia_sign(c: &CheckIn) -> bool {
    let s = &c.data.signs;
    c.data.pain.head.is_some_and(|p| p >= SEVERE_HEADACHE)
        || s.vision_problems
        || s.pain_below_ribs
        || s.vomiting
        || s.sudden_swelling
}

/// Signs of postpartum psychosis: hallucinations, delusions, mania, severe confusion, acting out of character.
pub(crate) fn psychosis_sign(c: &CheckIn) -> bool {
    let s = &c.data.signs;
    s.hallucinations || s.delusions || s.mania || s.confusion || s.out_of_character
}

/// Mastitis: a red, hot, painful area of breast with a flu-like feeling (feeling flu-like, chills or 38.0 °C).
pub(crate) fn mastitis_sign(c: &CheckIn) -> bool {
    c.data.signs.breast_red_hot && fever_sign(c)
}

/// A wound that is red or swollen, leaking pus or opening.
pub(crate) fn wound_sign(c: &CheckIn) -> bool {
    let s = &c.data.signs;
    s.wound_red_swollen || s.wound_pus || s.wound_opening
}

/// `postnatal-preeclampsia`: a sign within 6 weeks of a loss at 20 weeks or later, logged in the last [`HOLD`].
pub(super) fn preeclampsia<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> =
        view.within(HOLD).iter().copied().filter(|c| later_loss_window(view, c.at) && preeclampsia_sign(c)).collect();
    hit(evidence, words::postnatal_preeclampsia(), Severity::Urgent)
}

/// `postpartum-psychosis`: a sign within 6 weeks of a loss at 20 weeks or later, logged in the last [`HOLD`] (a
/// partner may log it on the person's device: the message then speaks to them).
pub(super) fn psychosis<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> =
        view.within(HOLD).iter().copied().filter(|c| later_loss_window(view, c.at) && psychosis_sign(c)).collect();
    let by_partner = evidence.last().is_some_and(|c| c.data.logged_by == Some(LoggedBy::Partner));
    hit(evidence, words::postpartum_psychosis(by_partner), Severity::Emergency)
}

/// `mastitis`, logged in the last [`HOLD`].
pub(super) fn mastitis<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| mastitis_sign(c)).collect();
    hit(evidence, words::mastitis(), Severity::Urgent)
}

/// `wound`, logged in the last [`HOLD`].
pub(super) fn wound<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| wound_sign(c)).collect();
    hit(evidence, words::wound(), Severity::Urgent)
}
