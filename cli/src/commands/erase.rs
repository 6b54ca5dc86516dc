//! `mend erase [--yes]`: erases the whole journal, leaving nothing recoverable in its files. On a terminal it asks
//! first; `--yes` answers for scripts. All or nothing: a failure says "Nothing was erased" and why (another
//! program reading the journal, a full disk).

use clap::Args as ClapArgs;
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Confirm: this cannot be undone.
    #[arg(long)]
    yes: bool,
}

#[derive(Serialize)]
struct Erased {
    erased: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let question = "This erases everything in your journal (you may want `mend export --out FILE` first).";
    if !crate::confirm::go_ahead(args.yes, question, "mend erase --yes")? {
        emit(ctx.json, &Erased { erased: false }, || "Nothing was erased.".to_owned());
        return Ok(());
    }
    // Whatever stops erase before it starts, the journal is as it was: say so.
    let mend = ctx.open_core().map_err(|e| CliError::failure(format!("Nothing was erased: {}", e.plain())))?;
    mend.export().erase_all()?;
    emit(ctx.json, &Erased { erased: true }, || "Everything has been erased.".to_owned());
    Ok(())
}
