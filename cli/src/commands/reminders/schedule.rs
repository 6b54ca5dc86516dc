//! `mend reminders add`, `edit` and `quiet-hours`: turning what was typed (a kind, a title, `--at`, words
//! (`--every`, `--on`, `--times`) or `--rrule`/`--time`, `--tz` or `--floating`, `--until`) into a reminder the
//! core validates. The rule for words is the core's (`reminders::schedule_in_words`), as in both apps.

use chrono::NaiveDate;
use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::reminders::{
    DayOfWeek, Every, NewReminder, PlainSchedule, QuietHours, Reminder, ReminderKind, ReminderListing, Schedule,
    TimeOfDay, schedule_in_words,
};
use mend_core::zone::Zone;
use serde::Serialize;

use super::show;
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::parse::{self, When};

/// When a reminder fires.
#[derive(Debug, ClapArgs)]
pub struct WhenArgs {
    /// A one-off: 2026-06-02T15:00 (in the reminder's zone) or an RFC 3339 instant.
    #[arg(long, value_name = "INSTANT", conflicts_with_all = ["rrule", "every", "on"])]
    at: Option<String>,
    /// Repeating, in words: day, weekday, week, month or year (with --times). A monthly reminder made on the
    /// 29th-31st rings on the last day of shorter months.
    #[arg(long, value_name = "HOW OFTEN", conflicts_with = "rrule")]
    every: Option<String>,
    /// The days for --every week, comma-separated: mon,thu (alone, it means every week on those days).
    #[arg(long, value_name = "DAYS", conflicts_with = "rrule")]
    on: Option<String>,
    /// For power users, instead of --every: an RFC 5545 rule such as FREQ=WEEKLY;BYDAY=MO,TH, kept with RFC
    /// 5545's meaning (FREQ=MONTHLY from the 31st skips shorter months).
    #[arg(long, value_name = "RULE")]
    rrule: Option<String>,
    /// The times of day for a repeating reminder, 24-hour and comma-separated: 09:00 or 09:00,21:00.
    #[arg(long = "times", visible_alias = "time", value_name = "HH:MM,…")]
    times: Option<String>,
    /// The first day of a repeating reminder (default today).
    #[arg(long, value_name = "DATE")]
    start: Option<String>,
    /// The IANA zone its time is in (default your home zone).
    #[arg(long, value_name = "ZONE", conflicts_with = "floating")]
    tz: Option<String>,
    /// Follow the zone you are in, wherever you travel.
    #[arg(long)]
    floating: bool,
    /// The last day it may fire.
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub struct AddArgs {
    /// check-in, medication, appointment, massage-session, pregnancy-test, self-care, memorial or group-meeting.
    #[arg(long)]
    kind: String,
    /// Your words for it. Notifications show it only if you turn discreet notifications off.
    #[arg(long)]
    title: String,
    #[command(flatten)]
    when: WhenArgs,
}

#[derive(Debug, ClapArgs)]
pub struct EditArgs {
    /// The reminder's id.
    #[arg(allow_hyphen_values = true)]
    id: String,
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    title: Option<String>,
    #[command(flatten)]
    when: WhenArgs,
    /// Remove the last day, so it repeats with no end.
    #[arg(long, conflicts_with = "until")]
    no_until: bool,
}

/// `quiet-hours --from HH:MM --to HH:MM`, `--on` (Mend's suggested hours), `--off`, or nothing to show them.
#[derive(Debug, ClapArgs)]
pub struct QuietArgs {
    /// When quiet hours start, e.g. 22:00.
    #[arg(long, value_name = "HH:MM", requires = "to", conflicts_with_all = ["off", "on"])]
    from: Option<String>,
    /// When they end, e.g. 07:30.
    #[arg(long, value_name = "HH:MM", requires = "from", conflicts_with_all = ["off", "on"])]
    to: Option<String>,
    /// Turn quiet hours on at Mend's suggested times (22:00 to 07:30).
    #[arg(long, conflicts_with = "off")]
    on: bool,
    /// Turn quiet hours off.
    #[arg(long)]
    off: bool,
}

/// A reminder as `list` shows it.
pub fn listing_of(mend: &Mend, id: &str, zone: Zone) -> Result<ReminderListing, CliError> {
    mend.reminders()
        .list(zone)?
        .into_iter()
        .find(|l| l.reminder.guid == id)
        .ok_or_else(|| mend_core::Error::not_found("reminder").into())
}

fn date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>, CliError> {
    text.map(|t| parse::date(field, t)).transpose()
}

/// The reminder's zone (`None`: floating) from `--tz`/`--floating`, else `default`.
fn zone_choice(when: &WhenArgs, default: Option<String>) -> Result<Option<String>, CliError> {
    if when.floating {
        return Ok(None);
    }
    match &when.tz {
        Some(name) => {
            parse::zone("tz", name)?;
            Ok(Some(name.trim().to_owned()))
        }
        None => Ok(default),
    }
}

/// The times typed for `--times`: at least one.
fn times(text: &str) -> Result<Vec<TimeOfDay>, CliError> {
    let times = text
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| parse::time_of_day("times", t))
        .collect::<Result<Vec<_>, _>>()?;
    if times.is_empty() {
        return Err(CliError::field("times", "needs at least one time, like 09:00"));
    }
    Ok(times)
}

/// The one time a raw `--rrule` takes (more go in the rule, as BYHOUR and BYMINUTE).
fn one_time(text: &str) -> Result<TimeOfDay, CliError> {
    match times(text)?.as_slice() {
        [time] => Ok(*time),
        _ => Err(CliError::field("times", "takes one time with --rrule; put more in the rule with BYHOUR")),
    }
}

/// The days typed for `--on`: `mon,thu` or `monday,thursday`, in any case.
fn days(text: &str) -> Result<Vec<DayOfWeek>, CliError> {
    text.split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| match DayOfWeek::ALL.iter().find(|day| day.name().eq_ignore_ascii_case(d)) {
            Some(day) => Ok(*day),
            None => parse::code::<DayOfWeek>("on", d),
        })
        .collect()
}

/// A schedule in words from `--every`, `--on` and `--times` (`--on` alone means every week), if given.
fn in_words(w: &WhenArgs, start: NaiveDate) -> Result<Option<Schedule>, CliError> {
    let every = match (&w.every, &w.on) {
        (None, None) => return Ok(None),
        (Some(every), _) => parse::code::<Every>("every", every)?,
        (None, Some(_)) => Every::Week,
    };
    let Some(typed) = w.times.as_deref() else {
        return Err(CliError::field("times", "is needed with --every, e.g. --times 09:00 or --times 09:00,21:00"));
    };
    let on = w.on.as_deref().map(days).transpose()?.unwrap_or_default();
    let plain = PlainSchedule { every, on, times: times(typed)?, start };
    Ok(Some(schedule_in_words(&plain)?))
}

/// A one-off's schedule from `--at`, read in `zone`.
fn once(at: &str, zone: Zone) -> Result<Schedule, CliError> {
    let local = match parse::when("at", at)? {
        When::Instant(instant) => instant.with_timezone(&zone).naive_local(),
        When::Local(local) => local,
    };
    Ok(Schedule::Once { date: local.date(), time: TimeOfDay::of(local.time()) })
}

pub fn add(ctx: &Context, args: AddArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let home = mend.time_zone()?;
    let kind: ReminderKind = parse::code("kind", &args.kind)?;
    let w = &args.when;
    let has_profile = mend.journal().profile()?.is_some();
    let time_zone = zone_choice(w, has_profile.then(|| home.name().to_owned()))?;
    let zone: Zone = time_zone.as_deref().map(|z| parse::zone("tz", z)).transpose()?.unwrap_or(home);
    let start = date("start", w.start.as_deref())?.unwrap_or_else(|| mend.now().with_timezone(&zone).date_naive());
    let schedule = match (in_words(w, start)?, &w.at, &w.rrule, &w.times) {
        (Some(schedule), ..) => schedule,
        (None, Some(at), None, None) => once(at, zone)?,
        (None, None, Some(rrule), Some(time)) => {
            Schedule::Repeating { rrule: rrule.clone(), start, time: one_time(time)? }
        }
        _ => {
            return Err(CliError::usage(
                "give --at for a one-off, or --every and --times for a repeating reminder (such as --every day \
                 --times 09:00), or --rrule with --time (see mend reminders add --help)",
            ));
        }
    };
    let input = NewReminder { kind, title: args.title, schedule, time_zone, until: date("until", w.until.as_deref())? };
    let saved = mend.reminders().add(input)?;
    let listing = listing_of(&mend, &saved.guid, home)?;
    emit(ctx.json, &listing, || format!("Added. {}", show::next(&listing, home)));
    Ok(())
}

pub fn edit(ctx: &Context, args: EditArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let home = mend.time_zone()?;
    let existing = mend.reminders().reminder(&args.id)?.ok_or_else(|| mend_core::Error::not_found("reminder"))?;
    let w = &args.when;
    let time_zone = zone_choice(w, existing.time_zone.clone())?;
    let zone: Zone = time_zone.as_deref().map(|z| parse::zone("tz", z)).transpose()?.unwrap_or(home);
    let start = date("start", w.start.as_deref())?;
    let words_start = start.unwrap_or_else(|| match &existing.schedule {
        Schedule::Repeating { start, .. } => *start,
        Schedule::Once { .. } => mend.now().with_timezone(&zone).date_naive(),
    });
    if let Some(schedule) = in_words(w, words_start)? {
        return save_edit(ctx, &mend, &args, existing, schedule, time_zone);
    }
    let time = w.times.as_deref().map(one_time).transpose()?;
    let schedule = match (&w.at, &w.rrule, existing.schedule.clone()) {
        (Some(at), _, _) => once(at, zone)?,
        (None, Some(rrule), old) => Schedule::Repeating {
            rrule: rrule.clone(),
            start: start.unwrap_or_else(|| match old {
                Schedule::Repeating { start, .. } => start,
                Schedule::Once { .. } => mend.now().with_timezone(&zone).date_naive(),
            }),
            time: time.unwrap_or(old.time()),
        },
        (None, None, Schedule::Once { date, time: old }) => {
            if start.is_some() {
                return Err(CliError::field("start", "is for repeating reminders; move a one-off with --at"));
            }
            Schedule::Once { date, time: time.unwrap_or(old) }
        }
        (None, None, Schedule::Repeating { rrule, start: old_start, time: old }) => {
            Schedule::Repeating { rrule, start: start.unwrap_or(old_start), time: time.unwrap_or(old) }
        }
    };
    save_edit(ctx, &mend, &args, existing, schedule, time_zone)
}

/// Saves an edited reminder with its new schedule and prints how it stands.
fn save_edit(
    ctx: &Context,
    mend: &Mend,
    args: &EditArgs,
    existing: Reminder,
    schedule: Schedule,
    time_zone: Option<String>,
) -> Result<(), CliError> {
    let home = mend.time_zone()?;
    let until = if args.no_until { None } else { date("until", args.when.until.as_deref())?.or(existing.until) };
    let kind =
        args.kind.as_deref().map(|k| parse::code::<ReminderKind>("kind", k)).transpose()?.unwrap_or(existing.kind);
    let title = args.title.clone().unwrap_or(existing.title);
    let input = NewReminder { kind, title, schedule, time_zone, until };
    let saved = mend.reminders().update(&args.id, input)?;
    let listing = listing_of(mend, &saved.guid, home)?;
    emit(ctx.json, &listing, || format!("Saved. {}", show::next(&listing, home)));
    Ok(())
}

#[derive(Serialize)]
struct QuietHoursOut {
    quiet_hours: Option<QuietHours>,
}

/// Shows, sets or clears quiet hours (shared with `mend settings quiet-hours`).
pub fn quiet_hours(ctx: &Context, args: QuietArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let reminders = mend.reminders();
    let suggested = reminders.suggested_quiet_hours();
    let quiet_hours = match (args.from, args.to, args.on, args.off) {
        (Some(from), Some(to), false, false) => {
            let q = QuietHours { from: parse::time_of_day("from", &from)?, to: parse::time_of_day("to", &to)? };
            reminders.set_quiet_hours(Some(q))?.quiet_hours
        }
        (None, None, true, false) => reminders.set_quiet_hours(Some(suggested))?.quiet_hours,
        (None, None, false, true) => reminders.set_quiet_hours(None)?.quiet_hours,
        _ => reminders.quiet_hours()?,
    };
    let out = QuietHoursOut { quiet_hours };
    emit(ctx.json, &out, || match out.quiet_hours {
        Some(q) => format!(
            "Quiet hours: {} to {}. A reminder that falls inside them waits until {}; none are lost.",
            q.from, q.to, q.to
        ),
        None => format!(
            "No quiet hours. To turn them on ({} to {}): mend reminders quiet-hours --on (or choose: --from HH:MM --to HH:MM)",
            suggested.from, suggested.to
        ),
    });
    Ok(())
}
