//! `mend alerts [--ack ID] [--all]`: the care engine's open alerts, evaluated now (time passes, so an alert can
//! clear or a window fill without a new check-in); `--ack` marks one as seen.

use clap::Args as ClapArgs;

use crate::context::Context;
use crate::output::{CliError, emit};
use crate::render_care;

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Mark this alert as seen (its id is shown with it).
    #[arg(long, value_name = "ID")]
    ack: Option<String>,
    /// Include alerts you've already marked as seen.
    #[arg(long)]
    all: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    if let Some(id) = args.ack {
        let alert = mend.care().acknowledge(id.trim())?;
        emit(ctx.json, &alert, || {
            "Marked as seen. If things change or get worse, Mend will tell you again.".to_owned()
        });
        return Ok(());
    }
    let alerts = mend.care().alerts(args.all)?;
    emit(ctx.json, &alerts, || {
        if alerts.is_empty() {
            "Nothing needs your attention right now.".to_owned()
        } else {
            render_care::alerts(&mend, &alerts).join("\n")
        }
    });
    Ok(())
}
