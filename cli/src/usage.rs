//! What `mend` says when the command line itself can't be understood. clap's own messages quote what was typed,
//! and what was typed may be a note or a symptom (an unquoted `--note I blamed myself` leaves words behind), so
//! the message is built from the kind of mistake and the option's name only, never from the words typed.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Handles a parse failure: help and version print as clap writes them; everything else becomes one calm line.
pub fn report(err: clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            ExitCode::from(2)
        }
        kind => {
            eprintln!("mend: {}", message(kind, option_name(&err).as_deref()));
            ExitCode::from(2)
        }
    }
}

/// The option involved, when clap knows it as an option (`--mood <MOOD>`), not as typed text.
fn option_name(err: &clap::Error) -> Option<String> {
    let names: Vec<&String> = match err.get(ContextKind::InvalidArg)? {
        ContextValue::String(name) => vec![name],
        ContextValue::Strings(names) => names.iter().collect(),
        _ => return None,
    };
    let options: Vec<&str> = names
        .into_iter()
        .filter(|n| n.starts_with('-') || n.starts_with('<'))
        .map(|n| n.split_whitespace().next().unwrap_or(n))
        .collect();
    (!options.is_empty()).then(|| options.join(", "))
}

fn message(kind: ErrorKind, option: Option<&str>) -> String {
    let with = |text: &str| match option {
        Some(name) => format!("{name}: {text}"),
        None => text.to_owned(),
    };
    match kind {
        ErrorKind::UnknownArgument => "there are words mend doesn't recognise as an option. If a note or a name has \
                                       spaces, put it in quotes (see mend --help)"
            .to_owned(),
        ErrorKind::InvalidSubcommand => "that isn't a mend command (see mend --help)".to_owned(),
        ErrorKind::MissingRequiredArgument => match option {
            // The region decides which numbers Mend gives when care is needed: say what it can be.
            Some("--region") => with(&format!(
                "is needed, so that Mend gives the right numbers when you need care: {}",
                mend_core::journal::region::HINT
            )),
            _ => with("is needed (see --help)"),
        },
        ErrorKind::MissingSubcommand => "a command is needed (see mend --help)".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => with("that value isn't accepted (see --help)"),
        ErrorKind::ArgumentConflict => with("can't be used together with another option given (see --help)"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => with("was given too many values (see --help)"),
        ErrorKind::NoEquals => with("needs = and a value (see --help)"),
        _ => "the command wasn't understood (see mend --help)".to_owned(),
    }
}
