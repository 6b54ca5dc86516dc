//! The `mend` CLI driven as a new user would: set up, two weeks of check-ins and events with `--at`, today,
//! insights, export, erase and import back — history must be identical. Also: errors are plain, go to stderr
//! with a non-zero exit, and never carry health data.

mod common;

use common::Person;

const NOW: &str = "2026-05-15T20:00:00Z";

fn two_weeks(person: &Person) {
    person
        .run(
            NOW,
            &[
                "init",
                "--loss-date",
                "2026-05-01",
                "--weeks",
                "9",
                "--kind",
                "miscarriage",
                "--management",
                "expectant",
                "--region",
                "IE",
                "--tz",
                "Europe/Dublin",
            ],
        )
        .ok();
    for day in 1..=14 {
        let at = format!("2026-05-{day:02}T08:30:00+01:00");
        let bleeding = match day {
            1..=4 => "medium",
            5..=8 => "light",
            9..=11 => "spotting",
            _ => "none",
        };
        // A pad count above 0 shows bleeding whatever the level says (docs/care.md), so none means no pads.
        let pads = if bleeding == "none" { "0" } else { "1" };
        let cramps = format!("cramps={}", (8 - day / 2).max(0));
        let mood = (2 + day / 3).to_string();
        person
            .run(
                NOW,
                &[
                    "checkin",
                    "--at",
                    &at,
                    "--bleeding",
                    bleeding,
                    "--pads-per-hour",
                    pads,
                    "--pain",
                    &cramps,
                    "--temp",
                    "98.9F",
                    "--mood",
                    &mood,
                    "--feelings",
                    "grief,numbness",
                    "--sleep",
                    "6.5",
                    "--energy",
                    "3",
                    "--note",
                    &format!("day {day}, quiet"),
                ],
            )
            .ok();
        if day % 3 == 0 {
            person.run(NOW, &["checkin", "--at", &format!("2026-05-{day:02}T21:00:00+01:00"), "--mood", "4"]).ok();
        }
    }
    person.run(NOW, &["event", "test", "--result", "positive", "--at", "2026-05-07T09:00:00+01:00"]).ok();
    person
        .run(
            NOW,
            &["event", "medication", "--name", "Ibuprofen", "--dose", "400 mg", "--at", "2026-05-02T12:00:00+01:00"],
        )
        .ok();
    person
        .run(NOW, &["event", "appointment", "--with", "GP", "--at", "2026-05-09T11:00:00+01:00", "--note", "follow-up"])
        .ok();
    person
        .run(
            NOW,
            &[
                "event",
                "massage",
                "--focus",
                "back,shoulders",
                "--pressure",
                "light",
                "--pain-before",
                "5",
                "--pain-after",
                "2",
                "--at",
                "2026-05-14T16:00:00+01:00",
            ],
        )
        .ok();
    person
        .run(NOW, &["event", "memorial", "--name", "Star", "--date", "2026-05-01", "--at", "2026-05-14T19:00:00+01:00"])
        .ok();
}

#[test]
fn a_new_user_journal_survives_export_erase_import() {
    let person = Person::new();
    two_weeks(&person);

    let today = person.json(NOW, &["today"]);
    assert_eq!(today["days_since_loss"], 14);
    assert_eq!(today["latest_checkin"]["day"], "2026-05-14");
    assert!(today["insights"].is_object());
    let human = person.run(NOW, &["today"]).ok().stdout;
    assert!(human.contains("14 days since your loss"), "{human}");
    assert!(human.contains("Bleeding stopped on 12 May"), "{human}");

    let insights = person.json(NOW, &["insights"]);
    assert_eq!(insights["bleeding"]["first_day"], "2026-05-01");
    assert_eq!(insights["bleeding"]["last_day"], "2026-05-11");
    assert_eq!(insights["bleeding"]["stopped_on"], "2026-05-12");
    assert_eq!(insights["weekly"].as_array().unwrap().len(), 2);
    assert_eq!(insights["trends"]["pain"], "better");

    let history_args = ["history", "--from", "2026-04-30", "--to", "2026-05-15"];
    let before = person
        .run(NOW, &{
            let mut a = vec!["--json"];
            a.extend_from_slice(&history_args);
            a
        })
        .ok()
        .stdout;
    assert_eq!(serde_json::from_str::<serde_json::Value>(&before).unwrap().as_array().unwrap().len(), 14 + 4 + 5);
    let checkin = &person.json(NOW, &["history", "--from", "2026-05-01", "--to", "2026-05-01"])[0];
    assert_eq!(checkin["temperature_c"], 37.2, "98.9F is stored as 37.2 °C");

    let export = person.dir().join("export.json");
    let written = person.json(NOW, &["export", "--out", export.to_str().unwrap()]);
    assert_eq!(written["format"], "json");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&export).unwrap().permissions().mode() & 0o777, 0o600, "exports are private");

    assert_eq!(person.run(NOW, &["erase"]).code, 2, "erase needs --yes");
    person.run(NOW, &["erase", "--yes"]).ok();
    let empty = person.json(NOW, &["history", "--from", "2026-04-30", "--to", "2026-05-15"]);
    assert_eq!(empty.as_array().unwrap().len(), 0);
    assert_eq!(person.json(NOW, &["today"])["set_up"], false);

    let imported = person.json(NOW, &["import", export.to_str().unwrap()]);
    assert_eq!(imported["checkins"], 18);
    assert_eq!(imported["events"], 5);
    let after = person
        .run(NOW, &{
            let mut a = vec!["--json"];
            a.extend_from_slice(&history_args);
            a
        })
        .ok()
        .stdout;
    assert_eq!(after, before, "history is identical after export, erase and import");

    // Importing the same file again merges: nothing is doubled.
    let again = person.json(NOW, &["import", export.to_str().unwrap()]);
    assert_eq!(again["checkins"], 0);
    assert_eq!(
        person.run(NOW, &["--json", "history", "--from", "2026-04-30", "--to", "2026-05-15"]).ok().stdout,
        before
    );

    let csv = person.run(NOW, &["export", "--format", "csv"]).ok().stdout;
    assert_eq!(csv.lines().count(), 1 + 18);
}

#[test]
fn errors_are_plain_go_to_stderr_and_never_echo_health_data() {
    let person = Person::new();
    two_weeks(&person);
    let cases: &[&[&str]] = &[
        &["checkin", "--mood", "11"],
        &["checkin", "--temp", "47.9"],
        &["checkin", "--pain", "cramps=13"],
        &["checkin", "--pads-per-hour", "lots-and-lots"],
        &["checkin", "--bleeding", "gushing-secretly"],
        &["checkin", "--note", &"secret-note ".repeat(1000)],
        &["checkin", "--at", "2026-05-16T20:00:00Z", "--note", "secret-note"],
        &["loss", "add", "--loss-date", "2027-03-09", "--weeks", "12"],
        &["event", "test", "--result", "maybe-secret"],
    ];
    for args in cases {
        let run = person.run(NOW, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} printed to stdout: {}", run.stdout);
        assert!(run.stderr.starts_with("mend: "), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "one plain line: {}", run.stderr);
        for leak in ["secret", "47.9", "13", "lots", "2027-03-09", "panicked", "backtrace"] {
            assert!(!run.stderr.contains(leak), "{args:?} leaked {leak:?}: {}", run.stderr);
        }
    }
    let bad_import = person.dir().join("bad.json");
    std::fs::write(&bad_import, r#"{"format":"mend-journal","version":1,"exported_at":"2026-05-01T00:00:00Z","profile":null,"checkins":[{"guid":"x"}]}"#).unwrap();
    let run = person.run(NOW, &["import", bad_import.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("checkins[0]") && run.stderr.contains("Nothing was changed"), "{}", run.stderr);
    assert_eq!(
        person
            .run(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"])
            .code,
        2,
        "init twice is refused"
    );
}

#[test]
fn a_newer_database_is_refused_and_kept() {
    let person = Person::new();
    person.run(NOW, &["today"]).ok();
    let db = person.dir().join("mend.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 9999).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let run = person.run(NOW, &["today"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("newer version of Mend"), "{}", run.stderr);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    let person = Person::new();
    person
        .run(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"])
        .ok();
    let long_note = "a quiet day ".repeat(800);
    for day in 1..=10 {
        person.run(NOW, &["checkin", "--at", &format!("2026-05-{day:02}T09:00:00Z"), "--note", &long_note]).ok();
    }
    // More than a pipe's buffer of output, and the reader closes at once (like `mend export | head -1`).
    let mut child = person
        .command(NOW, &["export"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no message for a closed pipe");
}

#[test]
fn a_mistyped_command_line_never_echoes_what_was_typed() {
    let person = Person::new();
    person
        .run(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"])
        .ok();
    let cases: &[&[&str]] = &[
        &["checkin", "--note", "I", "feel", "it", "was", "my", "fault"],
        &["event", "medication", "--name", "Misoprostol", "400mcg"],
        &["checkin", "--bleeding"],
        &["event", "test"],
        &["checkin", "--secretflag", "x"],
        &["miscarriage-diary"],
        &["export", "--format", "secret-format"],
    ];
    for args in cases {
        let run = person.run(NOW, args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("mend: ") && run.stderr.lines().count() == 1, "{args:?}: {}", run.stderr);
        for typed in ["feel", "fault", "400mcg", "Misoprostol", "secretflag", "miscarriage-diary", "secret-format"] {
            assert!(!run.stderr.contains(typed), "{args:?} echoed {typed:?}: {}", run.stderr);
        }
    }
    let missing = person.run(NOW, &["event", "test"]);
    assert!(missing.stderr.contains("--result"), "names the missing option: {}", missing.stderr);
    let help = person.run(NOW, &["checkin", "--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--pads-per-hour"));
}

#[test]
fn an_id_that_starts_with_a_hyphen_is_an_id_not_an_option() {
    let person = Person::new();
    two_weeks(&person);
    let export = person.dir().join("export.json");
    person.run(NOW, &["export", "--out", export.to_str().unwrap()]).ok();
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    doc["checkins"][0]["guid"] = "-hyphen-first-id".into();
    std::fs::write(&export, doc.to_string()).unwrap();
    person.run(NOW, &["erase", "--yes"]).ok();
    person.run(NOW, &["import", export.to_str().unwrap()]).ok();
    let deleted = person.json(NOW, &["delete", "-hyphen-first-id", "--yes"]);
    assert_eq!((deleted["deleted"].as_str(), deleted["kind"].as_str()), (Some("-hyphen-first-id"), Some("checkin")));
}

#[test]
fn delete_and_erase_ask_first_and_without_a_terminal_need_yes() {
    let person = Person::new();
    two_weeks(&person);
    let id = person.json(NOW, &["history"])[0]["guid"].as_str().unwrap().to_owned();
    // Tests run without a terminal: nothing is deleted or erased, and the message says how to go ahead.
    let refused = person.run(NOW, &["delete", &id]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("can't be undone") && refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert!(person.json(NOW, &["history"]).as_array().unwrap().iter().any(|e| e["guid"] == id.as_str()));
    let refused = person.run(NOW, &["erase"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("mend erase --yes"), "{}", refused.stderr);
    assert!(!person.json(NOW, &["history"]).as_array().unwrap().is_empty(), "nothing was erased");
    // An id that names nothing is not found, before anything is asked.
    let missing = person.run(NOW, &["delete", "no-such-entry-id", "--yes"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    // With --yes, it goes ahead.
    person.run(NOW, &["delete", &id, "--yes"]).ok();
    assert!(!person.json(NOW, &["history"]).as_array().unwrap().iter().any(|e| e["guid"] == id.as_str()));
}

#[test]
fn history_shows_short_ids_that_delete_accepts() {
    let person = Person::new();
    two_weeks(&person);
    let first = person.json(NOW, &["history"])[0]["guid"].as_str().unwrap().to_owned();
    let human = person.run(NOW, &["history"]).ok().stdout;
    let short = &first[..6];
    assert!(human.contains(&format!("[{short}]")), "{human}");
    let deleted = person.json(NOW, &["delete", short, "--yes"]);
    assert_eq!(deleted["deleted"].as_str(), Some(first.as_str()), "the short id names the whole entry");
    // An id that names nothing is refused, saying what was not found.
    let missing = person.run(NOW, &["delete", short, "--yes"]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
}

#[test]
fn edit_corrects_only_what_it_names_by_short_id_and_a_bad_value_changes_nothing() {
    let person = Person::new();
    two_weeks(&person);
    let saved =
        person.json(NOW, &["checkin", "--mood", "3", "--chills", "--pain", "cramps=6", "--note", "first words"]);
    let id = saved["guid"].as_str().unwrap().to_owned();
    let short = &id[..6];
    let edited = person.json(NOW, &["edit", short, "--mood", "5"]);
    assert_eq!((edited["guid"].as_str(), edited["mood"].as_i64()), (Some(id.as_str()), Some(5)));
    assert_eq!((edited["chills"].as_bool(), edited["pain"]["cramps"].as_i64()), (Some(true), Some(6)));
    assert_eq!(edited["note"], "first words");
    assert_eq!(edited["at"], saved["at"], "the time stays unless --at is given");
    let cleared = person.json(NOW, &["edit", short, "--clear", "chills,note"]);
    assert_eq!((cleared["chills"].as_bool(), &cleared["note"]), (Some(false), &serde_json::Value::Null));
    // A bad value names its field and nothing changes.
    let refused = person.run(NOW, &["edit", short, "--mood", "11"]);
    assert_ne!(refused.code, 0);
    assert!(refused.stderr.contains("mood") && !refused.stderr.contains("11"), "{}", refused.stderr);
    let history = person.json(NOW, &["history"]);
    let row = history.as_array().unwrap().iter().find(|e| e["guid"] == id.as_str()).unwrap().clone();
    assert_eq!(row["mood"].as_i64(), Some(5), "{row}");
    // An event's note and time.
    let event = person.json(NOW, &["event", "period-start", "--note", "heavier than usual"]);
    let eid = event["guid"].as_str().unwrap().to_owned();
    let fixed = person.json(NOW, &["edit", &eid[..6], "--note", "as usual"]);
    assert_eq!(fixed["note"], "as usual");
    let refused = person.run(NOW, &["edit", &eid[..6], "--mood", "4"]);
    assert_ne!(refused.code, 0, "check-in fields are not an event's");
}

#[test]
fn undo_reverts_the_latest_add_or_edit_and_refuses_after_a_delete_saying_why() {
    let person = Person::new();
    two_weeks(&person);
    let saved = person.json(NOW, &["checkin", "--mood", "3", "--note", "kept words"]);
    let id = saved["guid"].as_str().unwrap().to_owned();
    person.json(NOW, &["edit", &id[..6], "--mood", "7"]);
    let undone = person.json(NOW, &["undo"]);
    assert_eq!((undone["guid"].as_str(), undone["change"].as_str()), (Some(id.as_str()), Some("edit_reverted")));
    let history = person.json(NOW, &["history"]);
    let row = history.as_array().unwrap().iter().find(|e| e["guid"] == id.as_str()).unwrap().clone();
    assert_eq!((row["mood"].as_i64(), row["note"].as_str()), (Some(3), Some("kept words")), "{row}");
    // One undo: the add before the edit stays.
    let nothing = person.run(NOW, &["undo"]);
    assert_eq!(nothing.code, 1, "{}", nothing.stderr);
    assert!(nothing.stderr.contains("nothing to undo"), "{}", nothing.stderr);

    let added = person.json(NOW, &["event", "period-start"]);
    let human = person.run(NOW, &["undo"]).ok().stdout;
    assert_eq!(human.trim(), "Undone: the entry you added has been removed.");
    let history = person.json(NOW, &["history"]);
    assert!(history.as_array().unwrap().iter().all(|e| e["guid"] != added["guid"]), "the event is gone");

    person.json(NOW, &["delete", &id[..6], "--yes"]);
    let refused = person.run(NOW, &["undo"]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("A deletion can't be undone"), "{}", refused.stderr);
}

#[test]
fn an_export_carries_each_rows_clock_and_an_older_one_never_brings_back_a_deleted_check_in() {
    let person = Person::new();
    two_weeks(&person);
    let export = person.dir().join("export.json");
    person.run(NOW, &["export", "--out", export.to_str().unwrap()]).ok();
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(doc["version"], 2);
    let id = doc["checkins"][0]["guid"].as_str().unwrap().to_owned();
    assert!(doc["clocks"]["checkins"][&id].is_string(), "each row carries its clock: {}", doc["clocks"]);
    person.run(NOW, &["delete", &id, "--yes"]).ok();
    // The export from before the deletion is older than it: the check-in stays deleted.
    let imported = person.json(NOW, &["import", export.to_str().unwrap()]);
    assert_eq!(imported["checkins"], 0);
    assert!(!person.json(NOW, &["history"]).as_array().unwrap().iter().any(|e| e["guid"] == id.as_str()));
    // A new export carries the deletion, and nothing of the check-in.
    let after = person.json(NOW, &["export"]);
    let deleted = after["deleted"].as_array().unwrap();
    assert!(deleted.iter().any(|d| d["guid"] == id.as_str() && d["section"] == "checkins"), "{deleted:?}");
}
