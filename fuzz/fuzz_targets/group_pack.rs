//! Fuzzes the opened-pack decoder (what any member holding the read key could write): arbitrary bytes never
//! panic, and nothing decodes without its publisher's valid signature.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(pack) = mend_core::groups::pack::decode_signed(data) {
        let _ = pack.check();
    }
});
