//! `mend today` answers "how am I doing?" first: on a four-week journal its first line names the days since the
//! loss, it fits 25 lines at 80 columns (a longer line counts as wrapped), no reason is repeated, and an alert
//! raised by a check-in made before `init` still shows.

mod common;

use common::Person;

const NOW: &str = "2026-05-29T18:00:00Z";

/// Lines a terminal 80 columns wide shows for `text`.
fn lines_at_80(text: &str) -> usize {
    text.lines().map(|l| l.chars().count().div_ceil(80).max(1)).sum()
}

fn four_weeks(person: &Person) {
    person
        .run(NOW, &["init", "--loss-date", "2026-05-01", "--weeks", "9", "--tz", "Europe/Dublin", "--region", "IE"])
        .ok();
    for day in 2..=29 {
        let at = format!("2026-05-{day:02}T09:00:00Z");
        let bleeding = if day > 12 { "none" } else { "light" };
        person.run(NOW, &["checkin", "--at", &at, "--bleeding", bleeding, "--mood", "5", "--pain", "cramps=2"]).ok();
    }
}

#[test]
fn a_four_week_journal_fits_25_lines_and_starts_with_the_days_since_the_loss() {
    let person = Person::new();
    four_weeks(&person);
    let today = person.run(NOW, &["today"]).ok().stdout;
    assert!(lines_at_80(&today) <= 25, "{} lines:\n{today}", lines_at_80(&today));
    let mut lines = today.lines();
    assert_eq!(lines.next(), Some("28 days since your loss, week 5 of your recovery."), "{today}");
    assert_eq!(lines.next(), Some("You checked in today at 10:00."), "{today}");
    assert_eq!(lines.next(), Some("Nothing you've logged needs care now."), "{today}");
    // No sentence is said twice.
    let said: Vec<&str> = today.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("mend ")).collect();
    let unique: std::collections::HashSet<&&str> = said.iter().collect();
    assert_eq!(unique.len(), said.len(), "{today}");
    // The JSON carries the same summary, first.
    let json = person.json(NOW, &["today"]);
    assert_eq!(json["summary"][0], "28 days since your loss, week 5 of your recovery.");
}

#[test]
fn an_alert_raised_before_init_shows_on_today() {
    let person = Person::new();
    person.run(NOW, &["checkin", "--at", "2026-05-29T12:00:00Z", "--temp", "38.6"]).ok();
    person
        .run(NOW, &["init", "--loss-date", "2026-05-20", "--weeks", "8", "--tz", "Europe/Dublin", "--region", "GB"])
        .ok();
    let today = person.run(NOW, &["today"]).ok().stdout;
    assert!(today.lines().nth(2).is_some_and(|l| l.starts_with("Something you logged needs care")), "{today}");
    assert!(today.contains("URGENT: Go to A&E today, or call 999"), "{today}");
}
