//! Every route of protocol version 1, as axum-style path patterns (`{name}` segments are lower-case hex ids).
//! docs/protocol.md describes each; the server's route table is tested against [`ALL`].

/// `POST`: create an account ([`crate::accounts::CreateAccount`] → [`crate::accounts::Enrolled`]).
pub const ACCOUNTS: &str = "/v1/accounts";
/// `DELETE` (token): delete the account and everything in it at once.
pub const ACCOUNT: &str = "/v1/account";
/// `POST` (token): a new phrase ([`crate::accounts::NewPhrase`]).
pub const ACCOUNT_PHRASE: &str = "/v1/account/phrase";
/// `POST`: a challenge for restoring from the phrase.
pub const RECOVERY_CHALLENGE: &str = "/v1/recovery/challenge";
/// `POST`: enrol a device restored from the phrase.
pub const RECOVERY_ENROL: &str = "/v1/recovery/enrol";
/// `POST`: a challenge for a device.
pub const AUTH_CHALLENGE: &str = "/v1/auth/challenge";
/// `POST`: a token for a signed challenge.
pub const AUTH_TOKEN: &str = "/v1/auth/token";
/// `GET` (token): list devices; `POST` (token): enrol a linked device.
pub const DEVICES: &str = "/v1/devices";
/// `PUT` (token): this device's own name, encrypted by the client (a device that joined after a new phrase seals
/// it again under the account's naming key once it has it).
pub const DEVICE_NAME: &str = "/v1/device/name";
/// `POST` (token): revoke a device.
pub const DEVICE_REVOKE: &str = "/v1/devices/{device_id}/revoke";
/// `POST` (token): leave a message (a key hand-off) in another device of the account's mailbox.
pub const DEVICE_MAILBOX: &str = "/v1/devices/{device_id}/mailbox";
/// `GET` (token, `?after=`): read this device's mailbox.
pub const MAILBOX: &str = "/v1/mailbox";
/// `POST` (token): acknowledge (delete) this device's messages up to a sequence.
pub const MAILBOX_ACK: &str = "/v1/mailbox/ack";
/// `POST` and `GET` (`?after=`), no account: the linking mailbox, kept 10 minutes.
pub const LINK: &str = "/v1/link/{mailbox_id}";
/// `POST` (token): upload a batch; `GET` (token, `?since=&limit=`): a page of records.
pub const RECORDS: &str = "/v1/records";
/// `GET` (token): the key wraps for this device.
pub const KEYS: &str = "/v1/keys";
/// `PUT` (token): add device wraps to an epoch.
pub const KEYS_EPOCH: &str = "/v1/keys/{epoch}";
/// `POST` (token): switch epochs.
pub const EPOCHS: &str = "/v1/epochs";
/// `POST`, no account: create a group mailbox.
pub const GROUPS: &str = "/v1/groups";
/// `POST`, no account: read several group mailboxes.
pub const GROUPS_READ: &str = "/v1/groups/read";
/// `POST`, signed: write a pack or a charter.
pub const GROUP_WRITES: &str = "/v1/groups/{mailbox_id}/writes";
/// `POST`, signed by the current key: change the write key.
pub const GROUP_WRITE_KEY: &str = "/v1/groups/{mailbox_id}/write-key";
/// `POST` and `GET` (`?after=`), no account: the join inbox.
pub const GROUP_INBOX: &str = "/v1/groups/{mailbox_id}/inbox";
/// `POST`, signed: drop join requests up to a sequence.
pub const GROUP_INBOX_ACK: &str = "/v1/groups/{mailbox_id}/inbox/ack";
/// `GET`: liveness (plain text).
pub const HEALTH: &str = "/health";
/// `GET`: readiness: the database answers (plain text).
pub const READY: &str = "/ready";
/// `GET`: Prometheus metrics (text exposition format).
pub const METRICS: &str = "/metrics";

/// `GET`: the OpenAPI document of these routes (JSON).
pub const OPENAPI: &str = "/openapi.json";

/// Every (method, path) pair the protocol defines.
pub const ALL: &[(&str, &str)] = &[
    ("POST", ACCOUNTS),
    ("DELETE", ACCOUNT),
    ("POST", ACCOUNT_PHRASE),
    ("POST", RECOVERY_CHALLENGE),
    ("POST", RECOVERY_ENROL),
    ("POST", AUTH_CHALLENGE),
    ("POST", AUTH_TOKEN),
    ("GET", DEVICES),
    ("POST", DEVICES),
    ("PUT", DEVICE_NAME),
    ("POST", DEVICE_REVOKE),
    ("POST", DEVICE_MAILBOX),
    ("GET", MAILBOX),
    ("POST", MAILBOX_ACK),
    ("POST", LINK),
    ("GET", LINK),
    ("POST", RECORDS),
    ("GET", RECORDS),
    ("GET", KEYS),
    ("PUT", KEYS_EPOCH),
    ("POST", EPOCHS),
    ("POST", GROUPS),
    ("POST", GROUPS_READ),
    ("POST", GROUP_WRITES),
    ("POST", GROUP_WRITE_KEY),
    ("POST", GROUP_INBOX),
    ("GET", GROUP_INBOX),
    ("POST", GROUP_INBOX_ACK),
    ("GET", HEALTH),
    ("GET", READY),
    ("GET", METRICS),
    ("GET", OPENAPI),
];
