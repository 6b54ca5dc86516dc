//! Pain red flags: `pain-severe` (severe pain, pain not eased by pain relief, or pain getting worse days after
//! the loss) and `ectopic-signs` (one-sided pain with shoulder-tip pain, fainting or dizziness; and, while the
//! pregnancy is unresolved, the NHS list of ectopic signs).

use chrono::Duration;

use super::signs::{bleeding, dizzy, lower, one_side, pairs, present, shoulder, very_dizzy};
use super::{Evidence, HOLD, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::CheckIn;

/// Pain of this much (out of 10) or more is severe.
pub const PAIN_SEVERE_MIN: u8 = 8;
/// Severe pain not eased by pain relief this long after the loss is an emergency.
pub const PAIN_NOT_EASED_AFTER: Duration = Duration::hours(24);
/// Pain getting worse counts from this long after the loss (cramps are expected while the pregnancy passes).
pub const PAIN_WORSE_FROM: Duration = Duration::hours(72);
/// Getting worse: now this much or more…
pub const PAIN_RISE_NOW: u8 = 5;
/// …and this many points above the lowest reading of the previous 24 hours.
pub const PAIN_RISE: u8 = 3;
/// Or this many strictly rising readings…
pub const PAIN_WORSE_READINGS: usize = 3;
/// …spanning at least this long (first to last)…
pub const PAIN_WORSE_SPAN: Duration = Duration::hours(24);
/// …all within this window (the newest within [`HOLD`]).
pub const PAIN_WORSE_WINDOW: Duration = Duration::days(14);
/// One-sided pain and shoulder-tip pain (or fainting, or dizziness) combine within this.
pub const ECTOPIC_PAIR_WINDOW: Duration = Duration::hours(24);
/// One-sided pain this high with dizziness is an emergency.
pub const ECTOPIC_SEVERE_SIDE: u8 = 7;
/// While unresolved, one-sided pain this high needs care today.
pub const UNRESOLVED_SIDE_MIN: u8 = 5;
/// After keyhole surgery, shoulder-tip pain alone is common for this long…
pub const KEYHOLE_WINDOW: Duration = Duration::hours(48);
/// …and is Info below this score (7/10 or more is not).
pub const SHOULDER_INFO_MAX: u8 = 6;

/// `pain-severe`, in the last [`HOLD`]: pain of [`PAIN_SEVERE_MIN`] or more (the highest of lower tummy, one side
/// and pelvis) is Urgent, and an Emergency if it started suddenly, comes with lasting dizziness, fainting, very
/// pale skin or vomiting, or is not eased by pain relief more than [`PAIN_NOT_EASED_AFTER`] after the loss. Pain
/// not eased by pain relief: Urgent. From [`PAIN_WORSE_FROM`] after the loss, pain getting worse — now
/// [`PAIN_RISE_NOW`] or more and [`PAIN_RISE`] above the lowest reading of the previous 24 hours, or
/// [`PAIN_WORSE_READINGS`] strictly rising readings over [`PAIN_WORSE_SPAN`] or more — Urgent, or Contact when it
/// ends at 3-4/10.
pub(super) fn severe<'a>(view: &View<'a>) -> Evidence<'a> {
    let recent = view.within(HOLD);
    let mut evidence: Vec<&CheckIn> = Vec::new();
    let mut worst: Option<Severity> = None;
    let mut raise = |s: Severity| worst = Some(worst.map_or(s, |w: Severity| w.min(s)));
    let mut message: Option<String> = None;
    for c in recent.iter().copied() {
        let s = &c.data.signs;
        let score = lower(c).unwrap_or(0);
        if score >= PAIN_SEVERE_MIN {
            let late = view.since_loss(c.at).is_none_or(|d| d > PAIN_NOT_EASED_AFTER);
            let emergency = s.pain_started_suddenly
                || very_dizzy(c)
                || c.data.fainted
                || s.pale_or_mottled
                || s.vomiting
                || (late && s.pain_not_eased);
            raise(if emergency { Severity::Emergency } else { Severity::Urgent });
            message = Some(words::pain_severe(score));
            evidence.push(c);
        } else if s.pain_not_eased {
            raise(Severity::Urgent);
            message.get_or_insert_with(words::pain_not_eased);
            evidence.push(c);
        }
    }
    let worsening_from = |c: &CheckIn| view.since_loss(c.at).is_none_or(|d| d >= PAIN_WORSE_FROM);
    // Now high, and well above the lowest of the previous 24 hours.
    let window = view.within(HOLD + Duration::hours(24));
    for c in recent.iter().copied().filter(|c| worsening_from(c)) {
        let Some(now) = lower(c).filter(|p| *p >= PAIN_RISE_NOW) else { continue };
        let before: Vec<&CheckIn> =
            window.iter().copied().filter(|b| b.at < c.at && c.at - b.at <= Duration::hours(24)).collect();
        if let Some((low, low_c)) = before.iter().filter_map(|b| lower(b).map(|p| (p, *b))).min_by_key(|(p, _)| *p)
            && now >= low + PAIN_RISE
        {
            raise(Severity::Urgent);
            message.get_or_insert_with(|| words::pain_rising(low, now));
            evidence.extend([low_c, c]);
        }
    }
    // Three strictly rising readings over 24 hours or more.
    let readings: Vec<&CheckIn> =
        view.within(PAIN_WORSE_WINDOW).iter().copied().filter(|c| lower(c).is_some() && worsening_from(c)).collect();
    let last = &readings[readings.len().saturating_sub(PAIN_WORSE_READINGS)..];
    let rising = last.len() == PAIN_WORSE_READINGS
        && last.windows(2).all(|w| lower(w[1]) > lower(w[0]))
        && last[last.len() - 1].at - last[0].at >= PAIN_WORSE_SPAN
        && last[last.len() - 1].at >= view.now - HOLD;
    if rising {
        let scores = [lower(last[0]), lower(last[1]), lower(last[2])].map(|p| p.unwrap_or(0));
        let severity = match scores[2] {
            s if s >= PAIN_RISE_NOW => Some(Severity::Urgent),
            3 | 4 => Some(Severity::Contact),
            _ => None,
        };
        if let Some(severity) = severity {
            raise(severity);
            message.get_or_insert_with(|| words::pain_worse(scores));
            evidence.extend_from_slice(last);
        }
    }
    hit(evidence, message?, worst?)
}

/// `ectopic-signs`. At any time: one-sided low pain with shoulder-tip pain within [`ECTOPIC_PAIR_WINDOW`] of each
/// other: Urgent; one-sided pain with fainting or lasting dizziness, or one-sided pain of [`ECTOPIC_SEVERE_SIDE`]
/// or more with any dizziness, within that window: Emergency. While unresolved: one-sided pain with bleeding,
/// brown watery discharge, pain on peeing or pooing, diarrhoea or vomiting, or one-sided pain of
/// [`UNRESOLVED_SIDE_MIN`] or more: Urgent; shoulder-tip pain, or pain that started suddenly with lasting
/// dizziness, fainting, feeling sick or very pale skin: Emergency. Exception: within [`KEYHOLE_WINDOW`] after
/// keyhole surgery, shoulder-tip pain alone (no one-sided pain within the window) is Info unless it is 7/10 or
/// more, worse than the reading before, or comes with dizziness.
pub(super) fn ectopic<'a>(view: &View<'a>) -> Evidence<'a> {
    let side = |c: &CheckIn| present(one_side(c));
    let faint_or_very_dizzy = |c: &CheckIn| c.data.fainted || very_dizzy(c);
    let severe_side = |c: &CheckIn| one_side(c).is_some_and(|p| p >= ECTOPIC_SEVERE_SIDE);
    let w = ECTOPIC_PAIR_WINDOW;
    let mut emergency = [pairs(view, w, side, faint_or_very_dizzy), pairs(view, w, severe_side, dizzy)].concat();
    let mut urgent = pairs(view, w, side, shoulder);
    let mut info: Vec<&CheckIn> = Vec::new();
    if view.unresolved() {
        let recent = view.within(HOLD);
        let with = |c: &CheckIn| {
            let s = &c.data.signs;
            bleeding(c) || s.brown_watery_discharge || s.pain_peeing_or_pooing || s.diarrhoea || s.vomiting
        };
        urgent.extend(pairs(view, w, side, with));
        urgent.extend(recent.iter().copied().filter(|c| one_side(c).is_some_and(|p| p >= UNRESOLVED_SIDE_MIN)));
        emergency.extend(recent.iter().copied().filter(|c| {
            let s = &c.data.signs;
            s.pain_started_suddenly && (faint_or_very_dizzy(c) || s.nausea || s.pale_or_mottled)
        }));
        let surgery = view.keyhole_surgery();
        for c in recent.iter().copied().filter(|c| shoulder(c)) {
            let after_surgery = surgery.iter().any(|t| c.at >= *t && c.at - *t <= KEYHOLE_WINDOW);
            let alone = !view.within(HOLD + w).iter().any(|o| side(o) && (o.at - c.at).abs() <= w);
            let previous = view.within(HOLD + KEYHOLE_WINDOW).iter().rev().find(|o| o.at < c.at && shoulder(o));
            let worse = previous.is_some_and(|p| c.data.pain.shoulder_tip > p.data.pain.shoulder_tip);
            let high = c.data.pain.shoulder_tip.is_some_and(|p| p > SHOULDER_INFO_MAX);
            if after_surgery && alone && !high && !worse && !dizzy(c) {
                info.push(c);
            } else {
                emergency.push(c);
            }
        }
    }
    let unresolved = view.unresolved();
    if !emergency.is_empty() {
        let message = words::ectopic(true, unresolved);
        return hit([emergency, urgent].concat(), message, Severity::Emergency);
    }
    if !urgent.is_empty() {
        return hit(urgent, words::ectopic(false, unresolved), Severity::Urgent);
    }
    hit(info, words::shoulder_after_keyhole(), Severity::Info)
}
