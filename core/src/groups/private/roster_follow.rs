//! A member following a private group's roster chain: each verified version applied in order — of this group,
//! numbered one after the version held, never of a lower epoch — and what it meant for them: still waiting,
//! approved (the read key), a new epoch (its read key), declined, or removed (they keep what they verified and
//! receive nothing new). A member offline through several epochs catches up one version at a time.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::hpke_seal;
use super::roster::RosterVersion;
use crate::crypto::Bytes32;
use crate::groups::charter::GroupId;
use crate::groups::error::{GroupError, Result};

/// What a roster version meant for a member.
pub enum RosterStep {
    /// Nothing changed for them (still waiting, or still in at the same epoch).
    Unchanged,
    /// They are in, at a new epoch: read the group with this key from now on.
    NewEpoch { epoch: u32, read_key: Zeroizing<Bytes32> },
    /// Their request was approved: the group's read key, at this epoch.
    Approved { epoch: u32, read_key: Zeroizing<Bytes32> },
    /// Their request was declined.
    Declined,
    /// They were in and are no longer: they keep what they verified and receive nothing new.
    Removed,
}

impl std::fmt::Debug for RosterStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RosterStep::Unchanged => f.write_str("Unchanged"),
            RosterStep::NewEpoch { epoch, .. } => {
                f.debug_struct("NewEpoch").field("epoch", epoch).finish_non_exhaustive()
            }
            RosterStep::Approved { epoch, .. } => {
                f.debug_struct("Approved").field("epoch", epoch).finish_non_exhaustive()
            }
            RosterStep::Declined => f.write_str("Declined"),
            RosterStep::Removed => f.write_str("Removed"),
        }
    }
}

/// Where a member is in one group's roster chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterFollow {
    pub group_id: GroupId,
    /// The last version applied (0 before the first).
    pub held_version: u32,
    /// The epoch of the last version applied.
    pub epoch: u32,
    /// Whether the last version applied named this member.
    pub in_group: bool,
}

impl RosterFollow {
    /// A member who has just asked to join `group_id` and holds no version yet.
    pub fn new(group_id: GroupId) -> RosterFollow {
        RosterFollow { group_id, held_version: 0, epoch: 0, in_group: false }
    }

    /// Applies the next verified version for the holder of `member_secret`: it must be of this group, numbered
    /// one after the version held, and never of a lower epoch. Nothing changes when it is refused.
    pub fn apply(&mut self, roster: &RosterVersion, member_secret: &Bytes32) -> Result<RosterStep> {
        if roster.group_id != self.group_id {
            return Err(GroupError::refused("roster", "it is of another group"));
        }
        if Some(roster.version) != self.held_version.checked_add(1) {
            return Err(GroupError::refused("roster", "it is not the version after the one already received"));
        }
        if roster.epoch < self.epoch {
            return Err(GroupError::refused("roster", "its epoch is older than one already received"));
        }
        let found = roster.find_checked(member_secret)?;
        let step = match (found, self.in_group) {
            (Some(read_key), false) => RosterStep::Approved { epoch: roster.epoch, read_key },
            (Some(read_key), true) if roster.epoch > self.epoch => {
                RosterStep::NewEpoch { epoch: roster.epoch, read_key }
            }
            (Some(_), true) => RosterStep::Unchanged,
            (None, true) => RosterStep::Removed,
            (None, false) if roster.declined_me(&hpke_seal::public_of(member_secret)) => RosterStep::Declined,
            (None, false) => RosterStep::Unchanged,
        };
        self.held_version = roster.version;
        self.epoch = roster.epoch;
        self.in_group = matches!(step, RosterStep::Approved { .. } | RosterStep::NewEpoch { .. })
            || (self.in_group && matches!(step, RosterStep::Unchanged));
        Ok(step)
    }
}
