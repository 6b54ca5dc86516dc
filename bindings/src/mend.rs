//! The `Mend` object: opening a data directory, closing it deterministically, and the shared access every
//! capability file uses. After `close_journal()` every call returns `MendError::Closed`; work already running keeps
//! its own reference and finishes.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};

use crate::error::MendError;

/// How to open a journal.
#[derive(Debug, Clone, Default, uniffi::Record)]
pub struct OpenOptions {
    /// Fixes "now" (tests, demos and screenshots); the system clock when absent.
    #[uniffi(default)]
    pub fixed_now: Option<DateTime<Utc>>,
}

/// A person's Mend: open one per data directory and keep it for the app's life.
#[derive(uniffi::Object)]
pub struct Mend {
    core: RwLock<Option<Arc<mend_core::Mend>>>,
    data_dir: String,
    /// Sync's platform (transport, secret store) and running syncs.
    pub(crate) sync: crate::sync::SyncSlot,
    /// Groups' platform (transport, their own secret store).
    pub(crate) groups: crate::groups::GroupsSlot,
}

#[uniffi::export]
impl Mend {
    /// Opens (creating if missing) the journal in `data_dir`.
    #[uniffi::constructor]
    pub fn open(data_dir: String, options: OpenOptions) -> Result<Arc<Mend>, MendError> {
        let clock = options.fixed_now.map_or(mend_core::Clock::System, mend_core::Clock::Fixed);
        let core = mend_core::Mend::open(&data_dir, mend_core::OpenOptions { clock })?;
        Ok(Arc::new(Mend {
            core: RwLock::new(Some(Arc::new(core))),
            data_dir,
            sync: Default::default(),
            groups: Default::default(),
        }))
    }

    /// The data directory this journal lives in.
    pub fn data_dir(&self) -> String {
        self.data_dir.clone()
    }

    /// Releases the database now (the file is closed once running work finishes). Further calls fail with
    /// `MendError::Closed`. Closing twice is fine. (Not `close`: Kotlin objects already have `close()`, which
    /// frees the handle; the wrappers call both.)
    pub fn close_journal(&self) {
        self.core.write().unwrap_or_else(|p| p.into_inner()).take();
    }

    /// Whether `close_journal()` has been called.
    pub fn is_closed(&self) -> bool {
        self.core.read().unwrap_or_else(|p| p.into_inner()).is_none()
    }

    /// Stops a long-running write (an import) from another thread; it fails with `Interrupted` and changes
    /// nothing.
    pub fn interrupt(&self) -> Result<(), MendError> {
        self.core()?.interrupt();
        Ok(())
    }
}

impl Mend {
    /// The open core, or `Closed`.
    pub(crate) fn core(&self) -> Result<Arc<mend_core::Mend>, MendError> {
        self.core.read().unwrap_or_else(|p| p.into_inner()).clone().ok_or(MendError::Closed)
    }
}
