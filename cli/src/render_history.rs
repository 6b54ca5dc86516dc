//! `mend history` in words: one line per check-in or event, its local time, the zone it was made in when
//! that is not the home zone, and the person's note beneath it in their own words (hidden with `--no-notes`
//! for a shared screen). The text is escaped for the terminal where it is printed (`output::print_human`).

use mend_core::ids::short_id;
use mend_core::journal::HistoryEntry;

use crate::render::{checkin_summary, event_summary, local_time};

/// How history is shown.
pub struct Shown<'a> {
    /// The home zone: entries made elsewhere name their zone.
    pub home_zone: &'a str,
    /// Whether notes are shown beneath their entries.
    pub notes: bool,
}

/// An entry's line, and its note beneath it (indented, each of its lines) when notes are shown.
pub fn entry(e: &HistoryEntry, shown: &Shown<'_>) -> String {
    let (guid, day, at, zone, summary, note) = match e {
        HistoryEntry::Checkin(c) => (
            &c.guid,
            c.day,
            c.at,
            &c.time_zone,
            format!("check-in: {}", checkin_summary(&c.data)),
            c.data.note.as_deref(),
        ),
        HistoryEntry::Event(e) => (&e.guid, e.day, e.at, &e.time_zone, event_summary(&e.details), e.note.as_deref()),
    };
    let place = if zone == shown.home_zone { String::new() } else { format!(" ({zone})") };
    // The short id last, for `mend delete` and the like.
    let mut text = format!("{day} {}{place}  {summary}  [{}]", local_time(at, zone), short_id(guid));
    if let Some(note) = note.filter(|n| shown.notes && !n.trim().is_empty()) {
        for line in note.trim_end().lines() {
            text.push_str("\n    ");
            text.push_str(line);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use mend_core::journal::{CheckIn, CheckInData};

    fn checkin(zone: &str, note: Option<&str>) -> HistoryEntry {
        let at = Utc.with_ymd_and_hms(2026, 5, 14, 13, 30, 0).unwrap();
        HistoryEntry::Checkin(CheckIn {
            guid: "c1".into(),
            at,
            time_zone: zone.into(),
            day: NaiveDate::from_ymd_opt(2026, 5, 14).unwrap(),
            data: CheckInData { mood: Some(4), note: note.map(str::to_owned), ..CheckInData::default() },
            created_at: at,
            updated_at: at,
        })
    }

    #[test]
    fn notes_show_beneath_their_entry_unless_hidden() {
        let e = checkin("Europe/Dublin", Some("Rough night.\nSlept after 3."));
        let home = Shown { home_zone: "Europe/Dublin", notes: true };
        assert_eq!(
            entry(&e, &home),
            "2026-05-14 14:30  check-in: mood 4/10 · a note  [c1]\n    Rough night.\n    Slept after 3."
        );
        let shared = Shown { notes: false, ..home };
        assert_eq!(entry(&e, &shared), "2026-05-14 14:30  check-in: mood 4/10 · a note  [c1]");
    }

    #[test]
    fn an_entry_made_in_another_zone_names_it() {
        let e = checkin("America/New_York", None);
        let shown = Shown { home_zone: "Europe/Dublin", notes: true };
        assert_eq!(entry(&e, &shown), "2026-05-14 09:30 (America/New_York)  check-in: mood 4/10  [c1]");
    }
}
