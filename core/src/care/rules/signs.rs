//! What a check-in shows, read the guidance's way (its "Definitions" and the input table in docs/care.md), and
//! the one helper that pairs signs logged at different check-ins within a window.

use chrono::Duration;

use super::HOLD;
use crate::care::view::View;
use crate::journal::{Bleeding, CheckIn, Dizziness};

const EPSILON: f64 = 1e-9;

/// `value` is given and at least `threshold`.
pub(crate) fn at_least(value: Option<f64>, threshold: f64) -> bool {
    value.is_some_and(|v| v >= threshold - EPSILON)
}

/// A presence sign scored 0-10 counts from 1/10.
pub(crate) fn present(score: Option<u8>) -> bool {
    score.is_some_and(|s| s >= 1)
}

/// One-sided low tummy pain: the highest of one side (place not said), left side and right side.
pub(crate) fn one_side(c: &CheckIn) -> Option<u8> {
    let p = &c.data.pain;
    p.one_sided.max(p.side_left).max(p.side_right)
}

/// "Severe pain" reads the highest of lower tummy (cramps), one side and pelvis.
pub(crate) fn lower(c: &CheckIn) -> Option<u8> {
    c.data.pain.cramps.max(one_side(c)).max(c.data.pain.pelvis)
}

/// Shoulder-tip pain, a presence sign: 1/10 or more.
pub(crate) fn shoulder(c: &CheckIn) -> bool {
    present(c.data.pain.shoulder_tip)
}

/// Any dizziness or light-headedness (brief or lasting).
pub(crate) fn dizzy(c: &CheckIn) -> bool {
    matches!(c.data.dizziness, Some(Dizziness::Brief | Dizziness::Lasting))
}

/// Dizziness that does not pass: "very dizzy", "feeling faint".
pub(crate) fn very_dizzy(c: &CheckIn) -> bool {
    c.data.dizziness == Some(Dizziness::Lasting)
}

/// Heavy bleeding: logged as heavy or very heavy, or 2 or more pads an hour.
pub(crate) fn heavy(c: &CheckIn) -> bool {
    c.data.bleeding.is_some_and(|b| b >= Bleeding::Heavy) || at_least(c.data.pads_per_hour, 2.0)
}

/// Soaking: 1 or more pads an hour, or bleeding logged as very heavy.
pub(crate) fn soaking(c: &CheckIn) -> bool {
    at_least(c.data.pads_per_hour, 1.0) || c.data.bleeding == Some(Bleeding::VeryHeavy)
}

/// Any bleeding: a level other than none, pads an hour above 0.
pub(crate) fn bleeding(c: &CheckIn) -> bool {
    c.data.bleeding.is_some_and(Bleeding::is_bleeding) || c.data.pads_per_hour.is_some_and(|p| p > 0.0)
}

/// Bleeding heavier than spotting: light or more, or pads an hour above 0.
pub(crate) fn more_than_spotting(c: &CheckIn) -> bool {
    c.data.bleeding.is_some_and(|b| b >= Bleeding::Light) || c.data.pads_per_hour.is_some_and(|p| p > 0.0)
}

/// Chest pain: the yes/no or a chest pain score of 1/10 or more.
pub(crate) fn chest(c: &CheckIn) -> bool {
    c.data.chest_pain || present(c.data.pain.chest)
}

/// Check-ins showing `a` and check-ins showing `b` logged no more than `window` apart (either order, the same
/// check-in too), the newer of each pair within [`HOLD`] of now: every check-in of every such pair.
pub(crate) fn pairs<'a>(
    view: &View<'a>,
    window: Duration,
    a: impl Fn(&CheckIn) -> bool,
    b: impl Fn(&CheckIn) -> bool,
) -> Vec<&'a CheckIn> {
    let from = view.now - HOLD;
    let nearby = view.within(HOLD + window);
    let mut out: Vec<&CheckIn> = Vec::new();
    for x in nearby.iter().copied().filter(|c| a(c)) {
        let partners: Vec<&CheckIn> = nearby
            .iter()
            .copied()
            .filter(|y| b(y) && (y.at - x.at).abs() <= window && x.at.max(y.at) >= from)
            .collect();
        if !partners.is_empty() {
            out.push(x);
            out.extend(partners);
        }
    }
    out
}
