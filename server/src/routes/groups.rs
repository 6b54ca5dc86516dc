//! Group mailboxes: create with a write key; signed writes (verified over mailbox, channel, sequence, body hash and
//! expiry); write-key change signed by the current key; batch read without an account; the join inbox.

use axum::extract::{Path, RawQuery, State};
use mend_protocol::ErrorCode;
use mend_protocol::accounts::Done;
use mend_protocol::groups::{CreateGroupMailbox, GroupStates, InboxAck, ReadGroups, SignedWrite, WriteKeyChange};
use mend_protocol::limits::MAILBOX_ID_LEN;
use mend_protocol::mailboxes::{Messages, Post, Posted};
use mend_protocol::signing;

use super::devices::quotas;
use super::path_id;
use crate::app::{AppState, now};
use crate::crypto::{check_public_key, sha256, verify};
use crate::error::{ApiError, ApiResult};
use crate::wire::{QueryArgs, Reply, Wire};

fn mailbox(text: &str) -> ApiResult<Vec<u8>> {
    path_id("mailbox_id", text, MAILBOX_ID_LEN)
}

pub async fn create(State(app): State<AppState>, Wire(request): Wire<CreateGroupMailbox>) -> ApiResult<Reply<Done>> {
    check_public_key("write_key", &request.write_key)?;
    app.db(move |store| store.create_group(&request.mailbox_id, &request.write_key, now())).await?;
    Ok(Reply(Done))
}

pub async fn write(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Wire(request): Wire<SignedWrite>,
) -> ApiResult<Reply<Posted>> {
    let mailbox_id = mailbox(&id)?;
    let limit = app.config.limits.max_group_write;
    if request.body.len() > limit {
        return Err(ApiError::too_large("body", limit as u64));
    }
    let lookup = mailbox_id.clone();
    let group = app.db(move |store| store.group(&lookup)).await?;
    let message = signing::group_write_message(
        &mailbox_id,
        request.channel.tag(),
        request.sequence,
        &sha256(&request.body),
        request.expires_at,
    );
    verify(&group.write_key, &message, &request.signature)?;
    if request.expires_at <= now() {
        return Err(ApiError::new(ErrorCode::Expired, "the write has already expired"));
    }
    let quotas = quotas(&app);
    let sequence = request.sequence;
    app.db(move |store| store.group_write(&mailbox_id, &group.write_key, &request, quotas)).await?;
    Ok(Reply(Posted { sequence }))
}

pub async fn change_key(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Wire(request): Wire<WriteKeyChange>,
) -> ApiResult<Reply<Done>> {
    let mailbox_id = mailbox(&id)?;
    check_public_key("new_key", &request.new_key)?;
    let lookup = mailbox_id.clone();
    let group = app.db(move |store| store.group(&lookup)).await?;
    let message = signing::write_key_message(&mailbox_id, request.generation, &request.new_key);
    verify(&group.write_key, &message, &request.signature)?;
    app.db(move |store| store.change_write_key(&mailbox_id, &group.write_key, request.generation, &request.new_key))
        .await?;
    Ok(Reply(Done))
}

pub async fn read(State(app): State<AppState>, Wire(request): Wire<ReadGroups>) -> ApiResult<Reply<GroupStates>> {
    let states = app.db(move |store| store.read_groups(&request.mailboxes, now())).await?;
    Ok(Reply(GroupStates { states }))
}

pub async fn post_inbox(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Wire(request): Wire<Post>,
) -> ApiResult<Reply<Posted>> {
    let mailbox_id = mailbox(&id)?;
    let limit = app.config.limits.max_mailbox_message;
    if request.body.len() > limit {
        return Err(ApiError::too_large("body", limit as u64));
    }
    let quotas = quotas(&app);
    let sequence = app.db(move |store| store.post_inbox(&mailbox_id, &request.body, now(), quotas)).await?;
    Ok(Reply(Posted { sequence }))
}

pub async fn read_inbox(
    State(app): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Reply<Messages>> {
    let mailbox_id = mailbox(&id)?;
    let after = QueryArgs::parse(query).u64("after", 0)?;
    let messages = app.db(move |store| store.inbox(&mailbox_id, after)).await?;
    Ok(Reply(Messages { messages }))
}

pub async fn ack_inbox(
    State(app): State<AppState>,
    Path(id): Path<String>,
    Wire(request): Wire<InboxAck>,
) -> ApiResult<Reply<Done>> {
    let mailbox_id = mailbox(&id)?;
    let lookup = mailbox_id.clone();
    let group = app.db(move |store| store.group(&lookup)).await?;
    verify(&group.write_key, &signing::inbox_ack_message(&mailbox_id, request.up_to), &request.signature)?;
    app.db(move |store| store.ack_inbox(&mailbox_id, request.up_to)).await?;
    Ok(Reply(Done))
}
