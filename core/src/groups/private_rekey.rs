//! Moving a private group to a new epoch without removing a member ([`Groups::rekey`]). A publisher, and an
//! owner, hold the group's read key: when a charter change removes one of them (a handover too: signing it is
//! no promise to forget the key), the group moves to a new read key and mailbox, as a member's removal does,
//! with every approved member carried over, so whoever left reads nothing published from then on
//! (`charter_change.rs` does it at once). `mend group rekey` does it should that fail, or whenever an owner
//! wants the group on a new key; one that stopped after writing the desk is finished by the next.

use serde::Serialize;

use super::device::Groups;
use super::failure::{GroupsFailure, Outcome};
use super::private_desk_io;
use super::private_moderation::{Who, post_roster, removal_on_its_way, staying};
use super::private_removal::meetings;
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// A private group moved to a new epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rekeyed {
    pub group_id: String,
    /// The epoch the group is now at.
    pub epoch: u32,
    /// The titles of the group's meetings, whose passcodes and links the moderator removed saw.
    pub meetings: Vec<String>,
}

impl Groups<'_> {
    /// Moves the private group `group` (its id or name; `None` for the only one), owned by this device, to a new
    /// epoch: a new read key, given to every approved member in the next roster version.
    pub async fn rekey(&self, transport: &dyn Transport, group: Option<&str>) -> Outcome<Rekeyed> {
        let mut at = self.moderating(transport, group, Who::Owners).await?;
        let (row, current, mut secrets) = at
            .owned
            .take()
            .ok_or(GroupsFailure::Conflict("only the group's owners move it to a new key: ask an owner".into()))?;
        let mut client = Client::new(&at.server, transport);
        let desk = private_desk_io::read(&mut client, &at.hand()).await?;
        let (epoch, approved) = staying(&mut client, &at, &desk).await?;
        if epoch.checked_add(1) == Some(desk.epoch) {
            // An earlier move wrote the desk at the new epoch but not the roster version: finish it.
            post_roster(&mut client, &at, &desk, &approved, self.core.clock.now().timestamp()).await?;
            return Ok(Rekeyed { group_id: row.group_id.clone(), epoch: desk.epoch, meetings: meetings(&current) });
        }
        if epoch != desk.epoch {
            return Err(removal_on_its_way());
        }
        let written = self.start_epoch(&mut client, &at, &row, &current, &mut secrets, desk).await?;
        post_roster(&mut client, &at, &written, &approved, self.core.clock.now().timestamp()).await?;
        Ok(Rekeyed { group_id: row.group_id.clone(), epoch: written.epoch, meetings: meetings(&current) })
    }
}
