//! `mend sync revoke DEVICE [--wipe]`: removes a device from the synced journal at once — the server refuses it
//! from that moment — and renews the sync keys, so nothing written afterwards can be read with what the device
//! holds. The recovery phrase stays the same. With `--wipe`, the device erases its journal if it ever connects
//! again; one that never connects cannot be reached, and the words say so. The device is named as
//! `mend sync devices` lists it (by name, or by id when two share a name).

use clap::Args as ClapArgs;
use mend_core::Mend;
use mend_core::sync::keystore::FileKeyStore;
use mend_core::sync::revoke::Revoked;
use serde::Serialize;

use super::{error, human_report};
use crate::context::Context;
use crate::output::{CliError, emit};
use crate::sync::http::{HttpTransport, block_on};

#[derive(Debug, ClapArgs)]
pub struct RevokeArgs {
    /// The device's name or id, as `mend sync devices` shows it.
    device: String,
    /// Ask the device to erase its journal if it connects again.
    #[arg(long)]
    wipe: bool,
}

#[derive(Serialize)]
struct RevokedOut<'a> {
    removed: &'a str,
    wipe: bool,
    keys_renewed_to_epoch: Option<u32>,
    /// Why the keys are not renewed yet (the next sync renews them), if they are not.
    renewal_pending: Option<&'a str>,
}

pub fn run(ctx: &Context, mend: &Mend, keys: &FileKeyStore, args: RevokeArgs) -> Result<(), CliError> {
    let transport = HttpTransport::new()?;
    let engine = mend.sync(keys, false);
    let revoked = block_on(engine.revoke(&transport, &args.device, args.wipe))?.map_err(error)?;
    let out = RevokedOut {
        removed: &revoked.name,
        wipe: revoked.wipe,
        keys_renewed_to_epoch: revoked.renewal.as_ref().ok().and_then(|report| report.keys_renewed),
        renewal_pending: revoked.renewal.as_ref().err().map(String::as_str),
    };
    emit(ctx.json, &out, || human(&revoked));
    Ok(())
}

fn human(revoked: &Revoked) -> String {
    let mut lines = vec![format!("\"{}\" is removed from your synced journal: it can't sync any more.", revoked.name)];
    match &revoked.renewal {
        Ok(report) => lines.push(human_report(report)),
        Err(why) => lines.push(format!(
            "Your sync keys are not renewed yet ({why}); the next sync renews them. Until then the removed device \
             still can't connect."
        )),
    }
    if revoked.wipe {
        lines.push(
            "If it connects again, it will erase its journal. If it never connects, Mend can't reach it: it keeps \
             what it had until now, and nothing new."
                .into(),
        );
    }
    lines.push("Your recovery phrase stays the same.".into());
    lines.join("\n")
}
