//! Device mailboxes: the link mailbox (no account; named by a 32-byte id from the linking code; kept 10
//! minutes) and each device's own mailbox for key hand-offs (kept until the device acknowledges or is revoked).

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, bounded_len, max_count};
use crate::limits::MAX_MAILBOX_MESSAGE;

/// How long a link mailbox lives after its first message, in seconds.
pub const LINK_MAILBOX_TTL_SECS: i64 = 600;

/// Most messages a link mailbox holds (the linking exchange needs four).
pub const LINK_MAILBOX_MAX_MESSAGES: usize = 8;

/// `POST` to a mailbox: one opaque (encrypted) message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub body: Vec<u8>,
}

impl Message for Post {
    fn validate(&self) -> Result<(), DecodeError> {
        bounded_len("body", &self.body, MAX_MAILBOX_MESSAGE)
    }
}

/// The reply to a post: the message's sequence number in its mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posted {
    pub sequence: u64,
}

impl Message for Posted {
    fn validate(&self) -> Result<(), DecodeError> {
        Ok(())
    }
}

/// One stored message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxMessage {
    pub sequence: u64,
    /// Unix seconds.
    pub posted_at: i64,
    pub body: Vec<u8>,
}

/// The reply to reading a mailbox (`?after=SEQUENCE`): messages in sequence order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Messages {
    pub messages: Vec<MailboxMessage>,
}

impl Message for Messages {
    fn validate(&self) -> Result<(), DecodeError> {
        max_count("messages", &self.messages, 1024)?;
        self.messages.iter().try_for_each(|message| bounded_len("messages.body", &message.body, MAX_MAILBOX_MESSAGE))
    }
}

/// `POST /v1/mailbox/ack`: the device has what it read up to `up_to`; the server deletes those messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub up_to: u64,
}

impl Message for Ack {
    fn validate(&self) -> Result<(), DecodeError> {
        Ok(())
    }
}
