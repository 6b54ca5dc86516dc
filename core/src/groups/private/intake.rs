//! A private group's intake key: an X25519 key whose public half rides in the private invite and whose secret
//! only the moderators' desk holds. Join requests are sealed to it, the intake mailbox's id derives from it,
//! and so does the key the roster chain is sealed under (so anyone with the invite can read the roster's
//! ciphertext but the server cannot). The moderators' mailbox id derives from the hash of charter version 1.

use zeroize::Zeroize;

use super::hpke_seal;
use crate::crypto::{self, Bytes32};

/// The secret half of a group's intake key.
#[derive(Clone, PartialEq, Eq)]
pub struct IntakeKey {
    secret: Bytes32,
}

impl std::fmt::Debug for IntakeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IntakeKey").field("public", &self.public()).finish_non_exhaustive()
    }
}

impl Drop for IntakeKey {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

impl IntakeKey {
    /// A new random intake key.
    pub fn generate() -> IntakeKey {
        IntakeKey { secret: crypto::random() }
    }

    /// The intake key held in the desk.
    pub fn from_secret(secret: &Bytes32) -> IntakeKey {
        IntakeKey { secret: *secret }
    }

    /// The secret, for the desk.
    pub fn secret(&self) -> &Bytes32 {
        &self.secret
    }

    /// The public key the private invite carries.
    pub fn public(&self) -> Bytes32 {
        hpke_seal::public_of(&self.secret)
    }
}

/// The intake mailbox (join inbox and roster chain) of the group whose intake public key is `intake_public`.
pub fn intake_mailbox_id(intake_public: &Bytes32) -> Bytes32 {
    crypto::derive(intake_public, "mend-group-intake-mailbox-id-v1")
}

/// The key every version of the roster chain is sealed under.
pub fn roster_box_key(intake_public: &Bytes32) -> Bytes32 {
    crypto::derive(intake_public, "mend-group-roster-box-v1")
}

/// The moderators' mailbox (the desk) of the group whose charter version 1 hashes to `root_hash`.
pub fn moderators_mailbox_id(root_hash: &Bytes32) -> Bytes32 {
    crypto::derive(root_hash, "mend-group-moderators-mailbox-id-v1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_derivation_has_its_own_label_and_the_debug_hides_the_secret() {
        let intake = IntakeKey::generate();
        let public = intake.public();
        let ids = [intake_mailbox_id(&public), roster_box_key(&public), moderators_mailbox_id(&public)];
        assert!(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);
        assert_eq!(intake_mailbox_id(&public), intake_mailbox_id(&IntakeKey::from_secret(intake.secret()).public()));
        assert_ne!(intake_mailbox_id(&public), intake_mailbox_id(&IntakeKey::generate().public()));
        let debug = format!("{intake:?}");
        assert!(!debug.contains(&format!("{:?}", intake.secret())) && debug.contains("public"));
    }
}
