//! A group's secrets on this device, in the [`KeyStore`] (never the journal database, so a copied `mend.db`
//! carries no group key): an owner's signing key and X25519 exchange secret, the owner-held
//! [`GroupSecrets`], and a member's read key, each under a name ending in the group's id (hex).
//!
//! The key store has no removal of one name: leaving a group overwrites its read key with nothing, which reads
//! back as absent.

use mend_protocol::hex;
use zeroize::Zeroizing;

use super::charter::GroupId;
use super::codec;
use super::failure::{GroupsFailure, Outcome};
use super::keys::GroupSecrets;
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::keystore::KeyStore;

/// The largest encoded [`GroupSecrets`].
const MAX_SECRETS_BYTES: usize = 256;

pub(crate) fn name(kind: &str, group: &GroupId) -> String {
    format!("group-{kind}/{}", hex::encode(group))
}

/// The digest of an owner's keys and a group's secrets ([`GroupKeys::owner_digest`]).
pub fn owner_digest(signing: &SigningKey, exchange: &Bytes32, secrets: &GroupSecrets) -> Bytes32 {
    let mut bytes = Zeroizing::new(signing.secret().to_vec());
    bytes.extend_from_slice(exchange);
    bytes.extend_from_slice(&Zeroizing::new(codec::encode(secrets)));
    crate::crypto::hash("mend-group-membership-digest-v1", &bytes)
}

/// The group secrets this device keeps for one group.
pub struct GroupKeys<'a> {
    store: &'a dyn KeyStore,
    group: GroupId,
}

impl<'a> GroupKeys<'a> {
    pub fn new(store: &'a dyn KeyStore, group: GroupId) -> GroupKeys<'a> {
        GroupKeys { store, group }
    }

    fn bytes32(&self, kind: &str) -> Outcome<Option<Zeroizing<Bytes32>>> {
        let Some(value) = self.store.get(&name(kind, &self.group))? else { return Ok(None) };
        if value.is_empty() {
            return Ok(None);
        }
        let array: Bytes32 = value
            .as_slice()
            .try_into()
            .map_err(|_| GroupsFailure::KeysMissing("the stored key is damaged; join the group again from its link"))?;
        Ok(Some(Zeroizing::new(array)))
    }

    /// Stores the owner's keys and the group's secrets (a new group).
    pub fn set_owner(&self, signing: &SigningKey, exchange_secret: &Bytes32, secrets: &GroupSecrets) -> Outcome<()> {
        self.store.set(&name("owner-signing", &self.group), &Zeroizing::new(signing.secret())[..])?;
        self.store.set(&name("owner-exchange", &self.group), exchange_secret)?;
        self.store.set(&name("secrets", &self.group), &Zeroizing::new(codec::encode(secrets)))?;
        Ok(())
    }

    /// Replaces the group's secrets (a new write generation, before the server hears of it).
    pub fn set_secrets(&self, secrets: &GroupSecrets) -> Outcome<()> {
        self.store.set(&name("secrets", &self.group), &Zeroizing::new(codec::encode(secrets)))?;
        Ok(())
    }

    /// Keeps the secrets a proposed charter change will move the group to (a new owner secret when an owner
    /// leaves), until this device puts the change in force.
    pub fn set_pending(&self, secrets: &GroupSecrets) -> Outcome<()> {
        self.store.set(&name("pending-secrets", &self.group), &Zeroizing::new(codec::encode(secrets)))?;
        Ok(())
    }

    /// The pending secrets whose write key is `key`, if this device holds them.
    pub fn pending_for(&self, key: &Bytes32) -> Outcome<Option<GroupSecrets>> {
        let Some(bytes) = self.store.get(&name("pending-secrets", &self.group))? else { return Ok(None) };
        let Ok(secrets) = codec::decode::<GroupSecrets>(&bytes, "secrets", MAX_SECRETS_BYTES) else { return Ok(None) };
        Ok((secrets.group_id == self.group && &secrets.write_key().public() == key).then_some(secrets))
    }

    /// Forgets pending secrets (put in force, or the group left).
    pub fn forget_pending(&self) -> Outcome<()> {
        Ok(self.store.set(&name("pending-secrets", &self.group), &[])?)
    }

    /// Forgets the owner's keys and the group's secrets (a restore whose journal write failed).
    pub fn forget_owner(&self) -> Outcome<()> {
        for kind in ["owner-signing", "owner-exchange", "secrets", "membership-seen"] {
            self.store.set(&name(kind, &self.group), &[])?;
        }
        Ok(())
    }

    /// The owner's signing key.
    pub fn owner_signing(&self) -> Outcome<SigningKey> {
        let secret = self.bytes32("owner-signing")?.ok_or(GroupsFailure::KeysMissing("restore them from a backup"))?;
        Ok(SigningKey::from_secret(&secret))
    }

    /// The owner's X25519 exchange secret (for backups).
    pub fn owner_exchange(&self) -> Outcome<Zeroizing<Bytes32>> {
        self.bytes32("owner-exchange")?.ok_or(GroupsFailure::KeysMissing("restore them from a backup"))
    }

    /// The group's secrets (owners only).
    pub fn secrets(&self) -> Outcome<GroupSecrets> {
        let missing = || GroupsFailure::KeysMissing("restore them from a backup");
        let bytes = self.store.get(&name("secrets", &self.group))?.ok_or_else(missing)?;
        let secrets: GroupSecrets = codec::decode(&bytes, "secrets", MAX_SECRETS_BYTES).map_err(|_| missing())?;
        if secrets.group_id != self.group {
            return Err(missing());
        }
        Ok(secrets)
    }

    /// A digest of the owner's keys and the group's secrets as this device holds them (never the keys
    /// themselves): what the person's owner membership row is compared by (`membership_sync.rs`).
    pub fn owner_digest(&self) -> Outcome<Bytes32> {
        Ok(owner_digest(&self.owner_signing()?, &*self.owner_exchange()?, &self.secrets()?))
    }

    /// The digest this device and the person's owner membership row last agreed on, if any.
    pub fn membership_seen(&self) -> Outcome<Option<Bytes32>> {
        Ok(self.bytes32("membership-seen")?.map(|d| *d))
    }

    /// Records the digest this device and the membership row agree on.
    pub fn set_membership_seen(&self, digest: &Bytes32) -> Outcome<()> {
        Ok(self.store.set(&name("membership-seen", &self.group), digest)?)
    }

    /// Stores a member's read key.
    pub fn set_read_key(&self, key: &Bytes32) -> Outcome<()> {
        Ok(self.store.set(&name("read", &self.group), key)?)
    }

    /// A member's read key.
    pub fn read_key(&self) -> Outcome<Zeroizing<Bytes32>> {
        self.bytes32("read")?.ok_or(GroupsFailure::KeysMissing("join the group again from its link"))
    }

    /// Forgets a member's read key (leaving).
    pub fn forget_read_key(&self) -> Outcome<()> {
        Ok(self.store.set(&name("read", &self.group), &[])?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::keystore::FileKeyStore;

    #[test]
    fn keys_round_trip_and_a_forgotten_read_key_is_absent() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileKeyStore::in_dir(dir.path());
        let secrets = GroupSecrets::generate();
        let keys = GroupKeys::new(&store, secrets.group_id);
        let signing = SigningKey::generate();
        keys.set_owner(&signing, &[5; 32], &secrets).unwrap();
        assert_eq!(keys.owner_signing().unwrap().public(), signing.public());
        assert!(keys.secrets().unwrap() == secrets);
        assert!(matches!(keys.read_key(), Err(GroupsFailure::KeysMissing(_))));
        keys.set_read_key(&secrets.read_key).unwrap();
        assert_eq!(*keys.read_key().unwrap(), secrets.read_key);
        keys.forget_read_key().unwrap();
        assert!(matches!(keys.read_key(), Err(GroupsFailure::KeysMissing(_))));
        // Forgetting the owner's keys leaves none of them (a restore whose journal write failed).
        keys.forget_owner().unwrap();
        assert!(matches!(keys.owner_signing(), Err(GroupsFailure::KeysMissing(_))));
        assert!(matches!(keys.owner_exchange(), Err(GroupsFailure::KeysMissing(_))));
        assert!(matches!(keys.secrets(), Err(GroupsFailure::KeysMissing(_))));
        // Another group's names are its own.
        let other = GroupKeys::new(&store, [9; 16]);
        assert!(matches!(other.secrets(), Err(GroupsFailure::KeysMissing(_))));
    }
}
