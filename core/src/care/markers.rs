//! Expected-by markers ("contact if not by"): for each, the window in which it normally happens, the date
//! from which not having happened means "contact a clinician", and where it stands (pending, met, overdue),
//! from the journal. Overdue needs the journal to show it (still bleeding, still positive, no period yet); a
//! marker Mend can't see is left pending. Guidance version 2's new markers are in [`course`].

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::codes::{MarkerId, MarkerState};
use super::view::View;
use super::words;

mod course;
use crate::journal::CheckIn;
use crate::journal::insights::{bleeding_episode, bleeding_stops, shows_bleeding};
use crate::journal::{EventDetails, TestResult};

/// A marker as apps show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Marker {
    pub marker: MarkerId,
    /// Its name in a few words ("Bleeding settling").
    pub title: String,
    pub state: MarkerState,
    /// When it normally happens, from and to (inclusive).
    pub expected_from: Option<NaiveDate>,
    pub expected_to: Option<NaiveDate>,
    /// From this date, not having happened means contacting a clinician; `None` when it can't be known yet
    /// or the marker is informational.
    pub contact_by: Option<NaiveDate>,
    /// When it happened, once met.
    pub met_on: Option<NaiveDate>,
    /// What Mend says about it now.
    pub message: String,
    pub sources: Vec<String>,
}

/// A marker's guidance: its id, sources and usual window (days after the loss).
#[derive(Debug, Clone, Copy)]
pub struct MarkerInfo {
    pub id: MarkerId,
    pub sources: &'static [&'static str],
    /// Normally happens between these many days after the loss (inclusive); `None` when it has no usual
    /// window after the loss (`bleeding-returns`, `hcg-follow-up`; `miso-no-bleeding` counts from the dose).
    pub expected_days: Option<(i64, i64)>,
}

/// Every marker, in the guidance's order.
pub static ALL: &[MarkerInfo] = &[
    MarkerInfo {
        id: MarkerId::BleedingDuration,
        sources: &["hse-recovery", "cork-cumh"],
        expected_days: Some((7, 10)),
    },
    MarkerInfo { id: MarkerId::BleedingReturns, sources: &["nice-ng126", "cork-cumh"], expected_days: None },
    MarkerInfo { id: MarkerId::TestNegative, sources: &["nice-ng126", "hse-recovery"], expected_days: Some((21, 21)) },
    MarkerInfo { id: MarkerId::MisoNoBleeding, sources: &["nice-ng126"], expected_days: None },
    MarkerInfo { id: MarkerId::ExpectantNotStarted, sources: &["nice-ng126"], expected_days: Some((0, 14)) },
    MarkerInfo { id: MarkerId::HcgNormal, sources: &["nice-ng126"], expected_days: Some((28, 42)) },
    MarkerInfo { id: MarkerId::HcgFollowUp, sources: &["cruk-molar", "methotrexate-wait"], expected_days: None },
    MarkerInfo {
        id: MarkerId::FirstPeriod,
        sources: &["nz-miscarriage-matters", "hse-recovery", "cork-cumh"],
        expected_days: Some((28, 42)),
    },
    MarkerInfo { id: MarkerId::AntiD, sources: &["nice-ng126"], expected_days: Some((0, 3)) },
];

/// Still bleeding on this day after the loss or later means contacting a clinician ("more than 14 days").
pub const BLEEDING_CONTACT_DAY: i64 = 15;
/// A positive urine test this many days after the loss or later means contacting a clinician (nice-ng126: "a
/// urine pregnancy test 3 weeks after"); Mend reminds the person to take it from then.
pub const TEST_DAY: i64 = 21;
/// …or this many days after bleeding stopped, if that is sooner (HSE's 2 weeks: the stricter threshold wins).
pub const TEST_CONTACT_DAYS_AFTER_STOP: i64 = 14;
/// No period by this day after the loss (8 weeks) means contacting a clinician.
pub const PERIOD_CONTACT_DAY: i64 = 56;
/// hCG below this (IU/L) is a non-pregnant level.
pub const HCG_NON_PREGNANT: f64 = crate::journal::periods::HCG_NON_PREGNANT;

/// The guidance for a marker.
pub fn info(id: MarkerId) -> &'static MarkerInfo {
    ALL.iter().find(|m| m.id == id).expect("every marker id has its guidance")
}

/// Where a marker stands: its state, its "contact if not by" date, the day the journal showed that state (met,
/// or for a test, still positive), and its usual window where it counts from something other than the loss.
pub(crate) struct Standing {
    pub state: MarkerState,
    pub contact_by: Option<NaiveDate>,
    pub on: Option<NaiveDate>,
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// A message other than the state's usual one.
    pub message: Option<String>,
}

impl Standing {
    pub fn new(state: MarkerState, contact_by: Option<NaiveDate>, on: Option<NaiveDate>) -> Standing {
        Standing { state, contact_by, on, window: None, message: None }
    }
}

/// Every marker for the current loss (none without one); a marker that doesn't apply to this loss is left out
/// (`test-negative` after an ectopic, unknown-location or molar pregnancy; `miso-no-bleeding` without a dose;
/// `expectant-not-started` unless managed expectantly; `hcg-follow-up` unless the pregnancy can be unresolved).
pub(crate) fn markers(view: &View<'_>) -> Vec<Marker> {
    let Some(loss) = view.loss else { return Vec::new() };
    let day = |n: i64| loss.loss_date + Duration::days(n);
    // When the bleeding after the loss first stopped (ignoring "none" days logged before any bleeding).
    let first_bleeding = view.early.iter().filter(|c| shows_bleeding(**c) == Some(true)).map(|c| c.day).min();
    let first_stop = bleeding_stops(&view.early).into_iter().find(|s| first_bleeding.is_none_or(|b| *s > b));
    let tests: Vec<(NaiveDate, TestResult, Option<f64>)> = view
        .events
        .iter()
        .filter_map(|e| match e.details {
            EventDetails::Test { result, hcg } => Some((e.day, result, hcg)),
            _ => None,
        })
        .collect();
    let latest_test = tests.last().copied();
    // The first period start counted as a period (21 days or more after loss bleeding ended, not while
    // unresolved): one logged earlier is kept but not counted.
    let first_period = view.first_period();
    let bleeding = after_loss(view, first_period);

    ALL.iter()
        .filter_map(|m| {
            let standing = match m.id {
                MarkerId::BleedingDuration => {
                    let contact = day(BLEEDING_CONTACT_DAY);
                    Standing::new(
                        match bleeding {
                            AfterLoss::Stopped(_) => MarkerState::Met,
                            AfterLoss::Going { last } if last >= contact => MarkerState::Overdue,
                            AfterLoss::Going { .. } | AfterLoss::NotYet => MarkerState::Pending,
                        },
                        Some(contact),
                        match bleeding {
                            AfterLoss::Stopped(on) => Some(on),
                            _ => None,
                        },
                    )
                }
                MarkerId::BleedingReturns => course::bleeding_returns(view, first_period),
                MarkerId::TestNegative => {
                    if view.loss.is_some_and(|l| course::follows_blood_hcg(l.kind)) {
                        return None;
                    }
                    let after_stop = first_stop.map(|s| s + Duration::days(TEST_CONTACT_DAYS_AFTER_STOP));
                    let contact = after_stop.map_or(day(TEST_DAY), |s| s.min(day(TEST_DAY)));
                    match latest_test {
                        Some((on, TestResult::Negative, _)) => Standing::new(MarkerState::Met, Some(contact), Some(on)),
                        Some((on, _, _)) if on >= contact => {
                            Standing::new(MarkerState::Overdue, Some(contact), Some(on))
                        }
                        latest => {
                            let mut s = Standing::new(MarkerState::Pending, Some(contact), None);
                            // Mend reminds the person to do it: from the contact day, with no test since.
                            if view.today >= contact && latest.is_none_or(|(on, _, _)| on < contact) {
                                s.message = Some(words::TEST_REMINDER.to_owned());
                            }
                            s
                        }
                    }
                }
                MarkerId::MisoNoBleeding => course::miso_no_bleeding(view)?,
                MarkerId::ExpectantNotStarted => course::expectant_not_started(view, loss)?,
                MarkerId::HcgNormal => match latest_test {
                    Some((on, result, hcg))
                        if result == TestResult::Negative || hcg.is_some_and(|h| h < HCG_NON_PREGNANT) =>
                    {
                        Standing::new(MarkerState::Met, None, Some(on))
                    }
                    _ => Standing::new(MarkerState::Pending, None, None),
                },
                MarkerId::HcgFollowUp => course::hcg_follow_up(view, loss)?,
                MarkerId::AntiD => course::anti_d(view, loss)?,
                MarkerId::FirstPeriod => {
                    let contact = day(PERIOD_CONTACT_DAY);
                    match first_period {
                        Some(on) => Standing::new(MarkerState::Met, Some(contact), Some(on)),
                        None if view.today >= contact => Standing::new(MarkerState::Overdue, Some(contact), None),
                        None => Standing::new(MarkerState::Pending, Some(contact), None),
                    }
                }
            };
            let window = standing.window.or(m.expected_days.map(|(from, to)| (day(from), day(to))));
            let Standing { state, contact_by, on, .. } = standing;
            Some(Marker {
                marker: m.id,
                title: words::marker_title(m.id).to_owned(),
                state,
                expected_from: window.map(|w| w.0),
                expected_to: window.map(|w| w.1),
                contact_by,
                met_on: on.filter(|_| state == MarkerState::Met),
                message: standing.message.unwrap_or_else(|| message(view, m.id, state, contact_by, on)),
                sources: m.sources.iter().map(|s| (*s).to_owned()).collect(),
            })
        })
        .collect()
}

/// What a marker says; while no period start is counted, `first-period` also says why the latest one logged
/// isn't counted yet.
fn message(
    view: &View<'_>,
    id: MarkerId,
    state: MarkerState,
    contact_by: Option<NaiveDate>,
    on: Option<NaiveDate>,
) -> String {
    let text = words::marker(id, state, contact_by, on);
    let not_counted = view.periods.iter().rev().find_map(|p| p.not_counted.map(|why| (p.day, why)));
    match not_counted {
        Some((day, why)) if id == MarkerId::FirstPeriod && state != MarkerState::Met => {
            format!("{text} {}", words::period_not_counted(day, why))
        }
        _ => text,
    }
}

/// Where the bleeding after the loss stands for `bleeding-duration`, by the guidance's definition of "bleeding
/// has stopped", over the early check-ins before the first period (bleeding from the day a period start is
/// logged is that period, not the loss).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterLoss {
    /// No bleeding logged yet.
    NotYet,
    /// Bleeding has stopped (and not come back since), counted from this day.
    Stopped(NaiveDate),
    /// Bleeding is going on (or came back after a stop); `last` is the latest day with bleeding.
    Going { last: NaiveDate },
}

fn after_loss(view: &View<'_>, first_period: Option<NaiveDate>) -> AfterLoss {
    let before_period: Vec<&CheckIn> =
        view.early.iter().copied().filter(|c| first_period.is_none_or(|p| c.day < p)).collect();
    let episode = bleeding_episode(&before_period);
    match (episode.last_day, episode.stopped_on) {
        (None, _) => AfterLoss::NotYet,
        (Some(_), Some(on)) => AfterLoss::Stopped(on),
        (Some(last), None) => AfterLoss::Going { last },
    }
}
