//! The situations public patient pages say need help now, which version 1 missed (issue 10), each as a scenario
//! quoting the guidance it follows; and the pairing windows at their edges in several time zones: a sign logged
//! 23 hours after another combines, 25 hours after it does not, and the lone sign takes its own severity.

use chrono::{DateTime, Duration, Utc};

use super::support::*;
use crate::care::{GateId, GateState, RuleId, Severity};
use crate::fixtures::utc;
use crate::journal::{Bleeding, CheckInData, Dizziness};
use crate::zone::Zone;

fn severity(j: &J, rule: RuleId, now: DateTime<Utc>) -> Option<Severity> {
    j.finding(rule, now).map(|f| f.severity)
}

#[test]
fn fainting_without_heavy_bleeding_needs_help_now() {
    // guidance: fainting within 14 days of the loss ... : Emergency
    let j = J::first().with(ci(day(5), |d| d.fainted = true));
    assert_eq!(severity(&j, RuleId::Fainted, day(5)), Some(Severity::Emergency));
}

#[test]
fn light_headedness_with_light_bleeding_needs_care_today() {
    // guidance: dizziness or light-headedness ... with bleeding heavier than spotting ...: Urgent
    let j =
        J::first().with(ci(day(4), |d| (d.dizziness, d.bleeding) = (Some(Dizziness::Brief), Some(Bleeding::Light))));
    assert_eq!(severity(&j, RuleId::DizzyBleeding, day(4)), Some(Severity::Urgent));
}

#[test]
fn heavy_bleeding_and_fainting_in_separate_check_ins_combine() {
    // guidance: fainting with heavy bleeding within 24 hours
    let j = J::first()
        .with(ci(day(3) - Duration::hours(5), |d| d.bleeding = Some(Bleeding::Heavy)))
        .with(ci(day(3), |d| d.fainted = true));
    assert_eq!(severity(&j, RuleId::BleedingFaint, day(3)), Some(Severity::Emergency));
}

#[test]
fn several_pads_in_one_check_in_alert_at_once() {
    // guidance: 2 or more pads soaked within one hour, in a single reading
    let j = J::first().with(ci(day(2), |d| d.pads_per_hour = Some(3.0)));
    assert_eq!(severity(&j, RuleId::BleedingSoakingHour, day(2)), Some(Severity::Urgent));
    // guidance: soaking 1 or more pads an hour for 2 hours or more
    let hours = J::first().with(ci(day(2), |d| (d.pads_per_hour, d.signs.soaking_hours) = (Some(1.0), Some(3.0))));
    assert_eq!(severity(&hours, RuleId::BleedingSoaking, day(2)), Some(Severity::Urgent));
}

#[test]
fn shoulder_tip_pain_hours_after_one_sided_pain_is_an_ectopic_sign() {
    // guidance: one-sided low pain with shoulder-tip pain within 24 hours of each other: Urgent
    let j = J::first()
        .with(ci(day(6) - Duration::hours(9), |d| d.pain.side_right = Some(3)))
        .with(ci(day(6), |d| d.pain.shoulder_tip = Some(2)));
    assert_eq!(severity(&j, RuleId::EctopicSigns, day(6)), Some(Severity::Urgent));
}

#[test]
fn chills_alone_and_a_low_temperature_with_shivering_are_heard() {
    // guidance: 38.0 °C or more; or chills or shivering; or feeling flu-like
    let chills = J::first().with(ci(day(5), |d| d.chills = true));
    assert_eq!(severity(&chills, RuleId::Fever, day(5)), Some(Severity::Urgent));
    // guidance: a temperature below 36.0 °C with shivering or feeling very unwell
    let cold = J::first()
        .with(ci(day(5), |d| (d.temperature_c, d.chills, d.dizziness) = (Some(35.4), true, Some(Dizziness::Lasting))));
    assert_eq!(severity(&cold, RuleId::SepsisSigns, day(5)), Some(Severity::Emergency));
}

#[test]
fn cramps_rising_fast_days_after_the_loss_need_care_today() {
    // guidance: From 72 hours after the loss, pain getting worse: now 5/10 or more and 3 or more points above the
    // lowest reading of the previous 24 hours
    let j = J::first()
        .with(ci(day(5) - Duration::hours(18), |d| d.pain.cramps = Some(2)))
        .with(ci(day(5), |d| d.pain.cramps = Some(6)));
    assert_eq!(severity(&j, RuleId::PainSevere, day(5)), Some(Severity::Urgent));
}

#[test]
fn a_mood_alert_never_closes_massage_or_gentle_exercise() {
    // guidance: Mood alerts never close massage or exercise: both help low mood, and "not yet" hurts a person in
    // crisis.
    let mut j = bleeding_days(J::first(), 1..=4, Bleeding::Light);
    j = bleeding_days(j, [5, 6], Bleeding::None);
    let j = j.with(ci(day(8), |d| d.self_harm_thoughts = true));
    assert_eq!(severity(&j, RuleId::MoodCrisis, day(8)), Some(Severity::Emergency));
    for gate in [GateId::MassageGeneral, GateId::ExerciseGentle] {
        assert_eq!(j.gate(gate, day(8)).state, GateState::Ready, "{gate}");
    }
    // Just beside it: a physical emergency does close them.
    let chest = j.clone().with(ci(day(8), |d| d.chest_pain = true));
    assert_eq!(chest.gate(GateId::ExerciseGentle, day(8)).state, GateState::NotYet);
}

/// `second` logged `apart` after `first`, assessed at the second.
fn pair(at: DateTime<Utc>, apart: Duration, first: fn(&mut CheckInData), second: fn(&mut CheckInData)) -> J {
    J::first().with(ci(at - apart, first)).with(ci(at, second))
}

#[test]
fn window_edges_hold_in_every_zone_and_across_clock_changes() {
    let heavy: fn(&mut CheckInData) = |d| d.bleeding = Some(Bleeding::Heavy);
    let faint: fn(&mut CheckInData) = |d| d.fainted = true;
    let side: fn(&mut CheckInData) = |d| d.pain.side_left = Some(2);
    let shoulder: fn(&mut CheckInData) = |d| d.pain.shoulder_tip = Some(2);
    // Instants across the night Europe's clocks go back (25 October 2026) and North America's (1 November).
    let instants = [day(20), utc(2026, 10, 25, 12, 0), utc(2026, 11, 1, 12, 0)];
    for zone in ["Europe/Dublin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata"] {
        let zone = Zone::named(zone).unwrap();
        for at in instants {
            // guidance: fainting with heavy bleeding within 24 hours
            let near = pair(at, Duration::hours(23), heavy, faint);
            let far = pair(at, Duration::hours(25), heavy, faint);
            let find = |j: &J, rule| j.at_in(zone, at).findings.into_iter().find(|f| f.rule == rule);
            assert_eq!(find(&near, RuleId::BleedingFaint).map(|f| f.severity), Some(Severity::Emergency), "{zone}");
            assert_eq!(find(&far, RuleId::BleedingFaint), None, "{zone} {at}");
            // The lone faint takes its own severity: 20 days after the loss, with nothing within 24 hours: Urgent;
            // months later, beyond 12 weeks: no alert.
            let lone = find(&far, RuleId::Fainted).map(|f| f.severity);
            let expected = (at == day(20)).then_some(Severity::Urgent);
            assert_eq!(lone, expected, "{zone} {at}");
            // guidance: one-sided low pain with shoulder-tip pain within 24 hours of each other: Urgent
            let near = pair(at, Duration::hours(23), side, shoulder);
            let far = pair(at, Duration::hours(25), side, shoulder);
            assert_eq!(find(&near, RuleId::EctopicSigns).map(|f| f.severity), Some(Severity::Urgent), "{zone}");
            assert_eq!(find(&far, RuleId::EctopicSigns), None, "{zone} {at}: neither sign alone is an alert");
        }
    }
}

#[test]
fn a_date_only_loss_counts_from_midnight_where_the_person_lives() {
    // guidance: Loss time ... "Day N" counts whole 24-hour periods from it.
    // The loss date is 1 May: in Dublin it began at 23:00 UTC on 30 April, in Auckland at 12:00 UTC on 30 April.
    let dublin = Zone::named("Europe/Dublin").unwrap();
    let auckland = Zone::named("Pacific/Auckland").unwrap();
    let sev = |zone: Zone, at: DateTime<Utc>| {
        let j = J::first().with(ci(at, |d| d.fainted = true));
        j.at_in(zone, at).findings.into_iter().find(|f| f.rule == RuleId::Fainted).map(|f| f.severity)
    };
    let fourteen_days_in_dublin = utc(2026, 4, 30, 23, 0) + Duration::days(14);
    assert_eq!(sev(dublin, fourteen_days_in_dublin), Some(Severity::Emergency), "exactly 14 days in Dublin");
    assert_eq!(sev(dublin, fourteen_days_in_dublin + Duration::minutes(1)), Some(Severity::Urgent));
    assert_eq!(sev(auckland, fourteen_days_in_dublin - Duration::hours(1)), Some(Severity::Urgent), "14 days 10 h");
    assert_eq!(sev(auckland, utc(2026, 4, 30, 12, 0) + Duration::days(14)), Some(Severity::Emergency));
}
