//! A group's meeting as an iCalendar file (RFC 5545), so it can go into any calendar: one VCALENDAR holding a
//! VTIMEZONE for the meeting's zone and one VEVENT with DTSTART in that zone (`TZID`), DURATION, the RRULE,
//! STATUS (CANCELLED when the group cancelled it), LOCATION or URL, and the group's words in DESCRIPTION,
//! labelled "From <group>". The UID is stable (the item and group ids) and SEQUENCE is the item's version, so
//! importing a newer export updates the event instead of adding a second.
//!
//! Text values are escaped (`\\`, `\;`, `\,`, new lines as `\n`); lines end in CRLF and are folded at 75
//! octets, never inside a UTF-8 character. The VTIMEZONE lists the zone's actual changes of offset for ten years
//! from the meeting's first year (from this platform's time-zone database), so a calendar that does not know the
//! IANA name still places each meeting right; one that knows it uses its own rules.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

use super::device::GroupItem;
use super::items::Meeting;
use crate::zone::Zone;

/// Years of offset changes the VTIMEZONE lists.
const VTIMEZONE_YEARS: i32 = 10;
/// The longest line, in octets, before folding (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// The meeting of `entry` as an iCalendar file, stamped at `now`.
pub fn meeting_ics(entry: &GroupItem, meeting: &Meeting, now: DateTime<Utc>) -> String {
    let zone = Zone::named_or_utc(&meeting.time_zone);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Mend//Support groups//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
    ];
    let first_year = meeting.start.year().max(now.year() - 1);
    lines.extend(vtimezone(zone, first_year));
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!("UID:{}.{}@groups.mend.invalid", entry.item.id, entry.group_id));
    lines.push(format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")));
    lines.push(format!("SEQUENCE:{}", entry.item.version));
    lines.push(format!("DTSTART;TZID={}:{}", zone.name(), local(meeting.start)));
    lines.push(format!("DURATION:{}", duration(meeting.duration_minutes)));
    if let Some(rule) = meeting.rrule.as_deref().and_then(|r| crate::reminders::validate::normalise_rrule(r).ok()) {
        lines.push(format!("RRULE:{rule}"));
    }
    lines.push(format!("SUMMARY:{}", text(&meeting.title)));
    let mut description = format!("From {}.", entry.group_name);
    if let Some(details) = &meeting.details {
        description = format!("{description}\n\n{details}");
    }
    lines.push(format!("DESCRIPTION:{}", text(&description)));
    if let Some(place) = &meeting.place {
        lines.push(format!("LOCATION:{}", text(place)));
    }
    if let Some(link) = &meeting.link {
        // A URI value (checked when the pack was verified: https, no white space or control characters).
        lines.push(format!("URL:{link}"));
        if meeting.place.is_none() {
            lines.push(format!("LOCATION:{}", text(link)));
        }
    }
    lines.push(format!("STATUS:{}", if meeting.cancelled { "CANCELLED" } else { "CONFIRMED" }));
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold(line));
    }
    out
}

/// A wall-clock date-time as iCalendar writes it: `20270105T190000`.
fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// A duration in minutes as an iCalendar duration: `PT1H30M`, `PT45M`, `PT2H`.
pub fn duration(minutes: u16) -> String {
    let (hours, minutes) = (minutes / 60, minutes % 60);
    match (hours, minutes) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and new lines; other control
/// characters are dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at [`FOLD_AT`] octets (continuations start with a space) and ended with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / FOLD_AT * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        // The first line holds 75 octets; each continuation holds 74 after its leading space.
        if used + c.len_utf8() > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// The zone's offset at `at`, in seconds east of UTC.
fn offset(zone: Zone, at: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc()
}

/// `+0100`, `-0500`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// Each change of the zone's offset from the start of `first_year` for [`VTIMEZONE_YEARS`]: (the instant, the
/// offset before, the offset after), found a day at a time and then to the minute.
fn changes(zone: Zone, first_year: i32) -> Vec<(DateTime<Utc>, i32, i32)> {
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut at = Utc.from_utc_datetime(&start);
    let end = at + Duration::days(i64::from(VTIMEZONE_YEARS) * 366);
    let mut out = Vec::new();
    while at < end {
        let next = at + Duration::days(1);
        let (before, after) = (offset(zone, at), offset(zone, next));
        if before != after {
            // The first whole minute with the new offset (`at` is a UTC midnight, so minutes stay whole).
            let (mut low, mut high) = (0_i64, 24 * 60);
            while high - low > 1 {
                let mid = (low + high) / 2;
                if offset(zone, at + Duration::minutes(mid)) == before { low = mid } else { high = mid }
            }
            out.push((at + Duration::minutes(high), before, after));
        }
        at = next;
    }
    out
}

/// The VTIMEZONE for `zone`: each change as its own STANDARD or DAYLIGHT observance (the larger offset of a
/// pair is daylight time), or one STANDARD for a zone with no changes.
fn vtimezone(zone: Zone, first_year: i32) -> Vec<String> {
    let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{}", zone.name())];
    let found = changes(zone, first_year);
    if found.is_empty() {
        let start =
            NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
        let fixed = offset(zone, Utc.from_utc_datetime(&start));
        lines.extend([
            "BEGIN:STANDARD".to_owned(),
            "DTSTART:19700101T000000".to_owned(),
            format!("TZOFFSETFROM:{}", offset_text(fixed)),
            format!("TZOFFSETTO:{}", offset_text(fixed)),
            "END:STANDARD".to_owned(),
        ]);
    }
    for (at, before, after) in found {
        let kind = if after > before { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART is the wall-clock time of the change by the offset in force before it.
        let wall = at.naive_utc() + Duration::seconds(i64::from(before));
        lines.extend([
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", local(wall)),
            format!("TZOFFSETFROM:{}", offset_text(before)),
            format!("TZOFFSETTO:{}", offset_text(after)),
            format!("END:{kind}"),
        ]);
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}
