//! Erase-all: deletes every row the person owns (every table with a `guid` column, so tables added later are
//! covered too) in one transaction, then VACUUMs and truncates the WAL so no trace stays in the files.
//! `secure_delete` is on for the writer, so freed pages are zeroed as well.

use crate::error::Result;
use crate::mend::Core;
use crate::observe::Change;

/// Tables holding user-owned rows: those with a `guid` column.
const USER_TABLES: &str = "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' \
    AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'guid') ORDER BY m.name";

pub(super) fn erase_all(core: &Core) -> Result<()> {
    core.store.write(|tx| {
        let tables: Vec<String> =
            tx.prepare(USER_TABLES)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for table in tables {
            tx.execute(&format!("DELETE FROM \"{table}\""), [])?;
        }
        Ok(())
    })?;
    core.store.reset_readers();
    core.store.with_writer(|conn| {
        conn.execute_batch("VACUUM;")?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    })?;
    core.notify(&[Change::Journal, Change::Library, Change::Reminders]);
    Ok(())
}
