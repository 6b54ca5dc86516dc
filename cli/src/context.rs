//! What every command shares: the global options (`--data-dir`, `--json`, `--now`) and the journal they open.

use std::path::PathBuf;

use clap::Args;
use mend_core::{Clock, Mend, OpenOptions};

use crate::output::CliError;

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where the journal lives (default: this system's data directory for Mend).
    #[arg(long, global = true, env = "MEND_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print machine-readable JSON (stable snake_case fields; see docs/cli.md).
    #[arg(long, global = true)]
    pub json: bool,
    /// Fix the clock for scripted use (RFC 3339, e.g. 2026-05-14T09:00:00Z).
    #[arg(long, global = true, value_name = "INSTANT")]
    pub now: Option<String>,
}

/// The opened journal and how to print.
pub struct Context {
    pub json: bool,
    data_dir: PathBuf,
    clock: Clock,
}

impl Context {
    pub fn new(args: GlobalArgs) -> Result<Context, CliError> {
        let clock = match args.now.as_deref() {
            Some(text) => Clock::Fixed(crate::parse::instant("now", text)?),
            None => Clock::System,
        };
        let data_dir = match args.data_dir {
            Some(dir) => dir,
            None => default_data_dir()?,
        };
        Ok(Context { json: args.json, data_dir, clock })
    }

    /// The current instant by the command's clock (`--now`, else the system's).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Opens the journal (creating an empty one if there is none yet).
    pub fn open(&self) -> Result<Mend, CliError> {
        Ok(self.open_core()?)
    }

    /// Opens the journal, giving the core's error (for a command that words its failure itself).
    pub fn open_core(&self) -> Result<Mend, mend_core::Error> {
        Mend::open(&self.data_dir, OpenOptions { clock: self.clock })
    }
}

fn default_data_dir() -> Result<PathBuf, CliError> {
    directories::ProjectDirs::from("org", "Mend", "mend")
        .map(|dirs| dirs.data_dir().to_owned())
        .ok_or_else(|| CliError::usage("no home directory was found; pass --data-dir DIR"))
}
