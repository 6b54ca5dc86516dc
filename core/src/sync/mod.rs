//! Sync's logic that needs no network: the hybrid logical clock every synced row carries ([`hlc`], stamped by the
//! write path: `store/clock.rs`), the field-level three-way merge of two versions of a row against the last synced
//! one ([`merge`]), this device's version of a stored row as the merge takes it, with its clock ([`stored`]), the
//! recovery phrase ([`phrase`]), the key schedule that derives from it ([`keys`]), the envelope every record
//! travels in ([`envelope`]), and where a device keeps its secrets ([`keystore`]). The transport and the
//! upload/download loop come with the sync issue; what is here is pure (or reads one row) and tested so they can
//! be built on it.

pub mod envelope;
pub mod hlc;
pub mod keys;
pub mod keystore;
pub mod merge;
pub mod phrase;
pub mod stored;
