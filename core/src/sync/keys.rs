//! Sync's key schedule (shared/design/SYNC.md, "Keys and accounts"), composed from RustCrypto and dalek:
//! - from the root secret R (the phrase, [`super::phrase`]), by HKDF-SHA256 with distinct labels: the **lookup
//!   id** (the server finds the account by it), the **recovery key** (Ed25519; enrols a device restored from the
//!   phrase), the **key-encryption key** KEK, and the **naming key** (keyed hashes of collection names and of
//!   deterministic record ids, so the server never reads a table's name);
//! - a random **data key per epoch**, wrapped under the KEK (for a device restored from the phrase) and to each
//!   device's X25519 key (an ephemeral X25519 agreement, HKDF over the shared secret and both public keys, then
//!   XChaCha20-Poly1305 — the shape of HPKE's base mode);
//! - each **device's own keys**: Ed25519 for signing the server's challenges, X25519 for receiving data keys.
//!
//! Every wrap binds the epoch it is for, so a key wrapped for one epoch never opens as another's. Secrets are
//! wiped from memory when dropped and never printed by `Debug`.

use hmac::{KeyInit, Mac};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::phrase::RootSecret;
use crate::crypto::{self, Bytes32, CryptoError, SigningKey, random};

/// How long a collection tag and a deterministic record id are on the wire.
pub const NAME_LEN: usize = 16;

/// What the root secret derives.
pub struct AccountKeys {
    pub lookup_id: Bytes32,
    pub recovery: SigningKey,
    kek: Kek,
    pub names: NamingKey,
}

impl std::fmt::Debug for AccountKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountKeys").field("lookup_id", &self.lookup_id).finish_non_exhaustive()
    }
}

impl AccountKeys {
    /// Everything `root` derives (the same on every device that knows the phrase).
    pub fn derive(root: &RootSecret) -> AccountKeys {
        let r = root.bytes();
        AccountKeys {
            lookup_id: crypto::derive(r, "mend-sync-lookup-v1"),
            recovery: SigningKey::from_secret(&crypto::derive(r, "mend-sync-recovery-v1")),
            kek: Kek(crypto::derive(r, "mend-sync-kek-v1")),
            names: NamingKey(crypto::derive(r, "mend-sync-names-v1")),
        }
    }

    /// `key` wrapped under the KEK, for `epoch`.
    pub fn wrap(&self, key: &DataKey, epoch: u32) -> Vec<u8> {
        crypto::seal(&self.kek.0, &wrap_aad("mend-sync-kek-wrap-v1", epoch), &key.0)
    }

    /// The data key in a KEK `wrap` for `epoch`.
    pub fn unwrap(&self, wrap: &[u8], epoch: u32) -> Result<DataKey, CryptoError> {
        DataKey::from_opened(crypto::open(&self.kek.0, &wrap_aad("mend-sync-kek-wrap-v1", epoch), wrap)?)
    }

    /// `key` and the account's naming key `names` wrapped together under the KEK, for `epoch`: the wrap a new
    /// phrase makes. The naming key cannot change with the phrase (every collection tag and deterministic record
    /// id on the server is keyed by it), so a device joining with a later phrase finds it here rather than
    /// deriving it from the phrase.
    pub fn wrap_with_names(&self, key: &DataKey, names: &NamingKey, epoch: u32) -> Vec<u8> {
        let mut both = Zeroizing::new([0u8; 64]);
        both[..32].copy_from_slice(&key.0);
        both[32..].copy_from_slice(&names.0);
        crypto::seal(&self.kek.0, &wrap_aad("mend-sync-kek-wrap-v2", epoch), both.as_ref())
    }

    /// The data key in a KEK `wrap` for `epoch`, and the naming key when the wrap carries one (a wrap made by a
    /// new phrase, [`AccountKeys::wrap_with_names`]); a wrap from set-up carries none, and the naming key is the
    /// phrase's own ([`AccountKeys::names`]).
    pub fn open_wrap(&self, wrap: &[u8], epoch: u32) -> Result<(DataKey, Option<NamingKey>), CryptoError> {
        if let Ok(opened) = crypto::open(&self.kek.0, &wrap_aad("mend-sync-kek-wrap-v2", epoch), wrap) {
            let opened = Zeroizing::new(opened);
            let both = <[u8; 64]>::try_from(opened.as_slice()).map_err(|_| CryptoError::Unsealed)?;
            let both = Zeroizing::new(both);
            let mut key = [0u8; 32];
            let mut names = [0u8; 32];
            key.copy_from_slice(&both[..32]);
            names.copy_from_slice(&both[32..]);
            return Ok((DataKey(key), Some(NamingKey(names))));
        }
        Ok((self.unwrap(wrap, epoch)?, None))
    }
}

#[derive(Zeroize, ZeroizeOnDrop)]
struct Kek(Bytes32);

/// Keyed hashes of names the server must not read (collections, deterministic record ids).
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct NamingKey(Bytes32);

impl std::fmt::Debug for NamingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NamingKey(..)")
    }
}

impl NamingKey {
    /// The key itself, for the device's key store.
    pub fn bytes(&self) -> &Bytes32 {
        &self.0
    }

    pub fn from_bytes(bytes: Bytes32) -> NamingKey {
        NamingKey(bytes)
    }

    /// The tag a collection (a table) is known by on the server.
    pub fn collection(&self, table: &str) -> [u8; NAME_LEN] {
        self.keyed("collection", &[table.as_bytes()])
    }

    /// The id of a record whose identity is a natural key (a singleton's table, a guide's id).
    pub fn record_id(&self, table: &str, natural_key: &str) -> [u8; NAME_LEN] {
        self.keyed("record", &[table.as_bytes(), natural_key.as_bytes()])
    }

    /// HMAC-SHA256 over a purpose and length-prefixed parts, cut to [`NAME_LEN`].
    fn keyed(&self, purpose: &str, parts: &[&[u8]]) -> [u8; NAME_LEN] {
        let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(&self.0).expect("HMAC takes any key length");
        for part in std::iter::once(purpose.as_bytes()).chain(parts.iter().copied()) {
            mac.update(&(part.len() as u32).to_be_bytes());
            mac.update(part);
        }
        let full = mac.finalize().into_bytes();
        let mut out = [0u8; NAME_LEN];
        out.copy_from_slice(&full[..NAME_LEN]);
        out
    }
}

/// The key records of one epoch are sealed under.
#[derive(Clone, PartialEq, Eq, Zeroize, ZeroizeOnDrop)]
pub struct DataKey(Bytes32);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    /// A new random data key (a new epoch's).
    pub fn generate() -> DataKey {
        DataKey(random())
    }

    pub(super) fn bytes(&self) -> &Bytes32 {
        &self.0
    }

    pub(super) fn from_bytes(bytes: Bytes32) -> DataKey {
        DataKey(bytes)
    }

    fn from_opened(mut opened: Vec<u8>) -> Result<DataKey, CryptoError> {
        let key = <Bytes32>::try_from(opened.as_slice()).map_err(|_| CryptoError::Unsealed);
        opened.zeroize();
        Ok(DataKey(key?))
    }
}

/// One device's own keys.
pub struct DeviceKeys {
    pub signing: SigningKey,
    exchange: StaticSecret,
}

impl std::fmt::Debug for DeviceKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceKeys").field("exchange_public", &self.exchange_public()).finish_non_exhaustive()
    }
}

impl DeviceKeys {
    pub fn generate() -> DeviceKeys {
        DeviceKeys { signing: SigningKey::generate(), exchange: StaticSecret::from(random::<32>()) }
    }

    /// The two secrets, for the device's key store.
    pub(super) fn secrets(&self) -> (Zeroizing<Bytes32>, Zeroizing<Bytes32>) {
        (Zeroizing::new(self.signing.secret()), Zeroizing::new(self.exchange.to_bytes()))
    }

    /// The keys from the secrets [`DeviceKeys::secrets`] gave.
    pub(super) fn from_secrets(signing: &Bytes32, exchange: &Bytes32) -> DeviceKeys {
        DeviceKeys { signing: SigningKey::from_secret(signing), exchange: StaticSecret::from(*exchange) }
    }

    /// The public key data keys are wrapped to.
    pub fn exchange_public(&self) -> Bytes32 {
        PublicKey::from(&self.exchange).to_bytes()
    }

    /// The data key in `wrap` (made by [`wrap_for_device`] for this device and `epoch`).
    pub fn unwrap(&self, wrap: &[u8], epoch: u32) -> Result<DataKey, CryptoError> {
        if wrap.len() < 32 {
            return Err(CryptoError::Unsealed);
        }
        let (ephemeral, sealed) = wrap.split_at(32);
        let ephemeral = PublicKey::from(<Bytes32>::try_from(ephemeral).expect("split at 32"));
        let key = device_wrap_key(&self.exchange, &ephemeral, &self.exchange_public())?;
        DataKey::from_opened(crypto::open(&key, &wrap_aad("mend-sync-device-wrap-v1", epoch), sealed)?)
    }
}

/// `key` wrapped for the device whose X25519 public key is `device`, for `epoch`: the ephemeral public key,
/// then the sealed key.
pub fn wrap_for_device(key: &DataKey, device: &Bytes32, epoch: u32) -> Result<Vec<u8>, CryptoError> {
    let ephemeral = StaticSecret::from(random::<32>());
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let wrap_key = device_wrap_key(&ephemeral, &PublicKey::from(*device), device)?;
    let mut out = ephemeral_public.to_vec();
    out.extend(crypto::seal(&wrap_key, &wrap_aad("mend-sync-device-wrap-v1", epoch), &key.0));
    Ok(out)
}

/// The key a device wrap is sealed under: HKDF over the X25519 shared secret and both public keys (the
/// ephemeral's first, recomputed from whichever side holds the secret). A low-order public key, which would make
/// the shared secret known to anyone, is refused.
fn device_wrap_key(secret: &StaticSecret, their: &PublicKey, device: &Bytes32) -> Result<Bytes32, CryptoError> {
    let shared = secret.diffie_hellman(their);
    if !shared.was_contributory() {
        return Err(CryptoError::BadKey);
    }
    let ours = PublicKey::from(secret).to_bytes();
    let ephemeral = if &ours == device { their.to_bytes() } else { ours };
    let mut ikm = shared.as_bytes().to_vec();
    ikm.extend_from_slice(&ephemeral);
    ikm.extend_from_slice(device);
    let key = crypto::derive(&ikm, "mend-sync-device-wrap-key-v1");
    ikm.zeroize();
    Ok(key)
}

fn wrap_aad(label: &str, epoch: u32) -> Vec<u8> {
    let mut aad = label.as_bytes().to_vec();
    aad.extend_from_slice(&epoch.to_be_bytes());
    aad
}

#[cfg(test)]
mod tests;
