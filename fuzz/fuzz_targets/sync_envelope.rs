//! Fuzzes the sync envelope's opening and padding (what the server, or anyone on the path, could hand a device):
//! arbitrary bytes never panic, a body never opens without the key, and padding is accepted only exactly as
//! sealed.
#![no_main]

use mend_core::sync::envelope::{self, Place};
use mend_core::sync::keys::DataKey;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let key = DataKey::generate();
    let place = Place { account: b"account", collection: b"collection", record: b"record", epoch: 1, schema: 1 };
    assert!(envelope::open(&key, &place, data).is_err(), "opened without its key");
    if let Ok(record) = envelope::unpad(data) {
        let sealed = envelope::seal(&key, &place, record).expect("an unpadded record fits its bucket");
        assert_eq!(envelope::open(&key, &place, &sealed).expect("round trip"), record);
    }
});
