//! Device mailboxes (key hand-offs within an account) and the linking mailbox (no account, a few messages).

use mend_protocol::ErrorCode;
use mend_protocol::accounts::{Done, Enrolled};
use mend_protocol::devices::{EnrolDevice, RevokeDevice};
use mend_protocol::hex;
use mend_protocol::mailboxes::{Ack, Messages, Post, Posted};
use mend_protocol::routes as r;

use crate::support::*;

#[tokio::test]
async fn key_hand_offs_wait_for_the_device_until_acknowledged_and_never_cross_accounts() {
    let server = TestServer::start().await;
    let client = server.client();
    let a = account(&client).await.device;
    let key = new_key();
    let enrolled: Enrolled =
        a.client.post(r::DEVICES, &EnrolDevice { device: new_device(&key, b"n"), wraps: vec![] }).await.unwrap();
    let b = login(&client, key, &enrolled).await;
    let to_b = format!("/v1/devices/{}/mailbox", hex::encode(&b.device_id));
    let first: Posted = a.client.post(&to_b, &Post { body: vec![1; 100] }).await.unwrap();
    let second: Posted = a.client.post(&to_b, &Post { body: vec![2; 100] }).await.unwrap();
    assert_eq!((first.sequence, second.sequence), (1, 2));
    let inbox: Messages = b.client.get(r::MAILBOX).await.unwrap();
    assert_eq!(inbox.messages.iter().map(|m| m.body[0]).collect::<Vec<_>>(), vec![1, 2]);
    assert!(a.client.get::<Messages>(r::MAILBOX).await.unwrap().messages.is_empty(), "A's own mailbox is separate");
    let after: Messages = b.client.get("/v1/mailbox?after=1").await.unwrap();
    assert_eq!(after.messages.len(), 1);
    let _: Done = b.client.post(r::MAILBOX_ACK, &Ack { up_to: 1 }).await.unwrap();
    assert_eq!(b.client.get::<Messages>(r::MAILBOX).await.unwrap().messages.len(), 1);

    // Another account cannot post to B, even knowing its id.
    let stranger = account(&client).await.device;
    assert_eq!(code(stranger.client.post::<_, Posted>(&to_b, &Post { body: vec![9] }).await), ErrorCode::NotFound);
    // Revoking B drops its mailbox and refuses new hand-offs.
    let _: Done = a
        .client
        .post(&format!("/v1/devices/{}/revoke", hex::encode(&b.device_id)), &RevokeDevice { wipe_order: None })
        .await
        .unwrap();
    assert_eq!(code(a.client.post::<_, Posted>(&to_b, &Post { body: vec![3] }).await), ErrorCode::NotFound);
}

#[tokio::test]
async fn the_link_mailbox_needs_no_account_and_holds_a_few_messages() {
    let server = TestServer::start().await;
    let client = server.client();
    let path = format!("/v1/link/{}", hex::encode(&[0x11; 32]));
    assert_eq!(code(client.get::<Messages>(&path).await), ErrorCode::NotFound);
    for i in 1..=8u64 {
        let posted: Posted = client.post(&path, &Post { body: vec![i as u8; 32] }).await.unwrap();
        assert_eq!(posted.sequence, i);
    }
    assert_eq!(
        code(client.post::<_, Posted>(&path, &Post { body: vec![9; 32] }).await),
        ErrorCode::TooLarge { limit: 8 }
    );
    let read: Messages = client.get(&format!("{path}?after=6")).await.unwrap();
    assert_eq!(read.messages.iter().map(|m| m.sequence).collect::<Vec<_>>(), vec![7, 8]);
    assert_eq!(field(client.get::<Messages>("/v1/link/abcd").await).as_deref(), Some("mailbox_id"));
}
