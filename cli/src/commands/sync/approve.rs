//! `mend sync approve CODE [--confirm DIGITS]`: on a device already in sync, approves the new device showing
//! CODE. It shows the six digits this exchange gives; they must match the new device's before anything is
//! enrolled. On a terminal it asks "Do these digits match…? [y/N]"; without one, the digits must be given — with
//! `--confirm DIGITS`, or as the first line of standard input (how a script passes them on once the new device
//! has shown them). There is no `--yes`: checking the digits is the point. Digits that differ, or a "no", tell
//! the new device so and enrol nothing. `--json` writes one JSON object a line: `digits` (with the new device's
//! `name`), then `approved`.

use std::io::{BufRead, IsTerminal, Write};
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::sync::SyncError;
use mend_core::sync::keystore::FileKeyStore;

use super::error;
use crate::context::Context;
use crate::output::{CliError, print_exact, print_human};
use crate::sync::http::{HttpTransport, block_on};
use crate::terminal::escape;

/// How long to wait for the new device's answer (it answers by itself within a second or two).
const ANSWER: Duration = Duration::from_secs(60);

#[derive(Debug, ClapArgs)]
pub struct ApproveArgs {
    /// The code the new device shows (or its mend://link#… address).
    code: String,
    /// The six digits the new device shows, when there is no terminal to ask on.
    #[arg(long)]
    confirm: Option<String>,
}

pub fn run(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: ApproveArgs) -> Result<(), CliError> {
    let engine = mend.sync(keys, false);
    let transport = HttpTransport::new()?;
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    block_on(async {
        let mut approval = engine.approve_start(&transport, &args.code).await.map_err(error)?;
        let deadline = Instant::now() + ANSWER;
        let digits = loop {
            match engine.approve_poll(&mut approval, &transport).await {
                Ok(Some(digits)) => break digits,
                Ok(None) if Instant::now() > deadline => {
                    return Err(CliError::failure(
                        "the new device did not answer: is `mend sync link` still running on it? Nothing was linked",
                    ));
                }
                Ok(None) => {}
                Err(err) if err.is_transient() => {}
                Err(err) => return Err(error(err)),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        };
        let name = approval.name().to_owned();
        let shown = format!("{} {}", &digits[..3], &digits[3..]);
        let confirmed = match (args.confirm, interactive && !ctx.json) {
            (Some(typed), _) => typed,
            (None, true) => {
                eprint!(
                    "Linking \u{201c}{}\u{201d}. Do these digits match the ones on the new device? {shown} [y/N] ",
                    escape(&name)
                );
                std::io::stderr().flush().ok();
                let mut answer = String::new();
                std::io::stdin().lock().read_line(&mut answer).ok();
                if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
                    digits.clone()
                } else {
                    String::new()
                }
            }
            (None, false) => {
                if ctx.json {
                    print_exact(&serde_json::json!({ "event": "digits", "digits": digits, "name": name }).to_string());
                } else {
                    print_human(&format!(
                        "Linking \u{201c}{name}\u{201d}. This device shows {shown}: give the digits the new device \
                         shows on standard input."
                    ));
                }
                let mut typed = String::new();
                std::io::stdin().lock().read_line(&mut typed).ok();
                typed
            }
        };
        engine.approve_finish(approval, &transport, &confirmed).await.map_err(|err| match err {
            SyncError::LinkDigits if confirmed.trim().is_empty() => CliError::failure(
                "the digits were not confirmed, so nothing was linked: start linking again on the new device",
            ),
            other => error(other),
        })?;
        if ctx.json {
            print_exact(&serde_json::json!({ "event": "approved", "linked": true, "name": name }).to_string());
        } else {
            print_human(&format!(
                "\u{201c}{name}\u{201d} is linked to your synced journal. It brings your journal over by itself."
            ));
        }
        Ok(())
    })?
}
