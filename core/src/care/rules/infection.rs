//! Signs of infection and of being very unwell: `fever`, `fever-repeated`, `sepsis-signs`,
//! `unwell-after-misoprostol`, `vomiting` and `discharge-foul`. Misoprostol's common side effects (chills and
//! a raised temperature in the first 24 hours) are read with the dose's time (misoprostol-label).

use chrono::{DateTime, Duration, Utc};

use super::signs::{lower, present};
use super::{Evidence, HOLD, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::{CheckIn, Discharge};

/// A temperature of this much or more is a fever (100.4 °F).
pub const FEVER_C: f64 = 38.0;
/// Below this, with shivering or feeling very unwell, a temperature is a sepsis sign.
pub const LOW_TEMPERATURE_C: f64 = 36.0;
/// `fever-repeated`: this many fever readings…
pub const FEVER_READINGS: usize = 3;
/// …each at least this long after the one before…
pub const FEVER_READINGS_APART: Duration = Duration::hours(4);
/// …within this window, counting only readings more than [`MISOPROSTOL_SIDE_EFFECTS`] after the loss and the last
/// misoprostol dose.
pub const FEVER_REPEAT_WINDOW: Duration = Duration::hours(72);
/// Chills and fever are common side effects of misoprostol for this long after a dose.
pub const MISOPROSTOL_SIDE_EFFECTS: Duration = Duration::hours(24);
/// `unwell-after-misoprostol` looks from [`MISOPROSTOL_SIDE_EFFECTS`] to this long after a dose.
pub const MISOPROSTOL_UNWELL_UNTIL: Duration = Duration::days(14);
/// Vomiting this soon after misoprostol by mouth: the dose may need repeating.
pub const VOMIT_AFTER_DOSE: Duration = Duration::minutes(30);

fn feverish(c: &CheckIn) -> bool {
    c.data.temperature_c.is_some_and(|t| t >= FEVER_C - 1e-9)
}

/// Whether a check-in shows a sign of fever: 38.0 °C or more, chills or shivering, or feeling flu-like.
pub(crate) fn fever_sign(c: &CheckIn) -> bool {
    feverish(c) || c.data.chills || c.data.flu_like
}

/// Whether a check-in shows discharge that may mean infection.
pub(crate) fn discharge_sign(c: &CheckIn) -> bool {
    c.data.discharge == Some(Discharge::Foul)
}

/// Whether a check-in shows a sepsis sign: any of uk-sepsis-trust's signs, or a temperature below
/// [`LOW_TEMPERATURE_C`] with shivering or feeling very unwell.
pub(crate) fn sepsis_sign(c: &CheckIn) -> bool {
    let cold = c.data.temperature_c.is_some_and(|t| t < LOW_TEMPERATURE_C);
    c.data.signs.sepsis() || (cold && (c.data.chills || c.data.signs.very_unwell))
}

/// The latest misoprostol dose at or before `at`, if within `window` of it.
fn dose_within(view: &View<'_>, at: DateTime<Utc>, window: Duration) -> Option<(DateTime<Utc>, bool)> {
    view.misoprostol_before(at).filter(|(t, _)| at - *t <= window)
}

/// `fever`: a sign of fever logged in the last [`HOLD`]: Urgent. Exception: within
/// [`MISOPROSTOL_SIDE_EFFECTS`] of a misoprostol dose, chills with a measured temperature under 38.0 °C and no
/// other sign (not flu-like, not very unwell) is Info (re-check in 4 hours).
pub(super) fn fever<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| fever_sign(c)).collect();
    let side_effect = |c: &CheckIn| {
        dose_within(view, c.at, MISOPROSTOL_SIDE_EFFECTS).is_some()
            && c.data.temperature_c.is_some_and(|t| t < FEVER_C - 1e-9)
            && !c.data.flu_like
            && !c.data.signs.very_unwell
    };
    let urgent: Vec<&CheckIn> = evidence.iter().copied().filter(|c| !side_effect(c)).collect();
    if urgent.is_empty() {
        return hit(evidence, words::chills_after_misoprostol(), Severity::Info);
    }
    let message = match urgent.iter().rev().find(|c| feverish(c)) {
        Some(c) => words::fever(c.data.temperature_c.unwrap_or(FEVER_C)),
        None => words::chills(),
    };
    hit(urgent, message, Severity::Urgent)
}

/// `fever-repeated`: 38.0 °C or more on [`FEVER_READINGS`] readings each at least [`FEVER_READINGS_APART`]
/// after the one before, within [`FEVER_REPEAT_WINDOW`], counting only readings more than
/// [`MISOPROSTOL_SIDE_EFFECTS`] after the loss and the last misoprostol dose; or a fever that began after a
/// misoprostol dose still there more than [`MISOPROSTOL_SIDE_EFFECTS`] after it (no reading under 38.0 °C
/// between). The newest reading within [`HOLD`].
pub(super) fn fever_repeated<'a>(view: &View<'a>) -> Evidence<'a> {
    let from = view.now - HOLD;
    let window = view.within(HOLD + FEVER_REPEAT_WINDOW);
    let counts = |c: &CheckIn| {
        let after_loss = view.since_loss(c.at).is_none_or(|d| d > MISOPROSTOL_SIDE_EFFECTS);
        after_loss && dose_within(view, c.at, MISOPROSTOL_SIDE_EFFECTS).is_none()
    };
    let readings: Vec<&CheckIn> = window.iter().copied().filter(|c| feverish(c) && counts(c)).collect();
    for (i, first) in readings.iter().enumerate() {
        let mut picked = vec![*first];
        for c in &readings[i + 1..] {
            let last = picked[picked.len() - 1];
            if c.at - first.at <= FEVER_REPEAT_WINDOW && c.at - last.at >= FEVER_READINGS_APART {
                picked.push(c);
            }
        }
        if picked.len() >= FEVER_READINGS && picked[picked.len() - 1].at >= from {
            let highest = picked.iter().filter_map(|c| c.data.temperature_c).fold(f64::MIN, f64::max);
            return hit(picked.clone(), words::fever_repeated(picked.len(), highest), Severity::Emergency);
        }
    }
    // A fever lasting more than 24 hours after misoprostol.
    let temps: Vec<&CheckIn> = window.iter().copied().filter(|c| c.data.temperature_c.is_some()).collect();
    for (j, late) in temps.iter().enumerate().filter(|(_, c)| feverish(c) && c.at >= from) {
        let Some((dose, _)) = view.misoprostol_before(late.at) else { continue };
        if late.at - dose <= MISOPROSTOL_SIDE_EFFECTS {
            continue;
        }
        let mut run: Vec<&CheckIn> = vec![late];
        for earlier in temps[..j].iter().rev() {
            if earlier.at < dose || !feverish(earlier) {
                break;
            }
            run.push(earlier);
        }
        if run.len() > 1 && run.iter().any(|c| c.at - dose <= MISOPROSTOL_SIDE_EFFECTS) {
            let highest = run.iter().filter_map(|c| c.data.temperature_c).fold(f64::MIN, f64::max);
            return hit(run, words::fever_after_misoprostol(highest), Severity::Emergency);
        }
    }
    None
}

/// `sepsis-signs`: at any temperature, a sepsis sign ([`sepsis_sign`]) logged in the last [`HOLD`].
pub(super) fn sepsis<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| sepsis_sign(c)).collect();
    let latest = evidence.last()?;
    let message = words::sepsis(&words::sepsis_signs(latest));
    hit(evidence, message, Severity::Emergency)
}

/// Feeling unwell the way `unwell-after-misoprostol` reads it: weak, sick, being sick, diarrhoea or very unwell.
pub(super) fn unwell(c: &CheckIn) -> bool {
    let s = &c.data.signs;
    s.weakness || s.nausea || s.vomiting || s.diarrhoea || s.very_unwell
}

/// `unwell-after-misoprostol`: weakness, nausea, vomiting, diarrhoea or feeling very unwell logged in the last
/// [`HOLD`], more than [`MISOPROSTOL_SIDE_EFFECTS`] and at most [`MISOPROSTOL_UNWELL_UNTIL`] after the latest
/// misoprostol dose before it, with or without fever or pain.
pub(super) fn unwell_after_misoprostol<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view
        .within(HOLD)
        .iter()
        .copied()
        .filter(|c| unwell(c))
        .filter(|c| {
            view.misoprostol_before(c.at)
                .is_some_and(|(t, _)| c.at - t > MISOPROSTOL_SIDE_EFFECTS && c.at - t <= MISOPROSTOL_UNWELL_UNTIL)
        })
        .collect();
    hit(evidence, words::unwell_after_misoprostol(), Severity::Urgent)
}

/// `vomiting`: in the last [`HOLD`], unable to keep fluids down, or vomiting at a check-in that also shows a
/// fever sign, pain (any lower tummy pain of 1/10 or more) or feeling very unwell: Urgent. Vomiting within
/// [`VOMIT_AFTER_DOSE`] after misoprostol taken by mouth: Contact the unit now (a repeat dose may be needed).
pub(super) fn vomiting<'a>(view: &View<'a>) -> Evidence<'a> {
    let recent = view.within(HOLD);
    let urgent: Vec<&CheckIn> = recent
        .iter()
        .copied()
        .filter(|c| {
            let s = &c.data.signs;
            s.unable_to_keep_fluids_down || (s.vomiting && (fever_sign(c) || present(lower(c)) || s.very_unwell))
        })
        .collect();
    if !urgent.is_empty() {
        return hit(urgent, words::vomiting(), Severity::Urgent);
    }
    let after_dose: Vec<&CheckIn> = recent
        .iter()
        .copied()
        .filter(|c| c.data.signs.vomiting)
        .filter(|c| dose_within(view, c.at, VOMIT_AFTER_DOSE).is_some_and(|(_, by_mouth)| by_mouth))
        .collect();
    hit(after_dose, words::vomiting_after_dose(), Severity::Contact)
}

/// `discharge-foul`: foul-smelling or pus-like discharge, any colour, logged in the last [`HOLD`].
pub(super) fn discharge_foul<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| discharge_sign(c)).collect();
    hit(evidence, words::discharge_foul(), Severity::Urgent)
}
