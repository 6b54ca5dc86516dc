//! Reading what an evaluation needs, and nothing more: the profile (zone, region), the current loss, the
//! check-ins in the engine's day ranges (see [`super::view::checkin_day_ranges`]) and on the last two days
//! before the recent range that mention bleeding, tests, period starts and
//! go-aheads since the loss, and the stored alerts. [`reads`] lists the same statements with their
//! parameters, so a benchmark can compare an evaluation with reading its rows raw.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::alerts::AlertRecord;
use super::rows::{SELECT_ALERTS, load_alerts};
use super::view::{
    BLEEDING_CONTEXT_DAYS, CareInput, EVENT_KINDS, bleeding_context_gap, checkin_day_ranges, red_flag_ranges,
};
use crate::error::Result;
use crate::journal::rows::{
    CHECKIN_COLUMNS, EVENT_COLUMNS, LOSS_COLUMNS, PROFILE_COLUMNS, checkin_from_row, event_from_row, loss_from_row,
    profile_from_row,
};
use crate::journal::{CheckIn, Event, FIRST_DAY, Loss, Profile, local_day};
use crate::zone::Zone;

/// One statement an evaluation runs, with its (text) parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub sql: String,
    pub params: Vec<String>,
}

fn profile_sql() -> String {
    format!("SELECT {PROFILE_COLUMNS} FROM profile WHERE deleted = 0")
}

fn loss_sql() -> String {
    format!("SELECT {LOSS_COLUMNS} FROM losses WHERE deleted = 0 ORDER BY loss_date DESC, created_at DESC LIMIT 1")
}

/// The check-ins on the local days `?1` to `?2`. The same stretch in UTC (`?3` to `?4`, [`utc_span`]) lets SQLite
/// walk the time index in order rather than sort every row of the stretch.
fn checkins_sql() -> String {
    format!(
        "SELECT {CHECKIN_COLUMNS} FROM checkins WHERE deleted = 0 AND local_day BETWEEN ?1 AND ?2 \
         AND at_ms BETWEEN ?3 AND ?4 ORDER BY at_ms, id"
    )
}

/// Every instant (Unix milliseconds) that is on a local day from `from` to `to` in some zone: zones run from
/// UTC-12 to UTC+14, so a local day starts at most 14 hours before its date's UTC midnight and ends at most 12
/// hours after the next; an hour more each way.
fn utc_span(from: chrono::NaiveDate, to: chrono::NaiveDate) -> (i64, i64) {
    const HOUR_MS: i64 = 3_600_000;
    let midnight = |day: chrono::NaiveDate| day.and_hms_opt(0, 0, 0).expect("midnight").and_utc().timestamp_millis();
    (midnight(from) - 15 * HOUR_MS, midnight(to + chrono::Duration::days(1)) + 13 * HOUR_MS)
}

/// A check-in that mentions bleeding, in SQL: the same test as [`crate::journal::insights::shows_bleeding`]
/// giving an answer (a bleeding level, pads an hour above 0, or small or large clots).
const MENTIONS_BLEEDING: &str = "(bleeding IS NOT NULL OR pads_per_hour > 0 OR clots IN ('small', 'large'))";

fn bleeding_context_sql() -> String {
    format!(
        "SELECT {CHECKIN_COLUMNS} FROM checkins WHERE deleted = 0 AND local_day IN (SELECT DISTINCT local_day FROM \
         checkins WHERE deleted = 0 AND {MENTIONS_BLEEDING} AND local_day BETWEEN ?1 AND ?2 ORDER BY local_day \
         DESC LIMIT {BLEEDING_CONTEXT_DAYS}) ORDER BY at_ms, id"
    )
}

fn events_sql() -> String {
    let kinds: Vec<String> = EVENT_KINDS.iter().map(|k| format!("'{}'", k.code())).collect();
    format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE deleted = 0 AND kind IN ({}) AND local_day >= ?1 ORDER BY at_ms, id",
        kinds.join(", ")
    )
}

/// The events the red flags read: medication and surgery from [`RED_FLAG_EVENTS_BEFORE`] days before the recent
/// stretch (their windows are at most 14 days: misoprostol's unwell window; keyhole surgery's is 48 hours), and
/// the end of follow-up since the loss (an unresolved pregnancy stays unresolved until then). Tests, periods and
/// go-aheads are for markers and gates.
fn red_flag_events_sql() -> String {
    format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE deleted = 0 AND ((kind IN ('medication', 'surgery') AND \
         local_day >= ?1) OR (kind = 'follow_up_ended' AND local_day >= ?2)) ORDER BY at_ms, id"
    )
}

/// How many days before the recent stretch a write's evaluation reads medication and surgery: more than the
/// longest window after a dose that a red flag looks at (14 days).
pub(crate) const RED_FLAG_EVENTS_BEFORE: i64 = 15;

/// Everything an evaluation reads.
pub(crate) struct Snapshot {
    pub profile: Option<Profile>,
    pub loss: Option<Loss>,
    pub checkins: Vec<CheckIn>,
    pub events: Vec<Event>,
    pub alerts: Vec<AlertRecord>,
    pub zone: Zone,
}

impl Snapshot {
    /// The engine's input over this snapshot at `now`.
    pub fn input(&self, now: DateTime<Utc>) -> CareInput<'_> {
        CareInput {
            zone: self.zone,
            loss: self.loss.as_ref(),
            checkins: &self.checkins,
            events: &self.events,
            now,
            mood_screens: self.profile.as_ref().is_some_and(|p| p.mood_screens == Some(true)),
            rhd: self.profile.as_ref().and_then(|p| p.rhd),
        }
    }

    pub fn region(&self) -> Option<&str> {
        self.profile.as_ref().and_then(|p| p.region.as_deref())
    }
}

/// The profile, if the journal has one (its region and the person's own numbers go into every alert shown).
pub(crate) fn profile(conn: &Connection) -> rusqlite::Result<Option<Profile>> {
    conn.prepare_cached(&profile_sql())?.query_row([], profile_from_row).optional()
}

fn head(conn: &Connection) -> Result<(Option<Profile>, Option<Loss>, Zone)> {
    let profile = profile(conn)?;
    let loss = conn.prepare_cached(&loss_sql())?.query_row([], loss_from_row).optional()?;
    let zone = profile.as_ref().map_or(Zone::UTC, Profile::zone);
    Ok((profile, loss, zone))
}

/// What an evaluation reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Everything the engine says: red flags, markers and readiness.
    Everything,
    /// Only what the red flags (and so the stored alerts) read: a write's evaluation.
    RedFlags,
}

/// The check-in reads and the event read for a loss and today, with their parameters.
fn range_reads(loss: Option<&Loss>, today: chrono::NaiveDate, scope: Scope) -> (Vec<Read>, Read) {
    let loss_date = loss.map(|l| l.loss_date);
    let (ranges, gap) = match scope {
        Scope::Everything => (checkin_day_ranges(loss_date, today), bleeding_context_gap(loss_date, today)),
        Scope::RedFlags => {
            let (recent, gap) = red_flag_ranges(loss_date, today);
            (vec![recent], gap)
        }
    };
    let mut checkins: Vec<Read> = ranges
        .into_iter()
        .map(|(from, to)| {
            let (start, end) = utc_span(from, to);
            Read {
                sql: checkins_sql(),
                params: vec![from.to_string(), to.to_string(), start.to_string(), end.to_string()],
            }
        })
        .collect();
    if let Some((from, to)) = gap {
        checkins.push(Read { sql: bleeding_context_sql(), params: vec![from.to_string(), to.to_string()] });
    }
    let since = loss_date.unwrap_or(FIRST_DAY);
    let events = match scope {
        Scope::Everything => Read { sql: events_sql(), params: vec![since.to_string()] },
        Scope::RedFlags => {
            let recent = red_flag_ranges(loss_date, today).0.0;
            let from = (recent - chrono::Duration::days(RED_FLAG_EVENTS_BEFORE)).max(since);
            Read { sql: red_flag_events_sql(), params: vec![from.to_string(), since.to_string()] }
        }
    };
    (checkins, events)
}

/// Reads a snapshot on `conn` (call inside a transaction for a consistent view).
pub(crate) fn load(conn: &Connection, now: DateTime<Utc>) -> Result<Snapshot> {
    load_scoped(conn, now, Scope::Everything)
}

/// Reads what `scope` needs on `conn`.
pub(crate) fn load_scoped(conn: &Connection, now: DateTime<Utc>, scope: Scope) -> Result<Snapshot> {
    let (mut snapshot, checkin_reads) = frame(conn, now, scope)?;
    snapshot.checkins = read_checkins(conn, &checkin_reads)?;
    Ok(snapshot)
}

/// Everything `scope` needs but the check-ins (left empty), and the reads that give them: a caller that keeps
/// check-ins in memory between writes (`super::recent`) runs those reads only when its copy is out of date.
pub(crate) fn frame(conn: &Connection, now: DateTime<Utc>, scope: Scope) -> Result<(Snapshot, Vec<Read>)> {
    let (profile, loss, zone) = head(conn)?;
    let today = local_day(now, zone);
    let (checkin_reads, event_read) = range_reads(loss.as_ref(), today, scope);
    let mut stmt = conn.prepare_cached(&event_read.sql)?;
    let events =
        stmt.query_map(rusqlite::params_from_iter(&event_read.params), event_from_row)?.collect::<Result<_, _>>()?;
    let alerts = load_alerts(conn)?;
    Ok((Snapshot { profile, loss, checkins: Vec::new(), events, alerts, zone }, checkin_reads))
}

/// Runs check-in `reads`, in order.
pub(crate) fn read_checkins(conn: &Connection, reads: &[Read]) -> Result<Vec<CheckIn>> {
    let mut checkins = Vec::new();
    for read in reads {
        let mut stmt = conn.prepare_cached(&read.sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(&read.params), checkin_from_row)?;
        for row in rows {
            checkins.push(row?);
        }
    }
    Ok(checkins)
}

/// The statements [`load`] runs at `now`, in order, with their parameters.
pub(crate) fn reads(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<Read>> {
    let (_, loss, zone) = head(conn)?;
    let mut reads = vec![Read { sql: profile_sql(), params: vec![] }, Read { sql: loss_sql(), params: vec![] }];
    let (checkins, events) = range_reads(loss.as_ref(), local_day(now, zone), Scope::Everything);
    reads.extend(checkins);
    reads.push(events);
    reads.push(Read { sql: SELECT_ALERTS.to_owned(), params: vec![] });
    Ok(reads)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, TimeZone, Utc};

    use super::utc_span;
    use crate::journal::local_day;
    use crate::zone::Zone;

    /// Every instant whose local day, in the zones furthest east and west of UTC and some between, falls in the
    /// stretch is inside its UTC span; so no check-in the day range selects is left out by the time range.
    #[test]
    fn the_utc_span_holds_every_instant_of_the_local_days_in_every_zone() {
        let (from, to) = (NaiveDate::from_ymd_opt(2026, 3, 28).unwrap(), NaiveDate::from_ymd_opt(2026, 3, 30).unwrap());
        let (start, end) = utc_span(from, to);
        for name in ["Pacific/Kiritimati", "Etc/GMT+12", "Pacific/Pago_Pago", "Asia/Kathmandu", "Europe/London", "UTC"]
        {
            let zone = Zone::named(name).unwrap();
            let mut at = Utc.timestamp_millis_opt(start - 3 * 3_600_000).unwrap();
            while at.timestamp_millis() <= end + 3 * 3_600_000 {
                let day = local_day(at, zone);
                if (from..=to).contains(&day) {
                    let ms = at.timestamp_millis();
                    assert!((start..=end).contains(&ms), "{name}: {at} (local day {day}) is outside the span");
                }
                at += Duration::minutes(1);
            }
        }
    }
}
