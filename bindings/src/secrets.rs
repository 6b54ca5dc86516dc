//! Where a phone keeps its sync keys: a foreign `SecretStore` (Keychain on iOS, Android Keystore on Android;
//! any store in tests) adapted to the core's [`KeyStore`]. Never the journal database. This file only converts.

use std::sync::Arc;

use mend_core::sync::keystore::KeyStore;
use zeroize::Zeroizing;

/// Why the platform's secret store failed (its own short description; never a secret).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum SecretStoreFailure {
    #[error("{reason}")]
    Failed { reason: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SecretStoreFailure {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SecretStoreFailure::Failed { reason: err.reason }
    }
}

/// What an app implements to keep sync's secrets, by name.
#[uniffi::export(with_foreign)]
pub trait SecretStore: Send + Sync {
    /// The secret called `name`, if stored.
    fn get(&self, name: String) -> Result<Option<Vec<u8>>, SecretStoreFailure>;
    /// Stores `value` as `name`, replacing any.
    fn set(&self, name: String, value: Vec<u8>) -> Result<(), SecretStoreFailure>;
    /// Forgets every secret sync stored (sync off, erase).
    fn clear(&self) -> Result<(), SecretStoreFailure>;
}

/// The app's store as the core's [`KeyStore`].
pub(crate) struct ForeignSecrets(pub(crate) Arc<dyn SecretStore>);

impl KeyStore for ForeignSecrets {
    fn get(&self, name: &str) -> mend_core::Result<Option<Zeroizing<Vec<u8>>>> {
        Ok(self.0.get(name.to_owned()).map_err(failed)?.map(Zeroizing::new))
    }

    fn set(&self, name: &str, value: &[u8]) -> mend_core::Result<()> {
        self.0.set(name.to_owned(), value.to_vec()).map_err(failed)
    }

    fn clear(&self) -> mend_core::Result<()> {
        self.0.clear().map_err(failed)
    }
}

/// The store a device uses before the app gave one: it holds nothing (status, `next_sync_at` and auto never
/// read a key).
pub(crate) struct NoSecrets;

impl KeyStore for NoSecrets {
    fn get(&self, _: &str) -> mend_core::Result<Option<Zeroizing<Vec<u8>>>> {
        Ok(None)
    }

    fn set(&self, _: &str, _: &[u8]) -> mend_core::Result<()> {
        Err(mend_core::Error::Io(NO_PLATFORM.into()))
    }

    fn clear(&self) -> mend_core::Result<()> {
        Ok(())
    }
}

/// What a sync call says when the app has not given its transport and secret store yet.
pub(crate) const NO_PLATFORM: &str = "sync needs the app's connection and key store first (set_sync_platform)";

fn failed(err: SecretStoreFailure) -> mend_core::Error {
    mend_core::Error::Io(format!("Mend could not use this device's key store: {err}"))
}
