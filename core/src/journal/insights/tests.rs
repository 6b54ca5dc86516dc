//! Insight rules: the guidance's definition of "bleeding has stopped", periods and cycles, weekly averages
//! and the 14-day trend at its threshold.

use chrono::{Duration, NaiveDate};

use super::*;
use crate::fixtures::{TempMend, checkin_at, utc};
use crate::journal::{CheckInData, NewEvent};

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap() + Duration::days(n)
}

fn bleeding_on(days: &[(i64, Bleeding)]) -> BleedingEpisode {
    let mend = TempMend::with_loss(utc(2026, 7, 1, 12, 0), day(0), 8);
    for (n, level) in days {
        let at = utc(2026, 5, 1, 10, 0) + Duration::days(*n);
        mend.journal().add_checkin(checkin_at(at, |d| d.bleeding = Some(*level))).unwrap();
    }
    mend.journal().insights().unwrap().bleeding
}

#[test]
fn bleeding_stops_after_two_days_that_say_none() {
    let one_none = bleeding_on(&[(0, Bleeding::Heavy), (3, Bleeding::Light), (6, Bleeding::None)]);
    assert_eq!(one_none.first_day, Some(day(0)));
    assert_eq!(one_none.last_day, Some(day(3)));
    assert_eq!(one_none.stopped_on, None, "one day without bleeding is not enough");
    let two_none = bleeding_on(&[(0, Bleeding::Heavy), (3, Bleeding::Light), (6, Bleeding::None), (7, Bleeding::None)]);
    assert_eq!(two_none.stopped_on, Some(day(6)));
    assert_eq!(two_none.days_with_bleeding, 2);
}

#[test]
fn spotting_after_two_clear_days_means_bleeding_has_not_stopped() {
    let episode =
        bleeding_on(&[(0, Bleeding::Medium), (5, Bleeding::None), (6, Bleeding::None), (8, Bleeding::Spotting)]);
    assert_eq!(episode.last_day, Some(day(8)));
    assert!(!episode.has_stopped());
}

#[test]
fn a_day_with_any_bleeding_counts_as_a_bleeding_day() {
    // Two check-ins on day 5: one none, one spotting; day 5 bled. Days 6 and 7 are clear.
    let episode =
        bleeding_on(&[(5, Bleeding::None), (5, Bleeding::Spotting), (6, Bleeding::None), (7, Bleeding::None)]);
    assert_eq!(episode.last_day, Some(day(5)));
    assert_eq!(episode.stopped_on, Some(day(6)));
}

#[test]
fn days_since_loss_week_of_recovery_and_periods() {
    let mend = TempMend::with_loss(utc(2026, 8, 10, 12, 0), day(0), 8);
    for n in [36, 64, 93] {
        let at = utc(2026, 5, 1, 9, 0) + Duration::days(n);
        mend.journal()
            .add_event(NewEvent { at: Some(at), time_zone: None, details: EventDetails::PeriodStart, note: None })
            .unwrap();
    }
    let insights = mend.journal().insights().unwrap();
    assert_eq!(insights.days_since_loss, Some(101));
    assert_eq!(insights.week_of_recovery, Some(15));
    assert_eq!(insights.periods.first_period, Some(day(36)));
    assert_eq!(insights.periods.days_to_first_period, Some(36));
    assert_eq!(insights.periods.cycle_lengths, vec![28, 29]);
}

#[test]
fn weekly_averages_use_the_worst_pain_of_each_checkin() {
    let now = utc(2026, 5, 20, 12, 0);
    let mend = TempMend::with_loss(now, day(0), 8);
    let entries: [(i64, u8, u8); 3] = [(0, 8, 2), (2, 4, 4), (8, 2, 6)];
    for (n, cramps, mood) in entries {
        let at = utc(2026, 5, 1, 9, 0) + Duration::days(n);
        mend.journal()
            .add_checkin(checkin_at(at, |d| {
                d.pain.cramps = Some(cramps);
                d.pain.back = Some(1);
                d.mood = Some(mood);
                d.sleep_hours = Some(7.0);
            }))
            .unwrap();
    }
    let weekly = mend.journal().insights().unwrap().weekly;
    assert_eq!(weekly.len(), 2);
    assert_eq!((weekly[0].week, weekly[0].checkins, weekly[0].pain, weekly[0].mood), (1, 2, Some(6.0), Some(3.0)));
    assert_eq!((weekly[0].from, weekly[0].to), (day(0), day(6)));
    assert_eq!((weekly[1].week, weekly[1].pain, weekly[1].energy), (2, Some(2.0), None));
}

fn trend_for(earlier: [u8; 2], recent: [u8; 2]) -> Trends {
    let today = day(30);
    let mut checkins = Vec::new();
    for (offset, value) in [(-12, earlier[0]), (-8, earlier[1]), (-5, recent[0]), (0, recent[1])] {
        let mut data = CheckInData { mood: Some(value), ..Default::default() };
        data.pain.cramps = Some(value);
        checkins.push(crate::journal::CheckIn {
            guid: format!("guid{offset:08}"),
            at: utc(2026, 5, 31, 9, 0) + Duration::days(offset),
            time_zone: "UTC".into(),
            day: today + Duration::days(offset),
            data,
            created_at: utc(2026, 5, 1, 0, 0),
            updated_at: utc(2026, 5, 1, 0, 0),
        });
    }
    compute(None, &checkins, &[], today).trends
}

#[test]
fn a_change_of_one_point_is_a_trend_and_less_is_about_the_same() {
    let up = trend_for([4, 4], [5, 5]);
    assert_eq!(up.mood, Some(Trend::Better));
    assert_eq!(up.pain, Some(Trend::Harder));
    let slight = trend_for([4, 4], [4, 5]);
    assert_eq!(slight.mood, Some(Trend::AboutTheSame));
    assert_eq!(slight.pain, Some(Trend::AboutTheSame));
    let down = trend_for([6, 6], [5, 5]);
    assert_eq!((down.mood, down.pain), (Some(Trend::Harder), Some(Trend::Better)));
}

#[test]
fn no_trend_without_two_readings_in_each_week() {
    let today = day(30);
    assert_eq!(compute::<crate::journal::DayReading>(None, &[], &[], today).trends, Trends::default());
}

/// Bleeding on days 0-4, none on days 5 and 6 (stopped from day 5), a period start on `period` with medium
/// bleeding on it and the two days after.
fn period_after_stop(period: i64) -> Insights {
    let mend = TempMend::with_loss(utc(2026, 7, 1, 12, 0), day(0), 8);
    let at = |n: i64| utc(2026, 5, 1, 10, 0) + Duration::days(n);
    for (n, level) in (0..=4).map(|n| (n, Bleeding::Light)).chain([(5, Bleeding::None), (6, Bleeding::None)]) {
        mend.journal().add_checkin(checkin_at(at(n), |d| d.bleeding = Some(level))).unwrap();
    }
    for n in period..=period + 2 {
        mend.journal().add_checkin(checkin_at(at(n), |d| d.bleeding = Some(Bleeding::Medium))).unwrap();
    }
    let new = NewEvent { at: Some(at(period)), time_zone: None, details: EventDetails::PeriodStart, note: None };
    mend.journal().add_event(new).unwrap();
    mend.journal().insights().unwrap()
}

#[test]
fn period_bleeding_is_never_called_loss_bleeding() {
    // guidance: "Bleeding after an accepted period start is period bleeding: it never ... counts as loss
    // bleeding in insights". 25 days after bleeding stopped: counted.
    let counted = period_after_stop(30);
    assert_eq!((counted.periods.first_period, counted.periods.not_counted.clone()), (Some(day(30)), vec![]));
    assert_eq!((counted.bleeding.last_day, counted.bleeding.stopped_on), (Some(day(4)), Some(day(5))));
    assert_eq!(counted.bleeding.days_with_bleeding, 5);
    // 10 days after (below 21): kept, not counted, and its bleeding is bleeding after the loss.
    let early = period_after_stop(15);
    assert_eq!((early.periods.first_period, early.periods.not_counted.clone()), (None, vec![day(15)]));
    assert!(early.periods.starts.is_empty());
    assert_eq!((early.bleeding.last_day, early.bleeding.stopped_on), (Some(day(17)), None));
}
