//! Planning benchmark: 200 active reminders of every kind and shape (daily, twice daily, every six hours,
//! weekly, monthly, one-offs; zoned in three zones and floating), quiet hours 22:00-07:30 and a month of
//! done/skipped history, planned over a 30-day horizon capped at 64 — through the store (as the phones call
//! it) and as the pure planner alone. Figures and the command are in docs/performance.md under "Reminders".

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use mend_core::fixtures::{TempMend, utc};
use mend_core::reminders::{
    DEFAULT_CAP, NewReminder, PlanInput, PlanRequest, QuietHours, ReminderKind, Schedule, TimeOfDay, planner,
};
use mend_core::zone::Zone;

const REMINDERS: usize = 200;

fn shape(i: usize) -> NewReminder {
    let kinds = ReminderKind::ALL;
    let kind = kinds[i % kinds.len()];
    let kind = if kind == ReminderKind::MassageSession { ReminderKind::SelfCare } else { kind };
    let zones = [Some("Europe/Dublin"), Some("America/New_York"), Some("Australia/Sydney"), None];
    let time = TimeOfDay::new((6 + i % 16) as u8, [0, 15, 30, 45][i % 4]).unwrap();
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days((i % 300) as i64);
    let rules = [
        "FREQ=DAILY",
        "FREQ=DAILY;BYHOUR=8,20",
        "FREQ=HOURLY;INTERVAL=6",
        "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "FREQ=MONTHLY",
    ];
    let schedule = if i % 10 == 9 {
        Schedule::Once { date: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Duration::days((i % 40) as i64), time }
    } else {
        Schedule::Repeating { rrule: rules[i % rules.len()].into(), start, time }
    };
    NewReminder {
        kind,
        title: format!("Reminder {i}"),
        schedule,
        time_zone: zones[i % zones.len()].map(str::to_owned),
        until: None,
    }
}

fn journal() -> TempMend {
    let now = utc(2026, 6, 1, 12, 0);
    let mut mend = TempMend::with_loss(utc(2026, 5, 1, 12, 0), NaiveDate::from_ymd_opt(2026, 4, 20).unwrap(), 9);
    let reminders = mend.reminders();
    let mut saved = Vec::new();
    for i in 0..REMINDERS {
        saved.push(reminders.add(shape(i)).expect("a valid reminder"));
    }
    reminders
        .set_quiet_hours(Some(QuietHours { from: TimeOfDay::new(22, 0).unwrap(), to: TimeOfDay::new(7, 30).unwrap() }))
        .unwrap();
    // A month of medication history on the daily ones.
    for day in 0..30 {
        mend.reopen(utc(2026, 5, 2, 23, 0) + Duration::days(day));
        for r in saved.iter().filter(|r| r.kind == ReminderKind::Medication).take(10) {
            let _ = if day % 5 == 0 {
                mend.reminders().skip(&r.guid, None, Zone::named("Europe/Dublin").unwrap())
            } else {
                mend.reminders().done(&r.guid, None, Zone::named("Europe/Dublin").unwrap())
            };
        }
    }
    mend.reopen(now);
    mend
}

fn bench(c: &mut Criterion) {
    let mend = journal();
    let now = mend.now();
    let horizon = Duration::days(30);
    let plan = mend.reminders().plan(now, horizon, Zone::named("Europe/Dublin").unwrap()).unwrap();
    assert_eq!(plan.firings.len(), DEFAULT_CAP);
    assert!(plan.capped);

    c.bench_function("reminders/plan_200_30d_cap64_store", |b| {
        b.iter(|| {
            black_box(mend.reminders().plan(black_box(now), horizon, Zone::named("Europe/Dublin").unwrap()).unwrap())
        })
    });

    let reminders = mend.reminders().all().unwrap();
    let records: Vec<_> = reminders.iter().flat_map(|r| mend.reminders().history(&r.guid).unwrap()).collect();
    let input = PlanInput {
        reminders: &reminders,
        records: &records,
        quiet_hours: mend.reminders().quiet_hours().unwrap(),
        discreet: true,
        massage_allowed: true,
    };
    let request = PlanRequest { now, horizon, zone: Zone::named("Europe/Dublin").unwrap(), cap: DEFAULT_CAP };
    assert_eq!(planner::plan(&input, &request), plan);
    c.bench_function("reminders/plan_200_30d_cap64_pure", |b| {
        b.iter(|| black_box(planner::plan(black_box(&input), black_box(&request))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
