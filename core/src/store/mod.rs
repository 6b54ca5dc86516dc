//! The journal's SQLite store: one file, WAL, exactly one writer connection (every write one IMMEDIATE
//! transaction) and a small pool of readers. Opening runs the numbered migrations; a file from a newer Mend
//! is refused untouched, and a damaged file is reported and kept, never deleted.

mod connection;
mod migrations;
pub mod time;
pub mod upsert;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, InterruptHandle, Transaction, TransactionBehavior};

use crate::error::Result;

pub use migrations::{known_versions, latest_version, schema_fingerprint};

/// Readers kept open for reuse; more may be opened briefly under load.
const MAX_IDLE_READERS: usize = 2;

/// The store. Cheap to share by reference; safe to use from many threads.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    /// Taken at open so it can be used while the writer is busy (that is its point).
    interrupt: InterruptHandle,
}

impl Store {
    /// Opens (creating if needed) the database file at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let mut writer = connection::open_writer(path)?;
        migrations::migrate(&mut writer)?;
        let interrupt = writer.get_interrupt_handle();
        Ok(Store { path: path.to_owned(), writer: Mutex::new(writer), readers: Mutex::new(Vec::new()), interrupt })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` in one IMMEDIATE transaction on the writer. It commits only if `work` returns `Ok`;
    /// on `Err` (or a panic) nothing it did is kept.
    pub fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` with the writer connection outside any transaction (VACUUM, checkpoints).
    pub(crate) fn with_writer<T>(&self, work: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.writer.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut conn)
    }

    /// Runs `work` on a reader connection (a consistent snapshot when it runs several queries in a
    /// transaction of its own).
    pub fn read<T>(&self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => connection::open_reader(&self.path)?,
        };
        let result = work(&conn);
        let mut idle = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
        result
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

#[cfg(test)]
mod tests;
