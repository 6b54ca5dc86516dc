//! Fuzzes the invite-link parser: any text never panics; whatever parses writes back to the same link.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(invite) = mend_core::groups::invite::Invite::parse(text) {
            assert_eq!(mend_core::groups::invite::Invite::parse(&invite.link()).ok(), Some(invite));
        }
    }
});
