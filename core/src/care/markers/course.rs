//! Guidance version 2's new expected-by markers (shared/clinical/guidance.md, "Expected-by markers"):
//! `bleeding-returns` (nice-ng126, cork-cumh), `miso-no-bleeding` and `expectant-not-started` (nice-ng126) and
//! `hcg-follow-up` (cruk-molar, methotrexate-wait). Each gives `None` when it doesn't apply to this loss.

use chrono::{Duration, NaiveDate};

use super::super::view::View;
use super::super::words;
use super::{AfterLoss, Standing, after_loss};
use crate::care::codes::MarkerState;
use crate::journal::insights::{bleeding_episode, bleeding_stops, shows_bleeding};
use crate::journal::{Bleeding, CheckIn, Loss, LossKind, Management, RhD};

/// Anti-D matters most after a loss at this many weeks or later (or after surgery).
pub const ANTI_D_WEEKS: u8 = 12;

/// Misoprostol is followed by bleeding within about this long; none by then means a call.
pub const MISO_BLEEDING_WITHIN: Duration = Duration::hours(24);
/// Under expectant management the pregnancy passes within this many days.
pub const EXPECTANT_DAYS: i64 = 14;
/// Tissue passing after this many days after the loss means a call ("after day 14").
pub const PASSED_AFTER_DAY: i64 = 14;
/// A period lasting more than this many days means a call.
pub const PERIOD_LONG_DAYS: i64 = 7;

/// Loss kinds followed by blood hCG rather than a urine test (no `test-negative`).
pub fn follows_blood_hcg(kind: LossKind) -> bool {
    matches!(kind, LossKind::Ectopic | LossKind::UnknownLocation | LossKind::Molar)
}

/// The check-ins the engine holds (early weeks and recent past), each once, in timestamp order.
fn all_checkins<'a>(view: &View<'a>) -> Vec<&'a CheckIn> {
    let mut list: Vec<&CheckIn> = view.early.iter().chain(view.recent.iter()).copied().collect();
    list.sort_unstable_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
    list.dedup_by(|a, b| a.guid == b.guid);
    list
}

/// `bleeding-returns`: contact when bleeding comes back after it stopped and is not a period (before the first
/// period counted, while the bleeding that came back goes on); or when the latest counted period is very heavy
/// (very heavy bleeding or a pad or more an hour) or lasts more than 7 days; or when tissue passes after day 14.
pub(super) fn bleeding_returns(view: &View<'_>, first_period: Option<NaiveDate>) -> Standing {
    let loss_date = view.loss.map(|l| l.loss_date);
    let tissue = all_checkins(view).into_iter().find(|c| {
        c.data.signs.passed_not_a_clot && loss_date.is_some_and(|d| (c.day - d).num_days() > PASSED_AFTER_DAY)
    });
    if let Some(c) = tissue {
        let mut standing = Standing::new(MarkerState::Overdue, Some(c.day), Some(c.day));
        standing.message = Some(words::passed_after_day_14(c.day));
        return standing;
    }
    let latest_period = view.periods.iter().rev().find(|p| p.counted()).map(|p| p.day);
    if let Some(start) = latest_period {
        let during: Vec<&CheckIn> = all_checkins(view).into_iter().filter(|c| c.day >= start).collect();
        let stop = bleeding_stops(&during).first().copied();
        let heavy = during
            .iter()
            .filter(|c| stop.is_none_or(|s| c.day < s))
            .any(|c| c.data.bleeding == Some(Bleeding::VeryHeavy) || c.data.pads_per_hour.is_some_and(|p| p >= 1.0));
        let long = during.iter().any(|c| {
            shows_bleeding(*c) == Some(true)
                && c.day >= start + Duration::days(PERIOD_LONG_DAYS)
                && stop.is_none_or(|s| c.day < s)
        });
        let mut standing =
            Standing::new(if heavy || long { MarkerState::Overdue } else { MarkerState::Pending }, None, Some(start));
        if heavy || long {
            standing.message = Some(words::period_heavy_or_long(start));
        }
        return standing;
    }
    let before: Vec<&CheckIn> = view.early.iter().copied().filter(|c| first_period.is_none_or(|p| c.day < p)).collect();
    let first_bleeding = before.iter().filter(|c| shows_bleeding(**c) == Some(true)).map(|c| c.day).min();
    let stops: Vec<NaiveDate> =
        bleeding_stops(&before).into_iter().filter(|s| first_bleeding.is_none_or(|b| *s > b)).collect();
    let episode = bleeding_episode(&before);
    match (stops.last(), episode.has_stopped()) {
        (Some(stop), false) => {
            let back =
                before.iter().filter(|c| c.day > *stop && shows_bleeding(**c) == Some(true)).map(|c| c.day).min();
            Standing::new(MarkerState::Overdue, back, back)
        }
        _ => Standing::new(MarkerState::Pending, None, None),
    }
}

/// `miso-no-bleeding`: from the first misoprostol dose, met once bleeding is logged after it; contact when no
/// bleeding is logged 24 hours after it.
pub(super) fn miso_no_bleeding(view: &View<'_>) -> Option<Standing> {
    let (dose, _) = view.misoprostol().into_iter().min_by_key(|(at, _)| *at)?;
    let contact = dose + MISO_BLEEDING_WITHIN;
    let bled = all_checkins(view).into_iter().find(|c| c.at >= dose && shows_bleeding(*c) == Some(true));
    let contact_day = view.local_date(contact);
    let state = match bled {
        Some(_) => MarkerState::Met,
        None if view.now >= contact => MarkerState::Overdue,
        None => MarkerState::Pending,
    };
    let mut standing = Standing::new(state, Some(contact_day), bled.map(|c| c.day));
    standing.window = Some((view.local_date(dose), contact_day));
    Some(standing)
}

/// `expectant-not-started`: under expectant management of a miscarriage, met once bleeding or pain began (from
/// its first day); contact from day 14 when no bleeding or pain was logged, or when bleeding is still going on day
/// 14 or later, or the latest check-in from day 14 on shows lower tummy or pelvic pain.
pub(super) fn expectant_not_started(view: &View<'_>, loss: &Loss) -> Option<Standing> {
    if loss.management != Some(Management::Expectant) || follows_blood_hcg(loss.kind) {
        return None;
    }
    let contact = loss.loss_date + Duration::days(EXPECTANT_DAYS);
    let before: Vec<&CheckIn> =
        view.early.iter().copied().filter(|c| view.first_period().is_none_or(|p| c.day < p)).collect();
    let pain = |c: &CheckIn| c.data.pain.cramps.unwrap_or(0) > 0 || c.data.pain.pelvis.unwrap_or(0) > 0;
    let started = before.iter().find(|c| shows_bleeding(**c) == Some(true) || pain(c)).map(|c| c.day);
    let going = matches!(after_loss(view, view.first_period()), AfterLoss::Going { last } if last >= contact);
    let pain_going = before.iter().rev().find(|c| c.day >= contact).is_some_and(|c| pain(c));
    let (state, on) = match started {
        _ if going || pain_going => (MarkerState::Overdue, None),
        Some(day) => (MarkerState::Met, Some(day)),
        None if view.today >= contact => (MarkerState::Overdue, None),
        None => (MarkerState::Pending, None),
    };
    Some(Standing::new(state, Some(contact), on))
}

/// `anti-d` (Info, once at set-up): when the person's RhD status is negative or not known, to ask the unit
/// about anti-D (best within 72 hours; most of all at 12 weeks or later or after surgery). Never overdue; not
/// shown when RhD positive or not asked.
pub(super) fn anti_d(view: &View<'_>, loss: &Loss) -> Option<Standing> {
    let unknown = match view.rhd? {
        RhD::Negative => false,
        RhD::Unknown => true,
        RhD::Positive => return None,
    };
    let emphasis = loss.weeks >= ANTI_D_WEEKS || loss.management == Some(Management::Surgical);
    let mut standing = Standing::new(MarkerState::Pending, None, None);
    standing.message = Some(words::anti_d(unknown, emphasis));
    Some(standing)
}

/// `hcg-follow-up`: for a pregnancy that can be unresolved, pending while it is, met on the day follow-up ended
/// (hCG back to normal or discharge recorded).
pub(super) fn hcg_follow_up(view: &View<'_>, loss: &Loss) -> Option<Standing> {
    if !loss.may_be_unresolved() {
        return None;
    }
    if view.unresolved() {
        return Some(Standing::new(MarkerState::Pending, None, None));
    }
    let ended = crate::journal::periods::resolved_at(&view.events).map(|at| view.local_date(at));
    Some(Standing::new(MarkerState::Met, None, ended))
}
