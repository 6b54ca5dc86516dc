//! An owner adds and removes publishers. Adding one (`publishers add GROUP KEY --scopes meeting,service`) puts a
//! new charter in force that lists her key with her scopes, and gives the owner a link sealed for her key with
//! what she needs to publish (the server, the trust root, the read key and the current write key). Removing one
//! puts in force a charter without her that names the next mailbox write key, rotated on the server first: her
//! later writes are refused by the server, and any pack she signs by members. The publishers who remain need the
//! new write key: removing gives a fresh link for each.
//!
//! Both sign with this device's owner key alone, so they need a group whose threshold is 1; with more owners the
//! change travels as a draft (`charter propose|sign|publish`, [`super::charter_flow`]).

use serde::Serialize;

use super::charter::{Publisher, SignedCharter};
use super::charter_change::{PackAfterChange, next_charter, removes_someone};
use super::current::{self, Current};
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::handoff::Handoff;
use super::identity::KeyCode;
use super::items::ItemKind;
use super::keys::GroupSecrets;
use super::local::OwnedRow;
use super::moderation_rows;
use super::private::intake::moderators_mailbox_id;
use super::private_desk_io;
use super::private_rows;
use super::secrets::GroupKeys;
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// Why an owner's device refuses to act on a private group whose desk it cannot read.
const DESK_UNREAD: &str = "the group's moderators' desk could not be read or verified, so this device cannot be \
     sure it holds the group's current read key: nothing was published or changed (try again later)";

/// Why an owner's device refuses a desk older than the epoch it holds.
const DESK_OLDER: &str = "the group's server gave an older moderators' desk than this device has seen, so \
     nothing was published or changed (try again later)";

/// A publisher just added.
#[derive(Debug, Clone, Serialize)]
pub struct PublisherAdded {
    pub group_id: String,
    pub name: String,
    pub scopes: Vec<ItemKind>,
    pub charter_version: u32,
    /// Sealed for her key: send it to her (only her device can open it).
    pub link: String,
    /// The pack posted again under the new charter (`repost.rs`).
    pub pack: PackAfterChange,
}

/// A link for a publisher who remains after another was removed.
#[derive(Debug, Clone, Serialize)]
pub struct PublisherLink {
    pub name: String,
    pub link: String,
}

/// A publisher just removed.
#[derive(Debug, Clone, Serialize)]
pub struct PublisherRemoved {
    pub group_id: String,
    pub name: String,
    pub charter_version: u32,
    /// The mailbox write key's generation now in force.
    pub write_generation: u32,
    /// A new link for each publisher who remains (their old write key no longer works).
    pub links: Vec<PublisherLink>,
    /// The pack posted again under the new charter, without her section (`repost.rs`).
    pub pack: PackAfterChange,
}

/// Reads a list of scopes such as `meeting,service`.
pub fn parse_scopes(text: &str) -> Result<Vec<ItemKind>, GroupError> {
    let mut scopes = Vec::new();
    for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let kind = ItemKind::ALL
            .into_iter()
            .find(|k| k.code() == word)
            .ok_or_else(|| GroupError::invalid("scopes", "each scope is one of article, meeting, service, hotline"))?;
        if !scopes.contains(&kind) {
            scopes.push(kind);
        }
    }
    if scopes.is_empty() {
        return Err(GroupError::invalid("scopes", "name at least one of article, meeting, service, hotline"));
    }
    scopes.sort();
    Ok(scopes)
}

impl Groups<'_> {
    /// The owned group `group`, its verified state on the server, and the owner's secrets.
    pub(crate) async fn owned_current(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
    ) -> Outcome<(OwnedRow, Current, GroupSecrets)> {
        let row = self.owned_group(group)?;
        let root = row.charters.first().ok_or(GroupError::Malformed { what: "charter" })?;
        let keys = GroupKeys::new(self.keys, root.charter()?.group_id);
        let mut secrets = keys.secrets()?;
        let mut current = current::read(transport, &row.server, &root.hash(), &secrets.read_key).await?;
        current::extends(&current, &row.charters)?;
        // A private group may be at a newer epoch (another owner's device removed a member): its read key is in
        // the moderators' desk. Without a desk this device can read and trust, it cannot know, so it refuses.
        let private = self.core.store.read(|conn| Ok(private_rows::owned_intake(conn, &row.group_id)?))?.is_some();
        if private {
            let held = self.core.store.read(|conn| Ok(private_rows::owned_epoch(conn, &row.group_id)?))?;
            let owner_exchange = keys.owner_exchange()?;
            let mut client = Client::new(&row.server, transport);
            let moderators = moderators_mailbox_id(&root.hash());
            let departing = private_desk_io::departing(&current.chain)?;
            let charter = &current.trust.charter;
            let desk = private_desk_io::open_from(&mut client, &moderators, &owner_exchange, charter, &departing)
                .await
                .map_err(|error| match error {
                    GroupsFailure::Group(_) | GroupsFailure::GroupGone => GroupsFailure::Conflict(DESK_UNREAD.into()),
                    other => other,
                })?;
            if desk.epoch < held {
                return Err(GroupsFailure::Conflict(DESK_OLDER.into()));
            }
            if desk.epoch > held {
                if desk.read_key != secrets.read_key {
                    current = current::read(transport, &row.server, &root.hash(), &desk.read_key).await?;
                    current::extends(&current, &row.charters)?;
                    secrets.read_key = desk.read_key;
                    keys.set_secrets(&secrets)?;
                    // A backup made before holds the old read key.
                    self.core.store.write(|tx| Ok(moderation_rows::backup_outdated(tx, &row.group_id)?))?;
                }
                self.core.store.write(|tx| Ok(private_rows::set_owned_epoch(tx, &row.group_id, desk.epoch)?))?;
            }
        }
        // Another owner's device may have rotated the write key: follow the charter to its generation.
        let wanted = current.trust.charter.mailbox_write_key;
        if secrets.write_key().public() != wanted {
            let mut next = secrets.clone();
            for _ in 0..64 {
                if next.rotate_write_key().public() == wanted {
                    keys.set_secrets(&next)?;
                    secrets = next;
                    break;
                }
            }
        }
        Ok((row, current, secrets))
    }

    /// Signs `next` with this device's owner key, alone: refused when the group needs more owners.
    fn sign_alone(&self, current: &Current, next: &super::charter::Charter) -> Outcome<SignedCharter> {
        if current.trust.charter.threshold > 1 {
            return Err(GroupsFailure::Conflict(
                "this group needs more than one owner to change its charter: propose the change as a draft for the other owners to sign".into(),
            ));
        }
        let owner = GroupKeys::new(self.keys, next.group_id).owner_signing()?;
        if !current.trust.charter.is_owner(&owner.public()) {
            return Err(GroupsFailure::Conflict("this device is no longer an owner of the group".into()));
        }
        let mut signed = SignedCharter::new(next)?;
        signed.sign(&owner);
        Ok(signed)
    }

    /// Adds the moderator whose key code is `key` as a publisher of `scopes`, under `name`.
    pub async fn add_publisher(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        key: &str,
        name: &str,
        scopes: Vec<ItemKind>,
    ) -> Outcome<PublisherAdded> {
        let code = KeyCode::parse(key)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(GroupError::invalid("name", "must be 1-100 characters").into());
        }
        let (row, current, secrets) = self.owned_current(transport, group).await?;
        if current.trust.charter.publisher(&code.signing).is_some() {
            return Err(GroupsFailure::Conflict("this key is already a publisher of the group".into()));
        }
        let mut next = next_charter(&current, &secrets, self.core.clock.now());
        next.publishers.push(Publisher {
            name: name.to_owned(),
            signing_key: code.signing,
            exchange_key: code.exchange,
            scopes: scopes.clone(),
        });
        let signed = self.sign_alone(&current, &next)?;
        let (secrets, pack) = self.put_charter(transport, &row, &current, &signed).await?;
        let link = Handoff::publisher(&row.server, current.chain[0].hash(), &secrets).seal(&code.exchange)?;
        Ok(PublisherAdded {
            group_id: row.group_id,
            name: name.to_owned(),
            scopes,
            charter_version: next.version,
            link,
            pack,
        })
    }

    /// Removes the publisher `who` (her key code or her name) and rotates the mailbox write key.
    pub async fn remove_publisher(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        who: &str,
    ) -> Outcome<PublisherRemoved> {
        let (row, current, secrets) = self.owned_current(transport, group).await?;
        let charter = &current.trust.charter;
        let owner = GroupKeys::new(self.keys, charter.group_id).owner_signing()?;
        let removed = find_publisher(charter, who)?;
        if removed.signing_key == owner.public() {
            return Err(GroupsFailure::Conflict("you cannot remove yourself as a publisher here".into()));
        }
        let mut next = next_charter(&current, &secrets, self.core.clock.now());
        next.publishers.retain(|p| p.signing_key != removed.signing_key);
        let mut rotated = secrets.clone();
        next.mailbox_write_key = rotated.rotate_write_key().public();
        debug_assert!(removes_someone(charter, &next));
        let signed = self.sign_alone(&current, &next)?;
        let (secrets, pack) = self.put_charter(transport, &row, &current, &signed).await?;
        let root = current.chain[0].hash();
        let links = next
            .publishers
            .iter()
            .filter(|p| !next.is_owner(&p.signing_key))
            .map(|p| {
                let link = Handoff::publisher(&row.server, root, &secrets).seal(&p.exchange_key)?;
                Ok(PublisherLink { name: p.name.clone(), link })
            })
            .collect::<Result<_, GroupError>>()?;
        Ok(PublisherRemoved {
            group_id: row.group_id,
            name: removed.name.clone(),
            charter_version: next.version,
            write_generation: secrets.write_generation,
            links,
            pack,
        })
    }
}

/// The publisher `who` names: her key code, or her name (ignoring case) when only one has it.
pub(crate) fn find_publisher<'c>(charter: &'c super::charter::Charter, who: &str) -> Outcome<&'c Publisher> {
    if let Ok(code) = KeyCode::parse(who) {
        return charter
            .publisher(&code.signing)
            .ok_or_else(|| GroupsFailure::NotFound("no publisher of the group has this key".into()));
    }
    let named: Vec<&Publisher> =
        charter.publishers.iter().filter(|p| p.name.to_lowercase() == who.trim().to_lowercase()).collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => Err(GroupsFailure::NotFound(
            "no publisher of the group has that key or name (see the group's charter)".into(),
        )),
        _ => Err(GroupsFailure::NotFound("more than one publisher has that name: give her key".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_read_and_a_wrong_one_names_the_field() {
        assert_eq!(parse_scopes("meeting, service,meeting").unwrap(), [ItemKind::Meeting, ItemKind::Service]);
        assert!(
            matches!(parse_scopes("meeting,hotlines"), Err(GroupError::Invalid { field, .. }) if field == "scopes")
        );
        assert!(matches!(parse_scopes(" , "), Err(GroupError::Invalid { field, .. }) if field == "scopes"));
    }
}
