//! Typed zones and times: abbreviations refused with a suggestion, local times read in the zone, and the
//! daylight-saving edges in Europe/Dublin and America/New_York.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;

fn zone(name: &str) -> Zone {
    Zone::named(name).expect("the system's time-zone database has it")
}

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

fn reason(err: Error) -> (String, String) {
    match err {
        Error::InvalidInput { field, reason } => (field, reason),
        other => panic!("expected an input error, got {other:?}"),
    }
}

#[test]
fn iana_names_are_zones_and_abbreviations_are_refused_with_a_suggestion() {
    assert_eq!(typed_zone("tz", " Europe/Dublin ").unwrap(), zone("Europe/Dublin"));
    assert_eq!(typed_zone("tz", "UTC").unwrap(), Zone::UTC);
    assert_eq!(typed_zone("tz", "Japan").unwrap().name(), "Japan", "a database name in words is kept");
    for (typed, suggested) in [
        ("EST", "America/New_York"),
        ("pst", "America/Los_Angeles"),
        ("CET", "Europe/Paris"),
        ("IST", "Europe/Dublin"),
        ("EST5EDT", "America/New_York"),
        ("GMT", "Europe/London"),
        ("XYZT", "Europe/Dublin or America/New_York"),
    ] {
        let (field, why) = reason(typed_zone("TZ", typed).unwrap_err());
        assert_eq!(field, "TZ");
        assert!(why.contains("abbreviation") && why.contains(suggested), "{typed}: {why}");
        assert!(!why.contains(typed), "{typed} is not repeated: {why}");
    }
    let (field, why) = reason(typed_zone("tz", "Mars/Base").unwrap_err());
    assert_eq!(field, "tz");
    assert!(why.contains("IANA") && !why.contains("Mars"), "{why}");
}

#[test]
fn a_typed_time_is_rfc_3339_a_local_date_and_time_or_a_time_today() {
    let dublin = zone("Europe/Dublin");
    let now = Utc.with_ymd_and_hms(2026, 5, 14, 20, 0, 0).unwrap();
    let at = |text| typed_instant("at", text, dublin, now).unwrap();
    // Dublin is an hour ahead of UTC in May.
    assert_eq!(at("2026-05-14 09:30"), Utc.with_ymd_and_hms(2026, 5, 14, 8, 30, 0).unwrap());
    assert_eq!(at("2026-05-14T09:30"), Utc.with_ymd_and_hms(2026, 5, 14, 8, 30, 0).unwrap());
    assert_eq!(at("09:30"), Utc.with_ymd_and_hms(2026, 5, 14, 8, 30, 0).unwrap());
    assert_eq!(at("2026-05-14T09:30:00-04:00"), Utc.with_ymd_and_hms(2026, 5, 14, 13, 30, 0).unwrap());
    // "Today" is the day where the person is: 23:30 UTC on the 14th is already the 15th in Dublin.
    let late = Utc.with_ymd_and_hms(2026, 5, 14, 23, 30, 0).unwrap();
    assert_eq!(
        typed_instant("at", "00:10", dublin, late).unwrap(),
        Utc.with_ymd_and_hms(2026, 5, 14, 23, 10, 0).unwrap()
    );
    let new_york = zone("America/New_York");
    assert_eq!(
        typed_instant("at", "09:30", new_york, now).unwrap(),
        Utc.with_ymd_and_hms(2026, 5, 14, 13, 30, 0).unwrap()
    );
    for bad in ["yesterday", "9.30", "2026-05-14", "25:00", ""] {
        let (field, why) = reason(typed_instant("at", bad, dublin, now).unwrap_err());
        assert_eq!(field, "at");
        assert!(why.starts_with("must be a time like"), "{bad:?}: {why}");
    }
}

#[test]
fn a_skipped_local_time_is_refused_naming_the_field() {
    // Dublin springs forward at 01:00 on 2026-03-29; New York at 02:00 on 2026-03-08.
    for (name, skipped) in
        [("Europe/Dublin", local(2026, 3, 29, 1, 30)), ("America/New_York", local(2026, 3, 8, 2, 30))]
    {
        let (field, why) = reason(local_instant("at", skipped, zone(name)).unwrap_err());
        assert_eq!(field, "at");
        assert!(why.contains("skipped"), "{name}: {why}");
    }
    let (_, why) = reason(typed_instant("at", "2026-03-08 02:15", zone("America/New_York"), Utc::now()).unwrap_err());
    assert!(why.contains("skipped"), "{why}");
    // The minute after the gap is fine.
    assert_eq!(
        local_instant("at", local(2026, 3, 8, 3, 0), zone("America/New_York")).unwrap(),
        Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap()
    );
}

#[test]
fn a_repeated_local_time_is_the_earlier_instant() {
    // Dublin falls back at 02:00 on 2026-10-25 (01:30 happens at 00:30 and 01:30 UTC); New York at 02:00 on
    // 2026-11-01 (01:30 happens at 05:30 and 06:30 UTC).
    assert_eq!(
        local_instant("at", local(2026, 10, 25, 1, 30), zone("Europe/Dublin")).unwrap(),
        Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap()
    );
    assert_eq!(
        local_instant("at", local(2026, 11, 1, 1, 30), zone("America/New_York")).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap()
    );
}
