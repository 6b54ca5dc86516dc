//! Mood red flags: `mood-crisis` (thoughts of harming oneself, or feeling unable to keep oneself safe: always
//! show crisis lines) and `mood-low-long` (very low mood on at least half of the days with a mood reading, over
//! 14 days or more, with at least 5 such days: the depression-screening window).

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::{Evidence, HOLD, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::CheckIn;

/// A mood of this much (out of 10) or less is very low.
pub const MOOD_LOW_MAX: u8 = 2;
/// The window: the 14 local days ending today.
pub const MOOD_WINDOW_DAYS: i64 = 14;
/// At least this many very low days in the window (and at least half of the days with a mood reading).
pub const MOOD_LOW_MIN_DAYS: usize = 5;

/// Whether a mood score is very low ([`MOOD_LOW_MAX`] or less).
pub(super) fn very_low(mood: u8) -> bool {
    mood <= MOOD_LOW_MAX
}

/// How many very low days `mood-low-long`'s evidence covers (its evidence is the very low readings of the very
/// low days): the finding's level, so an acknowledged alert comes back when more days are very low.
pub(super) fn low_days(evidence: &[&CheckIn]) -> f64 {
    let mut days: Vec<NaiveDate> = evidence.iter().map(|c| c.day).collect();
    days.sort_unstable();
    days.dedup();
    days.len() as f64
}

/// `mood-crisis`: thoughts of suicide or of harming oneself, or feeling unable to keep oneself safe, logged in
/// the last [`HOLD`].
pub(super) fn crisis<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> = view
        .within(HOLD)
        .iter()
        .copied()
        .filter(|c| c.data.self_harm_thoughts || c.data.signs.unable_to_keep_safe)
        .collect();
    hit(evidence, words::mood_crisis(), Severity::Emergency)
}

/// `mood-low-long`: over the [`MOOD_WINDOW_DAYS`] local days ending today, very low mood on most days: a day is
/// very low when its mood readings average [`MOOD_LOW_MAX`] or less, and very low days must be at least half
/// of the days with a reading and at least [`MOOD_LOW_MIN_DAYS`]. The window must be covered: Mend needs a mood
/// reading on or before its first day, so two weeks have really passed.
pub(super) fn low_long<'a>(view: &View<'a>) -> Evidence<'a> {
    let first_day = view.today - Duration::days(MOOD_WINDOW_DAYS - 1);
    let with_mood = || view.recent.iter().copied().filter(|c| c.data.mood.is_some());
    if !with_mood().any(|c| c.day <= first_day) {
        return None;
    }
    let mut days: BTreeMap<NaiveDate, Vec<&CheckIn>> = BTreeMap::new();
    for c in with_mood().filter(|c| c.day >= first_day && c.day <= view.today) {
        days.entry(c.day).or_default().push(c);
    }
    let low: Vec<&Vec<&CheckIn>> = days
        .values()
        .filter(|list| {
            let sum: u32 = list.iter().filter_map(|c| c.data.mood).map(u32::from).sum();
            sum <= u32::from(MOOD_LOW_MAX) * list.len() as u32
        })
        .collect();
    if low.len() < MOOD_LOW_MIN_DAYS || low.len() * 2 < days.len() {
        return None;
    }
    let evidence: Vec<&CheckIn> =
        low.iter().flat_map(|list| list.iter().copied().filter(|c| c.data.mood <= Some(MOOD_LOW_MAX))).collect();
    hit(evidence, words::mood_low_long(low.len()), Severity::Contact)
}
