//! Linking driven through the core's engine against a server in this process, for what the binaries cannot
//! time: a second device that answers the same code at the same moment as the first. Its answer lands in the
//! mailbox after the first one; the new device and the first approving device pass over it and finish, and the
//! code is then refused as used.

use std::time::Duration;

use mend_core::sync::SyncError;
use mend_core::sync::client::{Client, Method};
use mend_core::sync::link::{LinkStep, exchange};
use mend_e2e::devices::Device;
use mend_e2e::{InProcess, WireTransport};
use mend_protocol::mailboxes::{Messages, Post, Posted};
use mend_protocol::{hex, routes};

#[test]
fn a_second_answer_at_the_same_moment_is_passed_over_and_the_first_approval_completes() {
    let dir = tempfile::tempdir().unwrap();
    let server = InProcess::start(dir.path(), Duration::from_secs(3600));
    let a = Device::open(dir.path().join("a"), false, 1);
    let c = Device::open(dir.path().join("c"), false, 2);
    let transport = WireTransport::new();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let on_a = a.mend.sync(&a.keys, false);
        on_a.setup(&server.base, &transport, "phone", None).await.unwrap();
        let on_c = c.mend.sync(&c.keys, false);
        let mut linking = on_c.link_start(&server.base, &transport, "laptop").await.unwrap();
        let code = linking.code().clone();
        let mut approval = on_a.approve_start(&transport, &code.text()).await.unwrap();

        // Another device holding the code answers a moment after A: a well-made answer, but the second one.
        let path = routes::LINK.replace("{mailbox_id}", &hex::encode(&code.mailbox_id()));
        let mut client = Client::new(&server.base, &transport);
        let messages: Messages = client.call::<Post, Messages>(Method::Get, &path, None, true).await.unwrap();
        let hello = messages.messages[0].body.clone();
        let late = exchange::seal_reply(&code, &hello, &exchange::Ephemeral::generate().public());
        let _: Posted = client.call(Method::Post, &path, Some(&Post { body: late }), false).await.unwrap();

        let digits = match on_c.link_poll(&mut linking, &transport).await.unwrap() {
            LinkStep::Digits(digits) => digits,
            other => panic!("{other:?}"),
        };
        assert_eq!(on_a.approve_poll(&mut approval, &transport).await.unwrap().as_deref(), Some(digits.as_str()));
        on_a.approve_finish(approval, &transport, &digits).await.unwrap();
        assert_eq!(on_c.link_poll(&mut linking, &transport).await.unwrap(), LinkStep::Linked);

        let devices = on_a.devices(&transport).await.unwrap();
        assert_eq!(devices.len(), 2, "{devices:?}");
        assert!(devices.iter().any(|d| d.name.as_deref() == Some("laptop") && !d.this_device));
        let listed_on_c = on_c.devices(&transport).await.unwrap();
        assert!(listed_on_c.iter().any(|d| d.name.as_deref() == Some("laptop") && d.this_device));
        assert!(matches!(on_a.approve_start(&transport, &code.text()).await, Err(SyncError::LinkUsed)));
    });
}
