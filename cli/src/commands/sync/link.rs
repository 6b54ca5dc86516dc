//! `mend sync link --server URL [--name NAME] [--yes]`: on the new device. A device that already has entries of
//! its own says how many will be combined and asks first, as `join` does (`--yes` for scripts). Shows a linking code
//! and the same as a `mend://link#…` address — on a terminal, that address as a QR code too (`crate::qr`), for a
//! phone to scan — waits up to the code's ten minutes for a device already in sync to run `mend sync approve CODE`, shows the six digits both
//! screens must agree on, and once approved joins the synced journal and syncs. With `--json` it writes one JSON
//! object a line as things happen (`code`, then `digits`, then `linked` with the status fields), so a script can
//! read the code while it waits.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use mend_core::Mend;
use mend_core::sync::keystore::FileKeyStore;
use mend_core::sync::link::{LINK_SECS, LinkStep};
use mend_core::sync::{Options, SyncError};

use super::{JoinArgs, StatusOut, combine_first, device_name, error, human_report};
use crate::context::Context;
use crate::output::{CliError, print_exact, print_human};
use crate::qr;
use crate::sync::http::{HttpTransport, block_on};

/// How often the new device looks for the other device's answer.
const POLL: Duration = Duration::from_secs(1);

/// One line of JSON, or words.
fn say(ctx: &Context, json: serde_json::Value, words: impl FnOnce() -> String) {
    if ctx.json {
        print_exact(&json.to_string());
    } else {
        print_human(&words());
    }
}

/// The link address as a QR code, with a line saying what it is for, when a person is looking at a terminal.
/// Printed as it is (its colours are Mend's own), never through `print_human`'s escaping.
fn qr_block(uri: &str) -> Option<String> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let lines = qr::lines(uri).ok()?;
    let lines = if std::env::var_os("NO_COLOR").is_some() { lines } else { qr::paint(&lines) };
    Some(format!("Or scan this with a phone that already syncs your journal:\n\n{}\n", lines.join("\n")))
}

pub fn run(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: JoinArgs) -> Result<(), CliError> {
    let engine = mend.sync(keys, false);
    if engine.state().map_err(error)?.is_some() {
        return Err(error(SyncError::AlreadySetUp));
    }
    if !combine_first(ctx, &engine, args.yes, "mend sync link --server URL --yes")? {
        return Ok(());
    }
    let transport = HttpTransport::new()?;
    block_on(async {
        let mut linking = engine.link_start(&args.server, &transport, &device_name(args.name)).await.map_err(error)?;
        let (code, uri) = (linking.code().text(), linking.code().uri());
        if ctx.json {
            let json = serde_json::json!({ "event": "code", "code": code, "uri": uri, "expires_in_secs": LINK_SECS });
            print_exact(&json.to_string());
        } else {
            let ask = format!(
                "To link this device, run this on a device that already syncs your journal:\n\n  mend sync approve {code}\n"
            );
            let wait = format!("(or open {uri} there). The code lasts 10 minutes. Waiting for the other device…");
            match qr_block(&uri) {
                Some(qr) => {
                    print_human(&ask);
                    print_exact(&qr);
                    print_human(&wait);
                }
                None => print_human(&format!("{ask}\n{wait}")),
            }
        }
        let deadline = Instant::now() + Duration::from_secs(LINK_SECS as u64 + 5);
        loop {
            if Instant::now() > deadline {
                return Err(error(SyncError::LinkExpired));
            }
            match engine.link_poll(&mut linking, &transport).await {
                Ok(LinkStep::Waiting) => {}
                Ok(LinkStep::Digits(digits)) => {
                    say(ctx, serde_json::json!({ "event": "digits", "digits": digits }), || {
                        format!(
                            "The other device should show these digits: {} {}. Check they match there.",
                            &digits[..3],
                            &digits[3..]
                        )
                    })
                }
                Ok(LinkStep::Linked) => break,
                // A server briefly out of reach does not end the wait.
                Err(err) if err.is_transient() => {}
                Err(err) => return Err(error(err)),
            }
            tokio::time::sleep(POLL).await;
        }
        let synced = engine.sync_now(&transport, Options::default()).await;
        let status = engine.status().map_err(error)?;
        let mut out = serde_json::to_value(StatusOut::from(&status)).expect("status serialises");
        out["event"] = "linked".into();
        say(ctx, out, || match &synced {
            Ok(report) => format!("This device is linked to your synced journal. {}", human_report(report)),
            Err(err) => format!("This device is linked; the first sync did not finish: {err}"),
        });
        Ok(())
    })?
}
