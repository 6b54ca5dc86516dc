//! Fuzzes the roster chain's versions a member opens from a private group's intake mailbox (`roster::open`,
//! `SignedRoster::verify` against a fixed charter, then `RosterFollow::apply`) with a fixed intake key: the first
//! four bytes are the version number the box is read as, the rest the box. Any input never panics; a version
//! that opens and verifies, sealed again by the owner, opens to the same version. (The box is AEAD under a key
//! derived from the intake key, so mutations of the seeds `tests/group_seeds.rs` seals open only if the fuzzer
//! finds a forgery.)
#![no_main]

use chrono::{DateTime, Utc};
use mend_core::crypto::SigningKey;
use mend_core::groups::charter::{Charter, Moderator};
use mend_core::groups::private::intake::IntakeKey;
use mend_core::groups::private::roster;
use mend_core::groups::private::roster_follow::RosterFollow;

/// The intake key, the owner's signing key, a member's X25519 secret and the group: fixed, so
/// `tests/group_seeds.rs` can seal seeds with them.
const INTAKE_SECRET: [u8; 32] = [0x17; 32];
const OWNER_SECRET: [u8; 32] = [0x21; 32];
const MEMBER_SECRET: [u8; 32] = [0x33; 32];
const GROUP: [u8; 16] = [0x44; 16];

fn charter(owner: &SigningKey) -> Charter {
    Charter {
        group_id: GROUP,
        version: 1,
        previous: None,
        name: "fuzz".into(),
        description: String::new(),
        language: "en".into(),
        region: String::new(),
        owners: vec![Moderator { name: "owner".into(), signing_key: owner.public(), exchange_key: [0; 32] }],
        threshold: 1,
        publishers: Vec::new(),
        mailbox_write_key: [0; 32],
        issued_at: DateTime::<Utc>::UNIX_EPOCH,
        expires_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((version, sealed)) = data.split_first_chunk::<4>() else { return };
    let version = u32::from_be_bytes(*version);
    let intake = IntakeKey::from_secret(&INTAKE_SECRET).public();
    let Ok(signed) = roster::open(&intake, version, sealed) else { return };
    let owner = SigningKey::from_secret(&OWNER_SECRET);
    let Ok(opened) = signed.verify(&charter(&owner), &[]) else { return };
    assert_eq!(opened.version, version);
    let _ = opened.find(&MEMBER_SECRET);
    let mut follow = RosterFollow::new(GROUP);
    follow.held_version = version - 1;
    if follow.apply(opened, &MEMBER_SECRET).is_ok() {
        assert_eq!(follow.held_version, version);
    }
    let again = roster::build_and_seal(&owner, &intake, opened).expect("a checked version seals");
    let reopened = roster::open(&intake, version, &again).expect("its own box opens");
    assert_eq!(reopened.verify(&charter(&owner), &[]).expect("its own signature verifies"), opened);
});
