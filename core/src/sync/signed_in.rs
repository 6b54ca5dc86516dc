//! Calls as this device to its account on the server, outside a sync: its sync state, its keys and the
//! account's naming key from the key store, and a client that signs in when the first account route needs it.
//! The device list, a new phrase, checking a phrase and approving a linked device all start here.

use mend_protocol::accounts::Done;
use mend_protocol::codec::Message;
use mend_protocol::keys::KeyWraps;

use super::client::{Client, Method};
use super::engine::SyncEngine;
use super::error::SyncError;
use super::keys::{DataKey, DeviceKeys, NamingKey};
use super::keystore::DeviceSecrets;
use super::state::State;
use super::transport::Transport;

/// This device, ready to call its account's routes.
pub(crate) struct SignedIn<'k, 't> {
    pub state: State,
    pub secrets: DeviceSecrets<'k>,
    pub device: DeviceKeys,
    pub names: NamingKey,
    pub client: Client<'t>,
}

impl<'m> SyncEngine<'m> {
    /// This device's state and keys, with a client to its server over `transport`.
    pub(crate) fn signed_in<'t>(&self, transport: &'t dyn Transport) -> Result<SignedIn<'m, 't>, SyncError> {
        let state = self.state()?.ok_or(SyncError::NotSetUp)?;
        let secrets = DeviceSecrets::new(self.keys);
        let device = secrets.device()?.ok_or(SyncError::Keys)?;
        let names = secrets.naming()?.ok_or(SyncError::Keys)?;
        let client = Client::new(&state.server, transport);
        Ok(SignedIn { state, secrets, device, names, client })
    }
}

impl SignedIn<'_, '_> {
    /// An account route, as this device (`idempotent`: safe to send again after a lost reply).
    pub async fn call<Q: Message, R: Message>(
        &mut self,
        method: Method,
        path: &str,
        body: Option<&Q>,
        idempotent: bool,
    ) -> Result<R, SyncError> {
        Ok(self.client.authed(&self.device, &self.state.device_id, method, path, body, idempotent).await?)
    }

    /// Reads an account route.
    pub async fn get<R: Message>(&mut self, path: &str) -> Result<R, SyncError> {
        self.call::<Done, R>(Method::Get, path, None, true).await
    }

    /// The data key of `epoch`: from this device's key store, or else from its own wrap in `wraps` when the
    /// epoch links it from a key held here ([`super::epoch_keys`]).
    pub fn data_key(&self, wraps: &KeyWraps, epoch: u32) -> Result<DataKey, SyncError> {
        super::epoch_keys::data_key(&self.secrets, &self.device, wraps, epoch)
    }
}
