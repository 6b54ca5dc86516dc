//! `mend profile`: shows the region, home zone and current loss, and corrects them with flags — a bad value
//! names its field and changes nothing; a changed region brings that region's numbers to the next alert.

mod common;

use common::Person;

const NOW: &str = "2026-05-20T12:00:00Z";

#[test]
fn the_profile_is_shown_and_corrected_and_a_bad_value_changes_nothing() {
    let person = Person::new();
    person
        .run(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"])
        .ok();
    let shown = person.run(NOW, &["profile"]).ok().stdout;
    assert!(shown.contains("Region: IE") && shown.contains("Your loss: 1 May 2026 at 9 weeks"), "{shown}");

    // Corrections: the region (its numbers follow), the weeks, and a due date added then removed.
    let changed = person.json(NOW, &["profile", "--region", "GB-SCT", "--weeks", "10", "--due-date", "2026-12-01"]);
    assert_eq!(changed["profile"]["region"], "GB-SCT");
    assert_eq!(changed["loss"]["weeks"], 10);
    assert_eq!(changed["loss"]["due_date"], "2026-12-01");
    let cleared = person.json(NOW, &["profile", "--due-date", "none"]);
    assert_eq!(cleared["loss"]["due_date"], serde_json::Value::Null);
    person.run(NOW, &["checkin", "--temp", "38.5"]).ok();
    let alerts = person.json(NOW, &["alerts"]);
    assert!(alerts[0]["action"].as_str().unwrap().contains("999"), "{alerts}");

    // A bad value names its field, and nothing changes (not even the good value beside it).
    let refused = person.run(NOW, &["profile", "--region", "DE", "--weeks", "99"]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("weeks") && !refused.stderr.contains("99"), "{}", refused.stderr);
    let after = person.json(NOW, &["profile"]);
    assert_eq!((after["profile"]["region"].as_str(), after["loss"]["weeks"].as_i64()), (Some("GB-SCT"), Some(10)));
    let bad_region = person.run(NOW, &["profile", "--region", "XX"]);
    assert_ne!(bad_region.code, 0);
    assert!(bad_region.stderr.contains("region"), "{}", bad_region.stderr);
}
