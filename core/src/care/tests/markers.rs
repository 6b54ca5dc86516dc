//! Expected-by markers at their "contact if not by" points: pending just before, overdue at, met once the
//! journal shows it; with their windows and dates.

use super::support::*;
use crate::care::{MarkerId, MarkerState};
use crate::journal::{Bleeding, EventDetails, TestResult};

#[test]
fn bleeding_duration_is_overdue_only_when_still_bleeding_more_than_14_days_after() {
    let to_14 = bleeding_days(J::first(), 0..=14, Bleeding::Light);
    let m = to_14.marker(MarkerId::BleedingDuration, day(14));
    assert_eq!(m.state, MarkerState::Pending);
    assert_eq!((m.expected_from, m.expected_to, m.contact_by), (Some(date(7)), Some(date(10)), Some(date(15))));
    // Not yet known on day 15 without a check-in: left pending, never guessed overdue.
    assert_eq!(to_14.marker(MarkerId::BleedingDuration, day(15)).state, MarkerState::Pending);
    let to_15 = bleeding_days(J::first(), 0..=15, Bleeding::Spotting);
    assert_eq!(to_15.marker(MarkerId::BleedingDuration, day(15)).state, MarkerState::Overdue);
    let stopped = bleeding_days(to_14, [15, 16], Bleeding::None);
    let m = stopped.marker(MarkerId::BleedingDuration, day(16));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(15))));
    // guidance: "Bleeding after an accepted period start is period bleeding: it never ... re-opens
    // `bleeding-duration`". A period start 21 days after bleeding stopped (day 36) is accepted and doesn't undo it.
    let period = bleeding_days(stopped.clone(), 36..=39, Bleeding::Medium).event(day(36), EventDetails::PeriodStart);
    let m = period.marker(MarkerId::BleedingDuration, day(39));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(15))));
    // One logged a day sooner (day 35, just below) is not counted yet: the bleeding is read as loss bleeding.
    let early = bleeding_days(stopped.clone(), 35..=38, Bleeding::Medium).event(day(35), EventDetails::PeriodStart);
    assert_eq!(early.marker(MarkerId::BleedingDuration, day(38)).state, MarkerState::Overdue);
    // Bleeding that comes back with no period logged is bleeding more than 14 days after the loss.
    let unlabelled = bleeding_days(stopped, 30..=33, Bleeding::Medium);
    let m = unlabelled.marker(MarkerId::BleedingDuration, day(33));
    assert_eq!((m.state, m.met_on), (MarkerState::Overdue, None));
    assert!(m.message.contains("log the day it started as a period start"), "{}", m.message);
}

/// The reviewer's journal: bleeding on days 2 to 5, none on days 6 and 7, then light bleeding from day 8.
fn stopped_then_bleeding_again(to: i64) -> J {
    let j = bleeding_days(bleeding_days(J::first(), 2..=5, Bleeding::Light), [6, 7], Bleeding::None);
    bleeding_days(j, 8..=to, Bleeding::Light)
}

#[test]
fn bleeding_that_came_back_after_a_stop_is_overdue_from_day_15_not_met() {
    let stopped = bleeding_days(bleeding_days(J::first(), 2..=5, Bleeding::Light), [6, 7], Bleeding::None);
    let m = stopped.marker(MarkerId::BleedingDuration, day(7));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(6))));
    // Came back on day 8: no longer met; pending through day 14 (just below), overdue from day 15.
    let m = stopped_then_bleeding_again(14).marker(MarkerId::BleedingDuration, day(14));
    assert_eq!((m.state, m.met_on), (MarkerState::Pending, None));
    assert!(!m.message.contains("stopped"), "{}", m.message);
    let m = stopped_then_bleeding_again(15).marker(MarkerId::BleedingDuration, day(15));
    assert_eq!(m.state, MarkerState::Overdue);
    let m = stopped_then_bleeding_again(21).marker(MarkerId::BleedingDuration, day(21));
    assert_eq!((m.state, m.met_on), (MarkerState::Overdue, None));
    assert!(m.message.starts_with("You're still bleeding more than 14 days after your loss."), "{}", m.message);
    // One day without bleeding is not a stop: still overdue. Two are: met again, from the new stop.
    let one_none = bleeding_days(stopped_then_bleeding_again(21), [22], Bleeding::None);
    assert_eq!(one_none.marker(MarkerId::BleedingDuration, day(22)).state, MarkerState::Overdue);
    let two_none = bleeding_days(stopped_then_bleeding_again(21), [22, 23], Bleeding::None);
    let m = two_none.marker(MarkerId::BleedingDuration, day(23));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(22))));
    // Came back but stopped again before day 15: met.
    let brief = bleeding_days(stopped_then_bleeding_again(10), [11, 12], Bleeding::None);
    let m = brief.marker(MarkerId::BleedingDuration, day(16));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(11))));
}

#[test]
fn pads_logged_without_a_bleeding_level_keep_bleeding_duration_from_being_met() {
    let stopped = bleeding_days(bleeding_days(J::first(), 2..=5, Bleeding::Light), [6, 7], Bleeding::None);
    let pads = |j: J, n: i64| j.with(ci(day(n), |d| d.pads_per_hour = Some(0.5)));
    let m = pads(stopped.clone(), 15).marker(MarkerId::BleedingDuration, day(15));
    assert_eq!(m.state, MarkerState::Overdue);
    let m = pads(stopped, 14).marker(MarkerId::BleedingDuration, day(15));
    assert_eq!(m.state, MarkerState::Pending, "came back on day 14 (just below), nothing logged since");
}

#[test]
fn a_period_start_logged_while_bleeding_counts_from_that_day() {
    // Bleeding stopped on day 10, came back on day 31 (21 days on) and the person logged it as their first period.
    let j = bleeding_days(bleeding_days(J::first(), 0..=9, Bleeding::Light), [10, 11], Bleeding::None);
    let j = bleeding_days(j, 31..=35, Bleeding::Medium).event(day(31), EventDetails::PeriodStart);
    let m = j.marker(MarkerId::BleedingDuration, day(35));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(10))));
    // Logged from the next day only: the day before it is bleeding after the loss, more than 14 days on.
    let j = bleeding_days(bleeding_days(J::first(), 0..=9, Bleeding::Light), [10, 11], Bleeding::None);
    let j = bleeding_days(j, 31..=35, Bleeding::Medium).event(day(32), EventDetails::PeriodStart);
    assert_eq!(j.marker(MarkerId::BleedingDuration, day(35)).state, MarkerState::Overdue);
}

#[test]
fn none_logged_before_the_bleeding_began_is_not_a_stop() {
    let j = bleeding_days(bleeding_days(J::first(), [0, 1], Bleeding::None), 2..=16, Bleeding::Light);
    assert_eq!(j.marker(MarkerId::BleedingDuration, day(16)).state, MarkerState::Overdue);
}

fn stopped_on_day_10() -> J {
    bleeding_days(bleeding_days(J::first(), 0..=9, Bleeding::Medium), [10, 11], Bleeding::None)
}

fn test(result: TestResult, hcg: Option<f64>) -> EventDetails {
    EventDetails::Test { result, hcg }
}

#[test]
fn test_negative_is_overdue_when_still_positive_three_weeks_after_the_loss() {
    // guidance: test-negative "a urine pregnancy test 3 weeks after the loss is negative ... the test 3 weeks
    // after is still positive (Mend reminds the person to do it)"
    let j = stopped_on_day_10();
    let pending = j.marker(MarkerId::TestNegative, day(20));
    assert_eq!((pending.state, pending.contact_by), (MarkerState::Pending, Some(date(21))));
    assert_eq!((pending.expected_from, pending.expected_to), (Some(date(21)), Some(date(21))));
    assert!(pending.message.contains("Mend will remind you"), "{}", pending.message);
    let day_20 = j.clone().event(day(20), test(TestResult::Positive, None));
    assert_eq!(day_20.marker(MarkerId::TestNegative, day(20)).state, MarkerState::Pending, "just below");
    let day_21 = j.clone().event(day(21), test(TestResult::Faint, None));
    let overdue = day_21.marker(MarkerId::TestNegative, day(21));
    assert_eq!((overdue.state, overdue.met_on), (MarkerState::Overdue, None));
    assert!(overdue.message.contains("still positive on 22 May, 3 weeks after your loss"), "{}", overdue.message);
    let negative = day_21.event(day(27), test(TestResult::Negative, None));
    let met = negative.marker(MarkerId::TestNegative, day(27));
    assert_eq!((met.state, met.met_on), (MarkerState::Met, Some(date(27))));
    // The reminder: from day 21 with no test since, the message asks for the test.
    assert_eq!(j.marker(MarkerId::TestNegative, day(21)).message, crate::care::words::TEST_REMINDER);
    assert_ne!(j.marker(MarkerId::TestNegative, day(20)).message, crate::care::words::TEST_REMINDER);
    // A positive test the day before is not the one 3 weeks after: Mend still reminds.
    assert_eq!(day_20.marker(MarkerId::TestNegative, day(21)).message, crate::care::words::TEST_REMINDER);
    // Bleeding that stopped on day 5: 2 weeks after it (day 19) comes sooner and wins (the stricter threshold).
    let early = bleeding_days(bleeding_days(J::first(), 0..=4, Bleeding::Light), [5, 6], Bleeding::None);
    assert_eq!(early.marker(MarkerId::TestNegative, day(8)).contact_by, Some(date(19)));
}

#[test]
fn test_negative_is_not_for_pregnancies_followed_by_blood_hcg() {
    // guidance: test-negative "(not for ectopic, unknown-location or molar: those follow blood hCG)"
    for kind in
        [crate::journal::LossKind::Ectopic, crate::journal::LossKind::UnknownLocation, crate::journal::LossKind::Molar]
    {
        let mut j = stopped_on_day_10();
        j.loss.as_mut().unwrap().kind = kind;
        assert!(j.at(day(25)).markers.iter().all(|m| m.marker != MarkerId::TestNegative), "{kind}");
    }
    assert!(stopped_on_day_10().at(day(25)).markers.iter().any(|m| m.marker == MarkerId::TestNegative));
}

#[test]
fn hcg_normal_is_informational_and_met_below_5() {
    let j = J::first().event(day(30), test(TestResult::Faint, Some(5.0)));
    let m = j.marker(MarkerId::HcgNormal, day(60));
    assert_eq!((m.state, m.contact_by), (MarkerState::Pending, None), "never overdue");
    let j = J::first().event(day(30), test(TestResult::Faint, Some(4.9)));
    assert_eq!(j.marker(MarkerId::HcgNormal, day(30)).state, MarkerState::Met);
    let j = J::first().event(day(30), test(TestResult::Negative, None));
    assert_eq!(j.marker(MarkerId::HcgNormal, day(30)).met_on, Some(date(30)));
}

#[test]
fn first_period_is_overdue_eight_weeks_after_the_loss() {
    // guidance: first-period "no period 8 weeks after the loss"
    let j = J::first();
    let m = j.marker(MarkerId::FirstPeriod, day(55));
    assert_eq!((m.state, m.contact_by), (MarkerState::Pending, Some(date(56))));
    assert_eq!((m.expected_from, m.expected_to), (Some(date(28)), Some(date(42))));
    assert_eq!(j.marker(MarkerId::FirstPeriod, day(56)).state, MarkerState::Overdue);
    let period = j.event(day(36), EventDetails::PeriodStart);
    let m = period.marker(MarkerId::FirstPeriod, day(90));
    assert_eq!((m.state, m.met_on), (MarkerState::Met, Some(date(36))));
}

#[test]
fn no_loss_no_markers() {
    let j = J { loss: None, checkins: Vec::new(), events: Vec::new(), mood_screens: false };
    assert!(j.at(day(5)).markers.is_empty());
}
