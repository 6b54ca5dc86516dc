//! This device's hybrid logical clock ([`crate::sync::hlc`]), kept in `sync_clock` (migration 0012) so it never
//! goes back across restarts or between processes sharing the journal. Every write transaction ticks it once
//! ([`tick`], run by [`super::Store::write`]) and sets `stamp`, the clock the rows of that write carry: the merge
//! statements of synced tables bind it ([`current_stamp`], read once per batch) and their tombstones write
//! [`STAMP`] into each row's `clock` column. So rows written by
//! the person (`Local`) or by an import get a new clock of this device's. A row from the server keeps its own:
//! the remote apply sets the stamp to the incoming clock ([`receive`]) before writing the row, and this device's
//! clock moves past it.

use rusqlite::{Connection, params};

use crate::sync::hlc::Hlc;

/// The SQL value a written row's `clock` takes: the current write's stamp.
pub const STAMP: &str = "(SELECT stamp FROM sync_clock WHERE id = 1)";

fn wall_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// Ticks this device's clock for a new write (one statement: the tick and the stamp, in SQL), so every row the
/// write makes carries a clock later than any this device made or received before.
pub(super) fn tick(tx: &Connection) -> rusqlite::Result<()> {
    // Text as `Hlc`'s Display: millis (15 digits), counter (8 hex digits), device (16 hex digits).
    tx.prepare_cached(
        "UPDATE sync_clock SET counter = CASE WHEN ?1 > millis THEN 0 ELSE counter + 1 END, \
         millis = max(millis, ?1), \
         stamp = printf('%015d-%08x-%016x', max(millis, ?1), CASE WHEN ?1 > millis THEN 0 ELSE counter + 1 END, \
         device) WHERE id = 1",
    )?
    .execute([wall_ms() as i64])?;
    Ok(())
}

/// This device's latest clock.
pub fn latest(conn: &Connection) -> rusqlite::Result<Hlc> {
    conn.prepare_cached("SELECT millis, counter, device FROM sync_clock WHERE id = 1")?.query_row([], |r| {
        Ok(Hlc {
            millis: r.get::<_, i64>(0)? as u64,
            counter: r.get::<_, i64>(1)? as u32,
            device: r.get::<_, i64>(2)? as u64,
        })
    })
}

/// The clock the rows written next carry, in its stored text form (what a merge statement binds for `clock`).
pub fn current_stamp(conn: &Connection) -> rusqlite::Result<String> {
    conn.prepare_cached("SELECT stamp FROM sync_clock WHERE id = 1")?.query_row([], |r| r.get(0))
}

/// The clock the rows written next carry.
pub fn stamp(conn: &Connection) -> rusqlite::Result<Option<Hlc>> {
    Ok(Hlc::parse(&current_stamp(conn)?))
}

/// After taking in clocks made elsewhere (an import's rows): this device's clock moves past the latest of them,
/// so its next change is later than anything it has seen. The current write's stamp is left as it is.
pub fn witness(tx: &Connection, seen: Hlc) -> rusqlite::Result<()> {
    let mine = latest(tx)?.receive(seen, wall_ms());
    tx.prepare_cached("UPDATE sync_clock SET millis = ?1, counter = ?2 WHERE id = 1")?
        .execute(params![mine.millis as i64, mine.counter])?;
    Ok(())
}

/// Before writing a row that came from the server with clock `remote`: the row keeps `remote`, and this device's
/// clock moves past it (so its next change is later than anything it has seen).
pub fn receive(tx: &Connection, remote: Hlc) -> rusqlite::Result<()> {
    let mine = latest(tx)?.receive(remote, wall_ms());
    tx.prepare_cached("UPDATE sync_clock SET millis = ?1, counter = ?2, stamp = ?3 WHERE id = 1")?.execute(params![
        mine.millis as i64,
        mine.counter,
        remote.to_string()
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journal() -> (tempfile::TempDir, super::super::Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = super::super::Store::open(&dir.path().join("mend.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn every_write_stamps_a_later_clock_of_this_device_and_a_received_clock_is_kept_and_passed() {
        let (_dir, store) = journal();
        let first = store.write(|tx| Ok(stamp(tx)?)).unwrap().expect("a stamp in SQL reads as a clock");
        let second = store.write(|tx| Ok(stamp(tx)?)).unwrap().unwrap();
        assert!(second > first && second.device == first.device, "{first} then {second}");
        assert!(first.millis > 1_700_000_000_000, "wall-clock milliseconds: {first}");
        let ahead = Hlc { millis: second.millis + 60_000, counter: 7, device: 42 };
        let kept = store.write(|tx| {
            receive(tx, ahead)?;
            Ok(stamp(tx)?)
        });
        assert_eq!(kept.unwrap(), Some(ahead));
        let after = store.write(|tx| Ok(stamp(tx)?)).unwrap().unwrap();
        assert!(after > ahead && after.device == first.device, "{after} after receiving {ahead}");
        assert!(store.read(|c| Ok(latest(c)?)).unwrap() == after);
    }
}
