//! Store tests on real temporary files: migrations from every older schema, refusal of newer files, damaged
//! files kept, transactional writes.

use super::*;
use crate::error::Error;

fn fresh_fingerprint(dir: &Path) -> Vec<String> {
    let store = Store::open(&dir.join("fresh.db")).unwrap();
    store.read(schema_fingerprint).unwrap()
}

#[test]
fn upgrading_from_every_older_schema_equals_a_fresh_schema() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = fresh_fingerprint(dir.path());
    assert!(!fresh.is_empty());
    for version in known_versions().into_iter().filter(|v| *v < latest_version()) {
        let path = dir.path().join(format!("from-{version}.db"));
        {
            let mut conn = connection::open_writer(&path).unwrap();
            migrations::migrate_to(&mut conn, version).unwrap();
            let at: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
            assert_eq!(at, version);
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.read(schema_fingerprint).unwrap(), fresh, "upgrade from schema {version}");
        let at: i64 = store.read(|c| Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?)).unwrap();
        assert_eq!(at, latest_version());
    }
}

#[test]
fn opening_sets_wal_and_secure_delete() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("j.db")).unwrap();
    let mode: String = store.with_writer(|c| Ok(c.pragma_query_value(None, "journal_mode", |r| r.get(0))?)).unwrap();
    assert_eq!(mode, "wal");
    let secure: i64 = store.with_writer(|c| Ok(c.pragma_query_value(None, "secure_delete", |r| r.get(0))?)).unwrap();
    assert_eq!(secure, 1);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);").unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 3).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(Error::NewerSchema { found, supported }) => {
            assert_eq!(found, latest_version() + 3);
            assert_eq!(supported, latest_version());
        }
        Err(other) => panic!("expected NewerSchema, got {other}"),
        Ok(_) => panic!("expected NewerSchema, got an open store"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let message = Store::open(&path).err().unwrap().to_string();
    assert!(message.contains("newer version of Mend") && message.contains("untouched"), "{message}");
}

#[test]
fn a_damaged_file_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    assert!(matches!(Store::open(&path), Err(Error::Storage(_))));
    assert_eq!(std::fs::read(&path).unwrap(), junk, "the file is never deleted or rewritten");
}

#[test]
fn a_failed_write_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("j.db")).unwrap();
    let result: crate::Result<()> = store.write(|tx| {
        tx.execute("INSERT INTO events (guid, at_ms, time_zone, local_day, kind, details, created_at, updated_at) VALUES ('aaaaaaaaaaaa', 0, 'UTC', '1970-01-01', 'period_start', '{}', 0, 0)", [])?;
        Err(Error::invalid("x", "forced"))
    });
    assert!(result.is_err());
    let count: i64 = store.read(|c| Ok(c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)).unwrap();
    assert_eq!(count, 0);
}

#[test]
fn readers_see_committed_writes() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("j.db")).unwrap();
    assert_eq!(store.read(|c| Ok(c.query_row("SELECT count(*) FROM losses", [], |r| r.get::<_, i64>(0))?)).unwrap(), 0);
    store
        .write(|tx| {
            tx.execute("INSERT INTO losses (guid, loss_date, weeks, kind, created_at, updated_at) VALUES ('bbbbbbbbbbbb', '2026-01-01', 8, 'miscarriage', 0, 0)", [])?;
            Ok(())
        })
        .unwrap();
    assert_eq!(store.read(|c| Ok(c.query_row("SELECT count(*) FROM losses", [], |r| r.get::<_, i64>(0))?)).unwrap(), 1);
}

#[test]
fn the_old_dizzy_yes_no_migrates_to_lasting_dizziness() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.db");
    {
        let mut conn = connection::open_writer(&path).unwrap();
        migrations::migrate_to(&mut conn, 5).unwrap();
        for (guid, dizzy) in [("a-dizzy", 1), ("b-steady", 0)] {
            conn.execute(
                "INSERT INTO checkins (guid, at_ms, time_zone, local_day, dizzy, created_at, updated_at) \
                 VALUES (?1, 0, 'UTC', '1970-01-01', ?2, 0, 0)",
                rusqlite::params![guid, dizzy],
            )
            .unwrap();
        }
    }
    let store = Store::open(&path).unwrap();
    let rows: Vec<(String, Option<String>, String)> = store
        .read(|c| {
            let mut stmt = c.prepare("SELECT guid, dizziness, signs FROM checkins ORDER BY guid")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    assert_eq!(
        rows,
        vec![("a-dizzy".into(), Some("lasting".into()), "{}".into()), ("b-steady".into(), None, "{}".into())]
    );
}

/// A decision as migrated: rule, acknowledged at, level, seen at, and the length of its new guid.
type DecisionRow = (String, Option<i64>, Option<f64>, Option<i64>, i64);

#[test]
fn the_decisions_on_older_alerts_move_to_their_own_table_and_older_rows_carry_no_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v10.db");
    {
        let mut conn = connection::open_writer(&path).unwrap();
        migrations::migrate_to(&mut conn, 10).unwrap();
        for (guid, rule, acknowledged, seen) in
            [("a-fever", "fever", 1, None), ("b-sepsis", "sepsis", 0, Some(900)), ("c-pain", "pain-severe", 0, None)]
        {
            conn.execute(
                "INSERT INTO alerts (guid, rule, raised_at, because, message, acknowledged, acknowledged_at, episodes, \
                 created_at, updated_at, acknowledged_level, seen_at) VALUES (?1, ?2, 100, '', '', ?3, 500, 1, 100, \
                 1000, 2.5, ?4)",
                rusqlite::params![guid, rule, acknowledged, seen],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO checkins (guid, at_ms, time_zone, local_day, created_at, updated_at) \
             VALUES ('old-checkin', 0, 'UTC', '1970-01-01', 0, 0)",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let decisions: Vec<DecisionRow> = store
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT rule, acknowledged_at, acknowledged_level, seen_at, length(guid) FROM alert_decisions \
                 ORDER BY rule",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    assert_eq!(
        decisions,
        vec![("fever".into(), Some(500), Some(2.5), None, 32), ("sepsis".into(), None, None, Some(900), 32)]
    );
    let clock: String = store.read(|c| Ok(c.query_row("SELECT clock FROM checkins", [], |r| r.get(0))?)).unwrap();
    assert_eq!(clock, "", "a row written before clocks has none");
}
