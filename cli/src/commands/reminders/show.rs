//! Words for reminders in the terminal, in Mend's voice: what a schedule means, how a reminder stands, when
//! it fires next. The terminal is the person's own, so their titles are shown here; notifications follow the
//! discreet setting in the core.

use chrono::{DateTime, Utc};
use mend_core::reminders::{Firing, ReminderListing, ReminderStatus};
use mend_core::zone::Zone;

/// "Tue 2 Jun 09:00" in `zone`.
pub fn when(at: DateTime<Utc>, zone: Zone) -> String {
    at.with_timezone(&zone).format("%a %-d %b %H:%M").to_string()
}

/// When it fires next, or why it doesn't.
pub fn next(l: &ReminderListing, zone: Zone) -> String {
    match (l.status, l.next_at_utc) {
        (ReminderStatus::Paused, _) => "Paused.".to_owned(),
        (ReminderStatus::Waiting, _) => "Waiting until massage is advisable after your loss.".to_owned(),
        (ReminderStatus::Ended, _) => "Finished.".to_owned(),
        (ReminderStatus::Active, Some(at)) if l.next_moved_by_quiet_hours => {
            format!("Next: {}, moved to the end of your quiet hours.", when(at, zone))
        }
        (ReminderStatus::Active, Some(at)) => format!("Next: {}.", when(at, zone)),
        (ReminderStatus::Active, None) => "Not due in the next year.".to_owned(),
    }
}

/// One line per reminder.
pub fn listing(l: &ReminderListing, zone: Zone) -> String {
    let r = &l.reminder;
    let place = r.time_zone.clone().unwrap_or_else(|| "wherever you are".to_owned());
    format!(
        "{} ({}): {}, {}. {}  [{}]",
        r.title,
        r.kind.code().replace('_', " "),
        l.words,
        place,
        next(l, zone),
        r.guid
    )
}

/// One line per firing, its time shown in `zone` (where the person is).
pub fn firing(f: &Firing, zone: Zone) -> String {
    let mut notes = Vec::new();
    if f.snoozed {
        notes.push("snoozed");
    }
    if f.moved_by_quiet_hours {
        notes.push("after quiet hours");
    }
    let notes = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join(", ")) };
    format!("{}  {}{}  [{}]", when(f.at_utc, zone), f.title, notes, f.id)
}
