//! Writes valid sync envelopes into the fuzz corpus (`fuzz/corpus/sync_envelope/`, or
//! `$MEND_FUZZ_CORPUS/sync_envelope/`): padded records of several sizes, which the padding check accepts, and a
//! sealed body, so the fuzz target starts from inputs that reach past its first checks. Checks each seed as it
//! writes it.

use std::path::PathBuf;

/// The fuzz corpus: `$MEND_FUZZ_CORPUS`, or `fuzz/corpus` in this tree.
fn corpus() -> PathBuf {
    std::env::var_os("MEND_FUZZ_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus"))
}

use mend_core::sync::envelope::{self, Place};
use mend_core::sync::keys::DataKey;

#[test]
fn seeds_the_fuzz_corpus_with_valid_envelopes() {
    let root = corpus();
    let dir = root.join("sync_envelope");
    std::fs::create_dir_all(&dir).unwrap();
    for len in [0usize, 1, 252, 300, 1000] {
        let record: Vec<u8> = (0..len).map(|i| b"{\"mood\":4}"[i % 10]).collect();
        let size = envelope::bucket(len).unwrap();
        let mut padded = (len as u32).to_le_bytes().to_vec();
        padded.extend_from_slice(&record);
        padded.resize(size, 0);
        assert_eq!(envelope::unpad(&padded).unwrap(), record.as_slice());
        std::fs::write(dir.join(format!("padded-{len}")), &padded).unwrap();
    }
    let place = Place { account: b"account", collection: b"collection", record: b"record", epoch: 1, schema: 1 };
    let key = DataKey::generate();
    let sealed = envelope::seal(&key, &place, b"{\"mood\":4}").unwrap();
    assert_eq!(envelope::open(&key, &place, &sealed).unwrap(), b"{\"mood\":4}");
    std::fs::write(dir.join("sealed"), &sealed).unwrap();
}

#[test]
fn seeds_the_fuzz_corpus_with_valid_payloads() {
    use mend_core::sync::payload;
    let root = corpus();
    let dir = root.join("sync_payload");
    std::fs::create_dir_all(&dir).unwrap();
    let seeds = [
        r#"{"table":"checkins","guid":"9poXnvVwDfjRaQmy","row":{"clock":{"millis":1796047978223,"counter":0,"device":7},"deleted":false,"fields":{"mood":4,"note":"a note","at_ms":1796047978223}}}"#,
        r#"{"table":"checkins","guid":"9poXnvVwDfjRaQmy","row":{"clock":{"millis":1796047984316,"counter":2,"device":7},"deleted":true,"fields":{}}}"#,
        r#"{"table":"library_state","guid":"g","key":"after-a-loss","row":{"clock":{"millis":1,"counter":0,"device":1},"deleted":false,"fields":{"bookmarked":1}}}"#,
    ];
    for (i, seed) in seeds.iter().enumerate() {
        let parsed = payload::parse(seed.as_bytes()).unwrap();
        assert!(!parsed.guid.is_empty());
        std::fs::write(dir.join(format!("payload-{i}")), seed).unwrap();
    }
    assert!(payload::parse(br#"{"table":"checkins","guid":"g","row":{"clock":{"millis":1,"counter":0,"device":1},"deleted":true,"fields":{"note":"x"}}}"#).is_err(), "a deletion carries no fields");
}

/// Linking's fuzz target (`sync_link`) starts from a code, an opened hello and an opened final message, each
/// checked as written.
#[test]
fn seeds_the_fuzz_corpus_with_valid_link_messages() {
    use mend_core::sync::link::LinkCode;
    use mend_core::sync::link::exchange::{parse_handover, parse_hello};
    let root = corpus();
    let dir = root.join("sync_link");
    std::fs::create_dir_all(&dir).unwrap();
    let code = "ABCD-EFGH-JKMN-PQRS";
    assert!(LinkCode::parse(code).is_ok());
    std::fs::write(dir.join("code"), code).unwrap();
    let mut hello = vec![7u8; 96];
    hello.extend_from_slice("phone A".as_bytes());
    assert_eq!(parse_hello(&hello).unwrap().name, "phone A");
    std::fs::write(dir.join("hello"), &hello).unwrap();
    let mut handover = vec![16u8];
    handover.extend_from_slice(&[1; 16]);
    handover.push(16);
    handover.extend_from_slice(&[2; 16]);
    handover.extend_from_slice(&3u32.to_be_bytes());
    handover.extend_from_slice(&[4; 32]);
    handover.extend_from_slice(&[5; 32]);
    let parsed = parse_handover(&handover).unwrap();
    assert_eq!((parsed.account_id.len(), parsed.epoch), (16, 3));
    std::fs::write(dir.join("handover"), &handover).unwrap();
}

/// The key-wrap fuzz target (`sync_wraps`) starts from a recovery wrap, a device wrap and a wipe order, each made
/// for other keys than the target's (so they parse, and must still not open).
#[test]
fn seeds_the_fuzz_corpus_with_valid_wraps() {
    use mend_core::sync::keys::{AccountKeys, DeviceKeys, NamingKey, recovery_wrap, wrap_for_device};
    use mend_core::sync::phrase::RootSecret;
    use mend_core::sync::revoke::{open_wipe_order, wipe_order};
    let root = corpus();
    let dir = root.join("sync_wraps");
    std::fs::create_dir_all(&dir).unwrap();
    let (account, key, names) =
        (AccountKeys::derive(&RootSecret::generate()), DataKey::generate(), NamingKey::from_bytes([3; 32]));
    let recovery = recovery_wrap(&key, &names, &account.recovery_public(), 1, Some(&DataKey::generate())).unwrap();
    assert_eq!(account.open_wrap(&recovery, 1).unwrap().0, key);
    std::fs::write(dir.join("recovery-wrap"), &recovery).unwrap();
    let device = DeviceKeys::generate();
    let wrap = wrap_for_device(&key, &device.exchange_public(), 1).unwrap();
    assert_eq!(device.unwrap(&wrap, 1).unwrap(), key);
    std::fs::write(dir.join("device-wrap"), &wrap).unwrap();
    let order = wipe_order(&names, b"account", b"device");
    assert!(open_wipe_order(&names, b"account", b"device", &order).is_ok());
    std::fs::write(dir.join("wipe-order"), &order).unwrap();
}
