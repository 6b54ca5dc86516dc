//! Private groups' records as the apps see them, converted one to one from the core's
//! (`mend_core::groups::private_*`): which kind of group a link is for, a request to join just sent, the members
//! a moderator sees (with where each stands), a member just removed (and the meetings whose passcodes and links
//! to change), and what a refresh found for a request or a joined private group. Display names are the members'
//! own words (show them escaped); every sentence shown with an outcome is the core's (`WAITING_WORDS`,
//! `DECLINED_WORDS`, `REMOVED_WORDS`).

use chrono::{DateTime, Utc};
use mend_core::groups::invite::Link;
use mend_core::groups::private::desk::Status;
use mend_core::groups::private_member::{PrivateRefreshed, Requested};
use mend_core::groups::private_moderation::{MemberEntry, MemberList};
use mend_core::groups::private_rekey::Rekeyed;
use mend_core::groups::private_removal::RemovedMember;

use crate::groups_types::GroupRefreshed;

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Which kind of group an invite link is for: what the app asks before joining.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GroupLinkKind {
    /// An open group's: join it at once (`groups_join`).
    Open,
    /// A private group's: ask the person for the name the moderators will see, then ask to join
    /// (`groups_request_join`).
    Private,
}

impl From<&Link> for GroupLinkKind {
    fn from(link: &Link) -> Self {
        match link {
            Link::Open(_) => GroupLinkKind::Open,
            Link::Private(_) => GroupLinkKind::Private,
        }
    }
}

/// A request to join a private group, just sent: the group appears once its moderators approve it
/// (`groups_refresh` says so).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupJoinRequested {
    /// The request's id on this device (the hash of the group's first charter, hex): what refresh outcomes about
    /// the request carry.
    pub request: String,
    /// The name the moderators see, as it was sent.
    pub display_name: String,
}

impl From<Requested> for GroupJoinRequested {
    fn from(r: Requested) -> Self {
        GroupJoinRequested { request: r.request, display_name: r.display_name }
    }
}

/// Where a member of a private group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GroupMemberStatus {
    /// Asked to join; waiting for an owner's decision.
    Pending,
    Approved,
    Declined,
    Removed,
}

impl From<Status> for GroupMemberStatus {
    fn from(s: Status) -> Self {
        match s {
            Status::Pending => GroupMemberStatus::Pending,
            Status::Approved => GroupMemberStatus::Approved,
            Status::Declined => GroupMemberStatus::Declined,
            Status::Removed => GroupMemberStatus::Removed,
        }
    }
}

/// One member of a private group (or one request to join it), as its moderators see them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupMember {
    /// A short stable id: what approving, declining and removing take.
    pub member_id: String,
    /// The name the member chose: their words, to show escaped.
    pub display_name: String,
    pub status: GroupMemberStatus,
    /// When the status last changed.
    pub changed_at: DateTime<Utc>,
}

impl From<&MemberEntry> for GroupMember {
    fn from(e: &MemberEntry) -> Self {
        GroupMember {
            member_id: e.member_id.clone(),
            display_name: e.display_name.clone(),
            status: e.status.into(),
            changed_at: DateTime::from_timestamp(e.changed_at, 0).unwrap_or(DateTime::UNIX_EPOCH),
        }
    }
}

/// A private group's members and requests, after the requests that came since were taken in.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupMembers {
    pub members: Vec<GroupMember>,
    /// Requests read this time that did not open (damaged, or not for this group): skipped, never kept.
    pub unreadable: u32,
}

impl From<MemberList> for GroupMembers {
    fn from(l: MemberList) -> Self {
        GroupMembers { members: l.members.iter().map(GroupMember::from).collect(), unreadable: count(l.unreadable) }
    }
}

/// A member just removed: the group moved to a new epoch (a new key they do not receive).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupMemberRemoved {
    pub member: GroupMember,
    /// The epoch the group is now at.
    pub epoch: u32,
    /// The titles of the group's meetings: the removed member saw their passcodes, links and places, which the
    /// moderators should change (then publish again).
    pub meetings: Vec<String>,
}

impl From<RemovedMember> for GroupMemberRemoved {
    fn from(r: RemovedMember) -> Self {
        GroupMemberRemoved { member: (&r.member).into(), epoch: r.epoch, meetings: r.meetings }
    }
}

/// A private group moved to a new key (a new epoch), every approved member carried over.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GroupRekeyed {
    pub group_id: String,
    /// The epoch the group is now at.
    pub epoch: u32,
    /// The titles of the group's meetings, whose passcodes and links the moderator removed saw.
    pub meetings: Vec<String>,
}

impl From<Rekeyed> for GroupRekeyed {
    fn from(r: Rekeyed) -> Self {
        GroupRekeyed { group_id: r.group_id, epoch: r.epoch, meetings: r.meetings }
    }
}

impl From<PrivateRefreshed> for GroupRefreshed {
    fn from(r: PrivateRefreshed) -> Self {
        let words = r.words().unwrap_or_default().to_owned();
        match r {
            PrivateRefreshed::Approved { request, id, name, items } => {
                GroupRefreshed::Approved { request, id, name, items: count(items) }
            }
            PrivateRefreshed::Declined { request } => GroupRefreshed::Declined { request, words },
            PrivateRefreshed::Waiting { request } => GroupRefreshed::Waiting { request, words },
            PrivateRefreshed::NewEpoch { id, name, epoch } => GroupRefreshed::NewEpoch { id, name, epoch },
            PrivateRefreshed::Removed { id, name } => GroupRefreshed::Removed { id, name, words },
            PrivateRefreshed::Refused { id, reason } => GroupRefreshed::PrivateRefused { id, reason },
            PrivateRefreshed::Unreachable { id, reason } => GroupRefreshed::PrivateUnreachable { id, reason },
        }
    }
}
