//! A joined group's hotlines beside Mend's own numbers. They are the group's words, labelled with the group,
//! and come **after** the official lines:
//! - with a mood alert (thoughts of harming yourself, two very hard weeks, the coping screen) — and never with
//!   any other alert: a support line is no answer to bleeding, a fever or an infection;
//! - in the Library, every one, with how fresh it is.
//!
//! A hotline the group has not re-confirmed in six months ([`freshness::stale`]) appears in the Library only,
//! marked; so does one whose pack (or charter) has expired: "not re-confirmed since DATE". A withdrawn hotline
//! appears nowhere.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::device::Groups;
use super::failure::Outcome;
use super::freshness;
use super::items::ItemBody;
use super::local;
use crate::care::RuleId;

/// A group's hotline, as a member sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupLine {
    pub group_id: String,
    /// Shown as "from <group>": the group's words, never Mend's.
    pub group_name: String,
    pub item_id: String,
    pub name: String,
    /// The number as people say it.
    pub words: String,
    /// What the phone dials or texts (`tel:` or `sms:`).
    pub uri: String,
    pub hours: Option<String>,
    pub not_emergency: bool,
    pub last_verified: NaiveDate,
    /// Not re-confirmed by the group in the last six months: in the Library only, marked.
    pub stale: bool,
    /// The group's pack (or charter) has expired: shown as "not re-confirmed since `last_verified`".
    pub expired: bool,
}

impl GroupLine {
    /// Whether it may stand beside an alert: neither stale nor expired.
    pub fn current(&self) -> bool {
        !self.stale && !self.expired
    }
}

/// Whether group hotlines are offered with an alert of `rule`: the mood alerts only.
pub fn offered_with(rule: RuleId) -> bool {
    matches!(rule, RuleId::MoodCrisis | RuleId::MoodLowLong | RuleId::MoodScreen)
}

impl Groups<'_> {
    /// Every hotline of every joined group (withdrawn ones left out), group by group, with how fresh each is.
    pub fn hotlines(&self) -> Outcome<Vec<GroupLine>> {
        let now = self.core.clock.now();
        Ok(self.core.store.read(|conn| Ok(all(conn, now)?))?)
    }

    /// The group hotlines to show after the official numbers of an alert of `rule`: none unless it is a mood
    /// alert, and then only the current ones.
    pub fn hotlines_for_alert(&self, rule: RuleId) -> Outcome<Vec<GroupLine>> {
        if !offered_with(rule) {
            return Ok(Vec::new());
        }
        Ok(self.hotlines()?.into_iter().filter(GroupLine::current).collect())
    }
}

/// Every hotline of every joined group at `now` (withdrawn ones left out), on a reader (the Library reads them
/// here too; it needs no key).
pub fn all(conn: &rusqlite::Connection, now: DateTime<Utc>) -> rusqlite::Result<Vec<GroupLine>> {
    let today = now.date_naive();
    let mut out = Vec::new();
    for row in local::joined(conn)? {
        let expired = freshness::expired(&row, freshness::pack_expiry(conn, &row.group_id)?, now);
        for item in row.items.iter().filter(|i| !i.withdrawn) {
            let ItemBody::Hotline(h) = &item.body else { continue };
            out.push(GroupLine {
                group_id: row.group_id.clone(),
                group_name: row.trust.charter.name.clone(),
                item_id: item.id.clone(),
                name: h.name.clone(),
                words: h.words.clone(),
                uri: h.uri.clone(),
                hours: h.hours.clone(),
                not_emergency: h.not_emergency,
                last_verified: item.last_verified,
                stale: freshness::stale(item.last_verified, today),
                expired,
            });
        }
    }
    Ok(out)
}
