//! `mend history [--from DATE] [--to DATE]`: check-ins and events day by day (default: the last 14 days).

use chrono::Duration;
use clap::Args as ClapArgs;

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::{parse, render};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// First day (YYYY-MM-DD); default 13 days before --to.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let to = args.to.as_deref().map(|d| parse::date("to", d)).transpose()?.unwrap_or(mend.today()?);
    let from = args.from.as_deref().map(|d| parse::date("from", d)).transpose()?.unwrap_or(to - Duration::days(13));
    if from > to {
        return Err(CliError::field("from", "must be on or before --to"));
    }
    let entries = mend.journal().history(from, to)?;
    emit(ctx.json, &entries, || {
        if entries.is_empty() {
            return format!("Nothing logged between {from} and {to}.");
        }
        entries.iter().map(render::history_line).collect::<Vec<_>>().join("\n")
    });
    Ok(())
}
