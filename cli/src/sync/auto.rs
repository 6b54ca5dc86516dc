//! `mend sync auto on`: after a command that changed the journal, sync — when the core says one is due (it is
//! due at once when changes wait to go up). A failed sync never fails the command that made the change: the
//! change is saved here, and one line on stderr says it goes up next time.

use mend_core::sync::Options;
use mend_core::sync::keystore::FileKeyStore;

use crate::context::Context;

/// Syncs if sync is set up, set to run after changes, and changes wait to go up.
pub fn after_change(ctx: &Context) {
    let Ok(mend) = ctx.open_core() else { return };
    let keys = FileKeyStore::in_dir(mend.data_dir());
    let engine = mend.sync(&keys, false);
    let Ok(status) = engine.status() else { return };
    if !status.auto || status.pending == 0 {
        return;
    }
    let Ok(transport) = super::http::HttpTransport::new() else { return };
    match super::http::block_on(engine.sync_now(&transport, Options::default())) {
        Ok(Ok(_)) => {}
        Ok(Err(err)) => {
            eprintln!(
                "mend: saved here; not synced yet ({}). It goes up next time.",
                crate::terminal::escape(&err.to_string())
            )
        }
        Err(_) => {}
    }
}
