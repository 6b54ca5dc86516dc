//! The moderators' side of a private group's members. [`Groups::members`] (owners and publishers) reads the desk,
//! takes in the join inbox's new requests — each opened with the intake secret; one that does not open is counted
//! and skipped, never stored; a request whose member key or request id the roster already holds is kept once —
//! writes the desk back and lets the server drop what was read. [`Groups::approve`] and [`Groups::decline`]
//! (owners only: the roster must be signed by an owner) set a member's status, post the next roster version on
//! the intake mailbox's chain (every approved member's read key wrap at the current epoch, and the tags of
//! declined requests), then write the desk.

use mend_protocol::groups::Channel;
use mend_protocol::hex;
use serde::Serialize;
use zeroize::Zeroizing;

use super::charter::{Charter, SignedCharter};
use super::current::{self, Current};
use super::device::Groups;
use super::error::GroupError;
use super::failure::{GroupsFailure, Outcome};
use super::identity::Identity;
use super::keys::GroupSecrets;
use super::local::OwnedRow;
use super::network;
use super::owner::CHARTER_VALID;
use super::private::desk::{Desk, RosterEntry, Status};
use super::private::intake::{IntakeKey, intake_mailbox_id, moderators_mailbox_id};
use super::private::{request, roster};
use super::private_desk_io::{self, DeskHand};
use super::private_net;
use super::publisher_keys::PublisherKeys;
use super::secrets::GroupKeys;
use crate::crypto::{Bytes32, SigningKey};
use crate::sync::client::Client;
use crate::sync::transport::Transport;

/// One member of a private group as moderators see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberEntry {
    /// A short stable id (hex of the first 8 bytes of the member's key for this group): what approving,
    /// declining and removing take.
    pub member_id: String,
    /// The name the member chose (show it escaped).
    pub display_name: String,
    pub status: Status,
    /// Unix seconds, when the status last changed.
    pub changed_at: i64,
}

/// The members of a private group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberList {
    pub members: Vec<MemberEntry>,
    /// Requests read from the join inbox this time that did not open (damaged, or not for this group): skipped.
    pub unreadable: usize,
}

/// Everyone an owner under some charter of `chain`.
fn ever_owners(chain: &[SignedCharter]) -> Outcome<Vec<Bytes32>> {
    let mut owners = Vec::new();
    for signed in chain {
        for owner in signed.charter()?.owners {
            if !owners.contains(&owner.signing_key) {
                owners.push(owner.signing_key);
            }
        }
    }
    Ok(owners)
}

/// The short id `members` shows for the member whose key is `member_key`.
pub fn member_id(member_key: &Bytes32) -> String {
    hex::encode(&member_key[..8])
}

/// Where the member whose id (as [`member_id`] gives it) is `member_id` stands in the desk's roster.
pub(super) fn position(desk: &Desk, member_id: &str) -> Outcome<usize> {
    let wanted = member_id.trim().to_lowercase();
    desk.roster
        .iter()
        .position(|e| self::member_id(&e.member_key) == wanted)
        .ok_or_else(|| GroupsFailure::NotFound("no member of the group has that id (see the list of members)".into()))
}

pub(super) fn entry(e: &RosterEntry) -> MemberEntry {
    MemberEntry {
        member_id: member_id(&e.member_key),
        display_name: e.display_name.clone(),
        status: e.status,
        changed_at: e.changed_at,
    }
}

/// What a moderator of a private group holds to work on its desk.
pub(super) struct Moderating {
    pub(super) server: String,
    pub(super) charter: Charter,
    /// Owners who signed the charter in force as they left it (`private_desk_io::departing`): a desk they wrote
    /// is trusted.
    pub(super) departing: Vec<Bytes32>,
    /// Everyone who owned the group under any charter of the verified chain: roster versions they signed are what
    /// the owners build the next one on (an owner removed since signed them while they owned the group).
    pub(super) departed: Vec<Bytes32>,
    pub(super) moderators: Bytes32,
    pub(super) exchange_secret: Zeroizing<Bytes32>,
    pub(super) signer: SigningKey,
    pub(super) write_key: SigningKey,
    pub(super) expires_at: i64,
    /// For an owner: the group's row, its verified state and the owner's secrets.
    pub(super) owned: Option<(OwnedRow, Current, GroupSecrets)>,
}

impl Moderating {
    pub(super) fn hand(&self) -> DeskHand<'_> {
        DeskHand {
            mailbox: self.moderators,
            exchange_secret: &self.exchange_secret,
            writer: &self.signer,
            write_key: &self.write_key,
            charter: &self.charter,
            departing: &self.departing,
            also_sealed_to: &[],
            expires_at: self.expires_at,
        }
    }
}

/// Whom an action is for.
#[derive(PartialEq)]
pub(super) enum Who {
    OwnersAndPublishers,
    Owners,
}

impl Groups<'_> {
    /// The group's state and this device's keys for its desk: as an owner, or (when `who` allows) a publisher.
    pub(super) async fn moderating(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        who: Who,
    ) -> Outcome<Moderating> {
        let expires_at = (self.core.clock.now() + CHARTER_VALID).timestamp();
        match self.owned_group(group) {
            Ok(_) => {
                let (row, current, secrets) = self.owned_current(transport, group).await?;
                let keys = GroupKeys::new(self.keys, current.trust.charter.group_id);
                Ok(Moderating {
                    moderators: moderators_mailbox_id(&root_of(&row)?),
                    server: row.server.clone(),
                    charter: current.trust.charter.clone(),
                    departing: private_desk_io::departing(&current.chain)?,
                    departed: ever_owners(&current.chain)?,
                    exchange_secret: keys.owner_exchange()?,
                    signer: keys.owner_signing()?,
                    write_key: secrets.write_key(),
                    expires_at,
                    owned: Some((row, current, secrets)),
                })
            }
            Err(not_owned) => {
                let Some(row) = self.publishing_group(group)? else { return Err(not_owned) };
                if who == Who::Owners {
                    return Err(GroupsFailure::Conflict(
                        "only the group's owners approve, decline or remove members: ask an owner".into(),
                    ));
                }
                let root = root_of(&row)?;
                let keys = PublisherKeys::load(self.keys, &row.charters[0].charter()?.group_id)?;
                let identity =
                    Identity::load(self.keys)?.ok_or(GroupsFailure::KeysMissing("your moderator key is gone"))?;
                let current = current::read(transport, &row.server, &root, &keys.read_key).await?;
                current::extends(&current, &row.charters)?;
                Ok(Moderating {
                    moderators: moderators_mailbox_id(&root),
                    server: row.server,
                    departing: private_desk_io::departing(&current.chain)?,
                    departed: ever_owners(&current.chain)?,
                    charter: current.trust.charter,
                    exchange_secret: Zeroizing::new(*identity.exchange),
                    signer: identity.signing,
                    write_key: keys.write_key(),
                    expires_at,
                    owned: None,
                })
            }
        }
    }

    /// The members of the private group `group` (its id or name; `None` for the only one), after taking in the
    /// join requests that came since the desk was last written.
    pub async fn members(&self, transport: &dyn Transport, group: Option<&str>) -> Outcome<MemberList> {
        let at = self.moderating(transport, group, Who::OwnersAndPublishers).await?;
        let mut client = Client::new(&at.server, transport);
        let desk = private_desk_io::read(&mut client, &at.hand()).await?;
        let intake = IntakeKey::from_secret(&desk.intake_secret);
        let inbox = intake_mailbox_id(&intake.public());
        let messages = private_net::read_inbox(&mut client, &inbox, desk.inbox_read_up_to).await?;
        let mut next = desk.clone();
        let mut unreadable = 0;
        let now = self.core.clock.now().timestamp();
        for message in &messages {
            next.inbox_read_up_to = next.inbox_read_up_to.max(message.sequence);
            let Ok(asked) = request::open(&intake, &message.body) else {
                unreadable += 1;
                continue;
            };
            let known =
                next.roster.iter().any(|e| e.member_key == asked.member_key || e.request_id == asked.request_id);
            if !known {
                next.roster.push(RosterEntry {
                    member_key: asked.member_key,
                    display_name: asked.display_name,
                    status: Status::Pending,
                    changed_at: now,
                    request_id: asked.request_id,
                });
            }
        }
        let written = if next != desk {
            next.sequence += 1;
            let written = private_desk_io::write(&mut client, &at.hand(), next).await?;
            private_net::ack_inbox(&mut client, &inbox, &at.write_key, written.inbox_read_up_to).await?;
            written
        } else {
            desk
        };
        Ok(MemberList { members: written.roster.iter().map(entry).collect(), unreadable })
    }

    /// Approves the request of the member `member_id` (as `members` shows it): the next roster version gives
    /// them the group's read key.
    pub async fn approve(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        member_id: &str,
    ) -> Outcome<MemberEntry> {
        self.decide(transport, group, member_id, Status::Approved).await
    }

    /// Declines the request of the member `member_id`: the next roster version tells their device.
    pub async fn decline(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        member_id: &str,
    ) -> Outcome<MemberEntry> {
        self.decide(transport, group, member_id, Status::Declined).await
    }

    async fn decide(
        &self,
        transport: &dyn Transport,
        group: Option<&str>,
        member_id: &str,
        status: Status,
    ) -> Outcome<MemberEntry> {
        let at = self.moderating(transport, group, Who::Owners).await?;
        let mut client = Client::new(&at.server, transport);
        let mut desk = private_desk_io::read(&mut client, &at.hand()).await?;
        let index = position(&desk, member_id)?;
        // Who is in the group comes from the newest version an owner signed, never from the desk's entries alone.
        let (epoch, mut approved) = staying(&mut client, &at, &desk).await?;
        if epoch != desk.epoch {
            return Err(removal_on_its_way());
        }
        let chosen = &mut desk.roster[index];
        let key = chosen.member_key;
        let allowed = match status {
            Status::Approved => {
                // Not after a decline: the member's device was told no (and may have been told to stop waiting).
                chosen.status == Status::Pending || (chosen.status == Status::Approved && !approved.contains(&key))
            }
            _ => chosen.status == Status::Pending,
        };
        if !allowed || (status == Status::Approved && approved.contains(&key)) {
            return Err(GroupsFailure::Conflict("this request has already been decided".into()));
        }
        chosen.status = status;
        chosen.changed_at = self.core.clock.now().timestamp();
        let decided = entry(chosen);
        if status == Status::Approved {
            approved.push(key);
        } else {
            approved.retain(|k| *k != key);
        }
        // The desk first (a write refused as too low merges into the newer desk), then the version.
        desk.sequence += 1;
        let written = private_desk_io::write(&mut client, &at.hand(), desk).await?;
        if written.epoch != epoch {
            return Err(GroupsFailure::Conflict(
                "the group moved to a new key meanwhile (someone was removed), so this decision was not sent: try \
                 again"
                    .into(),
            ));
        }
        post_roster(&mut client, &at, &written, &approved, self.core.clock.now().timestamp()).await?;
        Ok(decided)
    }
}

/// The hash of `row`'s charter version 1.
pub(super) fn root_of(row: &OwnedRow) -> Outcome<Bytes32> {
    Ok(row.charters.first().ok_or(GroupError::Malformed { what: "charter" })?.hash())
}

/// Refused while another owner's removal of a member (or move to a new key) is half done: its desk is written at
/// the next epoch, its roster version not yet.
pub(super) fn removal_on_its_way() -> GroupsFailure {
    GroupsFailure::Conflict(
        "another owner's removal of a member is still on its way, so nothing was changed: try again in a moment".into(),
    )
}

/// Who is in the group: the members the newest roster version an owner signed names (never the desk's entries
/// alone, which any moderator may write), less anyone the desk says was removed (a removal still on its way, or an
/// earlier one); and that version's epoch (the desk's, before the first version).
pub(super) async fn staying(client: &mut Client<'_>, at: &Moderating, desk: &Desk) -> Outcome<(u32, Vec<Bytes32>)> {
    let (epoch, mut approved) = newest_roster(client, at, desk).await?.unwrap_or((desk.epoch, Vec::new()));
    let removed = |key: &Bytes32| desk.roster.iter().any(|e| e.member_key == *key && e.status == Status::Removed);
    approved.retain(|key| !removed(key));
    Ok((epoch, approved))
}

/// The newest version among `writes` (the intake mailbox's chain) that opens and that an owner signed, verified;
/// versions anyone else who holds the write key posted (or damaged ones) are passed over, as members pass them
/// over.
fn newest_owner_signed(
    at: &Moderating,
    intake_public: &Bytes32,
    writes: &[mend_protocol::groups::SignedWrite],
) -> Outcome<Option<roster::SignedRoster>> {
    let mut newest_first: Vec<_> = writes.iter().collect();
    newest_first.sort_by_key(|w| std::cmp::Reverse(w.sequence));
    for write in newest_first {
        let number = u32::try_from(write.sequence).map_err(|_| GroupError::invalid("roster.version", "is too high"))?;
        let Ok(opened) = roster::open(intake_public, number, &write.body) else { continue };
        if opened.verify(&at.charter, &at.departed).is_ok() {
            return Ok(Some(opened));
        }
    }
    Ok(None)
}

/// The newest roster version on the intake mailbox's chain, verified under the charter in force: its epoch and
/// the keys (from `desk`) of the members it names; `None` before the first. A member it names whom the desk does not
/// know is refused: the next version could not carry them on.
async fn newest_roster(client: &mut Client<'_>, at: &Moderating, desk: &Desk) -> Outcome<Option<(u32, Vec<Bytes32>)>> {
    let intake_public = IntakeKey::from_secret(&desk.intake_secret).public();
    let state = private_net::read_one(client, &intake_mailbox_id(&intake_public), 0, 0).await?;
    let Some(opened) = newest_owner_signed(at, &intake_public, &state.charters)? else { return Ok(None) };
    let version = opened.verify(&at.charter, &at.departed)?;
    let mut named = Vec::new();
    for entry in &version.entries {
        let Some(known) = desk.roster.iter().find(|e| roster::tag(&e.member_key, version.epoch) == entry.tag) else {
            return Err(GroupsFailure::Conflict(
                "the group's list of members names someone its moderators' desk does not know yet, so nothing \
                 was changed: try again in a moment"
                    .into(),
            ));
        };
        named.push(known.member_key);
    }
    Ok(Some((version.epoch, named)))
}

/// Posts the next roster version on the intake mailbox's chain, signed by this owner: the epoch and read key of
/// `desk`, wrapped to the members `approved` (the newest verified version's, plus or minus one decision: never
/// taken from the desk's entries alone, which any moderator may write), and the desk's declined requests.
pub(super) async fn post_roster(
    client: &mut Client<'_>,
    at: &Moderating,
    desk: &Desk,
    approved: &[Bytes32],
    issued_at: i64,
) -> Outcome<()> {
    let intake_public = IntakeKey::from_secret(&desk.intake_secret).public();
    let mailbox = intake_mailbox_id(&intake_public);
    let state = private_net::read_one(client, &mailbox, 0, 0).await?;
    let held = state.charters.iter().map(|w| w.sequence).max().unwrap_or(0);
    // Never a version at an older epoch than the newest one: members would refuse it, and every one after.
    if let Some(newest) = newest_owner_signed(at, &intake_public, &state.charters)? {
        let epoch = newest.verify(&at.charter, &at.departed)?.epoch;
        if epoch > desk.epoch {
            return Err(GroupsFailure::Conflict(
                "another owner's removal of a member is still on its way, so nothing was sent: try again in a \
                 moment"
                    .into(),
            ));
        }
    }
    let version = u32::try_from(held + 1).map_err(|_| GroupError::invalid("roster.version", "is too high"))?;
    let mut entries = approved
        .iter()
        .map(|key| roster::wrap(key, &desk.group_id, desk.epoch, &desk.read_key))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort_by_key(|a| a.tag);
    entries.dedup_by_key(|a| a.tag);
    let mut declined: Vec<roster::Tag> = desk
        .roster
        .iter()
        .filter(|e| e.status == Status::Declined && !approved.contains(&e.member_key))
        .map(|e| roster::tag(&e.member_key, desk.epoch))
        .collect();
    declined.sort();
    let next =
        roster::RosterVersion { group_id: desk.group_id, version, epoch: desk.epoch, issued_at, entries, declined };
    let sealed = roster::build_and_seal(&at.signer, &intake_public, &next)?;
    let write =
        network::signed_write(&mailbox, &at.write_key, Channel::Charter, u64::from(version), at.expires_at, sealed);
    network::post(client, &mailbox, &write).await
}
