//! What a member's device knows and checks about one group: the hash of charter version 1 that the invite
//! pinned, the newest charter verified from it link by link, the highest pack sequence accepted, and the highest
//! section sequence accepted from each publisher.
//!
//! The rules (after TUF's root rotation, and the lessons of awslabs/tough's 2025 advisories):
//! - version 1 must hash to the pinned value and carry a threshold of its own owners' signatures;
//! - version N+1 must be exactly N+1, name N's hash, and carry a threshold of N's owners *and* a threshold of
//!   its own owners (so keys can't be added by the old owners alone, nor taken over by new ones alone);
//! - every signature present must verify and come from an owner of N or N+1: a changed or stray signature
//!   refuses the charter rather than being passed over;
//! - a pack must be posted by an owner or publisher the current charter lists, name the current charter
//!   version, have a sequence above every accepted one (no rollback), and be unexpired under an unexpired
//!   charter (an expired charter freezes the group: what was verified stays, and nothing newer is accepted);
//! - every section in it must be signed by its publisher, who the current charter lists, hold only items in
//!   that publisher's scopes (an owner's are every kind), be unexpired, and not be older than the last section
//!   accepted from that publisher; one publisher has one section, and an item id is in one section only. Any
//!   section failing refuses the whole pack.
//!
//! Nothing is kept until everything checked out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::charter::{Charter, GroupId, SignedCharter};
use super::error::{GroupError, Result};
use super::items::Item;
use super::pack;
use super::sections::{self, Section};
use crate::crypto::Bytes32;

/// The highest section sequence a member accepted from one publisher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionSeen {
    pub publisher: Bytes32,
    pub sequence: u64,
}

/// A pack that verified: its sequence, its sections, and when the first of them (or the pack) expires.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptedPack {
    pub sequence: u64,
    pub sections: Vec<Section>,
    pub expires_at: DateTime<Utc>,
}

impl AcceptedPack {
    /// Every section's items: what the shelf shows.
    pub fn items(&self) -> Vec<Item> {
        self.sections.iter().flat_map(|s| s.items.iter().cloned()).collect()
    }
}

/// A member's verified view of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTrust {
    /// The hash of charter version 1, from the invite.
    pub pinned: Bytes32,
    /// The newest charter verified.
    pub charter: Charter,
    /// Its hash (what the next charter must name).
    pub charter_hash: Bytes32,
    /// The highest pack sequence accepted (0 before the first).
    pub pack_sequence: u64,
    /// The highest section sequence accepted from each publisher (empty in a state stored before sections).
    #[serde(default)]
    pub sections: Vec<SectionSeen>,
    /// Owners who left by signing the charter that no longer lists them in any role (a handover), newest last, at
    /// most [`MAX_DEPARTED`]: a private group's roster versions they signed while they owned it stay trusted
    /// (`private/roster.rs`). An owner removed by others, or one who stays on as a publisher, is never here.
    #[serde(default)]
    pub departed: Vec<Bytes32>,
}

/// The most departed owners a verified state remembers.
pub const MAX_DEPARTED: usize = 64;

impl GroupTrust {
    /// Starts from charter version 1, which must hash to `pinned` (from the invite).
    pub fn from_root(pinned: &Bytes32, root: &SignedCharter) -> Result<GroupTrust> {
        if &root.hash() != pinned {
            return Err(GroupError::refused("charter", "it is not the charter the invite names"));
        }
        let charter = root.charter()?;
        if charter.version != 1 {
            return Err(GroupError::refused("charter", "the first charter must be version 1"));
        }
        let signers = root.verified_signers()?;
        require_owners(&charter, &signers)?;
        Ok(GroupTrust {
            pinned: *pinned,
            charter_hash: root.hash(),
            charter,
            pack_sequence: 0,
            sections: Vec::new(),
            departed: Vec::new(),
        })
    }

    /// The group's id.
    pub fn group_id(&self) -> GroupId {
        self.charter.group_id
    }

    /// Applies the next charter in the chain (exactly one version newer).
    pub fn apply_charter(&mut self, next: &SignedCharter) -> Result<()> {
        let charter = next.charter()?;
        if charter.group_id != self.charter.group_id {
            return Err(GroupError::refused("charter", "it belongs to another group"));
        }
        if charter.version != self.charter.version + 1 {
            return Err(GroupError::refused(
                "charter",
                format!("it is version {}, but version {} comes next", charter.version, self.charter.version + 1),
            ));
        }
        if charter.previous != Some(self.charter_hash) {
            return Err(GroupError::refused("charter", "it does not follow the charter this device verified"));
        }
        let signers = next.verified_signers()?;
        if signers.iter().any(|k| !self.charter.is_owner(k) && !charter.is_owner(k)) {
            return Err(GroupError::refused("charter", "it is signed by someone who is not an owner"));
        }
        require_owners(&self.charter, &signers)?;
        require_owners(&charter, &signers)?;
        // Only someone who holds no role any more: a former owner who stays on as a publisher (who holds the write
        // key) must not sign roster versions members accept, nor one who comes back in any role.
        let listed = |k: &Bytes32| charter.is_owner(k) || charter.publisher(k).is_some();
        self.departed.retain(|d| !listed(d));
        let handed_over = self.charter.owners.iter().map(|o| o.signing_key);
        for key in handed_over.filter(|k| !listed(k) && signers.contains(k)).collect::<Vec<_>>() {
            self.departed.push(key);
        }
        let excess = self.departed.len().saturating_sub(MAX_DEPARTED);
        self.departed.drain(..excess);
        self.charter_hash = next.hash();
        self.charter = charter;
        Ok(())
    }

    /// Applies charters in order, passing over versions already verified; all or nothing.
    pub fn apply_charters(&mut self, chain: &[SignedCharter]) -> Result<()> {
        let mut next = self.clone();
        for signed in chain {
            let version = signed.charter()?.version;
            if version > next.charter.version {
                next.apply_charter(signed)?;
            }
        }
        *self = next;
        Ok(())
    }

    /// Whether the group is frozen at `now`: its newest charter has expired.
    pub fn frozen(&self, now: DateTime<Utc>) -> bool {
        now >= self.charter.expires_at
    }

    /// The highest section sequence accepted from `publisher` (0 before the first).
    pub fn section_sequence(&self, publisher: &Bytes32) -> u64 {
        self.sections.iter().find(|s| &s.publisher == publisher).map_or(0, |s| s.sequence)
    }

    /// Opens, verifies and accepts a sealed pack and every section in it; on success the pack sequence and each
    /// publisher's section sequence move to the pack's.
    pub fn accept_pack(&mut self, read_key: &Bytes32, sealed: &[u8], now: DateTime<Utc>) -> Result<AcceptedPack> {
        let pack = pack::open(&self.charter.group_id, read_key, sealed)?;
        if pack.group_id != self.charter.group_id {
            return Err(GroupError::refused("pack", "it belongs to another group"));
        }
        if sections::scopes(&self.charter, &pack.publisher).is_none() {
            return Err(GroupError::refused("pack", "its publisher is not a publisher of this group"));
        }
        if pack.charter_version != self.charter.version {
            return Err(GroupError::refused("pack", "it was made under another version of the group's charter"));
        }
        if pack.sequence <= self.pack_sequence {
            return Err(GroupError::refused("pack", "it is older than one already received"));
        }
        if self.frozen(now) {
            return Err(GroupError::refused("pack", "the group's charter has expired; nothing newer can be accepted"));
        }
        if now >= pack.expires_at {
            return Err(GroupError::refused("pack", "it has expired"));
        }
        pack.check()?;
        let verified = sections::check_sections(
            &pack.sections,
            &pack.group_id,
            &self.charter,
            pack.sequence,
            |publisher| self.section_sequence(publisher),
            now,
        )?;
        for section in &verified {
            match self.sections.iter_mut().find(|s| s.publisher == section.publisher) {
                Some(seen) => seen.sequence = seen.sequence.max(section.sequence),
                None => self.sections.push(SectionSeen { publisher: section.publisher, sequence: section.sequence }),
            }
        }
        self.pack_sequence = pack.sequence;
        let expires_at = verified.iter().map(|s| s.expires_at).fold(pack.expires_at, DateTime::min);
        Ok(AcceptedPack { sequence: pack.sequence, sections: verified, expires_at })
    }
}

/// At least `of.threshold` of `of`'s owners are among `signers`.
fn require_owners(of: &Charter, signers: &[Bytes32]) -> Result<()> {
    let count = of.owners.iter().filter(|o| signers.contains(&o.signing_key)).count();
    if count < usize::from(of.threshold) {
        return Err(GroupError::refused(
            "charter",
            format!("it needs {} owners' signatures of version {} and has {count}", of.threshold, of.version),
        ));
    }
    Ok(())
}
