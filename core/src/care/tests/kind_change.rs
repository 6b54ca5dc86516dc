//! Changing the loss kind later re-checks every rule, marker and gate (shared/clinical/guidance.md version 2:
//! "The loss kind, weeks and management can be changed later (partial moles are often found on the lab report);
//! every rule, marker and gate follows the change"), through the real `Mend`: a miscarriage found to be a partial
//! mole on the lab report, then follow-up ending.

use chrono::Duration;

use super::support::{date, day, loss_date};
use crate::care::{GateId, GateState, MarkerId, RuleId, words};
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{Bleeding, EventDetails, FollowUpEnd, LossKind, Management, NewEvent, NewLoss};

fn new_loss(kind: LossKind) -> NewLoss {
    NewLoss {
        loss_date: loss_date(),
        weeks: 9,
        kind,
        management: Some(Management::Surgical),
        due_date: None,
        loss_at: None,
    }
}

#[test]
fn a_miscarriage_found_to_be_molar_re_checks_every_rule_marker_and_gate() {
    let mut mend = TempMend::with_loss(day(0), loss_date(), 9);
    let guid = mend.journal().current_loss().unwrap().unwrap().guid;
    for (n, level) in [(0, Bleeding::Light), (1, Bleeding::Light), (2, Bleeding::None), (3, Bleeding::None)] {
        mend.reopen(day(n));
        mend.journal().add_checkin(checkin_at(day(n), |d| d.bleeding = Some(level))).unwrap();
    }
    mend.reopen(day(10));
    mend.journal().update_loss(&guid, new_loss(LossKind::Miscarriage)).unwrap();
    let gate = |id: GateId| mend.care().gate(id).unwrap();
    assert_eq!(gate(GateId::BathsSwimmingTamponsSex).state, GateState::Ready);
    assert_eq!(gate(GateId::MassageAbdominal).state, GateState::Ready);
    let markers: Vec<MarkerId> = mend.care().markers().unwrap().iter().map(|m| m.marker).collect();
    assert!(markers.contains(&MarkerId::TestNegative) && !markers.contains(&MarkerId::HcgFollowUp));

    // The lab report: a partial mole. Unresolved from now on.
    mend.journal().update_loss(&guid, new_loss(LossKind::Molar)).unwrap();
    let gate = |id: GateId| mend.care().gate(id).unwrap();
    let baths = gate(GateId::BathsSwimmingTamponsSex);
    assert_eq!(baths.state, GateState::ReadyWithLimits, "sex waits");
    assert_eq!(gate(GateId::MassageAbdominal).state, GateState::NotYet);
    assert_eq!(gate(GateId::ExerciseGentle).state, GateState::ReadyWithLimits);
    assert!(gate(GateId::TryingAgain).reasons.contains(&words::REASON_MOLAR.to_owned()));
    let markers: Vec<MarkerId> = mend.care().markers().unwrap().iter().map(|m| m.marker).collect();
    assert!(!markers.contains(&MarkerId::TestNegative) && markers.contains(&MarkerId::HcgFollowUp));
    // A red flag that only holds while unresolved: one-sided pain of 5/10 (ectopic-signs).
    mend.journal().add_checkin(checkin_at(day(10) + Duration::minutes(5), |d| d.pain.side_left = Some(5))).unwrap();
    let alerts = mend.care().alerts(true).unwrap();
    assert!(alerts.iter().any(|a| a.rule == RuleId::EctopicSigns), "{alerts:?}");

    // Follow-up ends (discharged): sex opens with the contraception message; trying again still waits.
    mend.reopen(day(40));
    let ended = NewEvent {
        at: Some(day(40)),
        time_zone: None,
        details: EventDetails::FollowUpEnded { reason: FollowUpEnd::Discharged },
        note: None,
    };
    mend.journal().add_event(ended).unwrap();
    let gate = |id: GateId| mend.care().gate(id).unwrap();
    let baths = gate(GateId::BathsSwimmingTamponsSex);
    assert_eq!((baths.state, baths.note.as_deref()), (GateState::Ready, Some(words::NOTE_SEX_CONTRACEPTION)));
    let follow_up = mend.care().markers().unwrap().into_iter().find(|m| m.marker == MarkerId::HcgFollowUp).unwrap();
    assert_eq!(follow_up.met_on, Some(date(40)));
    assert_eq!(gate(GateId::TryingAgain).state, GateState::NotYet);
}
