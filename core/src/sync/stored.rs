//! This device's version of a synced row as sync's merge takes it ([`super::merge::Version`]): every column the
//! registry describes for its table, by name, with the row's hybrid logical clock (the `clock` column the write
//! path stamps, `store/clock.rs`) and whether it is a deletion. Empty columns are left out. A row written before clocks existed has none and
//! counts as older than any clock.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::Value;

use super::hlc::Hlc;
use super::merge::Version;
use crate::store::registry::{Column, Kind, Table};

/// The stored version of `table`'s row `guid`, if there is one (a deletion too: its fields are left out, as a
/// deletion's are in the merge).
pub fn version(conn: &Connection, table: &Table, guid: &str) -> rusqlite::Result<Option<Version>> {
    let sql = format!("SELECT {}, clock, deleted FROM {} WHERE guid = ?1", table.columns(), table.name);
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_row([guid], |row| from_row(table, row)).optional()
}

/// The version in a row selected as `SELECT <table's columns>, clock, deleted, …`.
pub fn from_row(table: &Table, row: &Row<'_>) -> rusqlite::Result<Version> {
    let count = table.columns.len();
    let deleted: bool = row.get(count + 1)?;
    let mut fields = BTreeMap::new();
    if deleted {
        // A deletion carries only when it was made (no content), so its tombstone reads the same everywhere.
        if let Some(i) = table.columns.iter().position(|c| c.name == "updated_at") {
            fields.insert("updated_at".to_owned(), json(row.get_ref(i)?));
        }
    } else {
        for (i, column) in table.columns.iter().enumerate() {
            // An empty column, or an unchecked yes/no, is left out (the merge reads a missing field as empty, and
            // the row code writes a missing yes/no as no): most of a check-in's fields are empty, and a record's
            // size on the wire is what it holds.
            let value = json(row.get_ref(i)?);
            let unchecked = omits_no(column) && value == 0;
            if !value.is_null() && !unchecked {
                fields.insert(column.name.to_owned(), value);
            }
        }
    }
    let clock: String = row.get(count)?;
    Ok(Version { clock: Hlc::parse(&clock).unwrap_or(Hlc::start(0)), deleted, fields })
}

/// Whether `column` is a yes/no that is never empty (a deletion clears it to no): its "no" is left out of a
/// record, and a missing value is written as no (`rows.rs`).
pub fn omits_no(column: &Column) -> bool {
    column.kind == Kind::Bool && column.cleared == "0"
}

/// A stored value as the merge takes it.
pub fn json(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null | ValueRef::Blob(_) => Value::Null,
        ValueRef::Integer(n) => Value::from(n),
        ValueRef::Real(x) => Value::from(x),
        ValueRef::Text(bytes) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use serde_json::json;

    use super::*;
    use crate::fixtures::{TempMend, checkin_at, utc};
    use crate::journal::rows::CHECKINS;
    use crate::sync::merge::merge;

    fn stored(mend: &TempMend, guid: &str) -> Option<Version> {
        mend.core_for_tests().store.read(|c| Ok(version(c, &CHECKINS.table, guid)?)).unwrap()
    }

    #[test]
    fn a_stored_row_merges_by_the_clock_its_write_stamped() {
        let now = utc(2026, 5, 6, 12, 0);
        let mend = TempMend::with_loss(now, chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(), 9);
        let saved = mend.journal().add_checkin(checkin_at(now - Duration::hours(1), |d| d.mood = Some(4))).unwrap();
        let mine = stored(&mend, &saved.guid).expect("stored");
        let stamped = mend.core_for_tests().store.read(|c| Ok(crate::store::clock::latest(c)?)).unwrap();
        assert!(mine.clock.device == stamped.device && mine.clock <= stamped && mine.clock.millis > 0);
        assert_eq!((mine.fields["mood"].clone(), mine.deleted), (json!(4), false));
        assert!(mine.fields.len() < CHECKINS.table.columns.len(), "empty columns are left out");
        assert!(mine.fields.values().all(|v| !v.is_null()));

        // Another device's edit of the mood: the later clock wins the field; an earlier one loses it.
        let theirs = |clock: Hlc| {
            let mut fields = mine.fields.clone();
            fields.insert("mood".into(), json!(8));
            Version { clock, deleted: false, fields }
        };
        let later = theirs(Hlc { millis: mine.clock.millis + 1, counter: 0, device: 99 });
        let earlier = theirs(Hlc { millis: mine.clock.millis - 1, counter: 0, device: 99 });
        let table = &CHECKINS.table;
        assert_eq!(merge(table, None, &mine, &later).fields["mood"], json!(8));
        assert_eq!(merge(table, None, &mine, &earlier).fields["mood"], json!(4));

        // Their edit made in the same millisecond as ours, and ours deleted since: the later deletion beats it.
        mend.journal().delete_checkin(&saved.guid).unwrap();
        let deleted = stored(&mend, &saved.guid).unwrap();
        assert!(deleted.deleted && deleted.clock > mine.clock);
        assert!(deleted.fields.keys().all(|k| k == "updated_at"), "a deletion carries only when it was made");
        let merged =
            merge(table, Some(&mine), &deleted, &theirs(Hlc { millis: mine.clock.millis, counter: 0, device: 99 }));
        assert!(merged.deleted);
        assert_eq!(stored(&mend, "no-such-row"), None);
    }
}
