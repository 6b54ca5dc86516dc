//! An owner removes a member of a private group ([`Groups::remove_member`]), which starts a new epoch: a new
//! random read key, so a new group mailbox (its id derives from the key) created with the current write key; the
//! charter chain posted to it (each version sealed under the new key, in order) and the current pack sealed
//! again under it, its signatures unchanged; the owner's read key updated in the key store; the next roster
//! version, one epoch on, wrapping the new key to each remaining approved member; then the desk. The removed
//! member keeps what they already saw and receives nothing new. Meetings' passcodes and links were in what
//! they saw: the result names the meetings whose passcodes and links the moderators should change.

use mend_protocol::groups::Channel;
use serde::Serialize;

use super::charter_box;
use super::current::Current;
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::items::ItemKind;
use super::keys::GroupSecrets;
use super::keys::mailbox_id;
use super::local::OwnedRow;
use super::moderation_rows;
use super::network;
use super::pack;
use super::posting::opened;
use super::private::desk::Desk;
use super::private::desk::Status;
use super::private_desk_io;
use super::private_moderation::{
    MemberEntry, Moderating, Who, entry, position, post_roster, removal_on_its_way, staying,
};
use super::private_net;
use super::secrets::GroupKeys;
use crate::crypto;
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// A member just removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedMember {
    pub member: MemberEntry,
    /// The epoch the group is now at.
    pub epoch: u32,
    /// The titles of the group's meetings: the removed member saw their passcodes and links, which the
    /// moderators should change.
    pub meetings: Vec<String>,
}

impl Groups<'_> {
    /// Removes the member `member_id` (as `members` shows it) from the private group `group` (owners only).
    pub async fn remove_member(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        member_id: &str,
    ) -> Outcome<RemovedMember> {
        let mut at = self.moderating(transport, group, Who::Owners).await?;
        let (row, current, mut secrets) = at.owned.take().ok_or(GroupsFailure::Conflict(
            "only the group's owners approve, decline or remove members: ask an owner".into(),
        ))?;
        let mut client = Client::new(&at.server, transport);
        let mut desk = private_desk_io::read(&mut client, &at.hand()).await?;
        let index = position(&desk, member_id)?;
        // Who stays comes from the newest version an owner signed, less the member removed.
        let (epoch, mut approved) = staying(&mut client, &at, &desk).await?;
        let key = desk.roster[index].member_key;
        approved.retain(|k| *k != key);
        if desk.roster[index].status == Status::Removed && epoch < desk.epoch {
            // An earlier removal whose desk was written but whose roster version was not posted: post it now.
            post_roster(&mut client, &at, &desk, &approved, self.core.clock.now().timestamp()).await?;
            let removed = entry(&desk.roster[index]);
            return Ok(RemovedMember { member: removed, epoch: desk.epoch, meetings: meetings(&current) });
        }
        if epoch != desk.epoch {
            return Err(removal_on_its_way());
        }
        let chosen = &mut desk.roster[index];
        if chosen.status != Status::Approved {
            return Err(GroupsFailure::Conflict(
                "only someone in the group can be removed; a request still waiting is declined instead".into(),
            ));
        }
        let now = self.core.clock.now().timestamp();
        chosen.status = Status::Removed;
        chosen.changed_at = now;
        let removed = entry(chosen);
        let written = self.start_epoch(&mut client, &at, &row, &current, &mut secrets, desk).await?;
        post_roster(&mut client, &at, &written, &approved, now).await?;
        Ok(RemovedMember { member: removed, epoch: written.epoch, meetings: meetings(&current) })
    }

    /// Starts the next epoch of the group `at` moderates (this device owns it: `row`, `current`, `secrets`): a new
    /// read key and mailbox holding the charter chain and the current pack sealed under it, the owner's read key
    /// replaced, and `desk` written at the next epoch with the new key. Gives the desk as written; the caller
    /// posts the roster version that wraps the new key to the members who stay.
    pub(super) async fn start_epoch(
        &self,
        client: &mut Client<'_>,
        at: &Moderating,
        row: &OwnedRow,
        current: &Current,
        secrets: &mut GroupSecrets,
        mut desk: Desk,
    ) -> Outcome<Desk> {
        let group_id = current.trust.charter.group_id;

        // The new epoch's mailbox, holding the chain and the current pack sealed under the new key.
        let old_key = secrets.read_key;
        let new_key = crypto::random::<32>();
        let (old_mailbox, new_mailbox) = (mailbox_id(&old_key), mailbox_id(&new_key));
        network::create_mailbox(client, &new_mailbox, &at.write_key).await?;
        let expires_at = current.trust.charter.expires_at.timestamp();
        for signed in &current.chain {
            let version = u64::from(signed.charter()?.version);
            let sealed = charter_box::seal(&new_key, &new_mailbox, signed);
            let write =
                network::signed_write(&new_mailbox, &at.write_key, Channel::Charter, version, expires_at, sealed);
            network::post(client, &new_mailbox, &write).await?;
        }
        let chain_held = u64::from(current.trust.charter.version);
        let old = private_net::read_one(client, &old_mailbox, 0, chain_held).await?;
        if let Some(write) = old.pack.filter(|w| w.channel == Channel::Pack) {
            let sealed = pack::reseal(&group_id, &old_key, &new_key, &write.body)?;
            let moved = network::signed_write(
                &new_mailbox,
                &at.write_key,
                Channel::Pack,
                write.sequence,
                write.expires_at,
                sealed,
            );
            network::post(client, &new_mailbox, &moved).await?;
        }
        // The desk first: if it cannot be written, nothing of the new epoch is in force (the new mailbox is
        // left unused), and the roster is never at an epoch the desk is not.
        desk.epoch = desk.epoch.checked_add(1).ok_or(GroupError::invalid("desk.epoch", "is too high"))?;
        desk.read_key = new_key;
        desk.sequence += 1;
        let written = private_desk_io::write(client, &at.hand(), desk).await?;
        secrets.read_key = written.read_key;
        GroupKeys::new(self.keys, group_id).set_secrets(secrets)?;
        self.core.store.write(|tx| {
            // A backup made before holds the old read key: say so until a new one.
            moderation_rows::backup_outdated(tx, &row.group_id)?;
            Ok(super::private_rows::set_owned_epoch(tx, &row.group_id, written.epoch)?)
        })?;
        Ok(written)
    }
}

/// The titles of the group's meetings (whose passcodes and links a removed member saw).
pub(super) fn meetings(current: &Current) -> Vec<String> {
    opened(current)
        .iter()
        .flat_map(|section| section.items.iter())
        .filter(|item| item.kind() == ItemKind::Meeting && !item.withdrawn)
        .map(|item| item.title().to_owned())
        .collect()
}
