//! The few cryptographic operations Mend composes, each from a well-reviewed crate (RustCrypto, dalek) and
//! never hand-made: random secrets (the OS's generator), SHA-256 hashes and HKDF-SHA256 derivations with a
//! domain label, XChaCha20-Poly1305 sealing with a random 24-byte nonce and associated data, and Ed25519
//! signatures over a domain label and the exact bytes signed. Groups use them now; sync will too.
//!
//! Every label names what it is for (`mend-charter-v1`), so a signature or a key made for one purpose can never
//! be taken for another.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::Signer;
use sha2::{Digest, Sha256};

/// A 32-byte secret or public key, or a hash.
pub type Bytes32 = [u8; 32];

/// The nonce that starts every sealed box.
pub const NONCE_LEN: usize = 24;
/// The authentication tag that ends every sealed box.
pub const TAG_LEN: usize = 16;

/// Something cryptographic did not check out. Deliberately says no more (which key, which byte): a forger
/// learns nothing from the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("it could not be decrypted: it was changed, or it was sealed with another key")]
    Unsealed,
    #[error("a signature does not match")]
    BadSignature,
    #[error("a public key is not valid")]
    BadKey,
}

/// `N` random bytes from the operating system.
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random number generator works");
    bytes
}

/// SHA-256 of `label` (with its length, so labels never run into the data) and `data`.
pub fn hash(label: &str, data: &[u8]) -> Bytes32 {
    let mut hasher = Sha256::new();
    hasher.update((label.len() as u32).to_be_bytes());
    hasher.update(label.as_bytes());
    hasher.update(data);
    hasher.finalize().into()
}

/// A 32-byte key derived from `secret` for the purpose `label` (HKDF-SHA256, no salt).
pub fn derive(secret: &[u8], label: &str) -> Bytes32 {
    let mut out = [0u8; 32];
    hkdf::Hkdf::<Sha256>::new(None, secret).expand(label.as_bytes(), &mut out).expect("32 bytes is a valid length");
    out
}

/// Seals `plaintext` under `key`: a random nonce, then XChaCha20-Poly1305 ciphertext and tag over it with
/// `aad` bound in (so a box moved to another place, or relabelled, does not open).
pub fn seal(key: &Bytes32, aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    let nonce: [u8; NONCE_LEN] = random();
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    let sealed = cipher
        .encrypt(&XNonce::from(nonce), Payload { msg: plaintext, aad })
        .expect("sealing never fails for in-memory sizes");
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Opens a box made by [`seal`] with the same key and `aad`; anything changed, truncated or sealed otherwise is
/// refused.
pub fn open(key: &Bytes32, aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(CryptoError::Unsealed);
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let nonce: [u8; NONCE_LEN] = nonce.try_into().expect("split at the nonce's length");
    let cipher = XChaCha20Poly1305::new(&(*key).into());
    cipher.decrypt(&XNonce::from(nonce), Payload { msg: body, aad }).map_err(|_| CryptoError::Unsealed)
}

/// An Ed25519 signing key held by a person's device.
pub struct SigningKey(ed25519_dalek::SigningKey);

impl SigningKey {
    /// A new random key.
    pub fn generate() -> SigningKey {
        SigningKey::from_secret(&random())
    }

    /// The key for a 32-byte secret (a derived or stored one).
    pub fn from_secret(secret: &Bytes32) -> SigningKey {
        SigningKey(ed25519_dalek::SigningKey::from_bytes(secret))
    }

    /// The secret, for the platform's key store.
    pub fn secret(&self) -> Bytes32 {
        self.0.to_bytes()
    }

    /// The public key others verify with.
    pub fn public(&self) -> Bytes32 {
        self.0.verifying_key().to_bytes()
    }

    /// Signs a protocol message as it is (the protocol's messages carry their own label: `mend_protocol::signing`).
    pub fn sign_message(&self, message: &[u8]) -> [u8; 64] {
        self.0.sign(message).to_bytes()
    }

    /// Signs `label` and `message` (see [`verify`]).
    pub fn sign(&self, label: &str, message: &[u8]) -> [u8; 64] {
        self.0.sign(&labelled(label, message)).to_bytes()
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey").field("public", &self.public()).finish_non_exhaustive()
    }
}

/// Checks an Ed25519 signature by `public` over `label` and `message`. Strict: weak keys and malleable
/// signatures are refused.
pub fn verify(public: &Bytes32, label: &str, message: &[u8], signature: &[u8; 64]) -> Result<(), CryptoError> {
    let key = ed25519_dalek::VerifyingKey::from_bytes(public).map_err(|_| CryptoError::BadKey)?;
    if key.is_weak() {
        return Err(CryptoError::BadKey);
    }
    let signature = ed25519_dalek::Signature::from_bytes(signature);
    key.verify_strict(&labelled(label, message), &signature).map_err(|_| CryptoError::BadSignature)?;
    Ok(())
}

fn labelled(label: &str, message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + label.len() + message.len());
    out.extend_from_slice(&(label.len() as u32).to_be_bytes());
    out.extend_from_slice(label.as_bytes());
    out.extend_from_slice(message);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_box_opens_only_with_its_key_and_its_place() {
        let key: Bytes32 = random();
        let sealed = seal(&key, b"group:1", b"meeting on Tuesday");
        assert_eq!(open(&key, b"group:1", &sealed).unwrap(), b"meeting on Tuesday");
        assert_eq!(open(&random(), b"group:1", &sealed), Err(CryptoError::Unsealed));
        assert_eq!(open(&key, b"group:2", &sealed), Err(CryptoError::Unsealed));
        assert_eq!(open(&key, b"group:1", &sealed[..sealed.len() - 1]), Err(CryptoError::Unsealed));
        assert_eq!(open(&key, b"group:1", &sealed[..10]), Err(CryptoError::Unsealed));
        for bit in 0..sealed.len() * 8 {
            let mut flipped = sealed.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert_eq!(open(&key, b"group:1", &flipped), Err(CryptoError::Unsealed), "bit {bit}");
        }
        assert_ne!(seal(&key, b"group:1", b"x"), seal(&key, b"group:1", b"x"), "every box has a new nonce");
    }

    #[test]
    fn a_signature_holds_only_for_its_key_label_and_bytes() {
        let key = SigningKey::generate();
        let signature = key.sign("mend-test-v1", b"charter");
        verify(&key.public(), "mend-test-v1", b"charter", &signature).unwrap();
        assert_eq!(verify(&key.public(), "mend-other-v1", b"charter", &signature), Err(CryptoError::BadSignature));
        assert_eq!(verify(&key.public(), "mend-test-v1", b"charteR", &signature), Err(CryptoError::BadSignature));
        let other = SigningKey::generate();
        assert_eq!(verify(&other.public(), "mend-test-v1", b"charter", &signature), Err(CryptoError::BadSignature));
        assert_eq!(SigningKey::from_secret(&key.secret()).public(), key.public());
        // The identity point is a weak key: anything "verifies" under it, so it is refused.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(verify(&identity, "mend-test-v1", b"x", &[0u8; 64]), Err(CryptoError::BadKey));
    }

    #[test]
    fn hashes_and_derived_keys_depend_on_their_label() {
        assert_ne!(hash("a", b"bc"), hash("ab", b"c"));
        assert_ne!(derive(b"secret", "mend-read-v1"), derive(b"secret", "mend-write-v1"));
        assert_eq!(derive(b"secret", "mend-read-v1"), derive(b"secret", "mend-read-v1"));
    }
}
