//! Bleeding red flags: `bleeding-soaking`, `bleeding-soaking-hour` and `bleeding-soaking-clots`. They look only
//! at the current bleeding episode ([`View::episode`]): from the last time bleeding counted as stopped until
//! now, and nothing once it has stopped. So one episode raises each alert once, and the alert clears when
//! bleeding stops. They read pads an hour and clots whatever the bleeding is called (a period too).

use chrono::Duration;

use super::signs::at_least;
use super::{Evidence, hit};
use crate::care::codes::Severity;
use crate::care::view::View;
use crate::care::words;
use crate::journal::{Bleeding, CheckIn, Clots};

/// Pads an hour that count as soaking (`bleeding-soaking`: 1 or more an hour for 2 hours).
pub const SOAKING_PADS: f64 = 1.0;
/// "Soaking for 2 hours or more" said at one check-in.
pub const SOAKING_HOURS: f64 = 2.0;
/// The longest gap between two soaking readings that still joins them into one run, when no lower reading
/// falls between them: people in the middle of heavy bleeding don't log every hour.
pub const SOAKING_RUN_GAP: Duration = Duration::hours(3);
/// How far apart a run's first and last readings must be: the first reading covers the hour before it, so
/// this makes two hours of soaking.
pub const SOAKING_SPAN: Duration = Duration::hours(1);
/// Pads soaked within one hour, in a single reading, for `bleeding-soaking-hour`.
pub const HOUR_PADS: f64 = 2.0;
/// Pads an hour that, with large clots, are an emergency ("soaking a pad within an hour").
pub const CLOTS_PADS: f64 = 1.0;
/// A bleeding level logged as this or heavier, with no pad count that says more, is taken as soaking at least
/// a pad an hour ([`CLOTS_PADS`]) with large clots (Mend errs towards care).
pub const CLOTS_BLEEDING: Bleeding = Bleeding::Heavy;
/// Pads an hour that mean soaking through a pad within 15 minutes.
pub const FAST_PADS: f64 = 4.0;
/// Two readings of [`FAST_PADS`] at least this far apart (and no more than [`SOAKING_RUN_GAP`]).
pub const FAST_READINGS_APART: Duration = Duration::minutes(15);

/// `bleeding-soaking`: soaking [`SOAKING_PADS`] or more pads an hour for 2 hours or more: readings spanning 2
/// hours, or one check-in saying it has gone on for [`SOAKING_HOURS`] or more.
///
/// A check-in's pads an hour describes the hour before it, and soaking is taken to go on between two soaking
/// readings when nothing lower was logged between them. Readings of [`SOAKING_PADS`] or more join into one run
/// when each is no more than [`SOAKING_RUN_GAP`] after the previous one and no lower reading falls between them;
/// the run covers from an hour before its first reading to its last, so it reaches two hours once its last
/// reading is at least [`SOAKING_SPAN`] after its first.
pub(super) fn soaking<'a>(view: &View<'a>) -> Evidence<'a> {
    let mut evidence: Vec<&CheckIn> = Vec::new();
    let mut run: Vec<&CheckIn> = Vec::new();
    let mut hours = 0.0_f64;
    let mut min_pads = f64::MAX;
    let mut finish = |run: &mut Vec<&'a CheckIn>| {
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let span = last.at - first.at;
            if span >= SOAKING_SPAN {
                hours = hours.max((span + Duration::hours(1)).num_minutes() as f64 / 60.0);
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
    for c in view.episode.iter().copied() {
        if at_least(c.data.pads_per_hour, SOAKING_PADS) && at_least(c.data.signs.soaking_hours, SOAKING_HOURS) {
            hours = hours.max(c.data.signs.soaking_hours.unwrap_or(SOAKING_HOURS));
            min_pads = min_pads.min(c.data.pads_per_hour.unwrap_or(SOAKING_PADS));
            evidence.push(c);
        }
    }
    let message = words::soaking(min_pads, hours);
    hit(evidence, message, Severity::Urgent)
}

/// `bleeding-soaking-hour`: [`HOUR_PADS`] or more pads soaked within one hour, in a single reading.
pub(super) fn soaking_hour<'a>(view: &View<'a>) -> Evidence<'a> {
    let evidence: Vec<&CheckIn> =
        view.episode.iter().copied().filter(|c| at_least(c.data.pads_per_hour, HOUR_PADS)).collect();
    let most = evidence.iter().filter_map(|c| c.data.pads_per_hour).fold(HOUR_PADS, f64::max);
    hit(evidence, words::soaking_hour(most), Severity::Urgent)
}

/// Soaking a pad within an hour: [`CLOTS_PADS`] or more pads an hour, or bleeding logged as
/// [`CLOTS_BLEEDING`] or heavier.
fn soaking_a_pad(c: &CheckIn) -> bool {
    at_least(c.data.pads_per_hour, CLOTS_PADS) || c.data.bleeding.is_some_and(|b| b >= CLOTS_BLEEDING)
}

fn fast(c: &CheckIn) -> bool {
    at_least(c.data.pads_per_hour, FAST_PADS)
}

/// `bleeding-soaking-clots`: large (golf-ball) clots while soaking a pad within an hour; or soaking through a pad
/// within 15 minutes ([`FAST_PADS`] an hour) on two readings [`FAST_READINGS_APART`] to [`SOAKING_RUN_GAP`]
/// apart, or at one reading that says it has gone on for over an hour.
pub(super) fn soaking_clots<'a>(view: &View<'a>) -> Evidence<'a> {
    let clots: Vec<&CheckIn> =
        view.episode.iter().copied().filter(|c| soaking_a_pad(c) && c.data.clots == Some(Clots::Large)).collect();
    let fast_list: Vec<&CheckIn> = view.episode.iter().copied().filter(|c| fast(c)).collect();
    let mut fast_evidence: Vec<&CheckIn> = Vec::new();
    for (i, a) in fast_list.iter().enumerate() {
        if a.data.signs.soaking_hours.is_some_and(|h| h > 1.0) {
            fast_evidence.push(a);
        }
        for b in &fast_list[i + 1..] {
            let apart = b.at - a.at;
            if apart >= FAST_READINGS_APART && apart <= SOAKING_RUN_GAP {
                fast_evidence.extend([*a, *b]);
            }
        }
    }
    let message = match (fast_evidence.last(), clots.last()) {
        (Some(c), _) => words::soaking_fast(c.data.pads_per_hour.unwrap_or(FAST_PADS)),
        (None, Some(c)) => match c.data.pads_per_hour.filter(|p| *p >= CLOTS_PADS) {
            Some(pads) => words::soaking_clots(pads),
            None => words::heavy_bleeding_clots(c.data.bleeding == Some(Bleeding::VeryHeavy)),
        },
        (None, None) => return None,
    };
    let mut evidence = clots;
    evidence.extend(fast_evidence);
    hit(evidence, message, Severity::Emergency)
}
