//! The route table: every route of docs/protocol.md (and `mend_protocol::routes::ALL`), one file per concern.

mod accounts;
mod devices;
mod groups;
mod keys;
mod link;
mod ops;
mod records;

use axum::Router;
use axum::routing::{get, post, put};
use mend_protocol::hex;
use mend_protocol::routes as r;

use crate::app::AppState;
use crate::error::ApiError;

/// Every route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(r::ACCOUNTS, post(accounts::create))
        .route(r::ACCOUNT, axum::routing::delete(accounts::delete))
        .route(r::ACCOUNT_PHRASE, post(accounts::new_phrase))
        .route(r::RECOVERY_CHALLENGE, post(accounts::recovery_challenge))
        .route(r::RECOVERY_ENROL, post(accounts::recover))
        .route(r::AUTH_CHALLENGE, post(accounts::challenge))
        .route(r::AUTH_TOKEN, post(accounts::token))
        .route(r::DEVICES, get(devices::list).post(devices::enrol))
        .route(r::DEVICE_NAME, put(devices::rename))
        .route(r::DEVICE_REVOKE, post(devices::revoke))
        .route(r::DEVICE_MAILBOX, post(devices::post_mail))
        .route(r::MAILBOX, get(devices::read_mail))
        .route(r::MAILBOX_ACK, post(devices::ack_mail))
        .route(r::LINK, post(link::post).get(link::read))
        .route(r::RECORDS, post(records::upload).get(records::page))
        .route(r::KEYS, get(keys::wraps))
        .route(r::KEYS_EPOCH, put(keys::add_wraps))
        .route(r::EPOCHS, post(keys::switch))
        .route(r::GROUPS, post(groups::create))
        .route(r::GROUPS_READ, post(groups::read))
        .route(r::GROUP_WRITES, post(groups::write))
        .route(r::GROUP_WRITE_KEY, post(groups::change_key))
        .route(r::GROUP_INBOX, post(groups::post_inbox).get(groups::read_inbox))
        .route(r::GROUP_INBOX_ACK, post(groups::ack_inbox))
        .route(r::HEALTH, get(ops::health))
        .route(r::READY, get(ops::ready))
        .route(r::METRICS, get(ops::metrics))
        .route(r::OPENAPI, get(ops::openapi))
        .fallback(ops::not_found)
}

/// Decodes a hex id from a path segment.
pub fn path_id(field: &'static str, text: &str, len: usize) -> Result<Vec<u8>, ApiError> {
    Ok(hex::decode(field, text, len)?)
}
