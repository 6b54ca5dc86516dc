//! Printing results and errors. Results go to stdout (text or JSON); errors go to stderr as one plain line
//! and a non-zero exit, never a panic message or backtrace (which could carry health data).

use std::process::ExitCode;

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
    eprintln!("mend: {}", err.message);
    ExitCode::from(if err.usage { 2 } else { 1 })
}

/// Prints `value` as JSON when `json` is set, otherwise `human()`.
pub fn emit<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) {
    if json {
        print_out(&serde_json::to_string_pretty(value).expect("CLI output always serialises"));
    } else {
        print_out(human().trim_end());
    }
}

/// Writes `text` and a newline to stdout. A reader that went away (`mend … | head`) is not an error worth a
/// message: the command's work is already done, so stop quietly.
pub fn print_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
        std::process::exit(0);
    }
}

/// Replaces Rust's panic message (which may quote data) with a calm line; the journal is transactional, so a
/// panic never leaves half a write behind.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|_| {
        eprintln!("mend: something went wrong inside Mend. Nothing was half-saved; your journal is safe.");
    }));
}
