//! The link an owner hands a new publisher or a new owner: `mend://moderate#<sealed>`, the group's server, the
//! hash of charter version 1 (the trust root), the read key and the current mailbox write key — and, for an
//! owner, the owner secret — sealed for the recipient's X25519 key (an ephemeral X25519 exchange, HKDF over the
//! shared secret and both public keys, XChaCha20-Poly1305), so neither the server nor anyone who sees the link
//! on its way learns a secret. The recipient still verifies the charter chain from the root and that it names
//! them, before anything is kept.
//!
//! A private group's owner link carries its intake public key after the rest (encoded on its own, read
//! strictly), so the new owner's `invite` gives the private link, never an open one carrying the read key. Every
//! other link is byte for byte as before; an older Mend refuses the trailing part (`codec::decode` refuses extra
//! bytes), so it never takes a private group up as an open one.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, Zeroizing};

use super::charter::GroupId;
use super::codec;
use super::error::{GroupError, Result};
use super::keys::GroupSecrets;
use crate::crypto::{self, Bytes32, CryptoError};

/// What every hand-off link starts with.
pub const HANDOFF_PREFIX: &str = "mend://moderate#";
const LABEL: &str = "mend-group-handoff-v1";
const MAX_HANDOFF_BYTES: usize = 1024;

/// What the recipient needs to publish to (or own) the group.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handoff {
    pub server: String,
    /// The hash of charter version 1.
    pub root: Bytes32,
    pub group_id: GroupId,
    pub read_key: Bytes32,
    /// The current mailbox write key's secret, and its generation.
    pub write_secret: Bytes32,
    pub write_generation: u32,
    /// Present for a new owner only: from it derive every later write key.
    pub owner_secret: Option<Bytes32>,
    /// A private group's intake public key, in a new owner's link only (encoded after the rest).
    #[serde(skip)]
    pub intake_public: Option<Bytes32>,
}

/// What follows the rest of a private group's owner link.
#[derive(Serialize, Deserialize)]
struct PrivatePart {
    intake_public: Bytes32,
}

impl std::fmt::Debug for Handoff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handoff")
            .field("server", &self.server)
            .field("owner", &self.owner_secret.is_some())
            .finish_non_exhaustive()
    }
}

impl Drop for Handoff {
    fn drop(&mut self) {
        self.read_key.zeroize();
        self.write_secret.zeroize();
        self.owner_secret.zeroize();
    }
}

impl Handoff {
    /// What a publisher gets of `secrets` (no owner secret).
    pub fn publisher(server: &str, root: Bytes32, secrets: &GroupSecrets) -> Handoff {
        Handoff {
            server: server.to_owned(),
            root,
            group_id: secrets.group_id,
            read_key: secrets.read_key,
            write_secret: secrets.write_key().secret(),
            write_generation: secrets.write_generation,
            owner_secret: None,
            intake_public: None,
        }
    }

    /// What a new owner gets: everything, with a private group's intake public key (`None`: an open group).
    pub fn owner(server: &str, root: Bytes32, secrets: &GroupSecrets, intake_public: Option<Bytes32>) -> Handoff {
        let mut handoff = Handoff::publisher(server, root, secrets);
        handoff.owner_secret = Some(secrets.owner_secret);
        handoff.intake_public = intake_public;
        handoff
    }

    /// The owner's secrets, for a new owner's link.
    pub fn secrets(&self) -> Option<GroupSecrets> {
        Some(GroupSecrets {
            group_id: self.group_id,
            owner_secret: self.owner_secret?,
            read_key: self.read_key,
            write_generation: self.write_generation,
        })
    }

    /// The link for the holder of the X25519 key `recipient`.
    pub fn seal(&self, recipient: &Bytes32) -> Result<String> {
        let ephemeral = StaticSecret::from(crypto::random::<32>());
        let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
        let key = shared_key(&ephemeral, &PublicKey::from(*recipient), &ephemeral_public, recipient)?;
        let mut plain = Zeroizing::new(codec::encode(self));
        if let Some(intake_public) = self.intake_public {
            let part = codec::encode(&PrivatePart { intake_public });
            // Sized once, so no copy of the secrets is left behind by a reallocation.
            let mut whole = Zeroizing::new(Vec::with_capacity(plain.len() + part.len()));
            whole.extend_from_slice(&plain);
            whole.extend_from_slice(&part);
            plain = whole;
        }
        let mut bytes = ephemeral_public.to_vec();
        bytes.extend(crypto::seal(&key, &aad(recipient), &plain));
        Ok(format!("{HANDOFF_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// Opens a link with this device's X25519 secret.
    pub fn open(link: &str, exchange_secret: &Bytes32) -> Result<Handoff> {
        let bad = || {
            GroupError::invalid(
                "link",
                "this is not a complete Mend moderator link (mend://moderate#…); ask for it again",
            )
        };
        let body = link.trim().strip_prefix(HANDOFF_PREFIX).ok_or_else(bad)?;
        if body.len() > MAX_HANDOFF_BYTES * 2 {
            return Err(bad());
        }
        let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
        if bytes.len() < 32 {
            return Err(bad());
        }
        let (ephemeral, sealed) = bytes.split_at(32);
        let ephemeral: Bytes32 = ephemeral.try_into().expect("split at 32");
        let secret = StaticSecret::from(*exchange_secret);
        let ours = PublicKey::from(&secret).to_bytes();
        let key = shared_key(&secret, &PublicKey::from(ephemeral), &ephemeral, &ours)?;
        let plain = crypto::open(&key, &aad(&ours), sealed).map_err(|_| {
            GroupError::refused("link", "it was made for another moderator's key, or changed on its way")
        })?;
        let plain = Zeroizing::new(plain);
        if plain.len() > MAX_HANDOFF_BYTES {
            return Err(GroupError::Malformed { what: "link" });
        }
        // `codec::decode` refuses trailing bytes: the rest is taken from the front, a private part read on its own.
        let (mut handoff, rest) =
            postcard::take_from_bytes::<Handoff>(&plain).map_err(|_| GroupError::Malformed { what: "link" })?;
        if !rest.is_empty() {
            let part: PrivatePart = codec::decode(rest, "link.intake_public", MAX_HANDOFF_BYTES)
                .map_err(|_| GroupError::invalid("link.intake_public", "is not a private group's intake key"))?;
            if handoff.owner_secret.is_none() {
                return Err(GroupError::invalid("link.intake_public", "comes only in a new owner's link"));
            }
            handoff.intake_public = Some(part.intake_public);
        }
        Ok(handoff)
    }
}

fn aad(recipient: &Bytes32) -> Vec<u8> {
    let mut aad = LABEL.as_bytes().to_vec();
    aad.extend_from_slice(recipient);
    aad
}

/// HKDF over the X25519 shared secret, the ephemeral key and the recipient's key; a low-order key is refused.
fn shared_key(secret: &StaticSecret, their: &PublicKey, ephemeral: &Bytes32, recipient: &Bytes32) -> Result<Bytes32> {
    let shared = secret.diffie_hellman(their);
    if !shared.was_contributory() {
        return Err(GroupError::Crypto { what: "link", reason: CryptoError::BadKey });
    }
    let mut ikm = Zeroizing::new(shared.as_bytes().to_vec());
    ikm.extend_from_slice(ephemeral);
    ikm.extend_from_slice(recipient);
    Ok(crypto::derive(&ikm, LABEL))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keypair() -> (Bytes32, Bytes32) {
        let secret = crypto::random::<32>();
        (secret, PublicKey::from(&StaticSecret::from(secret)).to_bytes())
    }

    #[test]
    fn a_link_opens_only_for_its_recipient_and_refuses_every_change() {
        let secrets = GroupSecrets::generate();
        let (her_secret, her_public) = keypair();
        let (other_secret, _) = keypair();
        let handoff = Handoff::publisher("http://127.0.0.1:9", [3; 32], &secrets);
        let link = handoff.seal(&her_public).unwrap();
        assert!(!link.contains(&URL_SAFE_NO_PAD.encode(secrets.read_key)), "no secret in the clear");
        let opened = Handoff::open(&link, &her_secret).unwrap();
        assert!(opened == handoff && opened.owner_secret.is_none() && opened.secrets().is_none());
        assert_eq!(opened.write_secret, secrets.write_key().secret());
        assert!(matches!(Handoff::open(&link, &other_secret), Err(GroupError::Refused { .. })));
        let body = link.strip_prefix(HANDOFF_PREFIX).unwrap();
        for at in (0..body.len()).step_by(3) {
            let mut chars: Vec<char> = body.chars().collect();
            chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
            let changed = format!("{HANDOFF_PREFIX}{}", chars.iter().collect::<String>());
            assert!(Handoff::open(&changed, &her_secret).is_err(), "changed at {at}");
        }
        // A low-order key is refused rather than sealed to a secret anyone knows.
        assert!(matches!(handoff.seal(&[0; 32]), Err(GroupError::Crypto { .. })));
        // An owner's link carries the owner secret.
        let owner = Handoff::owner("http://127.0.0.1:9", [3; 32], &secrets, None).seal(&her_public).unwrap();
        assert!(Handoff::open(&owner, &her_secret).unwrap().secrets().unwrap() == secrets);
        // A private group's owner link carries its intake key too; a publisher's link never does.
        let private = Handoff::owner("http://127.0.0.1:9", [3; 32], &secrets, Some([5; 32]));
        assert_eq!(
            Handoff::open(&private.seal(&her_public).unwrap(), &her_secret).unwrap().intake_public,
            Some([5; 32])
        );
        let mut publisher = Handoff::publisher("http://127.0.0.1:9", [3; 32], &secrets);
        publisher.intake_public = Some([5; 32]);
        let refused = Handoff::open(&publisher.seal(&her_public).unwrap(), &her_secret);
        assert!(matches!(refused, Err(GroupError::Invalid { field, .. }) if field == "link.intake_public"));
    }
}
