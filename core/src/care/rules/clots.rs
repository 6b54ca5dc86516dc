//! Signs of a blood clot: `clot-leg` (one leg swollen, warm, red or painful) and `clot-lung` (chest pain,
//! sudden breathlessness, coughing blood). After a pregnancy loss the risk of a clot is higher (rcog-vte).

use super::{Evidence, HOLD};
use crate::care::view::View;
use crate::care::words;
use crate::journal::{CheckIn, LegSigns};

/// Leg pain of this much (out of 10) or more counts as a painful leg. The guidance gives no number; below 3
/// is the everyday ache of a tired leg.
pub const LEG_PAIN_MIN: u8 = 3;

fn leg_signs(signs: LegSigns, pain: Option<u8>) -> Vec<String> {
    let mut out: Vec<String> = [(signs.swelling, "swelling"), (signs.warmth, "warmth"), (signs.redness, "redness")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| name.to_owned())
        .collect();
    if let Some(p) = pain.filter(|p| *p >= LEG_PAIN_MIN) {
        out.push(format!("pain of {p} out of 10"));
    }
    out
}

/// The legs with signs at a check-in: ("left" | "right", the signs).
fn legs(c: &CheckIn) -> Vec<(&'static str, Vec<String>)> {
    [("left", c.data.leg_left, c.data.pain.leg_left), ("right", c.data.leg_right, c.data.pain.leg_right)]
        .into_iter()
        .map(|(name, signs, pain)| (name, leg_signs(signs, pain)))
        .filter(|(_, signs)| !signs.is_empty())
        .collect()
}

/// Whether a check-in shows a sign of a clot in a leg: swelling, warmth or redness, or pain of
/// [`LEG_PAIN_MIN`] or more, in either leg (signs in both legs count too: Mend errs towards a check).
pub(crate) fn leg_sign(c: &CheckIn) -> bool {
    !legs(c).is_empty()
}

/// `clot-leg`: a leg sign logged in the last [`HOLD`].
pub(super) fn leg<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| leg_sign(c)).collect();
    let latest = evidence.last()?;
    let message = words::clot_leg(&legs(latest));
    Some((evidence, message))
}

/// `clot-lung`: chest pain, sudden breathlessness or coughing blood logged in the last [`HOLD`].
pub(super) fn lung<'a>(view: &View<'a>) -> Evidence<'a> {
    let signs = |c: &CheckIn| -> Vec<String> {
        [
            (c.data.chest_pain, "chest pain"),
            (c.data.breathless, "sudden breathlessness"),
            (c.data.coughing_blood, "coughing blood"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| name.to_owned())
        .collect()
    };
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| !signs(c).is_empty()).collect();
    let latest = evidence.last()?;
    let message = words::clot_lung(&signs(latest));
    Some((evidence, message))
}
