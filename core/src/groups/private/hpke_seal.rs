//! HPKE (RFC 9180) as private groups use it, and nowhere else: base mode, DHKEM(X25519, HKDF-SHA256),
//! HKDF-SHA256, ChaCha20-Poly1305, from the `hpke` crate. A sealed box is the 32-byte encapsulated key followed
//! by the ciphertext and its tag; the `info` label names the purpose (so a box made for one purpose never opens
//! as another) and `aad` binds it to its place.

use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, Kem as _, OpModeR, OpModeS, Serializable};
use zeroize::Zeroizing;

use crate::crypto::{Bytes32, CryptoError};
use crate::groups::error::{GroupError, Result};

type Kem = X25519HkdfSha256;

/// The encapsulated key that starts every box.
pub const ENC_LEN: usize = 32;
/// What a box adds to its plaintext: the encapsulated key and the tag.
pub const OVERHEAD: usize = ENC_LEN + 16;

/// Seals `plaintext` to the holder of the X25519 key `recipient_public`; gives the encapsulated key and the
/// ciphertext. A low-order key (whose shared secret anyone knows) is refused; `what` names the document in the
/// error.
pub fn seal_to(
    what: &'static str,
    recipient_public: &Bytes32,
    info: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    let bad_key = || GroupError::Crypto { what, reason: CryptoError::BadKey };
    let recipient = <Kem as hpke::Kem>::PublicKey::from_bytes(recipient_public).map_err(|_| bad_key())?;
    let (encapped, ciphertext) =
        hpke::single_shot_seal::<ChaCha20Poly1305, HkdfSha256, Kem>(&OpModeS::Base, &recipient, info, plaintext, aad)
            .map_err(|_| bad_key())?;
    let mut sealed = Vec::with_capacity(ENC_LEN + ciphertext.len());
    sealed.extend_from_slice(&encapped.to_bytes());
    sealed.extend_from_slice(&ciphertext);
    Ok(sealed)
}

/// Opens a box made by [`seal_to`] with the recipient's X25519 secret and the same `info` and `aad`; anything
/// changed, cut short or sealed to another key is refused.
pub fn open_with(
    what: &'static str,
    secret: &Bytes32,
    info: &[u8],
    aad: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let unsealed = || GroupError::Crypto { what, reason: CryptoError::Unsealed };
    if sealed.len() < OVERHEAD {
        return Err(unsealed());
    }
    let (encapped, ciphertext) = sealed.split_at(ENC_LEN);
    let encapped = <Kem as hpke::Kem>::EncappedKey::from_bytes(encapped).map_err(|_| unsealed())?;
    let secret = <Kem as hpke::Kem>::PrivateKey::from_bytes(secret).map_err(|_| unsealed())?;
    hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, Kem>(
        &OpModeR::Base,
        &secret,
        &encapped,
        info,
        ciphertext,
        aad,
    )
    .map(Zeroizing::new)
    .map_err(|_| unsealed())
}

/// The X25519 public key of `secret` (as HPKE computes it).
pub fn public_of(secret: &Bytes32) -> Bytes32 {
    let secret = <Kem as hpke::Kem>::PrivateKey::from_bytes(secret).expect("every 32 bytes is an X25519 secret");
    let public = Kem::sk_to_pk(&secret).to_bytes();
    public.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto;

    fn keypair() -> (Bytes32, Bytes32) {
        let secret = crypto::random::<32>();
        (secret, public_of(&secret))
    }

    #[test]
    fn the_public_key_is_x25519s() {
        let secret = crypto::random::<32>();
        let dalek = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from(secret)).to_bytes();
        assert_eq!(public_of(&secret), dalek);
    }

    #[test]
    fn a_box_opens_only_with_its_key_info_and_aad() {
        let (secret, public) = keypair();
        let sealed = seal_to("test", &public, b"info", b"aad", b"the epoch's read key").unwrap();
        assert_eq!(sealed.len(), OVERHEAD + 20);
        assert_eq!(&open_with("test", &secret, b"info", b"aad", &sealed).unwrap()[..], b"the epoch's read key");
        let refused = GroupError::Crypto { what: "test", reason: CryptoError::Unsealed };
        let (other, _) = keypair();
        assert_eq!(open_with("test", &other, b"info", b"aad", &sealed).unwrap_err(), refused);
        assert_eq!(open_with("test", &secret, b"info", b"aaD", &sealed).unwrap_err(), refused);
        assert_eq!(open_with("test", &secret, b"infO", b"aad", &sealed).unwrap_err(), refused);
        for cut in [0, 1, ENC_LEN, OVERHEAD - 1, sealed.len() - 1] {
            assert_eq!(open_with("test", &secret, b"info", b"aad", &sealed[..cut]).unwrap_err(), refused, "{cut}");
        }
        for bit in 0..sealed.len() * 8 {
            let mut flipped = sealed.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert!(open_with("test", &secret, b"info", b"aad", &flipped).is_err(), "bit {bit}");
        }
        assert_ne!(sealed, seal_to("test", &public, b"info", b"aad", b"the epoch's read key").unwrap());
    }

    #[test]
    fn a_low_order_key_is_refused() {
        let bad = GroupError::Crypto { what: "test", reason: CryptoError::BadKey };
        assert_eq!(seal_to("test", &[0; 32], b"info", b"aad", b"x").unwrap_err(), bad);
        let mut one = [0u8; 32];
        one[0] = 1;
        assert_eq!(seal_to("test", &one, b"info", b"aad", b"x").unwrap_err(), bad);
    }
}
