//! Test support: a server on an ephemeral loopback port (in this process or as a child process), a small client
//! that speaks the protocol, and devices with real Ed25519 keys.
#![allow(dead_code)]

// The throwaway PostgreSQL cluster (shared with the end-to-end tests); not every test binary uses it.
#[allow(unused_imports)]
pub use mend_pg_cluster as postgres;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey};
use mend_protocol::accounts::{CreateAccount, Enrolled};
use mend_protocol::auth::{Challenge, ChallengeRequest, Token, TokenRequest};
use mend_protocol::devices::NewDevice;
use mend_protocol::{CONTENT_TYPE, ErrorBody, ErrorCode, Message, decode, encode, signing};
use mend_server::crypto::random;
use mend_server::{Config, Running};

/// A server in this process on 127.0.0.1 with an SQLite file in a temporary directory.
pub struct TestServer {
    pub running: Running,
    pub dir: tempfile::TempDir,
}

impl TestServer {
    pub async fn start() -> Self {
        Self::with(|_| {}).await
    }

    pub async fn with(tweak: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::sqlite(dir.path().join("data/mend-server.sqlite3"), "127.0.0.1:0".parse().unwrap());
        tweak(&mut config);
        let running = mend_server::start(config).await.unwrap();
        TestServer { running, dir }
    }

    pub fn client(&self) -> Client {
        Client::new(format!("http://{}", self.running.addr))
    }
}

/// A protocol client over reqwest.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
}

/// A refusal: the HTTP status and the decoded error body.
pub type Refusal = (u16, ErrorBody);

impl Client {
    pub fn new(base: String) -> Self {
        Client { base, http: reqwest::Client::new(), token: None }
    }

    pub fn with_token(&self, token: &[u8]) -> Client {
        Client { token: Some(URL_SAFE_NO_PAD.encode(token)), ..self.clone() }
    }

    /// Sends raw bytes; returns the status and body.
    pub async fn raw(&self, method: &str, path: &str, body: Option<Vec<u8>>) -> (u16, Vec<u8>) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(token) = &self.token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        if let Some(body) = body {
            request = request.header("content-type", CONTENT_TYPE).body(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.bytes().await.unwrap().to_vec())
    }

    /// Sends a message (or none) and decodes the reply or the refusal.
    pub async fn call<Q: Message, R: Message>(&self, method: &str, path: &str, body: Option<&Q>) -> Result<R, Refusal> {
        let (status, bytes) = self.raw(method, path, body.map(encode)).await;
        if status == 200 {
            Ok(decode::<R>(&bytes).unwrap_or_else(|error| panic!("{path}: reply did not decode: {error}")))
        } else {
            let error: ErrorBody =
                decode(&bytes).unwrap_or_else(|e| panic!("{path}: {status} without an error body: {e}"));
            assert_eq!(error.code.http_status(), status, "{path}: status and code disagree");
            Err((status, error))
        }
    }

    pub async fn post<Q: Message, R: Message>(&self, path: &str, body: &Q) -> Result<R, Refusal> {
        self.call("POST", path, Some(body)).await
    }

    pub async fn get<R: Message>(&self, path: &str) -> Result<R, Refusal> {
        self.call::<mend_protocol::accounts::Done, R>("GET", path, None).await
    }
}

/// The code of a refusal, panicking on success.
pub fn code<T: std::fmt::Debug>(result: Result<T, Refusal>) -> ErrorCode {
    match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err((_, body)) => body.code,
    }
}

/// The field a refusal names.
pub fn field<T: std::fmt::Debug>(result: Result<T, Refusal>) -> Option<String> {
    match result {
        Ok(value) => panic!("expected a refusal, got {value:?}"),
        Err((_, body)) => body.field,
    }
}

/// A device with its keys and, once authenticated, a client carrying its token.
pub struct Device {
    pub key: SigningKey,
    pub device_id: Vec<u8>,
    pub account_id: Vec<u8>,
    pub client: Client,
}

/// An account with its recovery secrets.
pub struct Account {
    pub lookup_id: Vec<u8>,
    pub recovery: SigningKey,
    pub device: Device,
}

pub fn new_key() -> SigningKey {
    SigningKey::from_bytes(&random::<32>())
}

pub fn new_device(key: &SigningKey, name: &[u8]) -> NewDevice {
    NewDevice {
        signing_key: key.verifying_key().to_bytes().to_vec(),
        exchange_key: random::<32>().to_vec(),
        name: name.to_vec(),
    }
}

pub fn create_request(lookup_id: &[u8], recovery: &SigningKey, device: &SigningKey) -> CreateAccount {
    CreateAccount {
        lookup_id: lookup_id.to_vec(),
        recovery_key: recovery.verifying_key().to_bytes().to_vec(),
        kek_wrap: vec![0x4b; 72],
        device: new_device(device, b"encrypted-name"),
        device_wrap: vec![0x44; 80],
        registration_token: None,
    }
}

/// Creates an account and authenticates its first device.
pub async fn account(client: &Client) -> Account {
    let lookup_id = random::<32>().to_vec();
    let recovery = new_key();
    let key = new_key();
    let enrolled: Enrolled =
        client.post(mend_protocol::routes::ACCOUNTS, &create_request(&lookup_id, &recovery, &key)).await.unwrap();
    let device = login(client, key, &enrolled).await;
    Account { lookup_id, recovery, device }
}

/// Signs a fresh challenge and returns the device with its token.
pub async fn login(client: &Client, key: SigningKey, enrolled: &Enrolled) -> Device {
    let token = token(client, &key, &enrolled.device_id).await.unwrap();
    Device {
        key,
        device_id: enrolled.device_id.clone(),
        account_id: enrolled.account_id.clone(),
        client: client.with_token(&token.token),
    }
}

/// Runs the challenge → token exchange.
pub async fn token(client: &Client, key: &SigningKey, device_id: &[u8]) -> Result<Token, Refusal> {
    let challenge: Challenge =
        client.post(mend_protocol::routes::AUTH_CHALLENGE, &ChallengeRequest { device_id: device_id.to_vec() }).await?;
    let signature = key.sign(&signing::auth_message(device_id, &challenge.nonce)).to_bytes().to_vec();
    client
        .post(
            mend_protocol::routes::AUTH_TOKEN,
            &TokenRequest { device_id: device_id.to_vec(), nonce: challenge.nonce, signature },
        )
        .await
}
