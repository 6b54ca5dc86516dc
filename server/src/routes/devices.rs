//! Devices of the token's account: list, enrol a linked device, revoke (at once), and the per-device mailboxes
//! for key hand-offs (post to another device of the same account; read and acknowledge one's own).

use axum::extract::{Path, RawQuery, State};
use mend_protocol::accounts::{Done, Enrolled};
use mend_protocol::devices::{DeviceInfo, DeviceList, EnrolDevice, RenameDevice, RevokeDevice};
use mend_protocol::limits::DEVICE_ID_LEN;
use mend_protocol::mailboxes::{Ack, Messages, Post, Posted};

use super::accounts::device_row;
use super::path_id;
use crate::app::{AppState, now};
use crate::auth::Authed;
use crate::error::{ApiError, ApiResult};
use crate::storage::Quotas;
use crate::wire::{QueryArgs, Reply, Wire};

pub fn quotas(app: &AppState) -> Quotas {
    let limits = &app.config.limits;
    Quotas {
        account_bytes: limits.account_quota,
        server_bytes: limits.storage_cap,
        mailbox_messages: limits.mailbox_messages,
    }
}

pub async fn list(State(app): State<AppState>, authed: Authed) -> ApiResult<Reply<DeviceList>> {
    let rows = app.db(move |store| store.devices(&authed.account_id)).await?;
    let devices = rows
        .into_iter()
        .map(|row| DeviceInfo {
            device_id: row.device_id,
            signing_key: row.signing_key,
            exchange_key: row.exchange_key,
            name: row.name,
            added_at: row.added_at,
            last_seen_at: row.last_seen_at,
            revoked_at: row.revoked_at,
        })
        .collect();
    Ok(Reply(DeviceList { devices }))
}

pub async fn enrol(
    State(app): State<AppState>,
    authed: Authed,
    Wire(request): Wire<EnrolDevice>,
) -> ApiResult<Reply<Enrolled>> {
    let device = device_row(&authed.account_id, &request.device, now())?;
    let device_id = device.device_id.clone();
    let epoch = app.db(move |store| store.enrol_device(device, &request.wraps)).await?;
    Ok(Reply(Enrolled { account_id: authed.account_id, device_id, epoch }))
}

/// Sets the calling device's own (encrypted) name.
pub async fn rename(
    State(app): State<AppState>,
    authed: Authed,
    Wire(request): Wire<RenameDevice>,
) -> ApiResult<Reply<Done>> {
    app.db(move |store| store.rename_device(&authed.account_id, &authed.device_id, &request.name)).await?;
    Ok(Reply(Done))
}

pub async fn revoke(
    State(app): State<AppState>,
    authed: Authed,
    Path(device): Path<String>,
    Wire(request): Wire<RevokeDevice>,
) -> ApiResult<Reply<Done>> {
    let device_id = path_id("device_id", &device, DEVICE_ID_LEN)?;
    app.db(move |store| store.revoke_device(&authed.account_id, &device_id, request.wipe_order.as_deref(), now()))
        .await?;
    Ok(Reply(Done))
}

pub async fn post_mail(
    State(app): State<AppState>,
    authed: Authed,
    Path(device): Path<String>,
    Wire(request): Wire<Post>,
) -> ApiResult<Reply<Posted>> {
    let device_id = path_id("device_id", &device, DEVICE_ID_LEN)?;
    let limit = app.config.limits.max_mailbox_message;
    if request.body.len() > limit {
        return Err(ApiError::too_large("body", limit as u64));
    }
    let quotas = quotas(&app);
    let sequence = app
        .db(move |store| store.post_device_mail(&authed.account_id, &device_id, &request.body, now(), quotas))
        .await?;
    Ok(Reply(Posted { sequence }))
}

pub async fn read_mail(
    State(app): State<AppState>,
    authed: Authed,
    RawQuery(query): RawQuery,
) -> ApiResult<Reply<Messages>> {
    let after = QueryArgs::parse(query).u64("after", 0)?;
    let messages = app.db(move |store| store.device_mail(&authed.device_id, after)).await?;
    Ok(Reply(Messages { messages }))
}

pub async fn ack_mail(State(app): State<AppState>, authed: Authed, Wire(request): Wire<Ack>) -> ApiResult<Reply<Done>> {
    app.db(move |store| store.ack_device_mail(&authed.device_id, request.up_to)).await?;
    Ok(Reply(Done))
}
