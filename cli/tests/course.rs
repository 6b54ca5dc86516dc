//! End to end, guidance version 2's later weeks through the built `mend` binary: gates with limits and the
//! activities inside baths, swimming, tampons and sex while a pregnancy is unresolved; trying again after a molar
//! pregnancy; a period start not counted yet; and the opt-in mood screens in `mend checkin --form`.

mod common;

use common::{json, mend, ok};

use std::path::Path;

const NOW: &str = "2026-05-20T12:00:00Z";

/// A journal set up with a loss on 10 May whose bleeding stopped (light 10-13 May, none 14 and 15 May).
fn stopped(dir: &Path, extra: &[&str]) {
    let mut args = vec!["init", "--loss-date", "2026-05-10", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"];
    args.extend_from_slice(extra);
    ok(dir, NOW, &args);
    for (day, level) in
        [("10", "light"), ("11", "light"), ("12", "light"), ("13", "light"), ("14", "none"), ("15", "none")]
    {
        ok(dir, NOW, &["checkin", "--at", &format!("2026-05-{day}T09:00:00Z"), "--bleeding", level]);
    }
}

#[test]
fn readiness_shows_limits_and_each_activity_while_unresolved_then_the_contraception_message() {
    let dir = tempfile::tempdir().unwrap();
    stopped(dir.path(), &[]);
    ok(dir.path(), NOW, &["profile", "--kind", "unknown-location"]);
    let human = ok(dir.path(), NOW, &["readiness"]);
    assert!(human.contains("  Gentle exercise: yes, with limits. Walking is fine."), "{human}");
    assert!(
        human.contains(
            "  Baths, swimming, tampons and sex: yes, with limits. Baths, swimming and tampons are fine again."
        ),
        "{human}"
    );
    assert!(human.contains("    Sex: not yet."), "{human}");
    let gates = json(dir.path(), NOW, &["readiness"]);
    assert_eq!(gates[3]["state"], "ready_with_limits");
    assert_eq!(gates[3]["activities"][3]["activity"], "sex");
    assert_eq!(gates[3]["activities"][3]["state"], "not_yet");

    ok(dir.path(), NOW, &["event", "follow-up-ended", "--reason", "discharged"]);
    let human = ok(dir.path(), "2026-05-20T12:05:00Z", &["readiness"]);
    assert!(human.contains("You can become pregnant before your first period."), "{human}");
}

#[test]
fn trying_again_after_a_molar_pregnancy_waits_for_the_go_ahead() {
    let dir = tempfile::tempdir().unwrap();
    stopped(dir.path(), &[]);
    ok(dir.path(), NOW, &["profile", "--kind", "molar", "--management", "surgical"]);
    let gates = json(dir.path(), NOW, &["readiness"]);
    let reasons = gates[5]["reasons"].to_string();
    assert_eq!(gates[5]["gate"], "trying-again");
    assert!(reasons.contains("After a molar pregnancy"), "{reasons}");
    ok(dir.path(), NOW, &["event", "go-ahead", "--activity", "trying-again"]);
    let reasons = json(dir.path(), "2026-05-20T12:05:00Z", &["readiness"])[5]["reasons"].to_string();
    assert!(!reasons.contains("After a molar pregnancy"), "{reasons}");
}

#[test]
fn a_period_start_ten_days_after_bleeding_stopped_is_not_counted_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    stopped(dir.path(), &[]);
    let now = "2026-05-25T12:00:00Z";
    ok(dir.path(), now, &["event", "period-start", "--at", "2026-05-24T08:00:00Z"]);
    let human = ok(dir.path(), now, &["markers"]);
    assert!(
        human.contains("The period start you logged on 24 May is kept, but not counted as a period yet"),
        "{human}"
    );
    // Insights don't call it a period.
    let insights = ok(dir.path(), now, &["insights"]);
    assert!(!insights.contains("Your first period after the loss began"), "{insights}");
    assert!(insights.contains("24 May is kept, but not counted as a period yet"), "{insights}");
}

#[test]
fn the_mood_screen_is_offered_when_turned_on_and_silent_when_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    // Loss on 10 May: 7 June is day 28.
    stopped(dir.path(), &["--mood-screens", "on"]);
    let day_28 = "2026-06-07T12:00:00Z";
    let form = ok(dir.path(), day_28, &["checkin", "--form"]);
    assert!(form.contains("How you've been this past month (you can skip this)"), "{form}");
    assert!(form.contains("--signs whooley-down"), "{form}");
    let out = json(dir.path(), day_28, &["checkin", "--signs", "whooley-down", "--answered", "mood-screen"]);
    assert_eq!(out["alerts"][0]["rule"], "mood-screen");
    assert_eq!(out["alerts"][0]["severity"], "contact");
    let form = ok(dir.path(), "2026-06-07T13:00:00Z", &["checkin", "--form"]);
    assert!(!form.contains("How you've been this past month"), "answered: {form}");
    ok(dir.path(), "2026-06-07T13:00:00Z", &["profile", "--mood-screens", "off"]);
    let alerts = json(dir.path(), "2026-06-07T13:05:00Z", &["alerts", "--all"]);
    assert_eq!(alerts.as_array().map(Vec::len), Some(0), "{alerts}");
}

#[test]
fn set_up_with_rhd_negative_says_once_to_ask_about_anti_d() {
    // Set up a new journal 12 weeks on with RhD status `rhd`.
    let set_up = |rhd: &str| {
        let dir = tempfile::tempdir().unwrap();
        let args = [
            "init",
            "--loss-date",
            "2026-05-19",
            "--weeks",
            "12",
            "--tz",
            "Europe/Dublin",
            "--region",
            "IE",
            "--rhd",
            rhd,
        ];
        (mend(dir.path(), NOW, &args), dir)
    };
    let ((success, out, err), dir) = set_up("negative");
    assert!(success, "{err}");
    assert!(out.contains("As your blood group is RhD negative, ask your early pregnancy unit"), "{out}");
    assert!(out.contains("it is usually offered"), "12 weeks: {out}");
    let markers = json(dir.path(), NOW, &["markers"]);
    assert!(markers.as_array().unwrap().iter().any(|m| m["marker"] == "anti-d"), "{markers}");
    assert!(out.contains("mend profile --mood-screens on"), "asked once at set-up: {out}");
    // Positive: nothing said.
    let ((success, out, err), _dir) = set_up("positive");
    assert!(success && !out.contains("anti-D"), "{out}{err}");
    // A bad value names the field and changes nothing.
    let ((success, _, err), _dir) = set_up("b");
    assert!(!success && err.contains("rhd"), "{err}");
}

#[test]
fn three_weeks_after_the_loss_today_reminds_to_take_the_home_test() {
    // guidance: test-negative "(Mend reminds the person to do it)"
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        NOW,
        &["init", "--loss-date", "2026-04-29", "--weeks", "8", "--tz", "Europe/Dublin", "--region", "IE"],
    );
    let today = ok(dir.path(), NOW, &["today"]);
    assert!(today.contains("this is the time for a home pregnancy test"), "day 21: {today}");
    let day_20 = ok(dir.path(), "2026-05-19T12:00:00Z", &["today"]);
    assert!(!day_20.contains("this is the time for a home pregnancy test"), "day 20: {day_20}");
}
