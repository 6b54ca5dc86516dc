//! The `.ics` of a meeting read back as a calendar would: CRLF lines of at most 75 octets that unfold to the
//! original, balanced components, the zone's real changes in the VTIMEZONE, and text escaped.

use chrono::{TimeZone, Utc};

use super::device::GroupItem;
use super::ics::{duration, fold, meeting_ics, text};
use super::items::{ItemBody, Meeting};
use crate::fixtures::groups as fixtures;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 2, 1, 12, 0, 0).unwrap()
}

fn entry(edit: impl FnOnce(&mut Meeting)) -> (GroupItem, Meeting) {
    let mut item = fixtures::meeting("tuesday-circle");
    let ItemBody::Meeting(meeting) = &mut item.body else { unreachable!("a meeting") };
    edit(meeting);
    let meeting = meeting.clone();
    (GroupItem { group_id: "ab12".into(), group_name: "Tuesday circle".into(), item }, meeting)
}

fn ics(edit: impl FnOnce(&mut Meeting)) -> String {
    let (entry, meeting) = entry(edit);
    meeting_ics(&entry, &meeting, now())
}

/// The content lines, unfolded.
fn unfolded(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

#[test]
fn a_weekly_london_meeting() {
    let ics = ics(|_| {});
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let lines = unfolded(&ics);
    for wanted in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "UID:tuesday-circle.ab12@groups.mend.invalid",
        "DTSTAMP:20270201T120000Z",
        "SEQUENCE:1",
        "DTSTART;TZID=Europe/London:20270105T190000",
        "DURATION:PT1H30M",
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "SUMMARY:Tuesday circle",
        "DESCRIPTION:From Tuesday circle.",
        "URL:https://meet.example.org/tuesday",
        "STATUS:CONFIRMED",
        "TZID:Europe/London",
    ] {
        assert!(lines.iter().any(|l| l == wanted), "{wanted} in\n{ics}");
    }
    for component in ["VCALENDAR", "VTIMEZONE", "VEVENT"] {
        let begins = lines.iter().filter(|l| **l == format!("BEGIN:{component}")).count();
        let ends = lines.iter().filter(|l| **l == format!("END:{component}")).count();
        assert_eq!((begins, ends), (1, 1), "{component}");
    }
    // The UK's 2027 changes: 01:00 GMT on 28 March, 02:00 BST on 31 October.
    let text = lines.join("\n");
    assert!(
        text.contains("BEGIN:DAYLIGHT\nDTSTART:20270328T010000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nEND:DAYLIGHT"),
        "{text}"
    );
    assert!(
        text.contains("BEGIN:STANDARD\nDTSTART:20271031T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nEND:STANDARD"),
        "{text}"
    );
}

#[test]
fn cancelled_in_a_room_with_words_that_need_escaping() {
    let ics = ics(|m| {
        m.cancelled = true;
        m.title = "Coffee, cake; and \\ a chat".into();
        m.place = Some("St Mary's hall, room 2".into());
        m.link = None;
        m.rrule = None;
        m.details = Some("Bring a friend.\nNo need to book.".into());
    });
    let lines = unfolded(&ics);
    for wanted in [
        "STATUS:CANCELLED",
        "SUMMARY:Coffee\\, cake\\; and \\\\ a chat",
        "LOCATION:St Mary's hall\\, room 2",
        "DESCRIPTION:From Tuesday circle.\\n\\nBring a friend.\\nNo need to book.",
    ] {
        assert!(lines.iter().any(|l| l == wanted), "{wanted} in\n{ics}");
    }
    assert!(!lines.iter().any(|l| l.starts_with("RRULE") || l.starts_with("URL")), "{ics}");
}

#[test]
fn long_lines_fold_between_characters_and_unfold_to_the_original() {
    let line = format!("DESCRIPTION:{}", "Grief has no timetable — ő ü 🌿 ".repeat(12));
    let folded = fold(&line);
    for physical in folded.trim_end_matches("\r\n").split("\r\n") {
        assert!(physical.len() <= 75, "{physical}");
    }
    assert!(folded.trim_end_matches("\r\n").split("\r\n").skip(1).all(|l| l.starts_with(' ')));
    assert_eq!(folded.replace("\r\n ", "").trim_end_matches("\r\n"), line);
    assert_eq!(fold("SHORT:1"), "SHORT:1\r\n");
}

#[test]
fn durations_and_text() {
    assert_eq!(duration(90), "PT1H30M");
    assert_eq!(duration(45), "PT45M");
    assert_eq!(duration(120), "PT2H");
    assert_eq!(text("a\r\nb\u{7}c"), "a\\nbc");
}

#[test]
fn a_zone_without_changes_has_one_observance() {
    let ics = ics(|m| m.time_zone = "Asia/Tokyo".into());
    let lines = unfolded(&ics);
    assert!(lines.iter().any(|l| l == "DTSTART;TZID=Asia/Tokyo:20270105T190000"));
    let text = lines.join("\n");
    assert!(text.contains("BEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0900\nTZOFFSETTO:+0900"), "{text}");
    assert!(!text.contains("DAYLIGHT"));
}
