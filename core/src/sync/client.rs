//! The protocol spoken over a [`Transport`]: each call encodes a message, sends it to one route, and decodes the
//! reply with the protocol's checked decoder — or the refusal, as a typed [`Refusal`] the engine decides about.
//! A device signs in by signing a single-use challenge ([`Client::sign_in`]); the token then rides on every
//! account route, and an expired one is renewed once, silently.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mend_protocol::auth::{Challenge, ChallengeRequest, Token, TokenRequest};
use mend_protocol::{AUTHORIZATION, CONTENT_TYPE, ErrorBody, ErrorCode, Message, decode, encode, routes, signing};
use zeroize::Zeroizing;

use super::error::SyncError;
use super::keys::DeviceKeys;
use super::transport::{HttpRequest, Transport, TransportError};

/// What a call gave when it did not succeed.
#[derive(Debug)]
pub enum Refusal {
    /// The server refused with this code.
    Code(ErrorCode),
    /// Anything else (offline, a reply that did not decode, cancelled).
    Failed(SyncError),
}

impl From<Refusal> for SyncError {
    fn from(refusal: Refusal) -> SyncError {
        match refusal {
            Refusal::Code(code) => SyncError::from_code(&code),
            Refusal::Failed(error) => error,
        }
    }
}

impl From<TransportError> for Refusal {
    fn from(error: TransportError) -> Refusal {
        Refusal::Failed(match error {
            TransportError::Cancelled => SyncError::Cancelled,
            other => SyncError::Transport(other),
        })
    }
}

/// Bytes sent and received, for progress and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traffic {
    pub requests: u64,
    pub bytes_up: u64,
    pub bytes_down: u64,
}

/// A protocol client for one server.
pub struct Client<'t> {
    base: String,
    transport: &'t dyn Transport,
    token: Option<Zeroizing<String>>,
    /// Unix seconds after which the server refuses the token.
    expires_at: i64,
    signed_in_as: Option<Vec<u8>>,
    pub traffic: Traffic,
}

/// A token kept between syncs (in the device's key store), so a sync with nothing to do is one request.
#[derive(Clone)]
pub struct Session {
    pub device_id: Vec<u8>,
    pub token: Zeroizing<String>,
    pub expires_at: i64,
}

/// How a route is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl<'t> Client<'t> {
    /// A client for the server at `base` (already checked by [`super::transport::check_server`]).
    pub fn new(base: &str, transport: &'t dyn Transport) -> Client<'t> {
        Client {
            base: base.to_owned(),
            transport,
            token: None,
            expires_at: 0,
            signed_in_as: None,
            traffic: Traffic::default(),
        }
    }

    /// Carries on with a session from an earlier sync (if it has not expired by `now`).
    pub fn resume(&mut self, session: Session, now: i64) {
        if session.expires_at > now + 30 {
            self.token = Some(session.token);
            self.expires_at = session.expires_at;
            self.signed_in_as = Some(session.device_id);
        }
    }

    /// The current session, to keep for the next sync.
    pub fn session(&self) -> Option<Session> {
        Some(Session { device_id: self.signed_in_as.clone()?, token: self.token.clone()?, expires_at: self.expires_at })
    }

    /// Sends `body` (if any) to `path` and decodes the reply. `idempotent` lets the transport retry it.
    pub async fn call<Q: Message, R: Message>(
        &mut self,
        method: Method,
        path: &str,
        body: Option<&Q>,
        idempotent: bool,
    ) -> Result<R, Refusal> {
        let reply = self.send(method, path, body.map(encode), idempotent).await?;
        decode::<R>(&reply).map_err(|_| Refusal::Failed(SyncError::BadReply))
    }

    /// An account route: signs in first if needed, and once more if the token has expired.
    pub async fn authed<Q: Message, R: Message>(
        &mut self,
        keys: &DeviceKeys,
        device_id: &[u8],
        method: Method,
        path: &str,
        body: Option<&Q>,
        idempotent: bool,
    ) -> Result<R, Refusal> {
        let reply = self.send_authed(keys, device_id, method, path, body.map(encode), idempotent).await?;
        decode::<R>(&reply).map_err(|_| Refusal::Failed(SyncError::BadReply))
    }

    // The exchanges themselves take and give bytes, so there is one copy of each for every message type (the
    // generic `call` and `authed` only encode and decode): the phone library carries one, not one per route.

    /// One exchange: the reply's body on 200, else the refusal it carries.
    async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        idempotent: bool,
    ) -> Result<Vec<u8>, Refusal> {
        let mut headers = Vec::with_capacity(2);
        if let Some(token) = &self.token {
            headers.push((AUTHORIZATION.to_owned(), format!("Bearer {}", token.as_str())));
        }
        let body = body.unwrap_or_default();
        if !body.is_empty() || method != Method::Get {
            headers.push(("content-type".to_owned(), CONTENT_TYPE.to_owned()));
        }
        let request = HttpRequest {
            method: method.name().to_owned(),
            url: format!("{}{path}", self.base),
            headers,
            body,
            idempotent,
        };
        self.traffic.requests += 1;
        self.traffic.bytes_up += request.body.len() as u64;
        let reply = self.transport.send(request).await?;
        self.traffic.bytes_down += reply.body.len() as u64;
        if reply.status == 200 {
            return Ok(reply.body);
        }
        match decode::<ErrorBody>(&reply.body) {
            Ok(error) => Err(Refusal::Code(error.code)),
            Err(_) if reply.status >= 500 => Err(Refusal::Code(ErrorCode::Internal)),
            Err(_) => Err(Refusal::Failed(SyncError::BadReply)),
        }
    }

    /// One exchange on an account route, signed in (again, if the token expired).
    async fn send_authed(
        &mut self,
        keys: &DeviceKeys,
        device_id: &[u8],
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        idempotent: bool,
    ) -> Result<Vec<u8>, Refusal> {
        if self.token.is_none() || self.signed_in_as.as_deref() != Some(device_id) {
            self.sign_in(keys, device_id).await?;
        }
        match self.send(method, path, body.clone(), idempotent).await {
            Err(Refusal::Code(ErrorCode::TokenExpired | ErrorCode::Unauthorized)) => {
                self.sign_in(keys, device_id).await?;
                self.send(method, path, body, idempotent).await
            }
            other => other,
        }
    }

    /// Signs in as `device_id`: a single-use challenge, signed with the device's key, for a token.
    pub async fn sign_in(&mut self, keys: &DeviceKeys, device_id: &[u8]) -> Result<(), Refusal> {
        self.token = None;
        let request = ChallengeRequest { device_id: device_id.to_vec() };
        let challenge: Challenge = match self.call(Method::Post, routes::AUTH_CHALLENGE, Some(&request), false).await {
            // The server no longer knows this device's account: it was erased from another device.
            Err(Refusal::Code(ErrorCode::NotFound)) => return Err(Refusal::Failed(SyncError::AccountGone)),
            other => other?,
        };
        let signature = keys.signing.sign_message(&signing::auth_message(device_id, &challenge.nonce));
        let request =
            TokenRequest { device_id: device_id.to_vec(), nonce: challenge.nonce, signature: signature.to_vec() };
        let token: Token = self.call(Method::Post, routes::AUTH_TOKEN, Some(&request), false).await?;
        self.token = Some(Zeroizing::new(URL_SAFE_NO_PAD.encode(&token.token)));
        self.expires_at = token.expires_at;
        self.signed_in_as = Some(device_id.to_vec());
        Ok(())
    }
}
