//! What the groups' end-to-end tests share beyond running `mend`: a runtime for the core's network calls
//! ([`runtime`]), reading `--json` outputs of private groups ([`member`], [`outcome`]), a refusal with its words
//! ([`failed_with`]), asking to join ([`ask`]), the join inbox of a private link as anyone may use it ([`inbox`],
//! [`post_to_inbox`]), and every byte a server process left in its folder and log ([`server_bytes`]), which the
//! blind-server checks scan ([`contains`]).

use std::path::Path;
use std::process::Output;

use mend_core::groups::invite::{Link, parse_link};
use mend_core::groups::private::intake::intake_mailbox_id;
use mend_core::sync::client::{Client, Method};
use mend_protocol::accounts::Done;
use mend_protocol::mailboxes::{Messages, Post, Posted};
use mend_protocol::{hex, routes};
use serde_json::Value;

use crate::{ServerProcess, WireTransport, all_bytes, json, mend};

/// A runtime for one network call of the core's.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Whether `needle` is anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: impl AsRef<[u8]>) -> bool {
    let needle = needle.as_ref();
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A run that must have failed, saying `words` on standard error.
pub fn failed_with(out: Output, words: &str) {
    assert!(!out.status.success(), "should have failed: {}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(words), "{stderr}");
}

/// The member id `group members --json` gives for `display_name`, and that member's status.
pub fn member(members: &Value, display_name: &str) -> (String, String) {
    let found = members["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["display_name"] == display_name)
        .unwrap_or_else(|| panic!("{display_name} is not listed: {members}"));
    (found["member_id"].as_str().unwrap().to_owned(), found["status"].as_str().unwrap().to_owned())
}

/// The entry of a `group refresh --json` with `outcome`.
pub fn outcome<'a>(refreshed: &'a Value, outcome: &str) -> &'a Value {
    refreshed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["outcome"] == outcome)
        .unwrap_or_else(|| panic!("no {outcome}: {refreshed}"))
}

/// `dir` asks to join the private group of `link` under `display_name`.
pub fn ask(dir: &Path, link: &str, display_name: &str) -> Value {
    let asked = json(mend(dir, &["--json", "group", "join", link, "--name", display_name]));
    assert_eq!(asked["display_name"], display_name);
    asked
}

/// The join inbox's path for the private group of `link` (anyone may post to it or read its ciphertext).
pub fn inbox_path(link: &str) -> String {
    let Ok(Link::Private(invite)) = parse_link(link) else { panic!("not a private link: {link}") };
    routes::GROUP_INBOX.replace("{mailbox_id}", &hex::encode(&intake_mailbox_id(&invite.intake_public)))
}

/// The sealed requests the server holds in the join inbox of `link`'s group.
pub fn inbox(server: &str, link: &str) -> Vec<Vec<u8>> {
    let transport = WireTransport::new();
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        let path = format!("{}?after=0", inbox_path(link));
        let read: Messages = client.call::<Done, Messages>(Method::Get, &path, None, true).await.unwrap();
        read.messages.into_iter().map(|m| m.body).collect()
    })
}

/// Posts `body` to the join inbox of `link`'s group, as anyone who captured a request could.
pub fn post_to_inbox(server: &str, link: &str, body: Vec<u8>) {
    let transport = WireTransport::new();
    runtime().block_on(async {
        let mut client = Client::new(server, &transport);
        let _: Posted = client.call(Method::Post, &inbox_path(link), Some(&Post { body }), false).await.unwrap();
    })
}

/// Every byte of the server's files and of its log.
pub fn server_bytes(server: &ServerProcess) -> Vec<u8> {
    let mut bytes = Vec::new();
    all_bytes(&server.data, &mut bytes);
    bytes.extend(std::fs::read(&server.log).unwrap_or_default());
    assert!(!bytes.is_empty());
    bytes
}
