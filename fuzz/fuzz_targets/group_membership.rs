//! Fuzzes the sealed membership blobs that sync carries between a person's devices (`membership_seal::open_*`,
//! the pure part of taking a group up on another device) with a fixed key: the first byte picks the row's role,
//! the rest is the row's `sealed` text. Any input never panics; an owner's blob that opens is of the row's group.
//! (The blob is AEAD under the key, so mutations of the seeds `tests/group_seeds.rs` seals under `KEY` open only
//! if the fuzzer finds a forgery; the checks before and after opening are what it reaches.)
#![no_main]

use mend_core::groups::membership_seal::{self, MembershipKey};
use mend_core::groups::memberships::Membership;

/// The naming key `tests/group_seeds.rs` seals the seeds under.
const KEY: [u8; 32] = [0x5a; 32];
/// The row the seeds were sealed for (the group id and server are bound in).
const GROUP: &str = "00112233445566778899aabbccddeeff";
const SERVER: &str = "https://groups.example.org";

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&role, sealed)) = data.split_first() else { return };
    let role = ["member", "owner", "publisher"][usize::from(role % 3)];
    let row = Membership {
        guid: "guid".into(),
        group_id: GROUP.into(),
        role: role.into(),
        server: SERVER.into(),
        sealed: String::from_utf8_lossy(sealed).into_owned(),
        created_at: Default::default(),
        updated_at: Default::default(),
    };
    let key = MembershipKey::from_secret(&KEY);
    match role {
        "member" => {
            if let Ok(invite) = membership_seal::open_member(&key, &row) {
                assert_eq!(invite.server, SERVER);
            }
        }
        "owner" => {
            if let Ok(opened) = membership_seal::open_owner(&key, &row) {
                assert_eq!(mend_protocol::hex::encode(&opened.group_id), GROUP);
            }
        }
        _ => {
            let _ = membership_seal::open_publisher(&key, &row);
        }
    }
});
