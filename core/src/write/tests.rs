//! The one write path with its three origins: a check-in written by the person, imported from a file and applied
//! from the server raises the same alerts and tells observers the same things; only the person's changes count
//! for upload; a row from the server is recorded in the mirror, is never uploaded again, and merging it a second
//! time changes nothing; and a deletion leaves no copy in the mirror.

use std::sync::Arc;

use chrono::Duration;

use super::{Afterwards, Origin};
use crate::care::RuleId;
use crate::fixtures::{RecordingObserver, TempMend, checkin_at, utc};
use crate::journal::CheckIn;
use crate::journal::rows::upsert_checkin_from;
use crate::observe::Change;
use crate::store::mirror;

fn now() -> chrono::DateTime<chrono::Utc> {
    utc(2026, 5, 6, 12, 0)
}

fn journal() -> (TempMend, Arc<RecordingObserver>, crate::observe::Subscription) {
    let mend = TempMend::with_loss(now(), chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 9);
    let seen = RecordingObserver::new();
    let subscription = mend.subscribe(seen.clone());
    (mend, seen, subscription)
}

/// A fever check-in, made on a scratch journal (so each origin gets the very same row).
fn fever() -> CheckIn {
    let scratch = TempMend::with_loss(now(), chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 9);
    scratch.journal().add_checkin(checkin_at(now() - Duration::hours(1), |d| d.temperature_c = Some(38.6))).unwrap()
}

/// Applies rows as sync will (this test's stand-in for it): through the write path, with `Origin::Remote`.
fn apply_remote(mend: &TempMend, rows: &[CheckIn]) -> Vec<String> {
    let core = mend.core_for_tests();
    let written = core
        .write_change(Origin::Remote, &[Change::Journal], Afterwards::Scrub, |tx, origin| {
            for row in rows {
                upsert_checkin_from(tx, row, origin)?;
            }
            Ok(())
        })
        .unwrap();
    written.raised
}

fn counter(mend: &TempMend, guid: &str) -> i64 {
    mend.core_for_tests()
        .store
        .read(|c| Ok(c.query_row("SELECT sync_change_counter FROM checkins WHERE guid = ?1", [guid], |r| r.get(0))?))
        .unwrap()
}

fn alert_rules(mend: &TempMend) -> Vec<RuleId> {
    mend.care().alerts(true).unwrap().iter().map(|a| a.rule).collect()
}

#[test]
fn a_change_raises_the_same_alerts_and_notifications_whichever_way_it_arrived() {
    let row = fever();

    let (local, local_seen, _s1) = journal();
    let mut input = checkin_at(row.at, |d| *d = row.data.clone());
    input.time_zone = Some(row.time_zone.clone());
    let (saved, _) = local.journal().add_checkin_with_alerts(input).unwrap();

    let (imported, import_seen, _s2) = journal();
    let mut doc = imported.export().document().unwrap();
    doc.checkins = vec![row.clone()];
    imported.export().import_json(&serde_json::to_string(&doc).unwrap()).unwrap();

    let (remote, remote_seen, _s3) = journal();
    let raised = apply_remote(&remote, std::slice::from_ref(&row));

    for (name, mend, seen) in
        [("local", &local, &local_seen), ("import", &imported, &import_seen), ("remote", &remote, &remote_seen)]
    {
        assert_eq!(alert_rules(mend), [RuleId::Fever], "{name}");
        assert_eq!(seen.raised_alerts().len(), 1, "{name}: observers told of the alert once");
        assert_eq!(seen.count(&Change::Journal), 1, "{name}: told of the journal once");
    }
    assert_eq!(raised.len(), 1);
    // Only the person's own changes are to be uploaded.
    assert!(counter(&local, &saved.guid) >= 1);
    assert!(counter(&imported, &row.guid) >= 1);
    assert_eq!(counter(&remote, &row.guid), 0, "a row from the server is never uploaded again");
}

#[test]
fn a_row_from_the_server_is_mirrored_and_merging_it_again_changes_nothing() {
    let row = fever();
    let (mend, seen, _s) = journal();
    apply_remote(&mend, std::slice::from_ref(&row));
    let base = mend.core_for_tests().store.read(|c| Ok(mirror::base(c, "checkins", &row.guid)?)).unwrap();
    let base: CheckIn = serde_json::from_str(&base.expect("mirrored")).unwrap();
    assert_eq!(base, row);
    // The same row again: no change to upload, no new alert.
    assert!(apply_remote(&mend, std::slice::from_ref(&row)).is_empty());
    assert_eq!(counter(&mend, &row.guid), 0);
    assert_eq!(seen.raised_alerts().len(), 1);
    // An older version from the server does not replace a newer local edit, which stays to be uploaded.
    let mut edited = row.clone();
    edited.data.temperature_c = Some(37.0);
    edited.updated_at = row.updated_at + Duration::seconds(10);
    mend.core_for_tests()
        .write_change(Origin::Local, &[Change::Journal], Afterwards::Keep, |tx, o| {
            Ok(upsert_checkin_from(tx, &edited, o)?)
        })
        .unwrap();
    let before = counter(&mend, &row.guid);
    assert!(before >= 1);
    apply_remote(&mend, std::slice::from_ref(&row));
    assert_eq!(counter(&mend, &row.guid), before);
    assert_eq!(mend.journal().checkin(&row.guid).unwrap().unwrap().data.temperature_c, Some(37.0));
    // A deletion leaves no copy of the row's words in the mirror.
    mend.journal().delete_checkin(&row.guid).unwrap();
    let base = mend.core_for_tests().store.read(|c| Ok(mirror::base(c, "checkins", &row.guid)?)).unwrap();
    assert!(base.is_none());
}
