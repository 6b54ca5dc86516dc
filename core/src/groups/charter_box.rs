//! How a charter travels on the mailbox's Charter channel: sealed under the group's read key (XChaCha20-Poly1305,
//! bound to the mailbox), so the server never reads a group's name, description or moderators. The seal is only
//! for the journey: the charter's hash (which the invite pins) and its owners' signatures are over the charter's
//! own bytes inside, checked by [`super::trust::GroupTrust`] after opening.

use super::charter::SignedCharter;
use super::error::{GroupError, Result};
use crate::crypto::{self, Bytes32};

/// The label charter boxes are sealed under.
const BOX_LABEL: &[u8] = b"mend-charter-box-v1";

fn aad(mailbox: &Bytes32) -> Vec<u8> {
    let mut aad = BOX_LABEL.to_vec();
    aad.extend_from_slice(mailbox);
    aad
}

/// The bytes to post for `charter` on the mailbox `mailbox`.
pub fn seal(read_key: &Bytes32, mailbox: &Bytes32, charter: &SignedCharter) -> Vec<u8> {
    crypto::seal(read_key, &aad(mailbox), &charter.encode())
}

/// Opens a charter box read from `mailbox` (its signatures are checked later, by the trust).
pub fn open(read_key: &Bytes32, mailbox: &Bytes32, sealed: &[u8]) -> Result<SignedCharter> {
    let plain = crypto::open(read_key, &aad(mailbox), sealed)
        .map_err(|reason| GroupError::Crypto { what: "charter", reason })?;
    SignedCharter::decode(&plain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::keys::GroupSecrets;

    #[test]
    fn a_charter_box_opens_only_with_its_key_and_mailbox_and_hides_the_charter() {
        let secrets = GroupSecrets::generate();
        let charter = SignedCharter { body: b"MARKER-charter-body".to_vec(), signatures: Vec::new() };
        let mailbox = crate::groups::keys::mailbox_id(&secrets.read_key);
        let sealed = seal(&secrets.read_key, &mailbox, &charter);
        assert!(!sealed.windows(6).any(|w| w == b"MARKER"), "the server sees no charter text");
        assert_eq!(open(&secrets.read_key, &mailbox, &sealed).unwrap(), charter);
        assert!(matches!(open(&crypto::random(), &mailbox, &sealed), Err(GroupError::Crypto { .. })));
        assert!(matches!(open(&secrets.read_key, &[1; 32], &sealed), Err(GroupError::Crypto { .. })));
        let mut changed = sealed.clone();
        let last = changed.len() - 1;
        changed[last] ^= 1;
        assert!(open(&secrets.read_key, &mailbox, &changed).is_err());
    }
}
