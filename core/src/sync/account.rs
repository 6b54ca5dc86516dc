//! Setting sync up on a device: a new account (a new recovery phrase, shown once), or joining an account with
//! its phrase; and turning sync off. Set-up makes the device's own keys and epoch 0's data key, sends the server
//! only public keys, wrapped keys and the phrase's lookup id, and keeps the secrets in the device's key store —
//! never the root secret, which set-up hands back to be shown and then forgets.

use mend_protocol::accounts::{CreateAccount, Done, Enrolled, RecoverDevice, RecoveryChallengeRequest};
use mend_protocol::auth::Challenge;
use mend_protocol::devices::{NewDevice, RenameDevice};
use mend_protocol::keys::KeyWraps;
use mend_protocol::{ErrorCode, routes, signing};
use zeroize::Zeroizing;

use super::client::{Client, Method, Refusal};
use super::engine::SyncEngine;
use super::error::SyncError;
use super::keys::{AccountKeys, DataKey, DeviceKeys, NamingKey, recovery_wrap, wrap_for_device};
use super::keystore::DeviceSecrets;
use super::phrase::{self, RootSecret};
use super::state;
use super::transport::{Transport, check_server};
use crate::crypto;

/// What set-up gives: the recovery phrase, to show once, and two of its positions (1-based) to ask back.
pub struct SetUp {
    pub phrase: Zeroizing<String>,
    pub confirm: [usize; 2],
}

impl std::fmt::Debug for SetUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetUp").field("confirm", &self.confirm).finish_non_exhaustive()
    }
}

/// A device's public keys, which its sealed name is bound to.
#[derive(Debug, Clone, Copy)]
pub struct DeviceKeysPublic<'a> {
    pub signing: &'a [u8],
    pub exchange: &'a [u8],
}

/// A device's name as the server keeps it: sealed under a key only the account's devices derive, and bound to
/// the device's own public keys — so a name opens only on the device entry it was sealed for, and a server cannot
/// pass a device of its own off as one of the person's by copying a name onto it (a device that is handed the
/// next data key is one whose name opens: `epoch_switch.rs`).
pub fn seal_device_name(names: &NamingKey, name: &str, keys: DeviceKeysPublic<'_>) -> Vec<u8> {
    let key = crypto::derive(names.bytes(), "mend-sync-device-name-v1");
    let name: String = name.chars().take(64).collect();
    crypto::seal(&key, &name_aad(keys), name.as_bytes())
}

/// A device's name as the server keeps it, opened (`None` if it does not open for these keys).
pub fn open_device_name(names: &NamingKey, sealed: &[u8], keys: DeviceKeysPublic<'_>) -> Option<String> {
    let key = crypto::derive(names.bytes(), "mend-sync-device-name-v1");
    crypto::open(&key, &name_aad(keys), sealed).ok().and_then(|b| String::from_utf8(b).ok())
}

fn name_aad(keys: DeviceKeysPublic<'_>) -> Vec<u8> {
    let mut aad = b"mend-sync-device-name-v2".to_vec();
    for part in [keys.signing, keys.exchange] {
        aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
        aad.extend_from_slice(part);
    }
    aad
}

fn new_device(names: &NamingKey, device: &DeviceKeys, name: &str) -> NewDevice {
    let (signing, exchange) = (device.signing.public(), device.exchange_public());
    NewDevice {
        signing_key: signing.to_vec(),
        exchange_key: exchange.to_vec(),
        name: seal_device_name(names, name, DeviceKeysPublic { signing: &signing, exchange: &exchange }),
    }
}

impl SyncEngine<'_> {
    /// Sets sync up with a new account on `server`: gives the recovery phrase to show once. The journal already
    /// here is uploaded by the first sync.
    pub async fn setup(
        &self,
        server: &str,
        transport: &dyn Transport,
        device_name: &str,
        registration_token: Option<String>,
    ) -> Result<SetUp, SyncError> {
        let server = check_server(server)?;
        self.refuse_if_set_up()?;
        let root = RootSecret::generate();
        let account = AccountKeys::derive(&root);
        let device = DeviceKeys::generate();
        let data_key = DataKey::generate();
        let request = CreateAccount {
            lookup_id: account.lookup_id.to_vec(),
            recovery_key: account.recovery.public().to_vec(),
            kek_wrap: recovery_wrap(&data_key, &account.names, &account.recovery_public(), 0, None)
                .map_err(|_| SyncError::Keys)?,
            device: new_device(&account.names, &device, device_name),
            device_wrap: wrap_for_device(&data_key, &device.exchange_public(), 0).map_err(|_| SyncError::Keys)?,
            registration_token,
        };
        let mut client = Client::new(&server, transport);
        let enrolled: Enrolled = client.call(Method::Post, routes::ACCOUNTS, Some(&request), false).await?;
        self.save(&server, &enrolled, &device, &account.names, &[(enrolled.epoch, data_key)])?;
        Ok(SetUp { phrase: root.phrase(), confirm: phrase::confirmation() })
    }

    /// Joins the account the recovery `phrase` belongs to on `server`, as a new device. The next sync brings
    /// the journal here and combines it with what this device already holds.
    pub async fn join(
        &self,
        server: &str,
        transport: &dyn Transport,
        phrase: &str,
        device_name: &str,
    ) -> Result<(), SyncError> {
        let server = check_server(server)?;
        self.refuse_if_set_up()?;
        let root = RootSecret::from_phrase(phrase)?;
        let account = AccountKeys::derive(&root);
        let mut client = Client::new(&server, transport);
        let ask = RecoveryChallengeRequest { lookup_id: account.lookup_id.to_vec() };
        let challenge: Challenge =
            client.call(Method::Post, routes::RECOVERY_CHALLENGE, Some(&ask), false).await.map_err(unknown)?;
        let device = DeviceKeys::generate();
        let new = new_device(&account.names, &device, device_name);
        let signed =
            signing::recovery_message(&account.lookup_id, &challenge.nonce, &new.signing_key, &new.exchange_key);
        let request = RecoverDevice {
            lookup_id: account.lookup_id.to_vec(),
            nonce: challenge.nonce,
            device: new,
            signature: account.recovery.sign_message(&signed).to_vec(),
        };
        let enrolled: Enrolled =
            client.call(Method::Post, routes::RECOVERY_ENROL, Some(&request), false).await.map_err(unknown)?;
        let wraps: KeyWraps = client
            .authed::<Done, KeyWraps>(&device, &enrolled.device_id, Method::Get, routes::KEYS, None, true)
            .await?;
        let mut keys = Vec::with_capacity(wraps.kek.len());
        // Every recovery wrap carries the account's naming key: after a new phrase it is no longer the one this
        // phrase derives (it cannot change with the phrase).
        let mut carried = None;
        for wrap in &wraps.kek {
            let (key, names) = account.open_wrap(&wrap.wrap, wrap.epoch).map_err(|_| SyncError::Keys)?;
            if wrap.epoch == wraps.epoch {
                carried = Some(names);
            }
            keys.push((wrap.epoch, key));
        }
        let names = carried.ok_or(SyncError::Keys)?;
        if names.bytes() != account.names.bytes() {
            // The name was sealed under the key this phrase derives, which no device holds after a new phrase:
            // seal it again under the account's naming key, so every device (this one too) can read it.
            let (signing, exchange) = (device.signing.public(), device.exchange_public());
            let keys = DeviceKeysPublic { signing: &signing, exchange: &exchange };
            let rename = RenameDevice { name: seal_device_name(&names, device_name, keys) };
            client
                .authed::<RenameDevice, Done>(
                    &device,
                    &enrolled.device_id,
                    Method::Put,
                    routes::DEVICE_NAME,
                    Some(&rename),
                    true,
                )
                .await?;
        }
        let enrolled = Enrolled { epoch: wraps.epoch, ..enrolled };
        self.save(&server, &enrolled, &device, &names, &keys)
    }

    /// Turns sync off on this device: it keeps its journal and forgets the account's keys. With
    /// `delete_from_server`, the account and everything on the server is deleted first (other devices learn at
    /// their next sync).
    pub async fn off(&self, transport: Option<&dyn Transport>, delete_from_server: bool) -> Result<(), SyncError> {
        self.state()?.ok_or(SyncError::NotSetUp)?;
        if delete_from_server {
            self.delete_from_server(transport.ok_or(SyncError::NotSetUp)?).await?;
        }
        self.core.store.write(|tx| Ok(state::forget(tx)?))?;
        self.keys.clear()?;
        self.core.notify(&[crate::observe::Change::Sync]);
        Ok(())
    }

    /// Deletes the account and everything in it from the server ("erase everywhere"; an account already gone
    /// is fine). This device's own journal and keys are left to the caller's erase.
    pub async fn delete_from_server(&self, transport: &dyn Transport) -> Result<(), SyncError> {
        let state = self.state()?.ok_or(SyncError::NotSetUp)?;
        let device = self.device_keys()?;
        let mut client = Client::new(&state.server, transport);
        let deleted: Result<Done, Refusal> =
            client.authed(&device, &state.device_id, Method::Delete, routes::ACCOUNT, None::<&Done>, true).await;
        match deleted {
            Ok(_) | Err(Refusal::Code(ErrorCode::NotFound)) | Err(Refusal::Failed(SyncError::AccountGone)) => Ok(()),
            Err(refusal) => Err(refusal.into()),
        }
    }

    pub(super) fn refuse_if_set_up(&self) -> Result<(), SyncError> {
        match self.state()? {
            Some(_) => Err(SyncError::AlreadySetUp),
            None => Ok(()),
        }
    }

    /// Keeps the device's secrets in its key store, then the state in the journal (a crash between the two
    /// leaves sync not set up, and set-up can run again).
    pub(super) fn save(
        &self,
        server: &str,
        enrolled: &Enrolled,
        device: &DeviceKeys,
        names: &NamingKey,
        data_keys: &[(u32, DataKey)],
    ) -> Result<(), SyncError> {
        let secrets = DeviceSecrets::new(self.keys);
        secrets.save_device(device)?;
        secrets.save_naming(names)?;
        for (epoch, key) in data_keys {
            secrets.save_data_key(*epoch, key)?;
        }
        let reminders_here = self.reminders_here_by_default;
        self.core.store.write(|tx| {
            Ok(state::create(tx, server, &enrolled.account_id, &enrolled.device_id, enrolled.epoch, reminders_here)?)
        })?;
        self.core.notify(&[crate::observe::Change::Sync]);
        Ok(())
    }
}

/// A phrase the server does not know.
fn unknown(refusal: Refusal) -> SyncError {
    match refusal {
        Refusal::Code(ErrorCode::NotFound | ErrorCode::BadSignature) => SyncError::UnknownPhrase,
        other => other.into(),
    }
}
