//! Two `mend-server` processes sharing one PostgreSQL: an account made through one is served by the other, a
//! record written through one is read through the other, and a token minted by one holds at the other (the MAC
//! key lives in the database).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use mend_protocol::records::{BatchOutcome, Page, Precondition, RecordWrite, UploadBatch};
use mend_protocol::routes as r;

use crate::support::{Client, account, postgres::Cluster};

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(url: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mend-server"))
        .args(["--listen", "127.0.0.1:0", "--database", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let base = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "unexpected first line {line:?}");
    Server(child, base)
}

#[tokio::test]
async fn two_processes_share_one_postgres() {
    let cluster = Cluster::start();
    let url = cluster.database("shared");
    let (one, two) = (spawn(&url), spawn(&url));
    let device = account(&Client::new(one.1.clone())).await.device;
    let record = RecordWrite {
        collection: b"col".to_vec(),
        id: b"rec".to_vec(),
        epoch: 0,
        deleted: false,
        precondition: Precondition::Absent,
        body: b"through one".to_vec(),
    };
    let written: BatchOutcome =
        device.client.post(r::RECORDS, &UploadBatch { records: vec![record.clone()] }).await.unwrap();
    assert!(matches!(written, BatchOutcome::Committed { .. }));
    let mut other = Client::new(two.1.clone());
    other.token = device.client.token.clone();
    let page: Page = other.get(r::RECORDS).await.unwrap();
    assert_eq!(page.records.len(), 1);
    assert_eq!(page.records[0].body, b"through one");
    // The second process sees the first's version: a stale precondition is refused there.
    let refused: BatchOutcome = other.post(r::RECORDS, &UploadBatch { records: vec![record] }).await.unwrap();
    assert!(matches!(refused, BatchOutcome::Refused { .. }));
    assert_eq!(cluster.psql("shared", "SELECT count(*) FROM records").trim(), "1");
}
