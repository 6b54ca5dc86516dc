//! A member following a joined private group's roster chain at refresh: each version after the one held, in
//! order, its signer an owner of the charter in force (read first from the current epoch's mailbox) or one who
//! handed the group over, applied with [`RosterFollow`]; a version that does not open or verify is passed over
//! once a later one follows it (refused while it is the newest). A new epoch gives a new
//! read key: the new epoch's mailbox is read and verified from the pinned hash of charter version 1, and must
//! continue what this device verified (the same chain up to the charter held, never a lower charter version or
//! pack sequence). A version without this member means they were removed: the group stays on the device,
//! marked removed, with what was verified, and is no longer fetched. Everything is stored in one write, and only
//! once every version read has verified; a member offline through several epochs catches up in order.

use mend_protocol::groups::Channel;
use zeroize::Zeroizing;

use super::current;
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::follow;
use super::freshness;
use super::keys::mailbox_id;
use super::local;
use super::member::{VerifiedPack, verify_state};
use super::private::intake::intake_mailbox_id;
use super::private::roster;
use super::private::roster_follow::{RosterFollow, RosterStep};
use super::private_member::{PrivateRefreshed, member_secret};
use super::private_net;
use super::private_rows::{self, JoinedPrivate};
use super::secrets::GroupKeys;
use super::trust::GroupTrust;
use crate::crypto::Bytes32;
use crate::observe::Change;
use crate::sync::client::Client;
use crate::sync::transport::Transport;

impl Groups<'_> {
    /// Follows the joined private group `row`'s roster chain (see the module's documentation); `None` when
    /// nothing changed for this member.
    pub(crate) async fn follow_joined(
        &self,
        transport: &dyn Transport,
        row: &JoinedPrivate,
    ) -> Outcome<Option<PrivateRefreshed>> {
        let joined = self
            .core
            .store
            .read(|conn| Ok(local::joined_one(conn, &row.group_id)?))?
            .ok_or_else(|| GroupsFailure::NotFound("this group is no longer on this device".into()))?;
        let secret = member_secret(self.keys, &joined.trust.pinned)?;
        let mut client = Client::new(&joined.server, transport);
        let intake = intake_mailbox_id(&row.intake_public);
        let state = private_net::read_one(&mut client, &intake, 0, u64::from(row.roster_version)).await?;
        let mut writes: Vec<_> = state.charters.iter().filter(|w| w.channel == Channel::Charter).collect();
        writes.sort_by_key(|w| w.sequence);
        if writes.is_empty() {
            return Ok(None);
        }
        let mut chain = RosterFollow {
            group_id: joined.trust.group_id(),
            held_version: row.roster_version,
            epoch: row.epoch,
            in_group: true,
        };
        // A version signed by an owner added since this device last read the group verifies only under the charter
        // that added them: read the current epoch's charters first (a handover's, and whom it handed over from).
        // Should that mailbox no longer hold what this device verified (its pack expired), the charter held will do.
        let held_key = GroupKeys::new(self.keys, joined.trust.group_id()).read_key()?;
        let (mut trust, mut pack) = match self.read_epoch(&mut client, &joined.trust, &held_key).await {
            Ok(read) => read,
            Err(GroupsFailure::Network(error)) => return Err(GroupsFailure::Network(error)),
            Err(_) => (joined.trust.clone(), None),
        };
        let mut new_key: Option<Zeroizing<Bytes32>> = None;
        let mut removed = false;
        let last = writes.last().map(|w| w.sequence);
        for write in writes {
            let version = chain.held_version.checked_add(1).ok_or(GroupError::Malformed { what: "roster" })?;
            if write.sequence != u64::from(version) {
                return Err(
                    GroupError::refused("roster", "it is not the version after the one already received").into()
                );
            }
            // A version that does not open, or that no owner signed, was posted by someone who holds the write key
            // but is no owner (or damaged on the way): never applied. Once an owner's version follows it, it is
            // passed over (every owner's version carries the whole roster at its epoch); while it is the newest,
            // it is refused and read again next time.
            let opened = roster::open(&row.intake_public, version, &write.body);
            let verified =
                opened.as_ref().map_err(Clone::clone).and_then(|s| s.verify(&trust.charter, &trust.departed));
            let verified = match verified {
                Ok(verified) => verified,
                Err(refused) if last == Some(write.sequence) => return Err(refused.into()),
                Err(_) => {
                    chain.held_version = version;
                    continue;
                }
            };
            match chain.apply(verified, &secret)? {
                RosterStep::NewEpoch { read_key, .. } => {
                    let (next, newer) = self.read_epoch(&mut client, &trust, &read_key).await?;
                    trust = next;
                    pack = newer.or(pack);
                    new_key = Some(read_key);
                }
                RosterStep::Removed => {
                    removed = true;
                    break;
                }
                RosterStep::Unchanged | RosterStep::Approved { .. } | RosterStep::Declined => {}
            }
        }
        let (id, name) = (row.group_id.clone(), trust.charter.name.clone());
        let keys = GroupKeys::new(self.keys, trust.group_id());
        let old_key = keys.read_key().ok();
        if let Some(key) = &new_key {
            keys.set_read_key(key)?;
        }
        let (now, now_ms) = (self.core.clock.now(), self.now_ms());
        let written = self.core.store.write(|tx| {
            let mut tracked = 0;
            if new_key.is_some() {
                local::update_joined(tx, &id, &trust, pack.as_ref().map(|p| p.items.as_slice()), now_ms)?;
                if let Some(p) = &pack {
                    freshness::set_pack_expiry(tx, &id, p.expires_at)?;
                    tracked = follow::track(tx, &id, &joined.items, &p.items, now)?;
                }
            }
            if removed {
                private_rows::mark_removed(tx, &id, chain.held_version, now_ms)?;
            } else {
                private_rows::set_joined_private(tx, &id, &row.intake_public, chain.held_version, chain.epoch)?;
            }
            Ok(tracked)
        });
        let tracked = match written {
            Ok(tracked) => tracked,
            Err(error) => {
                if let (Some(_), Some(old)) = (&new_key, old_key) {
                    keys.set_read_key(&old)?;
                }
                return Err(error.into());
            }
        };
        if pack.is_some() {
            self.core.notify(&[Change::Library]);
        }
        if tracked > 0 {
            self.core.notify(&[Change::Reminders]);
        }
        Ok(if removed {
            Some(PrivateRefreshed::Removed { id, name })
        } else {
            new_key.map(|_| PrivateRefreshed::NewEpoch { id, name, epoch: chain.epoch })
        })
    }

    /// Reads the mailbox of the epoch whose key is `read_key` and verifies it continues `trust`: the chain from
    /// the pinned root holds the charter already verified, and anything newer is taken as a refresh takes it.
    async fn read_epoch(
        &self,
        client: &mut Client<'_>,
        trust: &GroupTrust,
        read_key: &Bytes32,
    ) -> Outcome<(GroupTrust, Option<VerifiedPack>)> {
        let mut state = private_net::read_one(client, &mailbox_id(read_key), 0, 0).await?;
        let whole = current::verify(&trust.pinned, read_key, &state)?;
        let held = usize::try_from(trust.charter.version).unwrap_or(usize::MAX);
        let continues = whole.chain.get(held.wrapping_sub(1)).is_some_and(|c| c.hash() == trust.charter_hash)
            && whole.pack_sequence >= trust.pack_sequence;
        if !continues {
            return Err(GroupError::refused(
                "group",
                "the new epoch's mailbox does not continue what this device verified",
            )
            .into());
        }
        state.charters.retain(|w| w.sequence > u64::from(trust.charter.version));
        state.pack = state.pack.filter(|w| w.sequence > trust.pack_sequence);
        Ok(verify_state(trust, read_key, &state, self.core.clock.now())?)
    }
}
