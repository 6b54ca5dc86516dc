//! What the `rrule` crate does by itself with real zones, pinned so an upgrade that changes it is noticed,
//! and why Mend never hands it a real zone (see recurrence.rs): a missing local time is shifted by the gap
//! (01:30 becomes 02:30, not 02:00), a day whose midnight does not exist loses its occurrence, and an UNTIL
//! without `Z` is read in the machine's local zone. Mend's rule normalisation is checked here too.

use rrule::RRuleSet;

use super::*;
use crate::error::Error;
use crate::reminders::validate::normalise_rrule;

fn native(text: &str, n: u16) -> Vec<String> {
    let set: RRuleSet = text.parse().unwrap();
    set.all(n).dates.iter().map(|d| d.to_rfc3339()).collect()
}

#[test]
fn rrule_shifts_a_missing_time_by_the_gap_where_mend_takes_the_first_valid_minute() {
    let dates = native("DTSTART;TZID=Europe/Dublin:20260328T013000\nRRULE:FREQ=DAILY", 2);
    assert_eq!(dates[1], "2026-03-29T02:30:00+01:00", "rrule: 01:30 + the hour's gap");
    let mend = resolve_local(Zone::named("Europe/Dublin").unwrap(), date(2026, 3, 29).and_hms_opt(1, 30, 0).unwrap());
    assert_eq!(mend.to_rfc3339(), "2026-03-29T01:00:00+00:00", "Mend: 02:00 IST, the first valid minute");
}

#[test]
fn rrule_takes_the_first_of_a_repeated_time_as_mend_does() {
    let dates = native("DTSTART;TZID=Europe/Dublin:20261024T013000\nRRULE:FREQ=DAILY", 3);
    assert_eq!(dates[1], "2026-10-25T01:30:00+01:00");
}

#[test]
fn rrule_drops_an_occurrence_when_the_days_midnight_does_not_exist() {
    // São Paulo sprang forward at midnight on 4 November 2018 (00:00-00:59 did not exist): a daily 00:30 has
    // no occurrence that day at all in rrule.
    let dates = native("DTSTART;TZID=America/Sao_Paulo:20181103T003000\nRRULE:FREQ=DAILY", 3);
    assert_eq!(dates[1], "2018-11-05T00:30:00-02:00", "4 November is missing");
    // Mend expands in wall-clock time and resolves the missing 00:30 to 01:00, the first valid minute.
    let r = reminder(
        "saopaulo0000001",
        ReminderKind::Medication,
        daily(date(2018, 11, 3), 0, 30),
        Some("America/Sao_Paulo"),
    );
    let ours = scheduled_between(&r, Zone::UTC, utc(2018, 11, 3, 0, 0), utc(2018, 11, 5, 23, 0));
    assert_eq!(utc_strings(&ours), ["2018-11-03T03:30Z", "2018-11-04T03:00Z", "2018-11-05T02:30Z"]);
}

#[test]
fn an_until_without_z_would_be_read_in_the_machines_zone_so_mend_rewrites_it() {
    let raw: Result<RRuleSet, _> = "DTSTART:20260131T090000Z\nRRULE:FREQ=DAILY;UNTIL=20260202".parse();
    assert!(raw.is_err(), "rrule reads UNTIL=20260202 in the machine's local zone and rejects it beside a UTC start");
    assert_eq!(normalise_rrule("freq=daily;until=20260202").unwrap(), "FREQ=DAILY;UNTIL=20260202T235959Z");
    assert_eq!(
        normalise_rrule("RRULE:FREQ=WEEKLY;UNTIL=20260202T090000").unwrap(),
        "FREQ=WEEKLY;UNTIL=20260202T090000Z"
    );
    assert_eq!(normalise_rrule(" FREQ=MONTHLY;BYMONTHDAY=31 ").unwrap(), "FREQ=MONTHLY;BYMONTHDAY=31");
    // Normalising is idempotent, so a stored rule survives edits and imports unchanged.
    for rule in ["freq=daily;until=20260202", "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20260202T090000", "FREQ=HOURLY;INTERVAL=4"]
    {
        let once = normalise_rrule(rule).unwrap();
        assert_eq!(normalise_rrule(&once).unwrap(), once);
    }
}

#[test]
fn bad_rules_are_refused_naming_the_rrule_field() {
    let field = |text: &str| match normalise_rrule(text) {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("{text}: expected an input error, got {other:?}"),
    };
    for bad in [
        "",
        "FREQ=SOMETIMES",
        "BYDAY=MO",
        "FREQ=MINUTELY",
        "FREQ=SECONDLY",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;UNTIL=tomorrow",
        "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY",
    ] {
        assert_eq!(field(bad), "rrule", "{bad:?}");
    }
    // Checked against its start: BYMONTHDAY with WEEKLY, and an UNTIL before the start.
    let input = |rrule: &str| NewReminder {
        kind: ReminderKind::SelfCare,
        title: "Walk".into(),
        schedule: Schedule::Repeating { rrule: rrule.into(), start: date(2026, 5, 1), time: hm(9, 0) },
        time_zone: None,
        until: None,
    };
    for bad in ["FREQ=WEEKLY;BYMONTHDAY=3", "FREQ=DAILY;UNTIL=20260101"] {
        assert!(
            matches!(validate::reminder(&input(bad), None), Err(Error::InvalidInput { field, .. }) if field == "rrule")
        );
    }
}
