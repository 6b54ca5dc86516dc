//! The registry against the real schema: every table and column the migrations make is described (so a new
//! column must say whether it is health data), the row code's hand-written column lists agree with it, and — by
//! reading it — a deletion leaves no health data in any table, the sync mirror included.

use std::collections::BTreeSet;

use rusqlite::Connection;

use super::{BOOKKEEPING, CLOCK, Kind, Sync};
use crate::store::Store;
use crate::tables::{TABLES, table};

fn journal() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("mend.db")).unwrap();
    (dir, store)
}

fn schema(conn: &Connection) -> Vec<(String, BTreeSet<String>)> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    names
        .into_iter()
        .map(|name| {
            let columns = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{name}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (name, columns)
        })
        .collect()
}

#[test]
fn every_table_and_column_of_the_schema_is_described() {
    let (_dir, store) = journal();
    let tables = store.read(|c| Ok(schema(c))).unwrap();
    assert!(tables.len() >= 10, "{tables:?}");
    for (name, columns) in &tables {
        let described =
            TABLES.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("table {name} is not in the registry"));
        let mut registry: BTreeSet<String> = described.columns.iter().map(|c| c.name.to_owned()).collect();
        registry.extend(BOOKKEEPING.iter().filter(|b| columns.contains(**b)).map(|b| (*b).to_owned()));
        // Every synced table's rows carry the clock; no device-local table's do.
        if described.sync == Sync::Synced {
            registry.insert(CLOCK.name.to_owned());
        }
        assert_eq!(&registry, columns, "table {name}: the registry and the schema disagree");
    }
    assert_eq!(TABLES.len(), tables.len(), "the registry describes a table the schema lacks");
}

/// A value of `kind` that is not what a deletion leaves.
fn value(kind: Kind, column: &str) -> String {
    match kind {
        Kind::Integer => "7".into(),
        Kind::Real => "7.5".into(),
        Kind::Bool => "1".into(),
        Kind::Instant => "1000".into(),
        Kind::Day => "'2026-05-01'".into(),
        Kind::Json => "'{\"a\":1}'".into(),
        Kind::Text => format!("'value-of-{column}'"),
        Kind::List => "'a,b'".into(),
    }
}

#[test]
fn a_deletion_clears_every_health_column_of_every_table_and_the_mirror() {
    let (_dir, store) = journal();
    let now = crate::fixtures::utc(2026, 5, 6, 12, 0);
    let tombstoned: Vec<&str> = TABLES
        .iter()
        .filter(|t| t.columns.iter().any(|c| c.name == "guid") && !t.name.starts_with("sync_"))
        .map(|t| t.name)
        .collect();
    assert!(tombstoned.contains(&"checkins") && tombstoned.contains(&"alerts"), "{tombstoned:?}");
    store
        .write(|tx| {
            for name in &tombstoned {
                let t = table(name);
                let names: Vec<&str> = t.columns.iter().map(|c| c.name).collect();
                let values: Vec<String> = t
                    .columns
                    .iter()
                    .map(|c| if c.name == "guid" { format!("'g-{name}'") } else { value(c.kind, c.name) })
                    .collect();
                tx.execute(&format!("INSERT INTO {name} ({}) VALUES ({})", names.join(", "), values.join(", ")), [])?;
                let words = crate::sync::merge::Version {
                    clock: crate::sync::hlc::Hlc::start(1),
                    deleted: false,
                    fields: [("words".to_owned(), serde_json::json!("private"))].into(),
                };
                crate::store::mirror::record(tx, name, &format!("g-{name}"), &words, 3)?;
                crate::store::mirror::sent(tx, name, &format!("g-{name}"), &words)?;
                let changed = crate::store::record::tombstone(tx, t, &format!("g-{name}"), now)?;
                assert_eq!(changed, 1, "{name}");
            }
            Ok(())
        })
        .unwrap();
    store
        .read(|c| {
            for name in &tombstoned {
                let t = table(name);
                for column in t.health_columns() {
                    let cleared: bool = c.query_row(
                        &format!("SELECT ({}) IS ({}) FROM {name} WHERE guid = ?1", column.name, column.cleared),
                        [format!("g-{name}")],
                        |r| r.get(0),
                    )?;
                    assert!(cleared, "{name}.{} survives a deletion", column.name);
                }
                if t.sync == Sync::Synced {
                    let clock: String = c.query_row(&format!("SELECT clock FROM {name}"), [], |r| r.get(0))?;
                    assert!(crate::sync::hlc::Hlc::parse(&clock).is_some(), "{name}: a deletion is stamped");
                }
                let (row, version, sent): (String, i64, Option<String>) =
                    c.query_row("SELECT row, version, sent FROM sync_mirror WHERE table_name = ?1", [name], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })?;
                assert_eq!(row, "{}", "{name}: the mirror keeps a deleted row's words");
                assert_eq!(sent, None, "{name}: the mirror keeps the words of an upload without a reply");
                assert_eq!(version, 3, "{name}: the deletion's upload still names the server's version");
            }
            Ok(())
        })
        .unwrap();
    // The test sees health columns in every table a person writes.
    for name in ["checkins", "events", "losses", "reminders", "alerts"] {
        assert!(table(name).health_columns().count() > 0, "{name}");
    }
}
