//! Fuzzes the invite-link parsers: any text never panics; whatever parses writes back to the same link, an open
//! group's by `Invite::parse` and `parse_link` alike, a private group's (`.p.`) by `parse_link` only.
#![no_main]

use mend_core::groups::invite::{Invite, Link, parse_link};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(invite) = Invite::parse(text) {
            assert_eq!(Invite::parse(&invite.link()).ok(), Some(invite));
        }
        match parse_link(text) {
            Ok(Link::Open(invite)) => {
                assert_eq!(Invite::parse(text).ok().as_ref(), Some(&invite));
                assert_eq!(parse_link(&invite.link()).ok(), Some(Link::Open(invite)));
            }
            Ok(Link::Private(invite)) => {
                assert!(Invite::parse(text).is_err());
                assert_eq!(parse_link(&invite.link()).ok(), Some(Link::Private(invite)));
            }
            Err(_) => assert!(Invite::parse(text).is_err()),
        }
    }
});
