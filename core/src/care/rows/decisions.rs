//! The person's decisions about alerts (table `alert_decisions`, migration 0013): that they acknowledged an alert
//! (and at what level), and that a clinician has seen them about it. Alerts are derived — every device
//! recomputes them and they are never uploaded — but these decisions are the person's, so they live in their own
//! synced, person-owned table, described once for the registry with its generated row code.
//!
//! "This alert" across devices is its rule: each rule has one alert, whose episodes open and close, so the row's
//! natural key is the rule id (two devices' rows for one rule merge into one). A decision belongs to the episode
//! that was open when it was made: it applies to an alert raised at or before it.
//!
//! Writing: whenever an alert row is stored with an acknowledgement or a clinician's visit newer than the
//! decision recorded for its rule, the decision is recorded too ([`record`]) — so acknowledging, recording a
//! visit and importing all keep it. Reading: the care engine's alerts are loaded with each rule's decision
//! applied ([`apply`]), so a decision made on another device quiets or closes the alert here too when it next
//! recomputes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::super::alerts::AlertRecord;
use crate::ids::new_guid;
use crate::store::Origin;
use crate::store::record::{Columns, codec, record};
use crate::store::registry::{CREATED, GUID, Identity, Kind::*, Merge::*, NULL, UPDATED, col, health};

/// The person's decisions about one rule's alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertDecision {
    pub guid: String,
    /// The rule's id (its code): the alert's identity on every device.
    pub rule: String,
    /// When the person last acknowledged it.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// Its level then.
    pub acknowledged_level: Option<f64>,
    /// When the person last recorded that a clinician has seen them about it.
    pub seen_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

record! {
    /// The person's decisions about alerts: synced, person-owned, one row per rule.
    pub static DECISIONS: AlertDecision = "alert_decisions" (Synced, Person, Identity::NaturalKey("rule")) {
        seed: || AlertDecision {
            guid: String::new(),
            rule: String::new(),
            acknowledged_at: None,
            acknowledged_level: None,
            seen_at: None,
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        },
        guid: |d| &d.guid,
        columns: [
            guid: GUID => (guid),
            // Which alerts a person had says much about their health; the key stays unique after a deletion.
            rule: health(Text, "'deleted:' || guid") => (rule),
            acknowledged_at: col(Instant, Max) => (acknowledged_at as codec::ms_opt),
            acknowledged_level: health(Real, NULL) => (acknowledged_level),
            seen_at: col(Instant, Max) => (seen_at as codec::ms_opt),
            created_at: CREATED => (created_at as codec::ms),
            updated_at: UPDATED => (updated_at as codec::ms),
        ]
    }
}

static DECISION_COLUMNS: Columns<AlertDecision> = Columns(&DECISIONS);

/// Every live decision, by rule code.
pub fn load(conn: &Connection) -> rusqlite::Result<HashMap<String, AlertDecision>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {DECISION_COLUMNS} FROM alert_decisions WHERE deleted = 0"))?;
    let rows = stmt.query_map([], |row| DECISIONS.read(row))?;
    rows.map(|d| d.map(|d| (d.rule.clone(), d))).collect()
}

/// Every live decision, oldest first (for the export).
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<AlertDecision>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {DECISION_COLUMNS} FROM alert_decisions WHERE deleted = 0 ORDER BY id"))?;
    let rows = stmt.query_map([], |row| DECISIONS.read(row))?;
    rows.collect()
}

fn stored(conn: &Connection, rule: &str) -> rusqlite::Result<Option<AlertDecision>> {
    conn.prepare_cached(&format!("SELECT {DECISION_COLUMNS} FROM alert_decisions WHERE rule = ?1 AND deleted = 0"))?
        .query_row([rule], |row| DECISIONS.read(row))
        .optional()
}

/// Records the decisions `alert` carries that are newer than those stored for its rule (nothing otherwise).
pub fn record(conn: &Connection, alert: &AlertRecord, origin: Origin) -> rusqlite::Result<()> {
    let acknowledged = alert.acknowledged.then_some(alert.acknowledged_at).flatten();
    if acknowledged.is_none() && alert.seen_at.is_none() {
        return Ok(());
    }
    let rule = alert.rule.code();
    let old = stored(conn, rule)?;
    let newer = |mine: Option<DateTime<Utc>>, theirs: Option<DateTime<Utc>>| mine.is_some() && mine > theirs;
    let ack_newer = newer(acknowledged, old.as_ref().and_then(|d| d.acknowledged_at));
    let seen_newer = newer(alert.seen_at, old.as_ref().and_then(|d| d.seen_at));
    if !ack_newer && !seen_newer {
        return Ok(());
    }
    let mut decision = old.unwrap_or_else(|| AlertDecision {
        guid: new_guid(),
        rule: rule.to_owned(),
        acknowledged_at: None,
        acknowledged_level: None,
        seen_at: None,
        created_at: alert.updated_at,
        updated_at: alert.updated_at,
    });
    if ack_newer {
        decision.acknowledged_at = acknowledged;
        decision.acknowledged_level = alert.acknowledged_level;
    }
    if seen_newer {
        decision.seen_at = alert.seen_at;
    }
    let made = decision.acknowledged_at.max(decision.seen_at).unwrap_or(alert.updated_at);
    decision.updated_at = made.max(decision.updated_at + chrono::Duration::milliseconds(1));
    DECISIONS.write(conn, &decision, origin)?;
    Ok(())
}

/// `alert` with its rule's decision applied where it is newer than what the alert holds and belongs to the
/// episode open now (made at or after it was raised, and after this device last changed the alert — so an
/// alert raised again since an acknowledgement stays raised).
pub fn apply(alert: &mut AlertRecord, decision: &AlertDecision) {
    if let Some(at) = decision.acknowledged_at
        && alert.is_open()
        && !alert.acknowledged
        && at >= alert.raised_at
        && at > alert.updated_at
    {
        alert.acknowledged = true;
        alert.acknowledged_at = Some(at);
        alert.acknowledged_level = decision.acknowledged_level;
    }
    if let Some(seen) = decision.seen_at
        && seen >= alert.raised_at
        && alert.seen_at.is_none_or(|mine| seen > mine)
    {
        alert.seen_at = Some(seen);
        alert.cleared_at = Some(alert.cleared_at.map_or(seen, |c| c.min(seen)));
    }
}

#[cfg(test)]
mod tests;
