//! Fuzzes the charter draft file reader (`Draft::from_text`, the file owners pass between phones): any text never
//! panics; whatever reads is a proposed version that follows the one it names, its status computes, and its
//! file text reads back as the same draft.
#![no_main]

use mend_core::groups::charter_flow::Draft;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(draft) = Draft::from_text(text) {
            let status = draft.status().expect("a draft that reads has a status");
            assert_eq!(status.version, draft.previous.charter().unwrap().version + 1);
            assert_eq!(Draft::from_text(&draft.to_text()).ok(), Some(draft));
        }
    }
});
