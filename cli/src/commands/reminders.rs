//! `mend reminders …`: add, list, edit, pause, resume, delete, snooze, done, skip, adherence, plan,
//! quiet-hours and suggest. This file lists the subcommands and dispatches; `reminders/` holds one file per
//! concern (schedule arguments, occurrences, the plan, words for people).

mod occurrence;
mod plan;
mod schedule;
mod show;

use clap::{Args as ClapArgs, Subcommand};
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};

pub use schedule::QuietArgs;

#[derive(Debug, Subcommand)]
pub enum RemindersCommand {
    /// Add a reminder: a one-off (--at), or repeating in words (--every day --times 09:00; --on mon,thu) or by
    /// an RFC 5545 rule (--rrule and --time).
    Add(schedule::AddArgs),
    /// Your reminders, how each stands and when it next fires.
    List(ZoneArg),
    /// Change a reminder: only what you pass changes.
    Edit(schedule::EditArgs),
    /// Pause a reminder until you resume it.
    Pause(IdArg),
    /// Resume a paused reminder.
    Resume(IdArg),
    /// Delete a reminder and its history.
    Delete(IdArg),
    /// Snooze the reminder that just fired: 10m, 1h or tomorrow (same time).
    Snooze(occurrence::SnoozeArgs),
    /// Mark the reminder that just fired (or the next one) done.
    Done(occurrence::OccurrenceArgs),
    /// Skip the reminder that just fired (or the next one).
    Skip(occurrence::OccurrenceArgs),
    /// How a reminder was kept: done, skipped and not marked, over the last days.
    Adherence(occurrence::AdherenceArgs),
    /// The notifications Mend would schedule, in order.
    Plan(plan::PlanArgs),
    /// Quiet hours: reminders that fall inside them wait until they end.
    QuietHours(QuietArgs),
    /// Reminders Mend can suggest (nothing is added unless you say so).
    Suggest(plan::SuggestArgs),
}

/// A reminder's id.
#[derive(Debug, ClapArgs)]
pub struct IdArg {
    /// The reminder's id (see `mend reminders list --json`).
    #[arg(allow_hyphen_values = true)]
    id: String,
}

/// The zone you are in now (default: your home zone).
#[derive(Debug, ClapArgs)]
pub struct ZoneArg {
    /// The IANA zone you are in now; floating reminders follow it (default: your home zone).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

#[derive(Serialize)]
struct Deleted<'a> {
    deleted: &'a str,
}

pub fn run(ctx: &Context, command: RemindersCommand) -> Result<(), CliError> {
    match command {
        RemindersCommand::Add(args) => schedule::add(ctx, args),
        RemindersCommand::List(args) => list(ctx, args),
        RemindersCommand::Edit(args) => schedule::edit(ctx, args),
        RemindersCommand::Pause(IdArg { id }) => pause(ctx, &id, true),
        RemindersCommand::Resume(IdArg { id }) => pause(ctx, &id, false),
        RemindersCommand::Delete(IdArg { id }) => {
            ctx.open()?.reminders().delete(&id)?;
            emit(ctx.json, &Deleted { deleted: &id }, || "Deleted. Its history is gone too.".to_owned());
            Ok(())
        }
        RemindersCommand::Snooze(args) => occurrence::snooze(ctx, args),
        RemindersCommand::Done(args) => occurrence::mark(ctx, args, true),
        RemindersCommand::Skip(args) => occurrence::mark(ctx, args, false),
        RemindersCommand::Adherence(args) => occurrence::adherence(ctx, args),
        RemindersCommand::Plan(args) => plan::plan(ctx, args),
        RemindersCommand::QuietHours(args) => schedule::quiet_hours(ctx, args),
        RemindersCommand::Suggest(args) => plan::suggest(ctx, args),
    }
}

fn list(ctx: &Context, args: ZoneArg) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let zone = crate::here::current_zone(&mend, args.tz.as_deref())?;
    let listings = mend.reminders().list(zone)?;
    emit(ctx.json, &listings, || {
        if listings.is_empty() {
            return "No reminders yet. To add one: mend reminders add --kind check-in --title \"Check in\" \
                    --every day --times 20:00"
                .to_owned();
        }
        listings.iter().map(|l| show::listing(l, zone)).collect::<Vec<_>>().join("\n")
    });
    Ok(())
}

fn pause(ctx: &Context, id: &str, paused: bool) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let reminders = mend.reminders();
    if paused {
        reminders.pause(id)?;
    } else {
        reminders.resume(id)?;
    }
    let zone = mend.time_zone()?;
    let listing = schedule::listing_of(&mend, id, zone)?;
    emit(ctx.json, &listing, || {
        if paused {
            "Paused. Nothing will fire until you resume it.".to_owned()
        } else {
            format!("Resumed. {}", show::next(&listing, zone))
        }
    });
    Ok(())
}
