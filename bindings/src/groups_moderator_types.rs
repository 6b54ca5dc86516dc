//! Co-moderators' records as the apps see them, converted one to one from the core's (`mend_core::groups`):
//! a link accepted, a publisher added or removed, a charter change to propose, a draft and where it stands, a
//! change put in force with the links it made, and one group as its charter describes it. Names, descriptions
//! and a draft's listed changes quote the moderators' own words; the app shows them as theirs.

use chrono::{DateTime, Utc};
use mend_core::groups::charter_flow::{CharterChanges, CharterPublished, DraftStatus};
use mend_core::groups::items::ItemKind;
use mend_core::groups::publishers::{PublisherAdded, PublisherLink, PublisherRemoved};
use mend_core::groups::publishing::Accepted;
use mend_core::groups::show::{GroupDetails as CoreDetails, Part};

use crate::groups_types::{GroupSectionDropped, dropped};

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A link sealed for one moderator's key: send it to them (only their device can open it).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupModeratorLink {
    pub name: String,
    pub link: String,
}

impl From<PublisherLink> for GroupModeratorLink {
    fn from(l: PublisherLink) -> Self {
        GroupModeratorLink { name: l.name, link: l.link }
    }
}

fn links(links: Vec<PublisherLink>) -> Vec<GroupModeratorLink> {
    links.into_iter().map(GroupModeratorLink::from).collect()
}

/// A moderator's link this device accepted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupAccepted {
    pub id: String,
    pub name: String,
    /// True when this device now owns the group; false for a publisher.
    pub owner: bool,
    /// What this device may publish.
    pub scopes: Vec<ItemKind>,
    /// An owner's link: the pack is under the charter in force (false when posting it again failed).
    pub pack_followed: bool,
}

impl From<Accepted> for GroupAccepted {
    fn from(a: Accepted) -> Self {
        GroupAccepted {
            id: a.id,
            name: a.name,
            owner: a.role == "owner",
            scopes: a.scopes,
            pack_followed: a.pack_followed,
        }
    }
}

/// A publisher added (`links`: hers) or removed (`links`: a new one for each publisher who remains).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupPublishersChanged {
    pub group_id: String,
    /// The publisher added or removed.
    pub name: String,
    /// The charter version now in force.
    pub charter_version: u32,
    pub links: Vec<GroupModeratorLink>,
    /// Sections the pack left out when it was posted again under the new charter.
    pub dropped: Vec<GroupSectionDropped>,
    /// The pack is under the new charter. False when posting it again failed (or, after a handover, until the new
    /// owner accepts): members who join are refused until the next publish.
    pub pack_followed: bool,
    /// A private group a moderator left (removed, or handing it over) moved to this new key's epoch.
    pub new_epoch: Option<u32>,
    /// That move failed: the removed moderator can still read what is published until an owner calls
    /// `groups_rekey`.
    pub rekey_needed: bool,
}

impl From<PublisherAdded> for GroupPublishersChanged {
    fn from(a: PublisherAdded) -> Self {
        let link = GroupModeratorLink { name: a.name.clone(), link: a.link };
        GroupPublishersChanged {
            group_id: a.group_id,
            name: a.name,
            charter_version: a.charter_version,
            links: vec![link],
            dropped: dropped(a.pack.dropped),
            pack_followed: a.pack.followed,
            new_epoch: a.pack.new_epoch,
            rekey_needed: a.pack.rekey_needed,
        }
    }
}

impl From<PublisherRemoved> for GroupPublishersChanged {
    fn from(r: PublisherRemoved) -> Self {
        GroupPublishersChanged {
            group_id: r.group_id,
            name: r.name,
            charter_version: r.charter_version,
            links: links(r.links),
            dropped: dropped(r.pack.dropped),
            pack_followed: r.pack.followed,
            new_epoch: r.pack.new_epoch,
            rekey_needed: r.pack.rekey_needed,
        }
    }
}

/// A moderator to add in a charter change: their name, their key code, and (publishers) their scopes.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupNewModerator {
    pub name: String,
    pub key: String,
    /// Ignored for owners, who may publish everything.
    pub scopes: Vec<ItemKind>,
}

/// A charter change to propose: each part left empty stays as it is. Moderators to remove are named by key
/// code or name.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupCharterChange {
    pub name: Option<String>,
    pub description: Option<String>,
    pub add_owners: Vec<GroupNewModerator>,
    pub remove_owners: Vec<String>,
    pub threshold: Option<u8>,
    pub add_publishers: Vec<GroupNewModerator>,
    pub remove_publishers: Vec<String>,
}

impl From<GroupCharterChange> for CharterChanges {
    fn from(c: GroupCharterChange) -> Self {
        CharterChanges {
            name: c.name,
            description: c.description,
            add_owners: c.add_owners.into_iter().map(|m| (m.name, m.key)).collect(),
            remove_owners: c.remove_owners,
            threshold: c.threshold,
            add_publishers: c.add_publishers.into_iter().map(|m| (m.name, m.key, m.scopes)).collect(),
            remove_publishers: c.remove_publishers,
        }
    }
}

/// Where a draft stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupDraftStatus {
    pub group_id: String,
    /// The proposed charter version.
    pub version: u32,
    /// What it changes, in plain words (names are the moderators' own).
    pub changes: Vec<String>,
    pub old_owners_signed: u32,
    pub old_threshold: u8,
    pub new_owners_signed: u32,
    pub new_threshold: u8,
    /// Enough signatures to put it in force.
    pub ready: bool,
}

impl From<DraftStatus> for GroupDraftStatus {
    fn from(s: DraftStatus) -> Self {
        GroupDraftStatus {
            group_id: s.group_id,
            version: s.version,
            changes: s.changes,
            old_owners_signed: count(s.old_owners_signed),
            old_threshold: s.old_threshold,
            new_owners_signed: count(s.new_owners_signed),
            new_threshold: s.new_threshold,
            ready: s.ready,
        }
    }
}

/// A draft's text (to share with the other owners) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupDraft {
    pub text: String,
    pub status: GroupDraftStatus,
}

/// A charter change put in force.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupCharterPublished {
    pub group_id: String,
    pub version: u32,
    /// For each new owner (and every other owner when one left).
    pub owner_links: Vec<GroupModeratorLink>,
    /// For each new publisher, and each who remains when the write key changed.
    pub publisher_links: Vec<GroupModeratorLink>,
    /// This device is no longer an owner: the group's keys were removed from it.
    pub handed_over: bool,
    /// Sections the pack left out when it was posted again under the new charter.
    pub dropped: Vec<GroupSectionDropped>,
    /// The pack is under the new charter. False when posting it again failed (or, after a handover, until the new
    /// owner accepts): members who join are refused until the next publish.
    pub pack_followed: bool,
    /// A private group a moderator left (removed, or handing it over) moved to this new key's epoch.
    pub new_epoch: Option<u32>,
    /// That move failed: the removed moderator can still read what is published until an owner calls
    /// `groups_rekey`.
    pub rekey_needed: bool,
}

impl From<CharterPublished> for GroupCharterPublished {
    fn from(p: CharterPublished) -> Self {
        GroupCharterPublished {
            group_id: p.group_id,
            version: p.version,
            owner_links: links(p.owner_links),
            publisher_links: links(p.publisher_links),
            handed_over: p.handed_over,
            dropped: dropped(p.pack.dropped),
            pack_followed: p.pack.followed,
            new_epoch: p.pack.new_epoch,
            rekey_needed: p.pack.rekey_needed,
        }
    }
}

/// An owner or publisher as the charter names them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupModerator {
    pub name: String,
    /// Their moderator key code.
    pub key: String,
    /// Empty for an owner (owners sign charters; what they publish is in `publishers`).
    pub scopes: Vec<ItemKind>,
    /// This device's key.
    pub you: bool,
}

/// One group, as its newest verified charter describes it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupDetails {
    pub id: String,
    /// `owner`, `publisher` or `member`: how this device takes part.
    pub part: String,
    pub server: String,
    pub name: String,
    pub description: String,
    pub language: String,
    pub region: String,
    pub charter_version: u32,
    pub owners: Vec<GroupModerator>,
    /// How many owners must sign a charter change.
    pub threshold: u8,
    pub publishers: Vec<GroupModerator>,
    pub expires_at: DateTime<Utc>,
    /// The charter expired: what was verified stays, nothing newer is accepted.
    pub frozen: bool,
    pub pack_sequence: u64,
}

impl From<CoreDetails> for GroupDetails {
    fn from(d: CoreDetails) -> Self {
        let part = match d.part {
            Part::Owner => "owner",
            Part::Publisher => "publisher",
            Part::Member => "member",
        };
        GroupDetails {
            id: d.id,
            part: part.into(),
            server: d.server,
            name: d.name,
            description: d.description,
            language: d.language,
            region: d.region,
            charter_version: d.charter_version,
            owners: d
                .owners
                .into_iter()
                .map(|o| GroupModerator { name: o.name, key: o.key, scopes: Vec::new(), you: o.you })
                .collect(),
            threshold: d.threshold,
            publishers: d
                .publishers
                .into_iter()
                .map(|p| GroupModerator { name: p.name, key: p.key, scopes: p.scopes, you: p.you })
                .collect(),
            expires_at: d.expires_at,
            frozen: d.frozen,
            pack_sequence: d.pack_sequence,
        }
    }
}
