//! `mend today`: the dashboard, anything that needs attention first (alerts, then markers, then readiness).
//! Gentle words for a person; with `--json`, the core's `Today` as it is.

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::{guide_text, render, render_care};

const WELCOME: &str = "Welcome to Mend, a private companion for recovery after a miscarriage.\n\
Your journal stays on this device. To begin, tell Mend about your loss, for example:\n  \
mend init --loss-date 2026-05-01 --weeks 9 --tz Europe/Dublin --region IE";

pub fn run(ctx: &Context) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let today = mend.today_dashboard()?;
    let zone = mend.time_zone()?.name().to_owned();
    emit(ctx.json, &today, || {
        if !today.set_up {
            return WELCOME.to_owned();
        }
        let mut lines = Vec::new();
        // What needs attention first: alerts, then what to expect by when, then what's safe again.
        // Open alerts as one card while any is not yet seen; once all are seen, one short line each.
        match &today.care_card {
            Some(card) if today.alerts.iter().any(|a| !a.acknowledged) => {
                lines.extend(render_care::card(&mend, card, &today.alerts));
                lines.push(String::new());
            }
            _ if !today.alerts.is_empty() => {
                lines.extend(render_care::alerts(&mend, &today.alerts));
                lines.push(String::new());
            }
            _ => {}
        }
        // Info cards: no alert, the core's self-care words and when to get seen.
        for note in &today.care_notes {
            lines.push(format!("Note: {} {}", note.message, note.action));
            lines.push(String::new());
        }
        lines.push(render::day(today.today));
        lines.push(String::new());
        if !today.markers.is_empty() {
            lines.push("What usually happens, and when to call:".to_owned());
            lines.extend(render_care::markers(&today.markers));
            lines.push(String::new());
        }
        lines.push("When things are safe again:".to_owned());
        lines.extend(render_care::readiness(&today.readiness, true));
        lines.push(String::new());
        lines.extend(render::insights(&today.insights));
        match &today.latest_checkin {
            Some(c) => lines.push(format!(
                "Last check-in: {} at {}: {}.",
                if c.day == today.today { "today".to_owned() } else { c.day.format("%-d %B").to_string() },
                render::local_time(c.at, &c.time_zone),
                render::checkin_summary(&c.data)
            )),
            None => lines.push("No check-ins yet.".to_owned()),
        }
        if !today.upcoming_reminders.is_empty() {
            lines.push(String::new());
            lines.push("Coming up:".to_owned());
            for f in &today.upcoming_reminders {
                let when = render::day_and_time(f.at_utc, &zone, today.today);
                lines.push(format!("  {when}: {}", f.title));
            }
        }
        if !today.suggestions.is_empty() {
            lines.push(String::new());
            lines.push("For you now:".to_owned());
            for s in &today.suggestions {
                lines.push(format!("  {} ({})", s.guide.title, guide_text::read_command(&s.guide.id)));
                lines.push(format!("    {}", s.reason));
            }
        }
        if today.checkins_today == 0 {
            lines.push(String::new());
            lines.push(
                "Whenever you're ready, a quick check-in helps Mend look out for you: mend checkin --mood 5".to_owned(),
            );
        }
        lines.join("\n")
    });
    Ok(())
}
