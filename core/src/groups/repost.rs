//! After a charter change, the group's pack again under the charter in force. Members accept a pack only when it
//! was made under the charter they hold (`trust.rs`), so a pack made under the version before a change would
//! refuse every member who joins before the next publish (and leave a removed publisher's section on the server
//! meanwhile). The owner's device that put the change in force, or the new owner's device accepting a handover,
//! posts the pack again at once, with the next sequence: every other section carried forward while members would
//! still accept it (a removed publisher's is dropped, and the result names it), and this owner's own section
//! with its items as they were.
//!
//! A handover moves the departing owner's items to the new owner instead of taking them off members' shelves —
//! but only for an owner who agreed to leave (they signed the first charter that no longer lists them), and only
//! from their section as it verifies on its own under the last charter that listed them (the group's, unexpired,
//! within the pack, every item in scope). An owner removed by others keeps nothing on the shelf: their section
//! is dropped and named like a removed publisher's, and nobody re-signs it.
//!
//! The charter change stands whether or not this post succeeds (the server out of reach between the two
//! writes): the change's result says whether the pack followed, and until it does a member who joins is refused.

use chrono::{DateTime, Utc};

use super::charter::{Charter, SignedCharter};
use super::current::Current;
use super::device::Groups;
use super::failure::Outcome;
use super::items::Item;
use super::local::{self, OwnedRow};
use super::posting::Poster;
use super::secrets::GroupKeys;
use super::sections::{self, Dropped, Section};
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::transport::Transport;

/// Whether the pack followed a charter change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Followed {
    /// Posted again under the new charter: other publishers' sections left out, and how many items of owners who
    /// agreed to leave now stand in this owner's section.
    Posted { dropped: Vec<Dropped>, adopted: usize },
    /// Nothing to do: no pack yet, or already under the charter in force.
    Current,
    /// This device is not an owner under the new charter (it handed the group over): the new owner posts it when
    /// they accept.
    ByNewOwner,
}

/// The sections of owners who agreed to leave, among `sections` (opened, signatures checked) of a pack numbered
/// `within`, judged against `chain` (oldest first, the charter in force last) at `now`.
fn agreed_departures(chain: &[SignedCharter], sections: &[Section], within: u64, now: DateTime<Utc>) -> Vec<Section> {
    let charters: Vec<Charter> = chain.iter().filter_map(|c| c.charter().ok()).collect();
    let Some(in_force) = charters.last() else { return Vec::new() };
    sections
        .iter()
        .filter(|s| sections::scopes(in_force, &s.publisher).is_none())
        .filter(|s| {
            // The last charter that listed them as an owner, and the first after it, which must not list them
            // at all and must carry their own signature.
            let Some(last) = charters.iter().rposition(|c| c.is_owner(&s.publisher)) else { return false };
            let (Some(listed), Some(next), Some(signed)) =
                (charters.get(last), charters.get(last + 1), chain.get(last + 1))
            else {
                return false;
            };
            sections::scopes(next, &s.publisher).is_none()
                && signed.verified_signers().is_ok_and(|signers| signers.contains(&s.publisher))
                && sections::check_one(s, &in_force.group_id, listed, within, now).is_ok()
        })
        .cloned()
        .collect()
}

impl Groups<'_> {
    /// Posts the current pack of `row` again under `current`'s charter when it was made under an older one, as
    /// this device's owner key. `current` is the group as it stands after the change; `read_key` and
    /// `write_key` are its keys now.
    pub(crate) async fn repost_under_charter(
        &self,
        transport: &dyn Transport,
        row: &OwnedRow,
        mut current: Current,
        read_key: &Bytes32,
        write_key: &SigningKey,
    ) -> Outcome<Followed> {
        let charter = current.trust.charter.clone();
        let Some(pack) = current.pack.as_mut() else { return Ok(Followed::Current) };
        if pack.charter_version == charter.version {
            return Ok(Followed::Current);
        }
        let Ok(signer) = GroupKeys::new(self.keys, charter.group_id).owner_signing() else {
            return Ok(Followed::ByNewOwner);
        };
        if !charter.is_owner(&signer.public()) {
            return Ok(Followed::ByNewOwner);
        }
        let opened: Vec<Section> = pack.sections.iter().filter_map(|s| s.open().ok()).collect();
        let leaving = agreed_departures(&current.chain, &opened, pack.sequence, self.core.clock.now());
        // Their sections leave the pack here (their items come into this owner's), so nobody names them dropped.
        pack.sections.retain(|s| s.open().is_ok_and(|s| !leaving.iter().any(|l| l.publisher == s.publisher)));
        let adopted: Vec<Item> = leaving.into_iter().flat_map(|s| s.items).collect();
        let known = current.chain.clone();
        let poster = Poster {
            server: &row.server,
            known: &known,
            read_key,
            write_key,
            signer: &signer,
            floor: row.pack_sequence,
        };
        let mut count = 0;
        let posted = self
            .post_section(transport, &poster, current, |own, _| {
                let mut items: Vec<Item> = own.map(|s| s.items.clone()).unwrap_or_default();
                let before = items.len();
                for item in &adopted {
                    if !items.iter().any(|mine| mine.id == item.id) {
                        items.push(item.clone());
                    }
                }
                count = items.len() - before;
                Ok(items)
            })
            .await?;
        self.core.store.write(|tx| Ok(local::raise_pack_sequence(tx, &row.group_id, posted.sequence)?))?;
        Ok(Followed::Posted { dropped: posted.dropped, adopted: count })
    }
}
