//! Zones read from the system's time-zone database behave as Mend promises across daylight-saving changes.

use chrono::{LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

use super::*;

fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
}

fn dublin() -> Zone {
    Zone::named("Europe/Dublin").expect("the system's time-zone database has Europe/Dublin")
}

#[test]
fn names_are_exact_iana_names() {
    assert_eq!(dublin().name(), "Europe/Dublin");
    assert_eq!("America/Sao_Paulo".parse::<Zone>().unwrap().to_string(), "America/Sao_Paulo");
    assert_eq!(Zone::named("UTC").unwrap(), Zone::UTC);
    assert_eq!(Zone::named("Etc/UTC").unwrap().name(), "Etc/UTC");
    for bad in ["", "Europe/Atlantis", "europe/dublin", "Dublin", "../../etc/passwd", "Europe/Dublin ", "+01:00"] {
        assert_eq!(Zone::named(bad), Err(UnknownZone), "{bad:?}");
    }
}

#[test]
fn a_stored_name_this_device_does_not_know_reads_as_utc() {
    assert_eq!(Zone::named_or_utc("Europe/Dublin"), dublin());
    assert_eq!(Zone::named_or_utc("America/Somewhere_New"), Zone::UTC);
}

#[test]
fn a_zone_loaded_twice_is_the_same_zone() {
    let (a, b) = (dublin(), dublin());
    assert_eq!(a, b);
    assert!(std::ptr::eq(a.0, b.0), "the rules are loaded once");
    assert_ne!(a, Zone::UTC);
}

#[test]
fn utc_instants_get_the_offset_in_force() {
    let winter = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap().with_timezone(&dublin());
    let summer = Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap().with_timezone(&dublin());
    assert_eq!(winter.to_rfc3339(), "2026-01-15T12:00:00+00:00");
    assert_eq!(summer.to_rfc3339(), "2026-07-15T13:00:00+01:00");
    let sydney = Zone::named("Australia/Sydney").unwrap();
    assert_eq!(
        Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap().with_timezone(&sydney).offset().fix().local_minus_utc(),
        11 * 3600
    );
}

#[test]
fn a_missing_local_time_has_no_instant() {
    // Dublin springs forward at 01:00 GMT on 2026-03-29: 01:00-01:59 local do not exist.
    assert_eq!(dublin().from_local_datetime(&local(2026, 3, 29, 1, 30)), LocalResult::None);
    let after = dublin().from_local_datetime(&local(2026, 3, 29, 2, 0)).single().unwrap();
    assert_eq!(after.with_timezone(&Utc), Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap());
}

#[test]
fn a_repeated_local_time_has_two_instants_earliest_first() {
    // Dublin falls back at 02:00 IST on 2026-10-25: 01:30 happens at 00:30 and 01:30 UTC.
    match dublin().from_local_datetime(&local(2026, 10, 25, 1, 30)) {
        LocalResult::Ambiguous(first, second) => {
            assert_eq!(first.with_timezone(&Utc), Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
            assert_eq!(second.with_timezone(&Utc), Utc.with_ymd_and_hms(2026, 10, 25, 1, 30, 0).unwrap());
        }
        other => panic!("expected two instants, got {other:?}"),
    }
}

#[test]
fn a_skipped_date_and_a_midnight_gap_have_no_times() {
    // Samoa skipped 30 December 2011; São Paulo's clocks went from 00:00 to 01:00 on 4 November 2018.
    let apia = Zone::named("Pacific/Apia").unwrap();
    assert_eq!(apia.from_local_datetime(&local(2011, 12, 30, 12, 0)), LocalResult::None);
    assert!(apia.from_local_datetime(&local(2011, 12, 31, 0, 0)).single().is_some());
    let sao_paulo = Zone::named("America/Sao_Paulo").unwrap();
    assert_eq!(sao_paulo.from_local_datetime(&local(2018, 11, 4, 0, 30)), LocalResult::None);
}

#[test]
fn dates_beyond_the_databases_range_do_not_panic() {
    let far = NaiveDate::from_ymd_opt(200_000, 6, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let _ = dublin().from_utc_datetime(&far);
    let _ = dublin().from_local_datetime(&far);
    let early = NaiveDate::from_ymd_opt(-200_000, 6, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let _ = dublin().from_utc_datetime(&early);
    let _ = dublin().from_local_datetime(&early);
}

#[test]
fn missing_or_unreadable_tzdata_files_are_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("tzdata");
    std::fs::write(&junk, b"not a tzdata file").unwrap();
    let missing = dir.path().join("missing");
    let paths = [missing.to_str().unwrap(), junk.to_str().unwrap()];
    assert!(first_concatenated(&paths).is_none());
    assert_eq!(ANDROID_TZDATA[0], "/apex/com.android.tzdata/etc/tz/tzdata", "the APEX copy is read first");
}

/// A concatenated tzdata file laid out as Android's (a header, a sorted index of 52-byte entries, then the TZif
/// data of each zone), made from this machine's own zone files.
fn android_tzdata(dir: &std::path::Path, zones: &[&str]) -> std::path::PathBuf {
    let header_len = 12 + 3 * 4;
    let index_len = zones.len() * 52;
    let (mut index, mut data) = (Vec::new(), Vec::new());
    for name in zones {
        let tzif = std::fs::read(std::path::Path::new("/usr/share/zoneinfo").join(name)).unwrap();
        let mut entry = [0u8; 52];
        entry[..name.len()].copy_from_slice(name.as_bytes());
        entry[40..44].copy_from_slice(&(data.len() as i32).to_be_bytes());
        entry[44..48].copy_from_slice(&(tzif.len() as i32).to_be_bytes());
        index.extend_from_slice(&entry);
        data.extend_from_slice(&tzif);
    }
    let mut file = b"tzdata2026a\0".to_vec();
    for offset in [header_len, header_len + index_len, header_len + index_len + data.len()] {
        file.extend_from_slice(&(offset as i32).to_be_bytes());
    }
    file.extend_from_slice(&index);
    file.extend_from_slice(&data);
    let path = dir.join("tzdata");
    std::fs::write(&path, file).unwrap();
    path
}

#[test]
fn an_android_tzdata_file_is_read_when_found() {
    let dir = tempfile::tempdir().unwrap();
    let tzdata = android_tzdata(dir.path(), &["America/Sao_Paulo", "Europe/Dublin"]);
    let missing = dir.path().join("missing");
    let db = first_concatenated(&[missing.to_str().unwrap(), tzdata.to_str().unwrap()]).expect("the second file");
    let rules = db.get("Europe/Dublin").unwrap();
    let summer = jiff::Timestamp::from_second(1_784_116_800).unwrap(); // 2026-07-15T12:00:00Z
    assert_eq!(rules.to_offset(summer).seconds(), 3600);
    assert!(db.get("Asia/Tokyo").is_err(), "only the zones in the file");
}
