//! Creating a private group ([`Groups::create_private`]): an open group's charter, secrets and mailbox
//! ([`Groups::make_group`]), plus an intake key, the intake mailbox (join inbox and roster chain; its id from
//! the intake public key) and the moderators' mailbox (its id from the hash of charter version 1), both created
//! with the group's write key, and the first desk — sequence 1, epoch 1, the read key, the intake secret, no
//! members — sealed to the charter's owners and publishers. The invite is the private link, which carries no
//! read key. The owned row is marked private in the same write that records it.

use super::device::Groups;
use super::failure::Outcome;
use super::invite::PrivateInvite;
use super::local;
use super::network;
use super::owner::{CHARTER_VALID, Created, FIRST_EPOCH, NewGroup};
use super::private::desk::Desk;
use super::private::intake::{IntakeKey, intake_mailbox_id, moderators_mailbox_id};
use super::private_desk_io::{self, DeskHand};
use super::private_rows;
use crate::sync::client::Client;
use crate::sync::transport::Transport;

impl Groups<'_> {
    /// Creates a private group on `new.server`, with this device as its only owner: members ask to join with
    /// its link, and the moderators approve each request (`private_moderation.rs`).
    pub async fn create_private(&self, transport: &dyn Transport, new: NewGroup) -> Outcome<Created> {
        let made = self.make_group(transport, new).await?;
        let intake = IntakeKey::generate();
        let intake_public = intake.public();
        let root = made.signed.hash();
        let write_key = made.secrets.write_key();
        let mut client = Client::new(&made.row.server, transport);
        network::create_mailbox(&mut client, &intake_mailbox_id(&intake_public), &write_key).await?;
        let moderators = moderators_mailbox_id(&root);
        network::create_mailbox(&mut client, &moderators, &write_key).await?;
        let desk = Desk {
            group_id: made.charter.group_id,
            sequence: 1,
            intake_secret: *intake.secret(),
            epoch: FIRST_EPOCH,
            read_key: made.secrets.read_key,
            roster: Vec::new(),
            inbox_read_up_to: 0,
            notes: Vec::new(),
            draft: None,
        };
        let hand = DeskHand {
            mailbox: moderators,
            exchange_secret: &made.exchange_secret,
            writer: &made.owner,
            write_key: &write_key,
            charter: &made.charter,
            departing: &[],
            also_sealed_to: &[],
            expires_at: (self.core.clock.now() + CHARTER_VALID).timestamp(),
        };
        private_desk_io::write(&mut client, &hand, desk).await?;
        let now_ms = self.now_ms();
        self.core.store.write(|tx| {
            local::insert_owned(tx, &made.row, now_ms)?;
            private_rows::set_owned_intake(tx, &made.row.group_id, &intake_public)?;
            Ok(())
        })?;
        let invite = PrivateInvite { server: made.row.server.clone(), charter_hash: root, intake_public };
        Ok(made.created(invite.link()))
    }
}
