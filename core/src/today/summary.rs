//! Today's first lines: "how am I doing?" answered before anything else — how long since the loss, the latest
//! check-in, whether anything needs care, and what to do today — in Mend's words, so every app shows the same.

use chrono::NaiveDate;

use crate::care::{Alert, Marker, MarkerState};
use crate::journal::CheckIn;
use crate::reminders::Firing;
use crate::zone::Zone;

/// What the summary is made from.
pub(crate) struct Parts<'a> {
    pub today: NaiveDate,
    pub days_since_loss: Option<i64>,
    pub week_of_recovery: Option<i64>,
    pub latest_checkin: Option<&'a CheckIn>,
    pub checkins_today: u32,
    pub alerts: &'a [Alert],
    pub markers: &'a [Marker],
    pub upcoming: &'a [Firing],
}

/// The summary's lines, in order: the time since the loss (the first line, once a loss is recorded), the
/// latest check-in, whether anything needs care, and what to do today.
pub(crate) fn lines(p: &Parts<'_>) -> Vec<String> {
    let mut out = Vec::new();
    match (p.days_since_loss, p.week_of_recovery) {
        (Some(0), _) => out.push("Today is the day of your loss. Be gentle with yourself.".to_owned()),
        (Some(1), _) => out.push("1 day since your loss.".to_owned()),
        (Some(days), Some(week)) => out.push(format!("{days} days since your loss, week {week} of your recovery.")),
        (Some(days), None) => out.push(format!("{days} days since your loss.")),
        (None, _) => {}
    }
    out.push(match p.latest_checkin {
        Some(c) if c.day == p.today => {
            let time = c.at.with_timezone(&Zone::named_or_utc(&c.time_zone)).format("%H:%M");
            format!("You checked in today at {time}.")
        }
        Some(c) => format!("Your last check-in was on {}.", c.day.format("%-d %B")),
        None => "No check-ins yet.".to_owned(),
    });
    let open = p.alerts.iter().filter(|a| a.open).count();
    out.push(match open {
        0 => "Nothing you've logged needs care now.".to_owned(),
        1 => "Something you logged needs care: what to do is just below.".to_owned(),
        _ => "Some things you logged need care: what to do is just below.".to_owned(),
    });
    out.push(today_line(p));
    out
}

/// What to do today: a marker whose "contact if not by" date has come, else a reminder due today, else a
/// check-in if there has been none today, else nothing more.
fn today_line(p: &Parts<'_>) -> String {
    if p.markers.iter().any(|m| m.state == MarkerState::Overdue) {
        // The marker's own words (below) say what has not happened yet and whom to call.
        return "Today: something is worth a call. Whom to call, and why, is below.".to_owned();
    }
    if let Some(f) = p.upcoming.iter().find(|f| f.at_local.date_naive() == p.today) {
        return format!("Today: {} at {}.", f.title, f.at_local.format("%H:%M"));
    }
    if p.checkins_today == 0 {
        return "Whenever you're ready, a quick check-in helps Mend look out for you.".to_owned();
    }
    "Nothing else is planned for today.".to_owned()
}
