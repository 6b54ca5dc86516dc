//! Removing a device from the account (`mend sync revoke`), and what a removed device does when it learns of it.
//!
//! **Revoking**: this device first records that it owes the account an epoch switch (so a revocation stopped at
//! any point still ends with new keys: the next sync finishes it), then asks the server to refuse the device's
//! tokens at once, then syncs and renews the data key ([`super::epoch_switch`]). The phrase does not change.
//!
//! **Wiping**: with `wipe`, the request carries a **wipe order** sealed under a key derived from the account's
//! naming key, which every device of the account holds (whatever epochs it saw) and the server does not; bound
//! to the account and the device. The server
//! hands it over if the device ever asks for a token again; the device erases its journal and keys only if the
//! order opens with its own key — a server cannot erase anyone's journal on its own say-so. A device that never
//! connects again cannot be reached: it keeps what it had up to the revocation, and nothing after.

use mend_protocol::accounts::Done;
use mend_protocol::devices::{DeviceList, RevokeDevice};
use mend_protocol::keys::KeyWraps;
use mend_protocol::routes;

use super::client::Method;
use super::engine::{Options, Report, SyncEngine};
use super::epoch_switch::Switched;
use super::error::{Removal, SyncError};
use super::keys::NamingKey;
use super::keystore::DeviceSecrets;
use super::state;
use super::transport::Transport;
use crate::crypto;

/// What a revocation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revoked {
    /// The removed device's name, as the list shows it.
    pub name: String,
    /// Whether it was asked to erase itself if it connects again.
    pub wipe: bool,
    /// The sync after the revocation, with the key switch it finished — or why it did not finish (offline, say):
    /// the device is cut off either way, and the next sync renews the keys.
    pub renewal: Result<Report, String>,
}

impl SyncEngine<'_> {
    /// Removes the device `which` names (its id or name: [`super::devices::find`]) from the account, and renews
    /// the data key. If the renewal stops (offline, killed), the device is already cut off and the next sync
    /// finishes the renewal.
    pub async fn revoke(&self, transport: &dyn Transport, which: &str, wipe: bool) -> Result<Revoked, SyncError> {
        let mut me = self.signed_in(transport)?;
        let list: DeviceList = me.get(routes::DEVICES).await?;
        let devices = super::devices::read_list(&list, &me.names, &me.state.device_id);
        let device = super::devices::find(&devices, which)?;
        if device.this_device {
            return Err(SyncError::RevokeSelf);
        }
        let raw_id = mend_protocol::hex::decode("device_id", &device.id, mend_protocol::limits::DEVICE_ID_LEN)
            .map_err(|_| SyncError::UnknownDevice)?;
        let wraps: KeyWraps = me.get(routes::KEYS).await?;
        self.core.store.write(|tx| Ok(state::owe_switch(tx, highest_held(&wraps))?))?;
        let wipe_order = match wipe {
            true => Some(wipe_order(&me.names, &me.state.account_id, &raw_id)),
            false => None,
        };
        let path = routes::DEVICE_REVOKE.replace("{device_id}", &device.id);
        let _: Done = me.call(Method::Post, &path, Some(&RevokeDevice { wipe_order }), true).await?;
        // Until that moment the device could have fetched a next epoch staged meanwhile (by itself, even): owe
        // that one too. Anything staged from now on leaves it out (the server refuses wraps for it).
        let wraps: KeyWraps = me.get(routes::KEYS).await?;
        self.core.store.write(|tx| Ok(state::owe_switch(tx, highest_held(&wraps))?))?;
        let name = device.shown_name().to_owned();
        let renewal = self.sync_now(transport, Options::default()).await.map_err(|e| e.to_string());
        Ok(Revoked { name, wipe, renewal })
    }

    /// Whether this device owes the account an epoch switch it has not finished.
    pub(crate) fn switch_owed(&self) -> Result<bool, SyncError> {
        Ok(self.state()?.is_some_and(|s| s.switch_owed.is_some_and(|owed| s.epoch <= owed)))
    }

    /// Finishes an owed switch (after a sync, so what this device holds is on the server).
    pub(crate) async fn finish_switch(&self, transport: &dyn Transport) -> Result<Option<Switched>, SyncError> {
        if !self.switch_owed()? {
            return Ok(None);
        }
        let mut switched = self.switch_epoch(transport).await?;
        while self.switch_owed()? {
            // Revoked while a switch was already staged: the removed device may hold that key too.
            let again = self.switch_epoch(transport).await?;
            switched = Switched { epoch: again.epoch, resealed: switched.resealed + again.resealed };
        }
        Ok(Some(switched))
    }

    /// This device was removed from the account: with a wipe order that opens with one of its keys, erase its
    /// journal and keys; otherwise turn sync off here and keep the journal. Gives the error that says which.
    pub(crate) fn removed_here(&self, wipe_order: Option<&[u8]>) -> SyncError {
        let removal = match wipe_order {
            None => Removal::SyncOff,
            Some(order) => match self.order_checks_out(order) {
                true => Removal::Erased,
                false => Removal::EraseUnverified,
            },
        };
        // The keys go first: with the journal's sync state gone, nothing would ever clear them.
        if let Err(error) = self.keys.clear() {
            return error.into();
        }
        let done = match removal {
            Removal::Erased => crate::export::erase::erase_all(self.core).map_err(SyncError::from),
            _ => self.core.store.write(|tx| Ok(state::forget(tx)?)).map_err(SyncError::from),
        };
        if let Err(error) = done {
            return error;
        }
        self.core.notify(&[crate::observe::Change::Sync]);
        SyncError::RemovedHere(removal)
    }

    fn order_checks_out(&self, order: &[u8]) -> bool {
        // Read before the keys are cleared (`removed_here`).
        let Some(state) = self.state().ok().flatten() else { return false };
        match DeviceSecrets::new(self.keys).naming() {
            Ok(Some(names)) => open_wipe_order(&names, &state.account_id, &state.device_id, order).is_ok(),
            _ => false,
        }
    }
}

/// The highest epoch whose key a device of the account may hold: the current one, or a next one staged (never
/// more than one ahead, whatever the server lists).
fn highest_held(wraps: &KeyWraps) -> u32 {
    let staged = wraps.epoch.checked_add(1).filter(|next| wraps.kek.iter().any(|w| w.epoch == *next));
    staged.unwrap_or(wraps.epoch)
}

/// A wipe order for `device` of `account`, sealed under a key derived from the account's naming key.
pub fn wipe_order(names: &NamingKey, account: &[u8], device: &[u8]) -> Vec<u8> {
    crypto::seal(&order_key(names), &order_aad(account, device), b"erase")
}

/// Opens a wipe order made by [`wipe_order`] for this device.
pub fn open_wipe_order(
    names: &NamingKey,
    account: &[u8],
    device: &[u8],
    order: &[u8],
) -> Result<(), crypto::CryptoError> {
    let opened = crypto::open(&order_key(names), &order_aad(account, device), order)?;
    match opened.as_slice() {
        b"erase" => Ok(()),
        _ => Err(crypto::CryptoError::Unsealed),
    }
}

fn order_key(names: &NamingKey) -> crypto::Bytes32 {
    crypto::derive(names.bytes(), "mend-sync-wipe-order-key-v1")
}

fn order_aad(account: &[u8], device: &[u8]) -> Vec<u8> {
    let mut aad = b"mend-sync-wipe-order-v1".to_vec();
    for part in [account, device] {
        aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
        aad.extend_from_slice(part);
    }
    aad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wipe_order_opens_only_for_its_device_and_account_and_with_the_accounts_key() {
        let key = NamingKey::from_bytes([7; 32]);
        let order = wipe_order(&key, b"account", b"device");
        assert!(open_wipe_order(&key, b"account", b"device", &order).is_ok());
        assert!(open_wipe_order(&key, b"account", b"another", &order).is_err(), "another device");
        assert!(open_wipe_order(&key, b"other", b"device", &order).is_err(), "another account");
        let guess = NamingKey::from_bytes([8; 32]);
        assert!(open_wipe_order(&guess, b"account", b"device", &order).is_err(), "a server's guess");
        for i in 0..order.len() * 8 {
            let mut bad = order.clone();
            bad[i / 8] ^= 1 << (i % 8);
            assert!(open_wipe_order(&key, b"account", b"device", &bad).is_err(), "bit {i}");
        }
        assert!(open_wipe_order(&key, b"account", b"device", &order[..3]).is_err());
    }
}
