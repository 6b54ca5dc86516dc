//! End to end: the built `mend` binary on a temporary data dir with a fixed clock, driven as a person would.
//! Two check-ins an hour apart with 2 or more pads an hour make the second print the urgent alert with the
//! region's number, at once; every red flag, marker and gate is visible through `--json`.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const NOW: &str = "2026-05-20T12:00:00Z";

fn mend(dir: &Path, now: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mend"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--now", now])
        .args(args)
        .output()
        .expect("the mend binary runs");
    (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn ok(dir: &Path, now: &str, args: &[&str]) -> String {
    let (success, stdout, stderr) = mend(dir, now, args);
    assert!(success, "mend {args:?} failed: {stderr}");
    stdout
}

fn json(dir: &Path, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(dir, now, &all)).expect("JSON output")
}

fn init(dir: &Path, region: &str) {
    init_with_loss(dir, region, "2026-05-10");
}

fn init_with_loss(dir: &Path, region: &str, loss_date: &str) {
    ok(dir, NOW, &["init", "--loss-date", loss_date, "--weeks", "9", "--tz", "Europe/Dublin", "--region", region]);
}

#[test]
fn the_second_hour_of_soaking_prints_the_urgent_alert_with_the_number_at_once() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "IE");
    let first = ok(
        dir.path(),
        NOW,
        &["checkin", "--at", "2026-05-20T10:30:00Z", "--pads-per-hour", "2", "--bleeding", "heavy"],
    );
    assert!(first.starts_with("Saved."), "one hour is not yet two: {first}");
    let second = ok(
        dir.path(),
        NOW,
        &["checkin", "--at", "2026-05-20T11:30:00Z", "--pads-per-hour", "3", "--bleeding", "heavy"],
    );
    let first_line = second.lines().next().unwrap();
    assert_eq!(
        first_line,
        "URGENT: Go to your nearest emergency department today, or call 112 or 999. You can also call your early \
         pregnancy unit or maternity service."
    );
    assert!(second.contains("You logged soaking 2 or more pads an hour for 2 hours in a row."), "{second}");
    assert!(second.contains("From your check-ins at 11:30 and 12:30 on 20 May."), "{second}");
    assert!(second.trim_end().ends_with("Saved. bleeding heavy · 3 pads an hour"), "{second}");
    // A third hour of the same episode doesn't nag.
    let third = ok(dir.path(), NOW, &["checkin", "--at", "2026-05-20T12:00:00Z", "--pads-per-hour", "2"]);
    assert!(third.starts_with("Saved."), "{third}");
}

#[test]
fn checkin_json_gains_the_alerts_that_write_raised() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "GB");
    let first = json(dir.path(), NOW, &["checkin", "--at", "2026-05-20T10:00:00Z", "--pads-per-hour", "2"]);
    assert_eq!(first["alerts"], Value::Array(vec![]));
    let second = json(dir.path(), NOW, &["checkin", "--at", "2026-05-20T11:00:00Z", "--pads-per-hour", "2.5"]);
    assert_eq!(second["pads_per_hour"], 2.5, "the check-in's own fields are kept");
    let alerts = second["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1);
    let alert = &alerts[0];
    assert_eq!(alert["rule"], "bleeding-soaking");
    assert_eq!(alert["severity"], "urgent");
    assert_eq!(alert["phone"], "999");
    assert!(alert["action"].as_str().unwrap().starts_with("Go to A&E today, or call 999."));
    assert!(alert["action"].as_str().unwrap().contains("NHS 111"));
    assert_eq!(alert["sources"], serde_json::json!(["acog-pb200", "tommys-miscarriage"]));
    assert_eq!(alert["because"], serde_json::json!([first["guid"], second["guid"]]));
    assert_eq!(alert["raised_at"], NOW);
    assert_eq!(alert["acknowledged"], false);
    for field in ["id", "message"] {
        assert!(alert[field].as_str().is_some_and(|s| !s.is_empty()), "{field}");
    }
}

#[test]
fn alerts_can_be_listed_acknowledged_and_listed_again() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "US");
    ok(dir.path(), NOW, &["checkin", "--temp", "100.4F"]);
    let alerts = json(dir.path(), NOW, &["alerts"]);
    assert_eq!(alerts.as_array().unwrap().len(), 1);
    assert_eq!(alerts[0]["rule"], "fever");
    assert_eq!(alerts[0]["phone"], "911");
    let id = alerts[0]["id"].as_str().unwrap().to_owned();
    let human = ok(dir.path(), NOW, &["alerts"]);
    assert!(human.starts_with("URGENT: Go to your nearest emergency room today, or call 911."), "{human}");
    assert!(human.contains(&format!("mend alerts --ack {id}")));
    let acked = json(dir.path(), NOW, &["alerts", "--ack", &id]);
    assert_eq!((acked["id"].as_str(), &acked["acknowledged"]), (Some(id.as_str()), &Value::Bool(true)));
    assert_eq!(json(dir.path(), NOW, &["alerts"]), serde_json::json!([]));
    assert_eq!(json(dir.path(), NOW, &["alerts", "--all"]).as_array().unwrap().len(), 1);
    assert_eq!(ok(dir.path(), NOW, &["alerts"]).trim(), "Nothing needs your attention right now.");
    let (success, _, stderr) = mend(dir.path(), NOW, &["alerts", "--ack", "no-such-alert-here"]);
    assert!(!success && stderr.contains("alert not found"), "{stderr}");
}

#[test]
fn every_red_flag_marker_and_gate_is_visible_through_json() {
    let dir = tempfile::tempdir().unwrap();
    init_with_loss(dir.path(), "NZ", "2026-05-01");
    // Fourteen days of very low mood, then a check-in (and an hour of soaking before it) with every sign.
    for n in 0..14 {
        let at = format!("2026-05-{:02}T09:00:00Z", 7 + n);
        ok(dir.path(), NOW, &["checkin", "--at", &at, "--mood", "1"]);
    }
    ok(dir.path(), NOW, &["checkin", "--at", "2026-05-20T10:00:00Z", "--pads-per-hour", "4", "--temp", "38.5"]);
    ok(
        dir.path(),
        NOW,
        &[
            "checkin",
            "--at",
            "2026-05-20T11:00:00Z",
            "--pads-per-hour",
            "4",
            "--bleeding",
            "very-heavy",
            "--clots",
            "large",
            "--temp",
            "38.2",
            "--discharge",
            "foul",
            "--pain",
            "cramps=9,one-sided=5,shoulder-tip=3",
            "--fainted",
            "--leg-left",
            "swelling",
            "--chest-pain",
            "--self-harm-thoughts",
            "--mood",
            "1",
        ],
    );
    let alerts = json(dir.path(), NOW, &["alerts"]);
    let mut rules: Vec<&str> = alerts.as_array().unwrap().iter().map(|a| a["rule"].as_str().unwrap()).collect();
    rules.sort_unstable();
    let mut expected = vec![
        "bleeding-soaking",
        "bleeding-soaking-clots",
        "bleeding-faint",
        "fever",
        "fever-repeated",
        "discharge-foul",
        "pain-severe",
        "ectopic-signs",
        "clot-leg",
        "clot-lung",
        "mood-crisis",
        "mood-low-long",
    ];
    expected.sort_unstable();
    assert_eq!(rules, expected);
    assert_eq!(alerts[0]["severity"], "emergency", "emergencies first");
    let crisis = alerts.as_array().unwrap().iter().find(|a| a["rule"] == "mood-crisis").unwrap();
    assert_eq!(crisis["phone"], "1737");
    assert!(crisis["action"].as_str().unwrap().starts_with("Call or text 1737 now"));

    let gates = json(dir.path(), NOW, &["readiness"]);
    let ids: Vec<&str> = gates.as_array().unwrap().iter().map(|g| g["gate"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "massage-general",
            "massage-abdominal",
            "massage-deep-leg",
            "baths-swimming-tampons-sex",
            "exercise-gentle",
            "trying-again"
        ]
    );
    for gate in gates.as_array().unwrap() {
        assert!(gate["state"].is_string() && gate["reasons"].is_array() && gate.get("from").is_some(), "{gate}");
    }
    let deep = &gates[2];
    assert_eq!((deep["state"].as_str(), deep["from"].as_str()), (Some("not_in_this_window"), Some("2026-06-03")));

    let today = json(dir.path(), NOW, &["today"]);
    assert_eq!(today["alerts"].as_array().unwrap().len(), 12);
    let markers: Vec<&str> =
        today["markers"].as_array().unwrap().iter().map(|m| m["marker"].as_str().unwrap()).collect();
    assert_eq!(markers, ["bleeding-duration", "test-negative", "hcg-normal", "first-period"]);
    let first = &today["markers"][0];
    assert_eq!(first["state"], "overdue", "very heavy bleeding 19 days after the loss");
    assert_eq!(
        (first["expected_from"].as_str(), first["expected_to"].as_str()),
        (Some("2026-05-08"), Some("2026-05-11"))
    );
    assert_eq!(first["contact_by"], "2026-05-16");
    let gates: Vec<&str> = today["readiness"].as_array().unwrap().iter().map(|g| g["gate"].as_str().unwrap()).collect();
    assert_eq!(gates.len(), 5);
    assert!(!gates.contains(&"trying-again"), "Today never brings up trying again unasked");
    let asked = json(dir.path(), NOW, &["readiness"]);
    assert!(asked.as_array().unwrap().iter().any(|g| g["gate"] == "trying-again"), "but `mend readiness` has it");
    let human = ok(dir.path(), NOW, &["today"]);
    assert!(human.starts_with("EMERGENCY: Call 111 now."), "alerts come first: {human}");
}
