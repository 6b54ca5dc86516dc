//! Why a group action on this device did not happen: a group document that did not verify ([`GroupError`]),
//! the journal's storage, the network, or the group's server saying no. Every message is in words a member or
//! moderator can act on; none quotes a group's name, description or items, nor a key.

use mend_protocol::ErrorCode;

use super::error::GroupError;
use crate::sync::SyncError;
use crate::sync::client::Refusal;

/// What stopped a group action.
#[derive(Debug, thiserror::Error)]
pub enum GroupsFailure {
    /// A charter, pack, item, invite or field did not pass.
    #[error(transparent)]
    Group(#[from] GroupError),
    /// The journal could not be read or written (a write saves nothing when it fails).
    #[error(transparent)]
    Journal(#[from] crate::Error),
    /// The server could not be reached or answered in a way Mend could not use.
    #[error("{0}")]
    Network(#[from] SyncError),
    /// The invite's pinned charter is not the group's: the link was changed or is for another group.
    #[error(
        "this invite does not match the group it leads to (the link may have been changed); nothing was joined. \
         Ask the moderator to send the link again"
    )]
    InviteMismatch,
    /// The group's server has no mailbox for this group (deleted, or the link names another server).
    #[error("the group's server does not have this group; ask the moderator for a new link")]
    GroupGone,
    /// The server already holds a newer write on this channel.
    #[error("the group's server already has a newer {what} (number {current}); it keeps only the newest")]
    Newer { what: &'static str, current: u64 },
    /// No group on this device answers to what was asked.
    #[error("group: {0}")]
    NotFound(String),
    /// The action clashes with what this device holds (already joined, say).
    #[error("group: {0}")]
    Conflict(String),
    /// A secret this group needs is missing from this device's key store.
    #[error("this device no longer holds the keys for this group; {0}")]
    KeysMissing(&'static str),
}

/// Result with [`GroupsFailure`].
pub type Outcome<T> = std::result::Result<T, GroupsFailure>;

impl GroupsFailure {
    /// A refused or failed call, as a failure of `what` (a "pack" or "charter" for writes).
    pub(crate) fn from_refusal(refusal: Refusal, what: &'static str) -> GroupsFailure {
        match refusal {
            Refusal::Code(ErrorCode::SequenceTooLow { current }) => GroupsFailure::Newer { what, current },
            Refusal::Code(ErrorCode::NotFound) => GroupsFailure::GroupGone,
            other => GroupsFailure::Network(SyncError::from(other)),
        }
    }
}
