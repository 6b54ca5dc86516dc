//! Mend's core: the recovery journal, its store and its engines. It knows nothing of FFI, HTTP frameworks
//! or screens; the phone bindings and the `mend` CLI are thin layers over [`Mend`].

pub mod care;
pub mod clock;
pub mod codes;
pub mod crypto;
pub mod error;
pub mod export;
pub mod files;
pub mod groups;
pub mod ids;
pub mod journal;
pub mod library;
mod mend;
pub mod observe;
pub mod reminders;
pub mod store;
pub mod sync;
pub mod tables;
pub mod today;
pub mod voice;
pub mod write;
pub mod zone;

// With the `uniffi` feature the core's records and enums also cross the FFI (the bindings crate exports them).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
#[cfg(feature = "uniffi")]
mod uniffi_types;

#[cfg(feature = "fixtures")]
pub mod fixtures;

pub use clock::Clock;
pub use error::{Error, Result};
pub use mend::{DATABASE_FILE, Mend, OpenOptions};
