//! The notification plan, as a pure function of the reminders, what happened to their occurrences, the
//! settings and the moment: every firing from `now` to `now + horizon`, quiet hours applied, snoozes in place
//! of the occurrences they postpone, done and skipped occurrences left out, paused and waiting reminders
//! absent. Sorted by time, one firing per reminder and instant, capped. The same inputs always give the same
//! plan, and each firing's id depends only on its reminder and instant, so a phone can diff its pending set.

use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::ops::ControlFlow;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::codes::{OccurrenceStatus, ReminderKind};
use super::model::{Firing, OccurrenceRecord, Plan, QuietHours, Reminder};
use super::recurrence::for_each_local;
use super::resolve::resolve_local;
use super::text::notification;
use crate::zone::Zone;

/// iOS keeps at most 64 pending notifications; the plan never asks for more by default.
pub const DEFAULT_CAP: usize = 64;
/// The longest horizon a plan may cover.
pub const MAX_HORIZON: Duration = Duration::days(366);
/// How far before `now` occurrences are looked at: quiet hours can carry one from last night into the plan.
const LOOKBACK: Duration = Duration::days(1);

/// What to plan for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanRequest {
    pub now: DateTime<Utc>,
    pub horizon: Duration,
    /// The zone the phone is in now: floating reminders and quiet hours follow it.
    pub zone: Zone,
    pub cap: usize,
}

/// Everything the plan is made from.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    pub reminders: &'a [Reminder],
    /// Done, skipped and snoozed occurrences (any order; the newest record for an occurrence counts).
    pub records: &'a [OccurrenceRecord],
    pub quiet_hours: Option<QuietHours>,
    pub discreet: bool,
    /// Whether the massage gate is open; massage-session reminders wait while it is closed.
    pub massage_allowed: bool,
}

/// Whether `reminder` takes part in plans: not paused, and not waiting for a closed gate.
pub fn is_live(reminder: &Reminder, massage_allowed: bool) -> bool {
    !reminder.paused && (massage_allowed || reminder.kind != ReminderKind::MassageSession)
}

/// The zone a reminder's times are read in: its own, or the phone's for a floating reminder.
pub fn zone_of(reminder: &Reminder, current: Zone) -> Zone {
    reminder.time_zone.as_deref().and_then(|z| z.parse().ok()).unwrap_or(current)
}

/// A firing's stable id: the first 16 hex digits of SHA-256 over the reminder's guid and the firing's
/// instant in unix seconds.
pub fn firing_id(reminder: &str, at: DateTime<Utc>) -> String {
    let digest = Sha256::digest(format!("{reminder}@{}", at.timestamp()).as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// The newest record of each occurrence, by (reminder guid, occurrence).
pub type LatestRecords<'a> = HashMap<(&'a str, DateTime<Utc>), &'a OccurrenceRecord>;

/// The newest record for each (reminder, occurrence).
pub fn latest_records(records: &[OccurrenceRecord]) -> LatestRecords<'_> {
    let mut latest: LatestRecords<'_> = HashMap::new();
    for record in records {
        let key = (record.reminder.as_str(), record.occurrence);
        let newer =
            latest.get(&key).is_none_or(|seen| (record.updated_at, &record.guid) > (seen.updated_at, &seen.guid));
        if newer {
            latest.insert(key, record);
        }
    }
    latest
}

/// A firing before its words and id are filled in.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    occurrence: DateTime<Utc>,
    snoozed: bool,
    moved: bool,
}

/// Adds a firing at `at`; when one is already there, the earlier occurrence stands for both.
fn add(out: &mut BTreeMap<DateTime<Utc>, Candidate>, at: DateTime<Utc>, candidate: Candidate) {
    let keep = out.get(&at).is_none_or(|seen| candidate.occurrence < seen.occurrence);
    if keep {
        out.insert(at, candidate);
    }
}

/// The plan for `request` from `input`.
pub fn plan(input: &PlanInput<'_>, request: &PlanRequest) -> Plan {
    let end = request.now + request.horizon;
    let records = latest_records(input.records);
    let mut snoozes: HashMap<&str, Vec<&OccurrenceRecord>> = HashMap::new();
    for record in records.values().filter(|r| r.status == OccurrenceStatus::Snoozed) {
        snoozes.entry(record.reminder.as_str()).or_default().push(record);
    }
    let keep = request.cap.saturating_add(1);
    // The `keep` earliest instants so far: once there are that many, nothing later than the latest of them can
    // make the plan, so later reminders stop there (each reminder's firings come out in time order).
    let mut earliest: BinaryHeap<DateTime<Utc>> = BinaryHeap::new();
    let mut firings: Vec<Firing> = Vec::new();
    for reminder in input.reminders.iter().filter(|r| is_live(r, input.massage_allowed)) {
        let zone = zone_of(reminder, request.zone);
        let cutoff = if earliest.len() >= keep { earliest.peek().copied().unwrap_or(end).min(end) } else { end };
        let snoozed = snoozes.get(reminder.guid.as_str()).map(Vec::as_slice).unwrap_or_default();
        let candidates = reminder_firings(reminder, zone, input, &records, snoozed, request, cutoff);
        for at in candidates.keys() {
            earliest.push(*at);
            if earliest.len() > keep {
                earliest.pop();
            }
        }
        let (title, body) = notification(reminder.kind, &reminder.title, input.discreet);
        for (at, c) in candidates {
            firings.push(Firing {
                id: firing_id(&reminder.guid, at),
                reminder: reminder.guid.clone(),
                kind: reminder.kind,
                at_utc: at,
                at_local: at.with_timezone(&zone).fixed_offset(),
                zone: zone.name().to_owned(),
                title: title.clone(),
                body: body.clone(),
                occurrence_utc: c.occurrence,
                snoozed: c.snoozed,
                moved_by_quiet_hours: c.moved,
            });
        }
    }
    firings.sort_unstable_by(|a, b| (a.at_utc, &a.reminder, &a.id).cmp(&(b.at_utc, &b.reminder, &b.id)));
    let capped = firings.len() > request.cap;
    firings.truncate(request.cap);
    let cap = u32::try_from(request.cap).unwrap_or(u32::MAX);
    Plan { from: request.now, until: end, zone: request.zone.name().to_owned(), cap, capped, rings_here: true, firings }
}

/// One reminder's firings in `[now, end]` (given the newest record of every occurrence, and this reminder's
/// snoozes), keyed by instant (so two occurrences moved to the same instant
/// fire once), at most `cap + 1` of them (one more than can be used, so the plan knows it was capped).
fn reminder_firings(
    reminder: &Reminder,
    zone: Zone,
    input: &PlanInput<'_>,
    records: &LatestRecords<'_>,
    snoozed: &[&OccurrenceRecord],
    request: &PlanRequest,
    end: DateTime<Utc>,
) -> BTreeMap<DateTime<Utc>, Candidate> {
    let now = request.now;
    let defer = |at: DateTime<Utc>| match &input.quiet_hours {
        Some(quiet) => quiet.defer(at, request.zone),
        None => at,
    };
    let mut out: BTreeMap<DateTime<Utc>, Candidate> = BTreeMap::new();
    let limit = request.cap.saturating_add(1);
    let from_local = (now - LOOKBACK).with_timezone(&zone).naive_local();
    for_each_local(&reminder.schedule, reminder.until, from_local, |local| {
        let occurrence = resolve_local(zone, local);
        if occurrence > end {
            return ControlFlow::Break(());
        }
        if occurrence < reminder.created_at || records.contains_key(&(reminder.guid.as_str(), occurrence)) {
            // Due before the reminder existed, or
            // done, skipped or snoozed (its snooze is added below).
            return ControlFlow::Continue(());
        }
        let at = defer(occurrence);
        if at > end {
            // Deferral never reorders firings, so nothing later fits either.
            return ControlFlow::Break(());
        }
        if at >= now {
            add(&mut out, at, Candidate { occurrence, snoozed: false, moved: at != occurrence });
        }
        if out.len() >= limit { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
    });
    for record in snoozed {
        let Some(until) = record.snoozed_until else { continue };
        let at = defer(until);
        if at >= now && at <= end {
            add(&mut out, at, Candidate { occurrence: record.occurrence, snoozed: true, moved: at != until });
        }
    }
    while out.len() > limit {
        out.pop_last();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firing_ids_are_stable_short_hex_and_depend_on_reminder_and_instant() {
        let at = crate::fixtures::utc(2026, 3, 30, 8, 0);
        let id = firing_id("abcdefghijklmnop", at);
        assert_eq!(id.len(), 16);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(id, firing_id("abcdefghijklmnop", at));
        assert_ne!(id, firing_id("abcdefghijklmnoq", at));
        assert_ne!(id, firing_id("abcdefghijklmnop", at + Duration::minutes(1)));
        // Pinned: the id must not change between versions, or phones would reschedule everything.
        // (`printf 'abcdefghijklmnop@1774857600' | sha256sum | cut -c1-16`)
        assert_eq!(id, "6d7ad0d547a6db78");
    }
}
