//! Mapping between alert records and their SQL rows: the column list, reading a row, the upsert (the newer
//! version of a row wins, as for journal rows, so import and sync merge cleanly) and the tombstone.

use rusqlite::{Connection, Row};

use super::alerts::AlertRecord;
use super::codes::{RuleId, Severity};
use crate::store::time::from_ms;
use crate::store::upsert::Upsert;

/// Columns of an alert, in the order [`alert_from_row`] reads them.
pub const ALERT_COLUMNS: &str = "guid, rule, raised_at, cleared_at, because, message, acknowledged, acknowledged_at, \
    episodes, created_at, updated_at, level, acknowledged_level, severity, seen_at";

/// Every live alert row.
pub const SELECT_ALERTS: &str = "SELECT guid, rule, raised_at, cleared_at, because, message, acknowledged, \
    acknowledged_at, episodes, created_at, updated_at, level, acknowledged_level, severity, seen_at FROM alerts WHERE deleted = 0 \
    ORDER BY id";

/// Reads a row selected with [`ALERT_COLUMNS`]; `None` for a rule this version doesn't know (a newer Mend's,
/// arrived by sync), which is left stored untouched.
pub fn alert_from_row(row: &Row<'_>) -> rusqlite::Result<Option<AlertRecord>> {
    let rule: String = row.get(1)?;
    let Some(rule) = RuleId::from_code(&rule) else { return Ok(None) };
    let because: String = row.get(4)?;
    Ok(Some(AlertRecord {
        guid: row.get(0)?,
        rule,
        raised_at: from_ms(row.get(2)?)?,
        cleared_at: row.get::<_, Option<i64>>(3)?.map(from_ms).transpose()?,
        because: because.split(',').filter(|g| !g.is_empty()).map(str::to_owned).collect(),
        message: row.get(5)?,
        acknowledged: row.get(6)?,
        acknowledged_at: row.get::<_, Option<i64>>(7)?.map(from_ms).transpose()?,
        episodes: row.get(8)?,
        created_at: from_ms(row.get(9)?)?,
        updated_at: from_ms(row.get(10)?)?,
        level: row.get(11)?,
        acknowledged_level: row.get(12)?,
        severity: row.get::<_, Option<String>>(13)?.and_then(|s| Severity::from_code(&s)),
        seen_at: row.get::<_, Option<i64>>(14)?.map(from_ms).transpose()?,
    }))
}

/// Every live alert this version knows.
pub fn load_alerts(conn: &Connection) -> rusqlite::Result<Vec<AlertRecord>> {
    let mut stmt = conn.prepare_cached(SELECT_ALERTS)?;
    let rows = stmt.query_map([], alert_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.extend(row?);
    }
    Ok(out)
}

static UPSERT_ALERT: Upsert = Upsert::new(
    "alerts",
    "guid, rule, raised_at, cleared_at, because, message, acknowledged, acknowledged_at, episodes, created_at, \
     updated_at, level, acknowledged_level, severity, seen_at",
    &["guid"],
);

/// Writes `alert`, replacing a stored row with the same guid only if the incoming one is newer.
pub fn upsert_alert(conn: &Connection, a: &AlertRecord) -> rusqlite::Result<usize> {
    conn.prepare_cached(UPSERT_ALERT.sql())?.execute(rusqlite::params![
        a.guid,
        a.rule,
        a.raised_at.timestamp_millis(),
        a.cleared_at.map(|t| t.timestamp_millis()),
        a.because.join(","),
        a.message,
        a.acknowledged,
        a.acknowledged_at.map(|t| t.timestamp_millis()),
        a.episodes,
        a.created_at.timestamp_millis(),
        a.updated_at.timestamp_millis(),
        a.level,
        a.acknowledged_level,
        a.severity.map(|s| s.code()),
        a.seen_at.map(|t| t.timestamp_millis()),
    ])
}

/// Marks an alert deleted, keeping only what sync needs.
pub fn tombstone_alert(conn: &Connection, guid: &str, now: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<usize> {
    crate::journal::rows::tombstone(conn, "alerts", crate::store::registry::table("alerts").clear(), guid, now)
}
