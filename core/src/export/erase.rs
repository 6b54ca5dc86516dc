//! Erase-all: deletes every row the person owns (every table with a `guid` column, so tables added later are
//! covered too) in one transaction, then checkpoints and truncates the WAL so no copy stays in any file
//! (`secure_delete` is on for the writer, so freed space in the database file is zeroed as it is freed), then
//! compacts the file.
//!
//! All or nothing, and it tells the truth: it first makes sure no other program is reading the journal (a
//! reader's snapshot would keep old pages alive); a failure before the delete commits (a full disk) changes
//! nothing and says so. Compacting afterwards is only tidying: if it fails (a full disk again), what was
//! erased stays erased.

use crate::error::{Error, Result};
use crate::mend::Core;
use crate::observe::Change;

/// Tables holding user-owned rows: those with a `guid` column, the group items and the undo record.
const USER_TABLES: &str = "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' \
    AND (EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'guid') OR m.name IN ('group_items', 'groups_owned', 'groups_joined', 'groups_publishing', 'undo_record', 'sync_state', 'sync_unreadable')) \
    ORDER BY m.name";

pub(crate) fn erase_all(core: &Core) -> Result<()> {
    let nothing_erased = |why: String| Error::Conflict(format!("Nothing was erased: {why}"));
    let busy = "another program is reading your journal right now. Close it (or wait a moment), then erase again";
    let alone = core.store.no_other_readers().map_err(|e| nothing_erased(e.plain()))?;
    if !alone {
        return Err(nothing_erased(busy.to_owned()));
    }
    core.store
        .write(|tx| {
            let tables: Vec<String> =
                tx.prepare(USER_TABLES)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            for table in tables {
                tx.execute(&format!("DELETE FROM \"{table}\""), [])?;
            }
            Ok(())
        })
        .map_err(|e| nothing_erased(e.plain()))?;
    core.notify(&[Change::Journal, Change::Library, Change::Reminders]);
    // Empty the WAL (freeing its space), compact the file (best effort), and empty the WAL again.
    core.store.scrub()?;
    let _compacted = core.store.with_writer(|conn| Ok(conn.execute_batch("VACUUM")?));
    let wiped = core.store.scrub()?;
    core.store.reset_readers();
    if !wiped {
        return Err(Error::Conflict(
            "Your journal was erased, but another program started reading it at that moment, so traces of it stay \
             in its files until that program closes. Close it, then run erase again to be sure."
                .into(),
        ));
    }
    Ok(())
}
