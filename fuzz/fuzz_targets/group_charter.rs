//! Fuzzes the group charter decoder: arbitrary bytes never panic; whatever decodes is checked as a charter.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(signed) = mend_core::groups::charter::SignedCharter::decode(data) {
        let _ = signed.charter();
        let _ = signed.hash();
    }
});
