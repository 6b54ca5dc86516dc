//! The other side of a hand-off: a co-moderator's device. [`Groups::accept`] opens a link an owner sealed for
//! this device's moderator key (or for the owner key of a group it owns), reads the group's mailbox, verifies the charter chain from the root the link
//! names and that the charter lists this device's key (as a publisher, or as an owner for an owner's link), and
//! only then keeps the keys and the group. [`Groups::publish_as_publisher`] publishes a pack folder within her
//! scopes as her own section of the group's pack (the owners' and other publishers' sections carried forward:
//! [`super::posting`]): her device checks first that the current charter still lists her, that every item is within her
//! scopes, and that her write key is the current one, so she hears why in plain words rather than from the server.

use mend_protocol::hex;
use serde::Serialize;

use super::checks::Finding;
use super::current;
use super::device::{Groups, find};
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::handoff::Handoff;
use super::identity::Identity;
use super::items::{Item, ItemKind};
use super::local::{self, OwnedRow};
use super::moderation_rows;
use super::owner::Published;
use super::posting::Poster;
use super::publisher_keys::PublisherKeys;
use super::repost::Followed;
use super::secrets::GroupKeys;
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::transport::{Transport, check_server};
use zeroize::Zeroizing;

/// Why a publisher's device refuses to publish to a private group whose desk it cannot read.
const DESK_UNREAD: &str = "the group's moderators' desk could not be read or verified, so this device cannot be \
     sure it holds the group's current read key: nothing was published (try again later, or ask an owner)";

/// Why a publisher's device refuses a desk older than the newest it verified.
const DESK_OLDER: &str = "the group's server gave an older moderators' desk than this device has seen, so \
     nothing was published (try again later)";

/// A link just accepted.
#[derive(Debug, Clone, Serialize)]
pub struct Accepted {
    pub id: String,
    /// The group's name, from its verified charter.
    pub name: String,
    /// `owner` or `publisher`.
    pub role: &'static str,
    /// What this device may publish.
    pub scopes: Vec<ItemKind>,
    /// An owner's link: the group's pack is under the charter in force (posted again by this device if it was
    /// not, `repost.rs`). False when that post failed: members who join are refused until the next publish.
    pub pack_followed: bool,
}

impl Groups<'_> {
    /// This device's moderator key (made on first use), to send to an owner.
    pub fn moderator_key(&self) -> Outcome<String> {
        Ok(Identity::load_or_make(self.keys)?.public().code())
    }

    /// Accepts a publisher's or owner's link sealed for this device's moderator key.
    pub async fn accept(&self, transport: &dyn Transport, link: &str) -> Outcome<Accepted> {
        // The keys a link may be sealed for: this device's moderator key, then the owner key of each group it
        // owns (one restored from a backup keeps the key of the device that made it).
        let mut candidates: Vec<(SigningKey, Zeroizing<Bytes32>)> =
            Identity::load(self.keys)?.into_iter().map(|i| (i.signing, i.exchange)).collect();
        let owned = self.core.store.read(|conn| Ok(local::owned(conn)?))?;
        for charter in owned.iter().filter_map(|row| row.charters.first()?.charter().ok()) {
            let keys = GroupKeys::new(self.keys, charter.group_id);
            if let (Ok(signing), Ok(exchange)) = (keys.owner_signing(), keys.owner_exchange()) {
                candidates.push((signing, exchange));
            }
        }
        if candidates.is_empty() {
            return Err(GroupsFailure::Conflict("this device has no moderator key yet: make one first".into()));
        }
        let mut opened = Err(GroupError::invalid("link", "this link could not be opened"));
        for (signing, exchange) in candidates {
            match Handoff::open(link, &exchange) {
                Ok(handoff) => {
                    opened = Ok((handoff, Identity { signing, exchange }));
                    break;
                }
                Err(error) => opened = Err(error),
            }
        }
        let (handoff, identity) = opened?;
        let server = check_server(&handoff.server).map_err(|e| GroupError::invalid("link.server", e.to_string()))?;
        let current = current::read(transport, &server, &handoff.root, &handoff.read_key).await?;
        let charter = &current.trust.charter;
        if charter.group_id != handoff.group_id {
            return Err(GroupError::refused("link", "it names another group than the one it leads to").into());
        }
        let me = identity.signing.public();
        let id = hex::encode(&charter.group_id);
        let row = OwnedRow {
            group_id: id.clone(),
            server,
            charters: current.chain.clone(),
            pack_sequence: current.pack_sequence,
        };
        let now_ms = self.now_ms();
        let scopes = charter.publisher(&me).map(|p| p.scopes.clone()).unwrap_or_default();
        if let Some(secrets) = handoff.secrets() {
            if !charter.is_owner(&me) {
                return Err(
                    GroupError::refused("link", "the group's charter does not list your key as an owner").into()
                );
            }
            // An old link (from before an owner left and the group's secrets were renewed) must not roll newer keys
            // back: its secrets must make the write key the charter names now.
            if secrets.write_key().public() != charter.mailbox_write_key {
                return Err(GroupError::refused(
                    "link",
                    "it is older than the group's keys; ask an owner for a new one (nothing was changed)",
                )
                .into());
            }
            GroupKeys::new(self.keys, charter.group_id).set_owner(&identity.signing, &identity.exchange, &secrets)?;
            self.core.store.write(|tx| {
                if !moderation_rows::set_owned_charters(tx, &id, &row.charters)? {
                    local::insert_owned(tx, &row, now_ms)?;
                }
                // A private group stays private on the new owner's device (its invite the private link).
                if let Some(intake_public) = &handoff.intake_public {
                    super::private_rows::set_owned_intake(tx, &id, intake_public)?;
                }
                moderation_rows::remove_publishing(tx, &id)?;
                Ok(())
            })?;
            // As an owner it holds the group's own secrets: the publisher's copies go.
            PublisherKeys::forget(self.keys, &charter.group_id)?;
            // A handover's charter came from a device that is no longer an owner: the new owner posts the pack
            // under it, so members who join now are not refused (`repost.rs`; the hand-over stands either way).
            let followed = self
                .repost_under_charter(transport, &row, current.clone(), &secrets.read_key, &secrets.write_key())
                .await;
            let pack_followed = matches!(followed, Ok(Followed::Posted { .. } | Followed::Current));
            return Ok(Accepted { id, name: charter.name.clone(), role: "owner", scopes, pack_followed });
        }
        if charter.publisher(&me).is_none() {
            return Err(GroupError::refused("link", "the group's charter does not list your key as a publisher").into());
        }
        let keys = PublisherKeys {
            read_key: handoff.read_key,
            write_secret: handoff.write_secret,
            write_generation: handoff.write_generation,
        };
        keys.store(self.keys, &charter.group_id)?;
        self.core.store.write(|tx| Ok(moderation_rows::upsert_publishing(tx, &row, now_ms)?))?;
        Ok(Accepted { id, name: charter.name.clone(), role: "publisher", scopes, pack_followed: true })
    }

    /// The group this device publishes to without owning it (`group`: id or name; `None`: the only one).
    pub(crate) fn publishing_group(&self, group: Option<&str>) -> Outcome<Option<OwnedRow>> {
        let rows = self.core.store.read(|conn| Ok(moderation_rows::publishing(conn)?))?;
        let name = |row: &OwnedRow| row.charters.last().and_then(|c| c.charter().ok()).map(|c| c.name);
        match group {
            Some(wanted) => {
                let named: Vec<(String, String, &OwnedRow)> =
                    rows.iter().map(|r| (r.group_id.clone(), name(r).unwrap_or_default(), r)).collect();
                Ok(find(&named, wanted, |(id, name, _)| (id, name)).ok().map(|found| found.2.clone()))
            }
            None => match rows.as_slice() {
                [] => Ok(None),
                [one] => Ok(Some(one.clone())),
                _ => Err(GroupsFailure::NotFound(
                    "this device publishes to more than one group: say which, by its id or name".into(),
                )),
            },
        }
    }

    /// Publishes `items` (with the checks' `findings`) as the publisher of `row`.
    pub(crate) async fn publish_as_publisher(
        &self,
        transport: &dyn Transport,
        row: OwnedRow,
        items: Vec<Item>,
        findings: Vec<Finding>,
    ) -> Outcome<Published> {
        let root = row.charters.first().ok_or(GroupError::Malformed { what: "charter" })?.hash();
        let group_id = row.charters[0].charter()?.group_id;
        let mut keys = PublisherKeys::load(self.keys, &group_id)?;
        let identity = Identity::load(self.keys)?.ok_or(GroupsFailure::KeysMissing("your moderator key is gone"))?;
        let mut current = current::read(transport, &row.server, &root, &keys.read_key).await?;
        current::extends(&current, &row.charters)?;
        // A private group that removed a member is at a new epoch: its desk holds the read key in force.
        let moderators = super::private::intake::moderators_mailbox_id(&root);
        let mut client = crate::sync::client::Client::new(&row.server, transport);
        let charter = current.trust.charter.clone();
        let departing = super::private_desk_io::departing(&current.chain)?;
        let desk =
            super::private_desk_io::epoch_desk(&mut client, &moderators, &identity.exchange, &charter, &departing)
                .await?;
        // Only a newer desk than the newest she verified moves her key; once she saw one, she needs one.
        let (floor_epoch, floor_sequence) =
            self.core.store.read(|conn| Ok(moderation_rows::desk_floor(conn, &row.group_id)?))?;
        match desk {
            None if floor_sequence > 0 => return Err(GroupsFailure::Conflict(DESK_UNREAD.into())),
            None => {}
            Some(desk) => {
                if desk.sequence < floor_sequence || desk.epoch < floor_epoch {
                    return Err(GroupsFailure::Conflict(DESK_OLDER.into()));
                }
                if desk.read_key != keys.read_key {
                    if desk.epoch <= floor_epoch {
                        return Err(GroupsFailure::Conflict(DESK_OLDER.into()));
                    }
                    current = current::read(transport, &row.server, &root, &desk.read_key).await?;
                    current::extends(&current, &row.charters)?;
                    keys.read_key = desk.read_key;
                    keys.store(self.keys, &group_id)?;
                }
                self.core
                    .store
                    .write(|tx| Ok(moderation_rows::raise_desk_floor(tx, &row.group_id, desk.epoch, desk.sequence)?))?;
            }
        }
        let charter = &current.trust.charter;
        let Some(me) = charter.publisher(&identity.signing.public()) else {
            return Err(GroupsFailure::Conflict(
                "the group's charter no longer lists you as a publisher, so members would refuse this pack".into(),
            ));
        };
        for (i, item) in items.iter().enumerate() {
            if !me.scopes.contains(&item.kind()) {
                let allowed: Vec<&str> = me.scopes.iter().map(|k| k.code()).collect();
                return Err(GroupError::invalid(
                    format!("items[{i}]"),
                    format!("this is a {}; you may publish only {}", item.kind().code(), allowed.join(", ")),
                )
                .into());
            }
        }
        if keys.write_key().public() != charter.mailbox_write_key {
            return Err(GroupsFailure::KeysMissing(
                "the group's write key has changed; ask an owner for a new publisher link",
            ));
        }
        let count = items.len();
        let poster = Poster {
            server: &row.server,
            known: &row.charters,
            read_key: &keys.read_key,
            write_key: &keys.write_key(),
            signer: &identity.signing,
            floor: row.pack_sequence,
        };
        let chain = current.chain.clone();
        let posted = self.post_section(transport, &poster, current, |_, _| Ok(items.clone())).await?;
        let sequence = posted.sequence;
        let updated = OwnedRow { charters: chain, pack_sequence: sequence, ..row };
        let now_ms = self.now_ms();
        self.core.store.write(|tx| Ok(moderation_rows::upsert_publishing(tx, &updated, now_ms)?))?;
        Ok(Published { id: updated.group_id, sequence, items: count, findings, dropped: posted.dropped })
    }
}
