//! The checks every backend must pass, each on a fresh store, with explicit clocks so expiry and the tombstone
//! horizon are tested without waiting.

use std::sync::Arc;

use mend_protocol::groups::{Channel, GroupCursor, SignedWrite};
use mend_protocol::keys::{AddWraps, DeviceWrap, EpochSwitch, EpochWrap};
use mend_protocol::records::{BatchOutcome, Conflict, Precondition, RecordWrite};
use mend_server::storage::{DeviceRow, NewAccount, Quotas, Storage, StoreError};
use sha2::{Digest, Sha256};

type Factory<'a> = &'a dyn Fn() -> Arc<dyn Storage>;
type Check = (&'static str, fn(&dyn Storage));

const QUOTAS: Quotas = Quotas { account_bytes: 1 << 30, server_bytes: 1 << 32, mailbox_messages: 4 };

/// Runs every check, each on a fresh store.
pub fn run_all(fresh: Factory) {
    let checks: &[Check] = &[
        ("server key is made once", server_key_is_made_once),
        ("accounts and lookup ids", accounts_and_lookup_ids),
        ("challenges are single use and expire", challenges_are_single_use_and_expire),
        ("registration tokens are consumed", registration_tokens_are_consumed),
        ("batches are all or nothing", batches_are_all_or_nothing),
        ("a batch may name a record twice", a_batch_may_name_a_record_twice),
        ("one account's batches race", one_accounts_batches_race),
        ("accounts are isolated", accounts_are_isolated),
        ("pages and the tombstone horizon", pages_and_the_tombstone_horizon),
        ("epoch switch", epoch_switch),
        ("devices, revocation and mail", devices_revocation_and_mail),
        ("link mailboxes expire", link_mailboxes_expire),
        ("group mailboxes", group_mailboxes),
        ("quotas", quotas),
        ("the server cap holds under concurrent writers", server_cap_under_concurrent_writers),
    ];
    for (name, check) in checks {
        eprintln!("conformance: {name}");
        let store = fresh();
        check(store.as_ref());
    }
}

fn device(account: &[u8], id: u8) -> DeviceRow {
    DeviceRow {
        device_id: vec![id; 16],
        account_id: account.to_vec(),
        signing_key: vec![id; 32],
        exchange_key: vec![id; 32],
        name: vec![id; 20],
        added_at: 100 + i64::from(id),
        last_seen_at: None,
        revoked_at: None,
        wipe_order: None,
    }
}

fn create(store: &dyn Storage, account: u8) -> Vec<u8> {
    let account_id = vec![account; 16];
    store
        .create_account(NewAccount {
            account_id: account_id.clone(),
            lookup_id: vec![account; 32],
            recovery_key: vec![account; 32],
            kek_wrap: vec![0xaa; 40],
            device: device(&account_id, account),
            device_wrap: vec![0xbb; 40],
            registration_token_hash: None,
            now: 100,
        })
        .unwrap();
    account_id
}

fn write(id: &str, epoch: u32, precondition: Precondition, body: &[u8]) -> RecordWrite {
    RecordWrite { collection: b"c".to_vec(), id: id.into(), epoch, deleted: false, precondition, body: body.to_vec() }
}

fn server_key_is_made_once(store: &dyn Storage) {
    let first = store.server_key([1; 32]).unwrap();
    assert_eq!(first, [1; 32]);
    assert_eq!(store.server_key([2; 32]).unwrap(), first);
    store.ping().unwrap();
}

fn accounts_and_lookup_ids(store: &dyn Storage) {
    let account = create(store, 1);
    let mut again = NewAccount {
        account_id: vec![9; 16],
        lookup_id: vec![1; 32],
        recovery_key: vec![9; 32],
        kek_wrap: vec![1],
        device: device(&[9; 16], 9),
        device_wrap: vec![1],
        registration_token_hash: None,
        now: 1,
    };
    assert_eq!(store.create_account(again.clone()), Err(StoreError::AlreadyExists));
    assert_eq!(store.device(&[9; 16]), Err(StoreError::NotFound), "a refused account leaves no device");
    assert_eq!(store.recovery_key(&[1; 32]).unwrap(), (account.clone(), vec![1; 32]));
    store.new_phrase(&account, &[7; 32], &[7; 32], &[EpochWrap { epoch: 0, wrap: vec![0xcc; 40] }]).unwrap();
    assert_eq!(store.recovery_key(&[1; 32]), Err(StoreError::NotFound));
    assert_eq!(store.key_wraps(&account, &[1; 16]).unwrap().kek, vec![EpochWrap { epoch: 0, wrap: vec![0xcc; 40] }]);
    assert!(matches!(
        store.new_phrase(&account, &[7; 32], &[7; 32], &[EpochWrap { epoch: 5, wrap: vec![1] }]),
        Err(StoreError::StaleEpoch { .. })
    ));
    store.upload(&account, &[write("r", 0, Precondition::Any, b"x")], 1, QUOTAS).unwrap();
    store.delete_account(&account).unwrap();
    assert_eq!(store.recovery_key(&[7; 32]), Err(StoreError::NotFound));
    assert_eq!(store.device(&[1; 16]), Err(StoreError::NotFound));
    assert_eq!(store.page(&account, 0, 10), Err(StoreError::NotFound));
    again.lookup_id = vec![7; 32];
    store.create_account(again).unwrap();
}

fn challenges_are_single_use_and_expire(store: &dyn Storage) {
    create(store, 1);
    store.put_challenge(&[1; 16], &[5; 32], 200).unwrap();
    store.token_for(&[1; 16], &[5; 32], 150).unwrap();
    assert_eq!(store.device(&[1; 16]).unwrap().last_seen_at, Some(150));
    assert_eq!(store.token_for(&[1; 16], &[5; 32], 150), Err(StoreError::NotFound));
    store.put_challenge(&[1; 16], &[6; 32], 200).unwrap();
    assert_eq!(store.take_challenge(&[1; 16], &[6; 32], 201), Err(StoreError::Expired));
    assert_eq!(store.take_challenge(&[1; 16], &[6; 32], 202), Err(StoreError::Expired), "and stays refused");
    store.put_challenge(&[1; 32], &[8; 32], 200).unwrap();
    assert_eq!(store.recover_device(&[1; 32], &[8; 32], device(&[1; 16], 3), 150).unwrap(), 0);
    assert_eq!(store.recover_device(&[1; 32], &[8; 32], device(&[1; 16], 4), 150), Err(StoreError::NotFound));
    store.put_challenge(&[2; 16], &[9; 32], 50).unwrap();
    store.sweep(100, 600).unwrap();
    assert_eq!(store.take_challenge(&[2; 16], &[9; 32], 10), Err(StoreError::NotFound), "swept");
}

fn registration_tokens_are_consumed(store: &dyn Storage) {
    store.add_registration_token(&[4; 32], 1).unwrap();
    let mut account = NewAccount {
        account_id: vec![1; 16],
        lookup_id: vec![1; 32],
        recovery_key: vec![1; 32],
        kek_wrap: vec![1],
        device: device(&[1; 16], 1),
        device_wrap: vec![1],
        registration_token_hash: Some(vec![5; 32]),
        now: 1,
    };
    assert_eq!(store.create_account(account.clone()), Err(StoreError::RegistrationClosed));
    account.registration_token_hash = Some(vec![4; 32]);
    store.create_account(account.clone()).unwrap();
    account.account_id = vec![2; 16];
    account.lookup_id = vec![2; 32];
    account.device = device(&[2; 16], 2);
    assert_eq!(store.create_account(account), Err(StoreError::RegistrationClosed));
}

fn batches_are_all_or_nothing(store: &dyn Storage) {
    let a = create(store, 1);
    let committed = store.upload(
        &a,
        &[write("x", 0, Precondition::Absent, b"1"), write("y", 0, Precondition::Absent, b"2")],
        1,
        QUOTAS,
    );
    assert_eq!(committed.unwrap(), BatchOutcome::Committed { versions: vec![1, 2], server_version: 2 });
    let refused = store
        .upload(
            &a,
            &[write("z", 0, Precondition::Absent, b"3"), write("x", 0, Precondition::Version(2), b"1'")],
            1,
            QUOTAS,
        )
        .unwrap();
    assert_eq!(refused, BatchOutcome::Refused { conflicts: vec![Conflict { index: 1, current_version: Some(1) }] });
    assert_eq!(store.page(&a, 0, 10).unwrap().records.len(), 2);
    let mut tombstone = write("y", 0, Precondition::Version(2), b"");
    tombstone.deleted = true;
    store.upload(&a, &[tombstone], 5, QUOTAS).unwrap();
    let refused = store.upload(&a, &[write("y", 0, Precondition::Absent, b"again")], 6, QUOTAS).unwrap();
    assert_eq!(refused, BatchOutcome::Refused { conflicts: vec![Conflict { index: 0, current_version: Some(3) }] });
    assert_eq!(
        store.upload(&a, &[write("w", 7, Precondition::Any, b"w")], 6, QUOTAS),
        Err(StoreError::StaleEpoch { current: 0 })
    );
}

/// Every write of a batch takes a version, in order, and the last write of a record is the one kept; every
/// precondition is checked against what was stored before the batch.
fn a_batch_may_name_a_record_twice(store: &dyn Storage) {
    let a = create(store, 1);
    let batch = [
        write("x", 0, Precondition::Absent, b"first"),
        write("y", 0, Precondition::Absent, b"y"),
        write("x", 0, Precondition::Absent, b"second"),
    ];
    assert_eq!(
        store.upload(&a, &batch, 1, QUOTAS).unwrap(),
        BatchOutcome::Committed { versions: vec![1, 2, 3], server_version: 3 }
    );
    let page = store.page(&a, 0, 10).unwrap();
    let stored: Vec<_> = page.records.iter().map(|r| (r.id.clone(), r.version, r.body.clone())).collect();
    assert_eq!(stored, vec![(b"y".to_vec(), 2, b"y".to_vec()), (b"x".to_vec(), 3, b"second".to_vec())]);
    assert_eq!(page.server_version, 3);
    let batch = [write("x", 0, Precondition::Version(3), b"third"), write("x", 0, Precondition::Version(4), b"no")];
    assert_eq!(
        store.upload(&a, &batch, 1, QUOTAS).unwrap(),
        BatchOutcome::Refused { conflicts: vec![Conflict { index: 1, current_version: Some(3) }] }
    );
}

/// Batches of one account from several writers at once: each is decided against what the one before it wrote, so
/// of the writers racing to create the same record exactly one succeeds, and versions never repeat or skip.
fn one_accounts_batches_race(store: &dyn Storage) {
    const WRITERS: usize = 4;
    const ROUNDS: usize = 10;
    let a = create(store, 1);
    let outcomes: Vec<Vec<BatchOutcome>> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|writer| {
                let a = &a;
                scope.spawn(move || {
                    (0..ROUNDS)
                        .map(|round| {
                            let batch = [
                                write(&format!("mine-{writer}-{round}"), 0, Precondition::Absent, b"m"),
                                write(&format!("shared-{round}"), 0, Precondition::Absent, &[writer as u8]),
                            ];
                            store.upload(a, &batch, 1, QUOTAS).unwrap()
                        })
                        .collect()
                })
            })
            .collect();
        writers.into_iter().map(|writer| writer.join().unwrap()).collect()
    });
    let mut versions: Vec<u64> = Vec::new();
    for round in 0..ROUNDS {
        let won = outcomes.iter().filter(|rounds| matches!(rounds[round], BatchOutcome::Committed { .. })).count();
        assert_eq!(won, 1, "round {round}: {won} writers created the same record");
    }
    for outcome in outcomes.iter().flatten() {
        match outcome {
            BatchOutcome::Committed { versions: batch, .. } => versions.extend(batch),
            BatchOutcome::Refused { conflicts } => assert_eq!(conflicts.len(), 1),
        }
    }
    versions.sort_unstable();
    assert_eq!(versions, (1..=2 * ROUNDS as u64).collect::<Vec<_>>());
    let page = store.page(&a, 0, 100).unwrap();
    assert_eq!((page.records.len(), page.server_version), (2 * ROUNDS, 2 * ROUNDS as u64));
}

fn hash(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

fn accounts_are_isolated(store: &dyn Storage) {
    let a = create(store, 1);
    let b = create(store, 2);
    store.upload(&a, &[write("same", 0, Precondition::Absent, b"a")], 1, QUOTAS).unwrap();
    store.upload(&b, &[write("same", 0, Precondition::Absent, b"b")], 1, QUOTAS).unwrap();
    assert_eq!(store.page(&a, 0, 10).unwrap().records[0].body, b"a");
    assert_eq!(store.page(&b, 0, 10).unwrap().records[0].body, b"b");
    assert_eq!(store.revoke_device(&b, &[1; 16], Some(b"order"), 5), Err(StoreError::NotFound));
    assert_eq!(store.rename_device(&b, &[1; 16], b"guess"), Err(StoreError::NotFound));
    assert_eq!(store.post_device_mail(&b, &[1; 16], b"m", 5, QUOTAS), Err(StoreError::NotFound));
    let guess = [DeviceWrap { device_id: vec![1; 16], wrap: vec![1] }];
    let request = AddWraps { device_wraps: guess.to_vec(), kek_wrap: None, staged_from: None };
    assert_eq!(store.add_wraps(&b, 0, &request, &hash), Err(StoreError::NotFound));
    assert_eq!(store.devices(&b).unwrap().len(), 1);
    assert!(store.device(&[1; 16]).unwrap().revoked_at.is_none());
}

fn pages_and_the_tombstone_horizon(store: &dyn Storage) {
    let a = create(store, 1);
    let batch: Vec<_> = (0..7).map(|i| write(&format!("r{i}"), 0, Precondition::Absent, &[i; 10])).collect();
    store.upload(&a, &batch, 10, QUOTAS).unwrap();
    let first = store.page(&a, 0, 3).unwrap();
    assert_eq!((first.records.len(), first.next_cursor, first.more, first.server_version), (3, 3, true, 7));
    let beyond = store.page(&a, u64::MAX, 3).unwrap();
    assert_eq!((beyond.records.len(), beyond.next_cursor, beyond.more), (0, 7, false), "a cursor past everything");
    let last = store.page(&a, 6, 3).unwrap();
    assert_eq!((last.records.len(), last.next_cursor, last.more), (1, 7, false));
    let mut old = write("r0", 0, Precondition::Version(1), b"");
    old.deleted = true;
    store.upload(&a, &[old], 20, QUOTAS).unwrap();
    let mut newer = write("r1", 0, Precondition::Version(2), b"");
    newer.deleted = true;
    store.upload(&a, &[newer], 40, QUOTAS).unwrap();
    assert_eq!(store.purge_tombstones(30).unwrap(), 1);
    assert_eq!(store.page(&a, 5, 10), Err(StoreError::CursorBeyondHorizon { horizon_version: 8 }));
    let full = store.page(&a, 0, 100).unwrap();
    assert_eq!(full.records.len(), 6, "five live records and the newer tombstone");
    assert!(full.records.iter().all(|record| record.id != b"r0"));
    assert_eq!(store.page(&a, 8, 10).unwrap().records.len(), 1);
}

fn digest(entries: &[(&[u8], &[u8], u64)]) -> Vec<u8> {
    let mut input = Vec::new();
    for (collection, id, version) in entries {
        mend_protocol::signing::digest_entry(&mut input, collection, id, *version);
    }
    Sha256::digest(&input).to_vec()
}

fn epoch_switch(store: &dyn Storage) {
    let a = create(store, 1);
    let hash = |bytes: &[u8]| Sha256::digest(bytes).to_vec();
    store
        .upload(&a, &[write("x", 0, Precondition::Absent, b"x"), write("y", 0, Precondition::Absent, b"y")], 1, QUOTAS)
        .unwrap();
    let switch = |count, digest| EpochSwitch {
        from_epoch: 0,
        record_count: count,
        digest,
        kek_wrap: vec![0xee; 40],
        device_wraps: vec![DeviceWrap { device_id: vec![1; 16], wrap: vec![0xef; 40] }],
    };
    assert_eq!(
        store.switch_epoch(&a, &switch(2, digest(&[(b"c", b"x", 1), (b"c", b"y", 2)])), &hash),
        Err(StoreError::EpochMismatch { record_count: 2, current_epoch: 0 })
    );
    // The next epoch is staged before any record is sealed for it: its recovery wrap once, device wraps with it;
    // every device then reads records of either epoch while the switch is under way.
    let device_wraps = vec![DeviceWrap { device_id: vec![1; 16], wrap: vec![0xed; 40] }];
    let wraps_only = AddWraps { device_wraps: device_wraps.clone(), kek_wrap: None, staged_from: None };
    let stage = |wrap: u8, from: Vec<u8>| AddWraps {
        device_wraps: device_wraps.clone(),
        kek_wrap: Some(vec![wrap; 40]),
        staged_from: Some(from),
    };
    let read_from = hash(&[0xaa; 40]);
    assert_eq!(store.add_wraps(&a, 1, &wraps_only, &hash), Err(StoreError::StaleEpoch { current: 0 }), "no wrap yet");
    assert_eq!(
        store.add_wraps(&a, 2, &stage(0xec, read_from.clone()), &hash),
        Err(StoreError::StaleEpoch { current: 0 })
    );
    assert_eq!(
        store.add_wraps(&a, 0, &stage(0xec, read_from.clone()), &hash),
        Err(StoreError::StaleEpoch { current: 0 })
    );
    // Read from another recovery wrap than the current one (a new phrase made it again meanwhile): refused.
    assert_eq!(store.add_wraps(&a, 1, &stage(0xec, hash(b"older")), &hash), Err(StoreError::StaleEpoch { current: 0 }));
    // A new phrase must make every epoch's wrap again: one that misses the staged epoch is refused.
    store.add_wraps(&a, 1, &stage(0xec, read_from.clone()), &hash).unwrap();
    assert_eq!(
        store.new_phrase(&a, &[8; 32], &[8; 32], &[EpochWrap { epoch: 0, wrap: vec![0xcd; 40] }]),
        Err(StoreError::StaleEpoch { current: 0 })
    );
    assert_eq!(store.add_wraps(&a, 1, &stage(0xeb, read_from), &hash), Err(StoreError::AlreadyExists), "staged once");
    let wraps = store.key_wraps(&a, &[1; 16]).unwrap();
    assert_eq!(wraps.epoch, 0, "staging does not switch");
    assert_eq!(wraps.kek.last(), Some(&EpochWrap { epoch: 1, wrap: vec![0xec; 40] }));
    assert_eq!(wraps.device.last(), Some(&EpochWrap { epoch: 1, wrap: vec![0xed; 40] }));
    store.add_wraps(&a, 1, &wraps_only, &hash).unwrap();
    store
        .upload(
            &a,
            &[write("x", 1, Precondition::Version(1), b"x1"), write("y", 1, Precondition::Version(2), b"y1")],
            2,
            QUOTAS,
        )
        .unwrap();
    assert_eq!(
        store.switch_epoch(&a, &switch(1, digest(&[(b"c", b"x", 3)])), &hash),
        Err(StoreError::EpochMismatch { record_count: 2, current_epoch: 0 })
    );
    assert_eq!(store.switch_epoch(&a, &switch(2, digest(&[(b"c", b"x", 3), (b"c", b"y", 4)])), &hash).unwrap(), 1);
    assert_eq!(store.account_epoch(&a).unwrap(), 1);
    let wraps = store.key_wraps(&a, &[1; 16]).unwrap();
    assert_eq!((wraps.epoch, wraps.kek.len(), wraps.device.len()), (1, 2, 2));
    assert_eq!(
        store.switch_epoch(&a, &switch(2, digest(&[(b"c", b"x", 3), (b"c", b"y", 4)])), &hash),
        Err(StoreError::StaleEpoch { current: 1 })
    );
}

fn devices_revocation_and_mail(store: &dyn Storage) {
    let a = create(store, 1);
    assert_eq!(store.enrol_device(device(&a, 2), &[EpochWrap { epoch: 0, wrap: vec![2; 40] }]).unwrap(), 0);
    assert_eq!(store.enrol_device(device(&a, 2), &[]), Err(StoreError::AlreadyExists));
    assert_eq!(store.devices(&a).unwrap().len(), 2);
    assert_eq!(store.post_device_mail(&a, &[2; 16], b"one", 5, QUOTAS).unwrap(), 1);
    assert_eq!(store.post_device_mail(&a, &[2; 16], b"two", 6, QUOTAS).unwrap(), 2);
    assert_eq!(store.device_mail(&[2; 16], 1).unwrap()[0].body, b"two");
    assert!(store.device_mail(&[2; 16], u64::MAX).unwrap().is_empty());
    store.ack_device_mail(&[2; 16], 1).unwrap();
    assert_eq!(store.device_mail(&[2; 16], 0).unwrap().len(), 1);
    for i in 3..=5 {
        store.post_device_mail(&a, &[2; 16], &[i], 7, QUOTAS).unwrap();
    }
    assert_eq!(store.post_device_mail(&a, &[2; 16], b"full", 7, QUOTAS), Err(StoreError::MailboxFull { limit: 4 }));
    store.rename_device(&a, &[2; 16], b"sealed again").unwrap();
    assert_eq!(store.device(&[2; 16]).unwrap().name, b"sealed again");
    store.revoke_device(&a, &[2; 16], Some(b"sealed order"), 9).unwrap();
    assert_eq!(store.rename_device(&a, &[2; 16], b"after"), Err(StoreError::NotFound), "a revoked device's name stays");
    let revoked = store.device(&[2; 16]).unwrap();
    assert_eq!((revoked.revoked_at, revoked.wipe_order.as_deref()), (Some(9), Some(&b"sealed order"[..])));
    assert!(store.device_mail(&[2; 16], 0).unwrap().is_empty());
    assert!(store.key_wraps(&a, &[2; 16]).unwrap().device.is_empty());
    assert_eq!(store.post_device_mail(&a, &[2; 16], b"late", 10, QUOTAS), Err(StoreError::NotFound));
}

fn link_mailboxes_expire(store: &dyn Storage) {
    let id = [3u8; 32];
    assert_eq!(store.link_mail(&id, 0, 0, 600), Err(StoreError::NotFound));
    assert_eq!(store.post_link(&id, b"hello", 1000, 600, 2).unwrap(), 1);
    assert_eq!(store.post_link(&id, b"again", 1300, 600, 2).unwrap(), 2);
    assert_eq!(store.post_link(&id, b"third", 1300, 600, 2), Err(StoreError::MailboxFull { limit: 2 }));
    assert_eq!(store.link_mail(&id, 1, 1500, 600).unwrap()[0].body, b"again");
    assert_eq!(store.link_mail(&id, 0, 1601, 600), Err(StoreError::Expired));
    assert_eq!(store.post_link(&id, b"late", 1601, 600, 8), Err(StoreError::Expired));
    assert!(store.sweep(1700, 600).unwrap() >= 2);
    assert_eq!(store.link_mail(&id, 0, 1700, 600), Err(StoreError::NotFound));
}

fn signed(channel: Channel, sequence: u64, expires_at: i64, body: &[u8]) -> SignedWrite {
    SignedWrite { channel, sequence, expires_at, body: body.to_vec(), signature: vec![0x5a; 64] }
}

fn group_mailboxes(store: &dyn Storage) {
    let (m, key, other) = ([4u8; 32], [1u8; 32], [2u8; 32]);
    store.create_group(&m, &key, 1).unwrap();
    assert_eq!(store.create_group(&m, &other, 1), Err(StoreError::AlreadyExists));
    store.group_write(&m, &key, &signed(Channel::Pack, 3, 500, b"p3"), QUOTAS).unwrap();
    assert_eq!(
        store.group_write(&m, &key, &signed(Channel::Pack, 3, 500, b"p3'"), QUOTAS),
        Err(StoreError::SequenceTooLow { current: 3 })
    );
    assert_eq!(
        store.group_write(&m, &other, &signed(Channel::Pack, 4, 500, b"p4"), QUOTAS),
        Err(StoreError::KeyChanged)
    );
    store.group_write(&m, &key, &signed(Channel::Charter, 1, 50, b"c1"), QUOTAS).unwrap();
    assert_eq!(
        store.group_write(&m, &key, &signed(Channel::Charter, 3, 500, b"c3"), QUOTAS),
        Err(StoreError::SequenceTooLow { current: 1 })
    );
    store.group_write(&m, &key, &signed(Channel::Charter, 2, 500, b"c2"), QUOTAS).unwrap();
    assert_eq!(store.change_write_key(&m, &other, 2, &other), Err(StoreError::KeyChanged));
    assert_eq!(store.change_write_key(&m, &key, 3, &other), Err(StoreError::SequenceTooLow { current: 1 }));
    store.change_write_key(&m, &key, 2, &other).unwrap();
    assert_eq!(store.group(&m).unwrap().key_generation, 2);
    store.group_write(&m, &other, &signed(Channel::Pack, 4, 500, b"p4"), QUOTAS).unwrap();
    let cursor =
        |id: [u8; 32], pack_after, charter_after| GroupCursor { mailbox_id: id.to_vec(), pack_after, charter_after };
    let states = store.read_groups(&[cursor(m, 0, 0), cursor([5; 32], 0, 0)], 100).unwrap();
    assert_eq!(states[0].pack.as_ref().unwrap().body, b"p4");
    assert_eq!(
        states[0].charters.iter().map(|c| c.sequence).collect::<Vec<_>>(),
        vec![1, 2],
        "charters are kept past their expiry"
    );
    assert!(!states[1].found);
    // Past the pack's expiry it is no longer served, and the sweep removes it.
    assert!(store.read_groups(&[cursor(m, 0, 2)], 600).unwrap()[0].pack.is_none());
    store.sweep(600, 600).unwrap();
    assert!(store.read_groups(&[cursor(m, 0, 0)], 100).unwrap()[0].pack.is_none());
    assert_eq!(store.post_inbox(&m, b"join", 5, QUOTAS).unwrap(), 1);
    assert_eq!(store.post_inbox(&[6; 32], b"join", 5, QUOTAS), Err(StoreError::NotFound));
    store.post_inbox(&m, b"join2", 5, QUOTAS).unwrap();
    store.ack_inbox(&m, 1).unwrap();
    assert_eq!(store.inbox(&m, 0).unwrap().iter().map(|m| m.sequence).collect::<Vec<_>>(), vec![2]);
    // Sequences never start again, even once every request was acknowledged: a moderator reading after the last
    // one it took in still sees the next.
    store.ack_inbox(&m, 2).unwrap();
    assert!(store.inbox(&m, 0).unwrap().is_empty());
    assert_eq!(store.post_inbox(&m, b"join3", 6, QUOTAS).unwrap(), 3);
    assert_eq!(store.inbox(&m, 2).unwrap().iter().map(|m| m.sequence).collect::<Vec<_>>(), vec![3]);
}

fn quotas(store: &dyn Storage) {
    let a = create(store, 1);
    let b = create(store, 2);
    let tight = Quotas { account_bytes: 100, server_bytes: 150, mailbox_messages: 4 };
    store.upload(&a, &[write("a", 0, Precondition::Any, &[0; 80])], 1, tight).unwrap();
    assert_eq!(
        store.upload(&a, &[write("b", 0, Precondition::Any, &[0; 30])], 1, tight),
        Err(StoreError::QuotaExceeded { limit: 100 })
    );
    store
        .upload(&a, &[write("a", 0, Precondition::Any, &[0; 50]), write("b", 0, Precondition::Any, &[0; 50])], 1, tight)
        .unwrap();
    store.upload(&b, &[write("a", 0, Precondition::Any, &[0; 50])], 1, tight).unwrap();
    assert_eq!(store.upload(&b, &[write("b", 0, Precondition::Any, &[0; 1])], 1, tight), Err(StoreError::ServerFull));
    store.delete_account(&a).unwrap();
    store.upload(&b, &[write("b", 0, Precondition::Any, &[0; 40])], 1, tight).unwrap();
}

/// The documented guarantee of the server cap (docs/server.md): a growing write is refused once the committed total
/// plus its growth exceeds the cap, so writers racing each other overshoot it by at most one batch per concurrent
/// writer (SQLite, one writer at a time, not at all); once the total is over, every growing write is refused, while
/// writes that do not grow storage still go through.
fn server_cap_under_concurrent_writers(store: &dyn Storage) {
    const WRITERS: usize = 4;
    const BATCH: u64 = 30;
    let cap = Quotas { account_bytes: 1 << 20, server_bytes: 1000, mailbox_messages: 4 };
    let accounts: Vec<Vec<u8>> = (0..WRITERS as u8).map(|n| create(store, 10 + n)).collect();
    let per_writer: Vec<u64> = std::thread::scope(|scope| {
        let writers: Vec<_> = accounts
            .iter()
            .map(|account| {
                scope.spawn(move || {
                    let mut bytes = 0;
                    for n in 0.. {
                        let records = [write(&format!("r{n}"), 0, Precondition::Absent, &[7; BATCH as usize])];
                        match store.upload(account, &records, 1, cap) {
                            Ok(_) => bytes += BATCH,
                            Err(StoreError::ServerFull) => return bytes,
                            Err(other) => panic!("unexpected {other:?}"),
                        }
                    }
                    unreachable!()
                })
            })
            .collect();
        writers.into_iter().map(|writer| writer.join().unwrap()).collect()
    });
    let stored: u64 = per_writer.iter().sum();
    assert!(stored > cap.server_bytes - BATCH, "refused with {stored} of {} bytes stored", cap.server_bytes);
    assert!(stored <= cap.server_bytes + (WRITERS as u64 - 1) * BATCH, "{stored} bytes stored past the slack");
    let biggest = (0..WRITERS).max_by_key(|&n| per_writer[n]).unwrap();
    let (account, other) = (&accounts[biggest], &accounts[(biggest + 1) % WRITERS]);
    assert_eq!(
        store.upload(account, &[write("more", 0, Precondition::Any, &[0; 30])], 1, cap),
        Err(StoreError::ServerFull)
    );
    // Rewriting a record with a body no larger does not grow storage, so it is accepted even at the cap.
    store.upload(account, &[write("r0", 0, Precondition::Any, &[1; 30])], 1, cap).unwrap();
    // Deleting the biggest account (at least a quarter of the total) frees its bytes for everyone.
    store.delete_account(account).unwrap();
    store.upload(other, &[write("after", 0, Precondition::Absent, &[0; 30])], 1, cap).unwrap();
}
