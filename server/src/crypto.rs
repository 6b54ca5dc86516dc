//! The few cryptographic operations the server does: random ids and nonces, SHA-256, Ed25519 verification of
//! signed challenges and mailbox writes, and HMAC-SHA256 for tokens. All from RustCrypto and dalek.

use ed25519_dalek::{Signature, VerifyingKey};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use mend_protocol::ErrorCode;

/// `N` random bytes from the operating system.
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    bytes
}

/// SHA-256 of `bytes`.
pub fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

/// HMAC-SHA256 of `message` under `key`.
pub fn mac(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Whether two MACs are equal, in constant time.
pub fn mac_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks that `key` (a field of the request) is a valid Ed25519 public key.
pub fn check_public_key(field: &str, key: &[u8]) -> Result<VerifyingKey, ApiError> {
    let bytes: [u8; 32] = key.try_into().map_err(|_| ApiError::field(field, format!("`{field}` must be 32 bytes")))?;
    match VerifyingKey::from_bytes(&bytes) {
        Ok(key) if !key.is_weak() => Ok(key),
        _ => Err(ApiError::field(field, format!("`{field}` is not a usable Ed25519 key"))),
    }
}

/// Verifies an Ed25519 signature (strictly: no malleable or small-order forms).
pub fn verify(key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), ApiError> {
    let refused = || ApiError::new(ErrorCode::BadSignature, "the signature does not verify");
    let key = check_public_key("key", key).map_err(|_| refused())?;
    let signature = Signature::from_slice(signature).map_err(|_| refused())?;
    key.verify_strict(message, &signature).map_err(|_| refused())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};

    #[test]
    fn signatures_verify_only_for_their_message_and_key() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let other = SigningKey::from_bytes(&[8; 32]);
        let signature = key.sign(b"hello").to_bytes();
        let public = key.verifying_key().to_bytes();
        assert!(verify(&public, b"hello", &signature).is_ok());
        assert!(verify(&public, b"hellO", &signature).is_err());
        assert!(verify(&other.verifying_key().to_bytes(), b"hello", &signature).is_err());
    }

    #[test]
    fn macs_depend_on_key_and_message() {
        assert_ne!(mac(&[1; 32], b"a"), mac(&[2; 32], b"a"));
        assert!(mac_eq(&mac(&[1; 32], b"a"), &mac(&[1; 32], b"a")));
        assert!(!mac_eq(&mac(&[1; 32], b"a"), &mac(&[1; 32], b"b")));
    }
}
