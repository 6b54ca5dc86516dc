//! The owner's flow: [`Groups::create`] makes an open resource group (charter version 1 with this device's
//! moderator key ([`super::identity`]) as the only owner and a publisher of every kind of item, threshold 1; new group secrets; the
//! mailbox created on the server with the write key; charter 1 posted on the Charter channel);
//! [`Groups::publish`] reads a pack folder, runs the publishing checks (whose findings go back to the
//! moderator and never block), and posts it as this owner's section of the group's pack (other publishers'
//! sections carried forward: [`super::posting`]); [`Groups::invite`] gives the `mend://join#…` link.
//!
//! Secrets reach the key store before anything reaches the server, so a group the server knows is never one
//! this device forgot the keys of.

use std::path::Path;

use chrono::Duration;
use mend_protocol::groups::Channel;
use mend_protocol::hex;
use serde::Serialize;
use x25519_dalek::{PublicKey, StaticSecret};

use super::charter::{Charter, Moderator, Publisher, SignedCharter};
use super::charter_box;
use super::checks::{self, Finding};
use super::device::Groups;
use super::error::GroupError;
use super::failure::Outcome;
use super::folder;
use super::invite::{self, Invite};
use super::items::{Item, ItemKind};
use super::keys::{GroupSecrets, mailbox_id};
use super::local::{self, OwnedRow};
use super::network;
use super::posting::Poster;
use super::secrets::GroupKeys;
use super::sections::Dropped;
use crate::crypto;
use crate::sync::client::Client;
use crate::sync::transport::{Transport, check_server};
use zeroize::Zeroizing;

/// How long a charter is valid: members accept nothing newer after it, until the next charter.
pub const CHARTER_VALID: Duration = Duration::days(2 * 365);
/// How long a pack is valid.
pub const PACK_VALID: Duration = Duration::days(365);
/// The read key's epoch an open group starts at.
pub(crate) const FIRST_EPOCH: u32 = 1;

/// What a moderator gives to create a group.
#[derive(Debug, Clone)]
pub struct NewGroup {
    pub server: String,
    pub name: String,
    pub description: String,
    /// A BCP 47 language tag.
    pub language: String,
    /// An ISO 3166 code or UK nation, or empty for anywhere.
    pub region: String,
}

/// A group just created.
#[derive(Debug, Clone, Serialize)]
pub struct Created {
    pub id: String,
    pub name: String,
    /// The link to share.
    pub invite: String,
    /// Only one owner holds the group's keys: a lost device would orphan it until backup exists.
    pub single_owner: bool,
}

/// A group just made on its server ([`Groups::make_group`]), not yet in the journal.
pub(crate) struct MadeGroup {
    pub row: OwnedRow,
    pub charter: Charter,
    pub signed: SignedCharter,
    pub secrets: GroupSecrets,
    /// The group's owner key and X25519 secret (also in the key store).
    pub owner: crypto::SigningKey,
    pub exchange_secret: Zeroizing<crypto::Bytes32>,
}

impl MadeGroup {
    /// What creating it gives, with the link to share.
    pub(crate) fn created(&self, invite: String) -> Created {
        Created { id: self.row.group_id.clone(), name: self.charter.name.clone(), invite, single_owner: true }
    }
}

/// A pack just published.
#[derive(Debug, Clone, Serialize)]
pub struct Published {
    pub id: String,
    pub sequence: u64,
    pub items: usize,
    /// What the publishing checks noticed (the moderator decides; nothing was blocked).
    pub findings: Vec<Finding>,
    /// Other publishers' sections left out of the pack because members would no longer accept them.
    pub dropped: Vec<Dropped>,
}

/// Checks a language tag's form (letters, digits and hyphens, starting with a letter).
fn language(value: &str) -> Result<(), GroupError> {
    let ok = (2..=35).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok { Ok(()) } else { Err(GroupError::invalid("language", "must be a language tag such as en or en-GB")) }
}

/// Checks a region's form (empty, or a short code such as GB or GB-SCT).
fn region(value: &str) -> Result<(), GroupError> {
    let ok = value.is_empty()
        || (value.len() <= 10 && value.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'));
    if ok { Ok(()) } else { Err(GroupError::invalid("region", "must be a code such as GB or US, or left out")) }
}

impl Groups<'_> {
    /// Creates an open resource group on `new.server`, with this device as its only owner.
    pub async fn create(&self, transport: &dyn Transport, new: NewGroup) -> Outcome<Created> {
        let made = self.make_group(transport, new).await?;
        let now_ms = self.now_ms();
        self.core.store.write(|tx| Ok(local::insert_owned(tx, &made.row, now_ms)?))?;
        let invite = Invite {
            server: made.row.server.clone(),
            charter_hash: made.signed.hash(),
            epoch: FIRST_EPOCH,
            read_key: made.secrets.read_key,
        };
        Ok(made.created(invite.link()))
    }

    /// What [`Groups::create`] and [`Groups::create_private`] share: charter version 1 signed by a new owner key,
    /// the secrets in the key store, the group's mailbox created and the charter posted on it. Nothing is in the
    /// journal yet: the caller writes `row`.
    pub(crate) async fn make_group(&self, transport: &dyn Transport, new: NewGroup) -> Outcome<MadeGroup> {
        let server = check_server(&new.server).map_err(|e| GroupError::invalid("server", e.to_string()))?;
        invite::server_address(&server)?;
        language(&new.language)?;
        region(&new.region)?;
        let now = self.core.clock.now();
        let secrets = GroupSecrets::generate();
        // The owner key is the group's own, not this device's moderator key: a backup of this group (which carries
        // its owner key) then opens nothing of any other group. A link sealed for it (a new owner secret after
        // another owner leaves) still opens here: `accept` tries each owned group's key.
        let owner = crypto::SigningKey::generate();
        let exchange_secret = Zeroizing::new(crypto::random::<32>());
        let exchange = PublicKey::from(&StaticSecret::from(*exchange_secret)).to_bytes();
        let write_key = secrets.write_key();
        let charter = Charter {
            group_id: secrets.group_id,
            version: 1,
            previous: None,
            name: new.name.trim().to_owned(),
            description: new.description.trim().to_owned(),
            language: new.language,
            region: new.region,
            owners: vec![Moderator { name: "first owner".into(), signing_key: owner.public(), exchange_key: exchange }],
            threshold: 1,
            publishers: vec![Publisher {
                name: "first owner".into(),
                signing_key: owner.public(),
                exchange_key: exchange,
                scopes: ItemKind::ALL.to_vec(),
            }],
            mailbox_write_key: write_key.public(),
            issued_at: now,
            expires_at: now + CHARTER_VALID,
        };
        let mut signed = SignedCharter::new(&charter)?;
        signed.sign(&owner);
        GroupKeys::new(self.keys, secrets.group_id).set_owner(&owner, &exchange_secret, &secrets)?;

        let mailbox = mailbox_id(&secrets.read_key);
        let mut client = Client::new(&server, transport);
        network::create_mailbox(&mut client, &mailbox, &write_key).await?;
        let write = network::signed_write(
            &mailbox,
            &write_key,
            Channel::Charter,
            1,
            charter.expires_at.timestamp(),
            charter_box::seal(&secrets.read_key, &mailbox, &signed),
        );
        network::post(&mut client, &mailbox, &write).await?;

        let id = hex::encode(&secrets.group_id);
        let row = OwnedRow { group_id: id, server, charters: vec![signed.clone()], pack_sequence: 0 };
        Ok(MadeGroup { row, charter, signed, secrets, owner, exchange_secret })
    }

    /// What the publishing checks find in the pack folder `dir`, without publishing it.
    pub fn check_folder(&self, dir: &Path) -> Outcome<Vec<Finding>> {
        Ok(self.check_items(&folder::read_folder(dir)?))
    }

    /// What the publishing checks find in `items` (the moderator decides; nothing is blocked).
    pub fn check_items(&self, items: &[Item]) -> Vec<Finding> {
        checks::check(items, self.core.clock.now().date_naive())
    }

    /// Publishes the pack folder `dir`: [`Groups::publish_items`] with the folder's items (read and checked
    /// each as members will check it).
    pub async fn publish(&self, transport: &dyn Transport, group: Option<&str>, dir: &Path) -> Outcome<Published> {
        self.publish_items(transport, group, folder::read_folder(dir)?).await
    }

    /// Publishes `items` (a pack folder's, or the items a phone's screens made) to the group `group` (its id or
    /// name; `None` for the only one) that this device owns or publishes to: the checks run and their findings
    /// come back with the result, then the group's current state is read from the server and verified, and the
    /// items become this moderator's section of the next pack, the other sections carried forward (each item
    /// checked as members will check it). A server already holding a newer pack (from another moderator's
    /// device) is answered by reading the group again and merging on top of it, once.
    pub async fn publish_items(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        items: Vec<Item>,
    ) -> Outcome<Published> {
        let findings = self.check_items(&items);
        // A group this device publishes to without owning it, when no owned group answers.
        let as_publisher = match group {
            Some(_) => self.owned_group(group).is_err(),
            None => self.core.store.read(|conn| Ok(local::owned(conn)?))?.is_empty(),
        };
        if as_publisher && let Some(row) = self.publishing_group(group)? {
            return self.publish_as_publisher(transport, row, items, findings).await;
        }
        let (row, current, secrets) = self.owned_current(transport, group).await?;
        let publisher = GroupKeys::new(self.keys, current.trust.charter.group_id).owner_signing()?;
        let count = items.len();
        let poster = Poster {
            server: &row.server,
            known: &row.charters,
            read_key: &secrets.read_key,
            write_key: &secrets.write_key(),
            signer: &publisher,
            floor: row.pack_sequence,
        };
        let posted = self.post_section(transport, &poster, current, |_, _| Ok(items.clone())).await?;
        self.core.store.write(|tx| Ok(local::raise_pack_sequence(tx, &row.group_id, posted.sequence)?))?;
        Ok(Published { id: row.group_id, sequence: posted.sequence, items: count, findings, dropped: posted.dropped })
    }

    /// The invite link of the owned group `group` (its id or name; `None` for the only one).
    pub fn invite(&self, group: Option<&str>) -> Outcome<String> {
        let row = self.owned_group(group)?;
        let root = row.charters.first().ok_or(GroupError::Malformed { what: "charter" })?;
        let intake = self.core.store.read(|conn| Ok(super::private_rows::owned_intake(conn, &row.group_id)?))?;
        if let Some(intake_public) = intake {
            let invite = invite::PrivateInvite { server: row.server, charter_hash: root.hash(), intake_public };
            return Ok(invite.link());
        }
        let charter = root.charter()?;
        let secrets = GroupKeys::new(self.keys, charter.group_id).secrets()?;
        let invite =
            Invite { server: row.server, charter_hash: root.hash(), epoch: FIRST_EPOCH, read_key: secrets.read_key };
        Ok(invite.link())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_and_region_name_their_field() {
        assert!(language("en").is_ok() && language("en-GB").is_ok());
        assert!(matches!(language("e n"), Err(GroupError::Invalid { field, .. }) if field == "language"));
        assert!(region("").is_ok() && region("GB").is_ok() && region("GB-SCT").is_ok());
        assert!(matches!(region("gb; drop"), Err(GroupError::Invalid { field, .. }) if field == "region"));
    }
}
