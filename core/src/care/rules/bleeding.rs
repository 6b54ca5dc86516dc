//! Bleeding red flags: `bleeding-soaking`, `bleeding-soaking-clots` and `bleeding-faint`. They look only at the
//! current bleeding episode ([`View::episode`]): from the last time bleeding counted as stopped until now, and
//! nothing once it has stopped. So one episode raises each alert once, and the alert clears when bleeding stops.
//! They read pads an hour and clots whether or not a bleeding level was given, and a check-in with pads or
//! clots shows bleeding by itself, so soaking logged after a stop starts a new episode they see.

use chrono::Duration;

use super::Evidence;
use crate::care::view::View;
use crate::care::words;
use crate::journal::{Bleeding, CheckIn, Clots};

/// Pads an hour that count as soaking.
pub const SOAKING_PADS: f64 = 2.0;
/// The longest gap between two soaking readings that still joins them into one run, when no lower reading
/// falls between them: people in the middle of heavy bleeding don't log every hour.
pub const SOAKING_RUN_GAP: Duration = Duration::hours(3);
/// How far apart a run's first and last readings must be: the first reading covers the hour before it, so
/// this makes two hours of soaking.
pub const SOAKING_SPAN: Duration = Duration::hours(1);
/// Pads an hour that, with large clots, are an emergency ("soaking a pad within an hour").
pub const CLOTS_PADS: f64 = 1.0;
/// Pads an hour that mean filling a pad within 15 minutes.
pub const FAST_PADS: f64 = 4.0;
/// How close in time heavy bleeding and feeling faint must be logged to count together.
pub const FAINT_NEAR: Duration = Duration::hours(1);
/// A bleeding level logged as this or heavier, with no pad count that says more, is taken as soaking at
/// least a pad an hour ([`CLOTS_PADS`]) for `bleeding-soaking-clots`. Mend's "heavy" is the same heavy
/// bleeding `bleeding-faint` treats as soaking 2 or more pads an hour, so heavy and very heavy both count
/// (Mend errs towards care).
pub const CLOTS_BLEEDING: Bleeding = Bleeding::Heavy;

const EPSILON: f64 = 1e-9;

fn at_least(value: Option<f64>, threshold: f64) -> bool {
    value.is_some_and(|v| v >= threshold - EPSILON)
}

/// `bleeding-soaking`: soaking 2 or more pads an hour for 2 hours or more in a row.
///
/// Interpretation (timestamps, not the order of entry): a check-in's pads-per-hour describes the hour before
/// it, and soaking is taken to go on between two soaking readings when nothing lower was logged between them.
/// Readings of [`SOAKING_PADS`] or more join into one run when each is no more than [`SOAKING_RUN_GAP`]
/// after the previous one and no reading below [`SOAKING_PADS`] falls between them; the run covers from an
/// hour before its first reading to its last, so it reaches two hours once its last reading is at least
/// [`SOAKING_SPAN`] after its first. Two check-ins an hour apart, each with 2 or more pads an hour, are two
/// hours of soaking (59 minutes apart is not yet); so are readings 90 minutes or 3 hours apart (3 hours and a
/// minute leaves a gap). A reading below 2 ends a run; check-ins that don't give pads per hour are passed over.
pub(super) fn soaking<'a>(view: &View<'a>) -> Evidence<'a> {
    let mut evidence: Vec<&CheckIn> = Vec::new();
    let mut run: Vec<&CheckIn> = Vec::new();
    let mut hours = 0;
    let mut min_pads = f64::MAX;
    let mut finish = |run: &mut Vec<&'a CheckIn>| {
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let span = last.at - first.at;
            if span >= SOAKING_SPAN {
                hours = (span + Duration::hours(1)).num_hours();
                min_pads = run.iter().filter_map(|c| c.data.pads_per_hour).fold(min_pads, f64::min);
                evidence.append(run);
            }
        }
        run.clear();
    };
    for checkin in view.episode.iter().filter(|c| c.data.pads_per_hour.is_some()) {
        if !at_least(checkin.data.pads_per_hour, SOAKING_PADS) {
            finish(&mut run);
            continue;
        }
        if run.last().is_some_and(|last| checkin.at - last.at > SOAKING_RUN_GAP) {
            finish(&mut run);
        }
        run.push(checkin);
    }
    finish(&mut run);
    (!evidence.is_empty()).then(|| (evidence, words::soaking(min_pads, hours)))
}

/// Soaking a pad within an hour: [`CLOTS_PADS`] or more pads an hour, or bleeding logged as
/// [`CLOTS_BLEEDING`] or heavier (Mend errs towards care when the level says more than the pad count).
fn soaking_a_pad(c: &CheckIn) -> bool {
    at_least(c.data.pads_per_hour, CLOTS_PADS) || c.data.bleeding.is_some_and(|b| b >= CLOTS_BLEEDING)
}

/// `bleeding-soaking-clots`: soaking a pad within an hour ([`CLOTS_PADS`] or more an hour, or heavy or very
/// heavy bleeding) with large clots, or filling a pad within 15 minutes ([`FAST_PADS`] or more an hour).
pub(super) fn soaking_clots<'a>(view: &View<'a>) -> Evidence<'a> {
    let fast = |c: &CheckIn| at_least(c.data.pads_per_hour, FAST_PADS);
    let shows = |c: &&CheckIn| (soaking_a_pad(c) && c.data.clots == Some(Clots::Large)) || fast(c);
    let evidence: Vec<&CheckIn> = view.episode.iter().copied().filter(shows).collect();
    let latest = evidence.last()?;
    let message = match (latest.data.pads_per_hour, latest.data.bleeding) {
        (Some(pads), _) if fast(latest) => words::soaking_fast(pads),
        (Some(pads), _) if pads >= CLOTS_PADS - EPSILON => words::soaking_clots(pads),
        (_, bleeding) => words::heavy_bleeding_clots(bleeding == Some(Bleeding::VeryHeavy)),
    };
    Some((evidence, message))
}

/// Heavy bleeding: logged as heavy or very heavy, or soaking [`SOAKING_PADS`] or more pads an hour.
fn heavy(c: &CheckIn) -> bool {
    c.data.bleeding.is_some_and(|b| b >= Bleeding::Heavy) || at_least(c.data.pads_per_hour, SOAKING_PADS)
}

/// `bleeding-faint`: heavy bleeding with feeling faint, dizzy or fainting — in the same check-in, or in
/// check-ins no more than [`FAINT_NEAR`] apart.
pub(super) fn faint<'a>(view: &View<'a>) -> Evidence<'a> {
    let mut evidence: Vec<&CheckIn> = Vec::new();
    let mut fainted = false;
    for f in view
        .episode
        .iter()
        .filter(|c| c.data.dizziness.is_some_and(|d| d != crate::journal::Dizziness::None) || c.data.fainted)
    {
        let near: Vec<&CheckIn> =
            view.episode.iter().copied().filter(|h| heavy(h) && (h.at - f.at).abs() <= FAINT_NEAR).collect();
        if !near.is_empty() {
            fainted |= f.data.fainted;
            evidence.push(f);
            evidence.extend(near);
        }
    }
    (!evidence.is_empty()).then(|| (evidence, words::bleeding_faint(fainted)))
}
