//! `mend today`: the dashboard. "How am I doing?" first (the core's summary), then anything that needs care (the
//! care card), what is due now, what is safe again, a few insights, what is coming up and guides for now — a few
//! lines each, the full lists one command away (`mend markers`, `mend readiness`, `mend library suggest`). Gentle
//! words for a person; with `--json`, the core's `Today` as it is. "Today" is the person's day where they are now
//! (`--tz`, else `TZ`, else the home zone).

use clap::Args as ClapArgs;

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::{guide_text, render, render_care};

const WELCOME: &str = "Welcome to Mend, a private companion for recovery after a miscarriage.\n\
Your journal stays on this device. To begin, tell Mend about your loss, for example:\n  \
mend init --loss-date 2026-05-01 --weeks 9 --tz Europe/Dublin --region IE";

/// Guides shown on Today at 80 columns (the rest: `mend library suggest`).
const TODAY_SUGGESTIONS: usize = 2;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Where you are now (an IANA zone): "today" is your day there. Default: TZ, else your home zone.
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let zone = crate::here::current_zone(&mend, args.tz.as_deref())?.name().to_owned();
    let today = mend.today_dashboard_here(Some(&zone))?;
    let with_lines = crate::group_lines::for_alerts(&mend, &today.alerts);
    emit(ctx.json, &today, || {
        if !today.set_up {
            return WELCOME.to_owned();
        }
        // "How am I doing?" first: the core's summary lines.
        let mut lines: Vec<String> = today.summary.clone();
        lines.push(String::new());
        // Open alerts as one card while any is not yet seen; once all are seen, one short line each.
        // A mood alert's group lines follow the official numbers (never another alert's).
        let from_groups = crate::group_lines::after_alerts(&with_lines);
        match &today.care_card {
            Some(card) if today.alerts.iter().any(|a| !a.acknowledged) => {
                lines.extend(render_care::card(&mend, card, &today.alerts));
                lines.extend(from_groups);
                lines.push(String::new());
            }
            _ if !today.alerts.is_empty() => {
                lines.extend(render_care::alerts(&mend, &today.alerts));
                lines.extend(from_groups);
                lines.push(String::new());
            }
            _ => {}
        }
        // Info cards: no alert, the core's self-care words and when to get seen.
        for note in &today.care_notes {
            lines.push(format!("Note: {} {}", note.message, note.action));
            lines.push(String::new());
        }
        // What to expect: only what is due now or overdue (the rest: mend markers).
        let due: Vec<_> = today.markers.iter().filter(|m| render_care::due_now(m, today.today)).cloned().collect();
        if !due.is_empty() {
            lines.push("What to expect, and when to call:".to_owned());
            lines.extend(render_care::markers(&due));
            lines.push(String::new());
        }
        // When things are safe again: the ready ones in one line, the others one line each (reasons: mend readiness).
        lines.extend(render_care::readiness_brief(&today.readiness));
        lines.push(String::new());
        // Insights, without what the summary already says.
        let insights: Vec<String> =
            render::insights(&today.insights).into_iter().filter(|l| !l.starts_with("It has been")).collect();
        if !insights.is_empty() {
            lines.extend(insights);
            lines.push(String::new());
        }
        if !today.upcoming_reminders.is_empty() {
            lines.push("Coming up:".to_owned());
            for f in &today.upcoming_reminders {
                let when = render::day_and_time(f.at_utc, &zone, today.today);
                lines.push(format!("  {when}: {}", f.title));
            }
            lines.push(String::new());
        }
        if !today.suggestions.is_empty() {
            lines.push("For you now (more: mend library suggest):".to_owned());
            for s in today.suggestions.iter().take(TODAY_SUGGESTIONS) {
                lines.push(format!("  {} ({})", s.guide.title, guide_text::read_command(&s.guide.id)));
                if !s.reason.is_empty() {
                    lines.push(format!("    {}", s.reason));
                }
            }
        }
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        lines.join("\n")
    });
    Ok(())
}
