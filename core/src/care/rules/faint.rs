//! Fainting and dizziness: `bleeding-faint` (with heavy bleeding), `fainted` (any faint, by when and with what)
//! and `dizzy-bleeding` (dizziness or light-headedness that lasts, comes back, or comes with other signs).

use chrono::Duration;

use super::signs::{
    bleeding, chest, dizzy, heavy, lower, more_than_spotting, one_side, pairs, present, shoulder, soaking, very_dizzy,
};
use super::{Evidence, HOLD, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::{Bleeding, CheckIn};

/// Fainting (or dizziness) and heavy bleeding combine when logged no more than this apart.
pub const FAINT_HEAVY_WINDOW: Duration = Duration::hours(24);
/// Dizziness that does not pass combines with soaking or very heavy bleeding within this (an emergency).
pub const VERY_DIZZY_WINDOW: Duration = Duration::hours(6);
/// A faint this many days or fewer after the loss is an emergency.
pub const FAINT_EARLY_DAYS: i64 = 14;
/// Any other faint this many days (12 weeks) or fewer after the loss needs care today.
pub const FAINT_LATE_DAYS: i64 = 84;
/// Signs that make a faint or dizziness more urgent count when logged within this of it.
pub const FAINT_SIGNS_WINDOW: Duration = Duration::hours(24);
/// Dizziness "comes back": logged at two check-ins at least this far apart, within [`FAINT_SIGNS_WINDOW`].
pub const DIZZY_AGAIN_APART: Duration = Duration::hours(1);

fn fainted_at(c: &CheckIn) -> bool {
    c.data.fainted
}

/// `bleeding-faint`: fainting with heavy bleeding within [`FAINT_HEAVY_WINDOW`], or dizziness that does not pass
/// with soaking or very heavy bleeding within [`VERY_DIZZY_WINDOW`]: Emergency. Any dizziness with heavy
/// bleeding within [`FAINT_HEAVY_WINDOW`]: Urgent.
pub(super) fn bleeding_faint<'a>(view: &View<'a>) -> Evidence<'a> {
    let very_heavy = |c: &CheckIn| soaking(c) || c.data.bleeding == Some(Bleeding::VeryHeavy);
    let fainting = pairs(view, FAINT_HEAVY_WINDOW, fainted_at, heavy);
    let very = pairs(view, VERY_DIZZY_WINDOW, very_dizzy, very_heavy);
    if !fainting.is_empty() || !very.is_empty() {
        let message = words::bleeding_faint(!fainting.is_empty());
        return hit([fainting, very].concat(), message, Severity::Emergency);
    }
    let dizziness = pairs(view, FAINT_HEAVY_WINDOW, dizzy, heavy);
    hit(dizziness, words::bleeding_dizzy(), Severity::Urgent)
}

/// `fainted`: a faint logged in the last [`HOLD`]. Emergency within [`FAINT_EARLY_DAYS`] of the loss, with
/// bleeding or tummy or shoulder pain within [`FAINT_SIGNS_WINDOW`], while unresolved, or with not coming round
/// within a minute, chest pain, a racing heart, a fit or fainting while lying down. Any other faint within
/// [`FAINT_LATE_DAYS`] of the loss (or with no loss recorded): Urgent.
pub(super) fn fainted<'a>(view: &View<'a>) -> Evidence<'a> {
    let faints: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| fainted_at(c)).collect();
    let mut evidence: Vec<&CheckIn> = Vec::new();
    let mut worst: Option<Severity> = None;
    let mut reasons: Vec<String> = Vec::new();
    for f in faints {
        let since = view.since_loss(f.at);
        let with: Vec<&CheckIn> = view
            .within(HOLD + FAINT_SIGNS_WINDOW)
            .iter()
            .copied()
            .filter(|c| (c.at - f.at).abs() <= FAINT_SIGNS_WINDOW)
            .filter(|c| bleeding(c) || present(lower(c)) || shoulder(c))
            .collect();
        let s = &f.data.signs;
        let mut why: Vec<String> = Vec::new();
        if since.is_some_and(|d| d <= Duration::days(FAINT_EARLY_DAYS)) {
            why.push(words::FAINT_SOON.to_owned());
        }
        if !with.is_empty() {
            why.push(words::FAINT_WITH_SIGNS.to_owned());
        }
        if view.unresolved() {
            why.push(words::FAINT_UNRESOLVED.to_owned());
        }
        for (on, text) in [
            (s.came_round_within_a_minute == Some(false), "not coming round within a minute"),
            (chest(f), "chest pain"),
            (s.heart_racing, "a racing or irregular heartbeat"),
            (s.fit, "a fit"),
            (s.fainted_lying_down, "fainting while lying down"),
        ] {
            if on {
                why.push(text.to_owned());
            }
        }
        let severity = if !why.is_empty() {
            Severity::Emergency
        } else if since.is_none_or(|d| d <= Duration::days(FAINT_LATE_DAYS)) {
            Severity::Urgent
        } else {
            continue;
        };
        worst = Some(worst.map_or(severity, |w| w.min(severity)));
        reasons.extend(why);
        evidence.push(f);
        evidence.extend(with);
    }
    reasons.sort_unstable();
    reasons.dedup();
    hit(evidence, words::fainted(&reasons), worst?)
}

/// `dizzy-bleeding`: dizziness or light-headedness in the last [`HOLD`]. Urgent when it lasts, comes back (two
/// check-ins at least [`DIZZY_AGAIN_APART`] apart within [`FAINT_SIGNS_WINDOW`]), comes with bleeding heavier
/// than spotting, a racing heart, breathlessness, or one-sided or shoulder pain within [`FAINT_SIGNS_WINDOW`], or
/// while unresolved. Otherwise (brief, with spotting only or no bleeding): Info.
pub(super) fn dizzy_bleeding<'a>(view: &View<'a>) -> Evidence<'a> {
    let recent: Vec<&CheckIn> = view.within(HOLD).iter().copied().filter(|c| dizzy(c)).collect();
    if recent.is_empty() {
        return None;
    }
    let lasting: Vec<&CheckIn> = recent.iter().copied().filter(|c| very_dizzy(c)).collect();
    let again = pairs(view, FAINT_SIGNS_WINDOW, dizzy, dizzy)
        .into_iter()
        .filter(|a| {
            view.within(HOLD + FAINT_SIGNS_WINDOW).iter().any(|b| {
                dizzy(b) && (b.at - a.at).abs() >= DIZZY_AGAIN_APART && (b.at - a.at).abs() <= FAINT_SIGNS_WINDOW
            })
        })
        .collect::<Vec<_>>();
    let companion = |c: &CheckIn| {
        more_than_spotting(c) || c.data.signs.heart_racing || c.data.breathless || present(one_side(c)) || shoulder(c)
    };
    let with = pairs(view, FAINT_SIGNS_WINDOW, dizzy, companion);
    let unresolved = view.unresolved();
    let urgent = [lasting.clone(), again.clone(), with.clone()].concat();
    if !urgent.is_empty() || unresolved {
        let message = words::dizzy(!lasting.is_empty(), !again.is_empty(), !with.is_empty(), unresolved);
        return hit([recent, urgent].concat(), message, Severity::Urgent);
    }
    hit(recent, words::dizzy_brief(), Severity::Info)
}
