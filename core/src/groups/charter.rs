//! A group's charter: its name and description, its owners (who sign charters; `threshold` of them must agree),
//! its publishers with their scopes (a midwife may publish only services and meetings), the mailbox's write
//! key, and how long it is valid. Charters form a chain: version 1 is the trust root an invite pins by hash, and
//! each later version names the hash of the one before.
//!
//! A charter travels as [`SignedCharter`]: the exact encoded bytes of the [`Charter`] (signatures and hashes
//! are over those bytes, never a re-encoding) and the owners' signatures over them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::codec;
use super::error::{GroupError, Result};
use super::items::ItemKind;
use crate::crypto::{self, Bytes32, SigningKey};

/// The label every charter signature and hash is made under.
pub const CHARTER_LABEL: &str = "mend-charter-v1";
/// The most owners a charter may list.
pub const MAX_OWNERS: usize = 16;
/// The most publishers a charter may list.
pub const MAX_PUBLISHERS: usize = 64;
/// The largest encoded charter.
pub const MAX_CHARTER_BYTES: usize = 64 * 1024;

/// A group's identity: random, made when the group is created.
pub type GroupId = [u8; 16];

/// The rules of a group at one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Charter {
    pub group_id: GroupId,
    /// 1 for the first charter; each change adds 1.
    pub version: u32,
    /// The hash of the previous charter's bytes; `None` for version 1.
    pub previous: Option<Bytes32>,
    pub name: String,
    pub description: String,
    /// A BCP 47 language tag.
    pub language: String,
    /// An ISO 3166 code or UK nation, or empty for anywhere.
    pub region: String,
    pub owners: Vec<Moderator>,
    /// How many owners must sign the next charter.
    pub threshold: u8,
    pub publishers: Vec<Publisher>,
    /// The Ed25519 key the server checks the group mailbox's writes against.
    pub mailbox_write_key: Bytes32,
    pub issued_at: DateTime<Utc>,
    /// After this, members keep what they verified but accept nothing newer until a new charter comes.
    pub expires_at: DateTime<Utc>,
}

/// An owner: signs charters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moderator {
    /// The name other moderators know them by (members see the group's name, not this).
    pub name: String,
    pub signing_key: Bytes32,
    /// Their X25519 key, for the moderators' mailbox.
    pub exchange_key: Bytes32,
}

/// A publisher: signs packs whose items are all within `scopes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publisher {
    pub name: String,
    pub signing_key: Bytes32,
    pub exchange_key: Bytes32,
    pub scopes: Vec<ItemKind>,
}

/// A charter as it travels: its exact bytes and the owners' signatures over them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedCharter {
    pub body: Vec<u8>,
    pub signatures: Vec<Signature>,
}

/// One signature over a charter's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub signer: Bytes32,
    /// 64 bytes of Ed25519 signature.
    pub signature: Vec<u8>,
}

impl Charter {
    /// Checks the charter's own fields (not its signatures or its place in the chain).
    pub fn check(&self) -> Result<()> {
        let field = |name: &str, reason: &str| Err(GroupError::invalid(format!("charter.{name}"), reason));
        if self.version == 0 {
            return field("version", "starts at 1");
        }
        if (self.version == 1) != self.previous.is_none() {
            return field("previous", "version 1 has no previous charter; every later version names one");
        }
        if self.name.trim().is_empty() || self.name.chars().count() > 200 {
            return field("name", "must be 1-200 characters");
        }
        if self.description.chars().count() > 4_000 {
            return field("description", "can be at most 4000 characters");
        }
        if self.owners.is_empty() || self.owners.len() > MAX_OWNERS {
            return field("owners", "a group has 1 to 16 owners");
        }
        if self.threshold == 0 || usize::from(self.threshold) > self.owners.len() {
            return field("threshold", "must be at least 1 and at most the number of owners");
        }
        if self.publishers.len() > MAX_PUBLISHERS {
            return field("publishers", "a group has at most 64 publishers");
        }
        let mut keys: Vec<&Bytes32> = self.owners.iter().map(|o| &o.signing_key).collect();
        keys.sort();
        keys.dedup();
        if keys.len() != self.owners.len() {
            return field("owners", "each owner must have their own key");
        }
        let mut keys: Vec<&Bytes32> = self.publishers.iter().map(|p| &p.signing_key).collect();
        keys.sort();
        keys.dedup();
        if keys.len() != self.publishers.len() {
            return field("publishers", "each publisher must have their own key");
        }
        if self.publishers.iter().any(|p| p.scopes.is_empty()) {
            return field("publishers.scopes", "each publisher may publish at least one kind of item");
        }
        if self.expires_at <= self.issued_at {
            return field("expires_at", "must be after issued_at");
        }
        Ok(())
    }

    /// The publisher with this key, if the charter lists one.
    pub fn publisher(&self, key: &Bytes32) -> Option<&Publisher> {
        self.publishers.iter().find(|p| &p.signing_key == key)
    }

    /// Whether this key belongs to an owner.
    pub fn is_owner(&self, key: &Bytes32) -> bool {
        self.owners.iter().any(|o| &o.signing_key == key)
    }
}

impl SignedCharter {
    /// A charter ready to be signed (checked first).
    pub fn new(charter: &Charter) -> Result<SignedCharter> {
        charter.check()?;
        Ok(SignedCharter { body: codec::encode(charter), signatures: Vec::new() })
    }

    /// Adds (or replaces) `key`'s signature.
    pub fn sign(&mut self, key: &SigningKey) {
        let signer = key.public();
        self.signatures.retain(|s| s.signer != signer);
        self.signatures.push(Signature { signer, signature: key.sign(CHARTER_LABEL, &self.body).to_vec() });
    }

    /// The charter these bytes hold (checked).
    pub fn charter(&self) -> Result<Charter> {
        let charter: Charter = codec::decode(&self.body, "charter", MAX_CHARTER_BYTES)?;
        charter.check()?;
        Ok(charter)
    }

    /// The hash invites pin and the next charter names.
    pub fn hash(&self) -> Bytes32 {
        crypto::hash(CHARTER_LABEL, &self.body)
    }

    /// The bytes to send.
    pub fn encode(&self) -> Vec<u8> {
        codec::encode(self)
    }

    /// Reads a signed charter from the bytes a mailbox held (signatures are checked by
    /// [`super::trust::GroupTrust`]).
    pub fn decode(bytes: &[u8]) -> Result<SignedCharter> {
        codec::decode(bytes, "charter", MAX_CHARTER_BYTES + 64 * 200)
    }

    /// The distinct keys whose signatures over the body verify; refuses the whole charter if any signature is
    /// malformed, fails to verify, or repeats a signer (a changed signature is never quietly passed over).
    pub(crate) fn verified_signers(&self) -> Result<Vec<Bytes32>> {
        let mut signers = Vec::with_capacity(self.signatures.len());
        for signature in &self.signatures {
            let bytes: [u8; 64] =
                signature.signature.as_slice().try_into().map_err(|_| GroupError::Malformed { what: "charter" })?;
            crypto::verify(&signature.signer, CHARTER_LABEL, &self.body, &bytes)
                .map_err(|reason| GroupError::Crypto { what: "charter", reason })?;
            if signers.contains(&signature.signer) {
                return Err(GroupError::refused("charter", "the same owner signed twice"));
            }
            signers.push(signature.signer);
        }
        Ok(signers)
    }
}
