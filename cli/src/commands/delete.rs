//! `mend delete ID [--yes]`: removes one check-in or event (its contents are wiped; only a marker for sync
//! remains). On a terminal it asks first; `--yes` answers for scripts.

use clap::Args as ClapArgs;
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// The id of a check-in or event (shown by `--json` output).
    #[arg(allow_hyphen_values = true)]
    id: String,
    /// Go ahead without asking (for scripts): a deletion cannot be undone.
    #[arg(long)]
    yes: bool,
}

#[derive(Serialize)]
struct Deleted<'a> {
    deleted: &'a str,
    kind: &'static str,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    // A whole id, or the short id human output shows.
    let id = mend.journal().resolve_entry(&args.id)?;
    let is_checkin = mend.journal().checkin(&id)?.is_some();
    let what = if is_checkin { "Delete this check-in?" } else { "Delete this event?" };
    if !crate::confirm::go_ahead(args.yes, what, &format!("mend delete {} --yes", args.id.trim()))? {
        emit(ctx.json, &Deleted { deleted: "", kind: "nothing" }, || "Nothing was deleted.".to_owned());
        return Ok(());
    }
    let kind = if is_checkin {
        mend.journal().delete_checkin(&id)?;
        "checkin"
    } else {
        mend.journal().delete_event(&id)?;
        "event"
    };
    emit(ctx.json, &Deleted { deleted: &id, kind }, || "Deleted.".to_owned());
    Ok(())
}
