//! Decoder families: every message the network can send, grouped as the fuzz targets are (`fuzz/fuzz_targets/`).
//! [`decode_family`] runs every decoder of a family on the same bytes and checks that whatever decodes re-encodes to
//! bytes no longer than the input that decode to the same value, so a fuzz target is one call. (postcard accepts
//! over-long varints, so the input itself need not be canonical; nothing is ever signed over encoded messages,
//! signatures cover the fixed layouts of `signing`.)

use crate::codec::{Message, decode, encode};
use crate::{ErrorBody, accounts, auth, devices, groups, keys, mailboxes, records};

/// The decoder families; each has a fuzz target of the same name.
pub const FAMILIES: &[&str] = &["accounts", "auth", "devices", "keys", "records", "mailboxes", "groups", "errors"];

fn try_one<T: Message + PartialEq + std::fmt::Debug>(bytes: &[u8]) -> usize {
    match decode::<T>(bytes) {
        Ok(value) => {
            let again = encode(&value);
            assert!(again.len() <= bytes.len(), "re-encoding grew the message");
            assert_eq!(decode::<T>(&again).as_ref(), Ok(&value), "a re-encoded message must decode to itself");
            1
        }
        Err(_) => 0,
    }
}

/// Tries `bytes` as every message of `family`; returns how many decoders accepted them. Panics only if an
/// accepted message does not survive re-encoding, or if the family is unknown.
pub fn decode_family(family: &str, bytes: &[u8]) -> usize {
    match family {
        "accounts" => {
            try_one::<accounts::CreateAccount>(bytes)
                + try_one::<accounts::Enrolled>(bytes)
                + try_one::<accounts::RecoveryChallengeRequest>(bytes)
                + try_one::<accounts::RecoverDevice>(bytes)
                + try_one::<accounts::NewPhrase>(bytes)
                + try_one::<accounts::Done>(bytes)
        }
        "auth" => {
            try_one::<auth::ChallengeRequest>(bytes)
                + try_one::<auth::Challenge>(bytes)
                + try_one::<auth::TokenRequest>(bytes)
                + try_one::<auth::Token>(bytes)
        }
        "devices" => {
            try_one::<devices::EnrolDevice>(bytes)
                + try_one::<devices::DeviceList>(bytes)
                + try_one::<devices::RevokeDevice>(bytes)
                + try_one::<devices::RenameDevice>(bytes)
        }
        "keys" => {
            try_one::<keys::KeyWraps>(bytes)
                + try_one::<keys::AddWraps>(bytes)
                + try_one::<keys::EpochSwitch>(bytes)
                + try_one::<keys::EpochSwitched>(bytes)
        }
        "records" => {
            try_one::<records::UploadBatch>(bytes)
                + try_one::<records::BatchOutcome>(bytes)
                + try_one::<records::Page>(bytes)
        }
        "mailboxes" => {
            try_one::<mailboxes::Post>(bytes)
                + try_one::<mailboxes::Posted>(bytes)
                + try_one::<mailboxes::Messages>(bytes)
                + try_one::<mailboxes::Ack>(bytes)
        }
        "groups" => {
            try_one::<groups::CreateGroupMailbox>(bytes)
                + try_one::<groups::SignedWrite>(bytes)
                + try_one::<groups::WriteKeyChange>(bytes)
                + try_one::<groups::ReadGroups>(bytes)
                + try_one::<groups::GroupStates>(bytes)
                + try_one::<groups::InboxAck>(bytes)
        }
        "errors" => try_one::<ErrorBody>(bytes),
        other => panic!("unknown decoder family {other}"),
    }
}
