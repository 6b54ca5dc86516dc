//! Withdrawing an item: the group's current pack, read from the server and verified, is published again with
//! the next sequence, the item marked withdrawn and its version raised, signed by this device's owner key. Members
//! keep it (so a later pack can't quietly bring it back as new) but stop showing it after their next refresh,
//! and it leaves their Library shelf.

use mend_protocol::groups::Channel;
use serde::Serialize;

use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::keys::mailbox_id;
use super::network;
use super::owner::PACK_VALID;
use super::pack::Pack;
use super::secrets::GroupKeys;
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// An item just withdrawn.
#[derive(Debug, Clone, Serialize)]
pub struct Withdrawn {
    pub group_id: String,
    pub item: String,
    /// The pack that carries the withdrawal.
    pub sequence: u64,
}

impl Groups<'_> {
    /// Withdraws the item `item` (its id) from the owned group `group`'s current pack.
    pub async fn withdraw(&self, transport: &dyn Transport, group: Option<&str>, item: &str) -> Outcome<Withdrawn> {
        let (row, current, secrets) = self.owned_current(transport, group).await?;
        let charter = &current.trust.charter;
        let owner = GroupKeys::new(self.keys, charter.group_id).owner_signing()?;
        let Some(mut pack) = current.pack.clone() else {
            return Err(GroupsFailure::NotFound("the group has not published anything yet".into()));
        };
        let found = pack.items.iter_mut().find(|i| i.id == item.trim()).ok_or_else(|| {
            GroupsFailure::NotFound(
                "the group's current pack has no item with that id (the `id:` of an item file in the pack folder)"
                    .into(),
            )
        })?;
        if found.withdrawn {
            return Err(GroupsFailure::Conflict("that item is already withdrawn".into()));
        }
        found.withdrawn = true;
        found.version = found.version.saturating_add(1);
        let Some(publisher) = charter.publisher(&owner.public()) else {
            return Err(GroupsFailure::Conflict("this device's owner key is not a publisher of the group".into()));
        };
        if let Some(outside) = pack.items.iter().find(|i| !publisher.scopes.contains(&i.kind())) {
            return Err(GroupError::invalid(
                format!("items.{}", outside.id),
                format!("you may not publish a {}: it is outside your scope", outside.kind().code()),
            )
            .into());
        }
        let now = self.core.clock.now();
        pack.sequence = current.pack_sequence.max(row.pack_sequence) + 1;
        pack.charter_version = charter.version;
        pack.publisher = owner.public();
        pack.issued_at = now;
        pack.expires_at = (now + PACK_VALID).min(charter.expires_at);
        let sequence =
            self.post_pack(transport, &row.server, &secrets.write_key(), &secrets.read_key, &owner, pack).await?;
        self.core.store.write(|tx| Ok(super::local::raise_pack_sequence(tx, &row.group_id, sequence)?))?;
        Ok(Withdrawn { group_id: row.group_id, item: item.trim().to_owned(), sequence })
    }

    /// Signs, seals and posts `pack` on the Pack channel; a server already holding a newer pack is answered by
    /// posting above it, once. Gives the sequence posted.
    pub(crate) async fn post_pack(
        &self,
        transport: &dyn Transport,
        server: &str,
        write_key: &crate::crypto::SigningKey,
        read_key: &crate::crypto::Bytes32,
        publisher: &crate::crypto::SigningKey,
        mut pack: Pack,
    ) -> Outcome<u64> {
        let mailbox = mailbox_id(read_key);
        let mut client = Client::new(server, transport);
        let mut retried = false;
        loop {
            let sealed = pack.seal(publisher, read_key)?;
            let write = network::signed_write(
                &mailbox,
                write_key,
                Channel::Pack,
                pack.sequence,
                pack.expires_at.timestamp(),
                sealed,
            );
            match network::post(&mut client, &mailbox, &write).await {
                Ok(()) => return Ok(pack.sequence),
                Err(GroupsFailure::Newer { current, .. }) if !retried => {
                    retried = true;
                    pack.sequence = current + 1;
                }
                Err(other) => return Err(other),
            }
        }
    }
}
