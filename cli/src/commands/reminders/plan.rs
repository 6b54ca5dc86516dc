//! `mend reminders plan` (the notifications a phone would schedule, in order) and `mend reminders suggest`
//! (reminders Mend can offer; nothing is added unless asked).

use chrono::Duration;
use clap::Args as ClapArgs;
use mend_core::reminders::{MAX_HORIZON, ReminderSuggestion};
use serde::Serialize;

use super::schedule::listing_of;
use super::show;
use crate::context::Context;
use crate::here::current_zone;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct PlanArgs {
    /// How many hours ahead to look (up to 8784, a year).
    #[arg(long, default_value_t = 24)]
    hours: u32,
    /// The IANA zone the phone is in (default your home zone); floating reminders and quiet hours follow it.
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct SuggestArgs {
    /// Add the suggested reminder.
    #[arg(long)]
    add: bool,
}

pub fn plan(ctx: &Context, args: PlanArgs) -> Result<(), CliError> {
    if i64::from(args.hours) > MAX_HORIZON.num_hours() {
        return Err(CliError::field("hours", "must be at most 8784 (a year)"));
    }
    let mend = ctx.open()?;
    let zone = current_zone(&mend, args.tz.as_deref())?;
    let plan = mend.reminders().plan(mend.now(), Duration::hours(i64::from(args.hours)), zone)?;
    emit(ctx.json, &plan, || {
        if !plan.rings_here {
            return "Reminders don't ring on this device (turn them on here with `mend sync reminders on`).".into();
        }
        if plan.firings.is_empty() {
            return format!("Nothing is due in the next {} hours.", args.hours);
        }
        let mut lines = vec![format!("Coming up in the next {} hours:", args.hours)];
        lines.extend(plan.firings.iter().map(|f| format!("  {}", show::firing(f, zone))));
        if plan.capped {
            lines.push(format!("  (the first {}; phones keep at most that many waiting)", plan.cap));
        }
        lines.join("\n")
    });
    Ok(())
}

#[derive(Serialize)]
struct Suggestions {
    suggestions: Vec<ReminderSuggestion>,
}

pub fn suggest(ctx: &Context, args: SuggestArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let suggestion = mend.reminders().suggested_test_reminder()?;
    if args.add {
        let Some(s) = suggestion else {
            return Err(CliError::usage("there is nothing to suggest right now"));
        };
        let saved = mend.reminders().add(s.reminder)?;
        let zone = mend.time_zone()?;
        let listing = listing_of(&mend, &saved.guid, zone)?;
        emit(ctx.json, &listing, || format!("Added. {}", show::next(&listing, zone)));
        return Ok(());
    }
    let out = Suggestions { suggestions: suggestion.into_iter().collect() };
    emit(ctx.json, &out, || match out.suggestions.first() {
        Some(s) => format!(
            "{}\nSuggested: {}, {}.\nTo add it: mend reminders suggest --add",
            s.reason,
            s.reminder.title,
            mend_core::reminders::schedule_words(&s.reminder.schedule)
        ),
        None => "Nothing to suggest right now.".to_owned(),
    });
    Ok(())
}
