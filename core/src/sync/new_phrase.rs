//! A new recovery phrase, from a device in sync, and checking a phrase against the account.
//!
//! **New phrase**: a new root secret R′ derives a new lookup id, recovery key and recovery exchange key as set-up
//! derives them ([`super::keys::AccountKeys::derive`]); every epoch's data key is wrapped to the new recovery
//! exchange key together with the account's naming key (which cannot change with the phrase: collection tags
//! and deterministic record ids are keyed by it), and the server swaps the lookup id, the recovery key and all
//! the recovery wraps in one request signed by the new recovery key. The old phrase then finds nothing. The
//! account, its data and every device's keys stay as they are: the other devices hold keys, not the phrase, and
//! read the new recovery exchange key from the current epoch's wrap when they next make one (after a
//! revocation).
//!
//! **Checking a phrase**: the typed phrase (all 24 words) derives a recovery exchange key, and it matches only if
//! that key opens the account's current recovery wrap on the server and the wrap gives the naming key this device holds. Nothing
//! about the phrase is stored on the device, so nothing here could give it away; and the check answers for the
//! phrase as it is now, even when a new one was made on another device. Asking for a few of the words instead
//! would need something stored per word, and with 2,048 possible words a keyed hash of three words guards
//! little.

use mend_protocol::accounts::{Done, NewPhrase};
use mend_protocol::keys::{EpochWrap, KeyWraps};
use mend_protocol::{routes, signing};

use super::account::SetUp;
use super::client::Method;
use super::engine::SyncEngine;
use super::error::SyncError;
use super::keys::{AccountKeys, recovery_wrap};
use super::phrase::{self, RootSecret};
use super::transport::Transport;

impl SyncEngine<'_> {
    /// Makes a new recovery phrase for the account and gives it, to show once; the old phrase stops working.
    pub async fn new_phrase(&self, transport: &dyn Transport) -> Result<SetUp, SyncError> {
        let mut me = self.signed_in(transport)?;
        let wraps: KeyWraps = me.get(routes::KEYS).await?;
        let root = RootSecret::generate();
        let account = AccountKeys::derive(&root);
        let mut kek_wraps = Vec::with_capacity(wraps.kek.len());
        for epoch in wraps.kek.iter().map(|w| w.epoch) {
            let key = me.data_key(&wraps, epoch)?;
            let wrap =
                recovery_wrap(&key, &me.names, &account.recovery_public(), epoch).map_err(|_| SyncError::Keys)?;
            kek_wraps.push(EpochWrap { epoch, wrap });
        }
        if !kek_wraps.iter().any(|w| w.epoch == wraps.epoch) {
            return Err(SyncError::Keys);
        }
        let recovery_key = account.recovery.public().to_vec();
        let message = signing::new_phrase_message(&me.state.account_id, &account.lookup_id, &recovery_key);
        let request = NewPhrase {
            lookup_id: account.lookup_id.to_vec(),
            recovery_key,
            kek_wraps,
            signature: account.recovery.sign_message(&message).to_vec(),
        };
        let _: Done = me.call(Method::Post, routes::ACCOUNT_PHRASE, Some(&request), false).await?;
        Ok(SetUp { phrase: root.phrase(), confirm: phrase::confirmation() })
    }

    /// Whether `typed` is the account's recovery phrase as it is now. A phrase that does not read as one (a
    /// word that is not a phrase word, the wrong count) is an error that says where, never which word.
    pub async fn check_phrase(&self, transport: &dyn Transport, typed: &str) -> Result<bool, SyncError> {
        let mut me = self.signed_in(transport)?;
        let root = RootSecret::from_phrase(typed)?;
        let account = AccountKeys::derive(&root);
        let wraps: KeyWraps = me.get(routes::KEYS).await?;
        let Some(current) = wraps.kek.iter().find(|w| w.epoch == wraps.epoch) else { return Ok(false) };
        Ok(match account.open_wrap(&current.wrap, current.epoch) {
            Ok((_, carried)) => carried.bytes() == me.names.bytes(),
            Err(_) => false,
        })
    }
}
