//! Six-week journals through the real `Mend` (a temporary database), day by day as a person would live them:
//! the clock moves on each evening and check-ins are written through the journal, so alerts are evaluated
//! inside each write exactly as an app would see them.

use chrono::{DateTime, Duration, Utc};

use super::support::{date, day, loss_date};
use crate::care::{Alert, GateId, GateState, MarkerId, MarkerState, RuleId};
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{Bleeding, CheckInData, Clots, EventDetails, Feeling, NewEvent, TestResult};

fn evening(n: i64) -> DateTime<Utc> {
    day(n) + Duration::hours(9)
}

/// A journal at the end of the loss day, set up in Ireland with a loss at `weeks`.
fn journal(weeks: u8) -> TempMend {
    TempMend::with_loss(evening(0), loss_date(), weeks)
}

fn check_in(mend: &TempMend, at: DateTime<Utc>, edit: impl FnOnce(&mut CheckInData)) -> Vec<Alert> {
    mend.journal().add_checkin_with_alerts(checkin_at(at, edit)).expect("a valid check-in").1
}

fn event(mend: &TempMend, at: DateTime<Utc>, details: EventDetails) -> Vec<Alert> {
    let input = NewEvent { at: Some(at), time_zone: None, details, note: None };
    mend.journal().add_event_with_alerts(input).expect("a valid event").1
}

/// A first-trimester recovery that heals as expected, morning and evening check-ins.
fn healing_day(mend: &TempMend, n: i64) -> Vec<Alert> {
    let (bleeding, pads) = match n {
        0..=2 => (Bleeding::Medium, Some(1.0)),
        3..=6 => (Bleeding::Light, Some(0.5)),
        7..=9 => (Bleeding::Spotting, None),
        _ => (Bleeding::None, None),
    };
    let mut raised = Vec::new();
    for (at, extra_cramp) in [(day(n) - Duration::hours(4), 1), (day(n) + Duration::hours(8), 0)] {
        raised.extend(check_in(mend, at, |d| {
            d.bleeding = Some(bleeding);
            d.pads_per_hour = pads;
            d.clots = Some(if n == 0 { Clots::Small } else { Clots::None });
            d.pain.cramps = Some((6 - n).max(0) as u8 + extra_cramp);
            d.temperature_c = Some(if n == 2 { 37.4 } else { 36.8 });
            d.mood = Some((3 + n / 6).min(7) as u8);
            d.feelings = vec![Feeling::Grief, Feeling::Numbness];
            d.sleep_hours = Some(6.5);
            d.energy = Some(4);
        }));
    }
    raised
}

#[test]
fn a_first_trimester_loss_that_heals_normally_raises_nothing() {
    let mut mend = journal(9);
    for n in 0..42 {
        mend.reopen(evening(n));
        let raised = healing_day(&mend, n);
        match n {
            21 => {
                assert!(event(&mend, day(n), EventDetails::Test { result: TestResult::Negative, hcg: None }).is_empty())
            }
            34 => assert!(event(&mend, day(n), EventDetails::PeriodStart).is_empty()),
            _ => {}
        }
        assert!(raised.is_empty(), "day {n}: {raised:?}");
        assert!(mend.care().alerts(true).unwrap().is_empty(), "day {n}");
    }
    assert!(mend.care().alert_records().unwrap().is_empty(), "nothing was ever raised");
    let markers = mend.care().markers().unwrap();
    for m in &markers {
        // bleeding-returns has nothing to meet: it stays pending unless bleeding comes back.
        let expected = if m.marker == MarkerId::BleedingReturns { MarkerState::Pending } else { MarkerState::Met };
        assert_eq!(m.state, expected, "{}: {}", m.marker, m.message);
    }
    let stop = markers.iter().find(|m| m.marker == MarkerId::BleedingDuration).unwrap();
    assert_eq!(stop.met_on, Some(date(10)));
    for gate in mend.care().readiness().unwrap() {
        assert_eq!(gate.state, GateState::Ready, "{}: {:?}", gate.gate, gate.reasons);
    }
}

#[test]
fn a_second_trimester_loss_with_a_swollen_left_calf_on_day_10_raises_clot_leg() {
    let mut mend = journal(19);
    for n in 0..10 {
        mend.reopen(evening(n));
        let bleeding = if n < 8 { Bleeding::Light } else { Bleeding::None };
        assert!(check_in(&mend, day(n), |d| d.bleeding = Some(bleeding)).is_empty(), "day {n}");
    }
    event(&mend, day(8), EventDetails::GoAhead { activity: crate::journal::Activity::Massage });
    mend.reopen(evening(10));
    let raised = check_in(&mend, day(10), |d| {
        d.bleeding = Some(Bleeding::None);
        d.leg_left.swelling = true;
        d.pain.leg_left = Some(4);
    });
    assert_eq!(raised.iter().map(|a| a.rule).collect::<Vec<_>>(), vec![RuleId::ClotLeg]);
    let alert = &raised[0];
    assert!(
        alert.action.starts_with("Go to your nearest emergency department today, or call 112 or 999."),
        "{}",
        alert.action
    );
    // `phone` is the first entry's words: each number is its own entry ("112", then "999").
    assert_eq!(alert.phone, "112");
    assert_eq!(alert.phones.iter().map(|p| p.uri.as_str()).collect::<Vec<_>>(), ["tel:112", "tel:999"]);
    assert!(alert.message.starts_with("You logged swelling in your left leg."), "{}", alert.message);
    let deep = mend.care().gate(GateId::MassageDeepLeg).unwrap();
    assert_eq!(deep.state, GateState::NotInThisWindow);
    assert_eq!(deep.from, Some(date(84)), "the 12-week window outlasts the 14 days after the sign");
    assert_eq!(deep.reasons.len(), 3, "{:?}", deep.reasons);
    let general = mend.care().gate(GateId::MassageGeneral).unwrap();
    assert_eq!(general.state, GateState::NotYet);
    assert!(general.reasons.iter().any(|r| r.contains("signs of a clot in the leg")), "{:?}", general.reasons);
    // Past its 48 hours the alert stays open until a check-in shows the leg settled.
    mend.reopen(evening(13));
    assert_eq!(mend.care().alerts(true).unwrap().len(), 1);
    assert_eq!(mend.care().gate(GateId::MassageGeneral).unwrap().state, GateState::NotYet);
    // guidance: "An alert stays open until a check-in at least 12 hours later shows none of its signs"
    check_in(&mend, evening(13), |d| d.answered = vec!["body".into()]);
    // Once the alert has passed, general massage opens; deep leg massage stays closed.
    assert!(mend.care().alerts(true).unwrap().is_empty());
    assert_eq!(mend.care().gate(GateId::MassageGeneral).unwrap().state, GateState::Ready);
    assert_eq!(mend.care().gate(GateId::MassageDeepLeg).unwrap().state, GateState::NotInThisWindow);
}

#[test]
fn a_temperature_of_37_9_then_38_0_raises_fever_on_the_second() {
    let mut mend = journal(8);
    mend.reopen(evening(4));
    assert!(check_in(&mend, day(4), |d| d.temperature_c = Some(37.9)).is_empty());
    let raised = check_in(&mend, day(4) + Duration::hours(3), |d| d.temperature_c = Some(38.0));
    assert_eq!(raised.iter().map(|a| a.rule).collect::<Vec<_>>(), vec![RuleId::Fever]);
    assert!(raised[0].message.starts_with("Your temperature was 38.0 °C."));
    assert_eq!(mend.care().alerts(false).unwrap().len(), 1);
}

#[test]
fn bleeding_into_day_15_makes_bleeding_duration_overdue() {
    let mut mend = journal(10);
    for n in 0..=15 {
        mend.reopen(evening(n));
        check_in(&mend, day(n), |d| d.bleeding = Some(if n < 12 { Bleeding::Light } else { Bleeding::Spotting }));
        let state = mend.care().markers().unwrap()[0].state;
        assert_eq!(state, if n < 15 { MarkerState::Pending } else { MarkerState::Overdue }, "day {n}");
    }
    let today = mend.today_dashboard().unwrap();
    assert_eq!(today.markers[0].marker, MarkerId::BleedingDuration);
    assert_eq!(today.markers[0].state, MarkerState::Overdue);
}

#[test]
fn a_positive_test_three_weeks_after_the_loss_makes_test_negative_overdue() {
    // guidance: test-negative "the test 3 weeks after is still positive"
    let mut mend = journal(7);
    for n in 0..=11 {
        mend.reopen(evening(n));
        check_in(&mend, day(n), |d| d.bleeding = Some(if n < 10 { Bleeding::Light } else { Bleeding::None }));
    }
    mend.reopen(evening(24));
    event(&mend, day(24), EventDetails::Test { result: TestResult::Positive, hcg: None });
    let markers = mend.care().markers().unwrap();
    let test = markers.iter().find(|m| m.marker == MarkerId::TestNegative).unwrap();
    assert_eq!((test.state, test.contact_by), (MarkerState::Overdue, Some(date(21))));
}
