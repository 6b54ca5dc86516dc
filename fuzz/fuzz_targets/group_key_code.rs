//! Fuzzes the moderator key code parser (`KeyCode::parse`, `mend-key:…`): any text never panics; whatever parses
//! is the code it writes back (its one encoding, trimmed) and reads back as the same key.
#![no_main]

use mend_core::groups::identity::KeyCode;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(key) = KeyCode::parse(text) {
            let code = key.code();
            assert_eq!(code, text.trim());
            assert_eq!(KeyCode::parse(&code).ok(), Some(key));
        }
    }
});
