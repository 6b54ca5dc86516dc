//! Group mailboxes: signed writes, sequences never lower, charters in order, write-key change by the current key,
//! the batch read without an account, and the join inbox.

use ed25519_dalek::{Signer, SigningKey};
use mend_protocol::ErrorCode;
use mend_protocol::accounts::Done;
use mend_protocol::groups::{
    Channel, CreateGroupMailbox, GroupCursor, GroupStates, InboxAck, ReadGroups, SignedWrite, WriteKeyChange,
};
use mend_protocol::mailboxes::{Messages, Post, Posted};
use mend_protocol::routes as r;
use mend_protocol::{hex, signing};
use sha2::{Digest, Sha256};

use crate::support::*;

fn signed(key: &SigningKey, mailbox: &[u8], channel: Channel, sequence: u64, body: &[u8]) -> SignedWrite {
    let expires_at = mend_server::app::now() + 3600;
    let message = signing::group_write_message(mailbox, channel.tag(), sequence, &Sha256::digest(body), expires_at);
    SignedWrite {
        channel,
        sequence,
        expires_at,
        body: body.to_vec(),
        signature: key.sign(&message).to_bytes().to_vec(),
    }
}

async fn create(client: &Client, mailbox: &[u8], key: &SigningKey) {
    let request =
        CreateGroupMailbox { mailbox_id: mailbox.to_vec(), write_key: key.verifying_key().to_bytes().to_vec() };
    let _: Done = client.post(r::GROUPS, &request).await.unwrap();
}

#[tokio::test]
async fn writes_must_be_signed_by_the_write_key_and_move_forward() {
    let server = TestServer::start().await;
    let client = server.client();
    let (mailbox, key) = (vec![0x21; 32], new_key());
    create(&client, &mailbox, &key).await;
    let again =
        CreateGroupMailbox { mailbox_id: mailbox.clone(), write_key: new_key().verifying_key().to_bytes().to_vec() };
    assert_eq!(code(client.post::<_, Done>(r::GROUPS, &again).await), ErrorCode::AlreadyExists);
    let writes = format!("/v1/groups/{}/writes", hex::encode(&mailbox));
    let posted: Posted = client.post(&writes, &signed(&key, &mailbox, Channel::Pack, 5, b"pack five")).await.unwrap();
    assert_eq!(posted.sequence, 5);
    assert_eq!(
        code(client.post::<_, Posted>(&writes, &signed(&key, &mailbox, Channel::Pack, 5, b"replay")).await),
        ErrorCode::SequenceTooLow { current: 5 }
    );
    assert_eq!(
        code(client.post::<_, Posted>(&writes, &signed(&new_key(), &mailbox, Channel::Pack, 6, b"forged")).await),
        ErrorCode::BadSignature
    );
    let mut tampered = signed(&key, &mailbox, Channel::Pack, 6, b"pack six");
    tampered.body[0] ^= 1;
    assert_eq!(code(client.post::<_, Posted>(&writes, &tampered).await), ErrorCode::BadSignature);
    // Signed for another mailbox: refused here.
    assert_eq!(
        code(client.post::<_, Posted>(&writes, &signed(&key, &[0x22; 32], Channel::Pack, 7, b"elsewhere")).await),
        ErrorCode::BadSignature
    );
    // Charters: 1, then 2; skipping to 4 is refused.
    client.post::<_, Posted>(&writes, &signed(&key, &mailbox, Channel::Charter, 1, b"charter one")).await.unwrap();
    assert_eq!(
        code(client.post::<_, Posted>(&writes, &signed(&key, &mailbox, Channel::Charter, 3, b"skip")).await),
        ErrorCode::SequenceTooLow { current: 1 }
    );
    client.post::<_, Posted>(&writes, &signed(&key, &mailbox, Channel::Charter, 2, b"charter two")).await.unwrap();
    let mut expired = signed(&key, &mailbox, Channel::Pack, 9, b"old");
    expired.expires_at = 1;
    let message = signing::group_write_message(&mailbox, 1, 9, &Sha256::digest(b"old"), 1);
    expired.signature = key.sign(&message).to_bytes().to_vec();
    assert_eq!(code(client.post::<_, Posted>(&writes, &expired).await), ErrorCode::Expired);
    let unknown = format!("/v1/groups/{}/writes", hex::encode(&[0x23; 32]));
    assert_eq!(
        code(client.post::<_, Posted>(&unknown, &signed(&key, &[0x23; 32], Channel::Pack, 1, b"x")).await),
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn the_write_key_changes_only_by_its_own_signature() {
    let server = TestServer::start().await;
    let client = server.client();
    let (mailbox, old, new) = (vec![0x31; 32], new_key(), new_key());
    create(&client, &mailbox, &old).await;
    let path = format!("/v1/groups/{}/write-key", hex::encode(&mailbox));
    let change = |signer: &SigningKey, generation| {
        let new_key = new.verifying_key().to_bytes().to_vec();
        let signature = signer.sign(&signing::write_key_message(&mailbox, generation, &new_key)).to_bytes().to_vec();
        WriteKeyChange { new_key, generation, signature }
    };
    assert_eq!(code(client.post::<_, Done>(&path, &change(&new, 2)).await), ErrorCode::BadSignature);
    assert_eq!(code(client.post::<_, Done>(&path, &change(&old, 5)).await), ErrorCode::SequenceTooLow { current: 1 });
    let _: Done = client.post(&path, &change(&old, 2)).await.unwrap();
    let writes = format!("/v1/groups/{}/writes", hex::encode(&mailbox));
    assert_eq!(
        code(client.post::<_, Posted>(&writes, &signed(&old, &mailbox, Channel::Pack, 1, b"removed publisher")).await),
        ErrorCode::BadSignature
    );
    client.post::<_, Posted>(&writes, &signed(&new, &mailbox, Channel::Pack, 1, b"current")).await.unwrap();
}

#[tokio::test]
async fn members_read_several_mailboxes_at_once_without_an_account() {
    let server = TestServer::start().await;
    let client = server.client();
    let (m1, k1, m2, k2) = (vec![0x41; 32], new_key(), vec![0x42; 32], new_key());
    create(&client, &m1, &k1).await;
    create(&client, &m2, &k2).await;
    let w1 = format!("/v1/groups/{}/writes", hex::encode(&m1));
    client.post::<_, Posted>(&w1, &signed(&k1, &m1, Channel::Charter, 1, b"c1")).await.unwrap();
    client.post::<_, Posted>(&w1, &signed(&k1, &m1, Channel::Charter, 2, b"c2")).await.unwrap();
    client.post::<_, Posted>(&w1, &signed(&k1, &m1, Channel::Pack, 3, b"p3")).await.unwrap();
    client.post::<_, Posted>(&w1, &signed(&k1, &m1, Channel::Pack, 4, b"p4")).await.unwrap();
    let read = ReadGroups {
        mailboxes: vec![
            GroupCursor { mailbox_id: m1.clone(), pack_after: 0, charter_after: 1 },
            GroupCursor { mailbox_id: m2.clone(), pack_after: 0, charter_after: 0 },
            GroupCursor { mailbox_id: vec![0x43; 32], pack_after: 0, charter_after: 0 },
        ],
    };
    let states: GroupStates = client.post(r::GROUPS_READ, &read).await.unwrap();
    let [one, two, three] = &states.states[..] else { panic!("three states") };
    assert!(one.found && one.write_key == k1.verifying_key().to_bytes());
    assert_eq!(one.pack.as_ref().map(|pack| (pack.sequence, pack.body.clone())), Some((4, b"p4".to_vec())));
    assert_eq!(one.charters.iter().map(|c| c.sequence).collect::<Vec<_>>(), vec![2]);
    // The member verifies the server's copy itself.
    let pack = one.pack.as_ref().unwrap();
    let message = signing::group_write_message(&m1, 1, 4, &Sha256::digest(&pack.body), pack.expires_at);
    assert!(
        k1.verifying_key()
            .verify_strict(&message, &ed25519_dalek::Signature::from_slice(&pack.signature).unwrap())
            .is_ok()
    );
    assert!(two.found && two.pack.is_none() && two.charters.is_empty());
    assert!(!three.found);
    let up_to_date =
        ReadGroups { mailboxes: vec![GroupCursor { mailbox_id: m1.clone(), pack_after: 4, charter_after: 2 }] };
    let states: GroupStates = client.post(r::GROUPS_READ, &up_to_date).await.unwrap();
    assert!(states.states[0].pack.is_none() && states.states[0].charters.is_empty());
    let too_many = ReadGroups { mailboxes: vec![GroupCursor { mailbox_id: m1, pack_after: 0, charter_after: 0 }; 65] };
    assert_eq!(field(client.post::<_, GroupStates>(r::GROUPS_READ, &too_many).await).as_deref(), Some("mailboxes"));
}

#[tokio::test]
async fn the_join_inbox_takes_anyones_request_and_only_the_write_key_clears_it() {
    let server = TestServer::start().await;
    let client = server.client();
    let (mailbox, key) = (vec![0x51; 32], new_key());
    create(&client, &mailbox, &key).await;
    let inbox = format!("/v1/groups/{}/inbox", hex::encode(&mailbox));
    for i in 1..=3u8 {
        let posted: Posted = client.post(&inbox, &Post { body: vec![i; 48] }).await.unwrap();
        assert_eq!(posted.sequence, u64::from(i));
    }
    let read: Messages = client.get(&format!("{inbox}?after=1")).await.unwrap();
    assert_eq!(read.messages.len(), 2);
    let ack = |signer: &SigningKey| InboxAck {
        up_to: 2,
        signature: signer.sign(&signing::inbox_ack_message(&mailbox, 2)).to_bytes().to_vec(),
    };
    assert_eq!(code(client.post::<_, Done>(&format!("{inbox}/ack"), &ack(&new_key())).await), ErrorCode::BadSignature);
    let _: Done = client.post(&format!("{inbox}/ack"), &ack(&key)).await.unwrap();
    let left: Messages = client.get(&inbox).await.unwrap();
    assert_eq!(left.messages.iter().map(|m| m.sequence).collect::<Vec<_>>(), vec![3]);
    let nowhere = format!("/v1/groups/{}/inbox", hex::encode(&[0x52; 32]));
    assert_eq!(code(client.post::<_, Posted>(&nowhere, &Post { body: vec![1] }).await), ErrorCode::NotFound);
}
