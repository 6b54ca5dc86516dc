//! Group mailboxes: created with a write public key (Ed25519); packs and charters written to them are signed by
//! it over (mailbox, channel, sequence, body hash, expiry); the key changes only by its own signature; anyone who
//! knows mailbox ids reads several at once without an account; a join inbox takes members' requests.

use serde::{Deserialize, Serialize};

use crate::codec::{DecodeError, Message, bounded_len, exact_len, max_count};
use crate::limits::{MAILBOX_ID_LEN, MAX_GROUP_WRITE, MAX_GROUPS_PER_READ, PUBLIC_KEY_LEN, SIGNATURE_LEN};

/// `POST /v1/groups`: a new group mailbox (its id derives from the group's read key, on the client).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateGroupMailbox {
    pub mailbox_id: Vec<u8>,
    pub write_key: Vec<u8>,
}

impl Message for CreateGroupMailbox {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("mailbox_id", &self.mailbox_id, MAILBOX_ID_LEN)?;
        exact_len("write_key", &self.write_key, PUBLIC_KEY_LEN)
    }
}

/// Which stream of a group mailbox a write belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    /// The current pack: the server keeps the highest sequence only.
    Pack,
    /// The charter chain: every version is kept; sequence is the charter version and must be the next one.
    Charter,
}

impl Channel {
    /// The byte that stands for the channel in signed messages.
    pub fn tag(self) -> u8 {
        match self {
            Channel::Pack => 1,
            Channel::Charter => 2,
        }
    }
}

/// `POST /v1/groups/{mailbox_id}/writes`: a signed write; also how the server hands writes back to readers, so
/// members can check the signature themselves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedWrite {
    pub channel: Channel,
    pub sequence: u64,
    /// Unix seconds after which the server stops serving the write (and members treat it as expired).
    pub expires_at: i64,
    pub body: Vec<u8>,
    /// Over [`crate::signing::group_write_message`] by the mailbox's write key.
    pub signature: Vec<u8>,
}

impl SignedWrite {
    fn check(&self) -> Result<(), DecodeError> {
        bounded_len("body", &self.body, MAX_GROUP_WRITE)?;
        exact_len("signature", &self.signature, SIGNATURE_LEN)
    }
}

impl Message for SignedWrite {
    fn validate(&self) -> Result<(), DecodeError> {
        self.check()
    }
}

/// `POST /v1/groups/{mailbox_id}/write-key`: a new write key (after a publisher is removed), signed by the
/// current key over [`crate::signing::write_key_message`]. `generation` is the current generation + 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteKeyChange {
    pub new_key: Vec<u8>,
    pub generation: u32,
    pub signature: Vec<u8>,
}

impl Message for WriteKeyChange {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("new_key", &self.new_key, PUBLIC_KEY_LEN)?;
        exact_len("signature", &self.signature, SIGNATURE_LEN)
    }
}

/// What a reader already has of one mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCursor {
    pub mailbox_id: Vec<u8>,
    /// The pack sequence held (0: none); the server sends the pack only if it has a higher one.
    pub pack_after: u64,
    /// The charter version held (0: none); the server sends the later charters.
    pub charter_after: u64,
}

/// `POST /v1/groups/read`: several mailboxes at once, without an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadGroups {
    pub mailboxes: Vec<GroupCursor>,
}

impl Message for ReadGroups {
    fn validate(&self) -> Result<(), DecodeError> {
        if self.mailboxes.is_empty() {
            return Err(DecodeError::invalid("mailboxes", "must not be empty"));
        }
        max_count("mailboxes", &self.mailboxes, MAX_GROUPS_PER_READ)?;
        self.mailboxes
            .iter()
            .try_for_each(|cursor| exact_len("mailboxes.mailbox_id", &cursor.mailbox_id, MAILBOX_ID_LEN))
    }
}

/// One mailbox in the reply to a group read. `found: false` means the server has no such mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupState {
    pub mailbox_id: Vec<u8>,
    pub found: bool,
    pub write_key: Vec<u8>,
    pub key_generation: u32,
    pub pack: Option<SignedWrite>,
    pub charters: Vec<SignedWrite>,
}

/// The reply to `POST /v1/groups/read`, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupStates {
    pub states: Vec<GroupState>,
}

impl Message for GroupStates {
    fn validate(&self) -> Result<(), DecodeError> {
        max_count("states", &self.states, MAX_GROUPS_PER_READ)?;
        for state in &self.states {
            exact_len("states.mailbox_id", &state.mailbox_id, MAILBOX_ID_LEN)?;
            if state.found {
                exact_len("states.write_key", &state.write_key, PUBLIC_KEY_LEN)?;
            }
            max_count("states.charters", &state.charters, 1024)?;
            state.pack.iter().chain(&state.charters).try_for_each(SignedWrite::check)?;
        }
        Ok(())
    }
}

/// `POST /v1/groups/{mailbox_id}/inbox/ack`: moderators drop processed join requests up to `up_to`, signed by
/// the write key over [`crate::signing::inbox_ack_message`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxAck {
    pub up_to: u64,
    pub signature: Vec<u8>,
}

impl Message for InboxAck {
    fn validate(&self) -> Result<(), DecodeError> {
        exact_len("signature", &self.signature, SIGNATURE_LEN)
    }
}
