//! Pain red flags: `pain-severe` (severe lower abdominal pain, or pain that gets worse, not better) and
//! `ectopic-signs` (one-sided low abdominal pain with shoulder-tip pain, or with fainting).

use chrono::Duration;

use super::{Evidence, FAINT_NEAR, HOLD};
use crate::care::view::View;
use crate::care::words;
use crate::journal::CheckIn;

/// Lower abdominal pain of this much (out of 10) or more is severe.
pub const PAIN_SEVERE_MIN: u8 = 8;
/// "Getting worse" looks at this many of the latest lower abdominal pain readings…
pub const PAIN_WORSE_READINGS: usize = 3;
/// …which must each be higher than the one before and span at least this long (first to last)…
pub const PAIN_WORSE_SPAN: Duration = Duration::hours(24);
/// …and all fall within this window (the newest, like every single-reading sign, within [`HOLD`]).
pub const PAIN_WORSE_WINDOW: Duration = Duration::days(14);

/// Lower abdominal pain at a check-in: the higher of cramps and one-sided low pain.
fn lower(c: &CheckIn) -> Option<u8> {
    c.data.pain.cramps.max(c.data.pain.one_sided)
}

/// `pain-severe`: lower abdominal pain (cramps or one-sided) of [`PAIN_SEVERE_MIN`] or more in the last
/// [`HOLD`]; or pain that got worse: the last [`PAIN_WORSE_READINGS`] readings (by timestamp, within
/// [`PAIN_WORSE_WINDOW`]) each higher than the one before, spanning at least [`PAIN_WORSE_SPAN`], the newest
/// within [`HOLD`]. A lower or equal reading ends "worse".
pub(super) fn severe<'a>(view: &View<'a>) -> Evidence<'a> {
    let severe: Vec<&CheckIn> =
        view.within(HOLD).iter().copied().filter(|c| lower(c).is_some_and(|p| p >= PAIN_SEVERE_MIN)).collect();
    let readings: Vec<&CheckIn> =
        view.within(PAIN_WORSE_WINDOW).iter().copied().filter(|c| lower(c).is_some()).collect();
    let last = &readings[readings.len().saturating_sub(PAIN_WORSE_READINGS)..];
    let worse = last.len() == PAIN_WORSE_READINGS
        && last.windows(2).all(|w| lower(w[1]) > lower(w[0]))
        && last[last.len() - 1].at - last[0].at >= PAIN_WORSE_SPAN
        && last[last.len() - 1].at >= view.now - HOLD;
    let message = match (severe.last(), worse) {
        (Some(c), _) => words::pain_severe(lower(c).unwrap_or(PAIN_SEVERE_MIN)),
        (None, true) => words::pain_worse([lower(last[0]), lower(last[1]), lower(last[2])].map(|p| p.unwrap_or(0))),
        (None, false) => return None,
    };
    let mut evidence = severe;
    if worse {
        evidence.extend_from_slice(last);
    }
    Some((evidence, message))
}

/// `ectopic-signs`: one-sided low abdominal pain (any score above 0) with shoulder-tip pain (above 0) or with
/// fainting, at the same check-in or at check-ins no more than [`FAINT_NEAR`] apart (as for `bleeding-faint`),
/// by timestamp; the newer of the two in the last [`HOLD`].
pub(super) fn ectopic<'a>(view: &View<'a>) -> Evidence<'a> {
    let shoulder = |c: &CheckIn| c.data.pain.shoulder_tip.is_some_and(|p| p > 0);
    let partner = |c: &CheckIn| shoulder(c) || c.data.fainted;
    let from = view.now - HOLD;
    let nearby = view.within(HOLD + FAINT_NEAR);
    let mut evidence: Vec<&CheckIn> = Vec::new();
    let (mut with_shoulder, mut with_fainting) = (false, false);
    for side in nearby.iter().copied().filter(|c| c.data.pain.one_sided.is_some_and(|p| p > 0)) {
        let partners: Vec<&CheckIn> = nearby
            .iter()
            .copied()
            .filter(|p| partner(p) && (p.at - side.at).abs() <= FAINT_NEAR && p.at.max(side.at) >= from)
            .collect();
        if !partners.is_empty() {
            with_shoulder |= partners.iter().any(|p| shoulder(p));
            with_fainting |= partners.iter().any(|p| p.data.fainted);
            evidence.push(side);
            evidence.extend(partners);
        }
    }
    (!evidence.is_empty()).then(|| (evidence, words::ectopic(with_shoulder, with_fainting)))
}
