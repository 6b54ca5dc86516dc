//! The member's side of a private group. [`Groups::request_join`] makes an X25519 key for the group (kept in the
//! key store), seals a join request — that key, the display name chosen and a random id — to the intake key, posts
//! it to the join inbox and records the request on this device. [`Groups::refresh_private`] reads, for each
//! request still waiting, the intake mailbox's roster chain after the version held, in order: a version naming
//! this member gives the read key, the group is read and its charter chain verified from the pinned hash as
//! joining an open group does, the version's signer must be an owner of the charter in force, and only then is
//! the group stored (joined, with its roster version and epoch) and the request forgotten, in one write. A
//! version declining the request marks it declined and nothing of the group is stored, but the member's key is
//! kept and the request still followed: the decline cannot be verified without the read key. Joined private groups are followed in the same call (`private_follow.rs`).

use mend_protocol::groups::Channel;
use mend_protocol::hex;
use serde::Serialize;
use zeroize::Zeroizing;

use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::freshness;
use super::invite::{Link, parse_link};
use super::local::{self, JoinedRow};
use super::private::hpke_seal;
use super::private::intake::intake_mailbox_id;
use super::private::request::{self, JoinRequest};
use super::private::roster;
use super::private::roster_follow::{RosterFollow, RosterStep};
use super::private_net;
use super::private_rows::{self, RequestStatus, RequestedRow};
use super::secrets::GroupKeys;
use crate::crypto::{self, Bytes32};
use crate::observe::Change;
use crate::sync::client::Client;
use crate::sync::keystore::KeyStore;
use crate::sync::transport::{Transport, check_server};

/// What a person sees when their request was declined.
pub const DECLINED_WORDS: &str = "The group's moderators did not approve this request.";
/// What a person sees while their request waits.
pub const WAITING_WORDS: &str =
    "Your request is with the group's moderators. You will see the group here once they approve it.";

/// What a person sees when they were removed from a group.
pub const REMOVED_WORDS: &str = "You are no longer in this group. What you saw before stays on this device.";

/// A request to join just sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requested {
    /// The request's id on this device: the hash of the group's charter version 1 (hex).
    pub request: String,
    pub display_name: String,
}

/// What reading a private group's roster chain found, for a request to join or a group joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PrivateRefreshed {
    /// Approved: the group is joined and its items verified.
    Approved { request: String, id: String, name: String, items: usize },
    /// Declined ([`DECLINED_WORDS`]); nothing of the group is stored.
    Declined { request: String },
    /// Still with the moderators ([`WAITING_WORDS`]).
    Waiting { request: String },
    /// A joined group moved to a new epoch (someone was removed): it is read with the new key from now on.
    NewEpoch { id: String, name: String, epoch: u32 },
    /// This member was removed from a joined group ([`REMOVED_WORDS`]): what was verified stays on this device
    /// and nothing newer is fetched.
    Removed { id: String, name: String },
    /// Something came that did not verify: nothing was stored, and the next refresh tries again. `id`: the
    /// group's id, or for a request the hash of the group's charter version 1.
    Refused { id: String, reason: String },
    /// The server could not be reached: the next refresh tries again.
    Unreachable { id: String, reason: String },
}

impl PrivateRefreshed {
    /// Gentle words for the person, where the outcome has them.
    pub fn words(&self) -> Option<&'static str> {
        match self {
            PrivateRefreshed::Declined { .. } => Some(DECLINED_WORDS),
            PrivateRefreshed::Waiting { .. } => Some(WAITING_WORDS),
            PrivateRefreshed::Removed { .. } => Some(REMOVED_WORDS),
            _ => None,
        }
    }
}

fn key_name(root: &Bytes32) -> String {
    format!("group-member/{}", hex::encode(root))
}

/// The person's X25519 secret for the group whose charter version 1 hashes to `root`.
pub(crate) fn member_secret(store: &dyn KeyStore, root: &Bytes32) -> Outcome<Zeroizing<Bytes32>> {
    let missing = || GroupsFailure::KeysMissing("ask to join the group again from its link");
    let value = store.get(&key_name(root))?.ok_or_else(missing)?;
    let secret: Bytes32 = value.as_slice().try_into().map_err(|_| missing())?;
    Ok(Zeroizing::new(secret))
}

/// A failure as an outcome for `id` (the journal's failures stop the refresh).
fn outcome(id: String, result: Outcome<Option<PrivateRefreshed>>) -> Outcome<Option<PrivateRefreshed>> {
    match result {
        Ok(outcome) => Ok(outcome),
        Err(GroupsFailure::Network(error)) => Ok(Some(PrivateRefreshed::Unreachable { id, reason: error.to_string() })),
        Err(GroupsFailure::Journal(error)) => Err(GroupsFailure::Journal(error)),
        Err(other) => Ok(Some(PrivateRefreshed::Refused { id, reason: other.to_string() })),
    }
}

/// Forgets the person's key for the group whose charter version 1 hashes to `root` (they left, or their request
/// was declined).
pub(crate) fn forget_member_secret(store: &dyn KeyStore, root: &Bytes32) -> Outcome<()> {
    Ok(store.set(&key_name(root), &[])?)
}

impl Groups<'_> {
    /// Asks to join the private group a private invite names, under `display_name` (what the moderators see).
    pub async fn request_join(&self, transport: &dyn Transport, link: &str, display_name: &str) -> Outcome<Requested> {
        let Link::Private(invite) = parse_link(link)? else {
            return Err(GroupsFailure::Conflict("this invite is for an open group: join it directly".into()));
        };
        let server = check_server(&invite.server).map_err(|e| GroupError::invalid("invite.server", e.to_string()))?;
        let root = invite.charter_hash;
        let (asked, joined, moderated) = self.core.store.read(|conn| {
            let asked = private_rows::requested(conn)?.iter().any(|r| r.root_hash == root);
            let joined = local::joined(conn)?.iter().any(|r| r.trust.pinned == root);
            let moderated = local::owned(conn)?
                .into_iter()
                .chain(super::moderation_rows::publishing(conn)?)
                .any(|g| g.charters.first().is_some_and(|c| c.hash() == root));
            Ok((asked, joined, moderated))
        })?;
        if asked {
            return Err(GroupsFailure::Conflict("you have already asked to join this group".into()));
        }
        if joined {
            return Err(GroupsFailure::Conflict("you have already joined this group".into()));
        }
        if moderated {
            return Err(GroupsFailure::Conflict("you moderate this group on this device".into()));
        }
        let secret = Zeroizing::new(crypto::random::<32>());
        let request = JoinRequest::new(hpke_seal::public_of(&secret), display_name, self.core.clock.now().timestamp())?;
        let sealed = request::seal(&invite.intake_public, &request)?;
        self.keys.set(&key_name(&root), &secret[..])?;
        let mut client = Client::new(&server, transport);
        if let Err(error) =
            private_net::post_request(&mut client, &intake_mailbox_id(&invite.intake_public), sealed).await
        {
            self.keys.set(&key_name(&root), &[])?;
            return Err(error);
        }
        let row = RequestedRow {
            root_hash: root,
            server,
            intake_public: invite.intake_public,
            display_name: request.display_name.clone(),
            requested_at: self.now_ms(),
            roster_version: 0,
            status: RequestStatus::Waiting,
        };
        self.core.store.write(|tx| Ok(private_rows::insert_requested(tx, &row)?))?;
        Ok(Requested { request: hex::encode(&root), display_name: request.display_name })
    }

    /// Reads the roster chain of every private group on this device: each request still waiting (joining the
    /// groups that approved it), and each joined group the member is still in (following new epochs, or learning
    /// they were removed: `private_follow.rs`). [`Groups::refresh`] runs it first too, so a joined group is read
    /// with the key of its current epoch; this call is the one that reports what happened.
    pub async fn refresh_private(&self, transport: &dyn Transport) -> Outcome<Vec<PrivateRefreshed>> {
        let (rows, joined) =
            self.core.store.read(|conn| Ok((private_rows::requested(conn)?, private_rows::joined_private(conn)?)))?;
        let mut out = Vec::new();
        // A declined request is still followed: the decline could not be verified (a requesting member holds no
        // read key, so cannot read the charter that says who the owners are), so the key is kept for a version
        // that names them.
        for row in &rows {
            let followed = self.follow_request(transport, row).await.map(|step| {
                // A declined request already reported stays quiet until a version names the member.
                let quiet = row.status == RequestStatus::Declined && matches!(step, PrivateRefreshed::Waiting { .. });
                (!quiet).then_some(step)
            });
            out.extend(outcome(hex::encode(&row.root_hash), followed)?);
        }
        for row in joined.iter().filter(|r| !r.removed) {
            out.extend(outcome(row.group_id.clone(), self.follow_joined(transport, row).await)?);
        }
        Ok(out)
    }

    async fn follow_request(&self, transport: &dyn Transport, row: &RequestedRow) -> Outcome<PrivateRefreshed> {
        let request = hex::encode(&row.root_hash);
        let mailbox = intake_mailbox_id(&row.intake_public);
        let mut client = Client::new(&row.server, transport);
        let state = private_net::read_one(&mut client, &mailbox, 0, u64::from(row.roster_version)).await?;
        let mut writes: Vec<_> = state.charters.iter().filter(|w| w.channel == Channel::Charter).collect();
        writes.sort_by_key(|w| w.sequence);
        let secret = member_secret(self.keys, &row.root_hash)?;
        let mine = hpke_seal::public_of(&secret);
        let mut held = row.roster_version;
        let last = writes.last().map(|w| w.sequence);
        for write in writes {
            let newest = last == Some(write.sequence);
            let version = held.checked_add(1).ok_or(GroupError::Malformed { what: "roster" })?;
            if write.sequence != u64::from(version) {
                return Err(
                    GroupError::refused("roster", "it is not the version after the one already received").into()
                );
            }
            // A version that does not open, or names this member but does not verify, was posted by someone who is
            // no owner (or damaged): passed over once a later version follows it, refused while it is the newest.
            let signed = match roster::open(&row.intake_public, version, &write.body) {
                Ok(signed) => signed,
                Err(refused) if newest => return Err(refused.into()),
                Err(_) => {
                    held = version;
                    continue;
                }
            };
            let unverified = signed.unverified();
            if let Some(read_key) = unverified.find(&secret) {
                match self.join_approved(transport, row, &signed, &secret, &read_key).await? {
                    Some(joined) => return Ok(joined),
                    None if newest => {
                        return Err(GroupError::refused("roster", "its signer is not an owner of the group").into());
                    }
                    None => {}
                }
            }
            if row.status == RequestStatus::Waiting && unverified.declined_me(&mine) {
                // Unverified: reported and marked, but the member's key stays until they leave the request.
                self.core.store.write(|tx| {
                    Ok(private_rows::set_requested(tx, &row.root_hash, version, RequestStatus::Declined)?)
                })?;
                return Ok(PrivateRefreshed::Declined { request });
            }
            held = version;
        }
        if held != row.roster_version {
            self.core.store.write(|tx| Ok(private_rows::set_requested(tx, &row.root_hash, held, row.status)?))?;
        }
        Ok(PrivateRefreshed::Waiting { request })
    }

    /// The roster version `signed` names this member: read and verify the group with the read key it gives, check
    /// an owner of the charter in force signed the version, then store the group and forget the request. `None`
    /// when no owner signed it (passed over: the chain goes on).
    async fn join_approved(
        &self,
        transport: &dyn Transport,
        row: &RequestedRow,
        signed: &roster::SignedRoster,
        secret: &Bytes32,
        read_key: &Bytes32,
    ) -> Outcome<Option<PrivateRefreshed>> {
        // A key that reads no group, or a version no owner signed: posted by someone who holds the write key but
        // is no owner. Passed over: the next owner's version names this member if they were approved.
        let (trust, pack) = match self.fetch_verified(transport, &row.server, &row.root_hash, read_key).await {
            Ok(fetched) => fetched,
            Err(GroupsFailure::Network(error)) => return Err(GroupsFailure::Network(error)),
            Err(GroupsFailure::Journal(error)) => return Err(GroupsFailure::Journal(error)),
            Err(_) => return Ok(None),
        };
        let Ok(version) = signed.verify(&trust.charter, &trust.departed) else { return Ok(None) };
        let mut follow =
            RosterFollow { group_id: trust.group_id(), held_version: version.version - 1, epoch: 0, in_group: false };
        let RosterStep::Approved { epoch, read_key: given } = follow.apply(version, secret)? else {
            return Err(GroupError::refused("roster", "it does not give this device the group's key").into());
        };
        if *given != *read_key {
            return Err(GroupError::refused("roster", "it does not give this device the group's key").into());
        }
        let id = hex::encode(&trust.group_id());
        let already = self.core.store.read(|conn| Ok(local::joined_one(conn, &id)?))?;
        if already.is_some() {
            return Err(GroupsFailure::Conflict("you have already joined this group".into()));
        }
        GroupKeys::new(self.keys, trust.group_id()).set_read_key(read_key)?;
        let expires_at = pack.as_ref().map(|p| p.expires_at);
        let joined = JoinedRow {
            group_id: id.clone(),
            server: row.server.clone(),
            trust,
            items: pack.map(|p| p.items).unwrap_or_default(),
        };
        let now_ms = self.now_ms();
        let written = self.core.store.write(|tx| {
            local::insert_joined(tx, &joined, now_ms)?;
            private_rows::set_joined_private(tx, &id, &row.intake_public, follow.held_version, epoch)?;
            if let Some(at) = expires_at {
                freshness::set_pack_expiry(tx, &id, at)?;
            }
            private_rows::remove_requested(tx, &row.root_hash)?;
            Ok(())
        });
        if let Err(error) = written {
            GroupKeys::new(self.keys, joined.trust.group_id()).forget_read_key()?;
            return Err(error.into());
        }
        self.core.notify(&[Change::Library]);
        Ok(Some(PrivateRefreshed::Approved {
            request: hex::encode(&row.root_hash),
            id,
            name: joined.trust.charter.name.clone(),
            items: joined.items.iter().filter(|i| !i.withdrawn).count(),
        }))
    }
}
