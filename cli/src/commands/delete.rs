//! `mend delete ID`: removes one check-in or event (its contents are wiped; only a marker for sync remains).

use clap::Args as ClapArgs;
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The id of a check-in or event (shown by `--json` output).
    #[arg(allow_hyphen_values = true)]
    id: String,
}

#[derive(Serialize)]
struct Deleted<'a> {
    deleted: &'a str,
    kind: &'static str,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let kind = if mend.journal().checkin(&args.id)?.is_some() {
        mend.journal().delete_checkin(&args.id)?;
        "checkin"
    } else {
        mend.journal().delete_event(&args.id)?;
        "event"
    };
    emit(ctx.json, &Deleted { deleted: &args.id, kind }, || "Deleted.".to_owned());
    Ok(())
}
