//! `mend export [--format json|csv] [--out FILE]`: your data, yours to keep. Writes to a file (created with
//! owner-only permissions) or to stdout.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args as ClapArgs, ValueEnum};
use serde::Serialize;

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, Clone, Copy, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
enum Format {
    Json,
    Csv,
}

#[derive(Debug, ClapArgs)]
pub struct Args {
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write here instead of to the screen.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Serialize)]
struct Written {
    format: Format,
    path: PathBuf,
    bytes: usize,
}

fn write_private(path: &PathBuf, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let text = match args.format {
        Format::Json => mend.export().to_json()?,
        Format::Csv => mend.export().checkins_csv()?,
    };
    match args.out {
        None => crate::output::print_out(text.strip_suffix('\n').unwrap_or(&text)),
        Some(path) => {
            write_private(&path, &text)
                .map_err(|e| CliError::usage(format!("could not write the export: {}", e.kind())))?;
            let written = Written { format: args.format, bytes: text.len(), path };
            emit(ctx.json, &written, || {
                format!("Your journal was exported to {}. Keep it somewhere private.", written.path.display())
            });
        }
    }
    Ok(())
}
