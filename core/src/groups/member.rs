//! The member's flow: [`Groups::join`] reads an invite, fetches the group's mailbox, verifies the charter chain
//! from the hash the invite pins and the pack with [`GroupTrust`], and only then stores anything;
//! [`Groups::refresh`] reads every joined group in one `POST /v1/groups/read` per server (one request in the
//! usual case of one server), verifies, and stores only what verifies, never going back to an older pack or
//! charter; [`Groups::leave`] removes a group, its items and its read key from this device, and
//! [`Groups::leave_with`] also the person's Library state of its articles and (when they say so) the reminders
//! made from its meetings.

use chrono::{DateTime, Utc};
use mend_protocol::groups::{Channel, GroupCursor, GroupState, SignedWrite};
use mend_protocol::hex;
use serde::Serialize;

use super::charter::SignedCharter;
use super::charter_box;
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::follow;
use super::follows;
use super::freshness;
use super::invite::Invite;
use super::items::Item;
use super::keys::mailbox_id;
use super::local::{self, JoinedRow};
use super::memberships::{self, Membership, MembershipKey, MembershipRole};
use super::network;
use super::schedule;
use super::secrets::GroupKeys;
use super::trust::GroupTrust;
use crate::crypto::Bytes32;
use crate::observe::Change;
use crate::reminders::Reminder;
use crate::sync::client::Client;
use crate::sync::transport::{Transport, check_server};

/// A group just joined.
#[derive(Debug, Clone, Serialize)]
pub struct Joined {
    pub id: String,
    /// The group's name, from its verified charter.
    pub name: String,
    pub description: String,
    /// Items verified (0 when nothing is published yet).
    pub items: usize,
}

/// What a refresh did for one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Refreshed {
    /// A newer pack (or charter) verified and is stored.
    Updated { id: String, name: String, sequence: u64 },
    /// Nothing newer.
    Unchanged { id: String, name: String },
    /// Something newer came but did not verify: what was verified before stays.
    Refused { id: String, name: String, reason: String },
    /// The server no longer has the group: what was verified stays.
    Gone { id: String, name: String },
    /// The group's server could not be reached (or answered in a way Mend could not use): what was verified
    /// stays, and the next refresh tries again.
    Unreachable { id: String, name: String, reason: String },
}

/// The charters among `writes`, opened and in version order (their signatures are for [`GroupTrust`]).
fn charters(read_key: &Bytes32, writes: &[SignedWrite]) -> Result<Vec<SignedCharter>, GroupError> {
    let mailbox = mailbox_id(read_key);
    let mut writes: Vec<&SignedWrite> = writes.iter().filter(|w| w.channel == Channel::Charter).collect();
    writes.sort_by_key(|w| w.sequence);
    writes.iter().map(|w| charter_box::open(read_key, &mailbox, &w.body)).collect()
}

/// A newer pack that verified: its items and when it expires.
pub(crate) struct VerifiedPack {
    pub items: Vec<Item>,
    pub expires_at: DateTime<Utc>,
}

/// Verifies what a mailbox holds on top of `trust` (a copy: the caller keeps it only on success). Gives the
/// new state and, when a newer pack verified, its items and expiry.
pub(crate) fn verify_state(
    trust: &GroupTrust,
    read_key: &Bytes32,
    state: &GroupState,
    now: DateTime<Utc>,
) -> Result<(GroupTrust, Option<VerifiedPack>), GroupError> {
    let mut next = trust.clone();
    next.apply_charters(&charters(read_key, &state.charters)?)?;
    let pack = match &state.pack {
        Some(write) if write.channel == Channel::Pack => {
            let pack = next.accept_pack(read_key, &write.body, now)?;
            // The number members keep is the pack's own: it must be the one the server holds it under, so a pack
            // numbered far ahead cannot stop every later one from reaching members.
            if pack.sequence != write.sequence {
                return Err(GroupError::refused("pack", "its number is not the one the server holds it under"));
            }
            Some(VerifiedPack { items: pack.items(), expires_at: pack.expires_at })
        }
        Some(_) => return Err(GroupError::Malformed { what: "pack" }),
        None => None,
    };
    Ok((next, pack))
}

impl Groups<'_> {
    /// Joins the group an invite link names: nothing is stored unless the charter chain verifies from the
    /// pinned hash and the pack (if any) verifies under it. With the account's keys ([`Groups::with_account`]),
    /// the person's membership row is written in the same transaction, so their other devices join too.
    pub async fn join(&self, transport: &dyn Transport, link: &str) -> Outcome<Joined> {
        if let Ok(super::invite::Link::Private(_)) = super::invite::parse_link(link) {
            return Err(GroupsFailure::Conflict(
                "this invite is for a private group: ask to join it, with the name its moderators will see, and \
                 they will look at your request"
                    .into(),
            ));
        }
        let invite = Invite::parse(link)?;
        let key = self.membership_key()?;
        self.join_invite(transport, &invite, None, key.as_ref()).await
    }

    /// Reads the group whose mailbox derives from `read_key` on `server` and verifies it from the pinned hash of
    /// charter version 1, `pinned`: the charter chain, then the pack (if any). Nothing is stored.
    pub(crate) async fn fetch_verified(
        &self,
        transport: &dyn Transport,
        server: &str,
        pinned: &Bytes32,
        read_key: &Bytes32,
    ) -> Outcome<(GroupTrust, Option<VerifiedPack>)> {
        let mailbox = mailbox_id(read_key);
        let mut client = Client::new(server, transport);
        let cursor = GroupCursor { mailbox_id: mailbox.to_vec(), pack_after: 0, charter_after: 0 };
        let state = network::read(&mut client, vec![cursor]).await?.pop().ok_or(GroupsFailure::GroupGone)?;
        if !state.found {
            return Err(GroupsFailure::GroupGone);
        }
        let chain = charters(read_key, &state.charters)?;
        let root = chain.first().ok_or(GroupError::refused("charter", "the group has no charter"))?;
        let root_trust = GroupTrust::from_root(pinned, root).map_err(|error| match error {
            GroupError::Refused { .. } if root.hash() != *pinned => GroupsFailure::InviteMismatch,
            other => GroupsFailure::Group(other),
        })?;
        Ok(verify_state(&root_trust, read_key, &state, self.core.clock.now())?)
    }

    /// Joins from an invite's parts (a link, or a membership row made on another device of the person's).
    /// `from_row`: the row the parts came from, whose group id they must lead to (refused otherwise) and whose
    /// version this device's copy then agrees with. With `record`, the membership row is written in the join's
    /// transaction.
    pub(crate) async fn join_invite(
        &self,
        transport: &dyn Transport,
        invite: &Invite,
        from_row: Option<&Membership>,
        record: Option<&MembershipKey>,
    ) -> Outcome<Joined> {
        let server = check_server(&invite.server).map_err(|e| GroupError::invalid("invite.server", e.to_string()))?;
        let now = self.core.clock.now();
        let (trust, pack) = self.fetch_verified(transport, &server, &invite.charter_hash, &invite.read_key).await?;
        let expires_at = pack.as_ref().map(|p| p.expires_at);
        let id = hex::encode(&trust.group_id());
        if from_row.is_some_and(|row| row.group_id != id) {
            return Err(GroupError::invalid("group_memberships.group_id", "is not the group its keys lead to").into());
        }
        let (already, moderated) = self.core.store.read(|conn| {
            let moderated = local::owned(conn)?
                .into_iter()
                .chain(super::moderation_rows::publishing(conn)?)
                .any(|group| group.group_id == id);
            Ok((local::joined_one(conn, &id)?, moderated))
        })?;
        if already.is_some() {
            return Err(GroupsFailure::Conflict("you have already joined this group".into()));
        }
        if moderated {
            return Err(GroupsFailure::Conflict(
                "you moderate this group on this device; join it on another device to see it as members do".into(),
            ));
        }
        GroupKeys::new(self.keys, trust.group_id()).set_read_key(&invite.read_key)?;
        let row = JoinedRow { group_id: id.clone(), server, trust, items: pack.map(|p| p.items).unwrap_or_default() };
        let now_ms = self.now_ms();
        let written = self.core.store.write(|tx| {
            local::insert_joined(tx, &row, now_ms)?;
            if let Some(at) = expires_at {
                freshness::set_pack_expiry(tx, &row.group_id, at)?;
            }
            if let Some(key) = record {
                let invite = Invite { server: row.server.clone(), ..invite.clone() };
                memberships::record_member(tx, key, &row.group_id, &invite, now)?;
            }
            if let Some(from) = from_row {
                memberships::mark_seen(tx, &row.group_id, MembershipRole::Member, from.updated_at)?;
            }
            Ok(())
        });
        if let Err(error) = written {
            // Nothing was joined: the read key stored above goes too.
            GroupKeys::new(self.keys, row.trust.group_id()).forget_read_key()?;
            return Err(error.into());
        }
        self.core.notify(&[Change::Library]);
        let charter = &row.trust.charter;
        Ok(Joined {
            id,
            name: charter.name.clone(),
            description: charter.description.clone(),
            items: row.items.iter().filter(|i| !i.withdrawn).count(),
        })
    }

    /// Fetches every joined group (one request per server), verifies what is newer, and stores only what
    /// verifies (a private group's roster chain is read first: [`Groups::refresh_private`]). A group whose key is missing, whose newer writes do not verify, or whose server is out of reach
    /// keeps what it had, and says so in its [`Refreshed`].
    pub async fn refresh(&self, transport: &dyn Transport) -> Outcome<Vec<Refreshed>> {
        // Private groups first: a new epoch's key, or a removal, before reading the groups themselves
        // (`Groups::refresh_private` reports what it found).
        self.refresh_private(transport).await?;
        let (mut joined, removed) =
            self.core.store.read(|conn| Ok((local::joined(conn)?, super::private_rows::removed_ids(conn)?)))?;
        // A member removed from a private group keeps what was verified and fetches nothing more.
        joined.retain(|row| !removed.contains(&row.group_id));
        let mut servers: Vec<&str> = joined.iter().map(|r| r.server.as_str()).collect();
        servers.sort_unstable();
        servers.dedup();
        let mut out = Vec::with_capacity(joined.len());
        for server in servers {
            let rows: Vec<&JoinedRow> = joined.iter().filter(|r| r.server == server).collect();
            let mut asked = Vec::with_capacity(rows.len());
            for row in rows {
                match GroupKeys::new(self.keys, row.trust.group_id()).read_key() {
                    Ok(key) => asked.push((row, key)),
                    Err(error) => out.push(Refreshed::Refused {
                        id: row.group_id.clone(),
                        name: row.trust.charter.name.clone(),
                        reason: error.to_string(),
                    }),
                }
            }
            if asked.is_empty() {
                continue;
            }
            let cursors = asked
                .iter()
                .map(|(row, key)| GroupCursor {
                    mailbox_id: mailbox_id(key).to_vec(),
                    pack_after: row.trust.pack_sequence,
                    charter_after: u64::from(row.trust.charter.version),
                })
                .collect();
            let mut client = Client::new(server, transport);
            match network::read(&mut client, cursors).await {
                Ok(states) => {
                    for ((row, key), state) in asked.iter().zip(&states) {
                        out.push(self.apply(row, key, state)?);
                    }
                }
                // One server out of reach does not keep the others' groups from refreshing.
                Err(GroupsFailure::Network(error)) => out.extend(asked.iter().map(|(row, _)| Refreshed::Unreachable {
                    id: row.group_id.clone(),
                    name: row.trust.charter.name.clone(),
                    reason: error.to_string(),
                })),
                Err(other) => return Err(other),
            }
        }
        let now_ms = self.now_ms();
        self.core.store.write(|tx| Ok(schedule::mark_checked(tx, now_ms)?))?;
        Ok(out)
    }

    fn apply(&self, row: &JoinedRow, key: &Bytes32, state: &GroupState) -> Outcome<Refreshed> {
        let (id, name) = (row.group_id.clone(), row.trust.charter.name.clone());
        if !state.found {
            return Ok(Refreshed::Gone { id, name });
        }
        if state.pack.is_none() && state.charters.is_empty() {
            return Ok(Refreshed::Unchanged { id, name });
        }
        let (trust, pack) = match verify_state(&row.trust, key, state, self.core.clock.now()) {
            Ok(verified) => verified,
            Err(error) => return Ok(Refreshed::Refused { id, name, reason: error.to_string() }),
        };
        let (now, now_ms) = (self.core.clock.now(), self.now_ms());
        let (stored, tracked) = self.core.store.write(|tx| {
            let stored = local::update_joined(tx, &id, &trust, pack.as_ref().map(|p| p.items.as_slice()), now_ms)?;
            let mut tracked = 0;
            if let (true, Some(p)) = (stored, &pack) {
                freshness::set_pack_expiry(tx, &id, p.expires_at)?;
                // A followed meeting that moved moves its reminder, in the same write.
                tracked = follow::track(tx, &id, &row.items, &p.items, now)?;
            }
            Ok((stored, tracked))
        })?;
        if stored {
            self.core.notify(&[Change::Library]);
        }
        if tracked > 0 {
            self.core.notify(&[Change::Reminders]);
        }
        Ok(if stored {
            Refreshed::Updated { id, name: trust.charter.name.clone(), sequence: trust.pack_sequence }
        } else {
            Refreshed::Unchanged { id, name }
        })
    }

    /// Leaves a joined group (`group`: its id or name): its items, its Library entries and its read key are
    /// removed from this device; reminders made from its meetings are kept. Gives the group's name.
    pub fn leave(&self, group: &str) -> Outcome<String> {
        Ok(self.leave_with(group, false)?.name)
    }

    /// The reminders made from a joined group's meetings that are still there (what leaving asks about).
    pub fn followed_reminders(&self, group: &str) -> Outcome<Vec<Reminder>> {
        let row = self.joined_group(group)?;
        let guids = self.core.store.read(|conn| Ok(follows::live(conn, &row.group_id)?))?;
        let reminders = crate::reminders::Reminders::new(self.core);
        let mut out = Vec::with_capacity(guids.len());
        for follow in guids {
            out.extend(reminders.reminder(&follow.reminder_guid)?);
        }
        Ok(out)
    }

    /// Leaves a joined group: in one write, its row, its items and Library entries, the person's Library state
    /// of its articles (bookmarks, read times: tombstoned, so their other devices forget them too), the links
    /// of its meetings to reminders and — when `remove_reminders` (the person said yes) — those reminders and
    /// their history; then its read key. The person's membership row is marked left with their answer in the
    /// same write, so their other devices leave too and remove or keep the reminders each made as they said.
    pub fn leave_with(&self, group: &str, remove_reminders: bool) -> Outcome<Left> {
        let row = self.joined_group(group)?;
        let id = row.group_id.clone();
        let now = self.core.clock.now();
        let (states, removed, kept) = self.core.store.write_person(|tx, _| {
            local::remove_joined(tx, &id)?;
            // The person's other devices leave too when sync carries this, and follow the same answer.
            memberships::leave(tx, &id, remove_reminders, now)?;
            let states = local::forget_library_states(tx, &id, now)?;
            let followed = follows::live(tx, &id)?;
            let mut removed = 0;
            let mut kept = Vec::new();
            for follow in followed {
                if remove_reminders {
                    removed += crate::reminders::manage::delete_in(tx, &follow.reminder_guid, now)?;
                } else {
                    kept.push(follow.reminder_guid);
                }
            }
            follows::remove_group(tx, &id)?;
            Ok((states, removed, kept))
        })?;
        if removed > 0 {
            self.core.store.scrub()?;
        }
        let mut changes = vec![Change::Library];
        if removed > 0 {
            changes.push(Change::Reminders);
        }
        self.core.notify(&changes);
        GroupKeys::new(self.keys, row.trust.group_id()).forget_read_key()?;
        // A private group's key for this person, if it was one.
        super::private_member::forget_member_secret(self.keys, &row.trust.pinned)?;
        Ok(Left {
            name: row.trust.charter.name.clone(),
            states_removed: states,
            reminders_removed: removed,
            reminders_kept: kept,
        })
    }
}

/// What leaving a group removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Left {
    /// The group's name.
    pub name: String,
    /// Bookmarks and read marks of its articles.
    pub states_removed: usize,
    /// Reminders made from its meetings, removed because the person said so.
    pub reminders_removed: usize,
    /// The guids of those kept (the person may still want them; they no longer come from a group).
    pub reminders_kept: Vec<String>,
}
