//! Sync's key schedule (shared/design/SYNC.md, "Keys and accounts"), composed from RustCrypto and dalek:
//! - from the root secret R (the phrase, [`super::phrase`]), by HKDF-SHA256 with distinct labels: the **lookup
//!   id** (the server finds the account by it), the **recovery key** (Ed25519; enrols a device restored from the
//!   phrase), the **recovery exchange key** (X25519; the design's KEK, made asymmetric so that a device in sync
//!   can wrap a new epoch's key for the phrase without ever holding the phrase), and the **naming key** (keyed
//!   hashes of collection names and of deterministic record ids, so the server never reads a table's name);
//! - a random **data key per epoch**, wrapped to the recovery exchange key with the naming key ([`recovery_wrap`],
//!   for a device restored from the phrase) and to each device's X25519 key (an ephemeral X25519 agreement, HKDF
//!   over the shared secret and both public keys, then XChaCha20-Poly1305 — the shape of HPKE's base mode);
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
    recovery_exchange: StaticSecret,
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
            recovery_exchange: StaticSecret::from(crypto::derive(r, "mend-sync-recovery-exchange-v1")),
            names: NamingKey(crypto::derive(r, "mend-sync-names-v1")),
        }
    }

    /// The public key an epoch's recovery wrap is made to ([`recovery_wrap`]): any device in sync can make one
    /// (for a new epoch, after a revocation), and only the phrase opens it.
    pub fn recovery_public(&self) -> Bytes32 {
        PublicKey::from(&self.recovery_exchange).to_bytes()
    }

    /// The data key and the naming key in a recovery `wrap` for `epoch`, if it was made to this phrase.
    pub fn open_wrap(&self, wrap: &[u8], epoch: u32) -> Result<(DataKey, NamingKey), CryptoError> {
        let parts = RecoveryWrap::split(wrap)?;
        let ephemeral = PublicKey::from(parts.ephemeral);
        let key = exchange_key(&self.recovery_exchange, &ephemeral, &self.recovery_public(), RECOVERY_KEY_LABEL)?;
        let opened = Zeroizing::new(crypto::open(&key, &wrap_aad(RECOVERY_WRAP_LABEL, epoch), parts.keys)?);
        let both = <[u8; 64]>::try_from(opened.as_slice()).map_err(|_| CryptoError::Unsealed)?;
        let both = Zeroizing::new(both);
        let (mut data, mut names) = ([0u8; 32], [0u8; 32]);
        data.copy_from_slice(&both[..32]);
        names.copy_from_slice(&both[32..]);
        Ok((DataKey(data), NamingKey(names)))
    }
}

const RECOVERY_WRAP_LABEL: &str = "mend-sync-recovery-wrap-v1";
const RECOVERY_KEY_LABEL: &str = "mend-sync-recovery-wrap-key-v1";
const RECOVERY_PUBLIC_LABEL: &str = "mend-sync-recovery-public-v1";
const EPOCH_LINK_LABEL: &str = "mend-sync-epoch-link-v1";

/// An epoch's **recovery wrap** (the server's "KEK wrap"): the epoch's data key and the account's naming key,
/// wrapped to the phrase's recovery exchange key `recovery` (an ephemeral X25519 agreement, as a device wrap);
/// then `recovery` itself, sealed under a key derived from the data key, so a device in sync reads from the
/// current epoch's wrap which key to wrap the next epoch to, and the server, which never holds a data key,
/// cannot change it; then, for every epoch after the first, the **epoch link**: a commitment to this epoch's data
/// key sealed under a key derived from the `previous` epoch's, so a device accepts a new epoch's key (from its
/// own device wrap, which anyone knowing its public key could make) only when a holder of the previous key
/// vouched for it. Layout: ephemeral public key (32) ‖ sealed keys (24 + 64 + 16) ‖ sealed recovery key
/// (24 + 32 + 16) [‖ epoch link (24 + 32 + 16)].
pub fn recovery_wrap(
    key: &DataKey,
    names: &NamingKey,
    recovery: &Bytes32,
    epoch: u32,
    previous: Option<&DataKey>,
) -> Result<Vec<u8>, CryptoError> {
    let ephemeral = StaticSecret::from(random::<32>());
    let wrap_key = exchange_key(&ephemeral, &PublicKey::from(*recovery), recovery, RECOVERY_KEY_LABEL)?;
    let mut both = Zeroizing::new([0u8; 64]);
    both[..32].copy_from_slice(&key.0);
    both[32..].copy_from_slice(&names.0);
    let mut out = PublicKey::from(&ephemeral).to_bytes().to_vec();
    out.extend(crypto::seal(&wrap_key, &wrap_aad(RECOVERY_WRAP_LABEL, epoch), both.as_ref()));
    out.extend(crypto::seal(&key.derived(RECOVERY_PUBLIC_LABEL), &wrap_aad(RECOVERY_PUBLIC_LABEL, epoch), recovery));
    if let Some(previous) = previous {
        out.extend(crypto::seal(
            &previous.derived(EPOCH_LINK_LABEL),
            &wrap_aad(EPOCH_LINK_LABEL, epoch),
            &key.commitment(),
        ));
    }
    Ok(out)
}

/// The recovery key an epoch's recovery `wrap` was made to, checked under that epoch's data `key`: what a
/// device wraps the next epoch's data key to.
pub fn wrapped_recovery_key(wrap: &[u8], key: &DataKey, epoch: u32) -> Result<Bytes32, CryptoError> {
    let parts = RecoveryWrap::split(wrap)?;
    let opened =
        crypto::open(&key.derived(RECOVERY_PUBLIC_LABEL), &wrap_aad(RECOVERY_PUBLIC_LABEL, epoch), parts.recovery)?;
    <Bytes32>::try_from(opened.as_slice()).map_err(|_| CryptoError::Unsealed)
}

/// Whether epoch `epoch`'s recovery `wrap` vouches, under the `previous` epoch's data key, for `key` as the
/// epoch's data key.
pub fn check_epoch_link(wrap: &[u8], previous: &DataKey, key: &DataKey, epoch: u32) -> Result<(), CryptoError> {
    let link = RecoveryWrap::split(wrap)?.link.ok_or(CryptoError::Unsealed)?;
    let opened = crypto::open(&previous.derived(EPOCH_LINK_LABEL), &wrap_aad(EPOCH_LINK_LABEL, epoch), link)?;
    match opened.as_slice() == key.commitment().as_slice() {
        true => Ok(()),
        false => Err(CryptoError::Unsealed),
    }
}

/// A recovery wrap's parts.
struct RecoveryWrap<'a> {
    ephemeral: Bytes32,
    keys: &'a [u8],
    recovery: &'a [u8],
    link: Option<&'a [u8]>,
}

impl<'a> RecoveryWrap<'a> {
    const KEYS_LEN: usize = crypto::NONCE_LEN + 64 + crypto::TAG_LEN;
    const SEALED_32: usize = crypto::NONCE_LEN + 32 + crypto::TAG_LEN;

    fn split(wrap: &'a [u8]) -> Result<RecoveryWrap<'a>, CryptoError> {
        let bare = 32 + Self::KEYS_LEN + Self::SEALED_32;
        if wrap.len() != bare && wrap.len() != bare + Self::SEALED_32 {
            return Err(CryptoError::Unsealed);
        }
        let (ephemeral, rest) = wrap.split_at(32);
        let (keys, rest) = rest.split_at(Self::KEYS_LEN);
        let (recovery, link) = rest.split_at(Self::SEALED_32);
        let link = (!link.is_empty()).then_some(link);
        Ok(RecoveryWrap { ephemeral: ephemeral.try_into().expect("split at 32"), keys, recovery, link })
    }
}

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

    /// A key for one purpose, derived from this one (the data key itself seals only records).
    fn derived(&self, label: &str) -> Bytes32 {
        crypto::derive(&self.0, label)
    }

    /// A one-way commitment to this key (what an epoch link seals, and what a linking handover carries).
    pub fn commitment(&self) -> Bytes32 {
        crypto::derive(&self.0, "mend-sync-epoch-commitment-v1")
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
        let key = exchange_key(&self.exchange, &ephemeral, &self.exchange_public(), DEVICE_KEY_LABEL)?;
        DataKey::from_opened(crypto::open(&key, &wrap_aad("mend-sync-device-wrap-v1", epoch), sealed)?)
    }
}

/// `key` wrapped for the device whose X25519 public key is `device`, for `epoch`: the ephemeral public key,
/// then the sealed key.
pub fn wrap_for_device(key: &DataKey, device: &Bytes32, epoch: u32) -> Result<Vec<u8>, CryptoError> {
    let ephemeral = StaticSecret::from(random::<32>());
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let wrap_key = exchange_key(&ephemeral, &PublicKey::from(*device), device, DEVICE_KEY_LABEL)?;
    let mut out = ephemeral_public.to_vec();
    out.extend(crypto::seal(&wrap_key, &wrap_aad("mend-sync-device-wrap-v1", epoch), &key.0));
    Ok(out)
}

const DEVICE_KEY_LABEL: &str = "mend-sync-device-wrap-key-v1";

/// The key a device wrap or a recovery wrap is sealed under: HKDF (`label`) over the X25519 shared secret and
/// both public keys (the ephemeral's first, recomputed from whichever side holds the secret; `recipient` is the
/// recipient's public key). A low-order public key, which would make the shared secret known to anyone, is
/// refused.
fn exchange_key(
    secret: &StaticSecret,
    their: &PublicKey,
    recipient: &Bytes32,
    label: &str,
) -> Result<Bytes32, CryptoError> {
    let shared = secret.diffie_hellman(their);
    if !shared.was_contributory() {
        return Err(CryptoError::BadKey);
    }
    let ours = PublicKey::from(secret).to_bytes();
    let ephemeral = if &ours == recipient { their.to_bytes() } else { ours };
    let mut ikm = shared.as_bytes().to_vec();
    ikm.extend_from_slice(&ephemeral);
    ikm.extend_from_slice(recipient);
    let key = crypto::derive(&ikm, label);
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
