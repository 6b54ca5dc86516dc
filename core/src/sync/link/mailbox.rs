//! The link mailbox as linking uses it: post one sealed message, read them all. The server's "not found" and
//! "expired" become the words a person needs (a code nobody is waiting with, or one whose ten minutes are over).

use mend_protocol::mailboxes::{MailboxMessage, Messages, Post, Posted};
use mend_protocol::{ErrorCode, hex, routes};

use super::code::LinkCode;
use crate::sync::client::{Client, Method, Refusal};
use crate::sync::error::SyncError;

fn path(code: &LinkCode) -> String {
    routes::LINK.replace("{mailbox_id}", &hex::encode(&code.mailbox_id()))
}

/// What a refusal means for a link mailbox; `missing` is the error for "not found".
fn refused(refusal: Refusal, missing: SyncError) -> SyncError {
    match refusal {
        Refusal::Code(ErrorCode::NotFound) => missing,
        Refusal::Code(ErrorCode::Expired) => SyncError::LinkExpired,
        other => other.into(),
    }
}

/// Posts `body` to the code's mailbox.
pub async fn post(client: &mut Client<'_>, code: &LinkCode, body: Vec<u8>) -> Result<(), SyncError> {
    let _: Posted = client
        .call(Method::Post, &path(code), Some(&Post { body }), false)
        .await
        .map_err(|refusal| refused(refusal, SyncError::LinkExpired))?;
    Ok(())
}

/// Every message in the code's mailbox, oldest first. A mailbox the server does not know is `missing`: for the
/// approving device, no one is waiting with that code; for the new device, which made it, it has expired.
pub async fn read(
    client: &mut Client<'_>,
    code: &LinkCode,
    missing: SyncError,
) -> Result<Vec<MailboxMessage>, SyncError> {
    let messages: Messages = client
        .call::<Post, Messages>(Method::Get, &format!("{}?after=0", path(code)), None, true)
        .await
        .map_err(|refusal| refused(refusal, missing))?;
    Ok(messages.messages)
}
