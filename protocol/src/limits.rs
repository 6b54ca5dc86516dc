//! The protocol's hard maxima and fixed sizes: every decoder refuses more than these. A server may set lower
//! limits of its own (its typed errors name them); it can never accept more.

/// Account ids are 16 random bytes made by the server.
pub const ACCOUNT_ID_LEN: usize = 16;
/// Device ids are 16 random bytes made by the server.
pub const DEVICE_ID_LEN: usize = 16;
/// Lookup ids are 32 bytes derived by the client from the root secret.
pub const LOOKUP_ID_LEN: usize = 32;
/// Ed25519 and X25519 public keys.
pub const PUBLIC_KEY_LEN: usize = 32;
/// Ed25519 signatures.
pub const SIGNATURE_LEN: usize = 64;
/// Challenge nonces.
pub const NONCE_LEN: usize = 32;
/// SHA-256 digests (the epoch switch's digest, body hashes).
pub const DIGEST_LEN: usize = 32;
/// Mailbox ids (link mailboxes, group mailboxes) are 32 bytes.
pub const MAILBOX_ID_LEN: usize = 32;
/// A collection tag (a keyed hash of the collection name) is at most 32 bytes.
pub const MAX_COLLECTION_LEN: usize = 32;
/// A record id (a guid or a keyed hash) is at most 64 bytes.
pub const MAX_RECORD_ID_LEN: usize = 64;
/// A record body (an encrypted, padded envelope) is at most 256 KiB.
pub const MAX_RECORD_BODY: usize = 256 * 1024;
/// Largest body a deletion may carry (the client's sealed clock of the deletion: one 256-byte bucket sealed).
pub const MAX_TOMBSTONE_BODY: usize = 320;
/// A batch holds at most 1,000 records.
pub const MAX_BATCH_RECORDS: usize = 1000;
/// A page holds at most 1,000 records.
pub const MAX_PAGE_RECORDS: usize = 1000;
/// A wrapped key (under the KEK or to a device's X25519 key) is at most 512 bytes.
pub const MAX_WRAP_LEN: usize = 512;
/// An encrypted device name is at most 256 bytes.
pub const MAX_DEVICE_NAME_LEN: usize = 256;
/// A mailbox message (device, link or join inbox) is at most 64 KiB.
pub const MAX_MAILBOX_MESSAGE: usize = 64 * 1024;
/// A group write (a pack or a charter) is at most 1 MiB.
pub const MAX_GROUP_WRITE: usize = 1024 * 1024;
/// A group read asks for at most 64 mailboxes at once.
pub const MAX_GROUPS_PER_READ: usize = 64;
/// Lists of devices or key wraps carry at most 64 entries.
pub const MAX_DEVICES: usize = 64;
/// A registration token is at most 128 bytes of text.
pub const MAX_REGISTRATION_TOKEN_LEN: usize = 128;
/// A device token is at most 128 bytes.
pub const MAX_TOKEN_LEN: usize = 128;
/// The largest body any request may carry (a full batch with framing).
pub const MAX_REQUEST_BODY: usize = 8 * 1024 * 1024;
