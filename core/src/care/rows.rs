//! The alerts' table, described once for the registry with its row code generated from that description
//! ([`crate::store::record`]): the column list, reading a row, the upsert (the newer version of a row wins, as
//! for journal rows, so import and sync merge cleanly) and the tombstone.

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, Row};

pub mod decisions;

use super::alerts::AlertRecord;
use super::codes::{RuleId, Severity};
use crate::store::Origin;
use crate::store::record::{Columns, codec, record};
use crate::store::registry::{CREATED, GUID, Identity, Kind::*, Merge::*, NULL, UPDATED, col, health};

record! {
    /// The care engine's alerts: derived (every device recomputes them), never uploaded.
    pub static ALERTS: AlertRecord = "alerts" (DeviceLocal, Derived, Identity::Guid) {
        seed: || AlertRecord {
            guid: String::new(),
            rule: RuleId::BleedingSoaking,
            raised_at: Default::default(),
            cleared_at: None,
            because: Vec::new(),
            message: String::new(),
            acknowledged: false,
            acknowledged_at: None,
            episodes: 0,
            created_at: Default::default(),
            updated_at: Default::default(),
            level: None,
            acknowledged_level: None,
            severity: None,
            seen_at: None,
        },
        guid: |a| &a.guid,
        columns: [
            guid: GUID => (guid),
            rule: health(Text, "''") => (rule),
            raised_at: col(Instant, Later) => (raised_at as codec::ms),
            cleared_at: col(Instant, Later) => (cleared_at as codec::ms_opt),
            because: health(List, "''") => (because as codec::list),
            message: health(Text, "''") => (message),
            acknowledged: col(Bool, Later) => (acknowledged),
            acknowledged_at: col(Instant, Later) => (acknowledged_at as codec::ms_opt),
            episodes: col(Integer, Max) => (episodes),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
            level: health(Real, NULL) => (level),
            acknowledged_level: health(Real, NULL) => (acknowledged_level),
            severity: health(Text, NULL) => (severity as severity),
            seen_at: col(Instant, Later) => (seen_at as codec::ms_opt),
        ]
    }
}

/// Columns of an alert, in the order [`alert_from_row`] reads them.
pub static ALERT_COLUMNS: Columns<AlertRecord> = Columns(&ALERTS);

/// Every live alert row.
pub static SELECT_ALERTS: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE deleted = 0 ORDER BY id"));

/// The `severity` column: its code; a code this version doesn't know reads as not evaluated.
mod severity {
    use super::*;

    pub fn bind(severity: &Option<Severity>) -> rusqlite::Result<ToSqlOutput<'static>> {
        Ok(severity.map_or(ToSqlOutput::from(rusqlite::types::Null), |s| ToSqlOutput::from(s.code())))
    }

    pub fn read(severity: &mut Option<Severity>, v: ValueRef<'_>) -> rusqlite::Result<()> {
        *severity = v.as_str_or_null().map_err(|_| codec::invalid(v))?.and_then(Severity::from_code);
        Ok(())
    }
}

/// Reads a row selected with [`ALERT_COLUMNS`]; `None` for a rule this version doesn't know (a newer Mend's,
/// arrived by sync), which is left stored untouched.
pub fn alert_from_row(row: &Row<'_>) -> rusqlite::Result<Option<AlertRecord>> {
    if RuleId::from_code(row.get_ref(1)?.as_str().map_err(|_| codec::invalid(row.get_ref_unwrap(1)))?).is_none() {
        return Ok(None);
    }
    ALERTS.read(row).map(Some)
}

/// Every live alert this version knows, with the person's decisions about it applied ([`decisions::apply`]:
/// one made on another device counts here too).
pub fn load_alerts(conn: &Connection) -> rusqlite::Result<Vec<AlertRecord>> {
    let mut stmt = conn.prepare_cached(&SELECT_ALERTS)?;
    let rows = stmt.query_map([], alert_from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.extend(row?);
    }
    let decisions = decisions::load(conn)?;
    if !decisions.is_empty() {
        for alert in &mut out {
            if let Some(decision) = decisions.get(alert.rule.code()) {
                decisions::apply(alert, decision);
            }
        }
    }
    Ok(out)
}

/// Writes `alert`, replacing a stored row with the same guid only if the incoming one is newer; the person's
/// decisions it carries are recorded in their own table ([`decisions::record`]).
pub fn upsert_alert(conn: &Connection, a: &AlertRecord) -> rusqlite::Result<usize> {
    let written = ALERTS.write(conn, a, Origin::Local)?;
    decisions::record(conn, a, Origin::Local)?;
    Ok(written)
}

/// Marks an alert deleted, keeping only what sync needs.
pub fn tombstone_alert(conn: &Connection, guid: &str, now: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<usize> {
    crate::store::record::tombstone(conn, &ALERTS.table, guid, now)
}
