//! `mend import FILE`: restores or merges a JSON export, all or nothing.

use std::path::PathBuf;

use clap::Args as ClapArgs;

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// A file written by `mend export`.
    file: PathBuf,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| CliError::usage(format!("could not read {}: {}", args.file.display(), e.kind())))?;
    let mend = ctx.open()?;
    let summary = mend.export().import_json(&text)?;
    emit(ctx.json, &summary, || {
        format!(
            "Imported: {} check-ins, {} events, {} losses, {} saved or read guides{}. Entries you already had were \
             kept, not doubled.",
            summary.checkins,
            summary.events,
            summary.losses,
            summary.library,
            if summary.profile { " and your settings" } else { "" }
        )
    });
    Ok(())
}
