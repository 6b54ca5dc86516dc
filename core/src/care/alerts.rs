//! Alerts: the red flags that hold, kept as episodes. One row per rule: raised when its condition starts to
//! hold, left alone while it goes on holding (no repeated nagging; its evidence and message are kept up to
//! date), cleared when it stops holding, and the same row re-opened — acknowledgement reset, `episodes` + 1 —
//! if the condition comes back later. Acknowledging an alert quiets it only until something new happens: an
//! acknowledged emergency or urgent alert is raised again when a new check-in shows its sign, a `contact`
//! alert when new evidence makes it worse than when it was acknowledged. [`reconcile`] turns what the rules
//! found into those row changes.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::codes::{RuleId, Severity};
use super::phones::{Phone, phones};
use super::regions::numbers;
use super::rules::{self, Finding};
use super::words;
use crate::ids::new_guid;

/// An alert as stored and exported (what the person did with it survives sync and restarts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AlertRecord {
    pub guid: String,
    pub rule: RuleId,
    /// When the current (or last) episode was raised.
    pub raised_at: DateTime<Utc>,
    /// `None` while the condition holds; when it was seen to clear otherwise.
    pub cleared_at: Option<DateTime<Utc>>,
    /// Guids of the check-ins that triggered it, oldest first.
    pub because: Vec<String>,
    /// The plain "why", as last evaluated.
    pub message: String,
    pub acknowledged: bool,
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// How many episodes this rule has had (1 for the first).
    pub episodes: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How bad, where the rule measures it ([`Finding::level`]), as last evaluated.
    #[serde(default)]
    pub level: Option<f64>,
    /// `level` when the person acknowledged it: a `contact` alert comes back when it rises above this.
    #[serde(default)]
    pub acknowledged_level: Option<f64>,
    /// How bad, as last evaluated (rules with several levels); absent in older rows: the rule's highest.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// When the person recorded that a clinician has seen them about it: the alert closes then, and re-opens
    /// only for a check-in after this that meets its threshold again.
    #[serde(default)]
    pub seen_at: Option<DateTime<Utc>>,
}

impl AlertRecord {
    /// Whether the condition still holds.
    pub fn is_open(&self) -> bool {
        self.cleared_at.is_none()
    }

    /// A new episode of `finding`'s rule, raised `now`: a new row, unacknowledged, its first episode.
    pub(crate) fn opened(finding: &Finding, now: DateTime<Utc>) -> AlertRecord {
        AlertRecord {
            guid: new_guid(),
            rule: finding.rule,
            raised_at: now,
            cleared_at: None,
            because: finding.because.clone(),
            message: finding.message.clone(),
            acknowledged: false,
            acknowledged_at: None,
            episodes: 1,
            created_at: now,
            updated_at: now,
            level: finding.level,
            acknowledged_level: None,
            severity: Some(finding.severity),
            seen_at: None,
        }
    }

    /// How bad the alert is now: as last evaluated, else its rule's highest level.
    pub fn severity(&self) -> Severity {
        self.severity.unwrap_or(rules::rule(self.rule).severity)
    }

    /// This row with `finding`'s evidence, message and level: the same episode goes on.
    fn with_evidence(&self, finding: &Finding, now: DateTime<Utc>) -> AlertRecord {
        AlertRecord {
            because: finding.because.clone(),
            message: finding.message.clone(),
            level: finding.level,
            severity: Some(finding.severity),
            updated_at: touched(self.updated_at, now),
            ..self.clone()
        }
    }

    /// This row re-opened for a new episode of its rule, raised `now` (acknowledgement reset).
    fn reopened(&self, finding: &Finding, now: DateTime<Utc>) -> AlertRecord {
        AlertRecord {
            guid: self.guid.clone(),
            episodes: self.episodes.saturating_add(1),
            created_at: self.created_at,
            updated_at: touched(self.updated_at, now),
            ..AlertRecord::opened(finding, now)
        }
    }

    /// Whether an acknowledged, open alert should be raised again for `finding`: it shows a check-in the stored
    /// evidence doesn't (a new or changed check-in), and for a `contact` rule that made it worse than when it was
    /// acknowledged (rules without a measure: any new evidence).
    fn comes_back(&self, finding: &Finding) -> bool {
        let new_evidence = finding.because.iter().any(|g| !self.because.contains(g));
        let worse = match (finding.level, self.acknowledged_level.or(self.level)) {
            (Some(now), Some(then)) => now > then,
            _ => true,
        };
        let more_urgent = finding.severity < self.severity();
        self.acknowledged && ((new_evidence && (finding.severity != Severity::Contact || worse)) || more_urgent)
    }
}

/// An alert as apps show it: the action first (what to do, whom to call, with the number), then the why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Alert {
    /// The alert's guid (what `acknowledge` takes).
    pub id: String,
    pub rule: RuleId,
    pub severity: Severity,
    /// A few plain words ("A high temperature").
    pub title: String,
    /// What to do and whom to call, with the number: show it first.
    pub action: String,
    /// Why, with what was logged.
    pub message: String,
    /// The words of the first entry of `phones` (kept for older apps).
    pub phone: String,
    /// The numbers to offer, in order, each with a `tel:` or `sms:` URI to dial: apps dial the `uri`.
    pub phones: Vec<Phone>,
    /// Source ids from the clinical guidance.
    pub sources: Vec<String>,
    /// Guids of the check-ins that triggered it ("because you logged …").
    pub because: Vec<String>,
    pub raised_at: DateTime<Utc>,
    pub acknowledged: bool,
    /// Whether the condition still holds.
    pub open: bool,
    pub cleared_at: Option<DateTime<Utc>>,
    pub episodes: u32,
    /// When the person recorded that a clinician has seen them about it.
    pub seen_at: Option<DateTime<Utc>>,
}

impl Alert {
    /// The alert for a stored record, with the numbers for `region`.
    pub fn from_record(record: &AlertRecord, region: Option<&str>) -> Alert {
        let rule = rules::rule(record.rule);
        let n = numbers(region);
        let severity = record.severity();
        let phones = phones(rule.id, severity, n);
        Alert {
            id: record.guid.clone(),
            rule: record.rule,
            severity,
            title: rule.title.to_owned(),
            action: words::action(rule.id, severity, n),
            message: record.message.clone(),
            phone: phones.first().map_or_else(|| words::phone(rule.id, n), |p| p.words.clone()),
            phones,
            sources: rule.sources.iter().map(|s| (*s).to_owned()).collect(),
            because: record.because.clone(),
            raised_at: record.raised_at,
            acknowledged: record.acknowledged,
            open: record.is_open(),
            cleared_at: record.cleared_at,
            episodes: record.episodes,
            seen_at: record.seen_at,
        }
    }
}

/// Most urgent first, then the most recently raised, then in the guidance's order.
pub fn sort(alerts: &mut [Alert]) {
    alerts.sort_unstable_by(|a, b| {
        a.severity.cmp(&b.severity).then(b.raised_at.cmp(&a.raised_at)).then(a.rule.cmp(&b.rule)).then(a.id.cmp(&b.id))
    });
}

/// The row changes an evaluation makes.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Plan {
    /// Rows to insert or replace.
    pub writes: Vec<AlertRecord>,
    /// Guids of duplicate rows to tombstone (two devices raised the same rule; the newest row is kept).
    pub removals: Vec<String>,
    /// Guids of the alerts raised or re-opened.
    pub raised: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.removals.is_empty()
    }

    /// Writes the plan's row changes on `conn` (inside the caller's write transaction).
    pub fn store(&self, conn: &rusqlite::Connection, now: DateTime<Utc>) -> crate::error::Result<()> {
        for guid in &self.removals {
            super::rows::tombstone_alert(conn, guid, now)?;
        }
        for record in &self.writes {
            super::rows::upsert_alert(conn, record)?;
        }
        Ok(())
    }

    /// The stored rows once the plan is applied.
    pub fn applied_to(&self, stored: &[AlertRecord]) -> Vec<AlertRecord> {
        let mut rows: Vec<AlertRecord> = stored
            .iter()
            .filter(|r| !self.removals.contains(&r.guid) && !self.writes.iter().any(|w| w.guid == r.guid))
            .cloned()
            .collect();
        rows.extend(self.writes.iter().cloned());
        rows.sort_unstable_by(|a, b| a.rule.cmp(&b.rule).then(a.guid.cmp(&b.guid)));
        rows
    }
}

/// A changed row's new `updated_at`: now, and always later than before (so merges prefer it).
fn touched(previous: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    now.max(previous + Duration::milliseconds(1))
}

/// Turns the rules' findings into row changes against the stored alerts.
pub(crate) fn reconcile(stored: &[AlertRecord], findings: &[Finding], now: DateTime<Utc>) -> Plan {
    let mut plan = Plan::default();
    for rule in rules::ALL {
        let mut rows: Vec<&AlertRecord> = stored.iter().filter(|r| r.rule == rule.id).collect();
        rows.sort_unstable_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.guid.cmp(&a.guid)));
        plan.removals.extend(rows.iter().skip(1).map(|r| r.guid.clone()));
        let current = rows.first().copied();
        // Info findings are cards, never alerts.
        let finding = findings.iter().find(|f| f.rule == rule.id && f.severity != Severity::Info);
        match (current, finding) {
            // Seen by a clinician: closed until a check-in after that meets the threshold again.
            (Some(r), Some(f)) if r.seen_at.is_some_and(|seen| f.latest_at <= seen) => {}
            (None, Some(f)) => {
                let record = AlertRecord::opened(f, now);
                plan.raised.push(record.guid.clone());
                plan.writes.push(record);
            }
            (Some(r), Some(f)) if r.is_open() && r.comes_back(f) => {
                // Acknowledged, but something new: raised again within the same episode.
                plan.raised.push(r.guid.clone());
                plan.writes.push(AlertRecord {
                    acknowledged: false,
                    acknowledged_at: None,
                    acknowledged_level: None,
                    ..r.with_evidence(f, now)
                });
            }
            (Some(r), Some(f))
                if r.is_open()
                    && (r.because != f.because
                        || r.message != f.message
                        || r.level != f.level
                        || r.severity != Some(f.severity)) =>
            {
                // The same episode goes on: keep its evidence and message up to date, without raising again.
                plan.writes.push(r.with_evidence(f, now));
            }
            (Some(r), Some(_)) if r.is_open() => {}
            (Some(r), Some(f)) => {
                plan.raised.push(r.guid.clone());
                plan.writes.push(r.reopened(f, now));
            }
            (Some(r), None) if r.is_open() => {
                plan.writes.push(AlertRecord {
                    cleared_at: Some(now),
                    updated_at: touched(r.updated_at, now),
                    ..r.clone()
                });
            }
            _ => {}
        }
    }
    plan
}
