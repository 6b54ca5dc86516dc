//! Guidance version 2's new expected-by markers at their thresholds and just below, each scenario quoting its
//! guidance phrase: `bleeding-returns`, `miso-no-bleeding`, `expectant-not-started` and `hcg-follow-up`.

use chrono::Duration;

use super::support::*;
use crate::care::{MarkerId, MarkerState};
use crate::journal::{Bleeding, EventDetails, FollowUpEnd, LossKind, Management, Medicine, TestResult};

fn has(j: &J, id: MarkerId, n: i64) -> bool {
    j.at(day(n)).markers.iter().any(|m| m.marker == id)
}

/// Bleeding on days 0-4, none on days 5 and 6 (stopped from day 5).
fn stopped() -> J {
    bleeding_days(bleeding_days(J::first(), 0..=4, Bleeding::Light), [5, 6], Bleeding::None)
}

#[test]
fn bleeding_returns_when_bleeding_comes_back_after_it_stopped_and_is_not_a_period() {
    // guidance: bleeding-returns "bleeding comes back after it stopped and is not a period"
    let m = stopped().marker(MarkerId::BleedingReturns, day(8));
    assert_eq!((m.state, m.contact_by, m.expected_from), (MarkerState::Pending, None, None));
    let back = bleeding_days(stopped(), [9], Bleeding::Spotting);
    let m = back.marker(MarkerId::BleedingReturns, day(9));
    assert_eq!((m.state, m.contact_by), (MarkerState::Overdue, Some(date(9))));
    assert!(m.message.starts_with("Bleeding came back on 10 May after it had stopped."), "{}", m.message);
    // Just below: one day without bleeding before it is not a stop, so nothing came back.
    let one_none = bleeding_days(
        bleeding_days(bleeding_days(J::first(), 0..=4, Bleeding::Light), [5], Bleeding::None),
        [6],
        Bleeding::Light,
    );
    assert_eq!(one_none.marker(MarkerId::BleedingReturns, day(6)).state, MarkerState::Pending);
    // Stopped again: no longer a call.
    let settled = bleeding_days(back, [10, 11], Bleeding::None);
    assert_eq!(settled.marker(MarkerId::BleedingReturns, day(11)).state, MarkerState::Pending);
}

#[test]
fn bleeding_returns_when_a_period_is_very_heavy_or_lasts_more_than_seven_days() {
    // guidance: bleeding-returns "a 'period' heavier or longer (more than 7 days) than usual"
    let period = |j: J| j.event(day(30), EventDetails::PeriodStart);
    // Bleeding on days 30-36 (7 days): not more than 7.
    let seven = period(bleeding_days(stopped(), 30..=36, Bleeding::Medium));
    assert_eq!(seven.marker(MarkerId::BleedingReturns, day(36)).state, MarkerState::Pending);
    // Still bleeding on day 37, the eighth day: a call.
    let eight = period(bleeding_days(stopped(), 30..=37, Bleeding::Medium));
    let m = eight.marker(MarkerId::BleedingReturns, day(37));
    assert_eq!(m.state, MarkerState::Overdue);
    assert!(m.message.contains("The period that started on 31 May"), "{}", m.message);
    // Very heavy on its first day: a call; heavy is not (a heavy period is usual for many).
    let very_heavy = period(bleeding_days(stopped(), [30], Bleeding::VeryHeavy));
    assert_eq!(very_heavy.marker(MarkerId::BleedingReturns, day(30)).state, MarkerState::Overdue);
    let heavy = period(bleeding_days(stopped(), [30], Bleeding::Heavy));
    assert_eq!(heavy.marker(MarkerId::BleedingReturns, day(30)).state, MarkerState::Pending);
}

fn miso(j: J, at: chrono::DateTime<chrono::Utc>) -> J {
    j.event(
        at,
        EventDetails::Medication {
            name: "misoprostol".into(),
            dose: None,
            medicine: Some(Medicine::Misoprostol),
            route: None,
        },
    )
}

#[test]
fn miso_no_bleeding_is_a_call_24_hours_after_the_dose_without_bleeding() {
    // guidance: miso-no-bleeding "no bleeding 24 hours after the dose"
    let dose = day(0);
    let j = miso(J::first(), dose).with(ci(dose + Duration::hours(6), |d| d.bleeding = Some(Bleeding::None)));
    assert!(!has(&J::first(), MarkerId::MisoNoBleeding, 1), "no dose, no marker");
    let m = j.marker(MarkerId::MisoNoBleeding, dose + Duration::hours(24) - Duration::minutes(1));
    assert_eq!((m.state, m.contact_by), (MarkerState::Pending, Some(date(1))));
    assert_eq!((m.expected_from, m.expected_to), (Some(date(0)), Some(date(1))));
    let m = j.marker(MarkerId::MisoNoBleeding, dose + Duration::hours(24));
    assert_eq!(m.state, MarkerState::Overdue);
    // Bleeding logged after the dose: met.
    let bled = j.with(ci(dose + Duration::hours(30), |d| d.bleeding = Some(Bleeding::Medium)));
    let m = bled.marker(MarkerId::MisoNoBleeding, dose + Duration::hours(31));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(1))));
}

#[test]
fn expectant_not_started_is_a_call_at_day_14_without_bleeding_or_with_bleeding_still_going() {
    // guidance: expectant-not-started "no bleeding or pain by day 14, or bleeding or pain still going or getting
    // worse at day 14"
    let quiet = J::first().with(ci(day(2), |d| d.bleeding = Some(Bleeding::None)));
    let m = quiet.marker(MarkerId::ExpectantNotStarted, day(13));
    assert_eq!((m.state, m.contact_by), (MarkerState::Pending, Some(date(14))));
    assert_eq!(quiet.marker(MarkerId::ExpectantNotStarted, day(14)).state, MarkerState::Overdue);
    // Bleeding began (and stopped): met, from the day it began.
    let m = stopped().marker(MarkerId::ExpectantNotStarted, day(14));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(0))));
    // Cramps alone on day 3 are a start too.
    let cramps = J::first().with(ci(day(3), |d| d.pain.cramps = Some(4)));
    assert_eq!(cramps.marker(MarkerId::ExpectantNotStarted, day(14)).met_on, Some(date(3)));
    // Bleeding from day 0 still going on day 13: met; logged on day 14 and still going: a call.
    let to_13 = bleeding_days(J::first(), 0..=13, Bleeding::Light);
    assert_eq!(to_13.marker(MarkerId::ExpectantNotStarted, day(13)).state, MarkerState::Met);
    let to_14 = bleeding_days(J::first(), 0..=14, Bleeding::Light);
    assert_eq!(to_14.marker(MarkerId::ExpectantNotStarted, day(14)).state, MarkerState::Overdue);
    // Only under expectant management of a miscarriage.
    let mut medical = stopped();
    medical.loss.as_mut().unwrap().management = Some(Management::Medical);
    assert!(!has(&medical, MarkerId::ExpectantNotStarted, 14));
    let mut ectopic = stopped();
    ectopic.loss.as_mut().unwrap().kind = LossKind::Ectopic;
    assert!(!has(&ectopic, MarkerId::ExpectantNotStarted, 14));
}

#[test]
fn hcg_follow_up_is_shown_while_unresolved_and_met_when_follow_up_ends() {
    // guidance: hcg-follow-up "unresolved pregnancies: hCG follow-up with the unit or specialist centre until it
    // says follow-up is complete ... shown while unresolved"
    let mut j = stopped();
    assert!(!has(&j, MarkerId::HcgFollowUp, 10), "a miscarriage is never unresolved");
    j.loss.as_mut().unwrap().kind = LossKind::Molar;
    let m = j.marker(MarkerId::HcgFollowUp, day(10));
    assert_eq!((m.state, m.contact_by), (MarkerState::Pending, None));
    let ended = j.clone().event(day(40), EventDetails::FollowUpEnded { reason: FollowUpEnd::Discharged });
    let m = ended.marker(MarkerId::HcgFollowUp, day(41));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(40))));
    // A blood test at the non-pregnant level (below 5 IU/L) ends it too; 5.0 (just at it) does not.
    let at_5 = j.clone().event(day(40), EventDetails::Test { result: TestResult::Faint, hcg: Some(5.0) });
    assert_eq!(at_5.marker(MarkerId::HcgFollowUp, day(41)).state, MarkerState::Pending);
    let below = j.event(day(40), EventDetails::Test { result: TestResult::Negative, hcg: Some(4.9) });
    assert_eq!(below.marker(MarkerId::HcgFollowUp, day(41)).state, MarkerState::Met);
}

fn markers_with(j: &J, rhd: Option<crate::journal::RhD>, n: i64) -> Vec<crate::care::Marker> {
    crate::care::assess(&crate::care::CareInput { mood_screens: false, rhd, ..j.input(day(n)) }).markers
}

#[test]
fn anti_d_is_said_when_rhd_negative_or_not_known() {
    // guidance: anti-d "Info, once at set-up: if RhD-negative, ask the unit about anti-D (best within 72 hours),
    // especially at 12 weeks or later or after surgery; practice differs by country"
    use crate::journal::RhD;
    let anti_d = |j: &J, rhd| markers_with(j, rhd, 1).into_iter().find(|m| m.marker == MarkerId::AntiD);
    let m = anti_d(&J::first(), Some(RhD::Negative)).expect("RhD negative");
    assert_eq!((m.state, m.contact_by), (MarkerState::Pending, None), "informational, never overdue");
    assert_eq!((m.expected_from, m.expected_to), (Some(date(0)), Some(date(3))));
    assert!(m.message.starts_with("As your blood group is RhD negative"), "{}", m.message);
    assert!(m.message.contains("It matters most after a loss at 12 weeks or later"), "{}", m.message);
    // At 12 weeks (11 just below) the message says it is usually offered; after surgery too.
    let at_12 = anti_d(&J::weeks(12), Some(RhD::Negative)).unwrap();
    assert!(at_12.message.contains("it is usually offered"), "{}", at_12.message);
    assert!(!anti_d(&J::weeks(11), Some(RhD::Negative)).unwrap().message.contains("usually offered"));
    let mut surgical = J::first();
    surgical.loss.as_mut().unwrap().management = Some(Management::Surgical);
    assert!(anti_d(&surgical, Some(RhD::Negative)).unwrap().message.contains("usually offered"));
    assert!(anti_d(&J::first(), Some(RhD::Unknown)).unwrap().message.starts_with("If you don't know your blood group"));
    assert!(anti_d(&J::first(), Some(RhD::Positive)).is_none());
    assert!(anti_d(&J::first(), None).is_none(), "not asked: not said");
}

#[test]
fn bleeding_returns_when_tissue_passes_after_day_14() {
    // guidance: bleeding-returns "or tissue passes after day 14"
    let on = |n: i64| stopped().with(ci(day(n), |d| d.signs.passed_not_a_clot = true));
    assert_eq!(on(14).marker(MarkerId::BleedingReturns, day(14)).state, MarkerState::Pending, "day 14");
    let m = on(15).marker(MarkerId::BleedingReturns, day(15));
    assert_eq!((m.state, m.contact_by), (MarkerState::Overdue, Some(date(15))));
    assert!(m.message.contains("more than 2 weeks after your loss"), "{}", m.message);
}
