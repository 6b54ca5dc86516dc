//! Private groups' documents, with no I/O (the design: docs/groups.md, "Private groups"):
//! - [`hpke_seal`]: HPKE (RFC 9180) sealing to an X25519 key, the one place private groups use it;
//! - [`intake`]: the intake key, and the mailbox ids and box key that derive from it and from the trust root;
//! - [`request`]: a join request, padded to one size and sealed to the intake key;
//! - [`roster`]: the roster chain's versions (each epoch's read key sealed to every approved member), and
//!   [`roster_follow`]: a member following them in order;
//! - [`desk`]: the moderators' desk, sealed to every owner and publisher, and [`desk_merge`]: merging two.

pub mod desk;
pub mod desk_merge;
pub mod hpke_seal;
pub mod intake;
pub mod request;
pub mod roster;
pub mod roster_follow;

#[cfg(test)]
mod desk_tests;
#[cfg(test)]
mod roster_tests;
