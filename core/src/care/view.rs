//! What the rules look at: the journal as the care engine reads it — the current loss, check-ins in timestamp
//! order, the events that matter — with the clock, the person's zone, and the bleeding facts every
//! bleeding rule shares (computed once, with the journal's own definition of "bleeding has stopped").
//!
//! The engine looks at two stretches of check-ins: the early weeks after the loss ([`EARLY_DAYS`], where the
//! expected-by markers live) and the recent past ([`RECENT_DAYS`], where red flags and readiness live), plus
//! the last two days before the recent stretch that mention bleeding (to know whether it had stopped). Rows
//! outside them are ignored here, so reading only those rows (as [`super::load`] does) gives the same answer
//! as handing over the whole journal, and an evaluation costs the same in week one and in year five.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::journal::insights::{BleedingEpisode, bleeding_episode, bleeding_stops, shows_bleeding};
use crate::journal::periods::{self, PeriodStart};
use crate::journal::{
    CheckIn, Event, EventDetails, EventKind, FIRST_DAY, LAST_DAY, Loss, Medicine, RhD, Route, local_day,
};
use crate::zone::Zone;

/// Days after the loss that the markers look at (the latest "contact if not by" is 12 weeks).
pub const EARLY_DAYS: i64 = 120;
/// Days before today that red flags and readiness look at (the longest rule window is 14 days; bleeding
/// episodes rarely last longer than this).
pub const RECENT_DAYS: i64 = 60;
/// The kinds of event the engine reads.
pub const EVENT_KINDS: [EventKind; 6] = [
    EventKind::Test,
    EventKind::PeriodStart,
    EventKind::GoAhead,
    EventKind::Medication,
    EventKind::FollowUpEnded,
    EventKind::Surgery,
];

/// The journal and clock the engine evaluates: plain data, so rules are pure functions over it.
#[derive(Debug, Clone, Copy)]
pub struct CareInput<'a> {
    /// The person's zone: "today" is the local date there.
    pub zone: Zone,
    /// The current (most recent) loss, if one is recorded.
    pub loss: Option<&'a Loss>,
    /// Check-ins, in any order (the engine orders them by timestamp).
    pub checkins: &'a [CheckIn],
    /// Events, in any order.
    pub events: &'a [Event],
    pub now: DateTime<Utc>,
    /// Whether the person chose to be offered the mood screens (the profile's `mood_screens`).
    pub mood_screens: bool,
    /// The person's RhD status, if they said (the profile's `rhd`).
    pub rhd: Option<RhD>,
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

/// Days between the early and recent stretches (or before the recent one, without a loss) that the day ranges
/// leave out: the engine still needs the last [`BLEEDING_CONTEXT_DAYS`] days there that mention bleeding, to
/// know whether bleeding had stopped when the recent stretch begins.
pub fn bleeding_context_gap(loss_date: Option<NaiveDate>, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let ranges = checkin_day_ranges(loss_date, today);
    let before = ranges.last().map(|(from, _)| *from)? - Duration::days(1);
    let after = if ranges.len() > 1 {
        ranges[0].1 + Duration::days(1)
    } else if loss_date.is_some() {
        return None;
    } else {
        FIRST_DAY
    };
    (after <= before).then_some((after, before))
}

/// The day range the red flags read (the recent stretch) and the gap before it, from the loss, where only the
/// last days that mention bleeding are needed: what a write's evaluation reads (the early weeks are for the
/// markers, which nothing stores).
pub fn red_flag_ranges(
    loss_date: Option<NaiveDate>,
    today: NaiveDate,
) -> ((NaiveDate, NaiveDate), Option<(NaiveDate, NaiveDate)>) {
    let from = recent_from(loss_date, today);
    let before = from - Duration::days(1);
    let after = loss_date.unwrap_or(FIRST_DAY);
    ((from, LAST_DAY), (after <= before).then_some((after, before)))
}

/// How many of the latest days that mention bleeding before the recent stretch the engine reads with it: two
/// are enough to know whether bleeding had stopped (the last two such days both said none).
pub const BLEEDING_CONTEXT_DAYS: usize = 2;

fn recent_from(loss_date: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    let window = today - Duration::days(RECENT_DAYS);
    loss_date.map_or(window, |loss| loss.max(window))
}

/// The journal as the rules see it.
pub(crate) struct View<'a> {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub zone: Zone,
    pub loss: Option<&'a Loss>,
    /// Check-ins from the recent stretch, in timestamp order.
    pub recent: Vec<&'a CheckIn>,
    /// Check-ins from the loss to [`EARLY_DAYS`] after it, in timestamp order.
    pub early: Vec<&'a CheckIn>,
    /// Tests, period starts and go-aheads since the loss, in timestamp order.
    pub events: Vec<&'a Event>,
    /// Bleeding now: over the recent stretch and the last days before it that mention bleeding.
    pub bleeding: BleedingEpisode,
    /// Whether the person turned the mood screens on.
    pub mood_screens: bool,
    /// The person's RhD status, if they said.
    pub rhd: Option<RhD>,
    /// The check-ins of the current bleeding episode: recent ones after bleeding last counted as stopped;
    /// empty while bleeding has stopped. Bleeding rules look only here, so one episode raises an alert once.
    /// A check-in with pads an hour or clots shows bleeding even without a bleeding level
    /// ([`shows_bleeding`]), so soaking logged after a stop starts a new episode.
    pub episode: Vec<&'a CheckIn>,
    /// Period starts logged after the loss, oldest first, each counted as a period or not
    /// ([`crate::journal::periods`]).
    pub periods: Vec<PeriodStart>,
}

fn by_time(mut list: Vec<&CheckIn>) -> Vec<&CheckIn> {
    list.sort_unstable_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
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
        events.sort_unstable_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
        // Bleeding now: the recent stretch, after the last days before it that mention bleeding.
        let before: Vec<&CheckIn> = input.checkins.iter().filter(|c| c.day >= since && c.day < recent_from).collect();
        let mut context_days: Vec<NaiveDate> =
            before.iter().filter(|c| shows_bleeding(**c).is_some()).map(|c| c.day).collect();
        context_days.sort_unstable();
        context_days.dedup();
        let context_days = &context_days[context_days.len().saturating_sub(BLEEDING_CONTEXT_DAYS)..];
        let mut bleeding_view: Vec<&CheckIn> =
            before.into_iter().filter(|c| context_days.contains(&c.day)).chain(recent.iter().copied()).collect();
        bleeding_view = by_time(bleeding_view);
        let bleeding = bleeding_episode(&bleeding_view);
        let episode = if bleeding.has_stopped() {
            Vec::new()
        } else {
            let after = bleeding_stops(&bleeding_view).last().copied().unwrap_or(FIRST_DAY);
            recent.iter().filter(|c| c.day > after).copied().collect()
        };
        let periods = input.loss.map(|l| periods::classify(l, &early, &events)).unwrap_or_default();
        View {
            now: input.now,
            today,
            zone: input.zone,
            loss: input.loss,
            recent,
            early,
            events,
            bleeding,
            episode,
            periods,
            mood_screens: input.mood_screens,
            rhd: input.rhd,
        }
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

    /// The loss time: when the pregnancy passed (or the procedure, first misoprostol dose or ectopic diagnosis),
    /// else 00:00 local time on the loss date (every journal from before the loss time was recorded).
    pub fn loss_time(&self) -> Option<DateTime<Utc>> {
        self.loss.map(|l| l.time(self.zone))
    }

    /// Time since the loss at `at`; `None` without a loss.
    pub fn since_loss(&self, at: DateTime<Utc>) -> Option<Duration> {
        self.loss_time().map(|t| at - t)
    }

    /// Unresolved: an ectopic pregnancy not managed surgically, a pregnancy of unknown location or a molar
    /// pregnancy, until hCG back to normal (a follow-up ended event, or a blood test below 5 IU/L) or discharge
    /// from follow-up is recorded.
    pub fn unresolved(&self) -> bool {
        self.loss.is_some_and(Loss::may_be_unresolved)
            && periods::resolved_at(&self.events).is_none_or(|at| at > self.now)
    }

    /// Misoprostol doses (medication events marked misoprostol) at or before now: (when, by mouth).
    pub fn misoprostol(&self) -> Vec<(DateTime<Utc>, bool)> {
        self.events
            .iter()
            .filter(|e| e.at <= self.now)
            .filter_map(|e| match e.details {
                EventDetails::Medication { medicine: Some(Medicine::Misoprostol), route, .. } => {
                    Some((e.at, route == Some(Route::ByMouth)))
                }
                _ => None,
            })
            .collect()
    }

    /// The latest misoprostol dose at or before `at`.
    pub fn misoprostol_before(&self, at: DateTime<Utc>) -> Option<(DateTime<Utc>, bool)> {
        self.misoprostol().into_iter().filter(|(t, _)| *t <= at).max_by_key(|(t, _)| *t)
    }

    /// Times of keyhole (laparoscopic) surgery recorded since the loss.
    pub fn keyhole_surgery(&self) -> Vec<DateTime<Utc>> {
        self.events
            .iter()
            .filter(|e| matches!(e.details, EventDetails::Surgery { keyhole: true }))
            .map(|e| e.at)
            .collect()
    }

    /// Whether bleeding has stopped, by the guidance's definition.
    pub fn bleeding_stopped(&self) -> bool {
        self.bleeding.has_stopped()
    }

    /// The day of the first period start counted as a period (21 days or more after loss bleeding ended, and
    /// not while unresolved).
    pub fn first_period(&self) -> Option<NaiveDate> {
        periods::first_counted(&self.periods)
    }

    /// Whether the bleeding after the loss is over, for the gates: bleeding has stopped, or a period start was
    /// counted (bleeding after it is period bleeding and never re-closes a gate; the red flags still read it).
    pub fn loss_bleeding_over(&self) -> bool {
        self.bleeding_stopped() || self.first_period().is_some()
    }
}
