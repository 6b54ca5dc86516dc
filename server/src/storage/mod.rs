//! The one storage trait every backend implements (SQLite in `sqlite`, PostgreSQL in `postgres`), the rows it
//! speaks in, and its typed errors. Methods are blocking: the server calls them on tokio's blocking pool. Every
//! method that writes does so in one transaction; every method that takes an account id touches only that
//! account's rows.

pub mod postgres;
pub mod sqlite;

use mend_protocol::groups::{GroupCursor, GroupState, SignedWrite};
use mend_protocol::keys::{AddWraps, EpochSwitch, EpochWrap, KeyWraps};
use mend_protocol::mailboxes::MailboxMessage;
use mend_protocol::records::{BatchOutcome, Page, Precondition, RecordWrite};

/// Why a storage call refused or failed. The server maps each to a protocol error code.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("already exists")]
    AlreadyExists,
    #[error("expired")]
    Expired,
    #[error("registration token missing or unknown")]
    RegistrationClosed,
    #[error("the epoch named is not current (current {current})")]
    StaleEpoch { current: u32 },
    #[error("the epoch switch does not match the server's records ({record_count} live, epoch {current_epoch})")]
    EpochMismatch { record_count: u64, current_epoch: u32 },
    #[error("the sequence is not above the current one ({current})")]
    SequenceTooLow { current: u64 },
    #[error("the cursor is older than the tombstone horizon (version {horizon_version})")]
    CursorBeyondHorizon { horizon_version: u64 },
    #[error("the account's quota ({limit} bytes) would be exceeded")]
    QuotaExceeded { limit: u64 },
    #[error("the mailbox is full ({limit} messages)")]
    MailboxFull { limit: u64 },
    #[error("the server's storage cap is reached")]
    ServerFull,
    #[error("the signing key changed under the request")]
    KeyChanged,
    #[error("storage failed: {0}")]
    Backend(String),
}

/// A protocol u64 (cursor, sequence) as the databases' signed 64-bit integer, saturating: no stored value is
/// above `i64::MAX`, so a larger cursor means "past everything".
pub fn db_int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Results of storage calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// Whether a record's precondition holds against the version stored now (`None`: no such record). Every
/// backend applies this one rule to each record of a batch before writing any of it.
pub(crate) fn precondition_holds(precondition: Precondition, stored: Option<u64>) -> bool {
    match precondition {
        Precondition::Any => true,
        Precondition::Absent => stored.is_none(),
        Precondition::Version(expected) => stored == Some(expected),
    }
}

/// Whether a batch may write records of `epoch` while the account is at `current`: the current epoch, or the
/// next one while a device re-encrypts for an epoch switch.
pub(crate) fn epoch_writable(epoch: u32, current: u32) -> bool {
    epoch == current || epoch == current + 1
}

/// What `PUT /v1/keys/{epoch}` does, by the epoch named, the account's `current` one, whether the named epoch
/// has a recovery (KEK) wrap already (`staged`), and whether the request brings one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Staging {
    /// Device wraps for an epoch that has its recovery wrap (the current one, an older one, or a staged next).
    Wraps,
    /// The next epoch staged: its recovery wrap is stored with the device wraps.
    NextEpoch,
}

/// Decides an [`Staging`]: a recovery wrap only for the next epoch, once; device wraps only for an epoch that
/// has one.
pub(crate) fn staging(epoch: u32, current: u32, staged: bool, brings_kek_wrap: bool) -> StoreResult<Staging> {
    let Some(next) = current.checked_add(1) else { return Err(StoreError::StaleEpoch { current }) };
    if epoch > next {
        return Err(StoreError::StaleEpoch { current });
    }
    match (epoch == next, staged, brings_kek_wrap) {
        (true, false, true) => Ok(Staging::NextEpoch),
        (true, true, true) => Err(StoreError::AlreadyExists),
        (false, _, true) => Err(StoreError::StaleEpoch { current }),
        (_, true, false) => Ok(Staging::Wraps),
        (_, false, false) => Err(StoreError::StaleEpoch { current }),
    }
}

/// A device as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRow {
    pub device_id: Vec<u8>,
    pub account_id: Vec<u8>,
    pub signing_key: Vec<u8>,
    pub exchange_key: Vec<u8>,
    pub name: Vec<u8>,
    pub added_at: i64,
    pub last_seen_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// The revoking device's sealed order to erase, handed to the device if it asks for a token again.
    pub wipe_order: Option<Vec<u8>>,
}

/// A new account with its first device.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub account_id: Vec<u8>,
    pub lookup_id: Vec<u8>,
    pub recovery_key: Vec<u8>,
    pub kek_wrap: Vec<u8>,
    pub device: DeviceRow,
    pub device_wrap: Vec<u8>,
    /// SHA-256 of the registration token, consumed in the same transaction, when registration needs one.
    pub registration_token_hash: Option<Vec<u8>>,
    pub now: i64,
}

/// Size limits a write is checked against inside its transaction.
#[derive(Debug, Clone, Copy)]
pub struct Quotas {
    /// Bytes of record bodies one account may hold.
    pub account_bytes: u64,
    /// Bytes of record bodies and group writes the whole server may hold.
    pub server_bytes: u64,
    /// Messages one mailbox may hold.
    pub mailbox_messages: u64,
}

/// A group mailbox's signing state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    pub write_key: Vec<u8>,
    pub key_generation: u32,
}

/// The storage every backend provides.
pub trait Storage: Send + Sync + 'static {
    /// Whether the database answers.
    fn ping(&self) -> StoreResult<()>;
    /// The server's MAC key, made (randomly, by `fresh`) and stored on first use; the same for every process.
    fn server_key(&self, fresh: [u8; 32]) -> StoreResult<[u8; 32]>;
    /// Stores an operator-issued registration token's hash.
    fn add_registration_token(&self, token_hash: &[u8], now: i64) -> StoreResult<()>;

    /// Creates an account and its first device (`AlreadyExists` for a taken lookup id).
    fn create_account(&self, account: NewAccount) -> StoreResult<()>;
    /// Deletes an account and everything it owns.
    fn delete_account(&self, account_id: &[u8]) -> StoreResult<()>;
    /// The account id and recovery key for a lookup id.
    fn recovery_key(&self, lookup_id: &[u8]) -> StoreResult<(Vec<u8>, Vec<u8>)>;
    /// Swaps the lookup id, recovery key and KEK wraps ("new phrase").
    fn new_phrase(
        &self,
        account_id: &[u8],
        lookup_id: &[u8],
        recovery_key: &[u8],
        kek_wraps: &[EpochWrap],
    ) -> StoreResult<()>;
    /// The account's current epoch.
    fn account_epoch(&self, account_id: &[u8]) -> StoreResult<u32>;

    /// Stores a challenge for a subject (a device id or a lookup id).
    fn put_challenge(&self, subject: &[u8], nonce: &[u8], expires_at: i64) -> StoreResult<()>;
    /// Deletes the challenge; `Ok` only if it existed and had not expired (single use).
    fn take_challenge(&self, subject: &[u8], nonce: &[u8], now: i64) -> StoreResult<()>;
    /// Takes the challenge and enrols a restored device in one transaction.
    fn recover_device(&self, lookup_id: &[u8], nonce: &[u8], device: DeviceRow, now: i64) -> StoreResult<u32>;
    /// Takes the challenge and marks the device seen in one transaction.
    fn token_for(&self, device_id: &[u8], nonce: &[u8], now: i64) -> StoreResult<()>;

    /// A device by id.
    fn device(&self, device_id: &[u8]) -> StoreResult<DeviceRow>;
    /// Enrols a device into an account with its key wraps.
    fn enrol_device(&self, device: DeviceRow, wraps: &[EpochWrap]) -> StoreResult<u32>;
    /// The account's devices, oldest first.
    fn devices(&self, account_id: &[u8]) -> StoreResult<Vec<DeviceRow>>;
    /// Replaces an active device's encrypted name.
    fn rename_device(&self, account_id: &[u8], device_id: &[u8], name: &[u8]) -> StoreResult<()>;
    /// Revokes one of the account's devices and drops its mailbox.
    fn revoke_device(
        &self,
        account_id: &[u8],
        device_id: &[u8],
        wipe_order: Option<&[u8]>,
        now: i64,
    ) -> StoreResult<()>;

    /// Leaves a message for one of the account's active devices.
    fn post_device_mail(
        &self,
        account_id: &[u8],
        device_id: &[u8],
        body: &[u8],
        now: i64,
        quotas: Quotas,
    ) -> StoreResult<u64>;
    /// A device's messages after a sequence.
    fn device_mail(&self, device_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>>;
    /// Deletes a device's messages up to a sequence.
    fn ack_device_mail(&self, device_id: &[u8], up_to: u64) -> StoreResult<()>;
    /// Posts to a link mailbox (created by its first message; `Expired` after `ttl` seconds).
    fn post_link(&self, mailbox_id: &[u8], body: &[u8], now: i64, ttl: i64, max_messages: u64) -> StoreResult<u64>;
    /// Reads a link mailbox (`Expired` after `ttl`, `NotFound` if none).
    fn link_mail(&self, mailbox_id: &[u8], after: u64, now: i64, ttl: i64) -> StoreResult<Vec<MailboxMessage>>;

    /// Writes a batch atomically, or refuses it whole with its conflicts.
    fn upload(&self, account_id: &[u8], records: &[RecordWrite], now: i64, quotas: Quotas)
    -> StoreResult<BatchOutcome>;
    /// Records with version > `since`, in version order.
    fn page(&self, account_id: &[u8], since: u64, limit: u32) -> StoreResult<Page>;
    /// Purges tombstones deleted before `cutoff`; returns how many.
    fn purge_tombstones(&self, cutoff: i64) -> StoreResult<u64>;
    /// Removes expired challenges, link mailboxes and group writes; returns how many rows.
    fn sweep(&self, now: i64, link_ttl: i64) -> StoreResult<u64>;

    /// The key wraps a device may read.
    fn key_wraps(&self, account_id: &[u8], device_id: &[u8]) -> StoreResult<KeyWraps>;
    /// Adds or replaces device wraps of an epoch (each device must be the account's), or stages the next epoch
    /// (with `request.kek_wrap`, only while the current epoch's recovery wrap hashes, by `digest`, to
    /// `request.staged_from`).
    fn add_wraps(
        &self,
        account_id: &[u8],
        epoch: u32,
        request: &AddWraps,
        digest: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> StoreResult<()>;
    /// Switches epochs when the count and digest match (`digest` computes SHA-256 of the entries).
    fn switch_epoch(
        &self,
        account_id: &[u8],
        switch: &EpochSwitch,
        digest: &dyn Fn(&[u8]) -> Vec<u8>,
    ) -> StoreResult<u32>;

    /// Creates a group mailbox.
    fn create_group(&self, mailbox_id: &[u8], write_key: &[u8], now: i64) -> StoreResult<()>;
    /// A group mailbox's key.
    fn group(&self, mailbox_id: &[u8]) -> StoreResult<GroupRow>;
    /// Stores a write verified against `key` (refused with `KeyChanged` if the key moved on meanwhile).
    fn group_write(&self, mailbox_id: &[u8], key: &[u8], write: &SignedWrite, quotas: Quotas) -> StoreResult<()>;
    /// Replaces the write key (the caller verified the current key's signature).
    fn change_write_key(&self, mailbox_id: &[u8], old_key: &[u8], generation: u32, new_key: &[u8]) -> StoreResult<()>;
    /// The states of several mailboxes, in the order asked.
    fn read_groups(&self, cursors: &[GroupCursor], now: i64) -> StoreResult<Vec<GroupState>>;
    /// Posts to a group's join inbox.
    fn post_inbox(&self, mailbox_id: &[u8], body: &[u8], now: i64, quotas: Quotas) -> StoreResult<u64>;
    /// Reads a group's join inbox.
    fn inbox(&self, mailbox_id: &[u8], after: u64) -> StoreResult<Vec<MailboxMessage>>;
    /// Drops join requests up to a sequence.
    fn ack_inbox(&self, mailbox_id: &[u8], up_to: u64) -> StoreResult<()>;
}

/// Opens the PostgreSQL backend (a pool of up to 16 connections per process).
pub fn open_postgres(url: &str) -> Result<std::sync::Arc<dyn Storage>, String> {
    let store = postgres::PgStore::connect(url, 16).map_err(|error| format!("cannot open the database: {error}"))?;
    Ok(std::sync::Arc::new(store))
}

#[cfg(test)]
mod rules {
    use super::*;

    #[test]
    fn a_precondition_holds_only_against_what_is_stored() {
        assert!(precondition_holds(Precondition::Any, None) && precondition_holds(Precondition::Any, Some(4)));
        assert!(precondition_holds(Precondition::Absent, None) && !precondition_holds(Precondition::Absent, Some(1)));
        assert!(precondition_holds(Precondition::Version(4), Some(4)));
        assert!(
            !precondition_holds(Precondition::Version(4), Some(5))
                && !precondition_holds(Precondition::Version(4), None)
        );
    }

    #[test]
    fn a_batch_writes_the_current_epoch_or_the_next() {
        assert!(epoch_writable(3, 3) && epoch_writable(4, 3));
        assert!(!epoch_writable(2, 3) && !epoch_writable(5, 3));
    }
}
