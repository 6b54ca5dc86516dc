//! Plan invariants as property tests over generated reminders (kinds, zones, floating, one-off and repeating,
//! paused, ended), done/skipped/snoozed occurrences, quiet hours, caps, horizons and moments around
//! daylight-saving changes: the plan is sorted, its ids are unique, nothing fires inside quiet hours, the
//! same inputs give the same plan, paused and waiting reminders never appear, the cap holds, and every
//! firing is inside the horizon.

use std::collections::HashSet;

use chrono::Duration;
use proptest::prelude::*;

use super::*;
use crate::zone::Zone;

const ZONES: &[Option<&str>] = &[
    Some("Europe/Dublin"),
    Some("America/New_York"),
    Some("Australia/Sydney"),
    Some("Pacific/Auckland"),
    Some("Asia/Kolkata"),
    None,
];
const PHONE_ZONES: [&str; 4] = ["Europe/Dublin", "America/New_York", "Australia/Sydney", "UTC"];
const RULES: &[&str] = &[
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=2",
    "FREQ=DAILY;BYHOUR=8,20",
    "FREQ=HOURLY;INTERVAL=4",
    "FREQ=HOURLY;BYMINUTE=0,30",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=DAILY;COUNT=5",
    "FREQ=DAILY;UNTIL=20260401T235959Z",
];
/// Moments near 2026's daylight-saving changes in the three zones, and ordinary days.
const MOMENTS: &[(i32, u32, u32)] =
    &[(2026, 3, 28), (2026, 3, 7), (2026, 4, 4), (2026, 10, 3), (2026, 10, 24), (2026, 10, 31), (2026, 6, 15)];

#[derive(Debug, Clone)]
struct Spec {
    kind: usize,
    zone: usize,
    rule: Option<usize>,
    start_offset_days: i64,
    h: u8,
    m: u8,
    paused: bool,
    until_days: Option<i64>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0..ReminderKind::ALL.len(),
        0..ZONES.len(),
        proptest::option::weighted(0.8, 0..RULES.len()),
        -40i64..5,
        0u8..24,
        prop_oneof![Just(0u8), Just(30u8), 0u8..60],
        proptest::bool::weighted(0.2),
        proptest::option::weighted(0.2, 0i64..20),
    )
        .prop_map(|(kind, zone, rule, start_offset_days, h, m, paused, until_days)| Spec {
            kind,
            zone,
            rule,
            start_offset_days,
            h,
            m,
            paused,
            until_days,
        })
}

fn build(specs: &[Spec], base: NaiveDate) -> Vec<Reminder> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let start = base + Duration::days(s.start_offset_days);
            let schedule = match s.rule {
                Some(rule) => Schedule::Repeating { rrule: RULES[rule].into(), start, time: hm(s.h, s.m) },
                None => Schedule::Once { date: start + Duration::days(41), time: hm(s.h, s.m) },
            };
            let mut r = reminder(&format!("propreminder{i:04}"), ReminderKind::ALL[s.kind], schedule, ZONES[s.zone]);
            r.paused = s.paused;
            r.until = s.until_days.map(|d| base + Duration::days(d));
            r
        })
        .collect()
}

/// Records on real occurrences near `now`: (reminder index, occurrence index, status, snooze minutes).
fn records(
    reminders: &[Reminder],
    picks: &[(usize, usize, usize, i64)],
    now: DateTime<Utc>,
    zone: Zone,
) -> Vec<OccurrenceRecord> {
    let mut out = Vec::new();
    for (n, (ri, oi, status, snooze_minutes)) in picks.iter().enumerate() {
        let Some(r) = reminders.get(ri % reminders.len().max(1)) else { continue };
        let near = scheduled_between(r, zone, now - Duration::days(1), now + Duration::days(2));
        let Some(occurrence) = near.get(oi % near.len().max(1)).copied() else { continue };
        let status = [OccurrenceStatus::Done, OccurrenceStatus::Skipped, OccurrenceStatus::Snoozed][status % 3];
        out.push(OccurrenceRecord {
            guid: format!("proprecord{n:06}"),
            reminder: r.guid.clone(),
            occurrence,
            status,
            snoozed_until: (status == OccurrenceStatus::Snoozed).then(|| now + Duration::minutes(*snooze_minutes)),
            created_at: now,
            updated_at: now,
        });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn plan_invariants_hold(
        specs in proptest::collection::vec(spec(), 0..14),
        moment in 0..MOMENTS.len(),
        minute_of_day in 0i64..(24 * 60),
        horizon_hours in 1i64..(24 * 21),
        cap in 1usize..80,
        phone in 0..PHONE_ZONES.len(),
        quiet in proptest::option::of((0u8..24, prop_oneof![Just(0u8), Just(30u8)], 0u8..24, prop_oneof![Just(0u8), Just(30u8)])),
        picks in proptest::collection::vec((0usize..14, 0usize..40, 0usize..3, -120i64..2000), 0..10),
        discreet in any::<bool>(),
        massage_allowed in any::<bool>(),
    ) {
        let (y, m, d) = MOMENTS[moment];
        let base = date(y, m, d);
        let now = base.and_hms_opt(0, 0, 0).unwrap().and_utc() + Duration::minutes(minute_of_day);
        let zone = Zone::named(PHONE_ZONES[phone]).unwrap();
        let reminders = build(&specs, base);
        let quiet_hours = quiet
            .map(|(fh, fm, th, tm)| QuietHours { from: hm(fh, fm), to: hm(th, tm) })
            .filter(|q| q.from != q.to);
        let records = records(&reminders, &picks, now, zone);
        let input = PlanInput { reminders: &reminders, records: &records, quiet_hours, discreet, massage_allowed };
        let request = PlanRequest { now, horizon: Duration::hours(horizon_hours), zone, cap };
        let plan = planner::plan(&input, &request);

        prop_assert!(plan.firings.len() <= cap);
        prop_assert!(plan.firings.windows(2).all(|w| w[0].at_utc <= w[1].at_utc), "sorted");
        let ids: HashSet<&str> = plan.firings.iter().map(|f| f.id.as_str()).collect();
        prop_assert_eq!(ids.len(), plan.firings.len(), "unique ids");
        for f in &plan.firings {
            prop_assert!(f.at_utc >= now && f.at_utc <= now + request.horizon, "inside the horizon");
            if let Some(q) = &quiet_hours {
                prop_assert!(!q.contains_instant(f.at_utc, zone), "{} is inside quiet hours", f.at_local);
            }
            let r = reminders.iter().find(|r| r.guid == f.reminder).unwrap();
            prop_assert!(!r.paused, "a paused reminder appeared");
            prop_assert!(massage_allowed || r.kind != ReminderKind::MassageSession, "a waiting reminder appeared");
            prop_assert_eq!(&f.id, &firing_id(&f.reminder, f.at_utc));
            prop_assert_eq!(f.at_local.naive_utc(), f.at_utc.naive_utc());
            if discreet {
                prop_assert!(!f.title.contains("Ibuprofen") && !f.body.contains("Ibuprofen"));
            }
            let latest = planner::latest_records(&records);
            let status = latest.get(&(f.reminder.as_str(), f.occurrence_utc)).map(|rec| rec.status);
            prop_assert!(status.is_none_or(|s| s == OccurrenceStatus::Snoozed), "a done or skipped occurrence fired");
            prop_assert_eq!(f.snoozed, status == Some(OccurrenceStatus::Snoozed));
        }
        // Deterministic, and a smaller cap is a prefix of a larger one.
        prop_assert_eq!(&plan, &planner::plan(&input, &request));
        let wider = planner::plan(&input, &PlanRequest { cap: cap + 20, ..request });
        prop_assert_eq!(&wider.firings[..plan.firings.len()], &plan.firings[..]);
        prop_assert_eq!(plan.capped, wider.firings.len() > cap);
    }

    #[test]
    fn quiet_hours_move_firings_and_never_drop_them(
        h in 0u8..24,
        m in prop_oneof![Just(0u8), Just(15u8), Just(45u8)],
        quiet in (0u8..24, 0u8..24),
        moment in 0..MOMENTS.len(),
        phone in 0..PHONE_ZONES.len(),
    ) {
        prop_assume!(quiet.0 != quiet.1);
        let (y, mo, d) = MOMENTS[moment];
        let base = date(y, mo, d);
        let zone = Zone::named(PHONE_ZONES[phone]).unwrap();
        let r = reminder("quietreminder01", ReminderKind::Medication, daily(base - Duration::days(3), h, m), None);
        let q = QuietHours { from: hm(quiet.0, 0), to: hm(quiet.1, 0) };
        let now = base.and_hms_opt(12, 0, 0).unwrap().and_utc();
        let request = PlanRequest { now, horizon: Duration::days(5), zone, cap: DEFAULT_CAP };
        let plain = planner::plan(&PlanInput { reminders: std::slice::from_ref(&r), records: &[], quiet_hours: None, discreet: true, massage_allowed: true }, &request);
        let quieted = planner::plan(&PlanInput { reminders: std::slice::from_ref(&r), records: &[], quiet_hours: Some(q), discreet: true, massage_allowed: true }, &request);
        // Every occurrence that fired without quiet hours fires with them, at the same time or later, unless it
        // was pushed past the horizon.
        for f in &plain.firings {
            let moved = q.defer(f.at_utc, zone);
            if moved <= request.now + request.horizon {
                prop_assert!(quieted.firings.iter().any(|g| g.at_utc == moved), "{} was dropped", f.at_local);
            }
        }
    }
}
