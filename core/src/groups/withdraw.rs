//! Withdrawing an item: a moderator (an owner, or a publisher on her own device) withdraws an item of their own
//! section. The group's current pack is read from the server and verified, and their section is posted again
//! with the item marked withdrawn and its version raised ([`super::posting`]; the other sections are carried
//! forward untouched). Members keep it (so a later pack can't quietly bring it back as new) but stop showing it
//! after their next refresh, and it leaves their Library shelf.
//!
//! Nobody withdraws another publisher's item: an owner who wants a publisher's items gone removes that publisher
//! from the charter, and the next pack posted drops their section.

use serde::Serialize;

use super::current;
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::identity::Identity;
use super::items::Item;
use super::local::{self, OwnedRow};
use super::moderation_rows;
use super::posting::Poster;
use super::publisher_keys::PublisherKeys;
use super::secrets::GroupKeys;
use super::sections::{Dropped, Section, name};
use crate::sync::transport::Transport;

/// An item just withdrawn.
#[derive(Debug, Clone, Serialize)]
pub struct Withdrawn {
    pub group_id: String,
    pub item: String,
    /// The pack that carries the withdrawal.
    pub sequence: u64,
    /// Other publishers' sections left out of that pack because members would no longer accept them.
    pub dropped: Vec<Dropped>,
}

/// This moderator's section's items with `item` withdrawn, or why not (`all`: every section of the pack).
fn withdrawn(
    mine: Option<&Section>,
    all: &[Section],
    item: &str,
    charter: &super::charter::Charter,
) -> Outcome<Vec<Item>> {
    let mut items = mine.map(|s| s.items.clone()).unwrap_or_default();
    let Some(found) = items.iter_mut().find(|i| i.id == item) else {
        if let Some(theirs) = all.iter().find(|s| s.items.iter().any(|i| i.id == item)) {
            return Err(GroupsFailure::Conflict(format!(
                "that item is in {}'s section: only they can withdraw it (or an owner removes them as a publisher)",
                name(charter, &theirs.publisher)
            )));
        }
        return Err(GroupsFailure::NotFound(
            "the group's current pack has no item with that id (the `id:` of an item file in the pack folder)".into(),
        ));
    };
    if found.withdrawn {
        return Err(GroupsFailure::Conflict("that item is already withdrawn".into()));
    }
    found.withdrawn = true;
    found.version = found.version.saturating_add(1);
    Ok(items)
}

impl Groups<'_> {
    /// Withdraws the item `item` (its id) from this device's own section of the group `group` (id or name) that
    /// it owns or publishes to.
    pub async fn withdraw(&self, transport: &dyn Transport, group: Option<&str>, item: &str) -> Outcome<Withdrawn> {
        let item = item.trim();
        let as_publisher = match group {
            Some(_) => self.owned_group(group).is_err(),
            None => self.core.store.read(|conn| Ok(local::owned(conn)?))?.is_empty(),
        };
        if as_publisher && let Some(row) = self.publishing_group(group)? {
            return self.withdraw_as_publisher(transport, row, item).await;
        }
        let (row, current, secrets) = self.owned_current(transport, group).await?;
        let owner = GroupKeys::new(self.keys, current.trust.charter.group_id).owner_signing()?;
        let charter = current.trust.charter.clone();
        let poster = Poster {
            server: &row.server,
            known: &row.charters,
            read_key: &secrets.read_key,
            write_key: &secrets.write_key(),
            signer: &owner,
            floor: row.pack_sequence,
        };
        let posted =
            self.post_section(transport, &poster, current, |mine, all| withdrawn(mine, all, item, &charter)).await?;
        self.core.store.write(|tx| Ok(local::raise_pack_sequence(tx, &row.group_id, posted.sequence)?))?;
        Ok(Withdrawn {
            group_id: row.group_id,
            item: item.to_owned(),
            sequence: posted.sequence,
            dropped: posted.dropped,
        })
    }

    /// Withdraws `item` from the section this device publishes to `row`'s group.
    async fn withdraw_as_publisher(&self, transport: &dyn Transport, row: OwnedRow, item: &str) -> Outcome<Withdrawn> {
        let root = row.charters.first().ok_or(GroupError::Malformed { what: "charter" })?.hash();
        let group_id = row.charters[0].charter()?.group_id;
        let keys = PublisherKeys::load(self.keys, &group_id)?;
        let identity = Identity::load(self.keys)?.ok_or(GroupsFailure::KeysMissing("your moderator key is gone"))?;
        let current = current::read(transport, &row.server, &root, &keys.read_key).await?;
        current::extends(&current, &row.charters)?;
        if keys.write_key().public() != current.trust.charter.mailbox_write_key {
            return Err(GroupsFailure::KeysMissing(
                "the group's write key has changed; ask an owner for a new publisher link",
            ));
        }
        let (charter, chain) = (current.trust.charter.clone(), current.chain.clone());
        let poster = Poster {
            server: &row.server,
            known: &row.charters,
            read_key: &keys.read_key,
            write_key: &keys.write_key(),
            signer: &identity.signing,
            floor: row.pack_sequence,
        };
        let posted =
            self.post_section(transport, &poster, current, |mine, all| withdrawn(mine, all, item, &charter)).await?;
        let updated = OwnedRow { charters: chain, pack_sequence: posted.sequence, ..row };
        let now_ms = self.now_ms();
        self.core.store.write(|tx| Ok(moderation_rows::upsert_publishing(tx, &updated, now_ms)?))?;
        Ok(Withdrawn {
            group_id: updated.group_id,
            item: item.to_owned(),
            sequence: posted.sequence,
            dropped: posted.dropped,
        })
    }
}
