//! The approving device's side of linking (a device already in sync): read the new device's hello with the
//! code, answer with its own ephemeral key, wait for the reveal and give the digits to show; then, once the person
//! has confirmed they match, enrol the new device (`POST /v1/devices`, its name sealed under the account's
//! naming key, each epoch's data key wrapped to its X25519 key) and hand it the account's naming key — or say no,
//! so the new device stops waiting. A code already answered (by this device or another) is refused, and so is any
//! message that does not check out: nothing is enrolled unless the whole exchange did.

use mend_protocol::accounts::Enrolled;
use mend_protocol::devices::{EnrolDevice, NewDevice};
use mend_protocol::keys::{EpochWrap, KeyWraps};
use mend_protocol::routes;

use super::code::LinkCode;
use super::exchange::{self, Ephemeral, Handover, Hello, Session};
use super::mailbox;
use crate::sync::account::{DeviceKeysPublic, seal_device_name};
use crate::sync::client::{Client, Method};
use crate::sync::engine::SyncEngine;
use crate::sync::error::SyncError;
use crate::sync::keys::wrap_for_device;
use crate::sync::transport::Transport;

/// An approval in progress.
pub struct Approval {
    server: String,
    code: LinkCode,
    hello_body: Vec<u8>,
    hello: Hello,
    ephemeral: Ephemeral,
    session: Option<Session>,
}

impl std::fmt::Debug for Approval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Approval").field("server", &self.server).finish_non_exhaustive()
    }
}

impl Approval {
    /// The name the new device gave itself (from the network: escape it before a terminal).
    pub fn name(&self) -> &str {
        &self.hello.name
    }

    /// The digits, once the new device has revealed its key.
    pub fn digits(&self) -> Option<&str> {
        self.session.as_ref().map(|s| s.digits.as_str())
    }
}

impl SyncEngine<'_> {
    /// Starts approving the new device showing `code`: reads its hello and answers it.
    pub async fn approve_start(&self, transport: &dyn Transport, code: &str) -> Result<Approval, SyncError> {
        let state = self.state()?.ok_or(SyncError::NotSetUp)?;
        let code = LinkCode::parse(code).map_err(|_| SyncError::LinkCode)?;
        let mut client = Client::new(&state.server, transport);
        let messages = mailbox::read(&mut client, &code, SyncError::LinkUnknown).await?;
        let hello_body = messages.first().ok_or(SyncError::LinkUnknown)?.body.clone();
        let hello = exchange::open_hello(&code, &hello_body)?;
        if messages.len() > 1 {
            return Err(SyncError::LinkUsed);
        }
        let ephemeral = Ephemeral::generate();
        let reply = exchange::seal_reply(&code, &hello_body, &ephemeral.public());
        mailbox::post(&mut client, &code, reply.clone()).await?;
        // Two devices may answer at once: the first answer in the mailbox is the one the new device takes.
        let messages = mailbox::read(&mut client, &code, SyncError::LinkExpired).await?;
        let first = messages.iter().skip(1).find(|m| exchange::open_reply(&code, &hello_body, &m.body).is_ok());
        if first.map(|m| &m.body) != Some(&reply) {
            return Err(SyncError::LinkUsed);
        }
        Ok(Approval { server: state.server, code, hello_body, hello, ephemeral, session: None })
    }

    /// Reads the mailbox once: the digits when the new device has revealed its key, else `None` (poll again).
    pub async fn approve_poll(
        &self,
        approval: &mut Approval,
        transport: &dyn Transport,
    ) -> Result<Option<String>, SyncError> {
        if let Some(session) = &approval.session {
            return Ok(Some(session.digits.clone()));
        }
        let mut client = Client::new(&approval.server, transport);
        let messages = mailbox::read(&mut client, &approval.code, SyncError::LinkExpired).await?;
        // After the hello: answers (this device's, and any from a second device that tried at the same moment),
        // then the reveal. Anything else did not come from a holder of the code.
        let code = &approval.code;
        let mut after = messages.iter().skip(1).map(|m| m.body.as_slice());
        let Some(reveal) = after.find(|body| exchange::open_reply(code, &approval.hello_body, body).is_err()) else {
            return Ok(None);
        };
        let new = exchange::open_reveal(code, &approval.hello_body, &approval.hello, reveal)?;
        let own = approval.ephemeral.public();
        let session = exchange::session(&approval.code, &approval.hello_body, &approval.ephemeral, &new, &new, &own)?;
        let digits = session.digits.clone();
        approval.session = Some(session);
        Ok(Some(digits))
    }

    /// Finishes: `confirmed` are the digits the person confirmed (typed, or said yes to). Unless they are the
    /// digits this exchange gave, nothing is enrolled and the new device is told no.
    pub async fn approve_finish(
        &self,
        approval: Approval,
        transport: &dyn Transport,
        confirmed: &str,
    ) -> Result<(), SyncError> {
        let session = approval.session.as_ref().ok_or(SyncError::LinkDigits)?;
        let typed: String = confirmed.chars().filter(|c| !c.is_whitespace()).collect();
        if typed != session.digits {
            self.approve_decline(&approval, transport).await.ok();
            return Err(SyncError::LinkDigits);
        }
        let mut me = self.signed_in(transport)?;
        let wraps: KeyWraps = me.get(routes::KEYS).await?;
        let mut device_wraps = Vec::with_capacity(wraps.kek.len());
        let mut commitments = Vec::with_capacity(wraps.kek.len());
        for epoch in wraps.kek.iter().map(|w| w.epoch) {
            let key = me.data_key(&wraps, epoch)?;
            let wrap = wrap_for_device(&key, &approval.hello.exchange_key, epoch).map_err(|_| SyncError::Keys)?;
            device_wraps.push(EpochWrap { epoch, wrap });
            commitments.push((epoch, key.commitment()));
        }
        let request = EnrolDevice {
            device: NewDevice {
                signing_key: approval.hello.signing_key.to_vec(),
                exchange_key: approval.hello.exchange_key.to_vec(),
                name: seal_device_name(
                    &me.names,
                    &approval.hello.name,
                    DeviceKeysPublic { signing: &approval.hello.signing_key, exchange: &approval.hello.exchange_key },
                ),
            },
            wraps: device_wraps,
        };
        let enrolled: Enrolled = me.call(Method::Post, routes::DEVICES, Some(&request), false).await?;
        // The handover vouches for the key of the epoch the device was enrolled in (the server's current one).
        let key = commitments.iter().find(|(epoch, _)| *epoch == enrolled.epoch).ok_or(SyncError::Keys)?.1;
        let handover = Handover {
            account_id: enrolled.account_id,
            device_id: enrolled.device_id,
            epoch: enrolled.epoch,
            names: me.names,
            key,
        };
        let last = exchange::seal_handover(session, &approval.hello_body, &handover);
        mailbox::post(&mut me.client, &approval.code, last).await
    }

    /// Says no: the new device stops waiting, and nothing is enrolled.
    pub async fn approve_decline(&self, approval: &Approval, transport: &dyn Transport) -> Result<(), SyncError> {
        let mut client = Client::new(&approval.server, transport);
        mailbox::post(&mut client, &approval.code, exchange::seal_refusal(&approval.code, &approval.hello_body)).await
    }
}
