//! After a charter change, the group's pack again under the charter in force. Members accept a pack only when it
//! was made under the charter they hold (`trust.rs`), so a pack made under the version before a change would
//! refuse every member who joins before the next publish (and leave a removed publisher's section on the server
//! meanwhile). The owner's device that put the change in force, or the new owner's device accepting a handover,
//! posts the pack again at once, with the next sequence: every other section carried forward while members would
//! still accept it (a removed publisher's is dropped, and the result names it), and this owner's own section
//! with its items as they were plus those of any owner who left with this change — an owner's items are the
//! group's, so a handover moves them to the new owner instead of taking them off members' shelves.
//!
//! The charter change stands whether or not this post succeeds: a failed post (the server out of reach between
//! the two writes) does not fail the change, and the next publish or withdrawal puts it right.

use super::current::Current;
use super::device::Groups;
use super::failure::Outcome;
use super::items::Item;
use super::local::{self, OwnedRow};
use super::posting::Poster;
use super::secrets::GroupKeys;
use super::sections::{self, Dropped};
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::transport::Transport;

impl Groups<'_> {
    /// Posts the current pack of `row` again under `current`'s charter when it was made under an older one, as
    /// this device's owner key; gives the other publishers' sections left out. Nothing is posted when there is
    /// no pack yet, when it is already under the charter in force, or when this device is not an owner under it
    /// (it handed the group over). `current` is the group as it stands after the change; `read_key` and
    /// `write_key` are its keys now.
    pub(crate) async fn repost_under_charter(
        &self,
        transport: &dyn Transport,
        row: &OwnedRow,
        current: Current,
        read_key: &Bytes32,
        write_key: &SigningKey,
    ) -> Outcome<Vec<Dropped>> {
        let charter = current.trust.charter.clone();
        if current.pack.as_ref().is_none_or(|pack| pack.charter_version == charter.version) {
            return Ok(Vec::new());
        }
        let Ok(signer) = GroupKeys::new(self.keys, charter.group_id).owner_signing() else {
            return Ok(Vec::new());
        };
        if !charter.is_owner(&signer.public()) {
            return Ok(Vec::new());
        }
        // The owners of the version before this one whom this version no longer lists.
        let before = current.chain.len().checked_sub(2).and_then(|i| current.chain[i].charter().ok());
        let departed: Vec<(Bytes32, String)> = before
            .iter()
            .flat_map(|c| c.owners.iter().map(move |o| (o.signing_key, sections::name(c, &o.signing_key))))
            .filter(|(key, _)| sections::scopes(&charter, key).is_none())
            .collect();
        let known = current.chain.clone();
        let poster = Poster {
            server: &row.server,
            known: &known,
            read_key,
            write_key,
            signer: &signer,
            floor: row.pack_sequence,
        };
        let posted = self
            .post_section(transport, &poster, current, |own, all| {
                let mut items: Vec<Item> = own.map(|s| s.items.clone()).unwrap_or_default();
                let theirs = all.iter().filter(|s| departed.iter().any(|(key, _)| key == &s.publisher));
                for item in theirs.flat_map(|s| &s.items) {
                    if !items.iter().any(|mine| mine.id == item.id) {
                        items.push(item.clone());
                    }
                }
                Ok(items)
            })
            .await?;
        self.core.store.write(|tx| Ok(local::raise_pack_sequence(tx, &row.group_id, posted.sequence)?))?;
        let mut dropped = posted.dropped;
        dropped.retain(|d| !departed.iter().any(|(_, name)| name == &d.publisher));
        Ok(dropped)
    }
}
