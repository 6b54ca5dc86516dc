//! A resource pack: what a group's mailbox holds, made for one charter version, with a group-wide sequence number
//! that only rises and an expiry. It carries one section per publisher ([`super::sections`], each signed by its
//! own publisher) and is signed by whichever listed moderator posted it, then sealed under the group's read key
//! (XChaCha20-Poly1305, bound to the group) and posted to the group mailbox. Any member can open it; only a
//! moderator the charter lists can have signed it, and only each section's publisher its items.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::charter::GroupId;
use super::codec;
use super::error::{GroupError, Result};
use super::sections::{MAX_SECTIONS, Section, SignedSection};
use crate::crypto::{self, Bytes32, SigningKey};

/// The label pack signatures and sealing are made under.
pub const PACK_LABEL: &str = "mend-pack-v2";
/// The largest pack, sealed.
pub const MAX_PACK_BYTES: usize = 8 * 1024 * 1024;
/// The most items one pack may hold, all sections together.
pub const MAX_ITEMS: usize = 1_000;

/// What a moderator posts: every publisher's section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub group_id: GroupId,
    /// Higher than every earlier pack of the group.
    pub sequence: u64,
    /// The charter version it was made under.
    pub charter_version: u32,
    /// The signing key of the owner or publisher who posted it.
    pub publisher: Bytes32,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// One per publisher, each signed by its publisher.
    pub sections: Vec<SignedSection>,
}

/// A pack's exact bytes and its poster's signature over them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedPack {
    pub body: Vec<u8>,
    pub signature: Vec<u8>,
}

/// The associated data a group's packs are sealed with: a pack sealed for one group never opens as another's.
fn aad(group: &GroupId) -> Vec<u8> {
    let mut aad = PACK_LABEL.as_bytes().to_vec();
    aad.extend_from_slice(group);
    aad
}

impl Pack {
    /// Checks the pack's own fields (each section is checked by [`super::sections::check_sections`]).
    pub fn check(&self) -> Result<()> {
        if self.sections.len() > MAX_SECTIONS {
            return Err(GroupError::invalid("sections", "a pack holds at most 80 sections"));
        }
        if self.expires_at <= self.issued_at {
            return Err(GroupError::invalid("expires_at", "must be after issued_at"));
        }
        Ok(())
    }

    /// A pack holding only `section`, signed by `publisher` (whom it must name), numbered, dated and made under
    /// the charter version as the section is: what one moderator posting alone makes.
    pub fn single(section: &Section, publisher: &SigningKey) -> Result<Pack> {
        Ok(Pack {
            group_id: section.group_id,
            sequence: section.sequence,
            charter_version: section.charter_version,
            publisher: section.publisher,
            issued_at: section.issued_at,
            expires_at: section.expires_at,
            sections: vec![section.sign(publisher)?],
        })
    }

    /// Checks the pack, signs it with `publisher` and seals it under the group's `read_key`: the bytes to post.
    pub fn seal(&self, publisher: &SigningKey, read_key: &Bytes32) -> Result<Vec<u8>> {
        self.check()?;
        if publisher.public() != self.publisher {
            return Err(GroupError::invalid("publisher", "the pack names another publisher than the key signing it"));
        }
        let body = codec::encode(self);
        let signature = publisher.sign(PACK_LABEL, &body).to_vec();
        let signed = codec::encode(&SignedPack { body, signature });
        Ok(crypto::seal(read_key, &aad(&self.group_id), &signed))
    }
}

/// Opens a sealed pack with the group's read key and reads it, checking its poster's signature. Whether that
/// moderator may post it, and its sections, are for [`super::trust::GroupTrust::accept_pack`].
pub(crate) fn open(group: &GroupId, read_key: &Bytes32, sealed: &[u8]) -> Result<Pack> {
    if sealed.len() > MAX_PACK_BYTES {
        return Err(GroupError::Malformed { what: "pack" });
    }
    let plain =
        crypto::open(read_key, &aad(group), sealed).map_err(|reason| GroupError::Crypto { what: "pack", reason })?;
    decode_signed(&plain)
}

/// The sealed pack `sealed` of `group`, opened with `old_key` and sealed again under `new_key`, its bytes and
/// signatures unchanged (a private group's new epoch).
pub(crate) fn reseal(group: &GroupId, old_key: &Bytes32, new_key: &Bytes32, sealed: &[u8]) -> Result<Vec<u8>> {
    let plain =
        crypto::open(old_key, &aad(group), sealed).map_err(|reason| GroupError::Crypto { what: "pack", reason })?;
    decode_signed(&plain)?;
    Ok(crypto::seal(new_key, &aad(group), &plain))
}

/// Reads an opened (decrypted) pack and checks its poster's signature (not yet its sections'): the decoder that
/// sees what any member of the group (who holds the read key) could have written, so it is fuzzed.
pub fn decode_signed(plain: &[u8]) -> Result<Pack> {
    let signed: SignedPack = codec::decode(plain, "pack", MAX_PACK_BYTES)?;
    let pack: Pack = codec::decode(&signed.body, "pack", MAX_PACK_BYTES)?;
    let signature: [u8; 64] =
        signed.signature.as_slice().try_into().map_err(|_| GroupError::Malformed { what: "pack" })?;
    crypto::verify(&pack.publisher, PACK_LABEL, &signed.body, &signature)
        .map_err(|reason| GroupError::Crypto { what: "pack", reason })?;
    Ok(pack)
}
