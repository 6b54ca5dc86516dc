//! `MendError`, the one error the apps see: a few stable variants (Kotlin `MendException.InvalidInput` etc.,
//! Swift `MendError.InvalidInput(message:)` etc.), each carrying its readable message (Kotlin `message`; Swift
//! `description`/`localizedDescription` through MendKit), which names fields and kinds of problem, never a
//! value a person entered.
//!
//! It is a uniffi "flat" error: the variant and its message cross the FFI, the Rust fields do not. A non-flat
//! error would give Kotlin a `message` of uniffi's field dump ("field=…, reason=…") and cannot have a field
//! named `message`; the field path stays readable as the message's prefix ("checkin.mood: …").

use mend_core::error::Error as CoreError;
use mend_core::sync::SyncError;

/// What went wrong, in a form an app can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum MendError {
    /// A value is not acceptable. The message starts with the field's path (`checkin.mood: must be …`).
    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// The thing asked for does not exist (or was deleted), e.g. "check-in not found".
    #[error("{what} not found")]
    NotFound { what: String },
    /// The request clashes with what is stored (e.g. setting up a journal twice).
    #[error("{message}")]
    Conflict { message: String },
    /// A file to import is not a Mend export (or has a bad record); nothing was imported.
    #[error("the file could not be imported ({at}): {reason}. Nothing was changed")]
    ImportRejected { at: String, reason: String },
    /// The journal was saved by a newer version of Mend; it was left untouched.
    #[error(
        "this journal was saved by a newer version of Mend (schema {found}; this version knows up to {supported}). \
         It has been left untouched: please update Mend"
    )]
    NeedsUpdate { found: i64, supported: i64 },
    /// A long operation was stopped by `interrupt()`; it changed nothing.
    #[error("the operation was interrupted and changed nothing")]
    Interrupted,
    /// The database could not do what was asked: plain words for what happened and, for a write, that nothing
    /// was saved ("Nothing was saved: the disk is full. …"); never a stored value.
    #[error("{message}")]
    Storage { message: String },
    /// Reading or writing a file failed: plain words ("Nothing was imported: the file or folder was not found").
    #[error("{message}")]
    Io { message: String },
    /// This `Mend` was closed; open the data directory again.
    #[error("this journal has been closed")]
    Closed,
    /// Sync could not do what was asked and needs the person (or the app): the core's words, never a key, a
    /// token or a record. Nothing already saved in the journal is lost.
    #[error("{message}")]
    Sync { message: String },
    /// Sync could not finish for now (offline, the server busy or failing): trying again later may succeed.
    /// The core's words.
    #[error("{message}")]
    SyncRetryLater { message: String },
    /// A support group action did not happen: a group document that did not verify, a group that is not on
    /// this device, keys this device no longer holds. The core's words, never a group's content or a key.
    #[error("{message}")]
    Group { message: String },
    /// `groups_join` was given a private group's link: ask the person for the name the moderators will see and
    /// call `groups_request_join` instead (`groups_link_kind` tells before joining). The core's words.
    #[error("{message}")]
    PrivateGroupLink { message: String },
}

impl From<CoreError> for MendError {
    fn from(err: CoreError) -> Self {
        match err {
            CoreError::InvalidInput { field, reason } => MendError::InvalidInput { field, reason },
            CoreError::NotFound { what } => MendError::NotFound { what },
            CoreError::Conflict(message) => MendError::Conflict { message },
            CoreError::NewerSchema { found, supported } => MendError::NeedsUpdate { found, supported },
            CoreError::Import { at, reason } => MendError::ImportRejected { at, reason },
            CoreError::Storage(storage) if storage.is_interrupt() => MendError::Interrupted,
            CoreError::Storage(storage) => MendError::Storage { message: storage.to_string() },
            CoreError::Io(message) => MendError::Io { message },
        }
    }
}

impl From<SyncError> for MendError {
    fn from(err: SyncError) -> Self {
        match err {
            SyncError::Core(core) => MendError::from(core),
            err if err.is_transient() => MendError::SyncRetryLater { message: err.to_string() },
            err => MendError::Sync { message: err.to_string() },
        }
    }
}

impl From<std::io::Error> for MendError {
    fn from(err: std::io::Error) -> Self {
        MendError::from(CoreError::from(err))
    }
}

impl From<mend_core::groups::GroupsFailure> for MendError {
    fn from(err: mend_core::groups::GroupsFailure) -> Self {
        use mend_core::groups::{GroupError, GroupsFailure};
        match err {
            GroupsFailure::Group(GroupError::Invalid { field, reason }) => MendError::InvalidInput { field, reason },
            GroupsFailure::Journal(core) => MendError::from(core),
            GroupsFailure::Network(sync) => MendError::from(sync),
            other => MendError::Group { message: other.to_string() },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_the_core_wrote_them() {
        let e = MendError::from(CoreError::invalid("checkin.mood", "must be between 0 and 10"));
        assert_eq!(e.to_string(), "checkin.mood: must be between 0 and 10");
        assert_eq!(MendError::from(CoreError::not_found("check-in")).to_string(), "check-in not found");
        let newer = MendError::from(CoreError::NewerSchema { found: 9, supported: 1 });
        assert!(newer.to_string().contains("please update Mend"), "{newer}");
        assert_eq!(MendError::Closed.to_string(), "this journal has been closed");
    }

    #[test]
    fn group_failures_name_their_field_keep_the_cores_words_and_say_whether_to_retry() {
        use mend_core::groups::{GroupError, GroupsFailure};
        let invalid = GroupsFailure::Group(GroupError::Invalid { field: "phrase".into(), reason: "24 words".into() });
        assert_eq!(
            MendError::from(invalid),
            MendError::InvalidInput { field: "phrase".into(), reason: "24 words".into() }
        );
        let words = GroupsFailure::GroupGone.to_string();
        assert_eq!(MendError::from(GroupsFailure::GroupGone), MendError::Group { message: words });
        let offline = GroupsFailure::Network(SyncError::Transport(mend_core::sync::TransportError::Timeout));
        assert!(matches!(MendError::from(offline), MendError::SyncRetryLater { .. }));
    }

    #[test]
    fn sync_errors_keep_the_cores_words_and_say_whether_to_retry() {
        let offline = SyncError::Transport(mend_core::sync::TransportError::Timeout);
        let words = offline.to_string();
        assert_eq!(MendError::from(offline), MendError::SyncRetryLater { message: words });
        let words = SyncError::NotSetUp.to_string();
        assert_eq!(MendError::from(SyncError::NotSetUp), MendError::Sync { message: words });
        let core = SyncError::Core(CoreError::not_found("check-in"));
        assert_eq!(MendError::from(core), MendError::NotFound { what: "check-in".into() });
    }
}
