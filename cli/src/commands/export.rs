//! `mend export [--format json|csv] [--out FILE [--force]]`: your data, yours to keep. To a file, it is written
//! whole and privately (0600; a temporary file beside it, fsync, rename), so a full disk never destroys an
//! existing backup, and an existing file is replaced only with `--force`. To stdout, it is printed exactly; a
//! failed write (a full disk under `> file`) is reported and exits non-zero.

use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};
use mend_core::export::ExportFormat;
use mend_core::files::Existing;
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, Clone, Copy, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
enum Format {
    Json,
    Csv,
}

impl From<Format> for ExportFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Json => ExportFormat::Json,
            Format::Csv => ExportFormat::Csv,
        }
    }
}

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write here instead of to the screen.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace FILE if it already exists (only once the new export is complete).
    #[arg(long, requires = "out")]
    force: bool,
}

#[derive(Serialize)]
struct Written {
    format: Format,
    path: PathBuf,
    bytes: usize,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let exporter = mend.export();
    match args.out {
        None => {
            let text = exporter.text(args.format.into())?;
            crate::output::print_exact(text.strip_suffix('\n').unwrap_or(&text));
        }
        Some(path) => {
            let existing = if args.force { Existing::Replace } else { Existing::Keep };
            let bytes = exporter.write_file(&path, args.format.into(), existing).map_err(|e| match e {
                mend_core::Error::Conflict(_) => CliError::usage(format!(
                    "{} already exists; nothing was written. Choose another name, or add --force to replace it",
                    path.display()
                )),
                other => CliError::from(other),
            })?;
            let written = Written { format: args.format, bytes, path };
            emit(ctx.json, &written, || {
                format!("Your journal was exported to {}. Keep it somewhere private.", written.path.display())
            });
        }
    }
    Ok(())
}
