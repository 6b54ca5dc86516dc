//! Schema migrations: numbered SQL files in `migrations/`, found at build time (see `build.rs`). The file's
//! `PRAGMA user_version` is the number of the last step run; each further step runs in its own IMMEDIATE transaction together
//! with its version bump, so a crash leaves the file at a whole step. A newer file than we know is refused.

use rusqlite::{Connection, TransactionBehavior};

use super::connection;
use crate::error::{Error, Result};

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The schema version this build creates: the number of its last migration.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map(|(number, _, _)| *number).unwrap_or(0)
}

/// Every schema version a database can be at: 0 (empty) and each migration's number.
pub fn known_versions() -> Vec<i64> {
    std::iter::once(0).chain(MIGRATIONS.iter().map(|(number, _, _)| *number)).collect()
}

/// Brings `conn`'s file up to [`latest_version`], or refuses a newer file without changing a byte.
pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, latest_version())
}

/// Applies steps up to `target` (tests use this to build every older schema). Safe when several processes
/// open a new journal at once: each step reads the version inside its own write transaction, so a step
/// another process has just run is never run twice.
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<()> {
    refuse_newer(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)?;
    connection::configure_writer(conn)?;
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        refuse_newer(found)?;
        let Some((number, _name, sql)) = MIGRATIONS.iter().find(|(n, _, _)| *n > found && *n <= target) else {
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", number)?;
        tx.commit()?;
    }
}

fn refuse_newer(found: i64) -> Result<()> {
    if found > latest_version() {
        return Err(Error::NewerSchema { found, supported: latest_version() });
    }
    Ok(())
}

/// A normalised description of every schema object, for comparing databases built by different paths.
pub fn schema_fingerprint(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || COALESCE(sql, '') FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row?.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Ok(out)
}
