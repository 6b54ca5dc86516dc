//! What can stop a sync, in words a person can act on. No variant carries a record, a body, a token or a key;
//! the server's own words are never shown (they are for operators), only what its stable code means.

use mend_protocol::ErrorCode;

use super::envelope::EnvelopeError;
use super::phrase::PhraseError;
use super::transport::{ServerAddressError, TransportError};

/// Why a sync step did not complete. Nothing already saved in the journal is lost by any of them.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// Sync has not been set up on this device.
    #[error("sync is not set up on this device: set it up, or join with your recovery phrase")]
    NotSetUp,
    /// Sync is already set up on this device.
    #[error("sync is already set up on this device (turn it off first to use another account)")]
    AlreadySetUp,
    /// The server address is not allowed.
    #[error("{0}")]
    Address(#[from] ServerAddressError),
    /// The server could not be reached or did not answer.
    #[error("{0}")]
    Transport(#[from] TransportError),
    /// The recovery phrase was not accepted as typed.
    #[error("{0}")]
    Phrase(#[from] PhraseError),
    /// No account on that server belongs to this recovery phrase.
    #[error(
        "no journal on that server belongs to this recovery phrase. Check the words and the server address; if you \
         made a new phrase since, use the new one"
    )]
    UnknownPhrase,
    /// The server refused this device: it was removed from the account (with the revoking device's sealed
    /// order to erase, if it asked for one; [`super::revoke`] checks it before acting on it).
    #[error("{}", revoked_words(wipe_order.is_some()))]
    DeviceRevoked { wipe_order: Option<Vec<u8>> },
    /// This device was removed from the account on another device, and has acted on it.
    #[error("{}", removed_words(*.0))]
    RemovedHere(Removal),
    /// A device cannot remove itself.
    #[error("this device cannot remove itself: to stop syncing here, turn sync off instead")]
    RevokeSelf,
    /// No device of the account has that id (or it was already removed).
    #[error("none of your devices in sync matches that; see the list of your devices")]
    UnknownDevice,
    /// More than one device matches.
    #[error("more than one of your devices matches that: name it by its id, as the list of your devices shows it")]
    AmbiguousDevice,
    /// Some records on the server could not be read here, so the data key was not renewed.
    #[error(
        "{0} of your synced records could not be read on this device, so the keys were not renewed yet (the removed \
         device is already cut off). Update Mend here, or sync once from another of your devices, then sync again"
    )]
    NotAllReadable(u64),
    /// Another device is renewing the account's data key.
    #[error("another of your devices is renewing the sync keys right now: sync again in a few minutes")]
    SwitchBusy,
    /// The account was deleted on the server (erased everywhere, from another device).
    #[error("your synced journal was erased on another of your devices; this device's journal is untouched")]
    AccountGone,
    /// The server refused a request with a code this device has no better words for.
    #[error("the sync server refused the request ({0}); nothing on this device was changed")]
    Refused(&'static str),
    /// The server asks to slow down.
    #[error("the sync server is busy: try again in {retry_after_secs} seconds")]
    RateLimited { retry_after_secs: u32 },
    /// The server is full, or this account's space is used up.
    #[error("the sync server has no room for more of your journal; ask whoever runs it")]
    Full,
    /// A reply from the server did not decode: a server of another version, or something in between.
    #[error("the sync server's reply could not be read (is it a Mend server of this version?)")]
    BadReply,
    /// A key from the server could not be opened with this device's keys.
    #[error("this device's sync keys do not open the account's keys: set sync up again on this device")]
    Keys,
    /// A linking code that does not read as one.
    #[error("that is not a linking code: it is 16 letters and digits, as the new device shows it")]
    LinkCode,
    /// No new device is waiting with that code.
    #[error(
        "no new device is waiting with that code: check it, or it has expired — start linking again on the new \
         device"
    )]
    LinkUnknown,
    /// The linking code's ten minutes are over.
    #[error("that code has expired: start linking again on the new device")]
    LinkExpired,
    /// The code was already used (approved, or being approved, on another device).
    #[error("that code was already used: start linking again on the new device")]
    LinkUsed,
    /// A linking message did not check out: changed on the way, or not from the other device.
    #[error(
        "a message from the other device did not check out: it may have been changed on the way. Nothing was \
         linked; start linking again on the new device"
    )]
    LinkTampered,
    /// The digits were not confirmed.
    #[error("the digits did not match, so the new device was not linked: start linking again on the new device")]
    LinkDigits,
    /// The approving device said no.
    #[error("linking was not approved on the other device; nothing was changed here")]
    LinkRefused,
    /// This device's own record could not be sealed (too large to sync).
    #[error("{0}")]
    Envelope(#[from] EnvelopeError),
    /// The sync was stopped before it finished; it resumes where it stopped.
    #[error("the sync was stopped; it will carry on from where it stopped next time")]
    Cancelled,
    /// The journal could not be read or written.
    #[error("{0}")]
    Core(#[from] crate::Error),
}

/// What a device did on learning it was removed from the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Sync is off here; the journal stays.
    SyncOff,
    /// The removing device asked for an erase, checked here: the journal and the sync keys are erased.
    Erased,
    /// An erase was asked for, but the request did not check out: nothing was erased; sync is off here.
    EraseUnverified,
}

fn removed_words(removal: Removal) -> &'static str {
    match removal {
        Removal::SyncOff => {
            "this device was removed from your synced journal on another of your devices, so sync is now off here. \
             Its journal stays on this device"
        }
        Removal::Erased => {
            "this device was removed from your synced journal on another of your devices, which asked it to erase \
             what it held: its journal and sync keys are now erased from this device"
        }
        Removal::EraseUnverified => {
            "this device was removed from your synced journal, and the server passed on a request to erase it that \
             did not check out, so nothing was erased. Sync is now off here"
        }
    }
}

fn revoked_words(wipe: bool) -> &'static str {
    if wipe {
        "this device was removed from your synced journal, and asked to erase what it holds"
    } else {
        "this device was removed from your synced journal; it keeps what it has, and no longer syncs"
    }
}

impl SyncError {
    /// The error for a refusal the caller has no better words for.
    pub fn from_code(code: &ErrorCode) -> SyncError {
        match code {
            ErrorCode::DeviceRevoked { wipe_order } => SyncError::DeviceRevoked { wipe_order: wipe_order.clone() },
            ErrorCode::RateLimited { retry_after_secs } => {
                SyncError::RateLimited { retry_after_secs: *retry_after_secs }
            }
            ErrorCode::QuotaExceeded { .. } | ErrorCode::ServerFull => SyncError::Full,
            other => SyncError::Refused(code_name(other)),
        }
    }

    /// Whether the server could not be reached (no network, or no answer in time).
    pub fn is_offline(&self) -> bool {
        matches!(self, SyncError::Transport(TransportError::Offline(_) | TransportError::Timeout))
    }

    /// Whether trying again later may succeed (offline, busy, a server error) rather than needing the person.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Transport(_)
                | SyncError::RateLimited { .. }
                | SyncError::SwitchBusy
                | SyncError::Refused("server error" | "timeout")
        )
    }
}

/// A short, stable name for a refusal (for the words above; never the server's message).
pub fn code_name(code: &ErrorCode) -> &'static str {
    match code {
        ErrorCode::BadRequest => "bad request",
        ErrorCode::Unauthorized => "not signed in",
        ErrorCode::TokenExpired => "sign-in expired",
        ErrorCode::DeviceRevoked { .. } => "device removed",
        ErrorCode::BadSignature => "signature refused",
        ErrorCode::NotFound => "not found",
        ErrorCode::AlreadyExists => "already exists",
        ErrorCode::CursorBeyondHorizon { .. } => "too far behind",
        ErrorCode::EpochMismatch { .. } => "key change refused",
        ErrorCode::StaleEpoch { .. } => "old key",
        ErrorCode::SequenceTooLow { .. } => "out of order",
        ErrorCode::Expired => "expired",
        ErrorCode::TooLarge { .. } => "too large",
        ErrorCode::QuotaExceeded { .. } => "account full",
        ErrorCode::RateLimited { .. } => "busy",
        ErrorCode::RegistrationClosed => "registration closed",
        ErrorCode::ServerFull => "server full",
        ErrorCode::Timeout => "timeout",
        ErrorCode::Internal => "server error",
    }
}
