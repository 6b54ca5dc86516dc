//! Signs of a blood clot: `clot-leg` (one leg or arm swollen, warm, red or darkened, hard or sore veins, or pain
//! in one leg only) and `clot-lung` (chest pain, sudden breathlessness, coughing blood, collapse). After a
//! pregnancy loss the risk of a clot is higher (rcog-vte), most after a later loss (sultan-2013).

use chrono::Duration;

use super::signs::chest;
use super::{Evidence, HOLD, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::{CheckIn, Trimester};

/// Pain in one leg of this much or more, after a second- or third-trimester loss, needs care today.
pub const LEG_PAIN_LATER: u8 = 2;
/// Pain in one leg of this much or more, after an early loss, needs care today.
pub const LEG_PAIN_EARLY: u8 = 4;
/// One-leg pain from this much (below [`LEG_PAIN_EARLY`]) once after an early loss is Info: re-check in 12 hours.
pub const LEG_PAIN_INFO: u8 = 2;
/// One-leg pain at two check-ins at least this far apart (within [`HOLD`]) needs care today.
pub const LEG_PAIN_REPEAT_APART: Duration = Duration::hours(12);
/// One-leg pain counts within this of the loss (12 weeks); visible signs count at any time.
pub const LEG_PAIN_WINDOW: Duration = Duration::days(84);

/// Visible signs in the left leg, the right leg and an arm.
fn visible(c: &CheckIn) -> Vec<(&'static str, Vec<&'static str>)> {
    let d = &c.data;
    let leg = |signs: crate::journal::LegSigns, veins: bool| -> Vec<&'static str> {
        [(signs.swelling, "swelling"), (signs.warmth, "warmth"), (signs.redness, "redness"), (veins, "sore veins")]
            .into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, name)| name)
            .collect()
    };
    [
        ("left leg", leg(d.leg_left, d.signs.veins_left)),
        ("right leg", leg(d.leg_right, d.signs.veins_right)),
        ("arm", if d.signs.arm { vec!["swelling, warmth or redness"] } else { vec![] }),
    ]
    .into_iter()
    .filter(|(_, signs)| !signs.is_empty())
    .collect()
}

/// Whether a check-in shows a visible sign in a leg or an arm.
pub(super) fn leg_visible(c: &CheckIn) -> bool {
    !visible(c).is_empty()
}

/// Pain in one leg only (the other 0 or not recorded): (which, score).
fn one_leg_pain(c: &CheckIn) -> Option<(&'static str, u8)> {
    let (l, r) = (c.data.pain.leg_left.unwrap_or(0), c.data.pain.leg_right.unwrap_or(0));
    match (l, r) {
        (0, 0) => None,
        (l, 0) => Some(("left", l)),
        (0, r) => Some(("right", r)),
        _ => None,
    }
}

/// Whether a check-in shows a sign of a clot in a limb: a visible sign, or pain of [`LEG_PAIN_INFO`] or more in
/// one leg only.
pub(crate) fn leg_sign(c: &CheckIn) -> bool {
    !visible(c).is_empty() || one_leg_pain(c).is_some_and(|(_, p)| p >= LEG_PAIN_INFO)
}

/// `clot-leg`, in the last [`HOLD`]: a visible sign in a leg or an arm, at any time: Urgent. Within
/// [`LEG_PAIN_WINDOW`] of the loss, pain in one leg only: after a second- or third-trimester loss
/// [`LEG_PAIN_LATER`] or more; otherwise [`LEG_PAIN_EARLY`] or more, or [`LEG_PAIN_INFO`] or more in the same leg
/// at two check-ins at least [`LEG_PAIN_REPEAT_APART`] apart: Urgent. Otherwise one-leg pain of
/// [`LEG_PAIN_INFO`]-3 once after an early loss: Info (re-check in 12 hours).
pub(super) fn leg<'a>(view: &View<'a>) -> Evidence<'a> {
    let recent = view.within(HOLD);
    let seen: Vec<&CheckIn> = recent.iter().copied().filter(|c| !visible(c).is_empty()).collect();
    if let Some(latest) = seen.last() {
        let message = words::clot_limb(&visible(latest));
        return hit(seen, message, Severity::Urgent);
    }
    let later = view.loss.is_some_and(|l| l.trimester() != Trimester::First);
    let in_window = |c: &CheckIn| view.since_loss(c.at).is_none_or(|d| d <= LEG_PAIN_WINDOW);
    let painful: Vec<(&CheckIn, &'static str, u8)> = recent
        .iter()
        .copied()
        .filter(|c| in_window(c))
        .filter_map(|c| one_leg_pain(c).map(|(leg, p)| (c, leg, p)))
        .filter(|(_, _, p)| *p >= LEG_PAIN_INFO)
        .collect();
    let threshold = if later { LEG_PAIN_LATER } else { LEG_PAIN_EARLY };
    let mut urgent: Vec<&CheckIn> = painful.iter().filter(|(_, _, p)| *p >= threshold).map(|(c, _, _)| *c).collect();
    for (i, (a, leg_a, _)) in painful.iter().enumerate() {
        for (b, leg_b, _) in &painful[i + 1..] {
            if leg_a == leg_b && b.at - a.at >= LEG_PAIN_REPEAT_APART {
                urgent.extend([*a, *b]);
            }
        }
    }
    let (leg, score) = painful.last().map(|(_, leg, p)| (*leg, *p))?;
    if !urgent.is_empty() {
        return hit(urgent, words::clot_leg_pain(leg, score), Severity::Urgent);
    }
    let evidence = painful.iter().map(|(c, _, _)| *c).collect();
    hit(evidence, words::leg_pain_recheck(leg, score), Severity::Info)
}

/// `clot-lung`: any one of chest pain, sudden or unexplained breathlessness, coughing blood, collapse, or a racing
/// or irregular heartbeat with breathlessness, logged in the last [`HOLD`].
pub(super) fn lung<'a>(view: &View<'a>) -> Evidence<'a> {
    let signs = |c: &CheckIn| -> Vec<String> {
        let d = &c.data;
        [
            (chest(c), "chest pain"),
            (d.breathless, "sudden breathlessness"),
            (d.coughing_blood, "coughing blood"),
            (d.signs.collapse, "collapsing"),
            (d.signs.heart_racing && d.breathless, "a racing heart"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| name.to_owned())
        .collect()
    };
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| !signs(c).is_empty()).collect();
    let latest = evidence.last()?;
    let message = words::clot_lung(&signs(latest));
    hit(evidence, message, Severity::Emergency)
}
