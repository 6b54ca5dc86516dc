//! What the CLI brings to sync that the core leaves to each platform: the HTTP transport.

pub mod http;
