//! `mend settings`: discreet notifications (`discreet on|off`, on by default: a lock screen shows only "A
//! reminder from Mend" or "Time for your check-in") and quiet hours (the same as `mend reminders quiet-hours`).

use clap::Subcommand;
use serde::Serialize;

use super::reminders::{self, QuietArgs};
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::parse;

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Discreet notifications: on (the default) or off (show your own titles).
    Discreet {
        /// on or off.
        value: String,
    },
    /// Quiet hours: reminders that fall inside them wait until they end.
    QuietHours(QuietArgs),
}

#[derive(Serialize)]
struct Discreet {
    discreet_notifications: bool,
}

pub fn run(ctx: &Context, command: SettingsCommand) -> Result<(), CliError> {
    match command {
        SettingsCommand::Discreet { value } => {
            let on = parse::switch("discreet", &value)?;
            let mend = ctx.open()?;
            if mend.journal().profile()?.is_none() {
                return Err(CliError::usage("set up your journal first: mend init --help"));
            }
            let profile = mend.reminders().set_discreet(on)?;
            let out = Discreet { discreet_notifications: profile.discreet_notifications };
            emit(ctx.json, &out, || {
                if out.discreet_notifications {
                    "Discreet notifications are on: a lock screen shows only \"A reminder from Mend\" or \
                     \"Time for your check-in\"."
                        .to_owned()
                } else {
                    "Discreet notifications are off: notifications show the titles you chose. Anyone who sees \
                     your lock screen can read them."
                        .to_owned()
                }
            });
            Ok(())
        }
        SettingsCommand::QuietHours(args) => reminders::run(ctx, reminders::RemindersCommand::QuietHours(args)),
    }
}
