//! What happens to each occurrence: done, skipped or snoozed (ten minutes, an hour, or the same local time
//! tomorrow), recorded per reminder and occurrence instant in `reminder_history`, and adherence over a period
//! (done, skipped, missed). An occurrence is the instant a reminder was scheduled for, before quiet hours or a
//! snooze moved it; when none is named, the one due most recently (within a day) is meant, else the next.

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use chrono::{DateTime, Duration, Utc};

use super::Reminders;
use super::codes::{OccurrenceStatus, SnoozeFor};
use super::model::{Adherence, OccurrenceRecord, Reminder};
use super::planner::{self, PlanInput, PlanRequest, latest_records, zone_of};
use super::recurrence::for_each_local;
use super::resolve::resolve_local;
use super::rows::{RECORD_COLUMNS, record_from_row, upsert_record};
use crate::error::{Error, Result};
use crate::ids::new_guid;
use crate::zone::Zone;

/// How far from now an unnamed occurrence is looked for.
const NEAR: Duration = Duration::hours(24);

/// The scheduled instants of `reminder` in `[from, to]`, in order (floating reminders read in
/// `current_zone`), before quiet hours and snoozes. None before the reminder was created (a reminder made at
/// noon for 09:00 daily starts tomorrow). At most [`super::MAX_SCAN`] are looked at.
pub fn scheduled_between(
    reminder: &Reminder,
    current_zone: Zone,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let zone = zone_of(reminder, current_zone);
    let mut out: Vec<DateTime<Utc>> = Vec::new();
    // A day early: a wall-clock time in a gap resolves later than it reads.
    let start = (from - Duration::days(1)).with_timezone(&zone).naive_local();
    for_each_local(&reminder.schedule, reminder.until, start, |local| {
        let at = resolve_local(zone, local);
        if at > to {
            return ControlFlow::Break(());
        }
        if at >= from && at >= reminder.created_at && out.last() != Some(&at) {
            out.push(at);
        }
        ControlFlow::Continue(())
    });
    out
}

fn whole_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp(), 0).expect("an instant in range")
}

impl Reminders<'_> {
    /// Marks an occurrence done (`None`: the one due most recently, else the next).
    pub fn done(&self, guid: &str, occurrence: Option<DateTime<Utc>>, zone: Zone) -> Result<OccurrenceRecord> {
        self.mark(guid, occurrence, zone, OccurrenceStatus::Done, |_, _| None)
    }

    /// Marks an occurrence skipped.
    pub fn skip(&self, guid: &str, occurrence: Option<DateTime<Utc>>, zone: Zone) -> Result<OccurrenceRecord> {
        self.mark(guid, occurrence, zone, OccurrenceStatus::Skipped, |_, _| None)
    }

    /// Snoozes an occurrence: it fires again ten minutes or an hour from now, or tomorrow at the same local time
    /// (in the reminder's zone, or `zone` for a floating one). The plan shows the snooze in its place.
    pub fn snooze(
        &self,
        guid: &str,
        occurrence: Option<DateTime<Utc>>,
        by: SnoozeFor,
        zone: Zone,
    ) -> Result<OccurrenceRecord> {
        let now = self.now();
        self.mark(guid, occurrence, zone, OccurrenceStatus::Snoozed, |reminder, occurrence| {
            Some(whole_seconds(match by {
                SnoozeFor::TenMinutes => now + Duration::minutes(10),
                SnoozeFor::OneHour => now + Duration::hours(1),
                SnoozeFor::Tomorrow => {
                    let local_zone = zone_of(reminder, zone);
                    let time = occurrence.with_timezone(&local_zone).time();
                    let tomorrow = now.with_timezone(&local_zone).date_naive() + Duration::days(1);
                    resolve_local(local_zone, tomorrow.and_time(time))
                }
            }))
        })
    }

    fn mark(
        &self,
        guid: &str,
        occurrence: Option<DateTime<Utc>>,
        zone: Zone,
        status: OccurrenceStatus,
        snooze: impl FnOnce(&Reminder, DateTime<Utc>) -> Option<DateTime<Utc>>,
    ) -> Result<OccurrenceRecord> {
        let reminder = self.reminder(guid)?.ok_or_else(|| Error::not_found("reminder"))?;
        let records = self.history(guid)?;
        let now = self.now();
        let occurrence = match occurrence {
            Some(at) => {
                let scheduled = scheduled_between(&reminder, zone, at, at).contains(&at);
                if !scheduled && !records.iter().any(|r| r.occurrence == at) {
                    return Err(Error::invalid("occurrence", "is not a time this reminder was due"));
                }
                at
            }
            None => nearest_open_occurrence(&reminder, &records, now, zone)?,
        };
        let snoozed_until = snooze(&reminder, occurrence);
        let existing = latest_records(&records).get(&(guid, occurrence)).map(|r| (*r).clone());
        let record = match existing {
            Some(previous) => OccurrenceRecord {
                status,
                snoozed_until: snoozed_until.or(previous.snoozed_until),
                updated_at: now.max(previous.updated_at + Duration::milliseconds(1)),
                ..previous
            },
            None => OccurrenceRecord {
                guid: new_guid(),
                reminder: guid.to_owned(),
                occurrence,
                status,
                snoozed_until,
                created_at: now,
                updated_at: now,
            },
        };
        self.write(|tx| Ok(upsert_record(tx, &record)?))?;
        Ok(record)
    }

    /// Every recorded occurrence of a reminder, oldest first.
    pub fn history(&self, guid: &str) -> Result<Vec<OccurrenceRecord>> {
        self.core.store.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM reminder_history WHERE deleted = 0 AND reminder_guid = ?1 \
                 ORDER BY occurrence_ms, updated_at, guid"
            ))?;
            let rows = stmt.query_map([guid], record_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// How a reminder was kept over `[from, to)`: each scheduled occurrence (and each recorded one) counted
    /// once as done, skipped, missed (due before now with neither) or upcoming.
    pub fn adherence(&self, guid: &str, from: DateTime<Utc>, to: DateTime<Utc>, zone: Zone) -> Result<Adherence> {
        if to < from {
            return Err(Error::invalid("to", "can't be before from"));
        }
        let reminder = self.reminder(guid)?.ok_or_else(|| Error::not_found("reminder"))?;
        let records = self.history(guid)?;
        let latest = latest_records(&records);
        let now = self.now();
        let mut occurrences: BTreeSet<DateTime<Utc>> = BTreeSet::new();
        if to > from {
            occurrences.extend(scheduled_between(&reminder, zone, from, to - Duration::milliseconds(1)));
        }
        occurrences.extend(records.iter().map(|r| r.occurrence).filter(|at| *at >= from && *at < to));
        let mut result = Adherence {
            reminder: guid.to_owned(),
            from,
            to,
            occurrences: 0,
            done: 0,
            skipped: 0,
            missed: 0,
            upcoming: 0,
        };
        for at in occurrences {
            result.occurrences += 1;
            let record = latest.get(&(guid, at));
            match record.map(|r| (r.status, r.snoozed_until)) {
                Some((OccurrenceStatus::Done, _)) => result.done += 1,
                Some((OccurrenceStatus::Skipped, _)) => result.skipped += 1,
                Some((OccurrenceStatus::Snoozed, until)) if until.unwrap_or(at) > now => result.upcoming += 1,
                _ if at > now => result.upcoming += 1,
                _ => result.missed += 1,
            }
        }
        Ok(result)
    }

    /// The reminder and occurrence a firing id (from a plan made within the last or next two days) stands for.
    pub fn find_firing(&self, id: &str, zone: Zone) -> Result<Option<(String, DateTime<Utc>)>> {
        let now = self.now();
        let reminders: Vec<Reminder> = self.all()?.into_iter().map(|r| Reminder { paused: false, ..r }).collect();
        let records = self.records_since(now - Duration::days(3))?;
        let quiet_hours = self.quiet_hours()?;
        let request = PlanRequest { now: now - Duration::days(2), horizon: Duration::days(4), zone, cap: usize::MAX };
        for records in [&[][..], &records[..]] {
            let input =
                PlanInput { reminders: &reminders, records, quiet_hours, discreet: true, massage_allowed: true };
            if let Some(f) = planner::plan(&input, &request).firings.into_iter().find(|f| f.id == id) {
                return Ok(Some((f.reminder, f.occurrence_utc)));
            }
        }
        Ok(None)
    }

    /// Records whose occurrence is at or after `since`, and snoozes that end at or after it.
    pub(crate) fn records_since(&self, since: DateTime<Utc>) -> Result<Vec<OccurrenceRecord>> {
        self.core.store.read(|conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {RECORD_COLUMNS} FROM reminder_history WHERE deleted = 0 AND occurrence_ms >= ?1 \
                 UNION SELECT {RECORD_COLUMNS} FROM reminder_history WHERE deleted = 0 AND status = 'snoozed' \
                 AND snoozed_until_ms >= ?1"
            ))?;
            let rows = stmt.query_map([since.timestamp_millis()], record_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

/// The occurrence due most recently (within a day) that is neither done nor skipped; else the next one
/// within a day.
fn nearest_open_occurrence(
    reminder: &Reminder,
    records: &[OccurrenceRecord],
    now: DateTime<Utc>,
    zone: Zone,
) -> Result<DateTime<Utc>> {
    let latest = latest_records(records);
    let open = |at: &DateTime<Utc>| {
        !latest
            .get(&(reminder.guid.as_str(), *at))
            .is_some_and(|r| matches!(r.status, OccurrenceStatus::Done | OccurrenceStatus::Skipped))
    };
    let near = scheduled_between(reminder, zone, now - NEAR, now + NEAR);
    let due = near.iter().filter(|at| **at <= now).rev().find(|at| open(at));
    let next = near.iter().filter(|at| **at > now).find(|at| open(at));
    due.or(next).copied().ok_or_else(|| Error::not_found("occurrence due within a day"))
}
