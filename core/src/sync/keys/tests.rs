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
    let distinct = [a.lookup_id, a.recovery.secret(), *a.names.bytes(), a.kek.0];
    for (i, x) in distinct.iter().enumerate() {
        for y in &distinct[i + 1..] {
            assert_ne!(x, y);
        }
    }
    // Pinned (HKDF-SHA256 of the phrase's secret, computed independently with Python's hmac): an account made by
    // this version is found by every later one. Changing a label breaks this test, and every existing phrase.
    assert_eq!(hex(&a.lookup_id), "b773f5d6609d873c42e1786fdf04d293d389d1521a46ee42a4c54141660171fd");
    assert!(!format!("{a:?}").contains(&hex(&a.kek.0)), "Debug never shows a secret");
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
fn a_data_key_wrapped_under_the_kek_opens_only_for_its_epoch_and_untouched() {
    let (keys, key) = (keys(), DataKey::generate());
    let wrap = keys.wrap(&key, 2);
    assert_eq!(keys.unwrap(&wrap, 2).unwrap(), key);
    assert_eq!(keys.unwrap(&wrap, 3), Err(CryptoError::Unsealed));
    assert_eq!(keys_of_another_account().unwrap(&wrap, 2), Err(CryptoError::Unsealed));
    for i in 0..wrap.len() * 8 {
        let mut bad = wrap.clone();
        bad[i / 8] ^= 1 << (i % 8);
        assert!(keys.unwrap(&bad, 2).is_err(), "bit {i}");
    }
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
    let wrap = new.wrap_with_names(&data, &old.names, 3);
    let (opened, names) = new.open_wrap(&wrap, 3).unwrap();
    assert_eq!(opened, data);
    assert_eq!(names.unwrap().bytes(), old.names.bytes(), "the naming key stays the account's, not the phrase's");
    assert!(old.open_wrap(&wrap, 3).is_err(), "the old phrase does not open the new wrap");
    assert!(new.open_wrap(&wrap, 4).is_err(), "nor does another epoch");
    let mut altered = wrap.clone();
    altered[30] ^= 1;
    assert!(new.open_wrap(&altered, 3).is_err());
    assert!(new.unwrap(&wrap, 3).is_err(), "a carrying wrap is never read as a bare data key");

    // A wrap from set-up carries no naming key: the phrase's own is the account's.
    let (opened, names) = old.open_wrap(&old.wrap(&data, 0), 0).unwrap();
    assert_eq!(opened, data);
    assert!(names.is_none());
}
