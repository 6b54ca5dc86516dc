//! Where a device keeps its sync secrets — never in the journal database, so a copied `mend.db` carries no key.
//! [`KeyStore`] is the interface: the apps implement it over the platform's store (Keychain, Android Keystore)
//! through the bindings; the CLI uses [`FileKeyStore`], one file in its data directory, private (0600) and
//! written whole (temporary file, fsync, rename).
//!
//! [`DeviceSecrets`] reads and writes the secrets a device holds under fixed names: its own keys, the naming key,
//! and each epoch's data key. The root secret R is never stored: set-up shows the phrase and forgets it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use zeroize::Zeroizing;

use super::keys::{DataKey, DeviceKeys, NamingKey};
use crate::crypto::Bytes32;
use crate::error::{Error, Result};
use crate::files::{Existing, write_private};

/// A store of named secrets.
pub trait KeyStore: Send + Sync {
    /// The secret called `name`, if stored.
    fn get(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>>;
    /// Stores `value` as `name`, replacing any.
    fn set(&self, name: &str, value: &[u8]) -> Result<()>;
    /// Forgets every secret (sync off, erase).
    fn clear(&self) -> Result<()>;
}

/// The CLI's key store: `sync-keys` in the data directory, a JSON object of base64 values.
pub struct FileKeyStore {
    path: PathBuf,
    lock: Mutex<()>,
}

/// The file's name in the data directory.
pub const FILE_NAME: &str = "sync-keys";

impl FileKeyStore {
    pub fn in_dir(dir: &Path) -> FileKeyStore {
        FileKeyStore { path: dir.join(FILE_NAME), lock: Mutex::new(()) }
    }

    fn read(&self) -> Result<Entries> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => Zeroizing::new(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Entries::default()),
            Err(_) => return Err(Error::Io("Mend could not read its sync keys (check the file's permissions)".into())),
        };
        serde_json::from_slice(&bytes).map_err(|_| {
            Error::Io("Mend's sync keys file is damaged; sync needs setting up again on this device".into())
        })
    }

    fn write(&self, map: &Entries) -> Result<()> {
        let bytes = Zeroizing::new(serde_json::to_vec(map).expect("a map of strings serialises"));
        write_private(&self.path, &bytes, Existing::Replace)
    }
}

impl KeyStore for FileKeyStore {
    fn get(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let _held = self.lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let map = self.read()?;
        map.0
            .get(name)
            .map(|text| {
                B64.decode(text).map(Zeroizing::new).map_err(|_| {
                    Error::Io("Mend's sync keys file is damaged; sync needs setting up again on this device".into())
                })
            })
            .transpose()
    }

    fn set(&self, name: &str, value: &[u8]) -> Result<()> {
        let _held = self.lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut map = self.read()?;
        map.0.insert(name.to_owned(), B64.encode(value));
        self.write(&map)
    }

    fn clear(&self) -> Result<()> {
        let _held = self.lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match std::fs::remove_file(&self.path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(_) => Err(Error::Io("Mend could not remove its sync keys (check the folder's permissions)".into())),
        }
    }
}

/// The file's entries: names and base64 values, wiped from memory when dropped.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
struct Entries(BTreeMap<String, String>);

impl Drop for Entries {
    fn drop(&mut self) {
        self.0.values_mut().for_each(zeroize::Zeroize::zeroize);
    }
}

const DEVICE_SIGNING: &str = "device-signing";
const DEVICE_EXCHANGE: &str = "device-exchange";
const NAMING: &str = "naming";
const SESSION: &str = "session";

/// The secrets a device holds, over a [`KeyStore`].
pub struct DeviceSecrets<'a> {
    store: &'a dyn KeyStore,
}

impl<'a> DeviceSecrets<'a> {
    pub fn new(store: &'a dyn KeyStore) -> DeviceSecrets<'a> {
        DeviceSecrets { store }
    }

    /// Stores this device's keys.
    pub fn save_device(&self, keys: &DeviceKeys) -> Result<()> {
        let (signing, exchange) = keys.secrets();
        self.store.set(DEVICE_SIGNING, signing.as_ref())?;
        self.store.set(DEVICE_EXCHANGE, exchange.as_ref())
    }

    /// This device's keys, if sync was set up here.
    pub fn device(&self) -> Result<Option<DeviceKeys>> {
        match (self.secret(DEVICE_SIGNING)?, self.secret(DEVICE_EXCHANGE)?) {
            (Some(signing), Some(exchange)) => Ok(Some(DeviceKeys::from_secrets(&signing, &exchange))),
            (None, None) => Ok(None),
            _ => Err(damaged()),
        }
    }

    pub fn save_naming(&self, key: &NamingKey) -> Result<()> {
        self.store.set(NAMING, key.bytes())
    }

    pub fn naming(&self) -> Result<Option<NamingKey>> {
        Ok(self.secret(NAMING)?.map(|bytes| NamingKey::from_bytes(*bytes)))
    }

    pub fn save_data_key(&self, epoch: u32, key: &DataKey) -> Result<()> {
        self.store.set(&format!("data-key-{epoch}"), key.bytes())
    }

    pub fn data_key(&self, epoch: u32) -> Result<Option<DataKey>> {
        Ok(self.secret(&format!("data-key-{epoch}"))?.map(|bytes| DataKey::from_bytes(*bytes)))
    }

    /// Keeps the session token between syncs (it expires within the hour; losing it costs one sign-in).
    pub fn save_session(&self, session: &super::client::Session) -> Result<()> {
        let mut bytes = Zeroizing::new(Vec::with_capacity(8 + 16 + session.token.len()));
        bytes.extend_from_slice(&session.expires_at.to_be_bytes());
        bytes.extend_from_slice(&session.device_id);
        bytes.extend_from_slice(session.token.as_bytes());
        self.store.set(SESSION, &bytes)
    }

    /// The session kept by the last sync, if any (a damaged one is ignored: the next sync signs in again).
    pub fn session(&self) -> Result<Option<super::client::Session>> {
        let Some(bytes) = self.store.get(SESSION)? else { return Ok(None) };
        if bytes.len() <= 8 + 16 {
            return Ok(None);
        }
        let expires_at = i64::from_be_bytes(bytes[..8].try_into().expect("8 bytes"));
        let device_id = bytes[8..24].to_vec();
        let Ok(token) = std::str::from_utf8(&bytes[24..]) else { return Ok(None) };
        Ok(Some(super::client::Session { device_id, token: Zeroizing::new(token.to_owned()), expires_at }))
    }

    /// A 32-byte secret, or `None`; any other length means the store was damaged.
    fn secret(&self, name: &str) -> Result<Option<Zeroizing<Bytes32>>> {
        self.store
            .get(name)?
            .map(|bytes| <Bytes32>::try_from(bytes.as_slice()).map(Zeroizing::new).map_err(|_| damaged()))
            .transpose()
    }
}

fn damaged() -> Error {
    Error::Io("Mend's sync keys are incomplete; sync needs setting up again on this device".into())
}

#[cfg(test)]
mod tests;
