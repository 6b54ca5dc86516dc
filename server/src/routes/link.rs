//! The linking mailbox: no account (the new device has none yet), named by a 32-byte id from the linking code,
//! at most a few messages, gone ten minutes after its first message.

use axum::extract::{Path, RawQuery, State};
use mend_protocol::limits::MAILBOX_ID_LEN;
use mend_protocol::mailboxes::{LINK_MAILBOX_MAX_MESSAGES, LINK_MAILBOX_TTL_SECS, Messages, Post, Posted};

use super::path_id;
use crate::app::{AppState, now};
use crate::error::{ApiError, ApiResult};
use crate::wire::{QueryArgs, Reply, Wire};

pub async fn post(
    State(app): State<AppState>,
    Path(mailbox): Path<String>,
    Wire(request): Wire<Post>,
) -> ApiResult<Reply<Posted>> {
    let mailbox_id = path_id("mailbox_id", &mailbox, MAILBOX_ID_LEN)?;
    let limit = app.config.limits.max_mailbox_message;
    if request.body.len() > limit {
        return Err(ApiError::too_large("body", limit as u64));
    }
    let max = LINK_MAILBOX_MAX_MESSAGES as u64;
    let sequence =
        app.db(move |store| store.post_link(&mailbox_id, &request.body, now(), LINK_MAILBOX_TTL_SECS, max)).await?;
    Ok(Reply(Posted { sequence }))
}

pub async fn read(
    State(app): State<AppState>,
    Path(mailbox): Path<String>,
    RawQuery(query): RawQuery,
) -> ApiResult<Reply<Messages>> {
    let mailbox_id = path_id("mailbox_id", &mailbox, MAILBOX_ID_LEN)?;
    let after = QueryArgs::parse(query).u64("after", 0)?;
    let messages = app.db(move |store| store.link_mail(&mailbox_id, after, now(), LINK_MAILBOX_TTL_SECS)).await?;
    Ok(Reply(Messages { messages }))
}
