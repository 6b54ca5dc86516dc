//! Sync's records as the apps see them, converted one to one from the core's (`mend_core::sync`): what set-up
//! gives, how a sync went, how far a running one has got, how sync stands with the core's own words, and the
//! account's devices.

use chrono::{DateTime, Utc};
use mend_core::sync::{Progress, Report, Status, SyncState as CoreState};

use crate::observe::ObserverError;

/// What set-up gives: the recovery phrase's words, to show once and never store, and two positions (1-based)
/// to ask back before going on.
#[derive(Clone, uniffi::Record)]
pub struct SyncSetUp {
    pub words: Vec<String>,
    pub confirm_positions: Vec<u32>,
}

impl From<mend_core::sync::account::SetUp> for SyncSetUp {
    fn from(set_up: mend_core::sync::account::SetUp) -> Self {
        SyncSetUp {
            words: set_up.phrase.split_whitespace().map(str::to_owned).collect(),
            confirm_positions: set_up.confirm.iter().map(|&p| u32::try_from(p).unwrap_or(0)).collect(),
        }
    }
}

/// One device of the account: `name` is `None` when its sealed name does not open, and `shown_as` is what to
/// show for it either way (the core's words).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncDevice {
    /// The server's id for it, in lower-case hex.
    pub id: String,
    pub name: Option<String>,
    pub shown_as: String,
    pub added: DateTime<Utc>,
    pub last_seen: Option<DateTime<Utc>>,
    pub removed: Option<DateTime<Utc>>,
    pub this_device: bool,
}

impl From<mend_core::sync::devices::Device> for SyncDevice {
    fn from(device: mend_core::sync::devices::Device) -> Self {
        SyncDevice {
            shown_as: device.shown_name().to_owned(),
            id: device.id,
            name: device.name,
            added: device.added,
            last_seen: device.last_seen,
            removed: device.removed,
            this_device: device.this_device,
        }
    }
}

impl std::fmt::Debug for SyncSetUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncSetUp").field("confirm_positions", &self.confirm_positions).finish_non_exhaustive()
    }
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncReport {
    /// Records downloaded, and how many of them changed this journal.
    pub downloaded: u64,
    pub written: u64,
    pub uploaded: u64,
    /// Deletions from another device held for the person's OK (`confirm_deletions`).
    pub held: u64,
    /// Records that could not be opened.
    pub unreadable: u64,
    pub requests: u64,
    pub bytes_up: u64,
    pub bytes_down: u64,
    /// The epoch the keys were renewed to, when this sync finished a renewal (after a device was removed).
    pub keys_renewed: Option<u32>,
}

impl From<Report> for SyncReport {
    fn from(r: Report) -> Self {
        SyncReport {
            downloaded: r.downloaded,
            written: r.written,
            uploaded: r.uploaded,
            held: r.held,
            unreadable: r.unreadable,
            requests: r.traffic.requests,
            bytes_up: r.traffic.bytes_up,
            bytes_down: r.traffic.bytes_down,
            keys_renewed: r.keys_renewed,
        }
    }
}

/// A device removed (`sync_revoke`): its name; whether it was asked to erase itself if it connects again; the
/// sync that renewed the keys, or the core's words for why the renewal waits for the next sync.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncRevoked {
    pub name: String,
    pub wipe: bool,
    pub report: Option<SyncReport>,
    pub renewal_pending: Option<String>,
}

impl From<mend_core::sync::revoke::Revoked> for SyncRevoked {
    fn from(r: mend_core::sync::revoke::Revoked) -> Self {
        let (report, renewal_pending) = match r.renewal {
            Ok(report) => (Some(report.into()), None),
            Err(words) => (None, Some(words)),
        };
        SyncRevoked { name: r.name, wipe: r.wipe, report, renewal_pending }
    }
}

/// How far a running sync has got (after each page and batch).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncProgress {
    /// Records downloaded so far, and about how many there are in all.
    pub downloaded: u64,
    pub to_download: u64,
    /// Records uploaded so far, and how many were waiting when the upload began.
    pub uploaded: u64,
    pub to_upload: u64,
    pub bytes: u64,
}

impl From<&Progress> for SyncProgress {
    fn from(p: &Progress) -> Self {
        SyncProgress {
            downloaded: p.downloaded,
            to_download: p.to_download,
            uploaded: p.uploaded,
            to_upload: p.to_upload,
            bytes: p.bytes,
        }
    }
}

/// What an app implements to show a long sync's progress. Called on the syncing thread: hand off quickly. A
/// listener that throws is ignored.
#[uniffi::export(with_foreign)]
pub trait SyncProgressListener: Send + Sync {
    fn progress(&self, progress: SyncProgress) -> Result<(), ObserverError>;
}

/// Where sync stands (the core decides; see `SyncStatus::words` for what to tell the person).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncState {
    Off,
    Synced,
    Behind,
    Offline,
    NeedsAttention,
}

/// Sync's status, told truthfully: `Synced` only when it is.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncStatus {
    pub state: SyncState,
    /// The state's stable code: `off`, `synced`, `behind`, `offline` or `needs_attention`.
    pub code: String,
    /// What to tell the person, in the core's words.
    pub words: String,
    pub server: Option<String>,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Changes on this device waiting to go up.
    pub pending: u64,
    /// Records from the server that could not be opened.
    pub unreadable: u64,
    /// Deletions from another device waiting for the person's OK.
    pub held_deletions: u64,
    pub auto: bool,
    pub reminders_here: bool,
}

impl From<Status> for SyncStatus {
    fn from(s: Status) -> Self {
        SyncStatus {
            state: match s.state {
                CoreState::Off => SyncState::Off,
                CoreState::Synced => SyncState::Synced,
                CoreState::Behind => SyncState::Behind,
                CoreState::Offline => SyncState::Offline,
                CoreState::NeedsAttention => SyncState::NeedsAttention,
            },
            code: s.state.code().to_owned(),
            words: s.words,
            server: s.server,
            last_synced_at: s.last_synced_at,
            pending: s.pending,
            unreadable: s.unreadable,
            held_deletions: s.held_deletions,
            auto: s.auto,
            reminders_here: s.reminders_here,
        }
    }
}
