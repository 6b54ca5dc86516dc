//! Mend's sync wire protocol, version 1: the messages the core and `mend-server` exchange, as plain serde types
//! with byte fields for ciphertext, and pure decoders that check every field before anything uses it.
//!
//! No I/O, no crypto implementations and no core types live here. Every request and reply body is encoded with
//! [`encode`] (postcard: compact, length-prefixed, no field names) and read with [`decode`], which refuses
//! trailing bytes, over-long fields and malformed values with a [`DecodeError`] naming the field. The routes
//! and their messages are listed in docs/protocol.md and in [`routes`].

pub mod accounts;
pub mod auth;
pub mod codec;
pub mod devices;
pub mod error;
pub mod families;
pub mod groups;
pub mod hex;
pub mod keys;
pub mod limits;
pub mod mailboxes;
pub mod records;
pub mod routes;
pub mod samples;
pub mod signing;

pub use codec::{DecodeError, Message, decode, encode};
pub use error::{ErrorBody, ErrorCode};

/// The protocol version carried in every route's path (`/v1/...`).
pub const VERSION: u32 = 1;

/// The media type of every request and reply body (postcard-encoded messages: version 1 of the protocol says so;
/// `+postcard` is not a registered structured-syntax suffix, so the type carries none).
pub const CONTENT_TYPE: &str = "application/vnd.mend.v1";

/// The header a device's token travels in, as `Bearer <token in unpadded base64url>`.
pub const AUTHORIZATION: &str = "authorization";
