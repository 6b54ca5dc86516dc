//! `mend sync phrase --new`: a new recovery phrase, shown once exactly as set-up shows it (and, on a terminal,
//! two of its words asked back); the old phrase stops working, and the journal and every device stay as they are.
//! `mend sync phrase --check`: the whole phrase, typed at a prompt or read from standard input (never an
//! argument), and a plain answer whether it is the journal's phrase now. The check is against the server's
//! copy of the key the phrase opens, so nothing about the phrase is kept on this device (see
//! `mend_core::sync::new_phrase`).

use std::io::IsTerminal;

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

use super::{confirm_phrase, error, read_phrase, show_phrase};
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::sync::http::{HttpTransport, block_on};

#[derive(Debug, ClapArgs)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["new", "check"])))]
pub struct PhraseArgs {
    /// Make a new recovery phrase; the one you have now stops working.
    #[arg(long)]
    new: bool,
    /// Check the phrase you wrote down: type it (or pipe it on standard input) and Mend says whether it matches.
    #[arg(long)]
    check: bool,
    /// Confirm making a new phrase without being asked (for scripts).
    #[arg(long, requires = "new")]
    yes: bool,
}

#[derive(Serialize)]
struct NewOut<'a> {
    recovery_phrase: &'a str,
    old_phrase_works: bool,
}

#[derive(Serialize)]
struct CheckOut {
    matches: bool,
    words: &'static str,
}

pub fn run(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: PhraseArgs) -> Result<(), CliError> {
    if args.new { new(ctx, mend, keys, args.yes) } else { check(ctx, mend, keys) }
}

fn new(ctx: &Context, mend: &Mend, keys: &FileKeyStore, yes: bool) -> Result<(), CliError> {
    let engine = mend.sync(keys, false);
    engine.state().map_err(error)?.ok_or_else(|| error(mend_core::sync::SyncError::NotSetUp))?;
    let question = "This makes a new recovery phrase, and the one you have now stops working. Your journal and \
                    your devices stay as they are.";
    if !crate::confirm::go_ahead(yes, question, "mend sync phrase --new --yes")? {
        emit(ctx.json, &serde_json::json!({ "new_phrase": false }), || "Nothing was changed.".into());
        return Ok(());
    }
    let transport = HttpTransport::new()?;
    let made = block_on(engine.new_phrase(&transport))?.map_err(error)?;
    if ctx.json {
        emit(true, &NewOut { recovery_phrase: &made.phrase, old_phrase_works: false }, String::new);
        return Ok(());
    }
    show_phrase(&made.phrase);
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        confirm_phrase(&made.phrase, made.confirm);
    }
    println!(
        "Your new recovery phrase is ready; the old one no longer works. Your other devices carry on as they are, \
         with nothing to type."
    );
    Ok(())
}

fn check(ctx: &Context, mend: &Mend, keys: &FileKeyStore) -> Result<(), CliError> {
    let engine = mend.sync(keys, false);
    engine.state().map_err(error)?.ok_or_else(|| error(mend_core::sync::SyncError::NotSetUp))?;
    let phrase = read_phrase()?;
    let transport = HttpTransport::new()?;
    let matches = block_on(engine.check_phrase(&transport, &phrase))?.map_err(error)?;
    drop(phrase);
    let words = if matches {
        "That is your recovery phrase. Keep it somewhere safe and private."
    } else {
        "Those words are not your recovery phrase as it is now. If you made a new phrase since you wrote this one \
         down, the new one is the one that works. If you can't find it, you can make a new one with \
         `mend sync phrase --new`."
    };
    emit(ctx.json, &CheckOut { matches, words }, || words.into());
    Ok(())
}
