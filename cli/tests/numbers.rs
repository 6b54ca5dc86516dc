//! The numbers a person keeps, driven as a person would: `mend init --unit-number … --unit-label …`, the unit's
//! number leading an urgent alert, `mend settings numbers` to see, change and clear them, their own crisis
//! contact offered where Mend has no crisis line (region `other`), and a bad number refused naming the flag's
//! field without repeating what was typed.

mod common;

use common::Person;

const NOW: &str = "2026-05-20T12:00:00Z";

fn init(person: &Person, region: &str, extra: &[&str]) {
    let mut args =
        vec!["init", "--loss-date", "2026-05-10", "--weeks", "9", "--tz", "Europe/Dublin", "--region", region];
    args.extend_from_slice(extra);
    person.run(NOW, &args).ok();
}

#[test]
fn the_units_number_given_at_set_up_leads_an_urgent_alert() {
    let person = Person::new();
    init(&person, "GB", &["--unit-number", "0161 123 4567", "--unit-label", "the early pregnancy unit"]);
    let out = person.run(NOW, &["checkin", "--temp", "38.5"]).ok().stdout;
    assert!(
        out.starts_with(
            "URGENT: Call the early pregnancy unit on 0161 123 4567 now, or go to A&E today, or call 999. For urgent \
             advice, call NHS 111."
        ),
        "{out}"
    );
    let alerts = person.json(NOW, &["alerts"]);
    let phones: Vec<(&str, &str, &str)> = alerts[0]["phones"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["role"].as_str().unwrap(), p["words"].as_str().unwrap(), p["uri"].as_str().unwrap()))
        .collect();
    assert_eq!(
        phones,
        [
            ("unit", "0161 123 4567", "tel:01611234567"),
            ("urgent_advice", "111", "tel:111"),
            ("emergency", "999", "tel:999")
        ]
    );
    assert_eq!(alerts[0]["phone"], "0161 123 4567");
    assert_eq!(alerts[0]["phones"][0]["verified"], serde_json::Value::Null, "the person's own, never dated");
}

#[test]
fn settings_numbers_shows_changes_and_clears_them_keeping_the_others() {
    let person = Person::new();
    init(&person, "other", &[]);
    let shown = person.run(NOW, &["settings", "numbers"]).ok().stdout;
    assert!(shown.contains("Early pregnancy unit (24 hours): none"), "{shown}");
    let set = person
        .json(NOW, &["settings", "numbers", "--own-crisis-number", "087 123 4567", "--own-crisis-label", "my sister"]);
    assert_eq!(set["own_crisis_number"]["uri"], "tel:0871234567");
    let crisis = person.json(NOW, &["checkin", "--self-harm-thoughts"]);
    let alert = &crisis["alerts"][0];
    assert_eq!(alert["phones"][0]["role"], "own");
    assert_eq!(alert["phones"][0]["uri"], "tel:0871234567");
    assert!(alert["action"].as_str().unwrap().starts_with("Call my sister on 087 123 4567 now"), "{alert}");

    let both = person.json(NOW, &["settings", "numbers", "--unit-number", "+44 161 123 4567", "--unit-label", "EPU"]);
    assert_eq!(both["unit_number"]["uri"], "tel:+441611234567");
    assert_eq!(both["own_crisis_number"]["label"], "my sister", "kept");
    let cleared = person.json(NOW, &["settings", "numbers", "--clear", "own-crisis"]);
    assert_eq!(cleared["own_crisis_number"], serde_json::Value::Null);
    assert_eq!(cleared["unit_number"]["label"], "EPU", "kept");
}

#[test]
fn a_bad_number_is_refused_naming_the_field_and_never_repeating_it() {
    let person = Person::new();
    let run = person.run(
        NOW,
        &[
            "init",
            "--loss-date",
            "2026-05-10",
            "--weeks",
            "9",
            "--tz",
            "Europe/Dublin",
            "--region",
            "IE",
            "--unit-number",
            "ring 0219",
            "--unit-label",
            "Cork EPU",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("unit_number.number"), "{}", run.stderr);
    assert!(!run.stderr.contains("0219") && !run.stderr.contains("Cork"), "{}", run.stderr);
    assert!(person.run(NOW, &["today"]).stdout.contains("mend init"), "nothing was set up");
    let run = person.run(
        NOW,
        &[
            "init",
            "--loss-date",
            "2026-05-10",
            "--weeks",
            "9",
            "--tz",
            "Europe/Dublin",
            "--region",
            "IE",
            "--unit-number",
            "021 492 0000",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--unit-label"), "a number needs its label: {}", run.stderr);
}
