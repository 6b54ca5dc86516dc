//! A publisher's keys for one group, in the key store beside the owners' (never the journal): the group's read
//! key and the current mailbox write key with its generation, from the owner's hand-off link. Her own signing
//! key is this device's moderator key ([`super::identity`]). Forgetting them overwrites them with nothing.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::charter::GroupId;
use super::codec;
use super::failure::{GroupsFailure, Outcome};
use super::secrets::name;
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::keystore::KeyStore;

const KIND: &str = "publisher";

/// What a publisher holds for one group.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublisherKeys {
    pub read_key: Bytes32,
    pub write_secret: Bytes32,
    pub write_generation: u32,
}

impl PublisherKeys {
    /// The mailbox write key.
    pub fn write_key(&self) -> SigningKey {
        SigningKey::from_secret(&self.write_secret)
    }

    /// Stores them for `group`.
    pub fn store(&self, store: &dyn KeyStore, group: &GroupId) -> Outcome<()> {
        Ok(store.set(&name(KIND, group), &Zeroizing::new(codec::encode(self)))?)
    }

    /// The keys this device holds for `group`.
    pub fn load(store: &dyn KeyStore, group: &GroupId) -> Outcome<PublisherKeys> {
        let missing = || GroupsFailure::KeysMissing("ask an owner of the group for a new publisher link");
        let bytes = store.get(&name(KIND, group))?.ok_or_else(missing)?;
        codec::decode(&bytes, "keys", 128).map_err(|_| missing())
    }

    /// Forgets them.
    pub fn forget(store: &dyn KeyStore, group: &GroupId) -> Outcome<()> {
        Ok(store.set(&name(KIND, group), &[])?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::keystore::FileKeyStore;

    #[test]
    fn publisher_keys_round_trip_and_are_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileKeyStore::in_dir(dir.path());
        let keys = PublisherKeys { read_key: [1; 32], write_secret: [2; 32], write_generation: 3 };
        keys.store(&store, &[4; 16]).unwrap();
        assert!(PublisherKeys::load(&store, &[4; 16]).unwrap() == keys);
        assert!(matches!(PublisherKeys::load(&store, &[5; 16]), Err(GroupsFailure::KeysMissing(_))));
        PublisherKeys::forget(&store, &[4; 16]).unwrap();
        assert!(matches!(PublisherKeys::load(&store, &[4; 16]), Err(GroupsFailure::KeysMissing(_))));
    }
}
