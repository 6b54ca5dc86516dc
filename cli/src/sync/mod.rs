//! What the CLI brings to sync that the core leaves to each platform: the HTTP transport, and syncing after a
//! change when the person turned that on.

pub mod auto;
pub mod http;
