//! Support groups: moderators publish signed resource packs (articles, meetings, services, hotlines); members
//! join from an invite and verify everything before showing it. The design is in shared/design/SYNC.md
//! ("Groups"); this module holds the documents and their verification, with no I/O:
//! - [`charter`]: the group's rules and who may sign what, as a hash chain from version 1;
//! - [`items`]: what a pack carries, and the rules each item must meet;
//! - [`pack`]: signing and sealing a pack under the group's read key;
//! - [`sections`]: a pack's sections, one per publisher, each signed by its publisher;
//! - [`trust`]: a member's verified view, which accepts only what checks out;
//! - [`invite`]: the link (and QR) that carries the trust root and read key in its fragment;
//! - [`keys`]: the secrets only owners hold, and what derives from them;
//! - [`private`]: private groups' documents: the intake key, join requests, the roster chain and the
//!   moderators' desk.
//!
//! And this device's side, with I/O (the journal, the key store, the network through the sync `Transport`):
//! - [`device`]: [`Groups`], the entry point (`Mend::groups`): list, items, and finding a group;
//! - [`owner`]: create a group, publish a pack folder, the invite link;
//! - [`backup`]: an owner's keys and charters in a file under a 24-word phrase of its own, and restoring it;
//! - [`member`]: join from a link, refresh every joined group in one request, leave;
//! - [`hotlines`]: a group's hotlines after the official numbers, with mood alerts only ([`freshness`]: stale
//!   and expired items, shown marked);
//! - [`ics`]: a meeting as an iCalendar file (RFC 5545);
//! - [`follow`]: follow a meeting as a reminder in the meeting's zone ([`follows`]: the links, migration 0024);
//! - [`schedule`]: when a member's device next refreshes (at open and every 6 hours);
//! - [`network`]: the group mailbox routes over the sync client;
//! - [`charter_box`]: charters sealed under the read key on the mailbox (the server never reads one);
//! - [`local`]: the journal's rows (migration 0022) and the Library's shelf;
//! - [`memberships`]: the person's memberships, synced to their other devices (migration 0027), and
//!   [`membership_sync`]: taking up and leaving here what those rows say ([`membership_publishing`]: a
//!   publisher's; [`membership_seal`]: their sealed blobs);
//! - [`secrets`]: the key store's entries;
//! - [`failure`]: why an action on this device did not happen.
//!
//! The moderator's side beyond creating a group:
//! - [`identity`]: this device's moderator key and the code a co-moderator sends to an owner;
//! - [`handoff`]: the link sealed for a new publisher's or owner's key, with what they need;
//! - [`current`]: a group's state on its server, verified from the device's own root, before any change;
//! - [`publishers`]: adding and removing publishers (the write key rotates on removal);
//! - [`publishing`]: a publisher's device: accepting a link, publishing within her scopes;
//! - [`publisher_keys`]: a publisher's keys for one group, in the key store;
//! - [`charter_change`]: putting a new charter in force (rotating the write key when someone leaves);
//! - [`charter_flow`]: charter changes across phones as a draft file (propose, sign, publish; handover);
//! - [`posting`]: posting a moderator's own section, carrying the others forward;
//! - [`withdraw`]: withdrawing an item; [`show`]: one group as its charter describes it;
//! - [`moderation_rows`]: their journal rows (migration 0025).
//!
//! Private groups' device side (the documents themselves are in [`private`]):
//! - `private_owner`: creating one (intake and moderators' mailboxes, the first desk);
//! - [`private_moderation`]: listing members from the join inbox, approving and declining them (roster chain);
//! - [`private_member`]: asking to join, and learning at refresh whether the request was approved;
//!   `private_follow`: a member following new epochs, or learning they were removed;
//! - [`private_removal`]: removing a member (a new epoch, a new read key and mailbox); [`private_rekey`]: a new
//!   epoch without removing a member, when a moderator is removed;
//! - `private_desk_io`: reading and writing the desk (merging when another moderator wrote first);
//!   [`private_desk_work`]: the notes and the charter draft moderators leave each other on it;
//! - `private_net`: the join inbox routes; [`private_rows`]: their journal rows (migration 0029).
//!
//! The server sees none of it: a mailbox id derived from the read key, and sealed bytes.

pub mod backup;
pub mod charter;
pub mod charter_box;
pub mod charter_change;
pub mod charter_flow;
pub mod checks;
mod codec;
pub mod current;
pub mod device;
pub mod error;
pub mod failure;
pub mod folder;
pub mod follow;
pub mod follows;
pub mod freshness;
pub mod handoff;
pub mod hotlines;
pub mod ics;
pub mod identity;
pub mod invite;
pub mod items;
pub mod keys;
pub mod local;
pub mod member;
pub mod membership_publishing;
pub mod membership_seal;
pub mod membership_sync;
pub mod memberships;
pub mod moderation_rows;
pub mod network;
pub mod owner;
pub mod pack;
pub(crate) mod posting;
pub mod private;
pub(crate) mod private_desk_io;
pub mod private_desk_work;
mod private_follow;
pub mod private_member;
pub mod private_moderation;
pub(crate) mod private_net;
mod private_owner;
pub mod private_rekey;
pub mod private_removal;
pub mod private_rows;
pub mod publisher_keys;
pub mod publishers;
pub mod publishing;
mod repost;
pub mod schedule;
pub mod secrets;
pub mod sections;
pub mod show;
pub mod trust;
pub mod withdraw;

pub use device::{GroupItem, GroupSummary, Groups, Role};
pub use error::GroupError;
pub use failure::GroupsFailure;

#[cfg(test)]
mod backup_tests;
#[cfg(test)]
mod device_tests;
#[cfg(test)]
mod ics_tests;
#[cfg(test)]
mod member_tests;
#[cfg(test)]
mod membership_agreement_tests;
#[cfg(test)]
mod membership_moderator_tests;
#[cfg(test)]
mod membership_tests;
#[cfg(test)]
mod moderation_tests;
#[cfg(test)]
mod private_device_tests;
#[cfg(test)]
mod private_epoch_tests;
#[cfg(test)]
mod private_follow_tests;
#[cfg(test)]
mod private_team_tests;
#[cfg(test)]
mod section_tests;
#[cfg(test)]
mod tests;
