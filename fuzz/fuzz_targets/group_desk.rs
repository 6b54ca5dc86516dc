//! Fuzzes the moderators' desk a moderator opens from a private group's moderators' mailbox (`desk::open`, then
//! `OpenedDesk::verify` against a charter of a fixed group listing the writer as owner) with a fixed X25519
//! secret and mailbox: any input never panics; a desk that opens and verifies, sealed again to the same key,
//! opens to the same desk, and merging it with itself keeps its members. (The box is signed and sealed, so
//! mutations of the seed `tests/group_seeds.rs` seals open only if the fuzzer finds a forgery; the decoding and
//! size checks before are what it reaches.)
#![no_main]

use chrono::{DateTime, Utc};
use mend_core::crypto::{Bytes32, SigningKey};
use mend_core::groups::charter::{Charter, Moderator};
use mend_core::groups::private::desk;
use mend_core::groups::private::hpke_seal::public_of;
use mend_core::groups::private::intake::moderators_mailbox_id;

/// The recipient's X25519 secret, the trust root the mailbox derives from and the group: fixed, so
/// `tests/group_seeds.rs` can seal a seed for them.
const EXCHANGE_SECRET: [u8; 32] = [0x55; 32];
const ROOT: [u8; 32] = [0x66; 32];
const GROUP: [u8; 16] = [0x44; 16];

fn charter(owner: Bytes32) -> Charter {
    Charter {
        group_id: GROUP,
        version: 1,
        previous: None,
        name: "fuzz".into(),
        description: String::new(),
        language: "en".into(),
        region: String::new(),
        owners: vec![Moderator { name: "owner".into(), signing_key: owner, exchange_key: public_of(&EXCHANGE_SECRET) }],
        threshold: 1,
        publishers: Vec::new(),
        mailbox_write_key: [0; 32],
        issued_at: DateTime::<Utc>::UNIX_EPOCH,
        expires_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mailbox = moderators_mailbox_id(&ROOT);
    let Ok(opened) = desk::open(data, &EXCHANGE_SECRET, &mailbox) else { return };
    let Ok(verified) = opened.verify(&charter(opened.writer_public), &[]) else { return };
    let writer = SigningKey::from_secret(&[0x77; 32]);
    let sealed = desk::seal(verified, &mailbox, &writer, &[public_of(&EXCHANGE_SECRET)])
        .expect("an opened desk is checked, so it seals again");
    let reopened = desk::open(&sealed, &EXCHANGE_SECRET, &mailbox).expect("its own box opens");
    assert!(reopened.verify(&charter(writer.public()), &[]).expect("its writer is listed") == verified);
    let mut merged = verified.clone();
    merged.merge(verified).expect("a desk merges with itself");
    assert_eq!(merged.roster.len(), verified.roster.len());
});
