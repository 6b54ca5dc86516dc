//! What the writer connection changed: the rowids of check-ins it inserted, updated or deleted (SQLite's
//! update hook, registered when the store opens), how many changes and whether all were inserts, and how many
//! write transactions it has committed. The care
//! engine's write-path evaluation keeps the check-ins it reads in memory between writes and uses these to
//! read again only the rows a write changed (`care::recent`).
//!
//! What the log cannot see makes a reader start afresh, never trust a stale copy: a copy is tied to the commit
//! count it expects (a transaction that rolled back, or any write that was not evaluated, leaves the count
//! elsewhere), other processes' commits show in `PRAGMA data_version`, and a log that grew past
//! [`MAX_LOGGED`] rows (an import) is reported as overflowed. SQLite skips the hook when a `DELETE` without a
//! `WHERE` empties a table; only erase does that, in a write of its own.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

/// The table whose changes are logged.
const WATCHED: &str = "checkins";
/// Beyond this many changed rows, reading everything again is cheaper than reading each.
pub const MAX_LOGGED: usize = 256;

#[derive(Debug)]
struct Log {
    rowids: Vec<i64>,
    overflowed: bool,
    /// Every change logged, listed or not.
    count: usize,
    /// Whether every one of them inserted a row.
    inserts_only: bool,
}

impl Default for Log {
    fn default() -> Log {
        Log { rowids: Vec::new(), overflowed: false, count: 0, inserts_only: true }
    }
}

/// The check-in rows changed on the writer since the last [`ChangeLog::take`], and the commit count.
#[derive(Debug, Default)]
pub struct ChangeLog {
    log: Arc<Mutex<Log>>,
    commits: AtomicU64,
}

/// The changed check-in rows a write saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// Their rowids, or `None` when too many changed to list.
    pub rowids: Option<Vec<i64>>,
    /// How many changes there were (each insert, update or delete of a row), listed or not.
    pub count: usize,
    /// Whether every change inserted a new row (no update, no delete).
    pub inserts_only: bool,
}

impl ChangeLog {
    /// Registers the log on `writer`.
    pub(super) fn install(writer: &mut Connection) -> rusqlite::Result<ChangeLog> {
        let changes = ChangeLog::default();
        let log = Arc::clone(&changes.log);
        writer.update_hook(Some(move |action, database: &str, table: &str, rowid: i64| {
            if table == WATCHED && database == "main" {
                let mut log = log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                log.count += 1;
                log.inserts_only &= action == rusqlite::hooks::Action::SQLITE_INSERT;
                if log.rowids.len() < MAX_LOGGED {
                    log.rowids.push(rowid);
                } else {
                    log.overflowed = true;
                }
            }
        }))?;
        Ok(changes)
    }

    /// The rows changed since the last call (then forgotten).
    pub fn take(&self) -> Changed {
        let mut log = self.log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let taken = std::mem::take(&mut *log);
        Changed {
            rowids: (!taken.overflowed).then_some(taken.rowids),
            count: taken.count,
            inserts_only: taken.inserts_only,
        }
    }

    /// Write transactions committed on the writer so far.
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::Acquire)
    }

    /// Counts a committed write transaction (called under the writer's lock).
    pub(super) fn committed(&self) {
        self.commits.fetch_add(1, Ordering::AcqRel);
    }
}
