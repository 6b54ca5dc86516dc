//! Acknowledged alerts on a real journal: acknowledging quiets an alert only until something new happens. An
//! emergency or urgent alert is raised again (the check-in that brought it back returns it, observers are
//! told) when a new check-in shows its sign; a `contact` alert only when that makes it worse than when it was
//! acknowledged. While it holds, an acknowledged alert stays in the care report (Today), after the ones not
//! yet seen, so the readiness gates' "open alert" can always be found.

use chrono::{DateTime, Duration, Utc};

use super::support::{day, loss_date};
use crate::care::{GateId, RuleId};
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::CheckInData;

fn check_in(mend: &TempMend, at: DateTime<Utc>, edit: impl FnOnce(&mut CheckInData)) -> Vec<RuleId> {
    let (_, raised) = mend.journal().add_checkin_with_alerts(checkin_at(at, edit)).unwrap();
    raised.iter().map(|a| a.rule).collect()
}

fn cramps(mend: &TempMend, at: DateTime<Utc>, score: u8) -> Vec<RuleId> {
    check_in(mend, at, |d| d.pain.cramps = Some(score))
}

/// The reviewer's journal: severe pain acknowledged, then worse pain the next day.
#[test]
fn worse_pain_after_acknowledging_brings_the_alert_back_at_once() {
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    assert_eq!(cramps(&mend, day(3), 8), vec![RuleId::PainSevere]);
    let alert = mend.care().alerts(false).unwrap().remove(0);
    mend.care().acknowledge(&alert.id).unwrap();
    let record = mend.care().alert_records().unwrap().remove(0);
    assert!(record.acknowledged && record.acknowledged_at == Some(day(3)));

    mend.reopen(day(4));
    let seen = crate::fixtures::RecordingObserver::new();
    let _subscription = mend.subscribe(seen.clone());
    assert_eq!(cramps(&mend, day(4), 10), vec![RuleId::PainSevere], "the check-in returns it");
    assert_eq!(seen.raised_alerts(), vec![alert.id.clone()], "observers are told");
    let back = mend.care().alerts(false).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!((back[0].id.as_str(), back[0].acknowledged, back[0].episodes), (alert.id.as_str(), false, 1));
    assert!(back[0].message.contains("of 10 out of 10"), "{}", back[0].message);
    let record = mend.care().alert_records().unwrap().remove(0);
    assert_eq!((record.acknowledged, record.acknowledged_at), (false, None));
    let today = mend.today_dashboard().unwrap();
    assert_eq!(
        today.alerts.iter().map(|a| (a.rule, a.acknowledged)).collect::<Vec<_>>(),
        [(RuleId::PainSevere, false)]
    );
}

#[test]
fn a_check_in_without_the_sign_leaves_an_acknowledged_alert_quiet() {
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    cramps(&mend, day(3), 8);
    let alert = mend.care().alerts(false).unwrap().remove(0);
    mend.care().acknowledge(&alert.id).unwrap();
    mend.reopen(day(4));
    // Just below: 7 out of 10 is neither severe nor worse; a mood check-in says nothing about pain.
    assert!(cramps(&mend, day(4), 7).is_empty());
    assert!(check_in(&mend, day(4) + Duration::minutes(5), |d| d.mood = Some(4)).is_empty());
    assert!(mend.care().alerts(false).unwrap().is_empty());
    assert!(mend.care().evaluate().unwrap().is_empty());
    let record = mend.care().alert_records().unwrap().remove(0);
    assert!(record.acknowledged && record.is_open());
}

#[test]
fn an_acknowledged_open_alert_stays_in_the_report_after_the_unseen_ones() {
    let mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3) - Duration::hours(1), |d| d.chest_pain = true);
    let lung = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!(lung.rule, RuleId::ClotLung);
    mend.care().acknowledge(&lung.id).unwrap();
    check_in(&mend, day(3), |d| d.temperature_c = Some(38.1));

    let report = mend.care().report().unwrap();
    let shown: Vec<(RuleId, bool)> = report.alerts.iter().map(|a| (a.rule, a.acknowledged)).collect();
    assert_eq!(shown, [(RuleId::Fever, false), (RuleId::ClotLung, true)], "unseen first, then the seen emergency");
    assert_eq!(mend.today_dashboard().unwrap().alerts, report.alerts);
    // What readiness calls an open alert is there to be found.
    let general = report.readiness.iter().find(|g| g.gate == GateId::MassageGeneral).unwrap();
    assert!(general.reasons.iter().any(|r| r.contains("(chest pain or breathlessness)")), "{:?}", general.reasons);
    // `alerts(false)` keeps its meaning: only the ones not yet seen.
    assert_eq!(mend.care().alerts(false).unwrap().iter().map(|a| a.rule).collect::<Vec<_>>(), [RuleId::Fever]);
}

#[test]
fn an_acknowledged_alert_that_clears_leaves_the_report() {
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3), |d| d.temperature_c = Some(38.4));
    let fever = mend.care().alerts(false).unwrap().remove(0);
    mend.care().acknowledge(&fever.id).unwrap();
    mend.reopen(day(6));
    assert_eq!(mend.care().report().unwrap().alerts.len(), 1, "still open: nothing has shown the fever gone");
    check_in(&mend, day(6), |d| d.temperature_c = Some(36.8));
    assert!(mend.care().report().unwrap().alerts.is_empty());
}

/// Mood 5 on days 7 to 12 and 1 on days 13 to 20: on day 20, 8 very low days of the 14 ending that day.
fn eight_low_days(mend: &mut TempMend) {
    for n in 7..=20 {
        mend.reopen(day(n));
        check_in(mend, day(n), |d| d.mood = Some(if n >= 13 { 1 } else { 5 }));
    }
}

#[test]
fn an_acknowledged_contact_alert_comes_back_only_when_it_gets_worse() {
    let mut mend = TempMend::with_loss(day(7), loss_date(), 9);
    eight_low_days(&mut mend);
    let alert = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!(alert.rule, RuleId::MoodLowLong);
    let record = mend.care().alert_records().unwrap().remove(0);
    assert_eq!(record.level, Some(8.0));
    mend.care().acknowledge(&alert.id).unwrap();
    assert_eq!(mend.care().alert_records().unwrap()[0].acknowledged_level, Some(8.0));

    // New evidence that isn't worse: another very low check-in on a day already counted.
    assert!(check_in(&mend, day(20) - Duration::minutes(30), |d| d.mood = Some(0)).is_empty());
    let record = mend.care().alert_records().unwrap().remove(0);
    assert_eq!((record.acknowledged, record.because.len(), record.level), (true, 9, Some(8.0)));

    // A ninth very low day: worse than when acknowledged, so it comes back.
    mend.reopen(day(21));
    assert_eq!(check_in(&mend, day(21), |d| d.mood = Some(2)), vec![RuleId::MoodLowLong]);
    let back = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!((back.id.as_str(), back.acknowledged), (alert.id.as_str(), false));
    assert!(back.message.contains("on 9 of the last 14 days"), "{}", back.message);
}

#[test]
fn an_acknowledged_contact_alert_stays_quiet_when_a_day_is_not_very_low() {
    let mut mend = TempMend::with_loss(day(7), loss_date(), 9);
    eight_low_days(&mut mend);
    let alert = mend.care().alerts(false).unwrap().remove(0);
    mend.care().acknowledge(&alert.id).unwrap();
    // Just below: mood 3 on day 21 is not very low; still 8 very low days (13 to 20) of 14.
    mend.reopen(day(21));
    assert!(check_in(&mend, day(21), |d| d.mood = Some(3)).is_empty());
    let record = mend.care().alert_records().unwrap().remove(0);
    assert!(record.acknowledged && record.is_open() && record.level == Some(8.0));

    // The levels travel with the export; a file from before them imports with none.
    let json = mend.export().to_json().unwrap();
    let target = TempMend::at(day(21));
    target.export().import_json(&json).unwrap();
    let copy = target.care().alert_records().unwrap().remove(0);
    assert_eq!((copy.level, copy.acknowledged_level, copy.acknowledged), (Some(8.0), Some(8.0), true));
    let mut older: serde_json::Value = serde_json::from_str(&json).unwrap();
    for alert in older["alerts"].as_array_mut().unwrap() {
        let fields = alert.as_object_mut().unwrap();
        fields.remove("level");
        fields.remove("acknowledged_level");
    }
    let old_target = TempMend::at(day(21));
    assert_eq!(old_target.export().import_json(&older.to_string()).unwrap().alerts, 1);
    assert!(old_target.care().alert_records().unwrap()[0].acknowledged);
}
