//! The write path's evaluation, with the check-ins it reads kept in memory between writes.
//!
//! A write's evaluation reads only what the red flags read ([`load::Scope::RedFlags`]): the profile, the loss,
//! a few events, the stored alerts — and the check-ins of the recent stretch plus the bleeding context before
//! it, some 300 rows on a journal kept five times a day, which were most of a write's cost. So those rows are
//! kept here, and each write reads again only the check-ins it changed (the store's change log,
//! [`crate::store::changes`]).
//!
//! The copy is used only when it is surely current, else the rows are read afresh:
//! - it covers the same reads (the same day ranges: a new day, another loss or zone start afresh);
//! - it was made by the last transaction the writer committed (one that rolled back, or any write not
//!   evaluated here, leaves the commit count elsewhere) and no other process has committed since
//!   (`PRAGMA data_version`);
//! - the change log listed every changed row (not an import's thousands), and none of them is, or becomes,
//!   part of the bleeding context before the recent stretch (which could change which days that context
//!   holds); a row deleted outright (erase) starts afresh too.
//!
//! A batch of new check-ins (`Journal::add_checkins`, and one new check-in too) is not even read back: the write
//! hands its rows over as stored ([`Handed`]), and when the change log agrees that those rows — and nothing
//! else — were inserted, each is taken in by what it can change ([`Copy::insert`]): one in the recent stretch
//! joins the copy, one before it matters only if it is on, or makes, one of the last days there that mention
//! bleeding (then such a new day's rows are read), and one before the loss is never read.
//!
//! In this crate's own tests every update of the copy is checked against reading afresh.

use std::sync::Mutex;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction};

use super::load::{self, Read, Scope};
use super::view::{BLEEDING_CONTEXT_DAYS, CareInput, View, red_flag_ranges};
use super::{alerts, lifetime, rules};
use crate::error::Result;
use crate::journal::insights::shows_bleeding;
use crate::journal::rows::{CHECKIN_COLUMNS, checkin_from_row};
use crate::journal::{CheckIn, local_day};
use crate::store::changes::{ChangeLog, Changed};
use crate::write::{Evaluate, Evaluated, Handed};

/// The check-ins a write's evaluation read, and what makes them current.
#[derive(Debug)]
struct Copy {
    /// The reads the rows answer (their day ranges).
    reads: Vec<Read>,
    /// The first day of the recent stretch, and the first day of the bleeding context before it, if any.
    recent_from: NaiveDate,
    context_from: Option<NaiveDate>,
    /// The writer's commit count once the write that made this copy commits.
    valid_at: u64,
    data_version: i64,
    rows: Vec<CheckIn>,
}

/// Why a copy cannot be brought up to date in place.
struct Stale;

impl Copy {
    /// Brings the copy up to date with the rows `rowids` (changed since it was made), or says it cannot.
    fn update(&mut self, tx: &Transaction<'_>, rowids: &[i64]) -> Result<Result<(), Stale>> {
        let mut ids = rowids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut guid_of = tx.prepare_cached("SELECT guid, deleted FROM checkins WHERE id = ?1")?;
        let mut row_of = tx.prepare_cached(&format!("SELECT {CHECKIN_COLUMNS} FROM checkins WHERE id = ?1"))?;
        for id in ids {
            let Some((guid, deleted)) =
                guid_of.query_row([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, bool>(1)?))).optional()?
            else {
                return Ok(Err(Stale));
            };
            if let Some(at) = self.rows.iter().position(|c| c.guid == guid) {
                if self.rows[at].day < self.recent_from {
                    return Ok(Err(Stale));
                }
                self.rows.swap_remove(at);
            }
            if deleted {
                continue;
            }
            let row = row_of.query_row([id], checkin_from_row)?;
            if row.day >= self.recent_from {
                self.rows.push(row);
            } else if self.context_from.is_some_and(|from| row.day >= from) {
                return Ok(Err(Stale));
            }
        }
        Ok(Ok(()))
    }

    /// Takes in `inserted`, rows the write inserted (and nothing else), exactly as stored, without reading them
    /// back. A row in the recent stretch joins the copy. A row in the stretch before it changes the reads only
    /// through the bleeding context, the last [`BLEEDING_CONTEXT_DAYS`] days there that mention bleeding, whose
    /// check-ins are all read: the new days that mention bleeding may push older ones out (their rows go), a row
    /// on a day that stays joins, and a day that joins is read whole (it may hold older rows). A row before the
    /// loss, or in neither stretch, changes nothing the red flags read.
    fn insert(&mut self, tx: &Transaction<'_>, inserted: &[CheckIn]) -> Result<()> {
        let mut before: Vec<&CheckIn> = Vec::new();
        for row in inserted {
            if row.day >= self.recent_from {
                self.rows.push(row.clone());
            } else if self.context_from.is_some_and(|from| row.day >= from) {
                before.push(row);
            }
        }
        if before.is_empty() {
            return Ok(());
        }
        // The copy's rows before the recent stretch are exactly the context days' rows.
        let mut was: Vec<NaiveDate> = self.rows.iter().filter(|c| c.day < self.recent_from).map(|c| c.day).collect();
        was.sort_unstable();
        was.dedup();
        let mut days = was.clone();
        days.extend(before.iter().filter(|c| shows_bleeding(*c).is_some()).map(|c| c.day));
        days.sort_unstable();
        days.dedup();
        let days = &days[days.len().saturating_sub(BLEEDING_CONTEXT_DAYS)..];
        let recent_from = self.recent_from;
        self.rows.retain(|c| c.day >= recent_from || days.contains(&c.day));
        let mut whole_day =
            tx.prepare_cached(&format!("SELECT {CHECKIN_COLUMNS} FROM checkins WHERE deleted = 0 AND local_day = ?1"))?;
        for day in days {
            if was.contains(day) {
                self.rows.extend(before.iter().filter(|c| c.day == *day).map(|c| (*c).clone()));
            } else {
                for row in whole_day.query_map([day.to_string()], checkin_from_row)? {
                    self.rows.push(row?);
                }
            }
        }
        Ok(())
    }
}

/// The care engine's [`Evaluate`] for the write path (see the module documentation).
#[derive(Debug, Default)]
pub(crate) struct WriteEvaluator {
    copy: Mutex<Option<Copy>>,
}

impl WriteEvaluator {
    pub(crate) fn new() -> WriteEvaluator {
        WriteEvaluator::default()
    }

    /// The check-ins for `reads`: the copy brought up to date when it can be, else read afresh.
    fn checkins(
        &self,
        tx: &Transaction<'_>,
        reads: Vec<Read>,
        ranges: (NaiveDate, Option<NaiveDate>),
        changes: &ChangeLog,
        handed: Handed<'_>,
    ) -> Result<Copy> {
        let changed: Changed = changes.take();
        let data_version: i64 = tx.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let commits = changes.commits();
        let kept = self.copy.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        let current = kept.filter(|c| c.reads == reads && c.valid_at == commits && c.data_version == data_version);
        // Rows handed over count only when the log saw exactly that many inserts and nothing else.
        let inserted = handed.get::<Vec<CheckIn>>().filter(|rows| changed.inserts_only && changed.count == rows.len());
        let updated = match (current, inserted, &changed.rowids) {
            (Some(mut copy), Some(rows), _) => {
                copy.insert(tx, rows)?;
                Ok(copy)
            }
            (Some(mut copy), None, Some(rowids)) => copy.update(tx, rowids)?.map(|()| copy),
            _ => Err(Stale),
        };
        let mut copy = match updated {
            Ok(copy) => {
                #[cfg(test)]
                check_against_fresh(tx, &copy)?;
                copy
            }
            Err(Stale) => fresh(tx, reads, ranges)?,
        };
        copy.valid_at = commits + 1;
        copy.data_version = data_version;
        Ok(copy)
    }
}

#[cfg(test)]
thread_local! {
    /// In this crate's tests: how many times a write on this thread read its check-ins afresh.
    pub(crate) static FRESH_READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn fresh(
    tx: &Transaction<'_>,
    reads: Vec<Read>,
    (recent_from, context_from): (NaiveDate, Option<NaiveDate>),
) -> Result<Copy> {
    #[cfg(test)]
    FRESH_READS.with(|n| n.set(n.get() + 1));
    let rows = load::read_checkins(tx, &reads)?;
    Ok(Copy { reads, recent_from, context_from, valid_at: 0, data_version: 0, rows })
}

/// In this crate's tests: an updated copy holds exactly the rows reading afresh gives.
#[cfg(test)]
fn check_against_fresh(tx: &Transaction<'_>, copy: &Copy) -> Result<()> {
    let by_guid = |rows: &[CheckIn]| {
        let mut rows = rows.to_vec();
        rows.sort_unstable_by(|a, b| a.guid.cmp(&b.guid));
        rows
    };
    let fresh = load::read_checkins(tx, &copy.reads)?;
    assert_eq!(by_guid(&copy.rows), by_guid(&fresh), "the write path's copy of the check-ins drifted");
    Ok(())
}

impl Evaluate for WriteEvaluator {
    /// Evaluates, inside the write, only what a write can change that is stored: the red flags (and so the
    /// alerts), on the final state of the batch. Markers and readiness are computed when read.
    fn evaluate(
        &self,
        tx: &Transaction<'_>,
        now: DateTime<Utc>,
        changes: &ChangeLog,
        handed: Handed<'_>,
    ) -> Result<Evaluated> {
        let (snapshot, reads) = load::frame(tx, now, Scope::RedFlags)?;
        let today = local_day(now, snapshot.zone);
        let ((recent_from, _), context) = red_flag_ranges(snapshot.loss.as_ref().map(|l| l.loss_date), today);
        let copy = self.checkins(tx, reads, (recent_from, context.map(|(from, _)| from)), changes, handed)?;
        let input = CareInput { checkins: &copy.rows, ..snapshot.input(now) };
        let view = View::new(&input);
        let findings = lifetime::apply(&input, &view, rules::findings(&view), &snapshot.alerts);
        let plan = alerts::reconcile(&snapshot.alerts, &findings, now);
        plan.store(tx, now)?;
        *self.copy.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(copy);
        Ok(Evaluated { raised: plan.raised })
    }
}
