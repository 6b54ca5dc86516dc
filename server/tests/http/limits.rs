//! Limits and their typed errors: body, record, batch, mailbox, account quota, storage cap ("server full"), rate
//! limits per account and per address, accounts per address per day, registration by token, request timeout.

use std::time::Duration;

use mend_protocol::ErrorCode;
use mend_protocol::accounts::{Done, Enrolled};
use mend_protocol::devices::EnrolDevice;
use mend_protocol::hex;
use mend_protocol::mailboxes::{Post, Posted};
use mend_protocol::records::{Page, Precondition};
use mend_protocol::routes as r;
use mend_server::Registration;

use crate::records::{upload, write};
use crate::support::*;

#[tokio::test]
async fn sizes_over_the_limits_are_refused_naming_the_field() {
    let server = TestServer::with(|config| {
        config.limits.max_body = 2500;
        config.limits.max_record = 1000;
        config.limits.max_batch = 3;
        config.limits.mailbox_messages = 2;
    })
    .await;
    let a = account(&server.client()).await.device;
    let big = upload(&a, vec![write("big", 0, Precondition::Any, &[1; 1001])]).await;
    assert_eq!(field(big).as_deref(), Some("records.body"));
    let many = upload(&a, (0..4).map(|i| write(&format!("m{i}"), 0, Precondition::Any, b"x")).collect()).await;
    assert_eq!(code(many), ErrorCode::TooLarge { limit: 3 });
    let body = upload(&a, (0..3).map(|i| write(&format!("b{i}"), 0, Precondition::Any, &[2; 1000])).collect()).await;
    assert_eq!(code(body), ErrorCode::TooLarge { limit: 2500 });
    // A mailbox holds two messages here.
    let key = new_key();
    let enrolled: Enrolled =
        a.client.post(r::DEVICES, &EnrolDevice { device: new_device(&key, b"n"), wraps: vec![] }).await.unwrap();
    let to = format!("/v1/devices/{}/mailbox", hex::encode(&enrolled.device_id));
    for _ in 0..2 {
        a.client.post::<_, Posted>(&to, &Post { body: vec![1; 10] }).await.unwrap();
    }
    assert_eq!(
        code(a.client.post::<_, Posted>(&to, &Post { body: vec![1; 10] }).await),
        ErrorCode::TooLarge { limit: 2 }
    );
    assert!(upload(&a, vec![write("fits", 0, Precondition::Any, &[1; 1000])]).await.is_ok());
}

#[tokio::test]
async fn the_account_quota_and_the_server_cap_are_typed() {
    let server = TestServer::with(|config| {
        config.limits.account_quota = 2000;
        config.limits.storage_cap = 3000;
    })
    .await;
    let a = account(&server.client()).await.device;
    let b = account(&server.client()).await.device;
    upload(&a, vec![write("a1", 0, Precondition::Any, &[1; 1500])]).await.unwrap();
    assert_eq!(
        code(upload(&a, vec![write("a2", 0, Precondition::Any, &[1; 600])]).await),
        ErrorCode::QuotaExceeded { limit: 2000 }
    );
    // Replacing a record with a smaller one frees its bytes.
    upload(&a, vec![write("a1", 0, Precondition::Any, &[1; 500])]).await.unwrap();
    upload(&a, vec![write("a2", 0, Precondition::Any, &[1; 1400])]).await.unwrap();
    upload(&b, vec![write("b1", 0, Precondition::Any, &[1; 1000])]).await.unwrap();
    assert_eq!(code(upload(&b, vec![write("b2", 0, Precondition::Any, &[1; 200])]).await), ErrorCode::ServerFull);
}

#[tokio::test]
async fn an_account_over_its_rate_is_told_when_to_come_back() {
    let server = TestServer::with(|config| config.limits.account_per_minute = 5).await;
    let a = account(&server.client()).await.device;
    // Within two minute-windows at most 10 pass, so the 11th request is refused at the latest.
    let mut refused_at = None;
    for i in 0..11 {
        let (status, _) = a.client.raw("GET", r::RECORDS, None).await;
        if status == 429 {
            refused_at = Some(i);
            break;
        }
    }
    let refused_at = refused_at.expect("the account was never limited");
    assert!(refused_at >= 5, "refused after only {refused_at} requests");
    match code(a.client.get::<Page>(r::RECORDS).await) {
        ErrorCode::RateLimited { retry_after_secs } => assert!((1..=60).contains(&retry_after_secs)),
        other => panic!("expected RateLimited, got {other:?}"),
    }
    // Another account is not held back.
    let b = account(&server.client()).await.device;
    assert!(b.client.get::<Page>(r::RECORDS).await.is_ok());
}

#[tokio::test]
async fn an_address_over_its_rate_and_its_daily_accounts_is_refused() {
    let server = TestServer::with(|config| {
        config.limits.address_per_minute = 30;
        config.limits.accounts_per_address_per_day = 2;
    })
    .await;
    let client = server.client();
    account(&client).await;
    account(&client).await;
    let third = client.post::<_, Enrolled>(r::ACCOUNTS, &create_request(&[5; 32], &new_key(), &new_key())).await;
    assert!(matches!(code(third), ErrorCode::RateLimited { .. }));
    let mut limited = false;
    for _ in 0..61 {
        if client.raw("GET", "/v1/link/00", None).await.0 == 429 {
            limited = true;
            break;
        }
    }
    assert!(limited, "the address was never limited");
    assert_eq!(client.raw("GET", r::HEALTH, None).await.0, 200, "operator routes are not limited");
}

#[tokio::test]
async fn registration_by_token_takes_each_operator_token_once() {
    let server = TestServer::with(|config| config.registration = Registration::Token).await;
    let client = server.client();
    let mut request = create_request(&[6; 32], &new_key(), &new_key());
    assert_eq!(code(client.post::<_, Enrolled>(r::ACCOUNTS, &request).await), ErrorCode::RegistrationClosed);
    request.registration_token = Some("not-issued".into());
    assert_eq!(code(client.post::<_, Enrolled>(r::ACCOUNTS, &request).await), ErrorCode::RegistrationClosed);
    let store = std::sync::Arc::clone(&server.running.app.store);
    store.add_registration_token(&mend_server::crypto::sha256(b"issued-1"), 0).unwrap();
    request.registration_token = Some("issued-1".into());
    client.post::<_, Enrolled>(r::ACCOUNTS, &request).await.unwrap();
    let mut second = create_request(&[7; 32], &new_key(), &new_key());
    second.registration_token = Some("issued-1".into());
    assert_eq!(code(client.post::<_, Enrolled>(r::ACCOUNTS, &second).await), ErrorCode::RegistrationClosed);
}

#[tokio::test]
async fn a_request_over_the_timeout_is_a_typed_timeout() {
    use std::io::{Read, Write};
    let server = TestServer::with(|config| config.limits.request_timeout = Duration::from_millis(300)).await;
    let addr = server.running.addr;
    // A client that sends its headers and then stalls in the middle of its body.
    let reply = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let head = "POST /v1/groups/read HTTP/1.1\r\nhost: test\r\ncontent-length: 100\r\n\r\nabc";
        stream.write_all(head.as_bytes()).unwrap();
        let mut buffer = [0u8; 4096];
        let n = stream.read(&mut buffer).expect("the server never answered the stalled request");
        String::from_utf8_lossy(&buffer[..n]).into_owned()
    })
    .await
    .unwrap();
    assert!(reply.starts_with("HTTP/1.1 503"), "{reply}");
}

#[tokio::test]
async fn garbage_and_unknown_routes_get_typed_errors() {
    let server = TestServer::start().await;
    let client = server.client();
    let (status, body) = client.raw("POST", r::ACCOUNTS, Some(vec![0xff; 40])).await;
    let error: mend_protocol::ErrorBody = mend_protocol::decode(&body).unwrap();
    assert_eq!((status, error.code), (400, ErrorCode::BadRequest));
    let mut short = create_request(&[1; 32], &new_key(), &new_key());
    short.lookup_id.pop();
    assert_eq!(field(client.post::<_, Enrolled>(r::ACCOUNTS, &short).await).as_deref(), Some("lookup_id"));
    assert_eq!(code(client.get::<Done>("/v1/nothing-here").await), ErrorCode::NotFound);
    assert_eq!(client.raw("GET", r::HEALTH, None).await, (200, b"ok\n".to_vec()));
    assert_eq!(client.raw("GET", r::READY, None).await, (200, b"ready\n".to_vec()));
}

#[tokio::test]
async fn the_default_limits_refuse_the_bench_load() {
    // mend-load offers 2,000 requests a second over 100 accounts: 1,200 a minute for each, twice the default of
    // 600. At that pace one account is refused within two minute-windows; mend-load raises the limits (and says so).
    let defaults = mend_server::Limits::default();
    assert!(2000 * 60 / 100 > defaults.account_per_minute);
    let server = TestServer::start().await;
    let a = account(&server.client()).await.device;
    let mut refused = false;
    for _ in 0..=2 * defaults.account_per_minute {
        if a.client.raw("GET", "/v1/records?since=0&limit=1", None).await.0 == 429 {
            refused = true;
            break;
        }
    }
    assert!(refused, "the default per-account limit never refused");
}
