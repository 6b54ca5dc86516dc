//! Sync's benchmark, in the phases of SYNC.md's Etebase figures: upload N records, full download and decrypt on
//! a second device, update 1, incremental fetch of 1, and a no-change poll — wall time, round trips, bytes each
//! way (request and status lines, headers and bodies) and the server's CPU time — for N = 1,000 and 10,000
//! synthetic check-ins of about 300 bytes (batch and page 100), and for the 5-year journal (9,000 check-ins,
//! 2,000 events) written through the real write path. The server is a real `mend-server` process (SQLite, or
//! PostgreSQL with `MEND_BENCH_DATABASE=postgres://…`); journals live in `MEND_BENCH_DIR` (default /dev/shm).
//! Each phase is run `MEND_BENCH_RUNS` times (default 3) on fresh accounts; the median is reported.
//!
//! Run: `cargo bench -p mend-e2e --bench sync` (builds in release; the server binary is this tree's debug
//! build unless `MEND_SERVER_BIN` names another: build it with `cargo build --release -p mend-server` and
//! point `MEND_SERVER_BIN` at target/release/mend-server for the figures in docs/performance.md).

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use mend_core::fixtures::{self, FixtureShape};
use mend_core::journal::{CheckInData, NewCheckIn};
use mend_core::sync::keystore::FileKeyStore;
use mend_core::sync::transport::BoxFuture;
use mend_core::sync::{HttpRequest, HttpResponse, Options, Transport, TransportError};
use mend_core::{Clock, Mend, OpenOptions};
use mend_e2e::ServerProcess;

/// reqwest, counting every byte of each exchange as HTTP/1.1 puts it on the wire.
struct Counting {
    client: reqwest::Client,
    requests: AtomicU64,
    up: AtomicU64,
    down: AtomicU64,
}

impl Counting {
    fn new() -> Counting {
        Counting {
            client: reqwest::Client::new(),
            requests: AtomicU64::new(0),
            up: AtomicU64::new(0),
            down: AtomicU64::new(0),
        }
    }

    fn take(&self) -> (u64, u64, u64) {
        (
            self.requests.swap(0, Ordering::Relaxed),
            self.up.swap(0, Ordering::Relaxed),
            self.down.swap(0, Ordering::Relaxed),
        )
    }
}

impl Transport for Counting {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let url = reqwest::Url::parse(&request.url).unwrap();
            let method = reqwest::Method::from_bytes(request.method.as_bytes()).unwrap();
            let mut builder = self.client.request(method, url.clone());
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let built = builder.body(request.body.clone()).build().unwrap();
            // Request line, the headers reqwest sends (its own: host, accept, content-length), the body.
            let path = &url[url::Position::BeforePath..];
            let mut up = request.method.len() + 1 + path.len() + 11;
            up += built.headers().iter().map(|(n, v)| n.as_str().len() + v.len() + 4).sum::<usize>();
            up += "host: ".len() + url.host_str().unwrap_or("").len() + 8 + 2 + "accept: */*\r\n".len();
            if !request.body.is_empty() {
                up += format!("content-length: {}\r\n", request.body.len()).len();
            }
            up += 2 + request.body.len();
            let response = self.client.execute(built).await.map_err(|e| TransportError::Offline(e.to_string()))?;
            let status = response.status().as_u16();
            let mut down = "HTTP/1.1 200 OK\r\n".len() + 2;
            down += response.headers().iter().map(|(n, v)| n.as_str().len() + v.len() + 4).sum::<usize>();
            let body = response.bytes().await.map_err(|e| TransportError::Offline(e.to_string()))?.to_vec();
            down += body.len();
            self.requests.fetch_add(1, Ordering::Relaxed);
            self.up.fetch_add(up as u64, Ordering::Relaxed);
            self.down.fetch_add(down as u64, Ordering::Relaxed);
            Ok(HttpResponse { status, body })
        })
    }
}

/// One phase's figures.
#[derive(Clone, Copy, Default)]
struct Figures {
    wall: Duration,
    requests: u64,
    up: u64,
    down: u64,
    server_cpu: Duration,
}

fn measure(server: &ServerProcess, transport: &Counting, work: impl FnOnce()) -> Figures {
    transport.take();
    let cpu = server.cpu();
    let started = Instant::now();
    work();
    let wall = started.elapsed();
    let server_cpu = server.cpu().saturating_sub(cpu);
    let (requests, up, down) = transport.take();
    Figures { wall, requests, up, down, server_cpu }
}

fn median(mut runs: Vec<Figures>) -> Figures {
    runs.sort_by_key(|f| f.wall);
    runs[runs.len() / 2]
}

fn open(dir: &Path) -> Mend {
    Mend::open(dir, OpenOptions { clock: Clock::System }).unwrap()
}

/// How a journal for a run is filled.
#[derive(Clone, Copy)]
enum Items {
    /// N check-ins of about 300 bytes each on the wire (before padding).
    Synthetic(usize),
    /// The 5-year fixture, through the public API.
    FiveYears,
}

fn fill(mend: &Mend, items: Items) {
    match items {
        Items::Synthetic(n) => {
            let start = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();
            let note = "slept a little better; walked to the park and back, and sat for a while by the water";
            let checkins: Vec<NewCheckIn> = (0..n)
                .map(|i| NewCheckIn {
                    at: Some(start + chrono::Duration::minutes(i as i64 * 7)),
                    time_zone: Some("Europe/Dublin".into()),
                    data: CheckInData { mood: Some((i % 10) as u8 + 1), note: Some(note.into()), ..Default::default() },
                })
                .collect();
            for chunk in checkins.chunks(1_000) {
                mend.journal().add_checkins(chunk.to_vec()).unwrap();
            }
        }
        Items::FiveYears => fixtures::load(mend, &fixtures::generate(FixtureShape::FIVE_YEARS)).unwrap(),
    }
}

/// The five phases on a fresh account.
fn run_once(root: &Path, server: &ServerProcess, items: Items, runtime: &tokio::runtime::Runtime) -> [Figures; 5] {
    let transport = Counting::new();
    let (a_dir, b_dir) = (root.join("a"), root.join("b"));
    let (a, b) = (open(&a_dir), open(&b_dir));
    let (a_keys, b_keys) = (FileKeyStore::in_dir(&a_dir), FileKeyStore::in_dir(&b_dir));
    fill(&a, items);
    let (sa, sb) = (a.sync(&a_keys, true), b.sync(&b_keys, true));
    let phrase = runtime.block_on(sa.setup(&server.base, &transport, "bench A", None)).unwrap().phrase;
    let sync = |engine: &mend_core::sync::SyncEngine<'_>| {
        runtime.block_on(engine.sync_now(&transport, Options::default())).unwrap();
    };
    let upload = measure(server, &transport, || sync(&sa));
    runtime.block_on(sb.join(&server.base, &transport, &phrase, "bench B")).unwrap();
    let fetch = measure(server, &transport, || sync(&sb));
    let everything = (Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap(), Utc::now() + chrono::Duration::days(1));
    let first = a.journal().checkins_between(everything.0, everything.1).unwrap().into_iter().next().unwrap();
    let mut data = first.data.clone();
    data.mood = Some(3);
    let edit = NewCheckIn { at: Some(first.at), time_zone: Some(first.time_zone.clone()), data };
    let update = measure(server, &transport, || {
        a.journal().update_checkin(&first.guid, edit).unwrap();
        sync(&sa);
    });
    let incremental = measure(server, &transport, || sync(&sb));
    let poll = measure(server, &transport, || sync(&sb));
    assert_eq!(sb.status().unwrap().state.code(), "synced");
    [upload, fetch, update, incremental, poll]
}

fn main() {
    let bench_dir = std::env::var_os("MEND_BENCH_DIR").map_or_else(|| "/dev/shm".into(), std::path::PathBuf::from);
    let runs: usize = std::env::var("MEND_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let server_dir = tempfile::tempdir().unwrap();
    let extra: Vec<String> = match std::env::var("MEND_BENCH_DATABASE") {
        Ok(url) => vec!["--database".into(), url],
        Err(_) => vec![],
    };
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let limits = ["--account-rpm", "1000000", "--address-rpm", "1000000", "--accounts-per-address-per-day", "1000000"];
    let args: Vec<&str> = extra.iter().copied().chain(limits).collect();
    let server = ServerProcess::start(&server_dir.path().join("data"), &args);
    let backend = if extra.is_empty() { "SQLite" } else { "PostgreSQL" };
    println!("mend-server on {backend}; journals in {}; median of {runs}\n", bench_dir.display());
    println!("| items | phase | wall | round trips | bytes up | bytes down | server CPU |");
    println!("|---|---|---|---|---|---|---|");
    let phases = ["upload", "full fetch + decrypt", "update 1", "incremental fetch of 1", "no-change poll"];
    for (label, items) in
        [("1,000", Items::Synthetic(1_000)), ("10,000", Items::Synthetic(10_000)), ("5-year journal", Items::FiveYears)]
    {
        let results: Mutex<Vec<[Figures; 5]>> = Mutex::new(Vec::new());
        for _ in 0..runs {
            let root = tempfile::tempdir_in(&bench_dir).unwrap();
            results.lock().unwrap().push(run_once(root.path(), &server, items, &runtime));
        }
        let results = results.into_inner().unwrap();
        for (i, phase) in phases.iter().enumerate() {
            let f = median(results.iter().map(|r| r[i]).collect());
            println!(
                "| {label} | {phase} | {:.4} s | {} | {} | {} | {:.2} s |",
                f.wall.as_secs_f64(),
                f.requests,
                f.up,
                f.down,
                f.server_cpu.as_secs_f64()
            );
        }
    }
}
