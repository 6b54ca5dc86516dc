//! Alert episodes on a real journal: raised once per episode, acknowledged, cleared when the condition stops
//! holding, the same alert re-opened when it returns; observers told; duplicates from another device merged;
//! alerts (with acknowledgement) round-trip through export and import.

use chrono::{DateTime, Duration, Utc};

use super::support::{day, loss_date};
use crate::care::{AlertRecord, RuleId, Severity};
use crate::error::Error;
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{Bleeding, CheckInData};

fn check_in(mend: &TempMend, at: DateTime<Utc>, edit: impl FnOnce(&mut CheckInData)) -> Vec<RuleId> {
    let (_, raised) = mend.journal().add_checkin_with_alerts(checkin_at(at, edit)).unwrap();
    raised.iter().map(|a| a.rule).collect()
}

fn soak(mend: &TempMend, at: DateTime<Utc>) -> Vec<RuleId> {
    check_in(mend, at, |d| (d.bleeding, d.pads_per_hour) = (Some(Bleeding::Heavy), Some(1.0)))
}

#[test]
fn one_bleeding_episode_raises_once_and_a_new_episode_reopens_the_same_alert() {
    let mut mend = TempMend::with_loss(day(1), loss_date(), 9);
    let seen = crate::fixtures::RecordingObserver::new();
    let _subscription = mend.subscribe(seen.clone());
    assert!(soak(&mend, day(1) - Duration::hours(1)).is_empty());
    assert_eq!(soak(&mend, day(1)), vec![RuleId::BleedingSoaking]);
    let alert = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!(seen.raised_alerts(), vec![alert.id.clone()]);
    assert_eq!((alert.severity, alert.episodes, alert.open, alert.acknowledged), (Severity::Urgent, 1, true, false));

    // Not yet acknowledged, more soaking in the same episode doesn't nag: it is already showing.
    assert!(soak(&mend, day(1) - Duration::minutes(30)).is_empty(), "same episode, still unacknowledged");
    assert_eq!(seen.raised_alerts().len(), 1);

    // Acknowledged, it leaves the default list, and stays quiet while nothing new is logged.
    let acked = mend.care().acknowledge(&alert.id).unwrap();
    assert!(acked.acknowledged);
    assert!(mend.care().alerts(false).unwrap().is_empty());
    assert_eq!(mend.care().alerts(true).unwrap().len(), 1);
    mend.reopen(day(2));
    let _subscription = mend.subscribe(seen.clone());
    assert!(mend.care().evaluate().unwrap().is_empty());
    assert!(soak(&mend, day(2) - Duration::hours(1)).is_empty(), "one hour of soaking is not new evidence yet");
    // Soaking again after it was acknowledged: new evidence, so the same alert comes back (same episode).
    assert_eq!(soak(&mend, day(2)), vec![RuleId::BleedingSoaking], "new soaking after acknowledging");
    let back = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!((back.id.as_str(), back.acknowledged, back.episodes), (alert.id.as_str(), false, 1));
    assert_eq!((back.raised_at, back.because.len()), (day(1), 5));
    assert_eq!(seen.raised_alerts(), vec![alert.id.clone(), alert.id.clone()]);
    mend.care().acknowledge(&alert.id).unwrap();

    // guidance: "An alert stays open until a check-in at least 12 hours later shows none of its signs"
    // The first check-in 12 hours or more after the last soaking that records no bleeding closes it.
    for n in [3, 4] {
        mend.reopen(day(n));
        check_in(&mend, day(n), |d| d.bleeding = Some(Bleeding::None));
    }
    assert!(mend.care().alerts(true).unwrap().is_empty());
    let records = mend.care().alert_records().unwrap();
    assert_eq!(records.len(), 1);
    assert!(!records[0].is_open() && records[0].cleared_at == Some(day(3)), "{:?}", records[0].cleared_at);

    // It comes back: the same alert, re-opened, unacknowledged, second episode, observers told again.
    mend.reopen(day(9));
    let _subscription = mend.subscribe(seen.clone());
    soak(&mend, day(9) - Duration::hours(2));
    assert_eq!(soak(&mend, day(9) - Duration::hours(1)), vec![RuleId::BleedingSoaking]);
    let again = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!((again.id.as_str(), again.episodes, again.acknowledged), (alert.id.as_str(), 2, false));
    assert_eq!(again.raised_at, day(9));
    assert_eq!(again.because.len(), 2, "only this episode's check-ins");
    assert_eq!(seen.raised_alerts(), vec![alert.id.clone(), alert.id.clone(), alert.id.clone()]);
}

#[test]
fn time_passing_alone_leaves_an_alert_open_until_a_check_in_shows_its_signs_have_gone() {
    // guidance: "An alert stays open until a check-in at least 12 hours later shows none of its signs"
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    assert_eq!(check_in(&mend, day(3), |d| d.temperature_c = Some(38.5)), vec![RuleId::Fever]);
    mend.reopen(day(6));
    assert_eq!(mend.care().alerts(false).unwrap().len(), 1, "three days on, nothing has shown the fever gone");
    assert_eq!(mend.today_dashboard().unwrap().alerts.len(), 1);
    // A mood-only check-in says nothing about a temperature.
    check_in(&mend, day(6), |d| d.mood = Some(6));
    assert_eq!(mend.care().alerts(false).unwrap().len(), 1, "a mood-only check-in never closes a fever alert");
    // A normal temperature closes it, and time passing does not bring it back.
    check_in(&mend, day(6), |d| d.temperature_c = Some(37.0));
    assert!(mend.care().alerts(true).unwrap().is_empty());
    mend.reopen(day(8));
    assert!(mend.care().alerts(true).unwrap().is_empty());
    assert!(mend.care().evaluate().unwrap().is_empty());
}

#[test]
fn a_check_in_showing_no_sign_closes_an_alert_only_12_hours_after_the_sign() {
    for (after, closes) in [(Duration::hours(12) - Duration::minutes(1), false), (Duration::hours(12), true)] {
        let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
        check_in(&mend, day(3), |d| d.temperature_c = Some(38.5));
        mend.reopen(day(3) + after);
        check_in(&mend, day(3) + after, |d| d.temperature_c = Some(37.0));
        assert_eq!(mend.care().alerts(true).unwrap().is_empty(), closes, "{after}");
    }
}

#[test]
fn an_alert_re_opens_on_the_next_check_in_at_its_threshold_and_closes_when_its_evidence_is_deleted() {
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3), |d| d.temperature_c = Some(38.5));
    mend.reopen(day(4));
    check_in(&mend, day(4), |d| d.temperature_c = Some(36.9));
    assert!(mend.care().alerts(true).unwrap().is_empty());
    // The next reading at the threshold re-opens the same alert: a second episode.
    mend.reopen(day(5));
    assert_eq!(check_in(&mend, day(5), |d| d.temperature_c = Some(38.0)), vec![RuleId::Fever]);
    let again = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!(again.episodes, 2);
    // Past the rule's own 48 hours it stays open; deleting the check-in that showed it closes it (a mistake).
    mend.reopen(day(8));
    assert_eq!(mend.care().alerts(true).unwrap().len(), 1);
    mend.journal().delete_checkin(again.because.last().unwrap()).unwrap();
    assert!(mend.care().alerts(true).unwrap().is_empty());
}

#[test]
fn acknowledging_an_unknown_alert_is_not_found() {
    let mend = TempMend::with_loss(day(3), loss_date(), 9);
    assert!(matches!(mend.care().acknowledge("no-such-alert-id"), Err(Error::NotFound { .. })));
}

#[test]
fn every_alert_gives_the_regions_number_and_urgent_ones_lead_with_it() {
    let mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3) - Duration::hours(1), |d| {
        d.temperature_c = Some(38.0);
        d.chest_pain = true;
        d.self_harm_thoughts = true;
    });
    let alerts = mend.care().alerts(false).unwrap();
    let rules: Vec<RuleId> = alerts.iter().map(|a| a.rule).collect();
    assert_eq!(rules, vec![RuleId::ClotLung, RuleId::MoodCrisis, RuleId::Fever], "emergencies first");
    assert_eq!(alerts[0].action, "Call 112 or 999 now. If you can't make the call, ask someone to call for you.");
    assert_eq!(alerts[1].phone, "116 123");
    assert!(alerts[2].action.contains("112 or 999"));
    assert_eq!(alerts[2].sources, vec!["hse-recovery", "nichd-symptoms", "au-pbb", "misoprostol-label"]);
}

#[test]
fn two_devices_raising_the_same_rule_merge_to_the_newest() {
    let mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3), |d| d.discharge = Some(crate::journal::Discharge::Foul));
    let mine = mend.care().alert_records().unwrap().remove(0);
    let theirs = AlertRecord {
        guid: "from-another-device".into(),
        updated_at: mine.updated_at + Duration::seconds(5),
        acknowledged: true,
        ..mine.clone()
    };
    let mut doc = mend.export().document().unwrap();
    doc.alerts.push(theirs.clone());
    mend.export().import_json(&serde_json::to_string(&doc).unwrap()).unwrap();
    let records = mend.care().alert_records().unwrap();
    assert_eq!(records.iter().map(|r| r.guid.as_str()).collect::<Vec<_>>(), vec!["from-another-device"]);
    assert!(records[0].acknowledged);
}

#[test]
fn alerts_round_trip_through_export_and_import_with_their_acknowledgement() {
    let mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3), |d| d.temperature_c = Some(38.3));
    check_in(&mend, day(3), |d| d.breathless = true);
    let fever = mend.care().alerts(false).unwrap().into_iter().find(|a| a.rule == RuleId::Fever).unwrap();
    mend.care().acknowledge(&fever.id).unwrap();
    let json = mend.export().to_json().unwrap();
    let doc = mend.export().document().unwrap();
    assert_eq!(doc.alerts.len(), 2);

    let target = TempMend::at(day(3));
    let summary = target.export().import_json(&json).unwrap();
    assert_eq!(summary.alerts, 2);
    assert_eq!(target.export().to_json().unwrap(), json);
    let restored = target.care().alerts(true).unwrap();
    assert!(restored.iter().any(|a| a.id == fever.id && a.acknowledged));
    // An older copy of the file doesn't undo a newer acknowledgement.
    let mut older: serde_json::Value = serde_json::from_str(&json).unwrap();
    for alert in older["alerts"].as_array_mut().unwrap() {
        alert["acknowledged"] = false.into();
        alert["updated_at"] = "2020-01-01T00:00:00Z".into();
    }
    assert_eq!(target.export().import_json(&older.to_string()).unwrap().alerts, 0);
    assert!(target.care().alerts(true).unwrap().iter().any(|a| a.id == fever.id && a.acknowledged));
}

#[test]
fn an_export_with_a_bad_alert_is_rejected_whole() {
    let mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3), |d| d.temperature_c = Some(38.3));
    let mut doc: serde_json::Value = serde_json::from_str(&mend.export().to_json().unwrap()).unwrap();
    doc["alerts"][0]["because"][0] = "not a guid!".into();
    match mend.export().import_json(&doc.to_string()) {
        Err(Error::Import { at, .. }) => assert_eq!(at, "alerts[0].because[0]"),
        other => panic!("expected an import error, got {other:?}"),
    }
    doc["alerts"][0]["because"] = serde_json::json!([]);
    doc["alerts"][0]["rule"] = "made-up".into();
    assert!(matches!(mend.export().import_json(&doc.to_string()), Err(Error::Import { .. })));
}

#[test]
fn erase_all_removes_alerts() {
    let mend = TempMend::with_loss(day(3), loss_date(), 9);
    check_in(&mend, day(3), |d| d.temperature_c = Some(38.3));
    assert_eq!(mend.care().alert_records().unwrap().len(), 1);
    mend.export().erase_all().unwrap();
    assert!(mend.care().alert_records().unwrap().is_empty());
}

#[test]
fn seen_by_a_clinician_closes_an_alert_until_a_later_check_in_meets_it_again() {
    // guidance: An alert stays open until ... the person records that a clinician has seen them about it; it
    // re-opens on the next check-in that meets its threshold again or is worse.
    let mut mend = TempMend::with_loss(day(3), loss_date(), 9);
    assert_eq!(check_in(&mend, day(3) - Duration::hours(1), |d| d.temperature_c = Some(38.3)), vec![RuleId::Fever]);
    let id = mend.care().alerts(false).unwrap().remove(0).id;
    let seen = mend.care().seen_by_clinician(&id).unwrap();
    assert_eq!((seen.open, seen.seen_at), (false, Some(day(3))));
    mend.reopen(day(3) + Duration::hours(2));
    assert!(mend.care().alerts(true).unwrap().is_empty(), "the same reading doesn't bring it back");
    // Just below the threshold afterwards: still closed.
    check_in(&mend, day(3) + Duration::hours(1), |d| d.temperature_c = Some(37.9));
    assert!(mend.care().alerts(true).unwrap().is_empty());
    // At the threshold again: the same alert re-opens, a new episode.
    let back = check_in(&mend, day(3) + Duration::hours(2), |d| d.temperature_c = Some(38.0));
    assert_eq!(back, vec![RuleId::Fever]);
    let alert = mend.care().alerts(false).unwrap().remove(0);
    assert_eq!((alert.id.as_str(), alert.episodes, alert.seen_at), (id.as_str(), 2, None));
    assert!(matches!(mend.care().seen_by_clinician("no-such-alert-000"), Err(Error::NotFound { .. })));
}

#[test]
fn an_info_finding_is_a_note_on_today_never_an_alert() {
    // guidance: Brief dizziness on standing that passed within a minute, with spotting only: Info (self-care, and
    // "if it happens again, lasts, or you faint, get seen now")
    let mend = TempMend::with_loss(day(20), loss_date(), 9);
    let raised = check_in(&mend, day(20) - Duration::hours(1), |d| {
        (d.dizziness, d.bleeding) = (Some(crate::journal::Dizziness::Brief), Some(Bleeding::Spotting))
    });
    assert!(raised.is_empty(), "no alert, no notification");
    assert!(mend.care().alert_records().unwrap().is_empty());
    let report = mend.care().report().unwrap();
    assert_eq!(report.notes.len(), 1);
    assert_eq!(report.notes[0].rule, RuleId::DizzyBleeding);
    assert!(report.notes[0].message.contains("If it happens again, lasts, or you faint, get seen now."));
    assert!(report.notes[0].action.contains("112 or 999"), "{}", report.notes[0].action);
    assert_eq!(mend.today_dashboard().unwrap().care_notes, report.notes);
}
