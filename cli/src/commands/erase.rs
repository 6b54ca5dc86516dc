//! `mend erase [--everywhere] [--yes]`: erases the whole journal, leaving nothing recoverable in its files, and
//! this device's sync keys and group keys. With `--everywhere`, the synced journal is deleted from the server first (the other
//! devices learn at their next sync, and ask before erasing themselves). On a terminal it asks first; `--yes`
//! answers for scripts. All or nothing: a failure says "Nothing was erased" and why (another program reading the
//! journal, a full disk, a server that could not be reached).

use clap::Args as ClapArgs;
use serde::Serialize;

use mend_core::sync::keystore::{FileKeyStore, KeyStore};

use crate::context::Context;
use crate::output::{CliError, emit};

#[derive(Debug, ClapArgs)]
pub struct Args {
    /// Also delete your synced journal from the server, so your other devices stop syncing it.
    #[arg(long)]
    everywhere: bool,
    /// Confirm: this cannot be undone.
    #[arg(long)]
    yes: bool,
}

#[derive(Serialize)]
struct Erased {
    erased: bool,
}

pub fn run(ctx: &Context, args: Args) -> Result<(), CliError> {
    let (question, how) = if args.everywhere {
        (
            "This erases everything in your journal here and deletes your synced journal from the server (you may \
             want `mend export --out FILE` first).",
            "mend erase --everywhere --yes",
        )
    } else {
        ("This erases everything in your journal (you may want `mend export --out FILE` first).", "mend erase --yes")
    };
    if !crate::confirm::go_ahead(args.yes, question, how)? {
        emit(ctx.json, &Erased { erased: false }, || "Nothing was erased.".to_owned());
        return Ok(());
    }
    // Whatever stops erase before it starts, the journal is as it was: say so.
    let mend = ctx.open_core().map_err(|e| CliError::failure(format!("Nothing was erased: {}", e.plain())))?;
    let keys = FileKeyStore::in_dir(mend.data_dir());
    if args.everywhere {
        let engine = mend.sync(&keys, false);
        if engine.state().map_err(crate::commands::sync::error)?.is_some() {
            let transport = crate::sync::http::HttpTransport::new()?;
            crate::sync::http::block_on(engine.delete_from_server(&transport))?
                .map_err(|e| CliError::failure(format!("Nothing was erased: {e}")))?;
        }
    }
    mend.export().erase_all()?;
    keys.clear()?;
    // The groups' secrets too (owner keys, read keys): the groups this device moderated or joined are gone with it.
    FileKeyStore::in_dir(&crate::commands::group::keys_dir(mend.data_dir())).clear()?;
    emit(ctx.json, &Erased { erased: true }, || "Everything has been erased.".to_owned());
    Ok(())
}
