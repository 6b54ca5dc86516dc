//! HTTP-level tests of every route, limit and error, against a real server on an ephemeral loopback port.

#[path = "../support/mod.rs"]
mod support;

mod accounts;
mod groups;
mod limits;
mod mailboxes;
mod openapi;
mod privacy;
mod records;
mod shutdown;
mod tls;
