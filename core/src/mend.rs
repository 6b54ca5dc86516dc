//! The `Mend` entry point: it owns the store, the clock and the observers, and hands out each capability
//! (journal, care, library, reminders, export, and the engines). "The store is the entry point; we build
//! libraries, not frameworks."

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};

use crate::care::Care;
use crate::clock::Clock;
use crate::error::Result;
use crate::export::Exporter;
use crate::journal::Journal;
use crate::library::Library;
use crate::observe::{Change, Observer, Observers, Subscription};
use crate::reminders::Reminders;
use crate::store::Store;
use crate::zone::Zone;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "mend.db";

/// How to open a journal.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Where "now" comes from (fixed in tests and with `mend --now`).
    pub clock: Clock,
}

/// What every capability shares.
pub(crate) struct Core {
    pub(crate) store: Store,
    pub(crate) clock: Clock,
    pub(crate) observers: Observers,
    /// The care engine's evaluation, run by the write path inside every write ([`crate::write`]).
    pub(crate) evaluator: Box<dyn crate::write::Evaluate>,
}

impl Core {
    /// Tells observers what a committed write changed.
    pub(crate) fn notify(&self, changes: &[Change]) {
        self.observers.notify(changes);
    }
}

/// Data directories with an open [`Mend`] in this process. A second `Mend` on the same directory would be a
/// second SQLite writer (and SQLITE_BUSY), so it is refused until the first is dropped.
static OPEN_DIRS: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Holds a data directory's place in [`OPEN_DIRS`] for as long as its `Mend` lives.
struct OpenDir(PathBuf);

impl OpenDir {
    fn claim(dir: &Path) -> Result<OpenDir> {
        let key = dir.canonicalize()?;
        let mut open = OPEN_DIRS.lock().unwrap_or_else(|p| p.into_inner());
        if !open.insert(key.clone()) {
            return Err(crate::Error::Conflict(
                "this journal is already open in this app; close it before opening it again".into(),
            ));
        }
        Ok(OpenDir(key))
    }
}

impl Drop for OpenDir {
    fn drop(&mut self) {
        OPEN_DIRS.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.0);
    }
}

/// A person's Mend: open one per data directory and keep it for the app's life.
pub struct Mend {
    core: Core,
    dir: PathBuf,
    // Declared last so the store's connections close before the directory is released.
    _open: OpenDir,
}

impl Mend {
    /// Opens the journal in `dir` (created if missing; made private to its owner, 0700, with 0600 files). A
    /// directory already open in this process is refused with [`crate::Error::Conflict`] until that `Mend` is
    /// dropped.
    pub fn open(dir: impl AsRef<Path>, options: OpenOptions) -> Result<Mend> {
        let dir = dir.as_ref().to_owned();
        crate::files::private_dir(&dir)?;
        let open = OpenDir::claim(&dir)?;
        let store = Store::open(&dir.join(DATABASE_FILE))?;
        let core = Core {
            store,
            clock: options.clock,
            observers: Observers::default(),
            evaluator: Box::new(crate::care::WriteEvaluator::new()),
        };
        core.store.wipe_stale_undo(core.clock.now())?;
        Ok(Mend { core, dir, _open: open })
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// The database file (for benchmarks and diagnostics).
    pub fn database_path(&self) -> &Path {
        self.core.store.path()
    }

    /// The current instant by this journal's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.core.clock.now()
    }

    /// The person's zone (from the profile; UTC until one is set).
    pub fn time_zone(&self) -> Result<Zone> {
        self.journal().zone()
    }

    /// Today's date where the person lives.
    pub fn today(&self) -> Result<NaiveDate> {
        Ok(self.now().with_timezone(&self.time_zone()?).date_naive())
    }

    /// The zone the person is in now: `here` (an IANA name the app or the CLI gives: the device's zone, `--tz`),
    /// else the home zone. A name that is not an IANA zone is refused, naming the field.
    pub fn current_zone(&self, here: Option<&str>) -> Result<Zone> {
        match here {
            Some(name) => crate::zone::typed_zone("zone", name),
            None => self.time_zone(),
        }
    }

    /// Today's date where the person is now (see [`Mend::current_zone`]).
    pub fn today_here(&self, here: Option<&str>) -> Result<NaiveDate> {
        Ok(self.now().with_timezone(&self.current_zone(here)?).date_naive())
    }

    /// Losses, check-ins and events.
    pub fn journal(&self) -> Journal<'_> {
        Journal::new(&self.core)
    }

    /// Red flags, expected-by markers and readiness: the care engine.
    pub fn care(&self) -> Care<'_> {
        Care::new(&self.core)
    }

    /// The check-in sections and questions worth offering at `now` (the core chooses; apps render them).
    pub fn checkin_form(&self, now: chrono::DateTime<chrono::Utc>) -> Result<crate::care::CheckinForm> {
        self.care().checkin_form(now)
    }

    /// A check-in's data from the form's answers (each field and its answer as text) and the sections the person
    /// went through: apps draw [`Mend::checkin_form`] and hand the answers back, parsing nothing themselves.
    pub fn checkin_from_form(
        &self,
        answers: &[crate::care::FormAnswer],
        answered: &[String],
    ) -> Result<crate::journal::CheckInData> {
        crate::care::answers::check_in_data(answers, answered)
    }

    /// The built-in guides: list, read, search, suggestions, bookmarks and read state.
    pub fn library(&self) -> Library<'_> {
        Library::new(&self.core)
    }

    /// Reminders: schedules, quiet hours, snoozes and the notification plan.
    pub fn reminders(&self) -> Reminders<'_> {
        Reminders::new(&self.core)
    }

    /// Export, import and erase.
    pub fn export(&self) -> Exporter<'_> {
        Exporter::new(&self.core)
    }

    /// Sync for this journal, with this device's key store. `reminders_here` is whether reminders ring on a
    /// device that sets sync up (phones: yes; the CLI: no).
    pub fn sync<'a>(
        &'a self,
        keys: &'a dyn crate::sync::keystore::KeyStore,
        reminders_here: bool,
    ) -> crate::sync::SyncEngine<'a> {
        crate::sync::SyncEngine::new(&self.core, keys, reminders_here)
    }

    /// Support groups on this device, with the key store that holds their secrets (keep it apart from sync's,
    /// which `sync off` clears).
    pub fn groups<'a>(&'a self, keys: &'a dyn crate::sync::keystore::KeyStore) -> crate::groups::Groups<'a> {
        crate::groups::Groups::new(&self.core, keys)
    }

    /// Registers an observer until the subscription is dropped.
    pub fn subscribe(&self, observer: Arc<dyn Observer>) -> Subscription {
        self.core.observers.subscribe(observer)
    }

    /// What every capability shares (for the crate's own tests).
    #[cfg(test)]
    pub(crate) fn core_for_tests(&self) -> &Core {
        &self.core
    }

    /// Interrupts a long-running write (an import) from another thread; it fails and changes nothing.
    pub fn interrupt(&self) {
        self.core.store.interrupt();
    }
}
