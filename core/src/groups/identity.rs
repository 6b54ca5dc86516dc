//! This device's moderator key: an Ed25519 signing key (for packs and charter signatures) and an X25519 key
//! (to receive a group's secrets sealed for it), made once and kept in the key store. A co-moderator sends its
//! public half to an owner as a short code, `mend-key:` and 64 bytes in unpadded base64url (signing key, then
//! exchange key); the owner adds it to the charter as a publisher or an owner.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::error::{GroupError, Result};
use super::failure::Outcome;
use crate::crypto::{self, Bytes32, SigningKey};
use crate::sync::keystore::KeyStore;

/// What every key code starts with.
pub const KEY_PREFIX: &str = "mend-key:";
const SIGNING_NAME: &str = "group-identity/signing";
const EXCHANGE_NAME: &str = "group-identity/exchange";

/// The public half of a moderator's key, as an owner adds it to a charter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyCode {
    pub signing: Bytes32,
    pub exchange: Bytes32,
}

impl KeyCode {
    /// The code to send to an owner.
    pub fn code(&self) -> String {
        let mut bytes = self.signing.to_vec();
        bytes.extend_from_slice(&self.exchange);
        format!("{KEY_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Reads a key code, refusing anything changed or cut short.
    pub fn parse(text: &str) -> Result<KeyCode> {
        let bad =
            || GroupError::invalid("key", "this is not a complete Mend moderator key (mend-key:…); ask for it again");
        let body = text.trim().strip_prefix(KEY_PREFIX).ok_or_else(bad)?;
        let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| bad())?;
        if bytes.len() != 64 || URL_SAFE_NO_PAD.encode(&bytes) != body {
            return Err(bad());
        }
        let signing: Bytes32 = bytes[..32].try_into().expect("64 bytes");
        let exchange: Bytes32 = bytes[32..].try_into().expect("64 bytes");
        let key = ed25519_dalek::VerifyingKey::from_bytes(&signing).map_err(|_| bad())?;
        if key.is_weak() {
            return Err(bad());
        }
        Ok(KeyCode { signing, exchange })
    }
}

/// This device's moderator key, made on first use.
pub struct Identity {
    pub signing: SigningKey,
    pub exchange: Zeroizing<Bytes32>,
}

impl Identity {
    /// The key this device keeps, made and stored on first use.
    pub fn load_or_make(store: &dyn KeyStore) -> Outcome<Identity> {
        if let Some(identity) = Identity::load(store)? {
            return Ok(identity);
        }
        let signing = SigningKey::generate();
        let exchange = Zeroizing::new(crypto::random::<32>());
        store.set(EXCHANGE_NAME, &exchange[..])?;
        store.set(SIGNING_NAME, &Zeroizing::new(signing.secret())[..])?;
        Ok(Identity { signing, exchange })
    }

    /// The key this device keeps, if it made one.
    pub fn load(store: &dyn KeyStore) -> Outcome<Option<Identity>> {
        let (Some(signing), Some(exchange)) = (store.get(SIGNING_NAME)?, store.get(EXCHANGE_NAME)?) else {
            return Ok(None);
        };
        let (Ok(signing), Ok(exchange)) =
            (<Bytes32>::try_from(signing.as_slice()), <Bytes32>::try_from(exchange.as_slice()))
        else {
            return Ok(None);
        };
        Ok(Some(Identity { signing: SigningKey::from_secret(&signing), exchange: Zeroizing::new(exchange) }))
    }

    /// Keeps this key as the device's moderator key (one taken up from another of the person's devices, whose
    /// groups list it: `membership_sync.rs`).
    pub(crate) fn store(&self, store: &dyn KeyStore) -> Outcome<()> {
        store.set(EXCHANGE_NAME, &self.exchange[..])?;
        store.set(SIGNING_NAME, &Zeroizing::new(self.signing.secret())[..])?;
        Ok(())
    }

    /// The public half, to send to an owner.
    pub fn public(&self) -> KeyCode {
        KeyCode {
            signing: self.signing.public(),
            exchange: PublicKey::from(&StaticSecret::from(*self.exchange)).to_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::keystore::FileKeyStore;

    #[test]
    fn a_key_is_made_once_and_its_code_round_trips_and_refuses_changes() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileKeyStore::in_dir(dir.path());
        assert!(Identity::load(&store).unwrap().is_none());
        let made = Identity::load_or_make(&store).unwrap().public();
        assert_eq!(Identity::load_or_make(&store).unwrap().public(), made, "made once");
        let code = made.code();
        assert_eq!(KeyCode::parse(&code).unwrap(), made);
        assert_eq!(KeyCode::parse(&format!("  {code}\n")).unwrap(), made);
        // Every changed character is refused or reads as another key, never as this one.
        let body = code.strip_prefix(KEY_PREFIX).unwrap();
        for at in 0..body.len() {
            let mut chars: Vec<char> = body.chars().collect();
            chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
            let changed = format!("{KEY_PREFIX}{}", chars.iter().collect::<String>());
            assert_ne!(KeyCode::parse(&changed).ok(), Some(made));
        }
        assert!(
            matches!(KeyCode::parse(&code[..code.len() - 1]), Err(GroupError::Invalid { field, .. }) if field == "key")
        );
        assert!(KeyCode::parse("mend-key:").is_err());
        assert!(KeyCode::parse(&code.replace(KEY_PREFIX, "key:")).is_err());
    }
}
