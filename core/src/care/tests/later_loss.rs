//! After a loss at 20 weeks or later: the check-in form offers the fields the later-loss rules read only for such
//! losses within 6 weeks (and while one of their alerts is open); a partner may log signs of postpartum psychosis
//! on the person's device, and the entry is marked `logged_by: partner`.

use chrono::Duration;

use super::support::*;
use crate::care::{RuleId, Severity, form};
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{LoggedBy, NewLoss};

fn sections(j: &J, now: chrono::DateTime<chrono::Utc>, open: &[RuleId]) -> Vec<String> {
    let input = crate::care::CareInput { mood_screens: false, ..j.input(now) };
    let view = crate::care::view::View::new(&input);
    form::form(&view, open).sections.into_iter().map(|s| s.id).collect()
}

#[test]
fn the_form_asks_the_later_loss_questions_only_for_such_losses_within_six_weeks() {
    // The issue: "with the fields they read offered by checkin_form only for such losses within 6 weeks"
    let later = J::weeks(20);
    let six_weeks = later.loss.as_ref().unwrap().time(*ZONE) + Duration::days(42);
    let has = |ids: &[String]| ids.contains(&"after-birth".to_owned()) && ids.contains(&"mind".to_owned());
    assert!(has(&sections(&later, day(3), &[])));
    assert!(has(&sections(&later, six_weeks - Duration::minutes(1), &[])));
    assert!(!has(&sections(&later, six_weeks, &[])), "6 weeks on");
    assert!(!has(&sections(&J::weeks(19), day(3), &[])), "19 weeks");
    // An open wound alert still offers the questions that can close it.
    assert!(sections(&later, six_weeks + Duration::days(3), &[RuleId::Wound]).contains(&"after-birth".to_owned()));
}

#[test]
fn a_partner_logs_signs_of_postpartum_psychosis_and_the_entry_says_so() {
    // guidance: postpartum-psychosis "(a partner may log it)"
    let mend = TempMend::at(day(10));
    let profile = crate::journal::ProfileInput {
        region: Some("IE".into()),
        time_zone: "Europe/Dublin".into(),
        discreet_notifications: true,
        unit_number: None,
        own_emergency_number: None,
        own_crisis_number: None,
        mood_screens: None,
        rhd: None,
    };
    let loss = NewLoss {
        loss_date: loss_date(),
        weeks: 26,
        kind: crate::journal::LossKind::LaterLoss,
        management: None,
        due_date: None,
        loss_at: None,
    };
    mend.journal().set_up(profile, loss).unwrap();
    let input = checkin_at(day(10), |d| {
        d.signs.hallucinations = true;
        d.logged_by = Some(LoggedBy::Partner);
    });
    let (saved, raised) = mend.journal().add_checkin_with_alerts(input).unwrap();
    assert_eq!(
        raised.iter().map(|a| (a.rule, a.severity)).collect::<Vec<_>>(),
        [(RuleId::PostpartumPsychosis, Severity::Emergency)]
    );
    assert!(raised[0].message.starts_with("You noticed signs"), "{}", raised[0].message);
    let stored = mend.journal().checkin(&saved.guid).unwrap().unwrap();
    assert_eq!(stored.data.logged_by, Some(LoggedBy::Partner));
}
