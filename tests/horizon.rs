//! Two guarantees of sync around what a device no longer has (issue 16, item 8):
//!
//! - a device offline past the server's tombstone horizon (here the server purges tombstones at once) never
//!   brings back a row deleted elsewhere: its cursor is refused, it reconciles in full (`core/src/sync/
//!   reconcile.rs`), and what its mirror shows the server had and no longer has is deleted there too;
//! - a device that lost its database (its data directory deleted) and joins again by the phrase never deletes
//!   anything on the others: an empty journal is not a list of deletions.
//!
//! Each ends with [`mend_e2e::devices::Fleet::check`]: every export the same, and every change the merge rule
//! keeps is there.

use mend_core::sync::SyncState;
use mend_e2e::devices::{Entry, Fleet};
use mend_e2e::faults::Forced;

const HORIZON: std::time::Duration = std::time::Duration::from_secs(1);

/// Purges every tombstone on the server now (as its sweeper does once they are older than the horizon).
fn purge(fleet: &Fleet) -> u64 {
    fleet.server.app().store.purge_tombstones(i64::MAX).expect("the purge runs")
}

/// Three check-ins and an event made on device 0, synced to all `n` devices.
fn fleet_in_sync(n: usize) -> (Fleet, Vec<String>) {
    let mut fleet = Fleet::new(&vec![false; n], 7, HORIZON);
    let mut rows: Vec<String> = (0..3).map(|_| fleet.create(0, Entry::CheckIn)).collect();
    rows.push(fleet.create(0, Entry::Event));
    fleet.settle(4).unwrap();
    for i in 0..n {
        assert_eq!(fleet.live_rows(i).len(), 4, "device {i} has the journal");
    }
    (fleet, rows)
}

fn has(fleet: &Fleet, device: usize, guid: &str) -> bool {
    fleet.live_rows(device).iter().any(|(g, _)| g == guid)
}

#[test]
fn a_device_offline_past_the_horizon_never_brings_back_a_row_deleted_elsewhere() {
    let (mut fleet, rows) = fleet_in_sync(3);
    // Device 1 goes offline and keeps writing: an edit of a row nobody deletes, and a new row.
    fleet.edit(1, &rows[1], 2);
    let made_offline = fleet.create(1, Entry::CheckIn);
    // Meanwhile device 0 deletes a row and device 2 syncs it; the tombstone is purged.
    fleet.delete(0, &rows[0]);
    fleet.sync(0, false).unwrap();
    fleet.sync(2, false).unwrap();
    assert!(purge(&fleet) >= 1, "the deletion's tombstone is purged");
    // Device 1 comes back: its cursor is past the horizon, so it reconciles in full.
    let report = fleet.sync(1, false).unwrap();
    assert!(report.downloaded >= 3, "a full download after the refused cursor (3 rows are on the server): {report:?}");
    assert!(!has(&fleet, 1, &rows[0]), "the row deleted elsewhere is deleted here too");
    fleet.settle(4).unwrap();
    for i in 0..3 {
        assert!(!has(&fleet, i, &rows[0]), "device {i} never gets the deleted row back");
        assert!(has(&fleet, i, &made_offline), "device {i} has the row made offline");
    }
    fleet.check().unwrap();
}

#[test]
fn an_edit_older_than_a_purged_deletion_does_not_bring_the_row_back() {
    let (mut fleet, rows) = fleet_in_sync(2);
    // Device 1 edits a row offline; later, device 0 deletes it: the deletion is the later change.
    fleet.edit(1, &rows[0], 0);
    std::thread::sleep(std::time::Duration::from_millis(5));
    fleet.delete(0, &rows[0]);
    fleet.sync(0, false).unwrap();
    assert!(purge(&fleet) >= 1);
    let report = fleet.sync(1, false).unwrap();
    assert!(report.downloaded >= 3, "a full download after the refused cursor (3 rows are on the server): {report:?}");
    // Its edit went up as a new record (the server no longer had the row), but the deletion is still on device 0
    // with its clock, later than the edit's: device 0 keeps it and sends it again, and it wins everywhere.
    fleet.settle(4).unwrap();
    for i in 0..2 {
        assert!(!has(&fleet, i, &rows[0]), "device {i} never gets the deleted row back");
    }
    fleet.check().unwrap();
}

#[test]
fn a_device_that_lost_its_database_deletes_nothing_elsewhere() {
    let (mut fleet, rows) = fleet_in_sync(3);
    // Device 0 edits a row and syncs; device 2, everything of its own on the server, loses its database.
    fleet.edit(0, &rows[2], 2);
    fleet.sync(0, false).unwrap();
    fleet.lose_database(2);
    assert!(fleet.live_rows(2).is_empty(), "the new database starts empty");
    // The empty device syncs, and so does everyone else, many times over.
    fleet.settle(4).unwrap();
    for i in 0..3 {
        for guid in &rows {
            assert!(has(&fleet, i, guid), "device {i} still has {guid}");
        }
    }
    // It writes again, and the others keep everything.
    let after = fleet.create(2, Entry::Event);
    fleet.settle(4).unwrap();
    for i in 0..3 {
        assert_eq!(fleet.live_rows(i).len(), 5, "device {i}");
        assert!(has(&fleet, i, &after));
    }
    fleet.check().unwrap();
}

/// When the purged deletion was the last write on the server, the full download ends below the server's version
/// (the tombstone is gone): the device must still reach `synced`, and not reconcile in full at every sync.
#[test]
fn a_device_back_from_past_the_horizon_is_synced_after_one_sync() {
    let (mut fleet, rows) = fleet_in_sync(2);
    fleet.delete(0, &rows[0]);
    fleet.sync(0, false).unwrap();
    assert!(purge(&fleet) >= 1);
    let report = fleet.sync(1, false).unwrap();
    assert!(report.downloaded >= 3, "a full download after the refused cursor (3 rows are on the server): {report:?}");
    assert!(!has(&fleet, 1, &rows[0]));
    let status = fleet.devices[1].mend.sync(&fleet.devices[1].keys, false).status().unwrap();
    assert_eq!(status.state, SyncState::Synced, "{}", status.words);
    let again = fleet.sync(1, false).unwrap();
    assert_eq!(again.downloaded, 0, "no second full download: {again:?}");
    fleet.check().unwrap();
}

/// A full reconcile asks for every page from version 0 again — the same URL as the device's first download. A
/// stale copy of that first page (an HTTP cache, a duplicated reply) must not make the device think the rows
/// made since are gone from the server: nothing is deleted on any device.
#[test]
fn a_stale_first_page_during_a_full_reconcile_deletes_nothing() {
    let (mut fleet, rows) = fleet_in_sync(2);
    // Rows made after device 1's first download (so that page does not hold them).
    let later: Vec<String> = (0..2).map(|_| fleet.create(0, Entry::CheckIn)).collect();
    fleet.settle(4).unwrap();
    // Device 1 is offline while device 0 deletes a row and the tombstone is purged.
    fleet.delete(0, &rows[0]);
    fleet.sync(0, false).unwrap();
    assert!(purge(&fleet) >= 1);
    fleet.devices[1].transport.force_next("GET", "since=0&", Forced::Stale);
    let _ = fleet.sync(1, false);
    assert_eq!(fleet.devices[1].transport.counts().duplicated, 1, "the stale page was given");
    fleet.settle(4).unwrap();
    for i in 0..2 {
        for guid in rows[1..].iter().chain(&later) {
            assert!(has(&fleet, i, guid), "device {i} still has {guid}");
        }
        assert!(!has(&fleet, i, &rows[0]), "device {i} never gets the deleted row back");
    }
    fleet.check().unwrap();
}

/// A full reconcile stopped part way (here its first page is lost) starts again at the next sync: the row
/// deleted elsewhere is deleted here too, not kept because the second try began at version 0 as an ordinary sync.
#[test]
fn an_interrupted_full_reconcile_starts_again_and_still_deletes() {
    let (mut fleet, rows) = fleet_in_sync(2);
    fleet.delete(0, &rows[0]);
    fleet.sync(0, false).unwrap();
    assert!(purge(&fleet) >= 1);
    fleet.devices[1].transport.force_next("GET", "since=0&", Forced::Lost);
    assert!(fleet.sync(1, false).is_err(), "the full download was interrupted");
    fleet.settle(4).unwrap();
    for i in 0..2 {
        assert!(!has(&fleet, i, &rows[0]), "device {i} does not keep the row deleted elsewhere");
    }
    fleet.check().unwrap();
}

/// A device revives a row (its edit is later than the deletion it then downloads), but its upload does not get
/// through before the tombstone is purged: the server no longer has the record its precondition names. The row
/// goes up as new, rather than being refused at every round for ever.
#[test]
fn a_row_revived_here_goes_up_after_its_tombstone_was_purged() {
    let (mut fleet, rows) = fleet_in_sync(2);
    fleet.delete(0, &rows[0]);
    fleet.sync(0, false).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    fleet.edit(1, &rows[0], 1);
    fleet.devices[1].transport.force_next("POST", "/v1/records", Forced::Lost);
    assert!(fleet.sync(1, false).is_err(), "the upload was lost");
    assert!(has(&fleet, 1, &rows[0]), "the later edit revived the row here");
    assert!(purge(&fleet) >= 1);
    fleet.settle(4).unwrap();
    for i in 0..2 {
        assert!(has(&fleet, i, &rows[0]), "device {i} has the revived row");
    }
    fleet.check().unwrap();
}

/// The same with a reordered reply: the full download's first request (from version 0) is answered with the
/// device's last page before it went offline (an empty poll at its old cursor). The device knows from the
/// refusal how far the server had got (the purged version), so that page is stale: nothing is deleted anywhere.
#[test]
fn a_reordered_page_during_a_full_reconcile_deletes_nothing() {
    let (mut fleet, rows) = fleet_in_sync(2);
    fleet.delete(0, &rows[0]);
    fleet.sync(0, false).unwrap();
    assert!(purge(&fleet) >= 1);
    fleet.devices[1].transport.force_next("GET", "since=0&", Forced::Reordered);
    let _ = fleet.sync(1, true);
    assert_eq!(fleet.devices[1].transport.counts().reordered, 1, "the reordered page was given");
    fleet.settle(4).unwrap();
    for i in 0..2 {
        for guid in &rows[1..] {
            assert!(has(&fleet, i, guid), "device {i} still has {guid}");
        }
        assert!(!has(&fleet, i, &rows[0]), "device {i} never gets the deleted row back");
    }
    fleet.check().unwrap();
}
