//! Accounts and authentication: create (open or by registration token, a daily limit per address), delete,
//! new phrase, restore from the phrase (recovery challenge and enrolment), device challenges and tokens.

use axum::Extension;
use axum::extract::State;
use mend_protocol::ErrorCode;
use mend_protocol::accounts::{CreateAccount, Done, Enrolled, NewPhrase, RecoverDevice, RecoveryChallengeRequest};
use mend_protocol::auth::{Challenge, ChallengeRequest, Token, TokenRequest};
use mend_protocol::signing;

use crate::app::{AppState, ClientAddr, now};
use crate::auth::{Authed, CHALLENGE_LIFETIME_SECS, TOKEN_LIFETIME_SECS, mint};
use crate::config::Registration;
use crate::crypto::{check_public_key, random, sha256, verify};
use crate::error::{ApiError, ApiResult};
use crate::storage::{DeviceRow, NewAccount};
use crate::wire::{Reply, Wire};

pub fn device_row(account_id: &[u8], device: &mend_protocol::devices::NewDevice, now: i64) -> ApiResult<DeviceRow> {
    check_public_key("device.signing_key", &device.signing_key)?;
    Ok(DeviceRow {
        device_id: random::<16>().to_vec(),
        account_id: account_id.to_vec(),
        signing_key: device.signing_key.clone(),
        exchange_key: device.exchange_key.clone(),
        name: device.name.clone(),
        added_at: now,
        last_seen_at: None,
        revoked_at: None,
        wipe_order: None,
    })
}

pub async fn create(
    State(app): State<AppState>,
    address: Option<Extension<ClientAddr>>,
    Wire(request): Wire<CreateAccount>,
) -> ApiResult<Reply<Enrolled>> {
    check_public_key("recovery_key", &request.recovery_key)?;
    let token_hash = match (app.config.registration, &request.registration_token) {
        (Registration::Open, _) => None,
        (Registration::Token, Some(token)) => Some(sha256(token.as_bytes())),
        (Registration::Token, None) => {
            return Err(ApiError::new(ErrorCode::RegistrationClosed, "this server needs a registration token"));
        }
    };
    if let Some(Extension(ClientAddr(ip))) = address {
        app.limiter.registration(ip, app.config.limits.accounts_per_address_per_day)?;
    }
    let now = now();
    let account_id = random::<16>().to_vec();
    let device = device_row(&account_id, &request.device, now)?;
    let device_id = device.device_id.clone();
    let account = NewAccount {
        account_id: account_id.clone(),
        lookup_id: request.lookup_id,
        recovery_key: request.recovery_key,
        kek_wrap: request.kek_wrap,
        device,
        device_wrap: request.device_wrap,
        registration_token_hash: token_hash,
        now,
    };
    app.db(move |store| store.create_account(account)).await?;
    Ok(Reply(Enrolled { account_id, device_id, epoch: 0 }))
}

pub async fn delete(State(app): State<AppState>, authed: Authed) -> ApiResult<Reply<Done>> {
    app.db(move |store| store.delete_account(&authed.account_id)).await?;
    Ok(Reply(Done))
}

pub async fn new_phrase(
    State(app): State<AppState>,
    authed: Authed,
    Wire(request): Wire<NewPhrase>,
) -> ApiResult<Reply<Done>> {
    check_public_key("recovery_key", &request.recovery_key)?;
    let message = signing::new_phrase_message(&authed.account_id, &request.lookup_id, &request.recovery_key);
    verify(&request.recovery_key, &message, &request.signature)?;
    app.db(move |store| {
        store.new_phrase(&authed.account_id, &request.lookup_id, &request.recovery_key, &request.kek_wraps)
    })
    .await?;
    Ok(Reply(Done))
}

async fn issue_challenge(app: &AppState, subject: Vec<u8>) -> ApiResult<Reply<Challenge>> {
    let nonce = random::<32>().to_vec();
    let expires_at = now() + CHALLENGE_LIFETIME_SECS;
    let stored = nonce.clone();
    app.db(move |store| store.put_challenge(&subject, &stored, expires_at)).await?;
    Ok(Reply(Challenge { nonce, expires_at }))
}

pub async fn recovery_challenge(
    State(app): State<AppState>,
    Wire(request): Wire<RecoveryChallengeRequest>,
) -> ApiResult<Reply<Challenge>> {
    let lookup = request.lookup_id.clone();
    app.db(move |store| store.recovery_key(&lookup)).await?;
    issue_challenge(&app, request.lookup_id).await
}

pub async fn recover(State(app): State<AppState>, Wire(request): Wire<RecoverDevice>) -> ApiResult<Reply<Enrolled>> {
    let lookup = request.lookup_id.clone();
    let (account_id, recovery_key) = app.db(move |store| store.recovery_key(&lookup)).await?;
    let message = signing::recovery_message(
        &request.lookup_id,
        &request.nonce,
        &request.device.signing_key,
        &request.device.exchange_key,
    );
    verify(&recovery_key, &message, &request.signature)?;
    let now = now();
    let device = device_row(&account_id, &request.device, now)?;
    let device_id = device.device_id.clone();
    let epoch = app.db(move |store| store.recover_device(&request.lookup_id, &request.nonce, device, now)).await?;
    Ok(Reply(Enrolled { account_id, device_id, epoch }))
}

pub async fn challenge(
    State(app): State<AppState>,
    Wire(request): Wire<ChallengeRequest>,
) -> ApiResult<Reply<Challenge>> {
    let lookup = request.device_id.clone();
    let device = app.db(move |store| store.device(&lookup)).await?;
    if device.revoked_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::DeviceRevoked { wipe_order: device.wipe_order },
            "this device was revoked",
        ));
    }
    issue_challenge(&app, request.device_id).await
}

pub async fn token(State(app): State<AppState>, Wire(request): Wire<TokenRequest>) -> ApiResult<Reply<Token>> {
    let lookup = request.device_id.clone();
    let device = app.db(move |store| store.device(&lookup)).await?;
    if device.revoked_at.is_some() {
        return Err(ApiError::new(
            ErrorCode::DeviceRevoked { wipe_order: device.wipe_order },
            "this device was revoked",
        ));
    }
    verify(&device.signing_key, &signing::auth_message(&request.device_id, &request.nonce), &request.signature)?;
    let now = now();
    let (device_id, nonce) = (request.device_id.clone(), request.nonce);
    app.db(move |store| store.token_for(&device_id, &nonce, now)).await?;
    let expires_at = now + TOKEN_LIFETIME_SECS;
    Ok(Reply(Token {
        token: mint(&app.token_key, &request.device_id, expires_at),
        account_id: device.account_id,
        expires_at,
    }))
}
