//! Decisions about alerts travel apart from the alerts: acknowledging and recording a clinician's visit on one
//! device records them in `alert_decisions` (to upload); applied on another device, whose own engine raised the
//! same alert, they quiet and then close it there too.

use chrono::Duration;

use super::*;
use crate::fixtures::{TempMend, checkin_at, utc};
use crate::journal::CheckIn;
use crate::observe::Change;
use crate::write::{Afterwards, Origin};

fn now() -> DateTime<Utc> {
    utc(2026, 5, 6, 12, 0)
}

fn device(now: DateTime<Utc>) -> TempMend {
    TempMend::with_loss(now, chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 9)
}

fn import(mend: &TempMend, row: &CheckIn) {
    let mut doc = mend.export().document().unwrap();
    doc.checkins = vec![row.clone()];
    mend.export().import_json(&serde_json::to_string(&doc).unwrap()).unwrap();
}

fn decision(mend: &TempMend) -> AlertDecision {
    let all = mend.core_for_tests().store.read(|c| Ok(load(c)?)).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_values().next().unwrap()
}

fn apply_remote(mend: &TempMend, decision: &AlertDecision) {
    mend.core_for_tests()
        .write_change(Origin::Remote, &[Change::Journal], Afterwards::Keep, |tx, origin| {
            Ok(DECISIONS.write(tx, decision, origin)?)
        })
        .unwrap();
}

fn counter(mend: &TempMend) -> i64 {
    let sql = "SELECT sync_change_counter FROM alert_decisions";
    mend.core_for_tests().store.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?)).unwrap()
}

#[test]
fn a_decision_made_on_one_device_quiets_and_closes_the_same_alert_on_another() {
    // Device B raised a fever alert at `now`; device A, an hour later, raised the same from the same check-in.
    let b = device(now());
    let row =
        b.journal().add_checkin(checkin_at(now() - Duration::hours(1), |d| d.temperature_c = Some(38.6))).unwrap();
    let a = device(now() + Duration::hours(1));
    import(&a, &row);
    let on_a = a.care().alerts(false).unwrap();
    assert_eq!(on_a.len(), 1);
    assert_eq!(b.care().alerts(false).unwrap().len(), 1);
    assert!(b.core_for_tests().store.read(|c| Ok(load(c)?)).unwrap().is_empty(), "no decision yet");

    // Acknowledged on A: recorded as the person's decision, to upload, keyed by the rule.
    a.care().acknowledge(&on_a[0].id).unwrap();
    let acknowledged = decision(&a);
    assert_eq!(acknowledged.rule, on_a[0].rule.code());
    assert_eq!(acknowledged.acknowledged_at, Some(now() + Duration::hours(1)));
    assert!(counter(&a) >= 1);

    // Applied on B: B's own alert (another guid) is acknowledged there too, and B will not upload it again.
    apply_remote(&b, &acknowledged);
    assert!(b.care().alerts(false).unwrap().is_empty(), "quieted on B");
    let shown = b.care().alerts(true).unwrap();
    assert!(shown.len() == 1 && shown[0].acknowledged && shown[0].id != on_a[0].id);
    assert_eq!(counter(&b), 0);

    // Seen by a clinician on A: the decision grows, and B's alert closes.
    a.care().seen_by_clinician(&on_a[0].id).unwrap();
    let seen = decision(&a);
    assert_eq!((seen.guid.as_str(), seen.seen_at), (acknowledged.guid.as_str(), Some(now() + Duration::hours(1))));
    apply_remote(&b, &seen);
    assert!(b.care().alerts(true).unwrap().is_empty(), "closed on B");
    assert_eq!(decision(&b), seen);
}

#[test]
fn an_older_decision_never_reapplies_to_an_alert_raised_since() {
    let mut alert = AlertRecord {
        guid: "abcdefghijklmnop".into(),
        rule: crate::care::RuleId::Fever,
        raised_at: now(),
        cleared_at: None,
        because: vec![],
        message: String::new(),
        acknowledged: false,
        acknowledged_at: None,
        episodes: 2,
        created_at: now() - Duration::days(3),
        updated_at: now(),
        level: None,
        acknowledged_level: None,
        severity: None,
        seen_at: None,
    };
    let old = AlertDecision {
        guid: "qrstuvwxyzabcdef".into(),
        rule: "fever".into(),
        acknowledged_at: Some(now() - Duration::days(1)),
        acknowledged_level: Some(2.0),
        seen_at: Some(now() - Duration::days(1)),
        created_at: now() - Duration::days(2),
        updated_at: now() - Duration::days(1),
    };
    let before = alert.clone();
    apply(&mut alert, &old);
    assert_eq!(alert, before, "a decision from an earlier episode changes nothing");
    let newer = AlertDecision { acknowledged_at: Some(now() + Duration::minutes(5)), ..old };
    apply(&mut alert, &newer);
    assert!(alert.acknowledged && alert.acknowledged_level == Some(2.0) && alert.is_open());
}
