//! Sync's logic that needs no network: the hybrid logical clock every synced row will carry ([`hlc`]) and the
//! field-level three-way merge of two versions of a row against the last synced one ([`merge`]). The transport,
//! the key schedule and the upload/download loop come with the sync issue; what is here is pure and property-tested
//! so they can be built on it.

pub mod hlc;
pub mod merge;
