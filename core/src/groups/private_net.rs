//! The network side of private groups, over the sync [`Client`]: the intake mailbox's join inbox (post a sealed
//! request, read after a sequence, acknowledge up to one signed by the mailbox write key) and reading one mailbox
//! from a cursor. What comes back is bytes the caller opens and verifies before using any of it.

use mend_protocol::groups::{GroupCursor, GroupState, InboxAck};
use mend_protocol::mailboxes::{MailboxMessage, Messages, Post, Posted};
use mend_protocol::{accounts::Done, hex, routes, signing};

use super::failure::{GroupsFailure, Outcome};
use super::network::{self, MailboxId};
use crate::crypto::SigningKey;
use crate::sync::client::{Client, Method};

fn inbox_path(mailbox: &MailboxId) -> String {
    routes::GROUP_INBOX.replace("{mailbox_id}", &hex::encode(mailbox))
}

/// Posts a sealed join request to the join inbox of `mailbox`.
pub async fn post_request(client: &mut Client<'_>, mailbox: &MailboxId, sealed: Vec<u8>) -> Outcome<()> {
    client
        .call::<_, Posted>(Method::Post, &inbox_path(mailbox), Some(&Post { body: sealed }), false)
        .await
        .map_err(|refusal| GroupsFailure::from_refusal(refusal, "join request"))?;
    Ok(())
}

/// The join requests in the inbox of `mailbox` after the sequence `after`.
pub async fn read_inbox(client: &mut Client<'_>, mailbox: &MailboxId, after: u64) -> Outcome<Vec<MailboxMessage>> {
    let path = format!("{}?after={after}", inbox_path(mailbox));
    let reply: Messages = client
        .call::<Done, Messages>(Method::Get, &path, None, true)
        .await
        .map_err(|refusal| GroupsFailure::from_refusal(refusal, "join request"))?;
    Ok(reply.messages)
}

/// Lets the server drop the requests of `mailbox`'s inbox up to `up_to`, signed with the mailbox's write key.
pub async fn ack_inbox(
    client: &mut Client<'_>,
    mailbox: &MailboxId,
    write_key: &SigningKey,
    up_to: u64,
) -> Outcome<()> {
    let signature = write_key.sign_message(&signing::inbox_ack_message(mailbox, up_to)).to_vec();
    let path = routes::GROUP_INBOX_ACK.replace("{mailbox_id}", &hex::encode(mailbox));
    client
        .call::<_, Done>(Method::Post, &path, Some(&InboxAck { up_to, signature }), false)
        .await
        .map_err(|refusal| GroupsFailure::from_refusal(refusal, "join request"))?;
    Ok(())
}

/// What `mailbox` holds after the cursor: its charter channel after `chain_after`, its pack when newer than
/// `pack_after`. A mailbox the server does not have is [`GroupsFailure::GroupGone`].
pub async fn read_one(
    client: &mut Client<'_>,
    mailbox: &MailboxId,
    pack_after: u64,
    chain_after: u64,
) -> Outcome<GroupState> {
    let cursor = GroupCursor { mailbox_id: mailbox.to_vec(), pack_after, charter_after: chain_after };
    let state = network::read(client, vec![cursor]).await?.pop().ok_or(GroupsFailure::GroupGone)?;
    if !state.found {
        return Err(GroupsFailure::GroupGone);
    }
    Ok(state)
}
