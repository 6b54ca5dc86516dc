//! The bench's devices: accounts with two devices each, every device with its own HTTP client bound to its own
//! source address (127.0.0.2-127.0.0.201), a token, and a cursor. A device's cycle is a poll, or (one in ten) an
//! upload of 1-5 records of 300 bytes.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey};
use mend_protocol::accounts::{CreateAccount, Enrolled};
use mend_protocol::auth::{Challenge, ChallengeRequest, Token, TokenRequest};
use mend_protocol::devices::{EnrolDevice, NewDevice};
use mend_protocol::records::{BatchOutcome, Page, Precondition, RecordWrite, UploadBatch};
use mend_protocol::{Message, decode, encode, routes, signing};
use tokio::sync::Mutex;

/// One device of the fleet.
pub struct Device {
    client: reqwest::Client,
    base: String,
    token: String,
    name: u32,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    cursor: u64,
    cycle: u64,
    written: u64,
}

/// All the devices.
pub struct Fleet {
    pub devices: Vec<Arc<Device>>,
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes).expect("random bytes");
    bytes
}

async fn call<Q: Message, R: Message>(
    client: &reqwest::Client,
    url: String,
    token: Option<&str>,
    body: Option<&Q>,
) -> Result<R, String> {
    let mut request = match body {
        Some(body) => client.post(url).header("content-type", mend_protocol::CONTENT_TYPE).body(encode(body)),
        None => client.get(url),
    };
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = request.send().await.map_err(|error| error.to_string())?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(|error| error.to_string())?;
    if !status.is_success() {
        let error =
            decode::<mend_protocol::ErrorBody>(&bytes).map(|body| format!("{:?}", body.code)).unwrap_or_default();
        return Err(format!("{status} {error}"));
    }
    decode(&bytes).map_err(|error| error.to_string())
}

fn new_device(key: &SigningKey, name: &[u8]) -> NewDevice {
    NewDevice {
        signing_key: key.verifying_key().to_bytes().to_vec(),
        exchange_key: random::<32>().to_vec(),
        name: name.to_vec(),
    }
}

async fn login(client: &reqwest::Client, base: &str, key: &SigningKey, device_id: &[u8]) -> Result<String, String> {
    let challenge: Challenge = call(
        client,
        format!("{base}{}", routes::AUTH_CHALLENGE),
        None,
        Some(&ChallengeRequest { device_id: device_id.to_vec() }),
    )
    .await?;
    let signature = key.sign(&signing::auth_message(device_id, &challenge.nonce)).to_bytes().to_vec();
    let request = TokenRequest { device_id: device_id.to_vec(), nonce: challenge.nonce, signature };
    let token: Token = call(client, format!("{base}{}", routes::AUTH_TOKEN), None, Some(&request)).await?;
    Ok(URL_SAFE_NO_PAD.encode(token.token))
}

fn client_at(index: usize) -> Result<reqwest::Client, String> {
    let address = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2 + (index % 200) as u8));
    reqwest::Client::builder()
        .local_address(address)
        .pool_max_idle_per_host(4)
        .build()
        .map_err(|error| error.to_string())
}

impl Fleet {
    /// Creates `accounts` accounts with two devices each.
    pub async fn create(base: &str, accounts: usize) -> Result<Fleet, String> {
        let mut devices = Vec::with_capacity(accounts * 2);
        for account in 0..accounts {
            let (first, second) = (client_at(2 * account)?, client_at(2 * account + 1)?);
            let (key, other) = (SigningKey::from_bytes(&random()), SigningKey::from_bytes(&random()));
            let create = CreateAccount {
                lookup_id: random::<32>().to_vec(),
                recovery_key: SigningKey::from_bytes(&random()).verifying_key().to_bytes().to_vec(),
                kek_wrap: vec![1; 72],
                device: new_device(&key, &[2; 48]),
                device_wrap: vec![3; 80],
                registration_token: None,
            };
            let enrolled: Enrolled = call(&first, format!("{base}{}", routes::ACCOUNTS), None, Some(&create)).await?;
            let token = login(&first, base, &key, &enrolled.device_id).await?;
            let enrol = EnrolDevice { device: new_device(&other, &[4; 48]), wraps: vec![] };
            let second_id: Enrolled =
                call(&first, format!("{base}{}", routes::DEVICES), Some(&token), Some(&enrol)).await?;
            let second_token = login(&second, base, &other, &second_id.device_id).await?;
            for (client, token, name) in [(first, token, 2 * account), (second, second_token, 2 * account + 1)] {
                devices.push(Arc::new(Device {
                    client,
                    base: base.to_owned(),
                    token,
                    name: name as u32,
                    state: Mutex::default(),
                }));
            }
        }
        Ok(Fleet { devices })
    }
}

impl Device {
    /// One request of the device's cycle: an upload one cycle in ten, else a poll. Ok (with whether it was an
    /// upload) if it was answered 200.
    pub async fn cycle(&self) -> Result<bool, String> {
        let mut state = self.state.lock().await;
        state.cycle += 1;
        if state.cycle % 10 == 0 {
            let count = 1 + (state.cycle / 10 % 5);
            let records = (0..count)
                .map(|_| {
                    state.written += 1;
                    RecordWrite {
                        collection: b"bench-collection".to_vec(),
                        id: format!("d{}-{}", self.name, state.written).into_bytes(),
                        epoch: 0,
                        deleted: false,
                        precondition: Precondition::Absent,
                        body: vec![0x5a; 300],
                    }
                })
                .collect();
            let url = format!("{}{}", self.base, routes::RECORDS);
            let _: BatchOutcome = call(&self.client, url, Some(&self.token), Some(&UploadBatch { records })).await?;
            Ok(true)
        } else {
            let url = format!("{}{}?since={}&limit=500", self.base, routes::RECORDS, state.cursor);
            let page: Page =
                call::<mend_protocol::accounts::Done, Page>(&self.client, url, Some(&self.token), None).await?;
            state.cursor = page.next_cursor;
            Ok(false)
        }
    }
}
