//! The network side of group mailboxes, over the sync [`Client`] and whichever [`crate::sync::Transport`] the
//! app gives: create a mailbox with its write key, post a write signed by that key on the Pack or Charter
//! channel, and read many mailboxes in one `POST /v1/groups/read`, without an account. What comes back is bytes
//! the caller verifies ([`super::trust::GroupTrust`]) before using any of it.

use mend_protocol::accounts::Done;
use mend_protocol::groups::{
    Channel, CreateGroupMailbox, GroupCursor, GroupState, GroupStates, ReadGroups, SignedWrite,
};
use mend_protocol::mailboxes::Posted;
use mend_protocol::{hex, routes, signing};
use sha2::{Digest, Sha256};

use super::failure::{GroupsFailure, Outcome};
use crate::crypto::SigningKey;
use crate::sync::SyncError;
use crate::sync::client::{Client, Method};

/// A group mailbox's id: 32 bytes derived from the read key ([`super::keys::mailbox_id`]).
pub type MailboxId = [u8; 32];

/// Creates the group's mailbox on the server, writable only with `write_key`.
pub async fn create_mailbox(client: &mut Client<'_>, mailbox: &MailboxId, write_key: &SigningKey) -> Outcome<()> {
    let request = CreateGroupMailbox { mailbox_id: mailbox.to_vec(), write_key: write_key.public().to_vec() };
    client
        .call::<_, Done>(Method::Post, routes::GROUPS, Some(&request), false)
        .await
        .map_err(|refusal| GroupsFailure::from_refusal(refusal, "group"))?;
    Ok(())
}

/// A write of `body` on `channel` at `sequence`, signed with the mailbox's write key over what the server checks
/// (mailbox, channel, sequence, SHA-256 of the body, expiry).
pub fn signed_write(
    mailbox: &MailboxId,
    write_key: &SigningKey,
    channel: Channel,
    sequence: u64,
    expires_at: i64,
    body: Vec<u8>,
) -> SignedWrite {
    let message = signing::group_write_message(mailbox, channel.tag(), sequence, &Sha256::digest(&body), expires_at);
    let signature = write_key.sign_message(&message).to_vec();
    SignedWrite { channel, sequence, expires_at, body, signature }
}

/// Posts a signed write. A server holding a newer one refuses it ([`GroupsFailure::Newer`]).
pub async fn post(client: &mut Client<'_>, mailbox: &MailboxId, write: &SignedWrite) -> Outcome<()> {
    let path = routes::GROUP_WRITES.replace("{mailbox_id}", &hex::encode(mailbox));
    let what = match write.channel {
        Channel::Pack => "pack",
        Channel::Charter => "charter",
    };
    client
        .call::<_, Posted>(Method::Post, &path, Some(write), false)
        .await
        .map_err(|refusal| GroupsFailure::from_refusal(refusal, what))?;
    Ok(())
}

/// Reads every mailbox in `cursors` in one request; the reply answers each, in the order asked (a reply that
/// does not is refused as a whole).
pub async fn read(client: &mut Client<'_>, cursors: Vec<GroupCursor>) -> Outcome<Vec<GroupState>> {
    let asked: Vec<Vec<u8>> = cursors.iter().map(|c| c.mailbox_id.clone()).collect();
    let request = ReadGroups { mailboxes: cursors };
    let reply: GroupStates = client
        .call(Method::Post, routes::GROUPS_READ, Some(&request), true)
        .await
        .map_err(|refusal| GroupsFailure::from_refusal(refusal, "group"))?;
    let answered: Vec<&Vec<u8>> = reply.states.iter().map(|s| &s.mailbox_id).collect();
    if answered.len() != asked.len() || answered.iter().zip(&asked).any(|(a, b)| *a != b) {
        return Err(GroupsFailure::Network(SyncError::BadReply));
    }
    Ok(reply.states)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_is_signed_over_what_the_server_checks() {
        let key = SigningKey::generate();
        let mailbox = [7u8; 32];
        let write = signed_write(&mailbox, &key, Channel::Pack, 3, 1_900_000_000, b"sealed".to_vec());
        let message = signing::group_write_message(&mailbox, 1, 3, &Sha256::digest(b"sealed"), 1_900_000_000);
        let public = ed25519_dalek::VerifyingKey::from_bytes(&key.public()).unwrap();
        let signature = ed25519_dalek::Signature::from_slice(&write.signature).unwrap();
        assert!(public.verify_strict(&message, &signature).is_ok());
        let other = signing::group_write_message(&mailbox, 1, 2, &Sha256::digest(b"sealed"), 1_900_000_000);
        assert!(public.verify_strict(&other, &signature).is_err(), "the sequence is signed");
    }

    #[test]
    fn a_mailbox_id_is_as_long_as_the_server_wants() {
        let id = super::super::keys::mailbox_id(&crate::crypto::random());
        assert_eq!(id.len(), mend_protocol::limits::MAILBOX_ID_LEN);
    }
}
