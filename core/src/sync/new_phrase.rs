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
use mend_protocol::{ErrorCode, routes, signing};

use super::account::SetUp;
use super::client::{Method, Refusal};
use super::engine::SyncEngine;
use super::error::SyncError;
use super::keys::DataKey;
use super::keys::{AccountKeys, recovery_wrap};
use super::phrase::{self, RootSecret};
use super::signed_in::SignedIn;
use super::transport::Transport;

/// Reads of the key list before leaving a new phrase for later.
const TRIES: usize = 4;

/// The data key of `epoch`; a staged next epoch this device was not handed means another device is renewing the
/// keys.
fn epoch_key(me: &SignedIn<'_, '_>, wraps: &KeyWraps, epoch: u32) -> Result<DataKey, SyncError> {
    match me.data_key(wraps, epoch) {
        Err(SyncError::Keys) if epoch > wraps.epoch => Err(SyncError::SwitchBusy),
        other => other,
    }
}

impl SyncEngine<'_> {
    /// Makes a new recovery phrase for the account and gives it, to show once; the old phrase stops working.
    pub async fn new_phrase(&self, transport: &dyn Transport) -> Result<SetUp, SyncError> {
        let mut me = self.signed_in(transport)?;
        let root = RootSecret::generate();
        let account = AccountKeys::derive(&root);
        let recovery_key = account.recovery.public().to_vec();
        let message = signing::new_phrase_message(&me.state.account_id, &account.lookup_id, &recovery_key);
        let signature = account.recovery.sign_message(&message).to_vec();
        // The server takes it only if it makes every epoch's recovery wrap again: a next epoch staged between
        // reading the list and sending means reading it again.
        for _ in 0..TRIES {
            let wraps: KeyWraps = me.get(routes::KEYS).await?;
            let mut kek_wraps = Vec::with_capacity(wraps.kek.len());
            for epoch in wraps.kek.iter().map(|w| w.epoch) {
                let key = epoch_key(&me, &wraps, epoch)?;
                // Each epoch after the first keeps its link from the one before (`keys::recovery_wrap`).
                let previous = match epoch.checked_sub(1) {
                    Some(before) => Some(epoch_key(&me, &wraps, before)?),
                    None => None,
                };
                let wrap = recovery_wrap(&key, &me.names, &account.recovery_public(), epoch, previous.as_ref())
                    .map_err(|_| SyncError::Keys)?;
                kek_wraps.push(EpochWrap { epoch, wrap });
            }
            if !kek_wraps.iter().any(|w| w.epoch == wraps.epoch) {
                return Err(SyncError::Keys);
            }
            let request = NewPhrase {
                lookup_id: account.lookup_id.to_vec(),
                recovery_key: recovery_key.clone(),
                kek_wraps,
                signature: signature.clone(),
            };
            let made: Result<Done, Refusal> = me
                .client
                .authed(&me.device, &me.state.device_id, Method::Post, routes::ACCOUNT_PHRASE, Some(&request), false)
                .await;
            match made {
                Ok(_) => return Ok(SetUp { phrase: root.phrase(), confirm: phrase::confirmation() }),
                Err(Refusal::Code(ErrorCode::StaleEpoch { .. })) => continue,
                Err(refusal) => return Err(refusal.into()),
            }
        }
        Err(SyncError::SwitchBusy)
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
