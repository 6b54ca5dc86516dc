//! Readiness gates at their boundaries: bleeding stopped, 7 days after a later loss and the clinician's
//! go-ahead, open red flags, 7 days after a sign of infection, the 12-week and 14-day deep-leg windows.

use chrono::Duration;

use super::support::*;
use crate::care::{GateId, GateState};
use crate::journal::{Activity, Bleeding, EventDetails};

fn stopped(j: J) -> J {
    bleeding_days(bleeding_days(j, 0..=4, Bleeding::Light), [5, 6], Bleeding::None)
}

fn go_ahead(j: J) -> J {
    j.event(day(3), EventDetails::GoAhead { activity: Activity::Massage })
}

#[test]
fn massage_general_after_a_first_trimester_loss_waits_for_bleeding_to_stop() {
    let one_none = bleeding_days(bleeding_days(J::first(), 0..=4, Bleeding::Light), [5], Bleeding::None);
    let gate = one_none.gate(GateId::MassageGeneral, day(5));
    assert_eq!(gate.state, GateState::NotYet);
    assert_eq!(
        gate.reasons,
        vec!["Bleeding hasn't stopped yet (Mend counts it as stopped after two days in a row with none logged)."]
    );
    assert_eq!((gate.from, gate.opens.as_deref()), (None, Some("once bleeding has stopped")));
    let gate = stopped(J::first()).gate(GateId::MassageGeneral, day(6));
    assert_eq!((gate.state, gate.reasons.len(), gate.from), (GateState::Ready, 0, None));
}

#[test]
fn massage_general_after_a_later_loss_needs_seven_days_and_a_go_ahead() {
    let later = || stopped(J::weeks(16));
    let gate = go_ahead(later()).gate(GateId::MassageGeneral, day(6));
    assert_eq!((gate.state, gate.from), (GateState::NotYet, Some(date(7))));
    assert_eq!(gate.opens.as_deref(), Some("from 8 May"));
    assert_eq!(go_ahead(later()).gate(GateId::MassageGeneral, day(7)).state, GateState::Ready);
    let no_go_ahead = later().gate(GateId::MassageGeneral, day(7));
    assert_eq!(no_go_ahead.state, GateState::NotYet);
    assert!(no_go_ahead.reasons[0].contains("record their go-ahead"), "{:?}", no_go_ahead.reasons);
    // Not stopped yet, on day 3: the date and the condition.
    let early = go_ahead(bleeding_days(J::weeks(20), 0..=3, Bleeding::Light)).gate(GateId::MassageGeneral, day(3));
    assert_eq!(early.opens.as_deref(), Some("from 8 May, if bleeding has stopped"));
}

#[test]
fn an_open_red_flag_holds_massage_and_exercise() {
    let flagged = stopped(J::first()).with(ci(day(6), |d| d.temperature_c = Some(38.2)));
    for gate in [GateId::MassageGeneral, GateId::ExerciseGentle] {
        let g = flagged.gate(gate, day(6));
        assert_eq!(g.state, GateState::NotYet, "{gate}");
        assert!(g.reasons.iter().any(|r| r.contains("open alert (a high temperature or chills)")), "{:?}", g.reasons);
    }
    assert_eq!(stopped(J::first()).gate(GateId::ExerciseGentle, day(6)).state, GateState::Ready);
}

#[test]
fn abdominal_massage_waits_seven_days_after_a_sign_of_infection() {
    let fever_at = day(6) - Duration::hours(12);
    let j = stopped(J::first()).with(ci(fever_at, |d| d.temperature_c = Some(38.0)));
    let seven = fever_at + Duration::days(7);
    let gate = j.gate(GateId::MassageAbdominal, seven);
    assert_eq!((gate.state, gate.from), (GateState::NotYet, Some(date(13))));
    assert_eq!(gate.reasons.len(), 1, "the fever alert itself has cleared: {:?}", gate.reasons);
    assert_eq!(j.gate(GateId::MassageGeneral, seven).state, GateState::Ready);
    assert_eq!(j.gate(GateId::MassageAbdominal, seven + Duration::minutes(1)).state, GateState::Ready);
}

#[test]
fn deep_leg_massage_is_closed_twelve_weeks_after_a_later_loss() {
    let j = go_ahead(stopped(J::weeks(22)));
    let gate = j.gate(GateId::MassageDeepLeg, day(83));
    assert_eq!((gate.state, gate.from), (GateState::NotInThisWindow, Some(date(84))));
    assert!(gate.reasons[0].contains("only light, slow strokes up the leg"), "{:?}", gate.reasons);
    assert_eq!(j.gate(GateId::MassageDeepLeg, day(84)).state, GateState::Ready);
    assert_eq!(go_ahead(stopped(J::first())).gate(GateId::MassageDeepLeg, day(8)).state, GateState::Ready);
}

#[test]
fn deep_leg_massage_is_closed_fourteen_days_after_a_leg_sign() {
    let sign_at = day(10);
    let j = stopped(J::first()).with(ci(sign_at, |d| d.leg_left.warmth = true));
    let gate = j.gate(GateId::MassageDeepLeg, sign_at + Duration::days(14));
    assert_eq!((gate.state, gate.from), (GateState::NotInThisWindow, Some(date(24))));
    assert_eq!(
        j.gate(GateId::MassageDeepLeg, sign_at + Duration::days(14) + Duration::minutes(1)).state,
        GateState::Ready
    );
}

#[test]
fn baths_wait_for_bleeding_to_stop_and_trying_again_is_informational() {
    let bleeding = bleeding_days(J::first(), 0..=4, Bleeding::Spotting);
    assert_eq!(bleeding.gate(GateId::BathsSwimmingTamponsSex, day(4)).state, GateState::NotYet);
    assert_eq!(stopped(J::first()).gate(GateId::BathsSwimmingTamponsSex, day(6)).state, GateState::Ready);
    let trying = stopped(J::first()).gate(GateId::TryingAgain, day(20));
    assert_eq!(trying.state, GateState::NotYet);
    assert!(trying.about.contains("your choice") && trying.about.contains("within 3 months"));
    let period = stopped(J::first()).event(day(35), EventDetails::PeriodStart);
    assert_eq!(period.gate(GateId::TryingAgain, day(36)).state, GateState::Ready);
}

#[test]
fn without_a_loss_gates_that_need_one_say_so() {
    let j = J { loss: None, checkins: Vec::new(), events: Vec::new(), mood_screens: false };
    let gates = j.at(day(3)).readiness;
    assert_eq!(gates.len(), 6);
    let general = gates.iter().find(|g| g.gate == GateId::MassageGeneral).unwrap();
    assert!(general.reasons[0].contains("doesn't know the date of your loss"));
    assert_eq!(gates.iter().find(|g| g.gate == GateId::ExerciseGentle).unwrap().state, GateState::Ready);
}

#[test]
fn while_unresolved_exercise_is_walking_only_and_sex_waits() {
    // guidance: exercise-gentle "while unresolved, walking only and no heavy lifting"; baths-swimming-tampons-sex
    // "for sex, not unresolved"
    let mut j = stopped(J::first());
    if let Some(loss) = j.loss.as_mut() {
        loss.kind = crate::journal::LossKind::UnknownLocation;
    }
    let exercise = j.gate(GateId::ExerciseGentle, day(8));
    assert_eq!(exercise.state, GateState::ReadyWithLimits);
    assert!(exercise.limits.as_deref().is_some_and(|l| l.starts_with("Walking is fine.")), "{:?}", exercise.limits);
    let baths = j.gate(GateId::BathsSwimmingTamponsSex, day(8));
    assert_eq!(baths.state, GateState::ReadyWithLimits);
    assert_eq!(baths.limits.as_deref(), Some("Baths, swimming and tampons are fine again. Sex is not yet: see below."));
    assert_eq!(baths.note, None, "no opening words while sex waits");
    // hCG back to normal: resolved, both open.
    let resolved =
        j.event(day(7), crate::journal::EventDetails::FollowUpEnded { reason: crate::journal::FollowUpEnd::HcgNormal });
    let exercise = resolved.gate(GateId::ExerciseGentle, day(8));
    assert_eq!((exercise.state, exercise.limits), (GateState::Ready, None));
    assert_eq!(resolved.gate(GateId::BathsSwimmingTamponsSex, day(8)).state, GateState::Ready);
}
