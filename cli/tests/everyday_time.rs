//! Everyday use, end to end: `history` shows each note in the person's own words (escaped for the terminal)
//! and `--no-notes` hides them; `--at` takes a local time in the current zone (`--tz`, else `TZ`, else the
//! home zone); entries made in another zone name it; abbreviations and skipped local times are refused
//! naming the field.

mod common;

use common::Person;

const INIT: &[&str] = &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"];
const NOW: &str = "2026-05-14T20:00:00Z";

fn person() -> Person {
    let p = Person::new();
    p.run(NOW, INIT).ok();
    p
}

#[test]
fn history_shows_notes_escaped_and_no_notes_hides_them() {
    let p = person();
    p.run(NOW, &["checkin", "--mood", "4", "--note", "Rough night.\nSlept after 3.\x1b[2J", "--at", "09:30"]).ok();
    p.run(NOW, &["event", "period-start", "--note", "Lighter than I feared", "--at", "12:00"]).ok();
    let shown = p.run(NOW, &["history"]).ok().stdout;
    assert!(shown.contains("2026-05-14 09:30  check-in: mood 4/10 · a note  ["), "{shown}");
    assert!(shown.contains("]\n    Rough night.\n"), "{shown}");
    assert!(shown.contains("    Slept after 3.\\u{1b}[2J\n"), "escaped, not obeyed: {shown}");
    assert!(!shown.contains('\x1b'), "{shown}");
    assert!(shown.contains("period started  [") && shown.contains("]\n    Lighter than I feared"), "{shown}");

    let hidden = p.run(NOW, &["history", "--no-notes"]).ok().stdout;
    assert!(hidden.contains("2026-05-14 09:30  check-in: mood 4/10  ["), "not even that there is a note: {hidden}");
    for words in ["Rough night", "Slept", "Lighter"] {
        assert!(!hidden.contains(words), "{hidden}");
    }
    let json = p.json(NOW, &["history", "--no-notes"]);
    assert!(json.as_array().unwrap().iter().all(|e| e["note"].is_null()), "{json}");
    let json = p.json(NOW, &["history"]);
    assert_eq!(json[0]["note"], "Rough night.\nSlept after 3.\x1b[2J", "JSON stays exact");
}

#[test]
fn at_takes_a_local_time_in_the_current_zone_and_other_zones_are_named() {
    let p = person();
    // Dublin is UTC+1 in May: 09:30 today is 08:30Z.
    let today = p.json(NOW, &["checkin", "--mood", "5", "--at", "09:30"]);
    assert_eq!(today["at"], "2026-05-14T08:30:00Z");
    assert_eq!(today["time_zone"], "Europe/Dublin");
    let away = p.json(NOW, &["checkin", "--mood", "6", "--at", "2026-05-13 22:00", "--tz", "America/New_York"]);
    assert_eq!(away["at"], "2026-05-14T02:00:00Z");
    assert_eq!((away["time_zone"].as_str(), away["day"].as_str()), (Some("America/New_York"), Some("2026-05-13")));
    // TZ is the current zone when --tz is not given (it is already 05:00 on the 15th in Tokyo, so 04:00 is
    // today there); --tz wins over it.
    let run: common::Run = p
        .command(NOW, &["--json", "event", "period-start", "--at", "04:00"])
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap()
        .into();
    let from_env = run.ok().json();
    assert_eq!(
        (from_env["at"].as_str(), from_env["time_zone"].as_str()),
        (Some("2026-05-14T19:00:00Z"), Some("Asia/Tokyo"))
    );
    let run: common::Run = p
        .command(NOW, &["--json", "checkin", "--mood", "5", "--tz", "Europe/Dublin"])
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap()
        .into();
    assert_eq!(run.ok().json()["time_zone"], "Europe/Dublin");
    let rfc = p.json(NOW, &["checkin", "--mood", "5", "--at", "2026-05-14T10:00:00+02:00"]);
    assert_eq!(rfc["at"], "2026-05-14T08:00:00Z");

    let history = p.run(NOW, &["history", "--to", "2026-05-15"]).ok().stdout;
    assert!(history.contains("2026-05-13 22:00 (America/New_York)  check-in: mood 6/10"), "{history}");
    assert!(history.contains("2026-05-15 04:00 (Asia/Tokyo)  period started"), "{history}");
    assert!(history.contains("2026-05-14 09:30  check-in: mood 5/10"), "home entries name no zone: {history}");
}

#[test]
fn abbreviations_are_refused_with_a_suggestion_naming_the_field() {
    let p = person();
    let run = p.run(NOW, &["checkin", "--mood", "5", "--tz", "EST"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("mend: tz: is an abbreviation"), "{}", run.stderr);
    assert!(run.stderr.contains("America/New_York") && !run.stderr.contains("EST"), "{}", run.stderr);
    let run: common::Run = p.command(NOW, &["history"]).env("TZ", "IST").output().unwrap().into();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("mend: TZ: is an abbreviation") && run.stderr.contains("Europe/Dublin"),
        "{}",
        run.stderr
    );
    let fresh = Person::new();
    let run = fresh.run(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "PST", "--region", "US"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("tz: is an abbreviation") && run.stderr.contains("America/Los_Angeles"),
        "{}",
        run.stderr
    );
    let run = p.run(NOW, &["checkin", "--mood", "5", "--at", "half nine"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("at: must be a time like 09:30") && !run.stderr.contains("half"), "{}", run.stderr);
}

#[test]
fn a_skipped_local_time_is_refused_and_a_repeated_one_is_the_earlier() {
    let p = person();
    let later = "2026-11-02T12:00:00Z";
    // Dublin's clocks went from 01:00 to 02:00 on 29 March 2026.
    let run = p.run(later, &["checkin", "--mood", "5", "--at", "2026-03-29 01:30"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("at: is a time the clocks skipped"), "{}", run.stderr);
    // New York's clocks went back from 02:00 to 01:00 on 1 November 2026: 01:30 EDT comes first.
    let fold = p.json(later, &["checkin", "--mood", "5", "--at", "2026-11-01 01:30", "--tz", "America/New_York"]);
    assert_eq!(fold["at"], "2026-11-01T05:30:00Z");
}

#[test]
fn today_is_the_persons_day_where_they_are_now() {
    let p = person();
    // 23:30 UTC: already the 15th at home in Dublin, still the 14th in New York.
    let late = "2026-05-14T23:30:00Z";
    p.run(late, &["checkin", "--mood", "5"]).ok();
    let home = p.json(late, &["today"]);
    assert_eq!(home["today"], "2026-05-15", "{home}");
    let away = p.json(late, &["today", "--tz", "America/New_York"]);
    assert_eq!(away["today"], "2026-05-14", "{away}");
    assert_eq!(away["days_since_loss"].as_i64(), Some(13), "counted from the day where they are");
    let by_env: common::Run =
        p.command(late, &["--json", "today"]).env("TZ", "America/New_York").output().unwrap().into();
    assert_eq!(by_env.ok().json()["today"], "2026-05-14");
    let refused = p.run(late, &["today", "--tz", "EST"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("tz") && refused.stderr.contains("America/New_York"), "{}", refused.stderr);
}
