//! The journal's SQLite store: one file, WAL, exactly one writer connection (every write one IMMEDIATE
//! transaction) and a small pool of readers. Opening runs the numbered migrations (safely when several
//! processes open a new journal at once); a file from a newer Mend is refused untouched, and a damaged file
//! is reported and kept, never deleted.
//!
//! The database file alone always holds the whole journal once the store closes: the readers close first and
//! the writer then checkpoints the WAL into it and truncates the WAL. Writes that remove or overwrite a
//! person's words are followed by [`Store::scrub`], the same checkpoint, so no old copy stays in the WAL
//! (`secure_delete` zeroes it in the database file).

pub mod changes;
pub mod clock;
mod connection;
mod migrations;
pub mod mirror;
mod origin;
pub mod record;
pub mod registry;
pub mod time;
pub mod undo;
pub mod upsert;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rusqlite::{Connection, InterruptHandle, Transaction, TransactionBehavior};

use crate::error::Result;

pub use migrations::{known_versions, latest_version, schema_fingerprint};
pub use origin::Origin;

/// Readers kept open for reuse; more may be opened briefly under load.
const MAX_IDLE_READERS: usize = 2;

/// Gives each store its own id, so a thread's pinned snapshot is used only by the store that pinned it.
static NEXT_STORE_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// Read transactions pinned by [`Store::snapshot`] on this thread: (store id, reader in a transaction).
    static PINNED: RefCell<Vec<(u64, Connection)>> = const { RefCell::new(Vec::new()) };
}

/// The store. Cheap to share by reference; safe to use from many threads.
pub struct Store {
    id: u64,
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    /// Taken at open so it can be used while the writer is busy (that is its point).
    interrupt: InterruptHandle,
    /// A scrub could not finish (another program held an old snapshot): try again after the next write and
    /// when the store closes.
    scrub_pending: AtomicBool,
    /// The check-in rows the writer changed and its commit count ([`changes`]).
    changes: changes::ChangeLog,
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and brings its schema up to date. A new file
    /// is created private (0600), and an existing journal's files are made private.
    pub fn open(path: &Path) -> Result<Store> {
        crate::files::private_file_created(path)?;
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            crate::files::private_file(Path::new(&side))?;
        }
        let mut writer = connection::open_writer(path)?;
        migrations::migrate(&mut writer)?;
        let interrupt = writer.get_interrupt_handle();
        let changes = changes::ChangeLog::install(&mut writer)?;
        Ok(Store {
            id: NEXT_STORE_ID.fetch_add(1, Ordering::Relaxed),
            path: path.to_owned(),
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            interrupt,
            scrub_pending: AtomicBool::new(false),
            changes,
        })
    }

    /// What the writer changed, for a reader that keeps rows in memory between writes.
    pub(crate) fn changes(&self) -> &changes::ChangeLog {
        &self.changes
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` in one IMMEDIATE transaction on the writer. It commits only if `work` returns `Ok`;
    /// on `Err` (or a panic) nothing it did is kept.
    /// A storage failure says that nothing was saved.
    pub fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        // The transaction's handling is one function for every caller (`write_erased`); only this shim is made
        // once per call site, which keeps the phone library small (docs/phone-builds.md).
        let mut work = Some(work);
        let mut value = None;
        self.write_erased(&mut |tx| {
            let work = work.take().expect("the work runs once");
            value = Some(work(tx)?);
            Ok(())
        })?;
        Ok(value.expect("the work ran"))
    }

    fn write_erased(&self, work: &mut dyn FnMut(&Transaction<'_>) -> Result<()>) -> Result<()> {
        let mut conn = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            clock::tick(&tx)?;
            work(&tx)?;
            tx.commit()?;
            self.changes.committed();
            Ok(())
        })()
        .map_err(crate::Error::in_write)?;
        if self.scrub_pending.load(Ordering::Relaxed) {
            self.scrub_pending.store(!checkpoint_truncate(&conn).unwrap_or(false), Ordering::Relaxed);
        }
        Ok(())
    }

    /// Copies every committed change into the database file and empties the WAL, so a deleted or overwritten
    /// entry leaves no readable copy behind (the database file's own copy is zeroed by `secure_delete`).
    /// Waits (up to the busy timeout) for readers on older snapshots; gives `false` if one still held on, in
    /// which case the scrub is retried after the next write and when the store closes.
    pub fn scrub(&self) -> Result<bool> {
        let done = self.with_writer(|conn| checkpoint_truncate(conn))?;
        self.scrub_pending.store(!done, Ordering::Relaxed);
        Ok(done)
    }

    /// Whether no connection, in this process or another, is reading the journal right now: makes a harmless
    /// write (so a reader on any earlier snapshot holds the WAL) and checks that a full checkpoint completes.
    pub(crate) fn no_other_readers(&self) -> Result<bool> {
        self.reset_readers();
        self.with_writer(|conn| {
            let id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
            conn.pragma_update(None, "application_id", id)?;
            checkpoint_truncate(conn)
        })
    }

    /// Runs `work` with the writer connection outside any transaction (VACUUM, checkpoints).
    pub(crate) fn with_writer<T>(&self, work: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut conn)
    }

    /// Runs `work` on a reader connection (a consistent snapshot when it runs several queries in a
    /// transaction of its own).
    pub fn read<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        // As `write`: one shared body, a thin shim per call site.
        let mut work = Some(work);
        let mut value = None;
        self.read_erased(&mut |conn| {
            let work = work.take().expect("the work runs once");
            value = Some(work(conn)?);
            Ok(())
        })?;
        Ok(value.expect("the work ran"))
    }

    fn read_erased(&self, work: &mut dyn FnMut(&Connection) -> Result<()>) -> Result<()> {
        let pinned = PINNED.with_borrow(|pinned| pinned.iter().any(|(id, _)| *id == self.id));
        if pinned {
            return PINNED.with_borrow(|pinned| {
                let (_, conn) = pinned.iter().find(|(id, _)| *id == self.id).expect("pinned above");
                work(conn)
            });
        }
        let conn = self.take_reader()?;
        let result = work(&conn);
        self.return_reader(conn);
        result
    }

    /// Runs `work` with every read this thread makes through this store on one read transaction, so
    /// everything it reads is one consistent snapshot (an export taken while writes go on). Nested calls share
    /// the outer snapshot.
    pub fn snapshot<T>(&self, work: impl FnOnce() -> Result<T>) -> Result<T> {
        if PINNED.with_borrow(|pinned| pinned.iter().any(|(id, _)| *id == self.id)) {
            return work();
        }
        let conn = self.take_reader()?;
        conn.execute_batch("BEGIN")?;
        // A deferred transaction takes its snapshot at its first read: take it now.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        PINNED.with_borrow_mut(|pinned| pinned.push((self.id, conn)));
        /// Unpins (and ends the read transaction) however `work` ends, a panic included.
        struct Unpin<'s>(&'s Store);
        impl Drop for Unpin<'_> {
            fn drop(&mut self) {
                let id = self.0.id;
                let conn = PINNED.with_borrow_mut(|pinned| {
                    let at = pinned.iter().position(|(pinned_id, _)| *pinned_id == id);
                    at.map(|at| pinned.remove(at).1)
                });
                if let Some(conn) = conn
                    && conn.execute_batch("COMMIT").is_ok()
                {
                    self.0.return_reader(conn);
                }
            }
        }
        let _unpin = Unpin(self);
        work()
    }

    fn take_reader(&self) -> Result<Connection> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match pooled {
            Some(conn) => Ok(conn),
            None => connection::open_reader(&self.path),
        }
    }

    fn return_reader(&self, conn: Connection) {
        let mut idle = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
    }

    /// Every row `sql` selects, mapped by `map` (on a reader, with a cached statement).
    pub fn query_all<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        self.read(|conn| Ok(conn.prepare_cached(sql)?.query_map(params, map)?.collect::<rusqlite::Result<Vec<T>>>()?))
    }

    /// The first row `sql` selects, if any, mapped by `map`.
    pub fn query_opt<T, P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
        map: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        use rusqlite::OptionalExtension;
        self.read(|conn| Ok(conn.prepare_cached(sql)?.query_row(params, map).optional()?))
    }

    /// Interrupts whatever the writer is running (cancels a long import); safe to call from any thread.
    pub fn interrupt(&self) {
        self.interrupt.interrupt();
    }

    /// Drops idle readers so the next read reopens (used after the file was rewritten by VACUUM).
    pub(crate) fn reset_readers(&self) {
        self.readers.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

impl Drop for Store {
    /// Closes the readers first, so the writer is this process's last connection, then checkpoints the WAL into
    /// the database file and truncates it: `mend.db` alone holds the whole journal. If another process still
    /// reads an older snapshot, that process's own close finishes the job.
    fn drop(&mut self) {
        self.readers.get_mut().unwrap_or_else(|p| p.into_inner()).clear();
        let writer = self.writer.get_mut().unwrap_or_else(|p| p.into_inner());
        let _ = checkpoint_truncate(writer);
    }
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`: whether it completed (every frame copied and the WAL emptied) rather
/// than stopping at a reader that still needed older pages.
fn checkpoint_truncate(conn: &Connection) -> Result<bool> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

#[cfg(test)]
pub(crate) mod safety_tests;
#[cfg(test)]
mod tests;
