//! A booked massage reminder and the first period after a loss (guidance version 2): bleeding after a period start
//! counted as a period is period bleeding and never re-closes the massage gate, so it never silences the reminder;
//! a period start logged too soon to count keeps its bleeding loss bleeding, and the reminder waits.

use chrono::Duration;

use super::*;
use crate::fixtures::{TempMend, checkin_at};
use crate::journal::{Bleeding, EventDetails, NewEvent};
use crate::zone::Zone;

static DUBLIN: std::sync::LazyLock<Zone> = std::sync::LazyLock::new(|| Zone::named("Europe/Dublin").unwrap());

fn new_daily(kind: ReminderKind, title: &str, h: u8, m: u8) -> NewReminder {
    NewReminder {
        kind,
        title: title.into(),
        schedule: daily(date(2026, 6, 1), h, m),
        time_zone: Some("Europe/Dublin".into()),
        until: None,
    }
}

#[test]
fn a_period_counted_after_the_loss_never_silences_a_booked_massage_reminder() {
    // guidance v2: "Bleeding after an accepted period start is period bleeding: it never re-closes a gate"
    let at = |d: u32, m: u32| utc(2026, m, d, 9, 0);
    let bled = |mend: &TempMend, days: &[(u32, u32, Bleeding)]| {
        for (d, m, level) in days {
            mend.journal().add_checkin(checkin_at(at(*d, *m), |c| c.bleeding = Some(*level))).unwrap();
        }
    };
    let period = |mend: &TempMend, d: u32| {
        let start = NewEvent { at: Some(at(d, 6)), time_zone: None, details: EventDetails::PeriodStart, note: None };
        mend.journal().add_event(start).unwrap();
    };
    let setup = |period_day: u32| {
        let mut mend = TempMend::with_loss(utc(2026, 6, 20, 12, 0), date(2026, 5, 20), 8);
        // Bleeding 20-24 May, none on 25 and 26 May: stopped from 25 May.
        let mut days: Vec<(u32, u32, Bleeding)> = (20..=24).map(|d| (d, 5, Bleeding::Light)).collect();
        days.extend([(25, 5, Bleeding::None), (26, 5, Bleeding::None)]);
        bled(&mend, &days);
        mend.reminders().add(new_daily(ReminderKind::MassageSession, "Back massage", 18, 0)).unwrap();
        period(&mend, period_day);
        bled(&mend, &[(period_day, 6, Bleeding::Medium), (period_day + 1, 6, Bleeding::Medium)]);
        mend.reopen(at(period_day + 1, 6) + Duration::hours(3));
        mend
    };
    // 15 June: 21 days after 25 May, counted as a period: the reminder stays active.
    let counted = setup(15);
    assert!(counted.reminders().massage_allowed().unwrap());
    assert_eq!(counted.reminders().list(*DUBLIN).unwrap()[0].status, ReminderStatus::Active);
    // 14 June (just below): not counted yet, so its bleeding is bleeding after the loss and the reminder waits.
    let early = setup(14);
    assert!(!early.reminders().massage_allowed().unwrap());
    assert_eq!(early.reminders().list(*DUBLIN).unwrap()[0].status, ReminderStatus::Waiting);
}
