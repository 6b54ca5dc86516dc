//! `mend import FILE`: restores or merges a JSON export, all or nothing. Only a regular file of bounded size
//! is read (never a pipe or a device).

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
    let mend = ctx.open()?;
    let summary = mend.export().import_file(&args.file).map_err(|e| match e {
        mend_core::Error::Io(why) => CliError::usage(format!("{}: {why}", args.file.display())),
        other => CliError::from(other),
    })?;
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
