//! Posting a pack as one moderator (an owner or a publisher): their own section is made anew from the group's
//! current pack (read from the server and verified), every other publisher's section is carried forward byte
//! for byte while members would still accept it, and the rest are dropped and named
//! ([`super::sections::merge`]). The pack is signed by this moderator, sealed and posted on the Pack channel. A
//! server already holding a newer pack (another moderator posted meanwhile) is answered, once, by reading the
//! group again and merging again on top of it, so nobody's section is lost to the race.

use mend_protocol::groups::Channel;

use super::charter::SignedCharter;
use super::current::{self, Current};
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::items::Item;
use super::keys::mailbox_id;
use super::network;
use super::owner::PACK_VALID;
use super::pack::Pack;
use super::sections::{self, Dropped, Section};
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// Where and with which keys a moderator posts.
pub(crate) struct Poster<'a> {
    pub server: &'a str,
    /// The charters this device verified, oldest first (a re-read must extend them).
    pub known: &'a [SignedCharter],
    pub read_key: &'a Bytes32,
    pub write_key: &'a SigningKey,
    /// The moderator's own signing key: signs their section and the pack.
    pub signer: &'a SigningKey,
    /// The highest pack sequence this device posted (the next is above it and the server's).
    pub floor: u64,
}

/// A pack just posted.
#[derive(Debug, Clone)]
pub(crate) struct PostedPack {
    pub sequence: u64,
    /// Other publishers' sections left out because members would no longer accept them.
    pub dropped: Vec<Dropped>,
}

/// The opened sections of the group's current pack (any that no longer open are left for the merge to drop).
pub(crate) fn opened(current: &Current) -> Vec<Section> {
    current.pack.iter().flat_map(|p| p.sections.iter().filter_map(|s| s.open().ok())).collect()
}

impl Groups<'_> {
    /// Posts a pack whose section for `poster.signer` holds what `make` gives, from this moderator's section in
    /// the current pack (if any) and every section there; `make` runs again on a re-read after a race.
    pub(crate) async fn post_section(
        &self,
        transport: &dyn Transport,
        poster: &Poster<'_>,
        mut current: Current,
        mut make: impl FnMut(Option<&Section>, &[Section]) -> Outcome<Vec<Item>>,
    ) -> Outcome<PostedPack> {
        let me = poster.signer.public();
        let mailbox = mailbox_id(poster.read_key);
        let mut client = Client::new(poster.server, transport);
        let mut retried = false;
        loop {
            let all = opened(&current);
            let items = make(all.iter().find(|s| s.publisher == me), &all)?;
            let charter = &current.trust.charter;
            let Some(scopes) = sections::scopes(charter, &me) else {
                return Err(GroupsFailure::Conflict(
                    "the group's charter no longer lists you as a publisher, so members would refuse this pack".into(),
                ));
            };
            if let Some((i, item)) = items.iter().enumerate().find(|(_, i)| !scopes.contains(&i.kind())) {
                return Err(GroupError::invalid(
                    format!("items[{i}]"),
                    format!("you may not publish a {}: it is outside your scope", item.kind().code()),
                )
                .into());
            }
            let now = self.core.clock.now();
            let sequence = current.pack_sequence.max(poster.floor) + 1;
            let expires_at = (now + PACK_VALID).min(charter.expires_at);
            let section = Section {
                group_id: charter.group_id,
                publisher: me,
                sequence,
                charter_version: charter.version,
                issued_at: now,
                expires_at,
                items,
            };
            let signed = section.sign(poster.signer)?;
            let previous = current.pack.as_ref().map_or(&[][..], |p| p.sections.as_slice());
            let charters: Vec<_> = current.chain.iter().rev().filter_map(|c| c.charter().ok()).collect();
            let name_of = |key: &Bytes32| {
                let listed = charters.iter().find(|c| sections::scopes(c, key).is_some());
                listed.map_or_else(|| "someone who was never a publisher".to_owned(), |c| sections::name(c, key))
            };
            let (sections, dropped) =
                sections::merge(previous, Some((signed, &section)), &me, charter, sequence, now, &name_of)?;
            let pack = Pack {
                group_id: charter.group_id,
                sequence,
                charter_version: charter.version,
                publisher: me,
                issued_at: now,
                expires_at,
                sections,
            };
            let sealed = pack.seal(poster.signer, poster.read_key)?;
            let write = network::signed_write(
                &mailbox,
                poster.write_key,
                Channel::Pack,
                sequence,
                expires_at.timestamp(),
                sealed,
            );
            match network::post(&mut client, &mailbox, &write).await {
                Ok(()) => return Ok(PostedPack { sequence, dropped }),
                Err(GroupsFailure::Newer { .. }) if !retried => {
                    retried = true;
                    let root = poster.known.first().ok_or(GroupError::Malformed { what: "charter" })?.hash();
                    current = current::read(transport, poster.server, &root, poster.read_key).await?;
                    current::extends(&current, poster.known)?;
                }
                Err(other) => return Err(other),
            }
        }
    }
}
