//! Sync's logic that needs no network: the hybrid logical clock every synced row carries ([`hlc`], stamped by the
//! write path: `store/clock.rs`), the field-level three-way merge of two versions of a row against the last synced
//! one ([`merge`]), this device's version of a stored row as the merge takes it, with its clock ([`stored`]), the
//! recovery phrase ([`phrase`]), the key schedule that derives from it ([`keys`]), the envelope every record
//! travels in ([`envelope`]), and where a device keeps its secrets ([`keystore`]); then the network side: the
//! [`transport`] the apps implement, the protocol [`client`] over it, set-up and joining ([`account`]), the
//! account's [`devices`], a new phrase and checking one ([`new_phrase`]), removing a device ([`revoke`]) and the
//! key switch that follows ([`epoch_switch`]), the [`engine`] (download → merge through
//! the write path → upload), what a record is on the wire ([`payload`]), the generic row I/O it uses ([`rows`],
//! [`apply`], [`reconcile`]), and its bookkeeping ([`state`], [`status`]).

pub mod account;
pub mod apply;
pub mod client;
pub mod devices;
pub mod engine;
pub mod envelope;
pub mod epoch_keys;
pub mod epoch_switch;
pub mod error;
pub mod hlc;
pub mod keys;
pub mod keystore;
pub mod link;
pub mod merge;
pub mod new_phrase;
pub mod payload;
pub mod phrase;
pub mod reconcile;
pub mod revoke;
pub mod rows;
mod signed_in;
pub mod state;
pub mod status;
pub mod stored;
pub mod transport;

pub use engine::{Options, Progress, Report, SyncEngine};
pub use error::SyncError;
pub use status::{Status, SyncState};
pub use transport::{HttpRequest, HttpResponse, Transport, TransportError};
