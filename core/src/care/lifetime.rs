//! How long an alert stays open (guidance version 2, "Definitions"): until a check-in at least
//! [`QUIET_AFTER`] after the newest check-in that showed its sign records the rule's inputs and shows none of
//! its signs ([`super::rules::closing`]), or until the person records that a clinician has seen them about it; it
//! re-opens on the next check-in that meets its threshold again.
//!
//! [`apply`] turns what the rules found *now* into what keeps an alert open:
//! - a finding whose newest evidence is followed, [`QUIET_AFTER`] or more later, by such a quiet check-in is
//!   dropped (the alert closes, and stays closed until newer evidence);
//! - an open alert whose rule no longer holds (its signs are older than the rule looks back) stays open, as a
//!   finding with its stored words, while its evidence is still in the journal and still shows the sign
//!   (checked by running the rule as it stood then); it closes if that evidence was deleted or corrected, or
//!   is older than the engine's recent stretch ([`super::RECENT_DAYS`]).
//!
//! So gates, Today and notifications see one thing: the alerts that are open.

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use super::alerts::AlertRecord;
use super::codes::{RuleId, Severity};
use super::form::SECTIONS;
use super::rules::{self, Finding, closing};
use super::view::{CareInput, View};
use crate::journal::CheckIn;

/// How long after the newest sign a check-in must come to close an alert by showing none of its signs.
pub const QUIET_AFTER: Duration = Duration::hours(12);

/// The form sections whose answers can close `rule`'s alert (the form offers them while it is open).
pub fn sections(rule: RuleId) -> Vec<&'static str> {
    let fields: Vec<&str> = closing::inputs(rule).iter().flat_map(|group| group.iter().copied()).collect();
    SECTIONS.iter().filter(|s| s.fields.iter().any(|(f, _)| fields.contains(f))).map(|s| s.id).collect()
}

/// Whether the person went through section `id` at this check-in. The sepsis questions are revealed only by a
/// fever sign or feeling very unwell, so answering "How you feel" without any of those answers them too.
fn went_through(c: &CheckIn, id: &str) -> bool {
    let answered = |s: &str| c.data.answered.iter().any(|a| a == s);
    answered(id) || (id == "sepsis" && answered("feeling") && !rules::fever_sign(c) && !c.data.signs.very_unwell)
}

/// Whether `c` records `field` (an export name such as `pain.cramps`): it holds a value (a yes, a score, a
/// level, a reading — 0 and "none" are values), or, for a yes/no question or a pain score, the person went
/// through a section that asks it (left unticked or empty there, it is a "no" or 0). A level or a reading —
/// bleeding, pads an hour, temperature, dizziness, discharge, mood — left empty says nothing.
fn records(c: &CheckIn, data: &Value, field: &str) -> bool {
    let value = field.split('.').try_fold(data, |v, key| v.get(key));
    let (holds, yes_no) = match value {
        None | Some(Value::Null) => (false, field.starts_with("pain.")),
        Some(Value::Bool(on)) => (*on, true),
        Some(Value::Object(map)) => (map.values().any(|v| v == &Value::Bool(true)), true),
        Some(Value::Array(items)) => (!items.is_empty(), false),
        Some(_) => (true, false),
    };
    holds || (yes_no && SECTIONS.iter().any(|s| s.fields.iter().any(|(f, _)| *f == field) && went_through(c, s.id)))
}

/// Whether check-in `c` records every input of `rule` and shows none of its signs.
pub fn closes(rule: RuleId, c: &CheckIn) -> bool {
    if closing::sign(rule, c) {
        return false;
    }
    let data = serde_json::to_value(&c.data).expect("a check-in serialises");
    closing::inputs(rule).iter().all(|group| group.iter().any(|field| records(c, &data, field)))
}

/// Whether `rule`'s alert outlives its rule (false for a rule with no closing inputs: its alert follows it).
fn outlives(rule: RuleId) -> bool {
    !closing::inputs(rule).is_empty()
}

/// The first check-in in `view` that closes `rule`'s alert after a sign seen at `sign_at`.
fn closed_after<'a>(view: &View<'a>, rule: RuleId, sign_at: DateTime<Utc>) -> Option<&'a CheckIn> {
    if !outlives(rule) {
        return None;
    }
    let from = sign_at + QUIET_AFTER;
    view.recent[view.recent.partition_point(|c| c.at < from)..].iter().copied().find(|c| closes(rule, c))
}

/// Whether `rule` held at `at` on the journal as it stood then (check-ins up to `at`).
fn held_at(input: &CareInput<'_>, rule: RuleId, at: DateTime<Utc>) -> bool {
    let then: Vec<CheckIn> = input.checkins.iter().filter(|c| c.at <= at).cloned().collect();
    let past = CareInput { checkins: &then, now: at, ..*input };
    rules::rule(rule).check(&View::new(&past)).is_some_and(|f| f.severity != Severity::Info)
}

/// The findings that keep alerts open, from what the rules found now and the stored alerts (see the module
/// documentation). Info findings pass through.
pub(crate) fn apply(
    input: &CareInput<'_>,
    view: &View<'_>,
    findings: Vec<Finding>,
    stored: &[AlertRecord],
) -> Vec<Finding> {
    let mut out: Vec<Finding> = findings
        .into_iter()
        .filter(|f| f.severity == Severity::Info || closed_after(view, f.rule, f.latest_at).is_none())
        .collect();
    for record in stored.iter().filter(|r| r.is_open() && outlives(r.rule)) {
        if out.iter().any(|f| f.rule == record.rule && f.severity != Severity::Info) {
            continue;
        }
        let evidence = view.recent.iter().filter(|c| record.because.contains(&c.guid)).map(|c| c.at).max();
        let Some(sign_at) = evidence else { continue };
        if closed_after(view, record.rule, sign_at).is_some() || !held_at(input, record.rule, sign_at) {
            continue;
        }
        out.push(Finding {
            rule: record.rule,
            severity: record.severity(),
            because: record.because.clone(),
            message: record.message.clone(),
            level: record.level,
            latest_at: sign_at,
        });
    }
    let order = |f: &Finding| rules::ALL.iter().position(|r| r.id == f.rule);
    out.sort_by_key(order);
    out
}
