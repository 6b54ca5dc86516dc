//! End to end: the built `mend` binary on a temporary data dir with a fixed clock, driven as a person would.
//! Two check-ins an hour apart with 1 or more pads an hour make the second print the urgent alert with the
//! region's number, at once; every red flag, marker and gate is visible through `--json`.

mod common;

use common::{json, mend, ok};

use std::path::Path;

use serde_json::Value;

const NOW: &str = "2026-05-20T12:00:00Z";

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
        &["checkin", "--at", "2026-05-20T10:30:00Z", "--pads-per-hour", "1", "--bleeding", "heavy"],
    );
    assert!(first.starts_with("Saved."), "one hour is not yet two: {first}");
    let second = ok(
        dir.path(),
        NOW,
        &["checkin", "--at", "2026-05-20T11:30:00Z", "--pads-per-hour", "1.5", "--bleeding", "heavy"],
    );
    let first_line = second.lines().next().unwrap();
    assert_eq!(
        first_line,
        "URGENT: Go to your nearest emergency department today, or call 112 or 999. You can also go to the \
         maternity hospital's emergency room, or call a GP out of hours, or call your early pregnancy unit or \
         maternity service."
    );
    assert!(second.contains("You logged soaking 1 or more pads an hour for 2 hours."), "{second}");
    assert!(second.contains("From your check-ins at 11:30 and 12:30 on 20 May."), "{second}");
    assert!(second.trim_end().ends_with("Saved. bleeding heavy · 1.5 pads an hour"), "{second}");
    // A third hour of the same episode doesn't nag.
    let third = ok(dir.path(), NOW, &["checkin", "--at", "2026-05-20T12:00:00Z", "--pads-per-hour", "1"]);
    assert!(third.starts_with("Saved."), "{third}");
}

#[test]
fn checkin_json_gains_the_alerts_that_write_raised() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "GB");
    let first = json(dir.path(), NOW, &["checkin", "--at", "2026-05-20T10:00:00Z", "--pads-per-hour", "1"]);
    assert_eq!(first["alerts"], Value::Array(vec![]));
    let second = json(dir.path(), NOW, &["checkin", "--at", "2026-05-20T11:00:00Z", "--pads-per-hour", "1.5"]);
    assert_eq!(second["pads_per_hour"], 1.5, "the check-in's own fields are kept");
    let alerts = second["alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1);
    let alert = &alerts[0];
    assert_eq!(alert["rule"], "bleeding-soaking");
    assert_eq!(alert["severity"], "urgent");
    // Urgent: urgent advice first, then the emergency number; `phone` is the first entry's words.
    assert_eq!(alert["phone"], "111");
    let uris: Vec<&str> = alert["phones"].as_array().unwrap().iter().map(|p| p["uri"].as_str().unwrap()).collect();
    assert_eq!(uris, ["tel:111", "tel:999"]);
    assert_eq!(alert["phones"][0]["verified"], "2026-11-30");
    assert!(alert["action"].as_str().unwrap().starts_with("Go to A&E today, or call 999."));
    assert!(alert["action"].as_str().unwrap().contains("NHS 111"));
    assert_eq!(alert["sources"], serde_json::json!(["tommys-miscarriage", "nz-miscarriage-matters", "acog-pb200"]));
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
    // Human output shows the short id, and `--ack` takes it.
    let short = &id[..6];
    assert!(
        human.contains(&format!("mend alerts --ack {short}\n")) || human.ends_with(&format!("--ack {short}")),
        "{human}"
    );
    let acked = json(dir.path(), NOW, &["alerts", "--ack", short]);
    assert_eq!((acked["id"].as_str(), &acked["acknowledged"]), (Some(id.as_str()), &Value::Bool(true)));
    assert_eq!(json(dir.path(), NOW, &["alerts"]), serde_json::json!([]));
    assert_eq!(json(dir.path(), NOW, &["alerts", "--all"]).as_array().unwrap().len(), 1);
    // Still open though seen: one short line, so the "open alert" readiness mentions can be found.
    assert_eq!(
        ok(dir.path(), NOW, &["alerts"]).trim(),
        "Nothing new needs your attention.\nURGENT, seen and still open: A high temperature or chills (911). To read \
         it again: mend alerts --all"
    );
    let all = ok(dir.path(), NOW, &["alerts", "--all"]);
    assert!(all.starts_with("URGENT: Go to your nearest emergency room today, or call 911."), "{all}");
    assert!(all.contains("You've marked this as seen."), "{all}");
    let (success, _, stderr) = mend(dir.path(), NOW, &["alerts", "--ack", "no-such-alert-here"]);
    assert!(!success && stderr.contains("alert not found"), "{stderr}");
    // Guids may begin with "-" (about 1 in 64): `--ack` still takes them as the id.
    let (success, _, stderr) = mend(dir.path(), NOW, &["alerts", "--ack", "-G8AEqisUqRqJCo7"]);
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
    ok(
        dir.path(),
        NOW,
        &["event", "--at", "2026-05-15T09:00:00Z", "medication", "--name", "misoprostol", "--medicine", "misoprostol"],
    );
    for at in ["2026-05-20T02:00:00Z", "2026-05-20T06:00:00Z"] {
        ok(dir.path(), NOW, &["checkin", "--at", at, "--temp", "38.4"]);
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
            "--dizziness",
            "lasting",
            "--signs",
            "vomiting,confusion",
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
        "bleeding-soaking-hour",
        "bleeding-soaking-clots",
        "bleeding-faint",
        "fainted",
        "dizzy-bleeding",
        "fever",
        "fever-repeated",
        "sepsis-signs",
        "unwell-after-misoprostol",
        "vomiting",
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
    assert_eq!(today["alerts"].as_array().unwrap().len(), 18);
    let markers: Vec<&str> =
        today["markers"].as_array().unwrap().iter().map(|m| m["marker"].as_str().unwrap()).collect();
    assert_eq!(
        markers,
        ["bleeding-duration", "bleeding-returns", "test-negative", "miso-no-bleeding", "hcg-normal", "first-period"]
    );
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
    let human = after_summary(&ok(dir.path(), NOW, &["today"]));
    assert!(human.starts_with("EMERGENCY: Call 111 now."), "alerts come first after the summary: {human}");
}

/// Check-ins at these times (on 20 May, UTC) with these flags; what each printed.
fn checkins(dir: &Path, entries: &[(&str, &[&str])]) -> Vec<String> {
    entries
        .iter()
        .map(|(time, flags)| {
            let at = format!("2026-05-20T{time}:00Z");
            let mut args = vec!["checkin", "--at", &at];
            args.extend_from_slice(flags);
            ok(dir, NOW, &args)
        })
        .collect()
}

/// A journal whose bleeding stopped: light on 14 to 17 May, none on 18 and 19 May.
fn bleeding_stopped(dir: &Path) {
    init(dir, "IE");
    for (day, level) in
        [("14", "light"), ("15", "light"), ("16", "light"), ("17", "light"), ("18", "none"), ("19", "none")]
    {
        ok(dir, NOW, &["checkin", "--at", &format!("2026-05-{day}T09:00:00Z"), "--bleeding", level]);
    }
    let gates = json(dir, NOW, &["readiness"]);
    assert_eq!(gates[3]["state"], "ready", "bleeding has stopped: {}", gates[3]);
}

#[test]
fn soaking_with_clots_logged_without_a_bleeding_level_after_a_stop_raises_the_emergency_then_the_urgent_alert() {
    let dir = tempfile::tempdir().unwrap();
    bleeding_stopped(dir.path());
    let out = checkins(
        dir.path(),
        &[("10:00", &["--pads-per-hour", "4", "--clots", "large"]), ("11:00", &["--pads-per-hour", "3"])],
    );
    assert!(out[0].starts_with("EMERGENCY: Call 112 or 999 now."), "{}", out[0]);
    assert!(out[0].contains("You logged soaking 4 pads an hour with large clots."), "{}", out[0]);
    assert!(
        out[1].starts_with("URGENT: Go to your nearest emergency department today, or call 112 or 999."),
        "{}",
        out[1]
    );
    assert!(out[1].contains("You logged soaking 3 or more pads an hour for 2 hours."), "{}", out[1]);
    let rules: Vec<String> = json(dir.path(), NOW, &["alerts"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["rule"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(rules, ["bleeding-soaking-clots", "bleeding-soaking", "bleeding-soaking-hour"]);
    assert_eq!(json(dir.path(), NOW, &["readiness"])[3]["state"], "not_yet", "bleeding again");
}

#[test]
fn soaking_and_fainting_without_a_bleeding_level_after_a_stop_raises_the_emergency() {
    let dir = tempfile::tempdir().unwrap();
    bleeding_stopped(dir.path());
    let below = checkins(dir.path(), &[("10:00", &["--pads-per-hour", "1.9", "--fainted"])]);
    assert!(!below[0].contains("Feeling faint with heavy bleeding"), "1.9 pads an hour is not heavy: {}", below[0]);
    let out = checkins(dir.path(), &[("11:00", &["--pads-per-hour", "3", "--fainted"])]);
    assert!(out[0].starts_with("EMERGENCY: Call 112 or 999 now."), "{}", out[0]);
    assert!(out[0].contains("You logged heavy bleeding and fainting."), "{}", out[0]);
}

#[test]
fn soaking_logged_every_90_minutes_raises_the_urgent_alert_on_the_second_reading() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "GB");
    let out = checkins(
        dir.path(),
        &[
            ("06:00", &["--pads-per-hour", "1"]),
            ("07:30", &["--pads-per-hour", "1"]),
            ("09:00", &["--pads-per-hour", "1"]),
        ],
    );
    assert!(out[0].starts_with("Saved."), "{}", out[0]);
    assert!(out[1].starts_with("URGENT: Go to A&E today, or call 999."), "{}", out[1]);
    assert!(out[2].starts_with("Saved."), "the same episode, not yet seen: {}", out[2]);
    // Just below: 3 hours and a minute between readings leaves a gap.
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "GB");
    let out = checkins(dir.path(), &[("06:00", &["--pads-per-hour", "1"]), ("09:01", &["--pads-per-hour", "1"])]);
    assert!(out.iter().all(|o| o.starts_with("Saved.")), "{out:?}");
}

#[test]
fn bleeding_that_came_back_after_a_stop_makes_the_bleeding_marker_overdue_not_met() {
    // The reviewer's journal: bleeding on 2 to 5 May, none on 6 and 7 May, light bleeding from 8 to 21 May.
    let dir = tempfile::tempdir().unwrap();
    init_with_loss(dir.path(), "IE", "2026-05-01");
    let now = "2026-05-21T20:00:00Z";
    for day in 2..=21 {
        let level = if day == 6 || day == 7 { "none" } else { "light" };
        ok(dir.path(), now, &["checkin", "--at", &format!("2026-05-{day:02}T09:00:00Z"), "--bleeding", level]);
    }
    let markers = json(dir.path(), now, &["markers"]);
    let bleeding = &markers[0];
    assert_eq!((bleeding["marker"].as_str(), bleeding["state"].as_str()), (Some("bleeding-duration"), Some("overdue")));
    assert_eq!(bleeding["met_on"], Value::Null);
    let human = ok(dir.path(), now, &["markers"]);
    assert!(human.contains("You're still bleeding more than 14 days after your loss."), "{human}");
    assert!(!human.contains("Your bleeding stopped"), "{human}");
}

#[test]
fn worse_pain_after_acknowledging_is_printed_by_the_check_in_and_shown_on_today() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "IE");
    let first =
        ok(dir.path(), "2026-05-19T12:00:00Z", &["checkin", "--at", "2026-05-19T12:00:00Z", "--pain", "cramps=8"]);
    assert!(first.starts_with("URGENT:"), "{first}");
    let id = json(dir.path(), "2026-05-19T12:00:00Z", &["alerts"])[0]["id"].as_str().unwrap().to_owned();
    let acked = ok(dir.path(), "2026-05-19T12:05:00Z", &["alerts", "--ack", &id]);
    assert!(acked.contains("If you log any of these signs again, Mend will tell you at once."), "{acked}");
    // Seen and still open: Today keeps one short line, after nothing else urgent.
    let today = after_summary(&ok(dir.path(), "2026-05-19T13:00:00Z", &["today"]));
    assert!(
        today.starts_with(
            "URGENT, seen and still open: Severe or worsening pain (112). To read it again: mend alerts --all"
        ),
        "{today}"
    );
    let today = json(dir.path(), "2026-05-19T13:00:00Z", &["today"]);
    assert_eq!(
        (today["alerts"][0]["id"].as_str(), &today["alerts"][0]["acknowledged"]),
        (Some(id.as_str()), &Value::Bool(true))
    );
    // Just below: 7 out of 10 the next morning is neither severe nor worse: nothing new.
    let calmer =
        ok(dir.path(), "2026-05-20T09:00:00Z", &["checkin", "--at", "2026-05-20T09:00:00Z", "--pain", "cramps=7"]);
    assert!(calmer.starts_with("Saved."), "{calmer}");
    // 10 out of 10: printed at once, unseen again, in full on Today and in `alerts`.
    let worse = ok(dir.path(), NOW, &["checkin", "--at", NOW, "--pain", "cramps=10"]);
    assert!(worse.starts_with("URGENT: Go to your nearest emergency department today, or call 112 or 999."), "{worse}");
    assert!(worse.contains("You logged pain low in your tummy of 10 out of 10."), "{worse}");
    let alerts = json(dir.path(), NOW, &["alerts"]);
    assert_eq!((alerts[0]["id"].as_str(), &alerts[0]["acknowledged"]), (Some(id.as_str()), &Value::Bool(false)));
    assert!(
        after_summary(&ok(dir.path(), NOW, &["today"]))
            .starts_with("URGENT: Go to your nearest emergency department today")
    );
}

#[test]
fn pain_on_one_side_then_shoulder_tip_pain_hours_later_is_the_ectopic_alert() {
    // guidance: one-sided low pain with shoulder-tip pain within 24 hours of each other: Urgent
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "AU");
    let earlier = "2026-05-19T13:00:00Z";
    let first = ok(dir.path(), NOW, &["checkin", "--at", earlier, "--pain", "side-left=4"]);
    assert!(first.starts_with("Saved."), "{first}");
    let out = checkins(dir.path(), &[("12:00", &["--pain", "shoulder-tip=3"])]);
    assert!(out[0].starts_with("URGENT: Go to your nearest emergency department today, or call 000."), "{}", out[0]);
    assert!(out[0].contains("pain low on one side of your tummy and pain in the tip of your shoulder"), "{}", out[0]);
    // Just below: 25 hours apart.
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "AU");
    ok(dir.path(), NOW, &["checkin", "--at", "2026-05-19T11:00:00Z", "--pain", "side-left=4"]);
    let out = checkins(dir.path(), &[("12:00", &["--pain", "shoulder-tip=3"])]);
    assert!(out[0].starts_with("Saved."), "{out:?}");
}

#[test]
fn very_heavy_bleeding_with_large_clots_and_no_pad_count_is_an_emergency() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "US");
    let out = ok(dir.path(), NOW, &["checkin", "--bleeding", "very-heavy", "--clots", "large"]);
    assert!(out.starts_with("EMERGENCY: Call 911 now."), "{out}");
    assert!(out.contains("You logged very heavy bleeding with large clots."), "{out}");
    // Just below: medium bleeding with large clots.
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "US");
    assert!(ok(dir.path(), NOW, &["checkin", "--bleeding", "medium", "--clots", "large"]).starts_with("Saved."));
}

#[test]
fn region_uk_gives_the_uk_numbers() {
    for region in ["UK", "uk", "gb"] {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), region);
        let out = ok(dir.path(), NOW, &["checkin", "--temp", "38.5"]);
        assert!(out.starts_with("URGENT: Go to A&E today, or call 999."), "{region}: {out}");
        assert!(out.contains("NHS 111"), "{region}: {out}");
        let crisis = json(dir.path(), NOW, &["checkin", "--self-harm-thoughts"]);
        assert_eq!(crisis["alerts"][0]["phone"], "116 123", "{region}");
    }
}

#[test]
fn a_ready_gate_names_itself_once() {
    let dir = tempfile::tempdir().unwrap();
    bleeding_stopped(dir.path());
    let human = ok(dir.path(), NOW, &["readiness"]);
    let line = human.lines().find(|l| l.contains("Baths, swimming, tampons and sex")).unwrap();
    assert_eq!(
        line,
        "  Baths, swimming, tampons and sex: yes. Waiting until bleeding has stopped lowers the risk of infection."
    );
    assert_eq!(human.matches("Baths, swimming, tampons and sex").count(), 1, "{human}");
}

#[test]
fn seen_by_a_clinician_closes_the_alert_and_today_shows_one_care_card() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "GB");
    ok(dir.path(), NOW, &["checkin", "--at", "2026-05-20T11:00:00Z", "--chills", "--signs", "confusion"]);
    let today = json(dir.path(), NOW, &["today"]);
    let card = &today["care_card"];
    assert_eq!(card["severity"], "emergency", "{card}");
    assert_eq!(card["actions"][0], "Call 999 now. If you can't make the call, ask someone to call for you.");
    assert_eq!(card["reasons"].as_array().unwrap().len(), 2, "every reason: {card}");
    let id = json(dir.path(), NOW, &["alerts"])[0]["id"].as_str().unwrap().to_owned();
    let seen = json(dir.path(), NOW, &["alerts", "--seen", &id]);
    assert_eq!((seen["open"].as_bool(), seen["seen_at"].as_str()), (Some(false), Some(NOW)));
    assert_eq!(json(dir.path(), NOW, &["alerts"]).as_array().unwrap().len(), 1, "only the other alert is open");
}

#[test]
fn init_needs_a_region_and_refuses_an_unknown_one_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let base = ["init", "--loss-date", "2026-05-10", "--weeks", "9", "--tz", "Europe/Dublin"];
    let (success, _, stderr) = mend(dir.path(), NOW, &base);
    assert!(!success && stderr.contains("--region"), "{stderr}");
    let (success, _, stderr) = mend(dir.path(), NOW, &[&base[..], &["--region", "XX"]].concat());
    assert!(!success && stderr.contains("GB-NIR") && stderr.contains("other"), "{stderr}");
    assert!(!stderr.contains("XX"), "the value typed is not echoed: {stderr}");
    let set_up = json(dir.path(), NOW, &[&base[..], &["--region", "uk"]].concat());
    assert_eq!(set_up["profile"]["region"], "GB");
    for (region, stored) in [("gb-nir", "GB-NIR"), ("other", "ZZ"), ("JP", "JP")] {
        let dir = tempfile::tempdir().unwrap();
        let set_up = json(dir.path(), NOW, &[&base[..], &["--region", region]].concat());
        assert_eq!(set_up["profile"]["region"], stored);
    }
}

#[test]
fn init_without_a_region_says_what_a_region_can_be_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (success, _, stderr) =
        mend(dir.path(), NOW, &["init", "--loss-date", "2026-05-10", "--weeks", "9", "--tz", "Europe/Dublin"]);
    assert!(!success);
    assert!(
        stderr.contains("--region: is needed, so that Mend gives the right numbers when you need care"),
        "{stderr}"
    );
    assert!(stderr.contains("a UK nation (GB-ENG, GB-SCT, GB-WLS, GB-NIR), or other"), "{stderr}");
    assert_eq!(json(dir.path(), NOW, &["export"])["losses"].as_array().unwrap().len(), 0);
}

#[test]
fn today_shows_open_alerts_as_one_card_and_a_check_in_that_answers_them_closes_them() {
    // guidance: "when several are open at once, Today and notifications show them as one card at the highest
    // severity listing every reason"
    let dir = tempfile::tempdir().unwrap();
    init(dir.path(), "GB");
    ok(dir.path(), NOW, &["checkin", "--at", "2026-05-20T11:00:00Z", "--temp", "38.4"]);
    ok(dir.path(), NOW, &["checkin", "--at", "2026-05-20T11:30:00Z", "--chest-pain"]);
    let human = after_summary(&ok(dir.path(), NOW, &["today"]));
    let card: Vec<&str> = human.lines().take_while(|l| !l.is_empty()).collect();
    assert!(card[0].starts_with("EMERGENCY: Call 999 now."), "action first, most urgent first: {human}");
    assert!(card[1].starts_with("Also: Go to A&E today, or call 999."), "{human}");
    assert_eq!(card.iter().filter(|l| l.starts_with("  - ")).count(), 2, "every reason: {human}");
    assert!(card.iter().any(|l| l.contains("chest pain") && l.contains("at 12:30 on 20 May")), "{human}");
    assert!(card.iter().any(|l| l.contains("38.4 °C") && l.contains("at 12:00 on 20 May")), "{human}");
    // Three days later both are still open: nothing has said they have passed.
    let later = "2026-05-23T12:00:00Z";
    assert_eq!(json(dir.path(), later, &["alerts"]).as_array().unwrap().len(), 2);
    // The form offers the questions; answering them calmly closes both.
    let form = ok(dir.path(), later, &["checkin", "--form"]);
    assert!(form.contains("Legs and chest") && form.contains("--chest-pain") && form.contains("--answered"), "{form}");
    let form_json = json(dir.path(), later, &["checkin", "--form"]);
    assert!(form_json["sections"].as_array().unwrap().iter().any(|s| s["id"] == "body"), "{form_json}");
    ok(dir.path(), later, &["checkin", "--at", later, "--temp", "36.9", "--answered", "feeling,body"]);
    assert_eq!(json(dir.path(), later, &["alerts"]).as_array().unwrap().len(), 0);
    assert!(!ok(dir.path(), later, &["today"]).contains("EMERGENCY"));
    // An unknown section is refused, naming the field.
    let (success, _, stderr) = mend(dir.path(), later, &["checkin", "--answered", "bleeding,elsewhere"]);
    assert!(!success && stderr.contains("answered") && !stderr.contains("elsewhere"), "{stderr}");
}

/// Today's text after its summary (the first lines, up to the first blank line): where the care card begins.
fn after_summary(today: &str) -> String {
    today.lines().skip_while(|l| !l.is_empty()).skip(1).collect::<Vec<_>>().join("\n")
}
