//! The OpenAPI 3.1 description of every route, served at `/openapi.json` and checked in as docs/openapi.json (a
//! test keeps the two equal). Bodies are postcard-encoded protocol messages, so each body is described as binary
//! with the name of its `mend-protocol` type; docs/protocol.md explains the encoding.

use mend_protocol::routes as r;
use serde_json::{Map, Value, json};

/// Who may call a route.
#[derive(Clone, Copy)]
enum Access {
    Anyone,
    Token,
}

/// (method, path, summary, request message, reply message, access).
type Route = (&'static str, &'static str, &'static str, Option<&'static str>, &'static str, Access);

const ROUTES: &[Route] = &[
    (
        "post",
        r::ACCOUNTS,
        "Create an account with its first device",
        Some("accounts::CreateAccount"),
        "accounts::Enrolled",
        Access::Anyone,
    ),
    (
        "delete",
        r::ACCOUNT,
        "Delete the account and everything in it (erase everywhere)",
        None,
        "accounts::Done",
        Access::Token,
    ),
    (
        "post",
        r::ACCOUNT_PHRASE,
        "New phrase: swap lookup id, recovery key and KEK wraps",
        Some("accounts::NewPhrase"),
        "accounts::Done",
        Access::Token,
    ),
    (
        "post",
        r::RECOVERY_CHALLENGE,
        "A challenge for restoring from the phrase",
        Some("accounts::RecoveryChallengeRequest"),
        "auth::Challenge",
        Access::Anyone,
    ),
    (
        "post",
        r::RECOVERY_ENROL,
        "Enrol a device restored from the phrase",
        Some("accounts::RecoverDevice"),
        "accounts::Enrolled",
        Access::Anyone,
    ),
    (
        "post",
        r::AUTH_CHALLENGE,
        "A single-use challenge for a device",
        Some("auth::ChallengeRequest"),
        "auth::Challenge",
        Access::Anyone,
    ),
    (
        "post",
        r::AUTH_TOKEN,
        "A token for a signed challenge",
        Some("auth::TokenRequest"),
        "auth::Token",
        Access::Anyone,
    ),
    ("get", r::DEVICES, "The account's devices", None, "devices::DeviceList", Access::Token),
    ("post", r::DEVICES, "Enrol a linked device", Some("devices::EnrolDevice"), "accounts::Enrolled", Access::Token),
    (
        "put",
        r::DEVICE_NAME,
        "Set this device's own encrypted name",
        Some("devices::RenameDevice"),
        "accounts::Done",
        Access::Token,
    ),
    (
        "post",
        r::DEVICE_REVOKE,
        "Revoke a device at once",
        Some("devices::RevokeDevice"),
        "accounts::Done",
        Access::Token,
    ),
    (
        "post",
        r::DEVICE_MAILBOX,
        "Leave a key hand-off for another device of the account",
        Some("mailboxes::Post"),
        "mailboxes::Posted",
        Access::Token,
    ),
    ("get", r::MAILBOX, "This device's mailbox (query: after)", None, "mailboxes::Messages", Access::Token),
    (
        "post",
        r::MAILBOX_ACK,
        "Delete this device's messages up to a sequence",
        Some("mailboxes::Ack"),
        "accounts::Done",
        Access::Token,
    ),
    (
        "post",
        r::LINK,
        "Post to a linking mailbox (kept 10 minutes)",
        Some("mailboxes::Post"),
        "mailboxes::Posted",
        Access::Anyone,
    ),
    ("get", r::LINK, "Read a linking mailbox (query: after)", None, "mailboxes::Messages", Access::Anyone),
    (
        "post",
        r::RECORDS,
        "Upload an atomic batch with preconditions",
        Some("records::UploadBatch"),
        "records::BatchOutcome",
        Access::Token,
    ),
    (
        "get",
        r::RECORDS,
        "A keyset page of records since a cursor (query: since, limit)",
        None,
        "records::Page",
        Access::Token,
    ),
    ("get", r::KEYS, "The key wraps this device may read", None, "keys::KeyWraps", Access::Token),
    ("put", r::KEYS_EPOCH, "Add device wraps to an epoch", Some("keys::AddWraps"), "accounts::Done", Access::Token),
    (
        "post",
        r::EPOCHS,
        "Switch to the next epoch (count and digest must match)",
        Some("keys::EpochSwitch"),
        "keys::EpochSwitched",
        Access::Token,
    ),
    (
        "post",
        r::GROUPS,
        "Create a group mailbox with its write key",
        Some("groups::CreateGroupMailbox"),
        "accounts::Done",
        Access::Anyone,
    ),
    (
        "post",
        r::GROUPS_READ,
        "Read several group mailboxes at once",
        Some("groups::ReadGroups"),
        "groups::GroupStates",
        Access::Anyone,
    ),
    (
        "post",
        r::GROUP_WRITES,
        "A pack or charter signed by the write key",
        Some("groups::SignedWrite"),
        "mailboxes::Posted",
        Access::Anyone,
    ),
    (
        "post",
        r::GROUP_WRITE_KEY,
        "A new write key signed by the current one",
        Some("groups::WriteKeyChange"),
        "accounts::Done",
        Access::Anyone,
    ),
    ("post", r::GROUP_INBOX, "Post a join request", Some("mailboxes::Post"), "mailboxes::Posted", Access::Anyone),
    ("get", r::GROUP_INBOX, "Read join requests (query: after)", None, "mailboxes::Messages", Access::Anyone),
    (
        "post",
        r::GROUP_INBOX_ACK,
        "Drop join requests, signed by the write key",
        Some("groups::InboxAck"),
        "accounts::Done",
        Access::Anyone,
    ),
];

fn body(message: &str) -> Value {
    json!({
        "content": {
            mend_protocol::CONTENT_TYPE: {
                "schema": { "type": "string", "format": "binary", "description": format!("mend_protocol::{message}") }
            }
        }
    })
}

fn parameters(path: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for (name, description) in [
        ("device_id", "16-byte device id, lower-case hex"),
        ("mailbox_id", "32-byte mailbox id, lower-case hex"),
        ("epoch", "epoch number"),
    ] {
        if path.contains(&format!("{{{name}}}")) {
            out.push(json!({ "name": name, "in": "path", "required": true, "description": description, "schema": { "type": "string" } }));
        }
    }
    out
}

/// The document.
pub fn document() -> Value {
    let mut paths = Map::new();
    for (method, path, summary, request, reply, access) in ROUTES {
        let mut operation = json!({
            "summary": summary,
            "parameters": parameters(path),
            "responses": {
                "200": { "description": format!("mend_protocol::{reply}"), "content": body(reply)["content"].clone() },
                "default": { "description": "a refusal: mend_protocol::ErrorBody", "content": body("ErrorBody")["content"].clone() }
            }
        });
        if let Some(request) = request {
            operation["requestBody"] = json!({ "required": true, "content": body(request)["content"].clone() });
        }
        if matches!(access, Access::Token) {
            operation["security"] = json!([{ "deviceToken": [] }]);
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[*method] = operation;
    }
    for (path, summary, media) in [
        (r::HEALTH, "Liveness", "text/plain"),
        (r::READY, "Readiness: the database answers", "text/plain"),
        (r::METRICS, "Prometheus metrics", "text/plain"),
        (r::OPENAPI, "This document", "application/json"),
    ] {
        paths.insert(
            path.to_string(),
            json!({ "get": { "summary": summary, "responses": { "200": { "description": summary, "content": { media: {} } } } } }),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "mend-server",
            "version": format!("protocol v{}", mend_protocol::VERSION),
            "description": "Mend's blind sync and groups server. Bodies are postcard-encoded mend-protocol messages (docs/protocol.md)."
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "deviceToken": { "type": "http", "scheme": "bearer", "description": "A device token from /v1/auth/token, unpadded base64url" }
            }
        }
    })
}

/// The document as served and checked in (pretty JSON with a final newline).
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&document()).unwrap_or_default();
    text.push('\n');
    text
}
