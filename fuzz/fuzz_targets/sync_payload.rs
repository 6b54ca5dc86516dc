//! Fuzzes the parsing of an opened sync record (what another device holding the account's keys could seal):
//! arbitrary bytes give a payload or a refusal, never a panic, and a payload that parses writes back to one that
//! parses the same.
#![no_main]

use mend_core::sync::payload;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = payload::parse(data) {
        let again = serde_json::to_vec(&parsed).expect("a payload serialises");
        assert_eq!(payload::parse(&again).expect("re-parses"), parsed);
    }
});
