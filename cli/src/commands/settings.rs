//! `mend settings`: discreet notifications (`discreet on|off`, on by default: a lock screen shows only "A
//! reminder from Mend" or "Time for your check-in"), quiet hours (the same as `mend reminders quiet-hours`) and
//! the numbers the person keeps (`numbers`).

use clap::Subcommand;
use serde::Serialize;

use mend_core::journal::{NumberInput, OwnNumber, ProfileInput};

use super::numbers::NumberArgs;
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
    /// The numbers you keep: your unit's 24-hour number, your own emergency and crisis numbers. Without flags,
    /// shows them.
    Numbers(NumbersArgs),
}

#[derive(Debug, clap::Args)]
pub struct NumbersArgs {
    #[command(flatten)]
    numbers: NumberArgs,
    /// Remove a number: unit, own-emergency or own-crisis (may be repeated).
    #[arg(long, value_name = "WHICH", value_parser = ["unit", "own-emergency", "own-crisis"])]
    clear: Vec<String>,
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
        SettingsCommand::Numbers(args) => numbers(ctx, args),
    }
}

/// `mend settings numbers`: changes the numbers given (and clears those named), keeping the others.
fn numbers(ctx: &Context, args: NumbersArgs) -> Result<(), CliError> {
    let mend = ctx.open()?;
    let Some(profile) = mend.journal().profile()? else {
        return Err(CliError::usage("set up your journal first: mend init --help"));
    };
    let given = args.numbers.inputs();
    let kept = ProfileInput::of(&profile);
    let current = [kept.unit_number, kept.own_emergency_number, kept.own_crisis_number];
    let names = ["unit", "own-emergency", "own-crisis"];
    let mut next: [Option<NumberInput>; 3] = Default::default();
    for (i, ((given, current), name)) in given.into_iter().zip(current).zip(names).enumerate() {
        if args.clear.iter().any(|c| c == name) {
            if given.is_some() {
                return Err(CliError::usage(format!("--clear {name} and a new {name} number: give one or the other")));
            }
        } else {
            next[i] = given.or(current);
        }
    }
    let [unit, emergency, crisis] = next;
    let profile = if args.clear.is_empty() && args.numbers.inputs().iter().all(Option::is_none) {
        profile
    } else {
        mend.journal().set_own_numbers(unit, emergency, crisis)?
    };
    let out = Numbers {
        unit_number: profile.unit_number.clone(),
        own_emergency_number: profile.own_emergency_number.clone(),
        own_crisis_number: profile.own_crisis_number.clone(),
    };
    emit(ctx.json, &out, || super::numbers::describe(&profile));
    Ok(())
}

#[derive(Serialize)]
struct Numbers {
    unit_number: Option<OwnNumber>,
    own_emergency_number: Option<OwnNumber>,
    own_crisis_number: Option<OwnNumber>,
}
