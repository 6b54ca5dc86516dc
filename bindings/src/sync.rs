//! Sync on the `Mend` object: the app gives its HTTP transport and secret store once
//! (`set_sync_platform`), then sets up or joins by recovery phrase, syncs (with progress and cancellation),
//! reads the status and asks when to sync next. The core decides everything; these exports convert.
//!
//! The core's sync futures do SQLite work inline, so each runs on a blocking thread of the bindings' runtime
//! (`runtime::blocking` + `runtime::wait`), never on the caller's executor; the app's transport is awaited
//! from there. Phones ring reminders here (`reminders_here = true` at set-up and join).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use mend_core::sync::keystore::KeyStore;
use mend_core::sync::{Options, Progress, SyncEngine};

use crate::error::MendError;
use crate::mend::Mend;
use crate::runtime::{blocking, wait};
use crate::secrets::{ForeignSecrets, NO_PLATFORM, NoSecrets, SecretStore};
use crate::sync_types::{SyncDevice, SyncProgressListener, SyncReport, SyncRevoked, SyncSetUp, SyncStatus};
use crate::transport::{ForeignTransport, SyncTransport};

type Result<T> = std::result::Result<T, MendError>;

/// Phones ring reminders on the device (the CLI does not).
pub(crate) const REMINDERS_HERE: bool = true;

/// What the app gave for sync, the cancel flags of the syncs running now, and the links in progress.
#[derive(Default)]
pub(crate) struct SyncSlot {
    platform: Mutex<Option<Platform>>,
    running: Mutex<Vec<Arc<AtomicBool>>>,
    pub(crate) link: crate::sync_link::LinkSlot,
}

#[derive(Clone)]
pub(crate) struct Platform {
    pub(crate) transport: Arc<ForeignTransport>,
    pub(crate) secrets: Arc<ForeignSecrets>,
}

#[uniffi::export]
impl Mend {
    /// Gives sync the app's HTTP transport and secret store (once, after opening; giving them again replaces
    /// them for later calls).
    pub fn set_sync_platform(&self, transport: Arc<dyn SyncTransport>, store: Arc<dyn SecretStore>) {
        let platform =
            Platform { transport: Arc::new(ForeignTransport(transport)), secrets: Arc::new(ForeignSecrets(store)) };
        *self.sync.platform.lock().unwrap_or_else(|p| p.into_inner()) = Some(platform);
    }

    /// Sets sync up with a new account on `server`: the recovery phrase to show once, and two positions to ask
    /// back. The first `sync_now` uploads the journal.
    pub async fn sync_setup(&self, server: String, device_name: String) -> Result<SyncSetUp> {
        let (core, platform) = (self.core()?, self.platform()?);
        blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.setup(&server, platform.transport.as_ref(), &device_name, None))?.into())
        })
        .await
    }

    /// Whether `answer` is the word at `position` (1-based) of `phrase` (set-up's check that it was written down).
    pub fn sync_phrase_confirms(&self, phrase: String, position: u32, answer: String) -> bool {
        mend_core::sync::phrase::confirms(&phrase, position as usize, &answer)
    }

    /// Joins the account the recovery `phrase` belongs to on `server`; the next `sync_now` brings the journal.
    pub async fn sync_join(&self, server: String, phrase: String, device_name: String) -> Result<()> {
        let (core, platform) = (self.core()?, self.platform()?);
        let phrase = zeroize::Zeroizing::new(phrase);
        blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.join(&server, platform.transport.as_ref(), &phrase, &device_name))?)
        })
        .await
    }

    /// The account's devices, oldest first, each with its name opened here (or the core's words for one that
    /// does not open) and whether it is this device.
    pub async fn sync_devices(&self) -> Result<Vec<SyncDevice>> {
        let (core, platform) = (self.core()?, self.platform()?);
        blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.devices(platform.transport.as_ref()))?.into_iter().map(SyncDevice::from).collect())
        })
        .await
    }

    /// A new recovery phrase for the account (from a device in sync): the words to show once, and two positions
    /// to ask back. The old phrase stops working; the journal, the account and every device stay as they are.
    pub async fn sync_new_phrase(&self) -> Result<SyncSetUp> {
        let (core, platform) = (self.core()?, self.platform()?);
        blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.new_phrase(platform.transport.as_ref()))?.into())
        })
        .await
    }

    /// Whether `phrase` (the whole phrase) is the account's recovery phrase now, asked of the server's key
    /// wraps; nothing about it is stored or sent.
    pub async fn sync_check_phrase(&self, phrase: String) -> Result<bool> {
        let (core, platform) = (self.core()?, self.platform()?);
        let phrase = zeroize::Zeroizing::new(phrase);
        blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.check_phrase(platform.transport.as_ref(), &phrase))?)
        })
        .await
    }

    /// Removes a device (by name or id) at once and renews the keys.
    pub async fn sync_revoke(&self, device: String, wipe: bool) -> Result<SyncRevoked> {
        let (core, platform) = (self.core()?, self.platform()?);
        blocking(move || {
            let engine = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            Ok(wait(engine.revoke(platform.transport.as_ref(), &device, wipe))?.into())
        })
        .await
    }

    /// Syncs now: download, merge, upload. `listener` hears progress; `sync_cancel()` stops it between requests
    /// (it fails with the core's words and resumes where it stopped next time).
    pub async fn sync_now(
        &self,
        allow_deletions: bool,
        listener: Option<Arc<dyn SyncProgressListener>>,
    ) -> Result<SyncReport> {
        self.sync_run(allow_deletions, listener).await
    }

    /// Applies the deletions sync held for the person's OK, by syncing with them allowed.
    pub async fn confirm_deletions(&self) -> Result<SyncReport> {
        self.sync_run(true, None).await
    }

    /// Stops the syncs running now (between requests). Nothing is lost; the next sync carries on.
    pub fn sync_cancel(&self) {
        for flag in self.sync.running.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            flag.store(true, Ordering::Relaxed);
        }
    }

    /// How sync stands, with the core's words.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        Ok(self.core()?.sync(&NoSecrets, REMINDERS_HERE).status()?.into())
    }

    /// Whether to sync after each change here (the app schedules `sync_now` at `next_sync_at`).
    pub fn sync_auto(&self, on: bool) -> Result<()> {
        Ok(self.core()?.sync(&NoSecrets, REMINDERS_HERE).set_auto(on)?)
    }

    /// Whether reminders ring on this device.
    pub fn sync_reminders_here(&self, on: bool) -> Result<()> {
        Ok(self.core()?.sync(&NoSecrets, REMINDERS_HERE).set_reminders_here(on)?)
    }

    /// When the app should sync next (the core decides), or none when sync is off.
    pub fn next_sync_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self.core()?.sync(&NoSecrets, REMINDERS_HERE).next_sync_at()?)
    }

    /// Turns sync off here: the journal stays, the keys are forgotten; with `delete_from_server`, the account
    /// and everything on the server is deleted first.
    pub async fn sync_off(&self, delete_from_server: bool) -> Result<()> {
        let core = self.core()?;
        let platform = self.sync.platform.lock().unwrap_or_else(|p| p.into_inner()).clone();
        blocking(move || {
            let keys: &dyn KeyStore = match &platform {
                Some(platform) => platform.secrets.as_ref(),
                None => &NoSecrets,
            };
            let transport = platform.as_ref().map(|p| p.transport.as_ref() as &dyn mend_core::sync::Transport);
            Ok(wait(core.sync(keys, REMINDERS_HERE).off(transport, delete_from_server))?)
        })
        .await
    }
}

impl Mend {
    pub(crate) fn platform(&self) -> Result<Platform> {
        let platform = self.sync.platform.lock().unwrap_or_else(|p| p.into_inner()).clone();
        platform.ok_or_else(|| MendError::Sync { message: NO_PLATFORM.into() })
    }

    async fn sync_run(
        &self,
        allow_deletions: bool,
        listener: Option<Arc<dyn SyncProgressListener>>,
    ) -> Result<SyncReport> {
        let (core, platform) = (self.core()?, self.platform()?);
        let groups = self.groups_if_given();
        let cancel = Arc::new(AtomicBool::new(false));
        self.sync.running.lock().unwrap_or_else(|p| p.into_inner()).push(cancel.clone());
        let flag = cancel.clone();
        let result = blocking(move || {
            let engine: SyncEngine<'_> = core.sync(platform.secrets.as_ref(), REMINDERS_HERE);
            let tell = |progress: &Progress| {
                if let Some(listener) = &listener {
                    let _ = listener.progress(progress.into());
                }
            };
            let options = Options { allow_deletions, cancel: Some(&flag), progress: Some(&tell) };
            // Group memberships settle around the run, as `mend sync now` does: rows for groups joined before sync
            // was set up go up with it, and groups left on another device are left here once it came down. A
            // failure there never fails the sync; the next groups refresh settles them again.
            let settle = || {
                if let Some(groups) = &groups {
                    let _ = groups.groups(&core).settle();
                }
            };
            settle();
            let report = wait(engine.sync_now(platform.transport.as_ref(), options))?;
            settle();
            Ok(report.into())
        })
        .await;
        self.sync.running.lock().unwrap_or_else(|p| p.into_inner()).retain(|f| !Arc::ptr_eq(f, &cancel));
        result
    }
}
