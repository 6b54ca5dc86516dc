//! Printing results and errors. Results go to stdout (text or JSON); errors go to stderr as one plain line
//! and a non-zero exit, never a panic message or backtrace (which could carry health data). Human text is
//! escaped for the terminal (`terminal::escape`); JSON is printed exactly. A reader that went away (a closed
//! pipe) ends the command quietly; any other failure to write (a full disk) is reported and exits non-zero,
//! so a cut-off output file is never mistaken for a whole one.

use std::process::ExitCode;

use mend_core::error::plain_io;
use serde::Serialize;

/// An error the CLI reports: input problems exit 2, everything else 1.
#[derive(Debug)]
pub struct CliError {
    message: String,
    usage: bool,
}

impl CliError {
    /// A problem with what was typed.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError { message: message.into(), usage: true }
    }

    /// A failure that is not about what was typed (exit 1), in the caller's own words.
    pub fn failure(message: impl Into<String>) -> Self {
        CliError { message: message.into(), usage: false }
    }

    /// An input error for one field.
    pub fn field(field: &str, reason: &str) -> Self {
        CliError::usage(format!("{field}: {reason}"))
    }
}

impl From<mend_core::Error> for CliError {
    fn from(err: mend_core::Error) -> Self {
        let usage = matches!(err, mend_core::Error::InvalidInput { .. } | mend_core::Error::Import { .. });
        CliError { message: err.to_string(), usage }
    }
}

/// Prints `err` to stderr and gives the exit code.
pub fn fail(err: &CliError) -> ExitCode {
    eprintln!("mend: {}", crate::terminal::escape(&err.message));
    ExitCode::from(if err.usage { 2 } else { 1 })
}

/// Prints `value` as JSON when `json` is set, otherwise `human()` (escaped for the terminal).
pub fn emit<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) {
    if json {
        print_exact(&serde_json::to_string_pretty(value).expect("CLI output always serialises"));
    } else {
        print_human(human().trim_end());
    }
}

/// Writes human text and a newline to stdout, escaped for the terminal.
pub fn print_human(text: &str) {
    print_exact(&crate::terminal::escape(text));
}

/// Writes `text` and a newline to stdout exactly as it is (JSON, and exports meant for files).
///
/// A reader that went away (`mend … | head`) is not an error worth a message: the command's work is already
/// done, so stop quietly. Any other failure (a full disk under `mend export > file`) is reported, and the
/// command exits 1.
pub fn print_exact(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("mend: the output could not be written: {}. What was written is incomplete", plain_io(e.kind()));
            std::process::exit(1);
        }
    }
}

/// Replaces Rust's panic message (which may quote data) with a calm line; the journal is transactional, so a
/// panic never leaves half a write behind.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|_| {
        eprintln!("mend: something went wrong inside Mend. Nothing was half-saved; your journal is safe.");
    }));
}
