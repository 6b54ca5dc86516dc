//! Daylight-saving tables for Europe/Dublin, America/New_York and Australia/Sydney (2026): a daily 09:00 stays
//! 09:00 local on both changes; a time that does not exist on a spring-forward day fires at the first valid
//! minute after it; a time that happens twice on a fall-back day fires once. Plus floating reminders following
//! a zone change, and "monthly on the 31st".

use chrono::Duration;

use super::*;
use crate::reminders::occurrences::scheduled_between;
use crate::zone::Zone;

/// (zone, wall-clock time, first day, expected UTC instants for that day and the next two).
type Row = (&'static str, (u8, u8), NaiveDate, [&'static str; 3]);

fn check(rows: &[Row]) {
    for (zone, (h, m), first, expected) in rows {
        let r = reminder("dstreminder0001", ReminderKind::Medication, daily(*first, *h, *m), Some(zone));
        // The rule starts on `first`; the window ends just before local midnight three days on.
        let tz: Zone = zone.parse().unwrap();
        let to = resolve_local(tz, (*first + Duration::days(3)).and_hms_opt(0, 0, 0).unwrap()) - Duration::minutes(1);
        let all = scheduled_between(&r, Zone::UTC, utc(2025, 12, 1, 0, 0), to);
        assert_eq!(utc_strings(&all), expected.to_vec(), "{zone} {h:02}:{m:02} from {first}");
    }
}

#[test]
fn nine_oclock_stays_nine_oclock_local_across_both_changes() {
    check(&[
        // Dublin: forward on 29 March (GMT to IST), back on 25 October.
        ("Europe/Dublin", (9, 0), date(2026, 3, 28), ["2026-03-28T09:00Z", "2026-03-29T08:00Z", "2026-03-30T08:00Z"]),
        ("Europe/Dublin", (9, 0), date(2026, 10, 24), ["2026-10-24T08:00Z", "2026-10-25T09:00Z", "2026-10-26T09:00Z"]),
        // New York: forward on 8 March (EST to EDT), back on 1 November.
        ("America/New_York", (9, 0), date(2026, 3, 7), ["2026-03-07T14:00Z", "2026-03-08T13:00Z", "2026-03-09T13:00Z"]),
        (
            "America/New_York",
            (9, 0),
            date(2026, 10, 31),
            ["2026-10-31T13:00Z", "2026-11-01T14:00Z", "2026-11-02T14:00Z"],
        ),
        // Sydney: back on 5 April (AEDT to AEST), forward on 4 October.
        ("Australia/Sydney", (9, 0), date(2026, 4, 4), ["2026-04-03T22:00Z", "2026-04-04T23:00Z", "2026-04-05T23:00Z"]),
        (
            "Australia/Sydney",
            (9, 0),
            date(2026, 10, 3),
            ["2026-10-02T23:00Z", "2026-10-03T22:00Z", "2026-10-04T22:00Z"],
        ),
    ]);
}

#[test]
fn a_time_that_does_not_exist_fires_at_the_first_valid_minute_after_it() {
    check(&[
        // 01:30 does not exist in Dublin on 29 March: it fires at 02:00 IST (01:00 UTC).
        ("Europe/Dublin", (1, 30), date(2026, 3, 28), ["2026-03-28T01:30Z", "2026-03-29T01:00Z", "2026-03-30T00:30Z"]),
        // 02:30 does not exist in New York on 8 March: 03:00 EDT (07:00 UTC).
        (
            "America/New_York",
            (2, 30),
            date(2026, 3, 7),
            ["2026-03-07T07:30Z", "2026-03-08T07:00Z", "2026-03-09T06:30Z"],
        ),
        // 02:30 does not exist in Sydney on 4 October: 03:00 AEDT (16:00 UTC the day before).
        (
            "Australia/Sydney",
            (2, 30),
            date(2026, 10, 3),
            ["2026-10-02T16:30Z", "2026-10-03T16:00Z", "2026-10-04T15:30Z"],
        ),
    ]);
}

#[test]
fn a_time_that_happens_twice_fires_once_at_the_first() {
    check(&[
        // 01:30 happens twice in Dublin on 25 October (IST, then GMT): once, at 00:30 UTC.
        ("Europe/Dublin", (1, 30), date(2026, 10, 24), ["2026-10-24T00:30Z", "2026-10-25T00:30Z", "2026-10-26T01:30Z"]),
        // 01:30 happens twice in New York on 1 November: once, at 05:30 UTC (EDT).
        (
            "America/New_York",
            (1, 30),
            date(2026, 10, 31),
            ["2026-10-31T05:30Z", "2026-11-01T05:30Z", "2026-11-02T06:30Z"],
        ),
        // 02:30 happens twice in Sydney on 5 April: once, at 15:30 UTC the day before (AEDT).
        (
            "Australia/Sydney",
            (2, 30),
            date(2026, 4, 4),
            ["2026-04-03T15:30Z", "2026-04-04T15:30Z", "2026-04-05T16:30Z"],
        ),
    ]);
}

#[test]
fn the_plan_shows_nine_oclock_local_on_each_side_of_the_change() {
    for (zone, now) in [
        ("Europe/Dublin", utc(2026, 3, 27, 12, 0)),
        ("Europe/Dublin", utc(2026, 10, 23, 12, 0)),
        ("America/New_York", utc(2026, 3, 6, 12, 0)),
        ("America/New_York", utc(2026, 10, 30, 12, 0)),
        ("Australia/Sydney", utc(2026, 4, 2, 12, 0)),
        ("Australia/Sydney", utc(2026, 10, 1, 12, 0)),
    ] {
        let r = reminder("dstreminder0002", ReminderKind::CheckIn, daily(date(2026, 1, 1), 9, 0), Some(zone));
        let input =
            PlanInput { reminders: &[r], records: &[], quiet_hours: None, discreet: true, massage_allowed: true };
        let tz: Zone = zone.parse().unwrap();
        let plan =
            planner::plan(&input, &PlanRequest { now, horizon: Duration::days(6), zone: Zone::UTC, cap: DEFAULT_CAP });
        assert_eq!(plan.firings.len(), 6, "{zone}");
        let mut offsets = std::collections::BTreeSet::new();
        for f in &plan.firings {
            assert_eq!(f.at_local.format("%H:%M").to_string(), "09:00", "{zone}");
            assert_eq!(f.zone, zone);
            assert_eq!(f.at_utc.with_timezone(&tz).format("%H:%M").to_string(), "09:00");
            offsets.insert(f.at_local.offset().local_minus_utc());
        }
        assert_eq!(offsets.len(), 2, "{zone}: the window crosses a change");
    }
}

#[test]
fn a_floating_reminder_follows_the_phone_to_a_new_zone() {
    let r = reminder("floating0000001", ReminderKind::CheckIn, daily(date(2026, 5, 1), 9, 0), None);
    let input = PlanInput { reminders: &[r], records: &[], quiet_hours: None, discreet: true, massage_allowed: true };
    let request = |zone| PlanRequest { now: utc(2026, 6, 1, 0, 0), horizon: Duration::days(1), zone, cap: 1 };
    let dublin = planner::plan(&input, &request(Zone::named("Europe/Dublin").unwrap())).firings.remove(0);
    assert_eq!(dublin.at_local.to_rfc3339(), "2026-06-01T09:00:00+01:00");
    assert_eq!(dublin.zone, "Europe/Dublin");
    let new_york = planner::plan(&input, &request(Zone::named("America/New_York").unwrap())).firings.remove(0);
    assert_eq!(new_york.at_local.to_rfc3339(), "2026-06-01T09:00:00-04:00");
    assert_eq!(new_york.at_utc, utc(2026, 6, 1, 13, 0));
    assert_ne!(dublin.id, new_york.id, "a different instant is a different firing");
}

#[test]
fn a_zoned_reminder_keeps_its_zone_when_the_phone_travels() {
    let r = reminder("zoned0000000001", ReminderKind::Medication, daily(date(2026, 5, 1), 9, 0), Some("Europe/Dublin"));
    let input = PlanInput { reminders: &[r], records: &[], quiet_hours: None, discreet: true, massage_allowed: true };
    let request = PlanRequest {
        now: utc(2026, 6, 1, 0, 0),
        horizon: Duration::days(1),
        zone: Zone::named("America/New_York").unwrap(),
        cap: 1,
    };
    let f = planner::plan(&input, &request).firings.remove(0);
    assert_eq!(f.at_utc, utc(2026, 6, 1, 8, 0));
    assert_eq!(f.at_local.to_rfc3339(), "2026-06-01T09:00:00+01:00");
}

#[test]
fn monthly_on_the_31st_skips_months_without_one_as_rfc_5545_says() {
    let rule = |rrule: &str| Schedule::Repeating { rrule: rrule.into(), start: date(2026, 1, 1), time: hm(9, 0) };
    let days = |rrule: &str| -> Vec<u32> {
        let r = reminder("monthly00000001", ReminderKind::SelfCare, rule(rrule), Some("Europe/Dublin"));
        scheduled_between(&r, Zone::UTC, utc(2026, 1, 1, 0, 0), utc(2026, 12, 31, 23, 59))
            .iter()
            .map(|t| {
                use chrono::Datelike;
                let local = t.with_timezone(&Zone::named("Europe/Dublin").unwrap());
                local.month() * 100 + local.day()
            })
            .collect()
    };
    assert_eq!(days("FREQ=MONTHLY;BYMONTHDAY=31"), vec![131, 331, 531, 731, 831, 1031, 1231]);
    // The last day of every month is BYMONTHDAY=-1.
    assert_eq!(days("FREQ=MONTHLY;BYMONTHDAY=-1"), vec![131, 228, 331, 430, 531, 630, 731, 831, 930, 1031, 1130, 1231]);
}
