//! The roster chain: one version per approval, decline or removal, kept in the intake mailbox and numbered one
//! after another. A version names the group, its number and epoch, and holds one entry per approved member —
//! a tag (a hash of their key and the epoch, so entries cannot be linked across epochs) and the epoch's read key
//! sealed to their key with HPKE — and the tags of declined requests. An owner signs its exact bytes; the
//! signed version is sealed under a key derived from the intake public key, bound to the intake mailbox and
//! the version number, so the server learns only its size.
//!
//! [`open`] decrypts and decodes (the signature is not yet trusted); [`SignedRoster::verify`] trusts it only when
//! an owner of the current charter signed it; [`super::roster_follow`] applies verified versions in order for a
//! member.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::hpke_seal;
use super::intake::{intake_mailbox_id, roster_box_key};
use crate::crypto::{self, Bytes32, SigningKey};
use crate::groups::charter::{Charter, GroupId};
use crate::groups::codec;
use crate::groups::error::{GroupError, Result};

/// The label roster signatures, tags and boxes are made under.
pub const ROSTER_LABEL: &str = "mend-group-roster-v1";
/// The HPKE info label of an epoch's read key sealed to a member.
pub const EPOCH_KEY_INFO: &[u8] = b"mend-group-epoch-key-v1";
/// The most approved members one version holds.
pub const MAX_ENTRIES: usize = 2048;
/// The most declined requests one version holds.
pub const MAX_DECLINED: usize = 2048;
/// The largest encoded version.
pub const MAX_ROSTER_BYTES: usize = 512 * 1024;
/// Every entry's sealed key: the read key and HPKE's overhead.
const SEALED_KEY_LEN: usize = 32 + hpke_seal::OVERHEAD;
/// The largest signed version: the body, its length, the signature and the signer.
const MAX_SIGNED_BYTES: usize = MAX_ROSTER_BYTES + 4 + 64 + 1 + 32;

/// A member's tag at one epoch.
pub type Tag = [u8; 16];

/// One version of a group's roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterVersion {
    pub group_id: GroupId,
    /// 1 for the first version; each adds 1.
    pub version: u32,
    /// The read key's epoch (1 for the group's first; a removal moves to the next).
    pub epoch: u32,
    /// Seconds since the Unix epoch.
    pub issued_at: i64,
    /// One per approved member.
    pub entries: Vec<Entry>,
    /// The tags (at this epoch) of requests declined.
    pub declined: Vec<Tag>,
}

/// An approved member's entry: their tag, and the epoch's read key sealed to their key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub tag: Tag,
    pub sealed_key: Vec<u8>,
}

/// The tag of the member whose group key is `member_public`, at `epoch`.
pub fn tag(member_public: &Bytes32, epoch: u32) -> Tag {
    let mut data = member_public.to_vec();
    data.extend_from_slice(&epoch.to_be_bytes());
    let hash = crypto::hash(ROSTER_LABEL, &data);
    hash[..16].try_into().expect("16 of 32 bytes")
}

fn entry_aad(group_id: &GroupId, epoch: u32, tag: &Tag) -> Vec<u8> {
    [group_id.as_slice(), &epoch.to_be_bytes(), tag].concat()
}

/// The entry giving the member whose group key is `member_public` the read key of `epoch`.
pub fn wrap(member_public: &Bytes32, group_id: &GroupId, epoch: u32, read_key: &Bytes32) -> Result<Entry> {
    let tag = tag(member_public, epoch);
    let aad = entry_aad(group_id, epoch, &tag);
    let sealed_key = hpke_seal::seal_to("roster", member_public, EPOCH_KEY_INFO, &aad, read_key)?;
    Ok(Entry { tag, sealed_key })
}

impl RosterVersion {
    /// Checks the version's own fields (not its signature or its place in the chain).
    pub fn check(&self) -> Result<()> {
        let field = |name: &str, reason: &str| Err(GroupError::invalid(format!("roster.{name}"), reason));
        if self.version == 0 {
            return field("version", "starts at 1");
        }
        if self.epoch == 0 {
            return field("epoch", "starts at 1");
        }
        if self.entries.len() > MAX_ENTRIES {
            return field("entries", "a version holds at most 2048 members");
        }
        if self.declined.len() > MAX_DECLINED {
            return field("declined", "a version holds at most 2048 declined requests");
        }
        if self.entries.iter().any(|e| e.sealed_key.len() != SEALED_KEY_LEN) {
            return field("entries.sealed_key", "is not a sealed read key");
        }
        let mut tags: Vec<&Tag> = self.entries.iter().map(|e| &e.tag).chain(&self.declined).collect();
        tags.sort();
        tags.dedup();
        if tags.len() != self.entries.len() + self.declined.len() {
            return field("entries", "each tag appears once");
        }
        Ok(())
    }

    /// The read key this version gives the holder of `member_secret`, if it names them.
    pub fn find(&self, member_secret: &Bytes32) -> Option<Zeroizing<Bytes32>> {
        self.find_checked(member_secret).ok().flatten()
    }

    /// Like [`RosterVersion::find`], but an entry with the member's tag that does not open is refused.
    pub(super) fn find_checked(&self, member_secret: &Bytes32) -> Result<Option<Zeroizing<Bytes32>>> {
        let tag = tag(&hpke_seal::public_of(member_secret), self.epoch);
        let Some(entry) = self.entries.iter().find(|e| e.tag == tag) else { return Ok(None) };
        let aad = entry_aad(&self.group_id, self.epoch, &tag);
        let plain = hpke_seal::open_with("roster", member_secret, EPOCH_KEY_INFO, &aad, &entry.sealed_key)?;
        let key: Bytes32 = plain.as_slice().try_into().map_err(|_| GroupError::Malformed { what: "roster" })?;
        Ok(Some(Zeroizing::new(key)))
    }

    /// Whether this version declines the request of the member whose group key is `member_public`.
    pub fn declined_me(&self, member_public: &Bytes32) -> bool {
        self.declined.contains(&tag(member_public, self.epoch))
    }
}

/// A version as it travels: its exact bytes, signed by an owner.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
struct SignedBytes {
    body: Vec<u8>,
    signer: Bytes32,
    /// 64 bytes of Ed25519 signature.
    signature: Vec<u8>,
}

/// A version opened from the intake mailbox whose signature is not yet trusted: [`SignedRoster::verify`] it
/// against the current charter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRoster {
    roster: RosterVersion,
    body: Vec<u8>,
    signer: Bytes32,
    signature: [u8; 64],
}

impl SignedRoster {
    /// The version, once its signer is an owner of `charter` (the charter in force) or among `departed` (owners
    /// who handed the group over: `GroupTrust::departed`), and the signature verifies. Readers pass over a version
    /// this refuses, rather than stop: any moderator holds the write key the server checks, so a publisher could
    /// post one, and it must not stop the chain.
    pub fn verify(&self, charter: &Charter, departed: &[Bytes32]) -> Result<&RosterVersion> {
        if !charter.is_owner(&self.signer) && !departed.contains(&self.signer) {
            return Err(GroupError::refused("roster", "its signer is not an owner of the group"));
        }
        crypto::verify(&self.signer, ROSTER_LABEL, &self.body, &self.signature)
            .map_err(|reason| GroupError::Crypto { what: "roster", reason })?;
        if self.roster.group_id != charter.group_id {
            return Err(GroupError::refused("roster", "it is of another group"));
        }
        Ok(&self.roster)
    }

    /// The version before its signature is trusted: only for a requesting member to find their entry (and so the
    /// read key to read the group's charter with) before [`SignedRoster::verify`]ing it against that charter.
    pub fn unverified(&self) -> &RosterVersion {
        &self.roster
    }

    /// Who signed it (not yet trusted).
    pub fn signer(&self) -> &Bytes32 {
        &self.signer
    }
}

fn box_aad(intake_public: &Bytes32, version: u32) -> Vec<u8> {
    [ROSTER_LABEL.as_bytes(), &intake_mailbox_id(intake_public), &version.to_be_bytes()].concat()
}

/// The bytes to post as `roster`'s version on the intake mailbox of the group whose intake key is
/// `intake_public`, signed by `owner` (checked first).
pub fn build_and_seal(owner: &SigningKey, intake_public: &Bytes32, roster: &RosterVersion) -> Result<Vec<u8>> {
    roster.check()?;
    let body = codec::encode(roster);
    if body.len() > MAX_ROSTER_BYTES {
        return Err(GroupError::invalid("roster", "is larger than 512 KiB"));
    }
    let signature = owner.sign(ROSTER_LABEL, &body).to_vec();
    let signed = SignedBytes { body, signer: owner.public(), signature };
    Ok(crypto::seal(&roster_box_key(intake_public), &box_aad(intake_public, roster.version), &codec::encode(&signed)))
}

/// Opens version `version` read from the intake mailbox of the group whose intake key is `intake_public`:
/// decrypted and decoded, its signature not yet trusted.
pub fn open(intake_public: &Bytes32, version: u32, sealed: &[u8]) -> Result<SignedRoster> {
    let malformed = || GroupError::Malformed { what: "roster" };
    if sealed.len() > MAX_SIGNED_BYTES + crypto::NONCE_LEN + crypto::TAG_LEN {
        return Err(malformed());
    }
    let plain = crypto::open(&roster_box_key(intake_public), &box_aad(intake_public, version), sealed)
        .map_err(|reason| GroupError::Crypto { what: "roster", reason })?;
    let signed: SignedBytes = codec::decode(&plain, "roster", MAX_SIGNED_BYTES)?;
    let signature: [u8; 64] = signed.signature.as_slice().try_into().map_err(|_| malformed())?;
    let roster: RosterVersion = codec::decode(&signed.body, "roster", MAX_ROSTER_BYTES)?;
    roster.check()?;
    if roster.version != version {
        return Err(malformed());
    }
    Ok(SignedRoster { roster, body: signed.body, signer: signed.signer, signature })
}
