//! `mend reminders` and `mend settings` driven as a person would, on a temporary data directory: adding,
//! listing, the plan's JSON shape, snooze/done/skip by reminder or firing id, quiet hours, discreet on and
//! off, errors on stderr with a non-zero exit and no echo of a title, and `mend today`'s upcoming reminders.

use std::process::{Command, Output};

use serde_json::Value;

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        let cli = Cli { dir: tempfile::tempdir().unwrap() };
        cli.ok(
            "2026-06-01T07:00:00Z",
            &["init", "--loss-date", "2026-05-20", "--weeks", "8", "--tz", "Europe/Dublin", "--region", "IE"],
        );
        cli
    }

    fn run(&self, now: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_mend"))
            .env_remove("TZ")
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(["--now", now])
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, now: &str, args: &[&str]) -> String {
        let out = self.run(now, args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, now: &str, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        serde_json::from_str(&self.ok(now, &all)).unwrap()
    }
}

const NOW: &str = "2026-06-01T07:00:00Z";

#[test]
fn add_list_and_plan_with_stable_json() {
    let cli = Cli::new();
    let med = cli.json(
        NOW,
        &["reminders", "add", "--kind", "medication", "--title", "Iron", "--rrule", "FREQ=DAILY", "--time", "09:00"],
    );
    assert_eq!(med["status"], "active");
    assert_eq!(med["time_zone"], "Europe/Dublin");
    assert_eq!(med["schedule"]["type"], "repeating");
    assert_eq!(med["schedule"]["time"], "09:00");
    assert_eq!(med["next_at_utc"], "2026-06-01T08:00:00Z");
    let check = cli.json(
        NOW,
        &[
            "reminders",
            "add",
            "--kind",
            "check-in",
            "--title",
            "Check in",
            "--rrule",
            "FREQ=DAILY",
            "--time",
            "20:00",
            "--floating",
        ],
    );
    assert_eq!(check["floating"], true);
    assert_eq!(check["time_zone"], Value::Null);
    let list = cli.json(NOW, &["reminders", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);

    let plan = cli.json(NOW, &["reminders", "plan", "--hours", "48"]);
    let firings = plan["firings"].as_array().unwrap();
    assert_eq!(firings.len(), 4);
    let first = &firings[0];
    for field in ["id", "reminder", "kind", "at_utc", "at_local", "title", "body"] {
        assert!(first.get(field).is_some(), "a firing has {field}");
    }
    assert_eq!(first["at_utc"], "2026-06-01T08:00:00Z");
    assert_eq!(first["at_local"], "2026-06-01T09:00:00+01:00");
    assert_eq!(first["kind"], "medication");
    assert_eq!(first["title"], "A reminder from Mend");
    assert!(!plan.to_string().contains("Iron"), "discreet by default");
    // Planning twice gives the same plan.
    assert_eq!(plan, cli.json(NOW, &["reminders", "plan", "--hours", "48"]));
    // Floating follows --tz: 20:00 in New York.
    let ny = cli.json(NOW, &["reminders", "plan", "--hours", "24", "--tz", "America/New_York"]);
    let evening = ny["firings"].as_array().unwrap().iter().find(|f| f["kind"] == "check_in").unwrap().clone();
    assert_eq!(evening["at_local"], "2026-06-01T20:00:00-04:00");

    cli.ok(NOW, &["settings", "discreet", "off"]);
    assert!(cli.ok(NOW, &["reminders", "plan"]).contains("Iron"));
    assert_eq!(cli.json(NOW, &["settings", "discreet", "on"])["discreet_notifications"], true);

    let today = cli.json(NOW, &["today"]);
    assert_eq!(today["upcoming_reminders"].as_array().unwrap().len(), 2);
}

#[test]
fn snooze_done_skip_pause_and_quiet_hours() {
    let cli = Cli::new();
    let med = cli.json(
        NOW,
        &["reminders", "add", "--kind", "medication", "--title", "Iron", "--rrule", "FREQ=DAILY", "--time", "09:00"],
    );
    let id = med["guid"].as_str().unwrap().to_owned();
    let snoozed = cli.json("2026-06-01T08:02:00Z", &["reminders", "snooze", &id, "--for", "10m"]);
    assert_eq!(snoozed["status"], "snoozed");
    assert_eq!(snoozed["snoozed_until"], "2026-06-01T08:12:00Z");
    let plan = cli.json("2026-06-01T08:02:00Z", &["reminders", "plan", "--hours", "1"]);
    assert_eq!(plan["firings"][0]["at_utc"], "2026-06-01T08:12:00Z");
    let firing = plan["firings"][0]["id"].as_str().unwrap().to_owned();
    let done = cli.json("2026-06-01T08:13:00Z", &["reminders", "done", &firing]);
    assert_eq!((done["status"].as_str(), done["occurrence"].as_str()), (Some("done"), Some("2026-06-01T08:00:00Z")));
    let skipped = cli.json("2026-06-02T08:30:00Z", &["reminders", "skip", &id]);
    assert_eq!(skipped["occurrence"], "2026-06-02T08:00:00Z");
    let adherence = cli.json("2026-06-03T12:00:00Z", &["reminders", "adherence", &id, "--days", "3"]);
    assert_eq!(
        (adherence["done"].as_u64(), adherence["skipped"].as_u64(), adherence["missed"].as_u64()),
        (Some(1), Some(1), Some(1))
    );

    let quiet = cli.json(NOW, &["reminders", "quiet-hours", "--from", "08:30", "--to", "09:45"]);
    assert_eq!(quiet["quiet_hours"]["from"], "08:30");
    let plan = cli.json("2026-06-03T12:00:00Z", &["reminders", "plan"]);
    assert_eq!(plan["firings"][0]["at_local"], "2026-06-04T09:45:00+01:00");
    assert_eq!(plan["firings"][0]["moved_by_quiet_hours"], true);
    assert_eq!(cli.json(NOW, &["settings", "quiet-hours", "--off"])["quiet_hours"], Value::Null);
    // Off, Mend says how to turn them on at its suggested times, which `--on` sets (the apps use the same).
    let off = cli.ok(NOW, &["reminders", "quiet-hours"]);
    assert!(off.contains("22:00 to 07:30") && off.contains("--on"), "{off}");
    let on = cli.json(NOW, &["reminders", "quiet-hours", "--on"]);
    assert_eq!((&on["quiet_hours"]["from"], &on["quiet_hours"]["to"]), (&Value::from("22:00"), &Value::from("07:30")));
    assert_eq!(cli.json(NOW, &["settings", "quiet-hours", "--off"])["quiet_hours"], Value::Null);

    cli.ok(NOW, &["reminders", "pause", &id]);
    assert!(cli.json("2026-06-03T12:00:00Z", &["reminders", "plan"])["firings"].as_array().unwrap().is_empty());
    cli.ok(NOW, &["reminders", "resume", &id]);
    let edited = cli.json(NOW, &["reminders", "edit", &id, "--time", "10:15", "--until", "2026-06-30"]);
    assert_eq!(edited["schedule"]["time"], "10:15");
    assert_eq!(edited["until"], "2026-06-30");
    assert_eq!(cli.json(NOW, &["reminders", "delete", &id])["deleted"], id.as_str());
    assert!(cli.json(NOW, &["reminders", "list"]).as_array().unwrap().is_empty());
}

#[test]
fn errors_go_to_stderr_name_the_field_and_never_echo_a_title() {
    let cli = Cli::new();
    let out = cli.run(
        NOW,
        &[
            "reminders",
            "add",
            "--kind",
            "medication",
            "--title",
            "SECRET-MED",
            "--rrule",
            "FREQ=NEVER",
            "--time",
            "09:00",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rrule:") && !err.contains("SECRET-MED"), "{err}");
    assert!(out.stdout.is_empty());
    let long = format!("SECRET-MED{}", "x".repeat(200));
    let out = cli.run(NOW, &["reminders", "add", "--kind", "medication", "--title", &long, "--at", "2026-07-01T09:00"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("title:") && !err.contains("SECRET-MED"), "{err}");
    let out = cli.run(NOW, &["reminders", "add", "--kind", "medication", "--title", "Iron", "--rrule", "FREQ=DAILY"]);
    assert_eq!(out.status.code(), Some(2));
}
