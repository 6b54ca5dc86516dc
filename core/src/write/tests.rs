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
use crate::journal::rows::{CHECKINS, upsert_checkin_from};
use crate::observe::Change;
use crate::store::mirror;
use crate::sync::apply::{self, Incoming};
use crate::sync::hlc::Hlc;
use crate::sync::merge::Version;
use crate::sync::payload::Payload;
use crate::sync::stored;
use rusqlite::types::{ToSqlOutput, ValueRef};

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

/// The clock another device (99) gave a row: its `updated_at`.
fn their_clock(row: &CheckIn) -> Hlc {
    Hlc { millis: row.updated_at.timestamp_millis() as u64, counter: 0, device: 99 }
}

/// A check-in as sync carries it: every column the registry describes, with the clock it came with.
fn version_of(row: &CheckIn, clock: Hlc) -> Version {
    let fields = CHECKINS
        .table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let value = match CHECKINS.value(row, i).unwrap() {
                ToSqlOutput::Borrowed(v) => stored::json(v),
                ToSqlOutput::Owned(v) => stored::json(ValueRef::from(&v)),
                _ => serde_json::Value::Null,
            };
            (column, value)
        })
        .filter(|(column, value)| !(value.is_null() || stored::omits_no(column) && *value == 0))
        .map(|(column, value)| (column.name.to_owned(), value))
        .collect();
    Version { clock, deleted: false, fields }
}

/// Applies rows as sync does (`sync::apply`): through the write path, with `Origin::Remote`, each row with the
/// clock another device (99) gave it, as the server's next version.
fn apply_remote(mend: &TempMend, rows: &[CheckIn]) -> Vec<String> {
    let next = next_version(mend);
    let clocked: Vec<_> = rows.iter().enumerate().map(|(i, r)| (r.clone(), their_clock(r), next + i as u64)).collect();
    apply_remote_clocked(mend, &clocked)
}

/// The server version after the mirror's latest.
fn next_version(mend: &TempMend) -> u64 {
    let latest: i64 = mend
        .core_for_tests()
        .store
        .read(|c| Ok(c.query_row("SELECT coalesce(max(version), 0) FROM sync_mirror", [], |r| r.get(0))?))
        .unwrap();
    latest as u64 + 1
}

/// Applies `(row, clock, server version)`s as sync does.
fn apply_remote_clocked(mend: &TempMend, rows: &[(CheckIn, Hlc, u64)]) -> Vec<String> {
    let core = mend.core_for_tests();
    let incoming: Vec<Incoming> = rows
        .iter()
        .map(|(row, clock, version)| Incoming {
            table: &CHECKINS.table,
            payload: Payload {
                table: "checkins".into(),
                guid: row.guid.clone(),
                key: None,
                row: version_of(row, *clock),
            },
            version: *version,
        })
        .collect();
    let now = core.clock.now().timestamp_millis();
    let written = core
        .write_remote(
            &[Change::Journal],
            Afterwards::Scrub,
            |a: &apply::Applied| a.fresh,
            |tx| Ok(apply::apply(tx, &incoming, &mut apply::Guard::new(false), now)?),
        )
        .unwrap();
    written.raised
}

/// Writes `row` as the person's own change, through the write path.
fn write_local(mend: &TempMend, row: &CheckIn) {
    mend.core_for_tests()
        .write_change(Origin::Local, &[Change::Journal], Afterwards::Keep, |tx, o| Ok(upsert_checkin_from(tx, row, o)?))
        .unwrap();
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
    let (base, version) = base.expect("mirrored");
    assert_eq!(base, Some(version_of(&row, their_clock(&row))));
    assert_eq!(version, 1);
    // The same row again: no change to upload, no new alert.
    assert!(apply_remote(&mend, std::slice::from_ref(&row)).is_empty());
    assert_eq!(counter(&mend, &row.guid), 0);
    assert_eq!(seen.raised_alerts().len(), 1);
    // An older version from the server does not replace a newer local edit, which stays to be uploaded.
    let mut edited = row.clone();
    edited.data.temperature_c = Some(37.0);
    edited.updated_at = row.updated_at + Duration::seconds(10);
    write_local(&mend, &edited);
    let before = counter(&mend, &row.guid);
    assert!(before >= 1);
    apply_remote(&mend, std::slice::from_ref(&row));
    assert_eq!(counter(&mend, &row.guid), before);
    assert_eq!(mend.journal().checkin(&row.guid).unwrap().unwrap().data.temperature_c, Some(37.0));
    // A deletion leaves no copy of the row's words in the mirror.
    mend.journal().delete_checkin(&row.guid).unwrap();
    let base = mend.core_for_tests().store.read(|c| Ok(mirror::base(c, "checkins", &row.guid)?)).unwrap();
    assert_eq!(base, Some((None, 3)), "the entry keeps its version and loses the words");
}

fn clock_of(mend: &TempMend, guid: &str) -> Hlc {
    let text: String = mend
        .core_for_tests()
        .store
        .read(|c| Ok(c.query_row("SELECT clock FROM checkins WHERE guid = ?1", [guid], |r| r.get(0))?))
        .unwrap();
    Hlc::parse(&text).expect("a written row carries a clock")
}

#[test]
fn a_row_from_the_server_keeps_its_clock_and_the_persons_changes_and_imports_get_a_new_one_of_this_device() {
    let row = fever();
    let (mend, _seen, _s) = journal();
    let device = mend.core_for_tests().store.read(|c| Ok(crate::store::clock::latest(c)?)).unwrap().device;
    // From the server: the incoming clock, not this device's.
    let theirs = their_clock(&row);
    apply_remote_clocked(&mend, &[(row.clone(), theirs, 1)]);
    assert_eq!(clock_of(&mend, &row.guid), theirs);
    // A later version from the server replaces it (by clock), keeping that clock; an earlier one does not.
    let mut later = row.clone();
    later.data.temperature_c = Some(38.9);
    let later_clock = Hlc { counter: 1, ..theirs };
    apply_remote_clocked(&mend, &[(later.clone(), later_clock, 2)]);
    assert_eq!(clock_of(&mend, &row.guid), later_clock);
    // A duplicated reply of the older version: the mirror has a newer one, so nothing changes.
    apply_remote_clocked(&mend, &[(row.clone(), theirs, 1)]);
    assert_eq!(mend.journal().checkin(&row.guid).unwrap().unwrap().data.temperature_c, Some(38.9));
    // The person's edit: a new clock of this device's, later than the one received.
    let mut edited = later.clone();
    edited.data.temperature_c = Some(37.2);
    edited.updated_at = later.updated_at + Duration::seconds(5);
    write_local(&mend, &edited);
    let local = clock_of(&mend, &row.guid);
    assert!(local.device == device && local > later_clock, "{local}");
    // An import of a version 1 file (no clocks; merged by `updated_at`): a new clock of this device's too.
    let mut imported = edited.clone();
    imported.data.temperature_c = Some(36.9);
    imported.updated_at = edited.updated_at + Duration::seconds(5);
    let mut doc = mend.export().document().unwrap();
    doc.checkins = vec![imported.clone()];
    let v1 = crate::export::ExportDocument { version: 1, clocks: Default::default(), deleted: vec![], ..doc.clone() };
    mend.export().import_json(&serde_json::to_string(&v1).unwrap()).unwrap();
    let after_import = clock_of(&mend, &row.guid);
    assert!(after_import.device == device && after_import > local, "{after_import}");
    // A version 2 file's row keeps the clock it carries, when that is later; this device's clock moves past it.
    let elsewhere = Hlc { millis: after_import.millis + 60_000, counter: 0, device: device ^ 1 };
    imported.data.temperature_c = Some(36.6);
    doc.checkins = vec![imported];
    doc.clocks = [("checkins".to_owned(), [(row.guid.clone(), elsewhere.to_string())].into())].into();
    mend.export().import_json(&serde_json::to_string(&doc).unwrap()).unwrap();
    assert_eq!(clock_of(&mend, &row.guid), elsewhere);
    let latest = mend.core_for_tests().store.read(|c| Ok(crate::store::clock::latest(c)?)).unwrap();
    assert!(latest > elsewhere && latest.device == device, "{latest}");
}

#[test]
fn an_alert_raised_by_entries_made_long_ago_elsewhere_is_shown_but_not_notified() {
    let scratch = TempMend::with_loss(now(), chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 9);
    let old = scratch
        .journal()
        .add_checkin(checkin_at(now() - Duration::hours(8), |d| d.temperature_c = Some(38.6)))
        .unwrap();
    let (mend, seen, _s) = journal();
    apply_remote(&mend, std::slice::from_ref(&old));
    assert_eq!(alert_rules(&mend), [RuleId::Fever], "the alert is shown");
    assert!(seen.raised_alerts().is_empty(), "but not notified: the fever was 8 hours ago, on another device");
    assert_eq!(seen.count(&Change::Journal), 1);

    // The same from the last 6 hours is notified.
    let (fresh_mend, fresh_seen, _s2) = journal();
    apply_remote(&fresh_mend, &[fever()]);
    assert_eq!(fresh_seen.raised_alerts().len(), 1);
}
