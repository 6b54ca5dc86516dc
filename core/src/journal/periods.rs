//! Which logged period starts count as the first period after a loss (shared/clinical/guidance.md version 2,
//! "Expected-by markers"; sources hse-recovery, cork-cumh, cruk-molar, methotrexate-wait): "a 'period start' is
//! accepted as the first period only 21 days or more after loss bleeding ended, and never while unresolved".
//! One logged earlier is kept in the journal and marked not counted, with the reason; every period start after
//! the first one counted is a period. The care engine (gates, markers) and insights read the same answer.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use super::insights::bleeding_episode;
use super::model::{Event, EventDetails, Loss};
use super::readings::Reading;

/// A period start counts as the first period only this many days or more after loss bleeding ended.
pub const FIRST_PERIOD_AFTER_BLEEDING_DAYS: i64 = 21;

/// Why a logged period start is not counted as a period yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum NotCounted {
    /// The bleeding after the loss had not stopped before it: it may still be bleeding from the loss.
    BleedingNotStopped,
    /// Logged less than 21 days after loss bleeding ended; a period start from `counts_from` would count.
    TooSoon { counts_from: NaiveDate },
    /// Logged while the pregnancy was unresolved (hCG still followed up): bleeding then is not read as a period.
    Unresolved,
}

/// A logged period start as the care engine and insights read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodStart {
    /// The event's guid.
    pub guid: String,
    pub day: NaiveDate,
    /// `None` when it counts as a period; otherwise why it doesn't yet.
    pub not_counted: Option<NotCounted>,
}

impl PeriodStart {
    pub fn counted(&self) -> bool {
        self.not_counted.is_none()
    }
}

/// Every period start logged after the loss (`events`, any order, may hold other kinds), oldest first, each
/// counted or not. `checkins` are the check-ins since the loss (any order): loss bleeding ended on the day
/// bleeding counts as stopped (by the guidance's definition) over the check-ins before the period's day; with
/// no bleeding logged at all, it counts from the loss date. Unresolved at the period: the loss is of a kind
/// that stays unresolved ([`Loss::may_be_unresolved`]) and no follow-up ended event was logged at or before it.
pub fn classify<R: Reading>(loss: &Loss, checkins: &[R], events: &[&Event]) -> Vec<PeriodStart> {
    let mut starts: Vec<&Event> = events
        .iter()
        .copied()
        .filter(|e| matches!(e.details, EventDetails::PeriodStart) && e.day > loss.loss_date)
        .collect();
    starts.sort_unstable_by(|a, b| a.at.cmp(&b.at).then_with(|| a.guid.cmp(&b.guid)));
    let resolved_at =
        events.iter().filter(|e| matches!(e.details, EventDetails::FollowUpEnded { .. })).map(|e| e.at).min();
    let mut counted_one = false;
    starts
        .into_iter()
        .map(|e| {
            let not_counted = if counted_one {
                None
            } else if loss.may_be_unresolved() && resolved_at.is_none_or(|r| r > e.at) {
                Some(NotCounted::Unresolved)
            } else {
                let before: Vec<&R> =
                    checkins.iter().filter(|c| c.day() >= loss.loss_date && c.day() < e.day).collect();
                let episode = bleeding_episode(&before);
                match (episode.first_day, episode.stopped_on) {
                    (Some(_), None) => Some(NotCounted::BleedingNotStopped),
                    (first, stopped) => {
                        let ended = if first.is_some() { stopped } else { Some(loss.loss_date) };
                        let counts_from =
                            ended.unwrap_or(loss.loss_date) + Duration::days(FIRST_PERIOD_AFTER_BLEEDING_DAYS);
                        (e.day < counts_from).then_some(NotCounted::TooSoon { counts_from })
                    }
                }
            };
            counted_one |= not_counted.is_none();
            PeriodStart { guid: e.guid.clone(), day: e.day, not_counted }
        })
        .collect()
}

/// hCG below this (IU/L) is a non-pregnant level.
pub const HCG_NON_PREGNANT: f64 = 5.0;

/// When an unresolved pregnancy was resolved (shared/clinical/guidance.md, "Unresolved": "until the person
/// records hCG back to the non-pregnant level or discharge from follow-up"): the earliest follow-up ended event
/// (hCG normal or discharged), or blood test whose hCG is below [`HCG_NON_PREGNANT`].
pub fn resolved_at(events: &[&Event]) -> Option<DateTime<Utc>> {
    events
        .iter()
        .filter(|e| match e.details {
            EventDetails::FollowUpEnded { .. } => true,
            EventDetails::Test { hcg, .. } => hcg.is_some_and(|h| h < HCG_NON_PREGNANT),
            _ => false,
        })
        .map(|e| e.at)
        .min()
}

/// The day of the first period start that counts, if any.
pub fn first_counted(starts: &[PeriodStart]) -> Option<NaiveDate> {
    starts.iter().find(|p| p.counted()).map(|p| p.day)
}
