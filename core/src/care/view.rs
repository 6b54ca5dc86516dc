//! What the rules look at: the journal as the care engine reads it — the current loss, check-ins in timestamp
//! order, the events that matter — with the clock, the person's zone and region, and the bleeding facts every
//! bleeding rule shares (computed once, with the journal's own definition of "bleeding has stopped").
//!
//! The engine looks at two stretches of check-ins: the early weeks after the loss ([`EARLY_DAYS`], where the
//! expected-by markers live) and the recent past ([`RECENT_DAYS`], where red flags and readiness live). Rows
//! outside them are ignored here, so reading only those rows (as [`super::load`] does) gives the same answer
//! as handing over the whole journal, and an evaluation costs the same in week one and in year five.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::journal::insights::{BleedingEpisode, bleeding_episode, bleeding_stops};
use crate::journal::{CheckIn, Event, EventKind, FIRST_DAY, LAST_DAY, Loss, local_day};

/// Days after the loss that the markers look at (the latest "contact if not by" is 12 weeks).
pub const EARLY_DAYS: i64 = 120;
/// Days before today that red flags and readiness look at (the longest rule window is 14 days; bleeding
/// episodes rarely last longer than this).
pub const RECENT_DAYS: i64 = 60;
/// The kinds of event the engine reads.
pub const EVENT_KINDS: [EventKind; 3] = [EventKind::Test, EventKind::PeriodStart, EventKind::GoAhead];

/// The journal and clock the engine evaluates: plain data, so rules are pure functions over it.
#[derive(Debug, Clone, Copy)]
pub struct CareInput<'a> {
    /// The person's zone: "today" is the local date there.
    pub zone: Tz,
    /// The current (most recent) loss, if one is recorded.
    pub loss: Option<&'a Loss>,
    /// Check-ins, in any order (the engine orders them by timestamp).
    pub checkins: &'a [CheckIn],
    /// Events, in any order.
    pub events: &'a [Event],
    pub now: DateTime<Utc>,
}

/// The day ranges (inclusive) of check-ins the engine looks at, given the loss date and today.
pub fn checkin_day_ranges(loss_date: Option<NaiveDate>, today: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let recent_from = recent_from(loss_date, today);
    match loss_date {
        Some(loss) => {
            let early_to = loss + Duration::days(EARLY_DAYS);
            if early_to >= recent_from - Duration::days(1) {
                vec![(loss, LAST_DAY)]
            } else {
                vec![(loss, early_to), (recent_from, LAST_DAY)]
            }
        }
        None => vec![(recent_from, LAST_DAY)],
    }
}

fn recent_from(loss_date: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    let window = today - Duration::days(RECENT_DAYS);
    loss_date.map_or(window, |loss| loss.max(window))
}

/// The journal as the rules see it.
pub(crate) struct View<'a> {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub zone: Tz,
    pub loss: Option<&'a Loss>,
    /// Check-ins from the recent stretch, in timestamp order.
    pub recent: Vec<&'a CheckIn>,
    /// Check-ins from the loss to [`EARLY_DAYS`] after it, in timestamp order.
    pub early: Vec<&'a CheckIn>,
    /// Tests, period starts and go-aheads since the loss, in timestamp order.
    pub events: Vec<&'a Event>,
    /// Bleeding now, over the recent stretch.
    pub bleeding: BleedingEpisode,
    /// The check-ins of the current bleeding episode: recent ones after bleeding last counted as stopped;
    /// empty while bleeding has stopped. Bleeding rules look only here, so one episode raises an alert once.
    pub episode: Vec<&'a CheckIn>,
}

fn by_time<'a>(mut list: Vec<&'a CheckIn>) -> Vec<&'a CheckIn> {
    list.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
    list
}

impl<'a> View<'a> {
    pub fn new(input: &CareInput<'a>) -> View<'a> {
        let today = local_day(input.now, input.zone);
        let loss_date = input.loss.map(|l| l.loss_date);
        let recent_from = recent_from(loss_date, today);
        let recent = by_time(input.checkins.iter().filter(|c| c.day >= recent_from).collect());
        let early = match loss_date {
            Some(loss) => by_time(
                input.checkins.iter().filter(|c| c.day >= loss && c.day <= loss + Duration::days(EARLY_DAYS)).collect(),
            ),
            None => Vec::new(),
        };
        let since = loss_date.unwrap_or(FIRST_DAY);
        let mut events: Vec<&Event> =
            input.events.iter().filter(|e| e.day >= since && EVENT_KINDS.contains(&e.details.kind())).collect();
        events.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
        let bleeding = bleeding_episode(&recent);
        let episode = if bleeding.has_stopped() {
            Vec::new()
        } else {
            let after = bleeding_stops(&recent).last().copied().unwrap_or(FIRST_DAY);
            recent.iter().filter(|c| c.day > after).copied().collect()
        };
        View { now: input.now, today, zone: input.zone, loss: input.loss, recent, early, events, bleeding, episode }
    }

    /// Recent check-ins made at or after `now - window`.
    pub fn within(&self, window: Duration) -> &[&'a CheckIn] {
        let from = self.now - window;
        &self.recent[self.recent.partition_point(|c| c.at < from)..]
    }

    /// The local date, in the person's zone, of an instant.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        local_day(at, self.zone)
    }

    /// Whether bleeding has stopped, by the guidance's definition.
    pub fn bleeding_stopped(&self) -> bool {
        self.bleeding.has_stopped()
    }
}
