//! Fuzzes what a device opens of the keys the server hands it: a recovery wrap (opened with the phrase, and read
//! for its recovery key with a data key), a device wrap, and a wipe order. Arbitrary bytes never panic and never
//! open without the key they were sealed with.
#![no_main]

use std::sync::OnceLock;

use mend_core::sync::keys::{AccountKeys, DataKey, DeviceKeys, NamingKey, wrapped_recovery_key};
use mend_core::sync::phrase::RootSecret;
use mend_core::sync::revoke::open_wipe_order;

const PHRASE: &str = "legal winner thank year wave sausage worth useful legal winner thank year wave sausage \
                      worth useful legal winner thank year wave sausage worth title";

struct Keys {
    account: AccountKeys,
    device: DeviceKeys,
    data: DataKey,
    names: NamingKey,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| Keys {
        account: AccountKeys::derive(&RootSecret::from_phrase(PHRASE).expect("a valid phrase")),
        device: DeviceKeys::generate(),
        data: DataKey::generate(),
        names: NamingKey::from_bytes([7; 32]),
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let keys = keys();
    assert!(keys.account.open_wrap(data, 1).is_err(), "a recovery wrap opened without being made to the phrase");
    assert!(wrapped_recovery_key(data, &keys.data, 1).is_err(), "a recovery key read without its data key");
    assert!(keys.device.unwrap(data, 1).is_err(), "a device wrap opened without being made to the device");
    assert!(open_wipe_order(&keys.names, b"account", b"device", data).is_err(), "a wipe order nobody sealed");
});
