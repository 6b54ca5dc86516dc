//! `mend reminders snooze`, `done`, `skip` and `adherence`. The id may be a reminder's id (meaning the
//! occurrence due most recently, within a day, else the next) or a firing's id from `plan`; `--occurrence`
//! names one exactly.

use chrono::{DateTime, Duration, Utc};
use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::reminders::{OccurrenceRecord, OccurrenceStatus};
use mend_core::zone::Zone;
use serde::Serialize;

use super::show;
use crate::context::Context;
use crate::here::current_zone;
use crate::output::{CliError, emit};
use crate::parse;

#[derive(Debug, ClapArgs)]
pub struct OccurrenceArgs {
    /// A reminder's id, or a firing's id from `mend reminders plan`.
    #[arg(allow_hyphen_values = true)]
    id: String,
    /// The occurrence, as the instant it was due (RFC 3339); default the one just due, else the next.
    #[arg(long, value_name = "INSTANT")]
    occurrence: Option<String>,
    /// The IANA zone you are in now (default your home zone).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct SnoozeArgs {
    #[command(flatten)]
    target: OccurrenceArgs,
    /// 10m, 1h or tomorrow (the same time tomorrow).
    #[arg(long = "for", value_name = "HOW_LONG", default_value = "10m")]
    how_long: String,
}

#[derive(Debug, ClapArgs)]
pub struct AdherenceArgs {
    /// The reminder's id.
    #[arg(allow_hyphen_values = true)]
    id: String,
    /// How many days back to look, up to and including today.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3660))]
    days: u32,
    /// The IANA zone you are in now (default your home zone).
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

/// The reminder and occurrence an id and `--occurrence` point at.
fn target(mend: &Mend, args: &OccurrenceArgs, zone: Zone) -> Result<(String, Option<DateTime<Utc>>), CliError> {
    let named = args.occurrence.as_deref().map(|t| parse::instant("occurrence", t)).transpose()?;
    if mend.reminders().reminder(&args.id)?.is_some() {
        return Ok((args.id.clone(), named));
    }
    match mend.reminders().find_firing(&args.id, zone)? {
        Some((reminder, occurrence)) => Ok((reminder, named.or(Some(occurrence)))),
        None => Err(mend_core::Error::not_found("reminder").into()),
    }
}

/// What `snooze --json` prints: the occurrence's record, and when it will really ring (after quiet hours).
#[derive(Serialize)]
struct Snoozed {
    #[serde(flatten)]
    record: OccurrenceRecord,
    rings_at: Option<DateTime<Utc>>,
}

pub fn snooze(ctx: &Context, args: SnoozeArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let zone = current_zone(&mend, args.target.tz.as_deref())?;
    let by = parse::snooze(&args.how_long)?;
    let (reminder, occurrence) = target(&mend, &args.target, zone)?;
    let record = mend.reminders().snooze(&reminder, occurrence, by, zone)?;
    let rings_at = record.snoozed_until.map(|at| mend.reminders().rings_at(at, zone)).transpose()?;
    let snoozed = Snoozed { record, rings_at };
    emit(ctx.json, &snoozed, || match (snoozed.record.snoozed_until, snoozed.rings_at) {
        (Some(at), Some(rings)) if rings != at => format!(
            "Snoozed until {}. That falls in your quiet hours, so it will ring at {} instead.",
            show::when(at, zone),
            show::when(rings, zone)
        ),
        (Some(at), _) => format!("Snoozed until {}.", show::when(at, zone)),
        (None, _) => "Snoozed.".to_owned(),
    });
    Ok(())
}

pub fn mark(ctx: &Context, args: OccurrenceArgs, done: bool) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let zone = current_zone(&mend, args.tz.as_deref())?;
    let (reminder, occurrence) = target(&mend, &args, zone)?;
    let reminders = mend.reminders();
    let record = if done {
        reminders.done(&reminder, occurrence, zone)?
    } else {
        reminders.skip(&reminder, occurrence, zone)?
    };
    emit(ctx.json, &record, || {
        let when = show::when(record.occurrence, zone);
        match record.status {
            OccurrenceStatus::Done => format!("Marked done ({when})."),
            _ => format!("Skipped ({when}). That's fine."),
        }
    });
    Ok(())
}

pub fn adherence(ctx: &Context, args: AdherenceArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let zone = current_zone(&mend, args.tz.as_deref())?;
    let today = mend.now().with_timezone(&zone).date_naive();
    let from_day = today - Duration::days(i64::from(args.days) - 1);
    let from = mend_core::reminders::resolve_local(zone, from_day.and_hms_opt(0, 0, 0).expect("midnight"));
    let to =
        mend_core::reminders::resolve_local(zone, (today + Duration::days(1)).and_hms_opt(0, 0, 0).expect("midnight"));
    let a = mend.reminders().adherence(&args.id, from, to, zone)?;
    emit(ctx.json, &a, || {
        let days = if args.days == 1 { "today".to_owned() } else { format!("the last {} days", args.days) };
        let mut text =
            format!("Over {days}: {} done, {} skipped, {} with nothing marked.", a.done, a.skipped, a.missed);
        if a.upcoming > 0 {
            text.push_str(&format!(" {} still to come today.", a.upcoming));
        }
        text
    });
    Ok(())
}
