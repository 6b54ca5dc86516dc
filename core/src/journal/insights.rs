//! Insights: days since the loss and week of recovery, the bleeding episode and when it stopped (by the
//! definition in shared/clinical/guidance.md), the return of periods and cycle lengths, per-week averages of
//! pain, mood, sleep and energy, and a 14-day trend for pain and mood. Pure functions over journal records.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::codes::{Bleeding, Clots};
use super::model::{Event, EventDetails, Loss};
use super::readings::{DayReading, Reading};

/// A 14-day trend compares the last 7 days with the 7 before; a change of this much counts.
pub const TREND_THRESHOLD: f64 = 1.0;
/// Each half of the trend window needs at least this many readings.
pub const TREND_MIN_READINGS: usize = 2;

/// Everything the journal can say about how recovery is going.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Insights {
    pub today: NaiveDate,
    pub days_since_loss: Option<i64>,
    /// 1 for the first seven days after the loss.
    pub week_of_recovery: Option<i64>,
    pub bleeding: BleedingEpisode,
    pub periods: Periods,
    pub weekly: Vec<WeekAverages>,
    pub trends: Trends,
}

/// The bleeding since the loss, day by day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BleedingEpisode {
    /// The first day since the loss with any bleeding (spotting counts).
    pub first_day: Option<NaiveDate>,
    /// The most recent day with any bleeding.
    pub last_day: Option<NaiveDate>,
    /// Set once the last two days that mention bleeding both say none, with no bleeding after: the first of
    /// the run of days without bleeding.
    pub stopped_on: Option<NaiveDate>,
    /// Days with any bleeding.
    pub days_with_bleeding: u32,
}

impl BleedingEpisode {
    /// Whether bleeding has stopped by the guidance's definition.
    pub fn has_stopped(&self) -> bool {
        self.stopped_on.is_some()
    }
}

/// The return of periods after the loss.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Periods {
    /// Start days of periods logged after the loss that count as periods, oldest first (the first counts only
    /// 21 days or more after loss bleeding ended and never while unresolved: [`super::periods`]).
    pub starts: Vec<NaiveDate>,
    /// Start days of period starts logged after the loss but not counted as a period yet, oldest first: kept,
    /// and their bleeding is read as bleeding after the loss.
    pub not_counted: Vec<NaiveDate>,
    pub first_period: Option<NaiveDate>,
    pub days_to_first_period: Option<i64>,
    /// Days between consecutive starts.
    pub cycle_lengths: Vec<i64>,
}

/// Averages for one week of recovery.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WeekAverages {
    pub week: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub checkins: u32,
    /// The worst pain of each check-in, averaged.
    pub pain: Option<f64>,
    pub mood: Option<f64>,
    pub sleep_hours: Option<f64>,
    pub energy: Option<f64>,
}

/// Which way something is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    Better,
    AboutTheSame,
    Harder,
}

/// 14-day trends; `None` until there are enough check-ins to say.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Trends {
    pub pain: Option<Trend>,
    pub mood: Option<Trend>,
}

/// Computes insights for `today` from the current loss, its check-ins and events (any order: period starts and
/// follow-up ended events are read). The bleeding episode is the bleeding after the loss: bleeding from the first
/// period start counted as a period is that period, never loss bleeding.
pub fn compute<R: Reading>(loss: Option<&Loss>, checkins: &[R], events: &[Event], today: NaiveDate) -> Insights {
    let since = loss.map(|l| l.loss_date);
    let relevant: Vec<&R> = checkins.iter().filter(|c| since.is_none_or(|d| c.day() >= d)).collect();
    let days_since_loss = since.map(|d| (today - d).num_days());
    let periods = periods(loss, &relevant, events);
    let loss_bleeding: Vec<&R> =
        relevant.iter().copied().filter(|c| periods.first_period.is_none_or(|p| c.day() < p)).collect();
    Insights {
        today,
        days_since_loss,
        week_of_recovery: days_since_loss.filter(|d| *d >= 0).map(|d| d / 7 + 1),
        bleeding: bleeding_episode(&loss_bleeding),
        periods,
        weekly: since.map(|d| weekly(d, &relevant)).unwrap_or_default(),
        trends: Trends {
            pain: trend(&relevant, today, |c| c.worst_pain().map(f64::from), false),
            mood: trend(&relevant, today, |c| c.mood().map(f64::from), true),
        },
    }
}

/// What a check-in says about bleeding: `Some(true)` when it shows bleeding — a bleeding level other than none
/// (spotting counts), any pads soaked an hour (above 0), or small or large clots, whichever of them was given;
/// `Some(false)` when it says bleeding is none and shows no pads or clots; `None` when it doesn't mention
/// bleeding. A pad count or clots logged without a bleeding level still count as bleeding, so bleeding that
/// comes back after it stopped is never missed.
pub fn shows_bleeding<R: Reading>(c: &R) -> Option<bool> {
    let pads = c.pads_per_hour().is_some_and(|p| p > 0.0);
    let clots = matches!(c.clots(), Some(Clots::Small | Clots::Large));
    if pads || clots {
        return Some(true);
    }
    c.bleeding().map(|level| level != Bleeding::None)
}

/// Day by day: `Some(true)` when any check-in that day showed bleeding, `Some(false)` when every check-in that
/// mentioned bleeding said none (see [`shows_bleeding`]). Days that never mention bleeding are absent.
fn bleeding_by_day<R: Reading>(checkins: &[R]) -> BTreeMap<NaiveDate, bool> {
    let mut days = BTreeMap::new();
    for c in checkins {
        if let Some(bleeding) = shows_bleeding(c) {
            *days.entry(c.day()).or_insert(false) |= bleeding;
        }
    }
    days
}

/// The guidance's definition of "bleeding has stopped", applied as the days go by: for each day that mentions
/// bleeding (oldest first), the day bleeding counts as stopped from, if it has stopped by the end of that day
/// (the last two days that mention bleeding both say none, with no bleeding after; the first of the run of
/// days without bleeding).
fn stop_states(days: &BTreeMap<NaiveDate, bool>) -> impl Iterator<Item = Option<NaiveDate>> + '_ {
    let mut run: Option<(NaiveDate, usize)> = None;
    days.iter().map(move |(day, bled)| {
        run = if *bled { None } else { Some(run.map_or((*day, 1), |(start, n)| (start, n + 1))) };
        run.filter(|(_, n)| *n >= 2).map(|(start, _)| start)
    })
}

/// The bleeding episode, by the guidance's definition of "bleeding has stopped".
pub fn bleeding_episode<R: Reading>(checkins: &[R]) -> BleedingEpisode {
    let days = bleeding_by_day(checkins);
    let bleeding_days: Vec<NaiveDate> = days.iter().filter(|(_, bled)| **bled).map(|(d, _)| *d).collect();
    BleedingEpisode {
        first_day: bleeding_days.first().copied(),
        last_day: bleeding_days.last().copied(),
        stopped_on: stop_states(&days).last().flatten(),
        days_with_bleeding: bleeding_days.len() as u32,
    }
}

/// Every time bleeding came to count as stopped (by the same definition as [`bleeding_episode`]), oldest
/// first: the day it counts as stopped from. Bleeding that starts again after a stop begins a new episode.
pub fn bleeding_stops<R: Reading>(checkins: &[R]) -> Vec<NaiveDate> {
    let days = bleeding_by_day(checkins);
    let mut stops = Vec::new();
    let mut stopped = false;
    for state in stop_states(&days) {
        if let Some(from) = state.filter(|_| !stopped) {
            stops.push(from);
        }
        stopped = state.is_some();
    }
    stops
}

fn periods<R: Reading>(loss: Option<&Loss>, checkins: &[R], events: &[Event]) -> Periods {
    let since = loss.map(|l| l.loss_date);
    let (mut starts, mut not_counted): (Vec<NaiveDate>, Vec<NaiveDate>) = match loss {
        Some(loss) => {
            let refs: Vec<&Event> = events.iter().collect();
            let all = super::periods::classify(loss, checkins, &refs);
            (
                all.iter().filter(|p| p.counted()).map(|p| p.day).collect(),
                all.iter().filter(|p| !p.counted()).map(|p| p.day).collect(),
            )
        }
        None => (
            events.iter().filter(|e| matches!(e.details, EventDetails::PeriodStart)).map(|e| e.day).collect(),
            Vec::new(),
        ),
    };
    starts.sort_unstable();
    starts.dedup();
    not_counted.sort_unstable();
    not_counted.dedup();
    let first_period = starts.first().copied();
    Periods {
        cycle_lengths: starts.windows(2).map(|w| (w[1] - w[0]).num_days()).collect(),
        days_to_first_period: first_period.zip(since).map(|(p, d)| (p - d).num_days()),
        first_period,
        starts,
        not_counted,
    }
}

fn average(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| ((sum / n as f64) * 10.0).round() / 10.0)
}

fn weekly<R: Reading>(loss_date: NaiveDate, checkins: &[R]) -> Vec<WeekAverages> {
    let mut weeks: BTreeMap<i64, Vec<&R>> = BTreeMap::new();
    for c in checkins {
        weeks.entry((c.day() - loss_date).num_days() / 7 + 1).or_default().push(c);
    }
    weeks
        .into_iter()
        .map(|(week, list)| WeekAverages {
            week,
            from: loss_date + Duration::days((week - 1) * 7),
            to: loss_date + Duration::days(week * 7 - 1),
            checkins: list.len() as u32,
            pain: average(list.iter().filter_map(|c| c.worst_pain().map(f64::from))),
            mood: average(list.iter().filter_map(|c| c.mood().map(f64::from))),
            sleep_hours: average(list.iter().filter_map(|c| c.sleep_hours())),
            energy: average(list.iter().filter_map(|c| c.energy().map(f64::from))),
        })
        .collect()
}

/// Compares the last 7 days (today and the 6 before) with the 7 days before them.
fn trend<R: Reading>(
    checkins: &[R],
    today: NaiveDate,
    value: impl Fn(&R) -> Option<f64>,
    higher_is_better: bool,
) -> Option<Trend> {
    let recent_from = today - Duration::days(6);
    let earlier_from = today - Duration::days(13);
    let half = |from: NaiveDate, to: NaiveDate| -> Vec<f64> {
        checkins.iter().filter(|c| c.day() >= from && c.day() <= to).filter_map(&value).collect()
    };
    let recent = half(recent_from, today);
    let earlier = half(earlier_from, recent_from - Duration::days(1));
    if recent.len() < TREND_MIN_READINGS || earlier.len() < TREND_MIN_READINGS {
        return None;
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let change = mean(&recent) - mean(&earlier);
    let improvement = if higher_is_better { change } else { -change };
    Some(if improvement >= TREND_THRESHOLD {
        Trend::Better
    } else if improvement <= -TREND_THRESHOLD {
        Trend::Harder
    } else {
        Trend::AboutTheSame
    })
}

/// Where recovery stands: the current loss, today's date where the person lives, a reading of every check-in
/// since the loss, and the insights over them. Today, `insights` and library suggestions all start from this.
#[derive(Debug, Clone)]
pub struct Recovery {
    pub loss: Option<Loss>,
    pub today: NaiveDate,
    pub readings: Vec<DayReading>,
    pub insights: Insights,
}

impl super::Journal<'_> {
    /// Where recovery stands as of today (in the person's zone).
    pub fn recovery(&self) -> crate::Result<Recovery> {
        self.recovery_in(&self.zone_for(None)?.0)
    }

    /// [`Journal::recovery`] with "today" the person's current day in `zone`, where they are now.
    pub fn recovery_in(&self, zone: &crate::zone::Zone) -> crate::Result<Recovery> {
        let loss = self.current_loss()?;
        let today = self.now().with_timezone(zone).date_naive();
        let from = loss.as_ref().map(|l| l.loss_date).unwrap_or(super::FIRST_DAY);
        let readings = self.readings_between_days(from, super::LAST_DAY)?;
        let mut period_starts = self.events_of_kind(super::EventKind::PeriodStart)?;
        period_starts.extend(self.events_of_kind(super::EventKind::FollowUpEnded)?);
        let insights = compute(loss.as_ref(), &readings, &period_starts, today);
        Ok(Recovery { loss, today, readings, insights })
    }

    /// Insights for the current loss as of today (in the person's zone).
    pub fn insights(&self) -> crate::Result<Insights> {
        Ok(self.recovery()?.insights)
    }
}

#[cfg(test)]
mod tests;
