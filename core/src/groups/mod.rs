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
//! The server sees none of it: a mailbox id derived from the read key, and sealed bytes.

pub mod charter;
pub mod checks;
mod codec;
pub mod error;
pub mod folder;
pub mod invite;
pub mod items;
pub mod keys;
pub mod pack;
pub mod trust;

pub use error::GroupError;

#[cfg(test)]
mod tests;
