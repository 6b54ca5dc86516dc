//! A publisher's membership rows (`super::memberships`, role `publisher`): the groups a person publishes to
//! without owning them follow her to her other devices. Her row seals her publisher keys, the group's root (the
//! hash of charter version 1) and her moderator key, which the charter lists as the publisher (`identity.rs`).
//!
//! - Taking up ([`Groups::take_up_publisher`], from `membership_sync.rs`): the group is read from its server and
//!   its charter chain verified from the root, exactly as accepting her hand-off link does, and the charter must
//!   still list her key; only then are the keys and the group kept. A device that already has a moderator key of
//!   its own keeps it and is refused (an owner can add that key too), so no device's key is ever replaced.
//! - Settling ([`Groups::settle_publishing`]): a group published to here with no row gets one; one whose row was
//!   deleted elsewhere (she was removed, or became an owner) is forgotten here; when her keys were renewed (a new
//!   link accepted after the write key rotated), the newer write generation wins: sealed into the row where it
//!   was accepted, taken from the row on her other devices.

use mend_protocol::hex;
use zeroize::Zeroizing;

use super::current;
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::identity::Identity;
use super::local::OwnedRow;
use super::membership_sync::{Reconciled, unless_missing};
use super::memberships::{self, Membership, MembershipKey, MembershipRole, PublisherPart, Stored};
use super::moderation_rows;
use super::publisher_keys::PublisherKeys;
use crate::crypto::SigningKey;
use crate::sync::transport::{Transport, check_server};

impl Groups<'_> {
    /// Takes up a publisher's row made on another of the person's devices (see the module documentation).
    /// Gives the group's name.
    pub(crate) async fn take_up_publisher(
        &self,
        transport: &dyn Transport,
        key: &MembershipKey,
        row: &Membership,
    ) -> Outcome<String> {
        let part = memberships::open_publisher(key, row)?;
        let identity =
            Identity { signing: SigningKey::from_secret(&part.signing), exchange: Zeroizing::new(part.exchange) };
        let mine = Identity::load(self.keys)?;
        if mine.as_ref().is_some_and(|mine| mine.signing.public() != identity.signing.public()) {
            return Err(GroupsFailure::Conflict(
                "this device has a moderator key of its own; ask an owner of the group to add it as a publisher, \
                 or publish from the device where you accepted the link"
                    .into(),
            ));
        }
        let server =
            check_server(&row.server).map_err(|e| GroupError::invalid("group_memberships.server", e.to_string()))?;
        let current = current::read(transport, &server, &part.root, &part.read_key).await?;
        let charter = &current.trust.charter;
        if hex::encode(&charter.group_id) != row.group_id {
            return Err(GroupError::invalid("group_memberships.group_id", "is not the group its keys lead to").into());
        }
        if charter.publisher(&identity.signing.public()).is_none() {
            return Err(
                GroupError::refused("membership", "the group's charter no longer lists you as a publisher").into()
            );
        }
        if mine.is_none() {
            identity.store(self.keys)?;
        }
        let keys = PublisherKeys {
            read_key: part.read_key,
            write_secret: part.write_secret,
            write_generation: part.write_generation,
        };
        keys.store(self.keys, &charter.group_id)?;
        let group = OwnedRow {
            group_id: row.group_id.clone(),
            server,
            charters: current.chain.clone(),
            pack_sequence: current.pack_sequence,
        };
        let now_ms = self.now_ms();
        let stored = self.core.store.write(|tx| {
            moderation_rows::upsert_publishing(tx, &group, now_ms)?;
            Ok(memberships::mark_seen(tx, &row.group_id, MembershipRole::Publisher, row.updated_at)?)
        });
        if let Err(error) = stored {
            PublisherKeys::forget(self.keys, &charter.group_id)?;
            return Err(error.into());
        }
        Ok(charter.name.clone())
    }

    /// Follows the publisher rows for the groups this device publishes to (see the module documentation).
    pub(crate) fn settle_publishing(&self, key: &MembershipKey, rows: &[Stored], out: &mut Reconciled) -> Outcome<()> {
        let publishing = self.core.store.read(|conn| Ok(moderation_rows::publishing(conn)?))?;
        for group in &publishing {
            let root = group.charters.first().ok_or(GroupError::Malformed { what: "charter" })?;
            let group_key = root.charter()?.group_id;
            let row = rows.iter().find(|r| r.row.group_id == group.group_id);
            let removed = match row {
                Some(stored) if stored.deleted => self
                    .core
                    .store
                    .read(|conn| Ok(memberships::newer_than_seen(conn, stored, MembershipRole::Publisher)?))?,
                _ => false,
            };
            match row {
                Some(stored) if !stored.deleted && stored.row.role == memberships::PUBLISHER => {
                    let Ok(part) = memberships::open_publisher(key, &stored.row) else {
                        // Sealed under an earlier account's key (sync turned off, then another account).
                        if unless_missing(self.seal_publisher_row(key, group))?.is_some() {
                            out.recorded += 1;
                        }
                        continue;
                    };
                    let Some(here) = unless_missing(PublisherKeys::load(self.keys, &group_key))? else { continue };
                    if here.write_generation > part.write_generation {
                        self.seal_publisher_row(key, group)?;
                        out.recorded += 1;
                    } else if part.write_generation > here.write_generation {
                        let renewed = PublisherKeys {
                            read_key: part.read_key,
                            write_secret: part.write_secret,
                            write_generation: part.write_generation,
                        };
                        renewed.store(self.keys, &group_key)?;
                        out.renewed += 1;
                    }
                }
                Some(stored) if !stored.deleted => {}
                Some(_) if removed => {
                    let name = group.charters.last().map(|c| c.charter()).transpose()?.map(|c| c.name);
                    self.core.store.write(|tx| Ok(moderation_rows::remove_publishing(tx, &group.group_id)?))?;
                    PublisherKeys::forget(self.keys, &group_key)?;
                    out.left.push(name.unwrap_or_default());
                }
                _ => {
                    if unless_missing(self.seal_publisher_row(key, group))?.is_some() {
                        out.recorded += 1;
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes the publisher row of `group` from this device's keys.
    fn seal_publisher_row(&self, key: &MembershipKey, group: &OwnedRow) -> Outcome<()> {
        let root = group.charters.first().ok_or(GroupError::Malformed { what: "charter" })?;
        let keys = PublisherKeys::load(self.keys, &root.charter()?.group_id)?;
        let identity = Identity::load(self.keys)?
            .ok_or(GroupsFailure::KeysMissing("ask an owner of the group for a new publisher link"))?;
        let part = PublisherPart {
            root: root.hash(),
            read_key: keys.read_key,
            write_secret: keys.write_secret,
            write_generation: keys.write_generation,
            signing: identity.signing.secret(),
            exchange: *identity.exchange,
        };
        let now = self.core.clock.now();
        self.core
            .store
            .write(|tx| Ok(memberships::record_publisher(tx, key, &group.group_id, &group.server, &part, now)?))?;
        Ok(())
    }
}
