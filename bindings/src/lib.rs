//! mend-ffi: Mend's core for Swift and Kotlin. One [`Mend`] object (`Mend.open(dataDir, options)`) exposes
//! every capability the core has, grouped by capability in one file each (journal, insights, today, care,
//! library, reminders, reminder_words, export, observe, sync, sync_link, groups, groups_moderators,
//! groups_private, groups_desk). Records and choices are the core's own
//! types (derived for uniffi behind the core's `uniffi` feature); this crate adds the object, the FFI error
//! [`MendError`], the observer, and the tokio runtime that async exports run on. No logic lives here: the apps show what the core
//! computes.

uniffi::setup_scaffolding!();

// The core's converters for chrono's instants and days (see mend_core's `uniffi_types`), used here too.
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
uniffi::use_remote_type!(mend_core::DateTime<Utc>);
uniffi::use_remote_type!(mend_core::DateTime<FixedOffset>);
uniffi::use_remote_type!(mend_core::NaiveDate);

#[cfg(feature = "bench")]
mod bench;
mod care;
mod error;
mod export;
mod groups;
mod groups_desk;
mod groups_desk_types;
mod groups_moderator_types;
mod groups_moderators;
mod groups_private;
mod groups_private_types;
mod groups_types;
mod insights;
mod journal;
mod library;
mod mend;
mod observe;
mod reminder_words;
mod reminders;
mod runtime;
mod secrets;
mod sync;
mod sync_link;
mod sync_link_types;
mod sync_types;
mod today;
mod transport;

#[cfg(test)]
mod groups_desk_tests;
#[cfg(test)]
mod groups_private_tests;
#[cfg(test)]
mod sync_link_tests;
#[cfg(test)]
mod sync_tests;
#[cfg(test)]
mod tests;

pub use error::MendError;
pub use groups_desk_types::GroupDeskNote;
pub use groups_private_types::{
    GroupJoinRequested, GroupLinkKind, GroupMember, GroupMemberRemoved, GroupMemberStatus, GroupMembers, GroupRekeyed,
};
pub use groups_types::{
    GroupBackup, GroupCreated, GroupFinding, GroupItem, GroupItemBody, GroupJoined, GroupLeft, GroupLine,
    GroupPublished, GroupRefreshed, GroupRestored, GroupSummary, NewGroupItem, NewGroupItemBody,
};
pub use journal::JournalSetUp;
pub use library::GuidePage;
pub use mend::{Mend, OpenOptions};
pub use observe::{MendObserver, ObserverError, SubscriptionHandle};
pub use secrets::{SecretStore, SecretStoreFailure};
pub use sync_link_types::{SyncApproval, SyncLinkCode, SyncLinkStep};
pub use sync_types::{SyncProgress, SyncProgressListener, SyncReport, SyncSetUp, SyncState, SyncStatus};
pub use transport::{SyncHeader, SyncHttpRequest, SyncHttpResponse, SyncReply, SyncTransport, TransportFailure};
