//! Fuzzes what linking reads from outside: a code as typed or scanned (`LinkCode::parse`), and the fields of an
//! opened hello and final message (`parse_hello`, `parse_handover`; the boxes around them are AEAD, so the bytes
//! inside are what a holder of the code or the session key could send). Arbitrary bytes give a value or a
//! refusal, never a panic; a hello's name stays within its limit.
#![no_main]

use mend_core::sync::link::LinkCode;
use mend_core::sync::link::exchange::{parse_handover, parse_hello};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = LinkCode::parse(&String::from_utf8_lossy(data));
    if let Ok(hello) = parse_hello(data) {
        assert!(hello.name.chars().count() <= 64);
        assert_eq!(data.len(), 96 + hello.name.len());
    }
    if let Ok(handover) = parse_handover(data) {
        assert!(!handover.account_id.is_empty() && !handover.device_id.is_empty());
    }
});
