//! Accounts, authentication, devices: creation, challenges (single use, signed), tokens, revocation at once,
//! restore from the phrase, a new phrase, deletion, and guessed ids of another account.

use ed25519_dalek::Signer;
use mend_protocol::ErrorCode;
use mend_protocol::accounts::{Done, Enrolled, NewPhrase, RecoverDevice, RecoveryChallengeRequest};
use mend_protocol::auth::{Challenge, ChallengeRequest, Token, TokenRequest};
use mend_protocol::devices::{DeviceList, EnrolDevice, RenameDevice, RevokeDevice};
use mend_protocol::keys::{EpochWrap, KeyWraps};
use mend_protocol::records::Page;
use mend_protocol::routes as r;
use mend_protocol::{hex, signing};

use crate::support::*;

#[tokio::test]
async fn a_lookup_id_makes_one_account_and_keys_must_be_real() {
    let server = TestServer::start().await;
    let client = server.client();
    let lookup = vec![9; 32];
    let request = create_request(&lookup, &new_key(), &new_key());
    let enrolled: Enrolled = client.post(r::ACCOUNTS, &request).await.unwrap();
    assert_eq!((enrolled.account_id.len(), enrolled.device_id.len(), enrolled.epoch), (16, 16, 0));
    assert_eq!(code(client.post::<_, Enrolled>(r::ACCOUNTS, &request).await), ErrorCode::AlreadyExists);
    let mut bad = create_request(&[8; 32], &new_key(), &new_key());
    // The identity point: a valid encoding of a key anyone can forge for.
    bad.recovery_key = [vec![1], vec![0; 31]].concat();
    assert_eq!(field(client.post::<_, Enrolled>(r::ACCOUNTS, &bad).await).as_deref(), Some("recovery_key"));
}

#[tokio::test]
async fn challenges_are_single_use_and_signatures_must_verify() {
    let server = TestServer::start().await;
    let client = server.client();
    let account = account(&client).await;
    let device = &account.device;
    let challenge: Challenge =
        client.post(r::AUTH_CHALLENGE, &ChallengeRequest { device_id: device.device_id.clone() }).await.unwrap();
    let signed = |key: &ed25519_dalek::SigningKey| TokenRequest {
        device_id: device.device_id.clone(),
        nonce: challenge.nonce.clone(),
        signature: key.sign(&signing::auth_message(&device.device_id, &challenge.nonce)).to_bytes().to_vec(),
    };
    assert_eq!(code(client.post::<_, Token>(r::AUTH_TOKEN, &signed(&new_key())).await), ErrorCode::BadSignature);
    let token: Token = client.post(r::AUTH_TOKEN, &signed(&device.key)).await.unwrap();
    assert_eq!(token.account_id, device.account_id);
    assert_eq!(code(client.post::<_, Token>(r::AUTH_TOKEN, &signed(&device.key)).await), ErrorCode::NotFound);
    let unknown = ChallengeRequest { device_id: vec![1; 16] };
    assert_eq!(code(client.post::<_, Challenge>(r::AUTH_CHALLENGE, &unknown).await), ErrorCode::NotFound);
}

#[tokio::test]
async fn account_routes_need_a_valid_token() {
    let server = TestServer::start().await;
    let client = server.client();
    assert_eq!(code(client.get::<Page>(r::RECORDS).await), ErrorCode::Unauthorized);
    assert_eq!(code(client.with_token(&[7; 56]).get::<Page>(r::RECORDS).await), ErrorCode::Unauthorized);
    let device = account(&client).await.device;
    // A token with its MAC flipped, or cut short, is refused.
    let token = token(&client, &device.key, &device.device_id).await.unwrap().token;
    let mut forged = token.clone();
    forged[40] ^= 1;
    assert_eq!(code(client.with_token(&forged).get::<Page>(r::RECORDS).await), ErrorCode::Unauthorized);
    assert_eq!(code(client.with_token(&token[..50]).get::<Page>(r::RECORDS).await), ErrorCode::Unauthorized);
    assert!(client.with_token(&token).get::<Page>(r::RECORDS).await.is_ok());
}

#[tokio::test]
async fn a_linked_device_is_listed_and_revocation_stops_it_at_once() {
    let server = TestServer::start().await;
    let client = server.client();
    let a = account(&client).await.device;
    let key = new_key();
    let request = EnrolDevice {
        device: new_device(&key, b"second-name"),
        wraps: vec![EpochWrap { epoch: 0, wrap: vec![3; 80] }],
    };
    let enrolled: Enrolled = a.client.post(r::DEVICES, &request).await.unwrap();
    assert_eq!(enrolled.account_id, a.account_id);
    let b = login(&client, key, &enrolled).await;
    let wraps: KeyWraps = b.client.get(r::KEYS).await.unwrap();
    assert_eq!(wraps.device, vec![EpochWrap { epoch: 0, wrap: vec![3; 80] }]);
    let list: DeviceList = b.client.get(r::DEVICES).await.unwrap();
    assert_eq!(list.devices.len(), 2);
    assert!(list.devices.iter().all(|device| device.revoked_at.is_none() && device.last_seen_at.is_some()));
    let path = format!("/v1/devices/{}/revoke", hex::encode(&b.device_id));
    let _: Done = a.client.post(&path, &RevokeDevice { wipe_order: Some(vec![9; 60]) }).await.unwrap();
    // B's token, still within its hour, is refused now; so are new challenges.
    assert_eq!(
        code(b.client.get::<Page>(r::RECORDS).await),
        ErrorCode::DeviceRevoked { wipe_order: Some(vec![9; 60]) }
    );
    assert_eq!(
        code(token(&client, &b.key, &b.device_id).await),
        ErrorCode::DeviceRevoked { wipe_order: Some(vec![9; 60]) }
    );
    let list: DeviceList = a.client.get(r::DEVICES).await.unwrap();
    assert!(list.devices.iter().any(|device| device.revoked_at.is_some()));
}

/// A device sets its own name (sealed by the client) and only its own; an oversized name is refused by field.
#[tokio::test]
async fn a_device_renames_itself_only() {
    let server = TestServer::start().await;
    let client = server.client();
    let a = account(&client).await.device;
    let b = account(&client).await.device;
    let _: Done = a.client.call("PUT", r::DEVICE_NAME, Some(&RenameDevice { name: vec![9; 40] })).await.unwrap();
    let list: DeviceList = a.client.get(r::DEVICES).await.unwrap();
    assert_eq!(list.devices[0].name, vec![9; 40]);
    let other: DeviceList = b.client.get(r::DEVICES).await.unwrap();
    assert_ne!(other.devices[0].name, vec![9; 40], "another account's device is untouched");
    let huge = RenameDevice { name: vec![1; 100_000] };
    let refused = a.client.call::<_, Done>("PUT", r::DEVICE_NAME, Some(&huge)).await;
    assert_eq!(field(refused).as_deref(), Some("name"), "an oversized name is refused, naming the field");
    let unauthenticated = client.call::<_, Done>("PUT", r::DEVICE_NAME, Some(&RenameDevice { name: vec![1] })).await;
    assert!(unauthenticated.is_err(), "a name needs the device's token");
    let list: DeviceList = a.client.get(r::DEVICES).await.unwrap();
    assert_eq!(list.devices[0].name, vec![9; 40], "refused requests changed nothing");
}

#[tokio::test]
async fn guessed_device_ids_of_another_account_are_not_found() {
    let server = TestServer::start().await;
    let client = server.client();
    let a = account(&client).await.device;
    let b = account(&client).await.device;
    let path = format!("/v1/devices/{}/revoke", hex::encode(&a.device_id));
    assert_eq!(code(b.client.post::<_, Done>(&path, &RevokeDevice { wipe_order: None }).await), ErrorCode::NotFound);
    assert!(a.client.get::<Page>(r::RECORDS).await.is_ok(), "A still works");
    let list: DeviceList = b.client.get(r::DEVICES).await.unwrap();
    assert_eq!(list.devices.len(), 1);
    assert_eq!(list.devices[0].device_id, b.device_id);
    assert_eq!(
        field(b.client.post::<_, Done>("/v1/devices/zz/revoke", &RevokeDevice { wipe_order: None }).await).as_deref(),
        Some("device_id")
    );
}

async fn recover(client: &Client, lookup: &[u8], recovery: &ed25519_dalek::SigningKey) -> Result<Enrolled, Refusal> {
    let challenge: Challenge =
        client.post(r::RECOVERY_CHALLENGE, &RecoveryChallengeRequest { lookup_id: lookup.to_vec() }).await?;
    let key = new_key();
    let device = new_device(&key, b"restored");
    let message = signing::recovery_message(lookup, &challenge.nonce, &device.signing_key, &device.exchange_key);
    let request = RecoverDevice {
        lookup_id: lookup.to_vec(),
        nonce: challenge.nonce,
        device,
        signature: recovery.sign(&message).to_bytes().to_vec(),
    };
    client.post(r::RECOVERY_ENROL, &request).await
}

#[tokio::test]
async fn the_phrase_restores_a_device_and_a_new_phrase_retires_the_old_one() {
    let server = TestServer::start().await;
    let client = server.client();
    let account = account(&client).await;
    assert_eq!(code(recover(&client, &account.lookup_id, &new_key()).await), ErrorCode::BadSignature);
    let restored = recover(&client, &account.lookup_id, &account.recovery).await.unwrap();
    assert_eq!(restored.account_id, account.device.account_id);
    assert_eq!(code(recover(&client, &[3; 32], &account.recovery).await), ErrorCode::NotFound);

    let (lookup, recovery) = (vec![0x77; 32], new_key());
    let key = recovery.verifying_key().to_bytes().to_vec();
    let message = signing::new_phrase_message(&account.device.account_id, &lookup, &key);
    let mut request = NewPhrase {
        lookup_id: lookup.clone(),
        recovery_key: key,
        kek_wraps: vec![EpochWrap { epoch: 0, wrap: vec![0x61; 72] }],
        signature: new_key().sign(&message).to_bytes().to_vec(),
    };
    assert_eq!(code(account.device.client.post::<_, Done>(r::ACCOUNT_PHRASE, &request).await), ErrorCode::BadSignature);
    request.signature = recovery.sign(&message).to_bytes().to_vec();
    let _: Done = account.device.client.post(r::ACCOUNT_PHRASE, &request).await.unwrap();
    assert_eq!(code(recover(&client, &account.lookup_id, &account.recovery).await), ErrorCode::NotFound);
    assert_eq!(recover(&client, &lookup, &recovery).await.unwrap().account_id, account.device.account_id);
    let wraps: KeyWraps = account.device.client.get(r::KEYS).await.unwrap();
    assert_eq!(wraps.kek, vec![EpochWrap { epoch: 0, wrap: vec![0x61; 72] }]);
}

#[tokio::test]
async fn deleting_the_account_erases_it_at_once() {
    let server = TestServer::start().await;
    let client = server.client();
    let account = account(&client).await;
    let other = crate::support::account(&client).await.device;
    crate::records::upload(
        &other,
        vec![crate::records::write("o", 0, mend_protocol::records::Precondition::Absent, b"o")],
    )
    .await
    .unwrap();
    crate::records::upload(
        &account.device,
        vec![crate::records::write("r", 0, mend_protocol::records::Precondition::Absent, b"r")],
    )
    .await
    .unwrap();
    let _: Done = account.device.client.call::<Done, Done>("DELETE", r::ACCOUNT, None).await.unwrap();
    assert_eq!(code(account.device.client.get::<Page>(r::RECORDS).await), ErrorCode::Unauthorized);
    assert_eq!(code(recover(&client, &account.lookup_id, &account.recovery).await), ErrorCode::NotFound);
    assert_eq!(crate::records::page(&other, 0, 10).await.unwrap().records.len(), 1, "other accounts keep theirs");
    // The lookup id is free again.
    let again: Enrolled =
        client.post(r::ACCOUNTS, &create_request(&account.lookup_id, &new_key(), &new_key())).await.unwrap();
    assert_ne!(again.account_id, account.device.account_id);
}
