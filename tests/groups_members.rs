//! Support groups, the member's side, end to end with the real binaries (issue 18, the first "Done when"): a
//! moderator publishes a pack with an article, a weekly Tuesday 19:00 meeting in Europe/London and a hotline
//! (docs/examples/group-pack) to a `mend-server` process; a member in America/New_York joins from the link,
//! finds the article with `mend library search`, follows the meeting as a reminder that rings at the meeting's
//! start by London's clock — 14:00 in New York before the US changes its clocks (14 March 2027), 15:00 in the
//! fortnight until the UK changes its own (28 March), 14:00 again after — and sees the group's line after the
//! official numbers of a mood alert, labelled with the group, and never with a fever alert. The meeting exports
//! as a private `.ics` file; the Library lists the official lines, then the group's; a group article with a
//! content note shows it before the text; leaving removes the group's items, Library entries and states, and
//! (with `--yes`) the reminder made from its meeting — without `--yes` and without a terminal, it is kept. A
//! meeting the group moves moves the member's reminder at the next refresh.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Timelike, Utc};
use mend_core::zone::Zone;
use mend_e2e::{ServerProcess, example_pack, json, mend, ok};
use serde_json::Value;

const NAME: &str = "Tuesday circle";
const OWNER_NOW: &str = "2027-01-20T12:00:00Z";
const MEMBER_NOW: &str = "2027-02-01T12:00:00Z";

fn at(dir: &Path, now: &str, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--now", now];
    all.extend_from_slice(args);
    mend(dir, &all)
}

/// A moderator's group on `server` with the example pack published; gives the invite link.
fn published_group(owner: &Path, server: &str) -> String {
    let created = json(at(
        owner,
        OWNER_NOW,
        &["--json", "group", "create", "--server", server, "--name", NAME, "--region", "GB"],
    ));
    ok(at(owner, OWNER_NOW, &["group", "publish", example_pack().to_str().unwrap()]));
    created["invite"].as_str().unwrap().to_owned()
}

/// A member in New York who has joined from `link`.
fn joined_member(member: &Path, link: &str) {
    ok(at(
        member,
        MEMBER_NOW,
        &["init", "--loss-date", "2027-01-10", "--weeks", "8", "--tz", "America/New_York", "--region", "US"],
    ));
    let joined = json(at(member, MEMBER_NOW, &["--json", "group", "join", link]));
    assert_eq!(joined["name"], NAME);
}

#[test]
fn a_member_in_new_york_follows_a_london_meeting_across_both_clock_changes() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let (owner, member) = (root.path().join("owner"), root.path().join("member"));
    let link = published_group(&owner, &server.base);
    joined_member(&member, &link);

    // The article is found by `mend library search`, from the group.
    let hits = json(at(&member, MEMBER_NOW, &["--json", "library", "search", "welcome", "circle"]));
    let hit = hits.as_array().unwrap().iter().find(|h| h["id"].as_str().unwrap().starts_with("group:"));
    let hit = hit.unwrap_or_else(|| panic!("the group's article is found: {hits}"));
    assert_eq!(hit["title"], "Welcome to the Tuesday circle");

    // Following the meeting makes a reminder in the meeting's own zone.
    let followed = json(at(&member, MEMBER_NOW, &["--json", "group", "follow", NAME, "tuesday-circle"]));
    assert_eq!(followed["group_name"], NAME);
    assert_eq!(followed["reminder"]["kind"], "group_meeting");
    assert_eq!(followed["reminder"]["time_zone"], "Europe/London");
    assert_eq!(followed["reminder"]["schedule"]["rrule"], "FREQ=WEEKLY;BYDAY=TU");
    let again = at(&member, MEMBER_NOW, &["group", "follow", NAME, "tuesday-circle"]);
    assert!(!again.status.success(), "following twice is refused");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already follow"));

    // March 2027, planned for a phone in New York.
    let plan = json(at(
        &member,
        "2027-03-01T00:00:00Z",
        &["--json", "reminders", "plan", "--hours", "744", "--tz", "America/New_York"],
    ));
    let new_york = Zone::named("America/New_York").unwrap();
    let rings: Vec<(String, u32, String)> = plan["firings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let utc: DateTime<Utc> = f["at_utc"].as_str().unwrap().parse().unwrap();
            let local = utc.with_timezone(&new_york);
            (local.format("%a %-d %b").to_string(), local.hour(), utc.format("%H:%M").to_string())
        })
        .collect();
    assert_eq!(
        rings,
        [
            ("Tue 2 Mar".to_owned(), 14, "19:00".to_owned()),
            ("Tue 9 Mar".to_owned(), 14, "19:00".to_owned()),
            // The US has changed its clocks (14 March), the UK not yet.
            ("Tue 16 Mar".to_owned(), 15, "19:00".to_owned()),
            ("Tue 23 Mar".to_owned(), 15, "19:00".to_owned()),
            // Both have (28 March): 19:00 BST is 18:00 UTC, 14:00 in New York again.
            ("Tue 30 Mar".to_owned(), 14, "18:00".to_owned()),
        ]
    );

    // A mood alert: the official numbers first, then the group's line, labelled with the group.
    let saved = ok(at(&member, "2027-02-02T13:00:00Z", &["checkin", "--self-harm-thoughts"]));
    let group_line =
        saved.find("From Tuesday circle: Listening line, 0800 014 7800").unwrap_or_else(|| panic!("{saved}"));
    assert!(saved.find("EMERGENCY").unwrap() < group_line, "the alert and its numbers first:\n{saved}");
    let today = ok(at(&member, "2027-02-02T13:01:00Z", &["today"]));
    assert!(today.contains("From Tuesday circle: Listening line"), "{today}");
    let alerts = json(at(&member, "2027-02-02T13:05:00Z", &["--json", "alerts"]));
    let crisis = alerts.as_array().unwrap().iter().find(|a| a["rule"] == "mood-crisis").expect("a mood alert");
    assert!(!crisis["phones"].as_array().unwrap().is_empty(), "{crisis}");
    let lines = crisis["group_lines"].as_array().unwrap();
    assert_eq!(lines.len(), 1, "{crisis}");
    assert_eq!(lines[0]["group_name"], NAME);
    assert_eq!(lines[0]["words"], "0800 014 7800");
    assert_eq!(lines[0]["not_emergency"], true);
    let text = ok(at(&member, "2027-02-02T13:05:00Z", &["alerts"]));
    let official = crisis["phones"][0]["words"].as_str().unwrap();
    let (first, group) = (text.find(official).unwrap(), text.find("From Tuesday circle: Listening line").unwrap());
    assert!(first < group, "the official number comes first:\n{text}");
    assert!(text.contains("Not an emergency line."), "{text}");

    // A fever alert never carries a group's line.
    ok(at(&member, "2027-02-03T10:00:00Z", &["checkin", "--temp", "38.5"]));
    let alerts = json(at(&member, "2027-02-03T10:05:00Z", &["--json", "alerts"]));
    let fever = alerts.as_array().unwrap().iter().find(|a| a["rule"] == "fever").expect("a fever alert");
    assert_eq!(fever["group_lines"], Value::Array(vec![]), "{fever}");
    // Once the mood alert is seen by a clinician, only the fever alert is open: no group line with it.
    let crisis_id = crisis["id"].as_str().unwrap();
    ok(at(&member, "2027-02-03T10:06:00Z", &["alerts", "--seen", crisis_id]));
    let text = ok(at(&member, "2027-02-03T10:07:00Z", &["alerts"]));
    assert!(text.contains("URGENT") || text.contains("Soon") || text.contains("EMERGENCY"), "{text}");
    assert!(!text.contains("Listening line"), "{text}");
}

/// The example pack with a content note on its article.
fn pack_with_note(to: &Path) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(example_pack()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("kind: article\n", "kind: article\ncontent_notes: [stillbirth]\n");
        std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
    }
    to.to_owned()
}

#[test]
fn a_member_exports_the_meeting_reads_the_lines_and_leaves() {
    let root = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&root.path().join("server"), &[]);
    let (owner, member) = (root.path().join("owner"), root.path().join("member"));
    let created = json(at(
        &owner,
        OWNER_NOW,
        &["--json", "group", "create", "--server", &server.base, "--name", NAME, "--region", "GB"],
    ));
    let pack = pack_with_note(&root.path().join("pack"));
    ok(at(&owner, OWNER_NOW, &["group", "publish", pack.to_str().unwrap()]));
    joined_member(&member, created["invite"].as_str().unwrap());

    // The meeting as an .ics file: whole, private, and never over another file without --force.
    let file = root.path().join("tuesday.ics");
    let written = json(at(
        &member,
        MEMBER_NOW,
        &["--json", "group", "ics", NAME, "tuesday-circle", "--out", file.to_str().unwrap()],
    ));
    assert_eq!(written["path"], file.to_str().unwrap());
    let ics = std::fs::read_to_string(&file).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
    for line in [
        "DTSTART;TZID=Europe/London:20270105T190000",
        "DURATION:PT1H30M",
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "STATUS:CONFIRMED",
        "URL:https://meet.example.org/tuesday-circle",
    ] {
        assert!(ics.contains(&format!("\r\n{line}\r\n")), "{line} in\n{ics}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let again = at(&member, MEMBER_NOW, &["group", "ics", NAME, "tuesday-circle", "--out", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2), "an existing file is kept");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), ics);
    // Printed into a pipe, byte for byte the same (but for the stamp, which is the same clock here).
    assert_eq!(ok(at(&member, MEMBER_NOW, &["group", "ics", NAME, "tuesday-circle"])), ics);
    let not_meeting = at(&member, MEMBER_NOW, &["group", "ics", NAME, "listening-line"]);
    assert!(!not_meeting.status.success());

    // The Library's lines: the official ones, then the group's, labelled.
    let lines = json(at(&member, MEMBER_NOW, &["--json", "library", "lines"]));
    assert_eq!(lines["region"], "US");
    assert!(!lines["official"].as_array().unwrap().is_empty());
    assert_eq!(lines["groups"][0]["group_name"], NAME);
    let text = ok(at(&member, MEMBER_NOW, &["library", "lines"]));
    let official = lines["official"][0]["words"].as_str().unwrap();
    assert!(text.find(official).unwrap() < text.find("From Tuesday circle: Listening line").unwrap(), "{text}");
    // Half a year on, the line is marked as not re-confirmed.
    let later = ok(at(&member, "2027-07-10T12:00:00Z", &["library", "lines"]));
    assert!(later.contains("Not re-confirmed since 2 January 2027"), "{later}");

    // The article's content note comes before its text.
    let list = json(at(&member, MEMBER_NOW, &["--json", "library", "list"]));
    let article = list.as_array().unwrap().iter().find(|g| g["id"].as_str().unwrap().starts_with("group:")).unwrap();
    let id = article["id"].as_str().unwrap().to_owned();
    let read = ok(at(&member, MEMBER_NOW, &["library", "read", &id]));
    let note = read.find("Content note: stillbirth").unwrap_or_else(|| panic!("{read}"));
    assert!(note < read.find("Whatever brought you here").unwrap(), "{read}");
    assert_eq!(json(at(&member, MEMBER_NOW, &["--json", "library", "read", &id]))["content_notes"][0], "stillbirth");
    ok(at(&member, MEMBER_NOW, &["library", "bookmark", &id]));

    // Leaving without a terminal and without --yes keeps the reminder (and says how to delete it).
    let followed = json(at(&member, MEMBER_NOW, &["--json", "group", "follow", NAME, "tuesday-circle"]));
    let guid = followed["reminder"]["guid"].as_str().unwrap().to_owned();

    // The group moves the meeting to 19:30: the member's refresh moves the reminder.
    let moved = root.path().join("moved");
    std::fs::create_dir_all(&moved).unwrap();
    for entry in std::fs::read_dir(&pack).unwrap() {
        let path = entry.unwrap().path();
        let text =
            std::fs::read_to_string(&path).unwrap().replace("start: 2027-01-05T19:00:00", "start: 2027-01-05T19:30:00");
        std::fs::write(moved.join(path.file_name().unwrap()), text).unwrap();
    }
    ok(at(&owner, "2027-02-01T13:00:00Z", &["group", "publish", moved.to_str().unwrap()]));
    ok(at(&member, "2027-02-01T14:00:00Z", &["group", "refresh"]));
    let reminders = json(at(&member, "2027-02-01T14:00:00Z", &["--json", "reminders", "list"]));
    assert_eq!(reminders[0]["schedule"]["time"], "19:30", "{reminders}");

    let left = json(at(&member, MEMBER_NOW, &["--json", "group", "leave", NAME]));
    assert_eq!(left["left"], NAME);
    assert_eq!(left["reminders_kept"][0], guid.as_str());
    assert_eq!(left["states_removed"], 1);
    let reminders = json(at(&member, MEMBER_NOW, &["--json", "reminders", "list"]));
    assert_eq!(reminders.as_array().unwrap().len(), 1);
    assert!(json(at(&member, MEMBER_NOW, &["--json", "library", "bookmarks"])).as_array().unwrap().is_empty());
    assert!(!json(at(&member, MEMBER_NOW, &["--json", "library", "list"])).to_string().contains("group:"));
    assert!(json(at(&member, MEMBER_NOW, &["--json", "library", "lines"]))["groups"].as_array().unwrap().is_empty());

    // Joining again and leaving with --yes deletes the reminder made from the meeting.
    ok(at(&member, MEMBER_NOW, &["reminders", "delete", &guid]));
    ok(at(&member, MEMBER_NOW, &["group", "join", created["invite"].as_str().unwrap()]));
    ok(at(&member, MEMBER_NOW, &["group", "follow", NAME, "tuesday-circle"]));
    let left = ok(at(&member, MEMBER_NOW, &["group", "leave", NAME, "--yes"]));
    assert!(left.contains("The 1 reminder made from its meetings was deleted too."), "{left}");
    assert!(json(at(&member, MEMBER_NOW, &["--json", "reminders", "list"])).as_array().unwrap().is_empty());
}
