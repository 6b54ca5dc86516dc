//! The key schedule: the same phrase derives the same keys on every device (pinned, so a change is never
//! silent), different purposes get different keys, and every wrap opens only with its key, for its epoch and
//! untouched.

use super::*;

const VECTOR: &str = "legal winner thank year wave sausage worth useful legal winner thank year wave sausage \
                      worth useful legal winner thank year wave sausage worth title";

fn keys() -> AccountKeys {
    AccountKeys::derive(&RootSecret::from_phrase(VECTOR).unwrap())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_phrase_derives_the_same_keys_everywhere_and_each_purpose_its_own() {
    let (a, b) = (keys(), keys());
    assert_eq!(a.lookup_id, b.lookup_id);
    assert_eq!(a.recovery.public(), b.recovery.public());
    assert_eq!(a.names.bytes(), b.names.bytes());
    let other = AccountKeys::derive(&RootSecret::generate());
    assert_ne!(a.lookup_id, other.lookup_id);
    let distinct = [a.lookup_id, a.recovery.secret(), *a.names.bytes(), a.recovery_exchange.to_bytes()];
    for (i, x) in distinct.iter().enumerate() {
        for y in &distinct[i + 1..] {
            assert_ne!(x, y);
        }
    }
    // Pinned (HKDF-SHA256 of the phrase's secret, computed independently with Python's hmac): an account made by
    // this version is found by every later one. Changing a label breaks this test, and every existing phrase.
    assert_eq!(hex(&a.lookup_id), "b773f5d6609d873c42e1786fdf04d293d389d1521a46ee42a4c54141660171fd");
    assert!(!format!("{a:?}").contains(&hex(&a.recovery_exchange.to_bytes())), "Debug never shows a secret");
}

#[test]
fn names_are_keyed_hashes_that_never_collide_across_parts() {
    let names = keys().names;
    assert_eq!(names.collection("checkins"), names.collection("checkins"));
    assert_ne!(names.collection("checkins"), names.collection("events"));
    assert_ne!(names.collection("checkins"), keys_of_another_account().names.collection("checkins"));
    assert_ne!(names.record_id("ab", "c"), names.record_id("a", "bc"));
    assert_ne!(names.record_id("profile", ""), names.collection("profile"));
    assert_eq!(names.collection("checkins").len(), NAME_LEN);
}

fn keys_of_another_account() -> AccountKeys {
    AccountKeys::derive(&RootSecret::generate())
}

#[test]
fn a_recovery_wrap_opens_only_with_its_phrase_for_its_epoch_and_untouched() {
    let (keys, key) = (keys(), DataKey::generate());
    let wrap = recovery_wrap(&key, &keys.names, &keys.recovery_public(), 2, None).unwrap();
    let (opened, names) = keys.open_wrap(&wrap, 2).unwrap();
    assert_eq!(opened, key);
    assert_eq!(names.bytes(), keys.names.bytes());
    assert!(keys.open_wrap(&wrap, 3).is_err(), "another epoch");
    assert!(keys_of_another_account().open_wrap(&wrap, 2).is_err(), "another phrase");
    for i in 0..wrap.len() * 8 {
        let mut bad = wrap.clone();
        bad[i / 8] ^= 1 << (i % 8);
        let opened = keys.open_wrap(&bad, 2).is_ok();
        let recovery = wrapped_recovery_key(&bad, &key, 2).is_ok();
        // Each bit is covered by one of the two seals: the keys' (ephemeral key and keys) or the recovery key's.
        assert!(!(opened && recovery), "bit {i}");
    }
    for len in 0..wrap.len() {
        assert!(keys.open_wrap(&wrap[..len], 2).is_err(), "{len} bytes");
    }
    assert_eq!(recovery_wrap(&key, &keys.names, &[0u8; 32], 2, None), Err(CryptoError::BadKey), "a low-order key");
}

#[test]
fn a_device_reads_the_recovery_key_from_a_wrap_only_with_that_epochs_data_key() {
    let (keys, key) = (keys(), DataKey::generate());
    let wrap = recovery_wrap(&key, &keys.names, &keys.recovery_public(), 4, None).unwrap();
    assert_eq!(wrapped_recovery_key(&wrap, &key, 4).unwrap(), keys.recovery_public());
    assert!(wrapped_recovery_key(&wrap, &DataKey::generate(), 4).is_err(), "another data key");
    assert!(wrapped_recovery_key(&wrap, &key, 5).is_err(), "another epoch");
    // The server cannot swap in a key of its own: a recovery key sealed under another data key does not open.
    let forged =
        recovery_wrap(&DataKey::generate(), &keys.names, &keys_of_another_account().recovery_public(), 4, None);
    let mut spliced = wrap.clone();
    let tail = forged.unwrap();
    let at = spliced.len() - (crypto::NONCE_LEN + 32 + crypto::TAG_LEN);
    spliced[at..].copy_from_slice(&tail[at..]);
    assert!(wrapped_recovery_key(&spliced, &key, 4).is_err());
    // What a device makes for the next epoch from it opens with the phrase.
    let next = DataKey::generate();
    let recovery = wrapped_recovery_key(&wrap, &key, 4).unwrap();
    let made = recovery_wrap(&next, &keys.names, &recovery, 5, None).unwrap();
    assert_eq!(keys.open_wrap(&made, 5).unwrap().0, next);
}

#[test]
fn a_data_key_wrapped_to_a_device_opens_only_there() {
    let (device, other, key) = (DeviceKeys::generate(), DeviceKeys::generate(), DataKey::generate());
    let wrap = wrap_for_device(&key, &device.exchange_public(), 5).unwrap();
    assert_eq!(device.unwrap(&wrap, 5).unwrap(), key);
    assert_ne!(wrap, wrap_for_device(&key, &device.exchange_public(), 5).unwrap(), "a fresh ephemeral key each time");
    assert!(other.unwrap(&wrap, 5).is_err());
    assert!(device.unwrap(&wrap, 6).is_err());
    for i in 0..wrap.len() * 8 {
        let mut bad = wrap.clone();
        bad[i / 8] ^= 1 << (i % 8);
        assert!(device.unwrap(&bad, 5).is_err(), "bit {i}");
    }
    for len in 0..wrap.len() {
        assert!(device.unwrap(&wrap[..len], 5).is_err(), "{len} bytes");
    }
    // A low-order public key would make the shared secret public: refused.
    assert_eq!(wrap_for_device(&key, &[0u8; 32], 5), Err(CryptoError::BadKey));
}

#[test]
fn a_new_phrases_wrap_carries_the_accounts_naming_key_and_opens_only_with_the_new_phrase() {
    let (old, new) = (keys(), AccountKeys::derive(&RootSecret::generate()));
    let data = DataKey::generate();
    let wrap = recovery_wrap(&data, &old.names, &new.recovery_public(), 3, None).unwrap();
    let (opened, names) = new.open_wrap(&wrap, 3).unwrap();
    assert_eq!(opened, data);
    assert_eq!(names.bytes(), old.names.bytes(), "the naming key stays the account's, not the phrase's");
    assert!(old.open_wrap(&wrap, 3).is_err(), "the old phrase does not open the new wrap");
    assert!(new.open_wrap(&wrap, 4).is_err(), "nor does another epoch");
}

#[test]
fn an_epoch_link_vouches_for_the_next_key_only_under_the_previous_one() {
    let (keys, previous, next) = (keys(), DataKey::generate(), DataKey::generate());
    let wrap = recovery_wrap(&next, &keys.names, &keys.recovery_public(), 3, Some(&previous)).unwrap();
    assert!(check_epoch_link(&wrap, &previous, &next, 3).is_ok());
    assert_eq!(keys.open_wrap(&wrap, 3).unwrap().0, next, "a linked wrap still opens with the phrase");
    assert!(check_epoch_link(&wrap, &previous, &DataKey::generate(), 3).is_err(), "another next key");
    assert!(check_epoch_link(&wrap, &DataKey::generate(), &next, 3).is_err(), "linked from a key not held");
    assert!(check_epoch_link(&wrap, &previous, &next, 4).is_err(), "another epoch");
    let first = recovery_wrap(&next, &keys.names, &keys.recovery_public(), 0, None).unwrap();
    assert!(check_epoch_link(&first, &previous, &next, 0).is_err(), "the first epoch has no link");
    for i in (first.len() * 8)..(wrap.len() * 8) {
        let mut bad = wrap.clone();
        bad[i / 8] ^= 1 << (i % 8);
        assert!(check_epoch_link(&bad, &previous, &next, 3).is_err(), "bit {i}");
    }
}
