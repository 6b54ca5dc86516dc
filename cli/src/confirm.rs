//! Asking before what cannot be undone (`mend delete`, `mend erase`): on a terminal Mend asks, and only "yes"
//! (or "y") goes ahead; `--yes` answers for scripts; without a terminal and without `--yes` nothing happens and
//! the message says how to go ahead.

use std::io::{BufRead, IsTerminal, Write};

use crate::output::CliError;

/// Whether to go ahead: `yes` given, or the person typed yes at `question` on a terminal. Without a terminal
/// (a script, a pipe) and without `yes`, a usage error that says `how` to go ahead.
pub fn go_ahead(yes: bool, question: &str, how: &str) -> Result<bool, CliError> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        return Err(CliError::usage(format!("{question} This can't be undone. If you are sure, run: {how}")));
    }
    eprint!("{question} This can't be undone. Type yes to go ahead: ");
    std::io::stderr().flush().ok();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).ok();
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "yes" | "y"))
}
