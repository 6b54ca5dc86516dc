//! The `mend-server` binary as a process: it serves on loopback, writes private files, shuts down gracefully on
//! SIGTERM, logs no payload, id or address, and a SIGKILL in the middle of batch uploads leaves every batch
//! all or nothing (and every acknowledged batch present) after a restart.

mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use mend_protocol::hex;
use mend_protocol::records::{BatchOutcome, Page, Precondition, RecordWrite, UploadBatch};
use mend_protocol::routes as r;
use support::*;

/// A child `mend-server` on an ephemeral loopback port; its log goes to a file.
struct Server {
    child: Child,
    base: String,
}

fn spawn(data: &Path, log: &Path) -> Server {
    let log = std::fs::OpenOptions::new().create(true).append(true).open(log).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mend-server"))
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "unexpected first line {line:?}");
    Server { child, base }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn terminate(server: &mut Server) -> std::process::ExitStatus {
    // SAFETY: kill(2) on our own child's pid with SIGTERM.
    unsafe { libc::kill(server.child.id() as i32, libc::SIGTERM) };
    server.child.wait().unwrap()
}

fn record(id: String, body: &[u8]) -> RecordWrite {
    RecordWrite {
        collection: b"col".to_vec(),
        id: id.into_bytes(),
        epoch: 0,
        deleted: false,
        precondition: Precondition::Absent,
        body: body.to_vec(),
    }
}

#[tokio::test]
async fn logs_hold_no_payload_id_or_address_and_sigterm_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let (data, log) = (dir.path().join("data"), dir.path().join("server.log"));
    let mut server = spawn(&data, &log);
    let client = Client::new(server.base.clone());
    let a = account(&client).await.device;
    let marker = b"LOG-PAYLOAD-MARKER-91c2";
    let batch = UploadBatch { records: vec![record("marker-record-id".into(), marker)] };
    let _: BatchOutcome = a.client.post(r::RECORDS, &batch).await.unwrap();
    let _ = a.client.raw("POST", r::RECORDS, Some(marker.to_vec())).await;
    let _ = a.client.raw("GET", &format!("/v1/link/{}", hex::encode(&[7; 32])), None).await;
    let _ = client.with_token(marker).raw("GET", r::RECORDS, None).await;
    assert!(terminate(&mut server).success(), "SIGTERM must end the server cleanly");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("route=\"/v1/records\""), "the log has request lines: {text}");
    for needle in [
        "LOG-PAYLOAD-MARKER".to_string(),
        "marker-record-id".to_string(),
        hex::encode(&a.account_id),
        hex::encode(&a.device_id),
        hex::encode(&[7; 32]),
        "127.0.0".to_string(),
    ] {
        assert!(!text.contains(&needle), "the log holds {needle}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&data).unwrap().permissions().mode() & 0o777, 0o700);
        for entry in std::fs::read_dir(&data).unwrap() {
            let mode = entry.unwrap().metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "database files are private");
        }
    }
}

#[tokio::test]
async fn a_sigkill_during_batch_uploads_leaves_every_batch_all_or_nothing() {
    const PER_BATCH: usize = 20;
    let dir = tempfile::tempdir().unwrap();
    let (data, log) = (dir.path().join("data"), dir.path().join("server.log"));
    let mut server = spawn(&data, &log);
    let device = account(&Client::new(server.base.clone())).await.device;
    let token = device.client.token.clone();
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let next_batch = Arc::new(AtomicU64::new(0));
    for round in 0..3u64 {
        let mut client = Client::new(server.base.clone());
        client.token = token.clone();
        let (acknowledged_here, next) = (Arc::clone(&acknowledged), Arc::clone(&next_batch));
        let uploader = tokio::spawn(async move {
            loop {
                let batch = next.fetch_add(1, Ordering::SeqCst);
                let records =
                    (0..PER_BATCH).map(|i| record(format!("b{batch:05}-r{i:02}"), &[batch as u8; 300])).collect();
                let request = client
                    .http
                    .post(format!("{}{}", client.base, r::RECORDS))
                    .header("authorization", format!("Bearer {}", client.token.as_deref().unwrap_or_default()))
                    .body(mend_protocol::encode(&UploadBatch { records }));
                // Once the server is killed the connection fails: that ends this round.
                let Ok(response) = request.send().await else { return Ok(()) };
                let status = response.status().as_u16();
                let Ok(bytes) = response.bytes().await else { return Ok(()) };
                match mend_protocol::decode::<BatchOutcome>(&bytes) {
                    Ok(BatchOutcome::Committed { .. }) if status == 200 => {
                        acknowledged_here.lock().unwrap().push(batch)
                    }
                    other => return Err(format!("batch {batch}: status {status}, {other:?}")),
                }
            }
        });
        tokio::time::sleep(Duration::from_millis(200 + 150 * round)).await;
        let _ = server.child.kill();
        let _ = server.child.wait();
        // The uploader stops when its connection fails; it must never have seen a refusal.
        uploader.await.unwrap().unwrap();
        server = spawn(&data, &log);
    }
    // The token still holds: its MAC key lives in the database.
    let mut reader = Client::new(server.base.clone());
    reader.token = token;
    let mut batches: BTreeMap<String, usize> = BTreeMap::new();
    let mut cursor = 0;
    loop {
        let page: Page = reader.get(&format!("{}?since={cursor}&limit=500", r::RECORDS)).await.unwrap();
        for record in &page.records {
            let id = String::from_utf8(record.id.clone()).unwrap();
            *batches.entry(id[..6].to_owned()).or_default() += 1;
        }
        cursor = page.next_cursor;
        if !page.more {
            break;
        }
    }
    assert!(batches.len() >= 3, "too few batches landed to test anything: {}", batches.len());
    for (batch, count) in &batches {
        assert_eq!(*count, PER_BATCH, "batch {batch} is torn");
    }
    for batch in acknowledged.lock().unwrap().iter() {
        assert!(batches.contains_key(&format!("b{batch:05}")), "acknowledged batch {batch} was lost");
    }
}
