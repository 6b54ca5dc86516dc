//! Rules as Mend reads them, end to end with real zones: the wall-clock expansion never loses a day to a
//! daylight-saving gap (where an expander given the real zone would shift or drop it), rules are normalised on
//! the way in into one zone-free form, and bad rules are refused under the field `rrule`.

use super::*;
use crate::error::Error;
use crate::reminders::validate::normalise_rrule;
use crate::zone::Zone;

#[test]
fn a_missing_time_fires_at_the_first_valid_minute_not_shifted_by_the_gap() {
    // Dublin springs forward at 01:00 GMT on 29 March 2026. An expander that adds the gap would say 02:30 IST.
    let r =
        reminder("dublin000000001", ReminderKind::Medication, daily(date(2026, 3, 28), 1, 30), Some("Europe/Dublin"));
    let ours = scheduled_between(&r, Zone::UTC, utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 12, 0));
    assert_eq!(utc_strings(&ours), ["2026-03-28T01:30Z", "2026-03-29T01:00Z", "2026-03-30T00:30Z"]);
}

#[test]
fn a_day_whose_midnight_does_not_exist_keeps_its_occurrence() {
    // São Paulo sprang forward at midnight on 4 November 2018 (00:00-00:59 did not exist). Expanding in the
    // real zone drops that day's 00:30; Mend expands in wall-clock time and resolves it to 01:00.
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
fn until_is_a_wall_clock_bound_in_the_reminders_own_zone() {
    // UNTIL=20260202 means the end of 2 February in New York: 20:00 that evening (01:00 UTC on the 3rd) still
    // fires, as it would not if UNTIL were read in UTC.
    let schedule = Schedule::Repeating {
        rrule: normalise_rrule("FREQ=DAILY;UNTIL=20260202").unwrap(),
        start: date(2026, 1, 31),
        time: hm(20, 0),
    };
    let r = reminder("newyork00000001", ReminderKind::SelfCare, schedule, Some("America/New_York"));
    let ours = scheduled_between(&r, Zone::UTC, utc(2026, 1, 30, 0, 0), utc(2026, 2, 10, 0, 0));
    assert_eq!(utc_strings(&ours), ["2026-02-01T01:00Z", "2026-02-02T01:00Z", "2026-02-03T01:00Z"]);
}

#[test]
fn rules_are_normalised_into_one_zone_free_form() {
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
fn bad_rules_are_refused_naming_the_rrule_field_and_what_is_accepted() {
    let refused = |text: &str| match normalise_rrule(text) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "rrule", "{text:?}");
            reason
        }
        other => panic!("{text:?}: expected an input error, got {other:?}"),
    };
    for bad in [
        "",
        "FREQ=SOMETIMES",
        "BYDAY=MO",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;UNTIL=tomorrow",
        "FREQ=DAILY;UNTIL=2026123é1234567",
        "FREQ=DAILY;BYDAY=XX",
        "FREQ=DAILY;FREQ=WEEKLY",
        "FREQ=WEEKLY;BYMONTHDAY=3",
        "FREQ=DAILY;BYDAY=1MO",
        "FREQ=DAILY;BYSETPOS=1",
        "FREQ=DAILY;COUNT=3;UNTIL=20260202",
        "DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY",
    ] {
        refused(bad);
    }
    assert!(refused("FREQ=MINUTELY").contains("FREQ=HOURLY"));
    assert!(refused("FREQ=SECONDLY").contains("FREQ=HOURLY"));
    assert!(refused("FREQ=DAILY;INTERVAL=0").contains("INTERVAL"));
    assert!(refused("FREQ=DAILY;COUNT=0").contains("COUNT"));
    assert!(refused("FREQ=YEARLY;BYWEEKNO=20").contains("BYWEEKNO"));
    // Checked against its start: an UNTIL before the reminder starts.
    let input = |rrule: &str| NewReminder {
        kind: ReminderKind::SelfCare,
        title: "Walk".into(),
        schedule: Schedule::Repeating { rrule: rrule.into(), start: date(2026, 5, 1), time: hm(9, 0) },
        time_zone: None,
        until: None,
    };
    assert!(matches!(
        validate::reminder(&input("FREQ=DAILY;UNTIL=20260101"), None),
        Err(Error::InvalidInput { field, .. }) if field == "rrule"
    ));
    assert!(validate::reminder(&input("FREQ=DAILY;UNTIL=20260501"), None).is_ok(), "an UNTIL on the start day");
}
