//! `mend`: the terminal client for Mend, a third thin interface beside the iOS and Android apps. It parses
//! arguments, calls the core and prints — gently for people, or as stable JSON with `--json`.

mod commands;
mod confirm;
mod context;
mod guide_text;
mod here;
mod output;
mod parse;
mod phrase_words;
mod qr;
mod render;
mod render_care;
mod render_history;
mod sync;
mod terminal;
mod usage;

use std::process::ExitCode;

use clap::Parser;

use commands::Command;
use context::{Context, GlobalArgs};

/// Mend: a private companion for recovery after a miscarriage.
#[derive(Debug, Parser)]
#[command(
    name = "mend",
    version,
    about = "Mend: a private companion for recovery after a miscarriage.",
    propagate_version = true
)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    output::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage::report(err),
    };
    let context = match Context::new(cli.global) {
        Ok(context) => context,
        Err(err) => return output::fail(&err),
    };
    let syncs_itself = matches!(cli.command, Command::Sync(_) | Command::Erase(_));
    match commands::run(&context, cli.command) {
        Ok(()) => {
            if !syncs_itself {
                sync::auto::after_change(&context);
            }
            ExitCode::SUCCESS
        }
        Err(err) => output::fail(&err),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every command's flags are well formed (clap checks names, groups and conflicts only when a command runs:
    /// this runs the checks for all of them at once).
    #[test]
    fn every_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
