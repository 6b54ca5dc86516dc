//! Records: batches with preconditions, keyset pages, epochs and key wraps, tombstones past the horizon, and
//! another account's guessed ids.

use std::time::Duration;

use mend_protocol::ErrorCode;
use mend_protocol::accounts::Done;
use mend_protocol::keys::{AddWraps, DeviceWrap, EpochSwitch, EpochSwitched, KeyWraps};
use mend_protocol::records::{BatchOutcome, Conflict, Page, Precondition, RecordWrite, UploadBatch};
use mend_protocol::routes as r;
use sha2::{Digest, Sha256};

use crate::support::*;

pub fn write(id: &str, epoch: u32, precondition: Precondition, body: &[u8]) -> RecordWrite {
    RecordWrite {
        collection: b"tag-checkins".to_vec(),
        id: id.as_bytes().to_vec(),
        epoch,
        deleted: false,
        precondition,
        body: body.to_vec(),
    }
}

pub fn delete(id: &str, epoch: u32, version: u64) -> RecordWrite {
    RecordWrite {
        deleted: true,
        body: vec![],
        precondition: Precondition::Version(version),
        ..write(id, epoch, Precondition::Any, b"")
    }
}

pub async fn upload(device: &Device, records: Vec<RecordWrite>) -> Result<BatchOutcome, Refusal> {
    device.client.post(r::RECORDS, &UploadBatch { records }).await
}

pub async fn page(device: &Device, since: u64, limit: u32) -> Result<Page, Refusal> {
    device.client.get(&format!("{}?since={since}&limit={limit}", r::RECORDS)).await
}

#[tokio::test]
async fn batches_commit_whole_with_versions_and_refuse_whole_with_current_versions() {
    let server = TestServer::start().await;
    let a = account(&server.client()).await.device;
    let outcome =
        upload(&a, vec![write("r1", 0, Precondition::Absent, b"one"), write("r2", 0, Precondition::Any, b"two")]).await;
    assert_eq!(outcome.unwrap(), BatchOutcome::Committed { versions: vec![1, 2], server_version: 2 });
    // r1 is at 1: a stale precondition on r1 and an Absent on the existing r2 refuse the whole batch.
    let refused = upload(
        &a,
        vec![
            write("r3", 0, Precondition::Absent, b"three"),
            write("r1", 0, Precondition::Version(7), b"one'"),
            write("r2", 0, Precondition::Absent, b"two'"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(
        refused,
        BatchOutcome::Refused {
            conflicts: vec![
                Conflict { index: 1, current_version: Some(1) },
                Conflict { index: 2, current_version: Some(2) }
            ]
        }
    );
    let all = page(&a, 0, 100).await.unwrap();
    assert_eq!(all.records.len(), 2, "nothing of the refused batch was written");
    assert_eq!(all.server_version, 2);
    let retried =
        upload(&a, vec![write("r1", 0, Precondition::Version(1), b"one'"), delete("r2", 0, 2)]).await.unwrap();
    assert_eq!(retried, BatchOutcome::Committed { versions: vec![3, 4], server_version: 4 });
    let since = page(&a, 2, 100).await.unwrap();
    assert_eq!(since.records.len(), 2);
    assert_eq!(since.records[0].body, b"one'");
    assert!(since.records[1].deleted && since.records[1].body.is_empty());
}

#[tokio::test]
async fn pages_are_keyset_by_version_with_a_cursor() {
    let server = TestServer::start().await;
    let a = account(&server.client()).await.device;
    let batch: Vec<_> = (0..25).map(|i| write(&format!("r{i:02}"), 0, Precondition::Absent, &[i as u8; 30])).collect();
    upload(&a, batch).await.unwrap();
    let (mut cursor, mut seen, mut requests) = (0, Vec::new(), 0);
    loop {
        let page = page(&a, cursor, 10).await.unwrap();
        requests += 1;
        seen.extend(page.records.iter().map(|record| record.version));
        cursor = page.next_cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(seen, (1..=25).collect::<Vec<u64>>());
    assert_eq!(requests, 3);
    let empty = page(&a, 25, 10).await.unwrap();
    assert!(empty.records.is_empty() && !empty.more && empty.next_cursor == 25 && empty.server_version == 25);
    assert_eq!(field(a.client.get::<Page>("/v1/records?since=x").await).as_deref(), Some("since"));
    assert_eq!(field(a.client.get::<Page>("/v1/records?limit=0").await).as_deref(), Some("limit"));
}

#[tokio::test]
async fn another_account_never_sees_or_touches_records_or_wraps() {
    let server = TestServer::start().await;
    let a = account(&server.client()).await.device;
    let b = account(&server.client()).await.device;
    upload(&a, vec![write("same-id", 0, Precondition::Absent, b"a's secret")]).await.unwrap();
    // B writes the same (collection, id): its own record, A's is untouched.
    upload(&b, vec![write("same-id", 0, Precondition::Absent, b"b's")]).await.unwrap();
    assert_eq!(page(&a, 0, 10).await.unwrap().records[0].body, b"a's secret");
    assert_eq!(page(&b, 0, 10).await.unwrap().records[0].body, b"b's");
    // B guesses A's device id for wraps and an epoch switch: refused, A's keys unchanged.
    let guess = AddWraps {
        device_wraps: vec![DeviceWrap { device_id: a.device_id.clone(), wrap: vec![1; 40] }],
        kek_wrap: None,
        staged_from: None,
    };
    assert_eq!(code(b.client.call::<_, Done>("PUT", "/v1/keys/0", Some(&guess)).await), ErrorCode::NotFound);
    let wraps: KeyWraps = a.client.get(r::KEYS).await.unwrap();
    assert_eq!(wraps.device[0].wrap, vec![0x44; 80]);
}

fn digest(records: &[(&[u8], &[u8], u64)]) -> Vec<u8> {
    let mut sorted = records.to_vec();
    sorted.sort();
    let mut input = Vec::new();
    for (collection, id, version) in sorted {
        mend_protocol::signing::digest_entry(&mut input, collection, id, version);
    }
    Sha256::digest(&input).to_vec()
}

#[tokio::test]
async fn an_epoch_switch_needs_every_record_in_the_new_epoch_and_a_matching_digest() {
    let server = TestServer::start().await;
    let a = account(&server.client()).await.device;
    upload(&a, vec![write("x", 0, Precondition::Absent, b"x0"), write("y", 0, Precondition::Absent, b"y0")])
        .await
        .unwrap();
    let switch = |count, digest| EpochSwitch {
        from_epoch: 0,
        record_count: count,
        digest,
        kek_wrap: vec![0x51; 72],
        device_wraps: vec![DeviceWrap { device_id: a.device_id.clone(), wrap: vec![0x52; 80] }],
    };
    // Not yet re-encrypted: refused with the server's count.
    let early = a
        .client
        .post::<_, EpochSwitched>(
            r::EPOCHS,
            &switch(2, digest(&[(b"tag-checkins", b"x", 1), (b"tag-checkins", b"y", 2)])),
        )
        .await;
    assert_eq!(code(early), ErrorCode::EpochMismatch { record_count: 2, current_epoch: 0 });
    // Re-encrypt into epoch 1 (writes may name the current epoch or the next).
    upload(&a, vec![write("x", 1, Precondition::Version(1), b"x1"), write("y", 1, Precondition::Version(2), b"y1")])
        .await
        .unwrap();
    let wrong = a
        .client
        .post::<_, EpochSwitched>(
            r::EPOCHS,
            &switch(2, digest(&[(b"tag-checkins", b"x", 1), (b"tag-checkins", b"y", 2)])),
        )
        .await;
    assert_eq!(code(wrong), ErrorCode::EpochMismatch { record_count: 2, current_epoch: 0 });
    let right = digest(&[(b"tag-checkins", b"x", 3), (b"tag-checkins", b"y", 4)]);
    let switched: EpochSwitched = a.client.post(r::EPOCHS, &switch(2, right.clone())).await.unwrap();
    assert_eq!(switched.epoch, 1);
    assert_eq!(
        code(a.client.post::<_, EpochSwitched>(r::EPOCHS, &switch(2, right)).await),
        ErrorCode::StaleEpoch { current_epoch: 1 }
    );
    assert_eq!(
        code(upload(&a, vec![write("z", 0, Precondition::Absent, b"old")]).await),
        ErrorCode::StaleEpoch { current_epoch: 1 }
    );
    let wraps: KeyWraps = a.client.get(r::KEYS).await.unwrap();
    assert_eq!(wraps.epoch, 1);
    assert_eq!(wraps.kek.iter().map(|wrap| wrap.epoch).collect::<Vec<_>>(), vec![0, 1]);
    assert_eq!(wraps.device[1].wrap, vec![0x52; 80]);
}

#[tokio::test]
async fn tombstones_are_purged_after_the_horizon_and_old_cursors_are_told_to_reconcile() {
    let server = TestServer::with(|config| config.tombstone_horizon = Duration::from_secs(1)).await;
    let a = account(&server.client()).await.device;
    upload(&a, vec![write("keep", 0, Precondition::Absent, b"k"), write("gone", 0, Precondition::Absent, b"g")])
        .await
        .unwrap();
    upload(&a, vec![delete("gone", 0, 2)]).await.unwrap();
    assert_eq!(page(&a, 0, 10).await.unwrap().records.len(), 2, "the tombstone is served before the horizon");
    let mut purged = false;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if page(&a, 0, 10).await.unwrap().records.len() == 1 {
            purged = true;
            break;
        }
    }
    assert!(purged, "the tombstone was not purged within 10 s of a 1 s horizon");
    assert_eq!(code(page(&a, 1, 10).await), ErrorCode::CursorBeyondHorizon { horizon_version: 3 });
    assert_eq!(page(&a, 3, 10).await.unwrap().records.len(), 0);
}
