//! Support groups: moderators publish signed resource packs (articles, meetings, services, hotlines); members
//! join from an invite and verify everything before showing it. The design is in shared/design/SYNC.md
//! ("Groups"); this module holds the documents and their verification, with no I/O:
//! - [`charter`]: the group's rules and who may sign what, as a hash chain from version 1;
//! - [`items`]: what a pack carries, and the rules each item must meet;
//! - [`pack`]: signing and sealing a pack under the group's read key;
//! - [`trust`]: a member's verified view, which accepts only what checks out;
//! - [`invite`]: the link (and QR) that carries the trust root and read key in its fragment;
//! - [`keys`]: the secrets only owners hold, and what derives from them.
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
//! - [`network`]: the group mailbox routes over the sync client;
//! - [`charter_box`]: charters sealed under the read key on the mailbox (the server never reads one);
//! - [`local`]: the journal's rows (migration 0022) and the Library's shelf;
//! - [`secrets`]: the key store's entries;
//! - [`failure`]: why an action on this device did not happen.
//!
//! The server sees none of it: a mailbox id derived from the read key, and sealed bytes.

pub mod backup;
pub mod charter;
pub mod charter_box;
pub mod checks;
mod codec;
pub mod device;
pub mod error;
pub mod failure;
pub mod folder;
pub mod follow;
pub mod follows;
pub mod freshness;
pub mod hotlines;
pub mod ics;
pub mod invite;
pub mod items;
pub mod keys;
pub mod local;
pub mod member;
pub mod network;
pub mod owner;
pub mod pack;
pub mod secrets;
pub mod trust;

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
mod tests;
