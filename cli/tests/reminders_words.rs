//! `mend reminders` in words, end to end: `--every`, `--on` and `--times` make Mend's rules and `list` reads
//! them back as words; a reminder made on the 29th-31st rings on the last day of shorter months while a raw
//! `--rrule` keeps RFC 5545's meaning; a snooze or a reminder moved by quiet hours says when it will really
//! ring; words that cannot make a rule are refused naming the field.

mod common;

use common::Person;

const NOW: &str = "2026-06-01T07:00:00Z";

fn person() -> Person {
    let p = Person::new();
    p.run(NOW, &["init", "--loss-date", "2026-05-20", "--weeks", "8", "--tz", "Europe/Dublin", "--region", "IE"]).ok();
    p
}

fn add(p: &Person, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["reminders", "add", "--kind", "medication", "--title", "Iron"];
    all.extend_from_slice(args);
    p.json(NOW, &all)
}

#[test]
fn reminders_made_in_words_are_listed_in_words() {
    let p = person();
    let daily = add(&p, &["--every", "day", "--times", "09:00"]);
    assert_eq!(daily["schedule"]["rrule"], "FREQ=DAILY");
    assert_eq!(daily["words"], "every day at 09:00");
    let twice = add(&p, &["--on", "mon,thu", "--times", "21:00,09:00"]);
    assert_eq!(twice["schedule"]["rrule"], "FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9,21;BYMINUTE=0");
    assert_eq!(twice["schedule"]["time"], "09:00");
    // 1 June 2026 is a Monday; Dublin is UTC+1.
    assert_eq!(twice["next_at_utc"], "2026-06-01T08:00:00Z");
    add(&p, &["--every", "weekday", "--time", "08:30"]);
    let raw = add(&p, &["--rrule", "FREQ=DAILY;INTERVAL=3", "--time", "07:00"]);
    assert_eq!(raw["words"], "every 3 days at 07:00");

    let list = p.run(NOW, &["reminders", "list"]).ok().stdout;
    for words in [
        "every day at 09:00",
        "every Monday and Thursday at 09:00 and 21:00",
        "every weekday at 08:30",
        "every 3 days at 07:00",
    ] {
        assert!(list.contains(&format!("Iron (medication): {words}, Europe/Dublin.")), "{words}: {list}");
    }
    assert!(!list.contains("FREQ="), "no rules in the list: {list}");
}

#[test]
fn the_29th_to_31st_ring_on_the_last_day_of_shorter_months_unless_the_rule_is_raw() {
    let p = person();
    let words = add(&p, &["--every", "month", "--times", "09:00", "--start", "2026-07-31"]);
    assert_eq!(words["schedule"]["rrule"], "FREQ=MONTHLY;BYMONTHDAY=-1");
    assert_eq!(words["words"], "every month on the last day at 09:00");
    let thirtieth = add(&p, &["--every", "month", "--times", "09:00", "--start", "2026-06-30"]);
    assert_eq!(thirtieth["schedule"]["rrule"], "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1");
    assert_eq!(thirtieth["words"], "every month on the 30th (the last day in shorter months) at 09:00");
    let raw = add(&p, &["--rrule", "FREQ=MONTHLY", "--time", "09:00", "--start", "2026-07-31"]);
    assert_eq!(raw["words"], "every month on the 31st (skipping months without one) at 09:00");
}

#[test]
fn quiet_hours_say_when_a_reminder_will_really_ring() {
    let p = person();
    p.run(NOW, &["reminders", "quiet-hours", "--from", "22:00", "--to", "07:30"]).ok();
    let late = add(&p, &["--every", "day", "--times", "23:00"]);
    assert_eq!(late["next_moved_by_quiet_hours"], true);
    let list = p.run(NOW, &["reminders", "list"]).ok().stdout;
    assert!(list.contains("Next: Tue 2 Jun 07:30, moved to the end of your quiet hours."), "{list}");

    let evening = add(&p, &["--every", "day", "--times", "21:00"]);
    let id = evening["guid"].as_str().unwrap();
    // 21:55 in Dublin: ten minutes on is inside quiet hours.
    let snoozed = p.run("2026-06-01T20:55:00Z", &["reminders", "snooze", id, "--for", "10m"]).ok().stdout;
    assert_eq!(
        snoozed.trim(),
        "Snoozed until Mon 1 Jun 22:05. That falls in your quiet hours, so it will ring at Tue 2 Jun 07:30 instead."
    );
    let json = p.json("2026-06-01T20:56:00Z", &["reminders", "snooze", id, "--for", "10m"]);
    assert_eq!(
        (json["snoozed_until"].as_str(), json["rings_at"].as_str()),
        (Some("2026-06-01T21:06:00Z"), Some("2026-06-02T06:30:00Z"))
    );
    // Outside quiet hours a snooze says only when.
    let early = p.run("2026-06-01T20:05:00Z", &["reminders", "snooze", id, "--for", "10m"]).ok().stdout;
    assert_eq!(early.trim(), "Snoozed until Mon 1 Jun 21:15.");
}

#[test]
fn a_reminder_can_be_changed_to_one_in_words() {
    let p = person();
    let raw = add(&p, &["--rrule", "FREQ=DAILY", "--time", "09:00"]);
    let id = raw["guid"].as_str().unwrap();
    let edited = p.json(NOW, &["reminders", "edit", id, "--every", "weekday", "--times", "08:00,20:00"]);
    assert_eq!(edited["schedule"]["rrule"], "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8,20;BYMINUTE=0");
    assert_eq!(edited["words"], "every weekday at 08:00 and 20:00");
    assert_eq!(edited["title"], "Iron", "only the schedule changed");
    let human = p.run(NOW, &["reminders", "edit", id, "--on", "Saturday", "--times", "10:00"]).ok().stdout;
    assert_eq!(human.trim(), "Saved. Next: Sat 6 Jun 10:00.");
}

#[test]
fn words_that_make_no_rule_are_refused_naming_the_field() {
    let p = person();
    for (args, field) in [
        (&["--every", "fortnight", "--times", "09:00"][..], "every:"),
        (&["--every", "day", "--on", "mon", "--times", "09:00"][..], "on:"),
        (&["--on", "someday", "--times", "09:00"][..], "on:"),
        (&["--every", "day", "--times", "09:00,21:30"][..], "times:"),
        (&["--every", "day"][..], "times:"),
        (&["--rrule", "FREQ=DAILY", "--times", "09:00,21:00"][..], "times:"),
    ] {
        let mut all = vec!["reminders", "add", "--kind", "medication", "--title", "Iron"];
        all.extend_from_slice(args);
        let run = p.run(NOW, &all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with(&format!("mend: {field}")), "{args:?}: {}", run.stderr);
        assert!(!run.stderr.contains("Iron"), "{}", run.stderr);
    }
}
