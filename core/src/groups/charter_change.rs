//! Putting a new charter in force on an owned group, shared by adding or removing a publisher and by the
//! charter flow across phones: the change is checked exactly as members will check it (the next version, the
//! previous charter's hash, a threshold of the old owners and of the new), then — when the charter names a new
//! mailbox write key, as it does when someone is removed — the write key is rotated on the server (signed by the
//! current key, and for a private group its intake and moderators' mailboxes too; the new generation reaches
//! the key store first), the charter is sealed and posted on the Charter
//! channel, and the longer chain is stored. A private group's desk is first sealed again to the old and new
//! charters' moderators together; when someone leaves, the group then moves to a new epoch (`private_rekey.rs`). A charter change also renews the group's validity.

use chrono::{DateTime, Utc};
use mend_protocol::groups::{Channel, WriteKeyChange};
use mend_protocol::{accounts::Done, hex, routes, signing};
use serde::Serialize;

use super::charter::{Charter, SignedCharter};
use super::charter_box;
use super::current::Current;
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::keys::{GroupSecrets, mailbox_id};
use super::local::OwnedRow;
use super::moderation_rows;
use super::network;
use super::owner::CHARTER_VALID;
use super::private::desk;
use super::private::intake::{intake_mailbox_id, moderators_mailbox_id};
use super::private_desk_io::{self, DeskHand};
use super::private_rows;
use super::repost::Followed;
use super::secrets::GroupKeys;
use super::sections::Dropped;
use crate::crypto::Bytes32;
use crate::sync::client::{Client, Method};
use crate::sync::transport::Transport;

/// What became of the group's pack when a charter change was put in force (`repost.rs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PackAfterChange {
    /// The pack is under the new charter (posted again, or there was none). False when the post failed, or when
    /// this device handed the group over (the new owner posts it on accepting): until then members who join are
    /// refused.
    pub followed: bool,
    /// Other publishers' sections the post left out (a removed publisher's), whose and why.
    pub dropped: Vec<Dropped>,
    /// A private group that removed a publisher, or an owner who did not sign the change, moved to this new epoch
    /// (a read key they do not get: `private_rekey.rs`).
    pub new_epoch: Option<u32>,
    /// That move failed (the server could not be reached): the removed moderator can still read what is
    /// published until an owner runs `mend group rekey`.
    pub rekey_needed: bool,
}

/// The next version of `current`'s charter, unsigned and unchanged but for its place in the chain, a renewed
/// validity from `now`, and the write key `secrets` hold now (after a rotation whose charter never reached the
/// server, the key the server already has).
pub fn next_charter(current: &Current, secrets: &GroupSecrets, now: DateTime<Utc>) -> Charter {
    let mut next = current.trust.charter.clone();
    next.mailbox_write_key = secrets.write_key().public();
    next.version += 1;
    next.previous = Some(current.trust.charter_hash);
    next.issued_at = now;
    next.expires_at = now + CHARTER_VALID;
    next
}

/// Whether `next` must move the mailbox to a new write key: someone who held the current one (a publisher or an
/// owner) is no longer listed.
pub fn removes_someone(previous: &Charter, next: &Charter) -> bool {
    let kept = |key| next.is_owner(key) || next.publisher(key).is_some();
    previous
        .owners
        .iter()
        .map(|o| &o.signing_key)
        .chain(previous.publishers.iter().map(|p| &p.signing_key))
        .any(|k| !kept(k))
}

impl Groups<'_> {
    /// Before a private group's charter change goes in force: the moderators' desk written again by this owner
    /// and sealed to the moderators of the current charter and of `charter` (the next) together, so a moderator
    /// just added reads it at once, and every later write leaves out one just removed. The writer must stay
    /// listed in `charter`, or have signed it (an owner handing the group over), or nobody could trust the desk
    /// afterwards. If this fails nothing has changed yet, and the change can be put in force again.
    async fn desk_for_change(
        &self,
        client: &mut Client<'_>,
        moderators: Bytes32,
        current: &Current,
        next: &SignedCharter,
        charter: &Charter,
        secrets: &GroupSecrets,
    ) -> Outcome<()> {
        let keys = GroupKeys::new(self.keys, charter.group_id);
        let (exchange_secret, writer) = (keys.owner_exchange()?, keys.owner_signing()?);
        let me = writer.public();
        if !charter.is_owner(&me) && charter.publisher(&me).is_none() && !next.verified_signers()?.contains(&me) {
            return Err(GroupsFailure::Conflict(
                "this change removes you from the group and you did not sign it: an owner who stays puts it in force"
                    .into(),
            ));
        }
        let departing = private_desk_io::departing(&current.chain)?;
        let joining = desk::recipients(charter);
        let write_key = secrets.write_key();
        let hand = DeskHand {
            mailbox: moderators,
            exchange_secret: &exchange_secret,
            writer: &writer,
            write_key: &write_key,
            charter: &current.trust.charter,
            departing: &departing,
            also_sealed_to: &joining,
            expires_at: charter.expires_at.timestamp(),
        };
        private_desk_io::reseal(client, &hand).await?;
        Ok(())
    }

    /// Puts `next` in force on the owned group `row` whose verified state is `current`, then posts the pack again
    /// under it (`repost.rs`); gives the secrets as they are afterwards (a new write generation when the key was
    /// rotated) and what became of the pack.
    pub(crate) async fn put_charter(
        &self,
        transport: &dyn Transport,
        row: &OwnedRow,
        current: &Current,
        next: &SignedCharter,
    ) -> Outcome<(GroupSecrets, PackAfterChange)> {
        let mut check = current.trust.clone();
        check.apply_charter(next)?;
        let charter = check.charter.clone();
        if removes_someone(&current.trust.charter, &charter)
            && charter.mailbox_write_key == current.trust.charter.mailbox_write_key
        {
            return Err(GroupError::invalid(
                "charter.mailbox_write_key",
                "a charter that removes someone must move the group to a new write key",
            )
            .into());
        }
        let keys = GroupKeys::new(self.keys, charter.group_id);
        let mut secrets = keys.secrets()?;
        let keys_before = secrets.owner_secret;
        let mailbox = mailbox_id(&secrets.read_key);
        let mut client = Client::new(&row.server, transport);
        let intake = self.core.store.read(|conn| Ok(private_rows::owned_intake(conn, &row.group_id)?))?;
        let moderators =
            current.chain.first().filter(|_| intake.is_some()).map(|root| moderators_mailbox_id(&root.hash()));
        if let Some(moderators) = moderators {
            self.desk_for_change(&mut client, moderators, current, next, &charter, &secrets).await?;
        }
        if charter.mailbox_write_key != secrets.write_key().public() {
            let old = secrets.write_key();
            let mut rotated = secrets.clone();
            let mut new = rotated.rotate_write_key();
            if new.public() != charter.mailbox_write_key {
                // A new owner secret, proposed on this device when an owner leaves.
                let Some(pending) = keys.pending_for(&charter.mailbox_write_key)? else {
                    return Err(GroupsFailure::Conflict(
                        "this change moves the group to a new write key that only the device which proposed it \
                         holds: put it in force from that device"
                            .into(),
                    ));
                };
                rotated = pending;
                new = rotated.write_key();
            }
            keys.set_secrets(&rotated)?;
            // A private group's intake and moderators' mailboxes move to the new key with the group's.
            let mut mailboxes = vec![mailbox];
            if let (Some(intake), Some(moderators)) = (intake, moderators) {
                mailboxes.push(intake_mailbox_id(&intake));
                mailboxes.push(moderators);
            }
            for each in &mailboxes {
                // The server numbers each mailbox's keys on its own: one made after an earlier rotation (a private
                // group's new epoch) counts from its own start, so a number it does not expect is asked again
                // with the one it does (the old key still signs the change).
                let (mut generation, mut asked_again) = (rotated.write_generation, false);
                loop {
                    let message = signing::write_key_message(each, generation, &new.public());
                    let change = WriteKeyChange {
                        new_key: new.public().to_vec(),
                        generation,
                        signature: old.sign_message(&message).to_vec(),
                    };
                    let path = routes::GROUP_WRITE_KEY.replace("{mailbox_id}", &hex::encode(each));
                    match client.call::<_, Done>(Method::Post, &path, Some(&change), false).await {
                        Ok(_) => break,
                        Err(refusal) => match GroupsFailure::from_refusal(refusal, "write key") {
                            GroupsFailure::Newer { current, .. }
                                if !asked_again && u64::from(generation) != current + 1 =>
                            {
                                generation = u32::try_from(current + 1)
                                    .map_err(|_| GroupError::invalid("write key generation", "is too high"))?;
                                asked_again = true;
                            }
                            other => return Err(other),
                        },
                    }
                }
            }
            secrets = rotated;
        }
        let write = network::signed_write(
            &mailbox,
            &secrets.write_key(),
            Channel::Charter,
            u64::from(charter.version),
            charter.expires_at.timestamp(),
            charter_box::seal(&secrets.read_key, &mailbox, next),
        );
        network::post(&mut client, &mailbox, &write).await?;
        keys.forget_pending()?;
        let mut chain = current.chain.clone();
        chain.push(next.clone());
        // A new owner secret (an owner left) makes an earlier backup unable to write: say so until a new one.
        let renewed = secrets.owner_secret != keys_before;
        self.core.store.write(|tx| {
            moderation_rows::set_owned_charters(tx, &row.group_id, &chain)?;
            if renewed {
                moderation_rows::backup_outdated(tx, &row.group_id)?;
            }
            Ok(())
        })?;
        // Members accept only a pack made under the charter in force: post the pack again under this one. The
        // change stands either way (the next publish puts a failed post right).
        let after = Current { chain, trust: check, pack: current.pack.clone(), pack_sequence: current.pack_sequence };
        let followed = self.repost_under_charter(transport, row, after, &secrets.read_key, &secrets.write_key()).await;
        let mut pack = match followed {
            Ok(Followed::Posted { dropped, .. }) => PackAfterChange { followed: true, dropped, ..Default::default() },
            Ok(Followed::Current) => PackAfterChange { followed: true, ..Default::default() },
            Ok(Followed::ByNewOwner) | Err(_) => PackAfterChange::default(),
        };
        // Whoever left held the read key: the group moves to a new one.
        if moderators.is_some() && removes_someone(&current.trust.charter, &charter) {
            match self.rekey(transport, Some(&row.group_id)).await {
                Ok(rekeyed) => pack.new_epoch = Some(rekeyed.epoch),
                Err(GroupsFailure::Journal(error)) => return Err(GroupsFailure::Journal(error)),
                Err(_) => pack.rekey_needed = true,
            }
        }
        let secrets = if pack.new_epoch.is_some() { keys.secrets()? } else { secrets };
        Ok((secrets, pack))
    }
}
