//! A group's secrets and what derives from them. Owners hold the owner secret, from which the mailbox's write
//! keys derive (one per generation: removing a publisher moves to the next); members hold only the read key,
//! from which the mailbox id derives, so knowing where to fetch says nothing of how to write.

use serde::{Deserialize, Serialize};

use super::charter::GroupId;
use crate::crypto::{self, Bytes32, SigningKey};

/// The secrets of one group, held by its owners (and backed up by them).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSecrets {
    pub group_id: GroupId,
    /// Only owners hold this.
    pub owner_secret: Bytes32,
    /// The current read key (members hold it too).
    pub read_key: Bytes32,
    /// Which mailbox write key is current.
    pub write_generation: u32,
}

impl std::fmt::Debug for GroupSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GroupSecrets").field("write_generation", &self.write_generation).finish_non_exhaustive()
    }
}

impl GroupSecrets {
    /// New random secrets for a new group.
    pub fn generate() -> GroupSecrets {
        GroupSecrets {
            group_id: crypto::random(),
            owner_secret: crypto::random(),
            read_key: crypto::random(),
            write_generation: 1,
        }
    }

    /// The mailbox write key of the current generation.
    pub fn write_key(&self) -> SigningKey {
        SigningKey::from_secret(&crypto::derive(
            &self.owner_secret,
            &format!("mend-group-mailbox-write-v1/{}", self.write_generation),
        ))
    }

    /// Moves to the next write key (after a publisher is removed): the server accepts it only when the current
    /// key signs the change.
    pub fn rotate_write_key(&mut self) -> SigningKey {
        self.write_generation += 1;
        self.write_key()
    }
}

/// The mailbox id members fetch from (32 bytes, as the protocol's `MAILBOX_ID_LEN`): derived from the read key,
/// so the server can't link it to anything else.
pub fn mailbox_id(read_key: &Bytes32) -> Bytes32 {
    crypto::derive(read_key, "mend-group-mailbox-id-v1")
}
