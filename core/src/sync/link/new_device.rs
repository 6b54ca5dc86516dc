//! The new device's side of linking: make its own keys and a code, post the hello, then step by step (the caller
//! polls, so a phone's UI and the terminal each wait their own way): answer the approving device's reply with the
//! reveal and show the digits; take the handover, sign in as the enrolled device, fetch its own key wraps from
//! the server, open them with its own X25519 key, and keep everything as set-up does. Every message read is
//! checked before it is used: the mailbox must start with this device's own hello, the reply and the handover
//! must open, and the keys the server gives must open with this device's key for the epoch the handover names.

use mend_protocol::accounts::{Done, Enrolled};
use mend_protocol::keys::KeyWraps;
use mend_protocol::routes;

use super::code::LinkCode;
use super::exchange::{self, Ephemeral, Hello, Session};
use super::mailbox;
use crate::sync::client::{Client, Method};
use crate::sync::engine::SyncEngine;
use crate::sync::error::SyncError;
use crate::sync::keys::DeviceKeys;
use crate::sync::transport::{Transport, check_server};

/// A link in progress on the new device.
pub struct Linking {
    server: String,
    code: LinkCode,
    device: DeviceKeys,
    ephemeral: Ephemeral,
    hello: Vec<u8>,
    reveal: Option<Vec<u8>>,
    session: Option<Session>,
}

impl std::fmt::Debug for Linking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linking").field("server", &self.server).finish_non_exhaustive()
    }
}

impl Linking {
    /// The code to show (and [`LinkCode::uri`] for a QR).
    pub fn code(&self) -> &LinkCode {
        &self.code
    }

    /// The digits, once the approving device has answered.
    pub fn digits(&self) -> Option<&str> {
        self.session.as_ref().map(|s| s.digits.as_str())
    }
}

/// Where a link stands after a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStep {
    /// Nothing new yet: poll again in a moment.
    Waiting,
    /// The approving device answered: show these digits (once) and keep polling.
    Digits(String),
    /// This device is in the synced journal now.
    Linked,
}

impl SyncEngine<'_> {
    /// Starts linking this device to a journal on `server`, as `device_name`: gives the code to show.
    pub async fn link_start(
        &self,
        server: &str,
        transport: &dyn Transport,
        device_name: &str,
    ) -> Result<Linking, SyncError> {
        let server = check_server(server)?;
        self.refuse_if_set_up()?;
        let code = LinkCode::generate();
        let device = DeviceKeys::generate();
        let ephemeral = Ephemeral::generate();
        let hello = exchange::seal_hello(
            &code,
            &Hello {
                commitment: exchange::commitment(&ephemeral.public()),
                signing_key: device.signing.public(),
                exchange_key: device.exchange_public(),
                name: device_name.to_owned(),
            },
        );
        let mut client = Client::new(&server, transport);
        mailbox::post(&mut client, &code, hello.clone()).await?;
        Ok(Linking { server, code, device, ephemeral, hello, reveal: None, session: None })
    }

    /// Reads the mailbox once and takes the next step if the other device has taken its own.
    pub async fn link_poll(&self, linking: &mut Linking, transport: &dyn Transport) -> Result<LinkStep, SyncError> {
        self.refuse_if_set_up()?;
        let mut client = Client::new(&linking.server, transport);
        let messages = mailbox::read(&mut client, &linking.code, SyncError::LinkExpired).await?;
        let mut bodies = messages.iter().map(|m| m.body.as_slice());
        if bodies.next() != Some(linking.hello.as_slice()) {
            return Err(SyncError::LinkTampered);
        }
        let mut handover = None;
        for body in bodies {
            if Some(body) == linking.reveal.as_deref() {
                continue;
            }
            if exchange::is_refusal(&linking.code, &linking.hello, body) {
                return Err(SyncError::LinkRefused);
            }
            let Some(session) = &linking.session else {
                // The first answer is the approving device's (only a holder of the code can seal one).
                let approver = exchange::open_reply(&linking.code, &linking.hello, body)?;
                return self.reveal(linking, &mut client, &approver).await;
            };
            // A later answer, from a second device that tried to approve at the same moment, is not this one's.
            if exchange::open_reply(&linking.code, &linking.hello, body).is_ok() {
                continue;
            }
            handover = Some(exchange::open_handover(session, &linking.hello, body)?);
            break;
        }
        let Some(handover) = handover else { return Ok(LinkStep::Waiting) };
        let wraps: KeyWraps = client
            .authed::<Done, KeyWraps>(&linking.device, &handover.device_id, Method::Get, routes::KEYS, None, true)
            .await?;
        let mut keys = Vec::with_capacity(wraps.device.len());
        for wrap in &wraps.device {
            keys.push((wrap.epoch, linking.device.unwrap(&wrap.wrap, wrap.epoch).map_err(|_| SyncError::Keys)?));
        }
        // The account may have moved to a newer epoch since it was enrolled, never to an older one.
        if handover.epoch > wraps.epoch || !keys.iter().any(|(epoch, _)| *epoch == wraps.epoch) {
            return Err(SyncError::Keys);
        }
        super::vouched::check(&handover, &wraps, &keys)?;
        let enrolled = Enrolled { account_id: handover.account_id, device_id: handover.device_id, epoch: wraps.epoch };
        self.save(&linking.server, &enrolled, &linking.device, &handover.names, &keys)?;
        Ok(LinkStep::Linked)
    }

    /// Answers the approving device's reply: the reveal, and the digits to show.
    async fn reveal(
        &self,
        linking: &mut Linking,
        client: &mut Client<'_>,
        approver: &[u8; 32],
    ) -> Result<LinkStep, SyncError> {
        let own = linking.ephemeral.public();
        let session = exchange::session(&linking.code, &linking.hello, &linking.ephemeral, approver, &own, approver)?;
        let reveal = exchange::seal_reveal(&linking.code, &linking.hello, &own);
        mailbox::post(client, &linking.code, reveal.clone()).await?;
        let digits = session.digits.clone();
        linking.reveal = Some(reveal);
        linking.session = Some(session);
        Ok(LinkStep::Digits(digits))
    }
}
