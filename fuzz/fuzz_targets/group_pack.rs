//! Fuzzes the opened-pack decoder (what any member holding the read key could write): arbitrary bytes never
//! panic, nothing decodes without its poster's valid signature, and no section opens without its publisher's.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(pack) = mend_core::groups::pack::decode_signed(data) {
        let _ = pack.check();
        for section in &pack.sections {
            if let Ok(opened) = section.open() {
                let _ = opened.check();
            }
        }
    }
});
