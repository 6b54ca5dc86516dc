//! `mend history [--from DATE] [--to DATE] [--no-notes]`: check-ins and events day by day (default: the last 14
//! days), with each note beneath its entry unless `--no-notes` hides them for a shared screen.

use chrono::Duration;
use clap::Args as ClapArgs;
use mend_core::journal::HistoryEntry;

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::render_history::{self, Shown};
use crate::{here, parse};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// First day (YYYY-MM-DD); default 13 days before --to.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day (YYYY-MM-DD); default today where you are.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Hide your notes (for a shared screen); with --json they are left out too.
    #[arg(long)]
    no_notes: bool,
    /// The IANA zone you are in, for "today"; default $TZ, else your home zone.
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let today = mend.now().with_timezone(&here::current_zone(&mend, args.tz.as_deref())?).date_naive();
    let to = args.to.as_deref().map(|d| parse::date("to", d)).transpose()?.unwrap_or(today);
    let from = args.from.as_deref().map(|d| parse::date("from", d)).transpose()?.unwrap_or(to - Duration::days(13));
    if from > to {
        return Err(CliError::field("from", "must be on or before --to"));
    }
    let mut entries = mend.journal().history(from, to)?;
    if args.no_notes {
        entries.iter_mut().for_each(hide_note);
    }
    let home = mend.time_zone()?;
    let shown = Shown { home_zone: home.name(), notes: !args.no_notes };
    emit(ctx.json, &entries, || {
        if entries.is_empty() {
            return format!("Nothing logged between {from} and {to}.");
        }
        entries.iter().map(|e| render_history::entry(e, &shown)).collect::<Vec<_>>().join("\n")
    });
    Ok(())
}

/// Leaves an entry's note out (for `--no-notes`, so JSON piped to a shared screen keeps them private too).
fn hide_note(entry: &mut HistoryEntry) {
    match entry {
        HistoryEntry::Checkin(c) => c.data.note = None,
        HistoryEntry::Event(e) => e.note = None,
    }
}
