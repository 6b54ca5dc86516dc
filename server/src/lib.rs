//! `mend-server`: Mend's blind sync and groups server. It stores ciphertext, sizes, opaque ids and public keys;
//! it never sees what a person wrote or which group they read. Axum on tokio over one [`storage::Storage`]
//! trait with SQLite (default) and PostgreSQL backends. The wire protocol is `mend-protocol`
//! (docs/protocol.md); running and deploying it is in docs/server.md.

pub mod app;
pub mod auth;
pub mod config;
pub mod crypto;
pub mod error;
pub mod files;
pub mod limiter;
pub mod metrics;
pub mod openapi;
pub mod routes;
pub mod storage;
pub mod tls;
pub mod wire;

pub use app::{Running, start};
pub use config::{Backend, Config, Limits, Registration};
