//! Fuzzes the hand-off link a new publisher or owner opens (`Handoff::open`, `mend://moderate#…`; parsing and
//! opening are one function) with a fixed recipient key: any text never panics; whatever opens is well-formed —
//! an owner's secrets only with the owner secret, and sealed again for the same key it opens to the same
//! hand-off. (The box is AEAD, so mutations of a seed open only if the fuzzer finds a forgery.)
#![no_main]

use mend_core::groups::handoff::Handoff;
use x25519_dalek::{PublicKey, StaticSecret};

/// The recipient's X25519 secret: fixed, so `tests/group_seeds.rs` can seal seeds for it.
const RECIPIENT_SECRET: [u8; 32] = [0x42; 32];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(handoff) = Handoff::open(&text, &RECIPIENT_SECRET) {
        assert_eq!(handoff.secrets().is_some(), handoff.owner_secret.is_some());
        let public = PublicKey::from(&StaticSecret::from(RECIPIENT_SECRET)).to_bytes();
        let link = handoff.seal(&public).expect("a fixed, contributory key");
        assert!(Handoff::open(&link, &RECIPIENT_SECRET).expect("its own link opens") == handoff);
    }
});
