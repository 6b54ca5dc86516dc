//! Signs of infection: `fever` (one reading of 38.0 °C or more, or chills with a flu-like feeling),
//! `fever-repeated` (38.0 °C or more on more than one reading) and `discharge-foul`.

use chrono::Duration;

use super::{Evidence, HOLD};
use crate::care::view::View;
use crate::care::words;
use crate::journal::{CheckIn, Discharge};

/// A temperature of this much or more is a fever (100.4 °F).
pub const FEVER_C: f64 = 38.0;
/// `fever-repeated` counts readings within this window: more than one fever reading in the last 7 days.
pub const FEVER_REPEAT_WINDOW: Duration = Duration::days(7);

fn feverish(c: &CheckIn) -> bool {
    c.data.temperature_c.is_some_and(|t| t >= FEVER_C - 1e-9)
}

/// Whether a check-in shows a sign of fever: 38.0 °C or more, or chills with a flu-like feeling.
pub(crate) fn fever_sign(c: &CheckIn) -> bool {
    feverish(c) || (c.data.chills && c.data.flu_like)
}

/// Whether a check-in shows discharge that may mean infection.
pub(crate) fn discharge_sign(c: &CheckIn) -> bool {
    c.data.discharge == Some(Discharge::Foul)
}

/// `fever`: a sign of fever logged in the last [`HOLD`].
pub(super) fn fever<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| fever_sign(c)).collect();
    let message = match evidence.iter().rev().find(|c| feverish(c)) {
        Some(c) => words::fever(c.data.temperature_c.unwrap_or(FEVER_C)),
        None if !evidence.is_empty() => words::chills(),
        None => return None,
    };
    Some((evidence, message))
}

/// `fever-repeated`: two or more readings of 38.0 °C or more (separate check-ins) in the last
/// [`FEVER_REPEAT_WINDOW`], by timestamp.
pub(super) fn fever_repeated<'a>(view: &View<'a>) -> Evidence<'a> {
    let readings: Vec<&CheckIn> = view.within(FEVER_REPEAT_WINDOW).iter().copied().filter(|c| feverish(c)).collect();
    if readings.len() < 2 {
        return None;
    }
    let highest = readings.iter().filter_map(|c| c.data.temperature_c).fold(f64::MIN, f64::max);
    let message = words::fever_repeated(readings.len(), highest);
    Some((readings, message))
}

/// `discharge-foul`: green or yellow, pus-like or foul-smelling discharge logged in the last [`HOLD`].
pub(super) fn discharge_foul<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| discharge_sign(c)).collect();
    (!evidence.is_empty()).then(|| (evidence, words::discharge_foul()))
}
