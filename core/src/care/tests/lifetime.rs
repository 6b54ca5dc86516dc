//! How long an alert stays open (guidance version 2, "An alert stays open until a check-in at least 12 hours
//! later shows none of its signs"): what a check-in must record to close each rule's alert, that showing any of
//! its signs keeps it open, that the form offers the questions that close an open alert, and on a real journal
//! that a mood-only check-in never closes a bleeding alert while a crisis alert outlives its 48 hours.

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use super::support::{day, loss_date};
use crate::care::lifetime::{closes, sections};
use crate::care::rules::{self, closing};
use crate::care::{RuleId, tests_support_view};
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{Bleeding, CheckIn, CheckInData, FORM_SECTIONS, LossKind};

fn checkin(edit: impl FnOnce(&mut CheckInData)) -> CheckIn {
    super::support::ci(day(10), edit)
}

/// Every section gone through, nothing ticked, and the levels and readings the form asks for at their calmest.
fn every_section(d: &mut CheckInData) {
    d.answered = FORM_SECTIONS.iter().map(|s| (*s).to_owned()).collect();
    d.bleeding = Some(Bleeding::None);
    d.temperature_c = Some(36.8);
    d.dizziness = Some(crate::journal::Dizziness::None);
    d.discharge = Some(crate::journal::Discharge::Normal);
}

/// `field` (an export name) set to a value that shows the sign it asks about.
fn with_sign(field: &str) -> CheckIn {
    let strong = match field {
        "bleeding" => json!("very_heavy"),
        "discharge" => json!("foul"),
        "dizziness" => json!("lasting"),
        "temperature_c" => json!(39.0),
        "pads_per_hour" => json!(4.0),
        "leg_left" | "leg_right" => json!({ "swelling": true }),
        f if f.starts_with("pain.") => json!(9),
        _ => json!(true),
    };
    let mut data = serde_json::to_value(CheckInData::default()).unwrap();
    let mut slot = &mut data;
    for key in field.split('.') {
        slot = &mut slot[key];
    }
    *slot = strong;
    let mut calm = CheckInData::default();
    every_section(&mut calm);
    // The calm answers, then the one field showing its sign.
    let mut merged = serde_json::to_value(&calm).unwrap();
    let mut slot = &mut merged;
    let mut source = &data;
    for key in field.split('.') {
        slot = &mut slot[key];
        source = &source[key];
    }
    *slot = source.clone();
    let data: CheckInData = serde_json::from_value(merged).unwrap();
    checkin(|d| *d = data)
}

#[test]
fn every_alert_closes_only_on_a_check_in_that_records_its_inputs_and_shows_none_of_its_signs() {
    for rule in rules::ALL.iter().map(|r| r.id) {
        let inputs = closing::inputs(rule);
        if rule == RuleId::MoodLowLong {
            // It reads two weeks already: its alert follows the rule, and one better day does not close it.
            assert!(inputs.is_empty() && sections(rule).is_empty());
            continue;
        }
        assert!(!inputs.is_empty(), "{rule}");
        assert!(!closes(rule, &checkin(|_| {})), "{rule}: an empty check-in records nothing");
        assert!(!closes(rule, &checkin(|d| d.mood = Some(6))), "{rule}: a mood-only check-in");
        assert!(closes(rule, &checkin(every_section)), "{rule}: every section gone through, nothing ticked");
        for field in inputs.iter().flat_map(|g| g.iter()) {
            assert!(!closes(rule, &with_sign(field)), "{rule}: `{field}` showing its sign keeps the alert open");
        }
        // Each input can be answered through a section of the form.
        assert!(!sections(rule).is_empty(), "{rule}");
    }
}

#[test]
fn values_record_an_input_without_going_through_its_section() {
    // 0 and "none" are values: they record the input.
    assert!(closes(RuleId::BleedingSoaking, &checkin(|d| d.bleeding = Some(Bleeding::None))));
    assert!(closes(RuleId::BleedingSoaking, &checkin(|d| d.pads_per_hour = Some(0.0))));
    assert!(!closes(RuleId::BleedingSoaking, &checkin(|d| d.bleeding = Some(Bleeding::Spotting))), "spotting");
    assert!(closes(RuleId::PainSevere, &checkin(|d| d.pain.cramps = Some(0))));
    assert!(!closes(RuleId::PainSevere, &checkin(|d| d.pain.cramps = Some(2))), "read literally: 0");
    assert!(closes(RuleId::Fever, &checkin(|d| d.temperature_c = Some(37.2))));
    assert!(!closes(RuleId::FeverRepeated, &checkin(|d| d.answered = vec!["feeling".into()])), "needs a reading");
    // Both halves of a paired rule must be recorded.
    assert!(!closes(RuleId::BleedingFaint, &checkin(|d| d.bleeding = Some(Bleeding::None))));
    assert!(closes(
        RuleId::BleedingFaint,
        &checkin(|d| (d.bleeding, d.answered) = (Some(Bleeding::None), vec!["feeling".into()]))
    ));
    // The sepsis questions show only after a fever sign or feeling very unwell: "How you feel" with none of
    // those answers them too; with chills ticked, they must be gone through.
    assert!(closes(RuleId::SepsisSigns, &checkin(|d| d.answered = vec!["feeling".into()])));
    // A reading left empty says nothing: a fever alert needs a temperature.
    assert!(!closes(RuleId::Fever, &checkin(|d| d.answered = vec!["feeling".into()])));
    let chills = checkin(|d| (d.chills, d.answered) = (true, vec!["feeling".into()]));
    assert!(!closes(RuleId::SepsisSigns, &chills));
}

#[test]
fn the_form_offers_the_questions_that_close_an_open_alert() {
    let ids = |open: &[RuleId]| -> Vec<String> {
        tests_support_view(LossKind::Miscarriage, Some(24 * 6), 10, |v| crate::care::form::form(v, open))
            .sections
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    // Six days after the dose, the misoprostol questions are no longer offered, unless they can close an alert.
    assert!(!ids(&[]).contains(&"misoprostol".to_owned()));
    assert!(ids(&[RuleId::Vomiting]).contains(&"misoprostol".to_owned()));
    assert!(ids(&[RuleId::UnwellAfterMisoprostol]).contains(&"misoprostol".to_owned()));
    assert!(ids(&[RuleId::EctopicSigns]).contains(&"ectopic".to_owned()) || sections(RuleId::EctopicSigns) == ["pain"]);
}

fn check_in(mend: &TempMend, at: DateTime<Utc>, edit: impl FnOnce(&mut CheckInData)) -> Vec<RuleId> {
    let (_, raised) = mend.journal().add_checkin_with_alerts(checkin_at(at, edit)).unwrap();
    raised.iter().map(|a| a.rule).collect()
}

fn open(mend: &TempMend) -> Vec<RuleId> {
    mend.care().alerts(true).unwrap().iter().map(|a| a.rule).collect()
}

#[test]
fn a_mood_only_check_in_never_closes_a_bleeding_alert() {
    // guidance: "An alert stays open until a check-in at least 12 hours later shows none of its signs"
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    assert_eq!(check_in(&mend, day(3), |d| d.pads_per_hour = Some(2.5)), vec![RuleId::BleedingSoakingHour]);
    for n in 4..=6 {
        mend.reopen(day(n));
        check_in(&mend, day(n), |d| (d.mood, d.answered) = (Some(4), vec!["mood".into()]));
        assert_eq!(open(&mend), vec![RuleId::BleedingSoakingHour], "day {n}");
    }
    check_in(&mend, day(6) + Duration::minutes(5), |d| d.answered = vec!["bleeding".into()]);
    assert_eq!(open(&mend), vec![RuleId::BleedingSoakingHour], "how much bleeding was left empty");
    check_in(&mend, day(6) + Duration::minutes(6), |d| d.bleeding = Some(Bleeding::None));
    assert!(open(&mend).is_empty());
}

#[test]
fn a_crisis_alert_outlives_its_48_hours_and_closes_when_the_mood_questions_are_answered_safe() {
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    assert_eq!(check_in(&mend, day(3), |d| d.self_harm_thoughts = true), vec![RuleId::MoodCrisis]);
    mend.reopen(day(7));
    assert_eq!(open(&mend), vec![RuleId::MoodCrisis], "no check-in has said it has passed");
    // It keeps the gates it never closed open: a mood alert never closes a gate.
    let gates = mend.care().readiness().unwrap();
    assert!(gates.iter().all(|g| g.reasons.iter().all(|r| !r.contains("harming"))), "{gates:?}");
    check_in(&mend, day(7), |d| (d.mood, d.answered) = (Some(5), vec!["mood".into()]));
    assert!(open(&mend).is_empty());
}

#[test]
fn an_open_alert_keeps_its_words_and_severity_past_its_rule_window() {
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3), |d| d.discharge = Some(crate::journal::Discharge::Foul));
    let before = mend.care().alerts(true).unwrap().remove(0);
    mend.reopen(day(9));
    let after = mend.care().alerts(true).unwrap().remove(0);
    assert_eq!(
        (after.id, after.severity, after.message, after.episodes),
        (before.id, before.severity, before.message, before.episodes)
    );
    let today = mend.today_dashboard().unwrap();
    assert!(today.care_card.is_some());
}

#[test]
fn with_sign_sets_the_field_it_names() {
    // The helper above must really set what it names, or the test of signs could pass for nothing.
    let c = with_sign("signs.vomiting");
    assert!(c.data.signs.vomiting);
    let v: Value = serde_json::to_value(&with_sign("pain.side_left").data).unwrap();
    assert_eq!(v["pain"]["side_left"], json!(9));
}
