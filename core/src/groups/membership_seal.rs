//! Sealing a membership row's blob (`super::memberships`): XChaCha20-Poly1305 ([`crate::crypto`]) under a key
//! derived with HKDF-SHA256 (label [`LABEL`]) from the account's naming key, which every device of the account
//! holds in sync's key store and which never changes (not with a device removed and a new epoch, nor with a new
//! recovery phrase). The group id, role and server are associated data, so a blob moved to another row or server
//! does not open. Opening refuses anything changed or sealed for another account, naming the field
//! (`group_memberships.sealed`), and gives the parts each role's take-up needs: a member's invite, an owner's
//! backup payload checked as a restore checks one, a publisher's keys.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use super::codec;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::invite::Invite;
use super::memberships::{Membership, MembershipRole};
use crate::crypto::{self, Bytes32};
use crate::sync::keystore::{DeviceSecrets, KeyStore};

/// The HKDF label of the key memberships are sealed under.
pub const LABEL: &str = "mend-group-membership-v1";

/// The largest sealed blob opened (a member's is under 120 bytes).
const MAX_SEALED_BYTES: usize = 16 * 1024;

/// The key memberships are sealed under, derived from the account's naming key.
pub struct MembershipKey(Zeroizing<Bytes32>);

impl MembershipKey {
    /// The key, from sync's key store; `None` when this device has no account (sync was never set up here).
    pub fn from_account(store: &dyn KeyStore) -> Outcome<Option<MembershipKey>> {
        Ok(DeviceSecrets::new(store).naming()?.map(|names| MembershipKey::from_secret(names.bytes())))
    }

    /// The key for a naming key's bytes.
    pub fn from_secret(secret: &Bytes32) -> MembershipKey {
        MembershipKey(Zeroizing::new(crypto::derive(secret, LABEL)))
    }
}

/// What a member's blob holds: the invite's parts (the server is the row's, bound in as associated data).
#[derive(Serialize, Deserialize)]
struct MemberPart {
    charter_hash: Bytes32,
    epoch: u32,
    read_key: Bytes32,
}

impl Drop for MemberPart {
    fn drop(&mut self) {
        self.read_key.zeroize();
    }
}

/// What a publisher's blob holds: the group's root (the hash of charter version 1, from which her other devices
/// verify the chain as accepting her link does), her publisher keys and her moderator key, which the charter
/// lists (`identity.rs`).
#[derive(Serialize, Deserialize)]
pub struct PublisherPart {
    pub root: Bytes32,
    pub read_key: Bytes32,
    pub write_secret: Bytes32,
    pub write_generation: u32,
    pub signing: Bytes32,
    pub exchange: Bytes32,
}

impl Drop for PublisherPart {
    fn drop(&mut self) {
        self.read_key.zeroize();
        self.write_secret.zeroize();
        self.signing.zeroize();
        self.exchange.zeroize();
    }
}

fn aad(group_id: &str, role: &str, server: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(LABEL.len() + group_id.len() + role.len() + server.len() + 3);
    for part in [LABEL, group_id, role, server] {
        aad.extend_from_slice(part.as_bytes());
        aad.push(0);
    }
    aad
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

/// Seals `plain` for the row of `group_id` with `role` and `server`.
pub(super) fn seal(key: &MembershipKey, group_id: &str, role: MembershipRole, server: &str, plain: &[u8]) -> String {
    use base64::Engine as _;
    b64().encode(crypto::seal(&key.0, &aad(group_id, role.code(), server), plain))
}

/// Seals a member's invite parts for the row of `group_id`.
pub fn seal_member(key: &MembershipKey, group_id: &str, invite: &Invite) -> String {
    let part = MemberPart { charter_hash: invite.charter_hash, epoch: invite.epoch, read_key: invite.read_key };
    let plain = Zeroizing::new(codec::encode(&part));
    seal(key, group_id, MembershipRole::Member, &invite.server, &plain)
}

/// Why a row's sealed blob was refused: the field named, nothing of its content.
fn refused(reason: &str) -> GroupsFailure {
    GroupError::invalid("group_memberships.sealed", reason).into()
}

/// Opens the blob of `row`, which must be a `role` row. A changed byte, a blob moved from another row or
/// server, or one sealed under another account's key is refused, naming the field.
fn open(key: &MembershipKey, row: &Membership, role: MembershipRole) -> Outcome<Zeroizing<Vec<u8>>> {
    use base64::Engine as _;
    if MembershipRole::parse(&row.role) != Some(role) {
        return Err(GroupError::invalid("group_memberships.role", format!("is not a {} row", role.code())).into());
    }
    if row.sealed.len() > MAX_SEALED_BYTES * 2 {
        return Err(refused("is too long"));
    }
    let sealed = b64().decode(&row.sealed).map_err(|_| refused("is not base64url"))?;
    let plain = crypto::open(&key.0, &aad(&row.group_id, &row.role, &row.server), &sealed)
        .map_err(|_| refused("does not open: it was changed, or sealed for another account"))?;
    Ok(Zeroizing::new(plain))
}

/// Opens a member's row: the invite it was made from.
pub fn open_member(key: &MembershipKey, row: &Membership) -> Outcome<Invite> {
    let plain = open(key, row, MembershipRole::Member)?;
    let part: MemberPart =
        codec::decode(&plain, "membership", MAX_SEALED_BYTES).map_err(|_| refused("is not a membership"))?;
    Ok(Invite {
        server: row.server.clone(),
        charter_hash: part.charter_hash,
        epoch: part.epoch,
        read_key: part.read_key,
    })
}

/// Opens an owner's row: the backup payload it carries, checked as a restore checks one (`backup.rs`).
pub fn open_owner(key: &MembershipKey, row: &Membership) -> Outcome<super::backup::Opened> {
    let plain = open(key, row, MembershipRole::Owner)?;
    let opened = super::backup::open_payload(&plain, || refused("is not an owner's membership"))?;
    if mend_protocol::hex::encode(&opened.group_id) != row.group_id || opened.server != row.server {
        return Err(GroupError::invalid("group_memberships.group_id", "is not the group its keys are for").into());
    }
    Ok(opened)
}

/// Opens a publisher's row: her keys, to be verified against the group's server before anything is kept.
pub fn open_publisher(key: &MembershipKey, row: &Membership) -> Outcome<PublisherPart> {
    let plain = open(key, row, MembershipRole::Publisher)?;
    codec::decode(&plain, "membership", MAX_SEALED_BYTES).map_err(|_| refused("is not a publisher's membership"))
}
