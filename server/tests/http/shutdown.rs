//! Graceful shutdown: a request already in flight when shutdown begins is finished and answered; new connections
//! are refused afterwards.

use std::io::{Read, Write};
use std::time::Duration;

use mend_protocol::encode;
use mend_protocol::groups::{GroupCursor, ReadGroups};

use crate::support::*;

#[tokio::test]
async fn a_request_in_flight_is_finished_after_shutdown_begins() {
    let server = TestServer::start().await;
    let addr = server.running.addr;
    let body = encode(&ReadGroups {
        mailboxes: vec![GroupCursor { mailbox_id: vec![1; 32], pack_after: 0, charter_after: 0 }],
    });
    let (started, started_rx) = std::sync::mpsc::channel();
    let client = std::thread::spawn(move || {
        let mut stream = std::net::TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let head = format!("POST /v1/groups/read HTTP/1.1\r\nhost: test\r\ncontent-length: {}\r\n\r\n", body.len());
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body[..3]).unwrap();
        started.send(()).unwrap();
        // The rest of the body arrives after shutdown has begun.
        std::thread::sleep(Duration::from_millis(400));
        stream.write_all(&body[3..]).unwrap();
        let mut reply = [0u8; 1024];
        let n = stream.read(&mut reply).unwrap();
        String::from_utf8_lossy(&reply[..n]).into_owned()
    });
    started_rx.recv().unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let TestServer { running, dir: _dir } = server;
    let shutdown = tokio::spawn(running.shutdown());
    let reply = tokio::task::spawn_blocking(move || client.join().unwrap()).await.unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    shutdown.await.unwrap().unwrap();
    assert!(std::net::TcpStream::connect(addr).is_err(), "the listener is closed");
}
