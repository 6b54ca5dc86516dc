//! Guidance version 2's later weeks at their thresholds and just below, each scenario quoting its guidance
//! phrase: trying again after a molar pregnancy and methotrexate, sex while unresolved and the contraception
//! message when it opens, the activities inside `baths-swimming-tampons-sex`, and period starts counted (or
//! not yet) as the first period.

use chrono::Duration;

use super::support::*;
use crate::care::words;
use crate::care::{GateId, GateState, MarkerId, MarkerState, RuleId};
use crate::journal::{Activity, Bleeding, EventDetails, FollowUpEnd, LossKind, Management, Medicine};

/// Bleeding on days 0-4, none on days 5 and 6: bleeding has stopped, counted from day 5.
fn stopped(j: J) -> J {
    bleeding_days(bleeding_days(j, 0..=4, Bleeding::Light), [5, 6], Bleeding::None)
}

fn kind(mut j: J, kind: LossKind, management: Option<Management>) -> J {
    if let Some(loss) = j.loss.as_mut() {
        loss.kind = kind;
        loss.management = management;
    }
    j
}

fn resolved(j: J, n: i64) -> J {
    j.event(day(n), EventDetails::FollowUpEnded { reason: FollowUpEnd::HcgNormal })
}

fn methotrexate(j: J, n: i64) -> J {
    j.event(
        day(n),
        EventDetails::Medication {
            name: "methotrexate".into(),
            dose: None,
            medicine: Some(Medicine::Methotrexate),
            route: None,
        },
    )
}

fn period(j: J, n: i64) -> J {
    j.event(day(n), EventDetails::PeriodStart)
}

#[test]
fn trying_again_after_a_molar_pregnancy_waits_for_the_specialists_go_ahead() {
    // guidance: trying-again "Not ready after a molar pregnancy until the specialist's go-ahead is recorded"
    let molar = period(stopped(kind(J::first(), LossKind::Molar, Some(Management::Surgical))), 40);
    let gate = molar.gate(GateId::TryingAgain, day(41));
    assert_eq!(gate.state, GateState::NotYet);
    assert!(gate.reasons.contains(&words::REASON_MOLAR.to_owned()), "{:?}", gate.reasons);
    // Follow-up complete and a period counted after it, but no go-ahead yet: still not yet, for that reason only.
    let followed = period(resolved(molar.clone(), 45), 70);
    let gate = followed.gate(GateId::TryingAgain, day(71));
    assert_eq!((gate.state, gate.reasons.clone()), (GateState::NotYet, vec![words::REASON_MOLAR.to_owned()]));
    let go = followed.clone().event(day(71), EventDetails::GoAhead { activity: Activity::TryingAgain });
    assert_eq!(go.gate(GateId::TryingAgain, day(71) + Duration::minutes(1)).state, GateState::Ready);
    // A miscarriage with the same journal is not held back by it.
    let miscarriage = kind(followed, LossKind::Miscarriage, Some(Management::Surgical));
    assert_eq!(miscarriage.gate(GateId::TryingAgain, day(71)).state, GateState::Ready);
}

#[test]
fn trying_again_waits_three_months_after_methotrexate_counted_from_the_loss_time_without_a_dose() {
    // guidance: "not ready until 3 months after the last methotrexate dose (an ectopic managed medically was
    // treated with methotrexate: its last dose is the latest methotrexate medication event, else the loss time)"
    let ectopic = resolved(stopped(kind(J::first(), LossKind::Ectopic, Some(Management::Medical))), 30);
    let ectopic = period(ectopic, 50);
    let gate = ectopic.gate(GateId::TryingAgain, day(50));
    assert_eq!(gate.state, GateState::NotYet);
    // Loss on 1 May: 3 months later is 1 August (day 92).
    assert_eq!(gate.from, Some(date(92)));
    assert_eq!(gate.reasons, vec![words::reason_methotrexate(date(92))]);
    assert!(gate.reasons[0].contains("until 1 August"), "{:?}", gate.reasons);
    assert_eq!(ectopic.gate(GateId::TryingAgain, day(91)).state, GateState::NotYet, "31 July, just below");
    assert_eq!(ectopic.gate(GateId::TryingAgain, day(92)).state, GateState::Ready);
    // A logged dose on day 6 (the latest) moves it to 7 August.
    let dosed = methotrexate(methotrexate(ectopic, 1), 6);
    assert_eq!(dosed.gate(GateId::TryingAgain, day(97)).from, Some(date(98)));
    assert_eq!(dosed.gate(GateId::TryingAgain, day(98)).state, GateState::Ready);
}

#[test]
fn the_issues_two_journals_say_trying_again_not_yet_with_the_reason() {
    // A molar pregnancy with a period at day 40, and an ectopic pregnancy managed medically at day 50.
    let molar = period(stopped(kind(J::first(), LossKind::Molar, None)), 40);
    let gate = molar.gate(GateId::TryingAgain, day(40));
    assert_eq!(gate.state, GateState::NotYet);
    assert!(gate.reasons.iter().any(|r| r.starts_with("After a molar pregnancy")), "{:?}", gate.reasons);
    let ectopic = stopped(kind(J::first(), LossKind::Ectopic, Some(Management::Medical)));
    let gate = ectopic.gate(GateId::TryingAgain, day(50));
    assert_eq!(gate.state, GateState::NotYet);
    assert!(gate.reasons.iter().any(|r| r.starts_with("After methotrexate")), "{:?}", gate.reasons);
}

#[test]
fn sex_waits_while_unresolved_and_opens_with_the_contraception_message() {
    // guidance: baths-swimming-tampons-sex "for sex, not unresolved. When it opens: 'you can become pregnant
    // before your first period'; after a molar pregnancy or methotrexate, 'use contraception until your team
    // says otherwise'"
    let ectopic = stopped(kind(J::first(), LossKind::Ectopic, Some(Management::Expectant)));
    let gate = ectopic.gate(GateId::BathsSwimmingTamponsSex, day(10));
    assert_eq!(gate.state, GateState::ReadyWithLimits);
    let states: Vec<(Activity, GateState)> = gate.activities.iter().map(|a| (a.activity, a.state)).collect();
    assert_eq!(
        states,
        vec![
            (Activity::Baths, GateState::Ready),
            (Activity::Swimming, GateState::Ready),
            (Activity::Tampons, GateState::Ready),
            (Activity::Sex, GateState::NotYet),
        ]
    );
    assert_eq!(gate.activities[3].reasons, vec![words::REASON_SEX_UNRESOLVED.to_owned()]);
    assert_eq!((gate.note.as_ref(), gate.activities[3].note.as_ref()), (None, None));
    // Follow-up ends (discharge recorded): sex opens, with the plain message (expectant: no methotrexate).
    let ended = ectopic.event(day(12), EventDetails::FollowUpEnded { reason: FollowUpEnd::Discharged });
    let gate = ended.gate(GateId::BathsSwimmingTamponsSex, day(12) + Duration::minutes(1));
    assert_eq!((gate.state, gate.note.as_deref()), (GateState::Ready, Some(words::NOTE_SEX)));
    assert_eq!(gate.activities[3].note.as_deref(), Some(words::NOTE_SEX));
    assert!(gate.activities.iter().all(|a| a.state == GateState::Ready));
    // After methotrexate, or a molar pregnancy: contraception until the team says otherwise.
    let treated = methotrexate(ended.clone(), 3);
    let gate = treated.gate(GateId::BathsSwimmingTamponsSex, day(13));
    assert_eq!(gate.note.as_deref(), Some(words::NOTE_SEX_CONTRACEPTION));
    let molar = kind(ended, LossKind::Molar, Some(Management::Surgical));
    assert_eq!(
        molar.gate(GateId::BathsSwimmingTamponsSex, day(13)).note.as_deref(),
        Some(words::NOTE_SEX_CONTRACEPTION)
    );
    // A miscarriage: never unresolved, so sex opens with the others.
    let miscarriage = stopped(J::first()).gate(GateId::BathsSwimmingTamponsSex, day(7));
    assert_eq!((miscarriage.state, miscarriage.note.as_deref()), (GateState::Ready, Some(words::NOTE_SEX)));
}

#[test]
fn every_activity_waits_while_bleeding() {
    // guidance: baths-swimming-tampons-sex "bleeding has stopped"
    let bleeding = bleeding_days(J::first(), 0..=4, Bleeding::Spotting);
    let gate = bleeding.gate(GateId::BathsSwimmingTamponsSex, day(4));
    assert_eq!((gate.state, gate.limits.as_ref(), gate.note.as_ref()), (GateState::NotYet, None, None));
    assert_eq!(gate.activities.len(), 4);
    assert!(gate.activities.iter().all(|a| a.state == GateState::NotYet && a.reasons[0] == words::REASON_BLEEDING));
}

#[test]
fn a_period_three_weeks_after_bleeding_stopped_counts_and_never_re_closes_a_gate() {
    // guidance: "A 'period start' is accepted as the first period only 21 days or more after loss bleeding
    // ended ... Bleeding after an accepted period start is period bleeding: it never re-closes a gate"
    // Bleeding stopped from day 5; a period 25 days later (day 30), bleeding medium for four days.
    let j = bleeding_days(period(stopped(J::first()), 30), 30..=33, Bleeding::Medium);
    let a = j.at(day(32));
    for id in [GateId::MassageGeneral, GateId::MassageAbdominal, GateId::BathsSwimmingTamponsSex] {
        let gate = a.readiness.iter().find(|g| g.gate == id).unwrap();
        assert_eq!(gate.state, GateState::Ready, "{id}: {:?}", gate.reasons);
    }
    let first = a.markers.iter().find(|m| m.marker == MarkerId::FirstPeriod).unwrap();
    assert_eq!((first.state, first.met_on), (MarkerState::Met, Some(date(30))));
    assert_eq!(j.gate(GateId::TryingAgain, day(32)).state, GateState::Ready);
    // Threshold: 21 days after (day 26) counts; 20 days after (day 25) does not.
    let at_21 = bleeding_days(period(stopped(J::first()), 26), 26..=27, Bleeding::Medium);
    assert_eq!(at_21.gate(GateId::MassageGeneral, day(27)).state, GateState::Ready);
    let at_20 = bleeding_days(period(stopped(J::first()), 25), 25..=26, Bleeding::Medium);
    assert_eq!(at_20.gate(GateId::MassageGeneral, day(26)).state, GateState::NotYet);
}

#[test]
fn a_period_ten_days_after_bleeding_stopped_is_kept_but_not_counted_and_says_why() {
    // guidance: "accepted as the first period only 21 days or more after loss bleeding ended"
    let j = bleeding_days(period(stopped(J::first()), 15), 15..=17, Bleeding::Light);
    let a = j.at(day(17));
    let first = a.markers.iter().find(|m| m.marker == MarkerId::FirstPeriod).unwrap();
    assert_eq!(first.state, MarkerState::Pending);
    assert!(first.message.contains("less than 3 weeks after your bleeding stopped"), "{}", first.message);
    assert!(first.message.contains("A period start from 27 May counts"), "{}", first.message);
    let trying = j.gate(GateId::TryingAgain, day(17));
    assert_eq!(trying.state, GateState::NotYet);
    assert!(trying.reasons.iter().any(|r| r.contains("16 May is kept, but not counted as a period yet")));
    // Its bleeding is loss bleeding: the gates wait for it to stop.
    assert_eq!(j.gate(GateId::BathsSwimmingTamponsSex, day(17)).state, GateState::NotYet);
}

#[test]
fn a_period_while_unresolved_is_never_counted() {
    // guidance: "accepted as the first period ... and never while unresolved"
    let j = period(stopped(kind(J::first(), LossKind::UnknownLocation, None)), 40);
    let first = j.marker(MarkerId::FirstPeriod, day(41));
    assert_eq!(first.state, MarkerState::Pending);
    assert!(first.message.contains("still being followed up"), "{}", first.message);
    // Resolved after it: that period stays not counted; the next one counts.
    let later = period(resolved(j, 45), 60);
    assert_eq!(later.marker(MarkerId::FirstPeriod, day(61)).met_on, Some(date(60)));
}

#[test]
fn a_heavy_period_still_raises_the_bleeding_red_flags() {
    // guidance: "every red-flag bleeding rule still applies to it"; "logging 'my period started' never silences
    // them"
    let j = period(stopped(J::first()), 30).with(ci(day(31), |d| {
        d.bleeding = Some(Bleeding::VeryHeavy);
        d.pads_per_hour = Some(2.0);
    }));
    assert!(j.finding(RuleId::BleedingSoakingHour, day(31)).is_some());
    // Just below: one pad an hour in a single reading is not soaking two in an hour.
    let below = period(stopped(J::first()), 30).with(ci(day(31), |d| d.pads_per_hour = Some(1.0)));
    assert!(below.finding(RuleId::BleedingSoakingHour, day(31)).is_none());
}
