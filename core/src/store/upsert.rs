//! Mend's one merge rule as SQL, so every table merges the same way (imports today, sync tomorrow): insert a
//! row; where one with the same key exists, replace it only if the incoming row is newer (later `updated_at`);
//! bump `sync_change_counter`; clear `deleted`. Every table's row code builds its statement here
//! ([`super::record::Record`], once per table and origin). A tombstone is a row like any other: it beats every
//! incoming row older than (or as old as) the deletion, so an old export never brings a deleted entry back, and a
//! row edited after the deletion revives with its full content. `created_at` never changes, and a row keeps its
//! `guid` unless the key is a singleton table's `id`. A row from the server ([`super::Origin::Remote`]) merges
//! the same way but sets `sync_change_counter` to 0: it is the server's, and never goes back up. Synced tables
//! also stamp each written row with the write's hybrid logical clock (`store/clock.rs`); a row from the server
//! carries its own and replaces a stored row only if its clock is later.

/// Builds the merge statement (see the module documentation).
pub fn upsert_sql(table: &str, columns: &str, targets: &[&str]) -> String {
    merge_sql(table, columns, targets, false, false, false)
}

/// The merge statement; for a row from the server (`remote`) the row's `sync_change_counter` is 0 (inserted or
/// replaced), so it is never uploaded again. A `stamped` table's rows also take the write's clock in their
/// `clock` column, bound as the parameter after the columns (the caller reads the stamp once for a batch:
/// [`super::clock::current_stamp`]), and a row from the server replaces a stored one only if its clock is later.
/// `by_clock` compares clocks for a row of this device's (an import of a version 2 export, whose rows carry
/// their clocks) too.
pub fn merge_sql(table: &str, columns: &str, targets: &[&str], remote: bool, stamped: bool, by_clock: bool) -> String {
    let mut columns: Vec<&str> = columns.split(',').map(str::trim).filter(|c| !c.is_empty()).collect();
    let mut placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    if stamped {
        columns.push("clock");
        placeholders.push(format!("?{}", columns.len()));
    }
    let newer = if (remote || by_clock) && stamped { "clock" } else { "updated_at" };
    let (counter_column, counter_value, counter_update) = if remote {
        (", sync_change_counter", ", 0", "sync_change_counter = 0".to_owned())
    } else {
        ("", "", format!("sync_change_counter = {table}.sync_change_counter + 1"))
    };
    let mut sql = format!(
        "INSERT INTO {table} ({}{counter_column}) VALUES ({}{counter_value})",
        columns.join(", "),
        placeholders.join(", ")
    );
    for target in targets {
        let kept = |c: &str| c != *target && c != "id" && c != "created_at" && (*target == "id" || c != "guid");
        let sets: Vec<String> = columns.iter().filter(|c| kept(c)).map(|c| format!("{c} = excluded.{c}")).collect();
        sql.push_str(&format!(
            " ON CONFLICT ({target}) DO UPDATE SET {}, {counter_update}, \
             deleted = 0 WHERE excluded.{newer} > {table}.{newer}",
            sets.join(", ")
        ));
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_keeps_identity_and_creation_and_prefers_the_newer_row() {
        assert_eq!(
            upsert_sql("things", "guid, name, created_at, updated_at", &["guid"]),
            "INSERT INTO things (guid, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (guid) DO \
             UPDATE SET name = excluded.name, updated_at = excluded.updated_at, sync_change_counter = \
             things.sync_change_counter + 1, deleted = 0 WHERE excluded.updated_at > things.updated_at"
        );
        let singleton = upsert_sql("settings", "id, guid, quiet, created_at, updated_at", &["id"]);
        assert!(singleton.contains("ON CONFLICT (id) DO UPDATE SET guid = excluded.guid, quiet = excluded.quiet,"));
        let two = upsert_sql("state", "guid, guide_id, on, created_at, updated_at", &["guid", "guide_id"]);
        assert!(two.contains("ON CONFLICT (guid) DO UPDATE SET guide_id = excluded.guide_id, on = excluded.on,"));
        assert!(two.contains("ON CONFLICT (guide_id) DO UPDATE SET on = excluded.on, updated_at"));
    }

    #[test]
    fn merging_on_a_real_table_prefers_the_newer_row_and_a_tombstone_beats_older_rows() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, guid TEXT UNIQUE, name TEXT, created_at INT, updated_at INT, \
             sync_change_counter INT NOT NULL DEFAULT 1, deleted INT NOT NULL DEFAULT 0)",
        )
        .unwrap();
        let sql = upsert_sql("t", "guid, name, created_at, updated_at", &["guid"]);
        let put = |name: &str, updated: i64| conn.execute(&sql, rusqlite::params!["g1", name, 5, updated]).unwrap();
        let row = || -> (String, i64, i64, i64) {
            conn.query_row("SELECT name, created_at, sync_change_counter, deleted FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap()
        };
        assert_eq!(put("first", 10), 1);
        assert_eq!(put("older", 9), 0, "an older row changes nothing");
        assert_eq!(put("same", 10), 0, "an equal row changes nothing");
        assert_eq!(put("newer", 11), 1);
        assert_eq!(row(), ("newer".into(), 5, 2, 0));
        conn.execute("UPDATE t SET deleted = 1, name = NULL, updated_at = 20", []).unwrap();
        assert_eq!(put("older than the deletion", 12), 0, "a tombstone beats an older row");
        assert_eq!(put("as old as the deletion", 20), 0, "and one as old as the deletion");
        let deleted: (Option<String>, i64) =
            conn.query_row("SELECT name, deleted FROM t", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(deleted, (None, 1));
        assert_eq!(put("edited after the deletion", 21), 1, "a later edit revives the row whole");
        assert_eq!(row(), ("edited after the deletion".into(), 5, 3, 0));
    }
}
