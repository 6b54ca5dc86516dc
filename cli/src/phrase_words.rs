//! 24-word phrases on the terminal, for the recovery phrase (`mend sync`) and group backups (`mend group
//! backup|restore`): shown once as a numbered grid, two words asked back so a phrase that was not written down
//! is noticed at once, and read back from a prompt or standard input (never from an argument, which the shell
//! would keep in its history). Each caller says in its own words what the phrase is for.

use std::io::{BufRead, IsTerminal, Write};

use zeroize::Zeroizing;

use crate::output::CliError;

/// Prints the phrase's words as a grid of six rows of four, numbered down the columns.
pub fn print_grid(phrase: &str) {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    for row in 0..6 {
        let line: Vec<String> = (0..4)
            .map(|col| row + col * 6)
            .filter_map(|i| words.get(i).map(|word| format!("{:>2}. {:<10}", i + 1, word)))
            .collect();
        println!("  {}", line.join("  ").trim_end());
    }
    println!();
}

/// Asks two of the words back, so a phrase that was not written down is noticed now.
pub fn confirm(phrase: &str, positions: [usize; 2]) {
    for position in positions {
        for attempt in 0..3 {
            eprint!("To check you have it: what is word {position}? ");
            std::io::stderr().flush().ok();
            let mut answer = Zeroizing::new(String::new());
            if std::io::stdin().lock().read_line(&mut answer).is_err() {
                return;
            }
            if mend_core::sync::phrase::confirms(phrase, position, answer.trim()) {
                break;
            }
            if attempt == 2 {
                eprintln!("That is not it. Please check what you wrote down before you rely on it.");
            } else {
                eprintln!("That is not word {position}. Have another look.");
            }
        }
    }
}

/// A phrase: after `prompt` on a terminal, else the first line of standard input. `what` names it in the
/// error when nothing was given ("recovery phrase", "backup's phrase").
pub fn read(prompt: &str, what: &str) -> Result<Zeroizing<String>, CliError> {
    if std::io::stdin().is_terminal() {
        eprint!("{prompt} ");
        std::io::stderr().flush().ok();
    }
    let mut phrase = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut phrase)
        .map_err(|_| CliError::usage(format!("the {what} could not be read")))?;
    if phrase.trim().is_empty() {
        return Err(CliError::usage(format!("no {what} was given (type it, or pipe it on standard input)")));
    }
    Ok(phrase)
}
