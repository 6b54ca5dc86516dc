//! Sync through the FFI surface against a real `mend-server` (in this process, on a loopback port): two
//! journals, each with a transport and a secret store implemented as an app would implement them (here a
//! plain HTTP/1.1 client over a TCP socket, answering on the calling thread, and a map), set up, join by phrase, edits both ways, progress,
//! cancellation, observers and errors.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use mend_core::fixtures::{checkin_at, utc};
use mend_core::journal::NewCheckIn;

use crate::runtime::runtime;
use crate::{
    Mend, MendError, MendObserver, ObserverError, OpenOptions, SecretStore, SecretStoreFailure, SyncHttpRequest,
    SyncHttpResponse, SyncProgress, SyncProgressListener, SyncReply, SyncState, SyncTransport, TransportFailure,
};

/// A plain HTTP/1.1 client, one connection per request (what an app's platform client does, minus TLS).
pub(crate) struct PlainHttp;

impl SyncTransport for PlainHttp {
    fn send(&self, request: SyncHttpRequest, reply: Arc<SyncReply>) -> Result<(), TransportFailure> {
        match exchange(request) {
            Ok(response) => reply.received(response),
            Err(failure) => reply.failed(failure),
        }
        Ok(())
    }
}

/// One request and its reply over a new connection.
fn exchange(request: SyncHttpRequest) -> Result<SyncHttpResponse, TransportFailure> {
    let offline = |e: std::io::Error| TransportFailure::Offline { reason: e.to_string() };
    let rest = request.url.strip_prefix("http://").expect("a loopback test server");
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(host).map_err(offline)?;
    let mut head = format!("{} {} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n", request.method, path);
    for header in &request.headers {
        head.push_str(&format!("{}: {}\r\n", header.name, header.value));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", request.body.len()));
    stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&request.body)).map_err(offline)?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).map_err(offline)?;
    let split = reply.windows(4).position(|w| w == b"\r\n\r\n").expect("a reply with headers");
    let head = String::from_utf8_lossy(&reply[..split]).to_lowercase();
    assert!(!head.contains("transfer-encoding: chunked"), "the server sends sized bodies");
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    Ok(SyncHttpResponse { status, body: reply[split + 4..].to_vec() })
}

/// A transport for a server that is not there.
struct NoNetwork;

impl SyncTransport for NoNetwork {
    fn send(&self, _: SyncHttpRequest, _: Arc<SyncReply>) -> Result<(), TransportFailure> {
        Err(TransportFailure::Offline { reason: "no network".into() })
    }
}

/// A transport that drops every reply unanswered.
struct Silent;

impl SyncTransport for Silent {
    fn send(&self, _: SyncHttpRequest, _: Arc<SyncReply>) -> Result<(), TransportFailure> {
        Ok(())
    }
}

/// An app's secret store: a map.
#[derive(Default)]
pub(crate) struct Secrets(Mutex<HashMap<String, Vec<u8>>>);

impl SecretStore for Secrets {
    fn get(&self, name: String) -> Result<Option<Vec<u8>>, SecretStoreFailure> {
        Ok(self.0.lock().unwrap().get(&name).cloned())
    }
    fn set(&self, name: String, value: Vec<u8>) -> Result<(), SecretStoreFailure> {
        self.0.lock().unwrap().insert(name, value);
        Ok(())
    }
    fn clear(&self) -> Result<(), SecretStoreFailure> {
        self.0.lock().unwrap().clear();
        Ok(())
    }
}

/// Counts `sync_changed` calls.
#[derive(Default)]
struct SyncHeard(AtomicUsize);

impl MendObserver for SyncHeard {
    fn journal_changed(&self) -> Result<(), ObserverError> {
        Ok(())
    }
    fn alert_raised(&self, _: String) -> Result<(), ObserverError> {
        Ok(())
    }
    fn library_changed(&self) -> Result<(), ObserverError> {
        Ok(())
    }
    fn reminders_changed(&self) -> Result<(), ObserverError> {
        Ok(())
    }
    fn sync_changed(&self) -> Result<(), ObserverError> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

/// Collects progress; optionally cancels the sync it hears about.
struct Listener {
    heard: Mutex<Vec<SyncProgress>>,
    cancel: Option<Arc<Mend>>,
}

impl SyncProgressListener for Listener {
    fn progress(&self, progress: SyncProgress) -> Result<(), ObserverError> {
        self.heard.lock().unwrap().push(progress);
        if let Some(mend) = &self.cancel {
            mend.sync_cancel();
        }
        Ok(())
    }
}

/// A mend-server in this process, on its own runtime, with its data in a temporary directory.
pub(crate) struct Server {
    pub(crate) url: String,
    _running: mend_server::Running,
    _runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

pub(crate) fn server() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let config = mend_server::Config::sqlite(dir.path().join("server.sqlite3"), "127.0.0.1:0".parse().unwrap());
    let running = runtime.block_on(mend_server::start(config)).unwrap();
    Server { url: format!("http://{}", running.addr), _running: running, _runtime: runtime, _dir: dir }
}

/// A journal on the system clock (sync's clocks must move), with the app's platform given.
pub(crate) fn device(dir: &std::path::Path) -> Arc<Mend> {
    let mend = Mend::open(dir.to_str().unwrap().to_owned(), OpenOptions::default()).unwrap();
    mend.set_sync_platform(Arc::new(PlainHttp), Arc::new(Secrets::default()));
    mend
}

pub(crate) fn mood(score: u8) -> NewCheckIn {
    checkin_at(utc(2026, 5, 13, 9, 0), |d| d.mood = Some(score))
}

#[test]
fn two_journals_sync_through_a_real_server() {
    let server = server();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (device(dir_a.path()), device(dir_b.path()));
    assert_eq!(a.sync_status().unwrap().state, SyncState::Off);
    let heard = Arc::new(SyncHeard::default());
    let _subscription = a.subscribe(heard.clone()).unwrap();

    let set_up = runtime().block_on(a.sync_setup(server.url.clone(), "phone A".into())).unwrap();
    assert_eq!(set_up.words.len(), 24);
    let phrase = set_up.words.join(" ");
    for position in &set_up.confirm_positions {
        let word = set_up.words[*position as usize - 1].clone();
        assert!(a.sync_phrase_confirms(phrase.clone(), *position, word));
    }
    let saved = a.add_checkin(mood(4)).unwrap();
    let listener = Arc::new(Listener { heard: Mutex::default(), cancel: None });
    let report = runtime().block_on(a.sync_now(false, Some(listener.clone()))).unwrap();
    assert!(report.uploaded >= 1, "{report:?}");
    assert!(!listener.heard.lock().unwrap().is_empty(), "progress was reported");
    assert!(heard.0.load(Ordering::SeqCst) >= 1, "observers hear that sync's status changed");

    runtime().block_on(b.sync_join(server.url.clone(), phrase, "phone B".into())).unwrap();
    runtime().block_on(b.sync_now(false, None)).unwrap();
    assert_eq!(b.checkin(saved.guid.clone()).unwrap().and_then(|c| c.data.mood), Some(4));

    b.update_checkin(saved.guid.clone(), mood(7)).unwrap();
    assert_eq!(b.sync_status().unwrap().code, "behind");
    runtime().block_on(b.sync_now(false, None)).unwrap();
    runtime().block_on(a.sync_now(false, None)).unwrap();
    assert_eq!(a.checkin(saved.guid).unwrap().and_then(|c| c.data.mood), Some(7));

    for mend in [&a, &b] {
        let status = mend.sync_status().unwrap();
        assert_eq!((status.state, status.code.as_str()), (SyncState::Synced, "synced"), "{status:?}");
        assert_eq!(status.server.as_deref(), Some(server.url.as_str()));
        assert!(status.reminders_here && status.last_synced_at.is_some());
        assert!(mend.next_sync_at().unwrap().is_some());
    }
}

#[test]
fn a_removed_device_is_cut_off_and_erases_itself_and_the_others_carry_on() {
    let server = server();
    let dirs = [tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()];
    let [a, b, c] = [0, 1, 2].map(|i| device(dirs[i].path()));
    let phrase = runtime().block_on(a.sync_setup(server.url.clone(), "phone A".into())).unwrap().words.join(" ");
    let saved = a.add_checkin(mood(4)).unwrap();
    runtime().block_on(a.sync_now(false, None)).unwrap();
    for (mend, name) in [(&b, "tablet B"), (&c, "old phone C")] {
        runtime().block_on(mend.sync_join(server.url.clone(), phrase.clone(), name.into())).unwrap();
        runtime().block_on(mend.sync_now(false, None)).unwrap();
    }
    assert!(c.checkin(saved.guid.clone()).unwrap().is_some());

    let revoked = runtime().block_on(a.sync_revoke("old phone C".into(), true)).unwrap();
    assert_eq!((revoked.name.as_str(), revoked.wipe), ("old phone C", true));
    assert_eq!(revoked.report.and_then(|r| r.keys_renewed), Some(1), "{:?}", revoked.renewal_pending);

    let refused = runtime().block_on(c.sync_now(false, None)).unwrap_err();
    assert!(refused.to_string().contains("now erased"), "{refused}");
    assert!(c.checkin(saved.guid.clone()).unwrap().is_none(), "C's journal is erased");
    assert_eq!(c.sync_status().unwrap().state, SyncState::Off);

    let later = a.add_checkin(mood(6)).unwrap();
    runtime().block_on(a.sync_now(false, None)).unwrap();
    let report = runtime().block_on(b.sync_now(false, None)).unwrap();
    assert_eq!(report.unreadable, 0);
    assert_eq!(b.checkin(later.guid).unwrap().and_then(|c| c.data.mood), Some(6));
    let unknown = runtime().block_on(a.sync_revoke("a tablet I never had".into(), false)).unwrap_err();
    assert!(unknown.to_string().contains("none of your devices"), "{unknown}");
}

#[test]
fn a_cancelled_sync_says_so_and_the_next_one_finishes() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let a = device(dir.path());
    runtime().block_on(a.sync_setup(server.url.clone(), "phone".into())).unwrap();
    a.add_checkin(mood(3)).unwrap();
    let cancelling = Arc::new(Listener { heard: Mutex::default(), cancel: Some(a.clone()) });
    let stopped = runtime().block_on(a.sync_now(false, Some(cancelling))).unwrap_err();
    let MendError::Sync { message } = stopped else { panic!("{stopped:?}") };
    assert!(message.contains("stopped"), "{message}");
    assert_ne!(a.sync_status().unwrap().state, SyncState::Synced);
    runtime().block_on(a.sync_now(false, None)).unwrap();
    assert_eq!(a.sync_status().unwrap().state, SyncState::Synced);
}

#[test]
fn without_a_server_sync_is_offline_and_says_to_retry_later() {
    let server = server();
    let dir = tempfile::tempdir().unwrap();
    let a = Mend::open(dir.path().to_str().unwrap().to_owned(), OpenOptions::default()).unwrap();
    let secrets = Arc::new(Secrets::default());
    a.set_sync_platform(Arc::new(PlainHttp), secrets.clone());
    runtime().block_on(a.sync_setup(server.url.clone(), "phone".into())).unwrap();
    a.set_sync_platform(Arc::new(NoNetwork), secrets.clone());
    let failed = runtime().block_on(a.sync_now(false, None)).unwrap_err();
    assert!(matches!(&failed, MendError::SyncRetryLater { message } if message.contains("no network")), "{failed:?}");
    assert_eq!(a.sync_status().unwrap().state, SyncState::Offline);
    a.set_sync_platform(Arc::new(Silent), secrets);
    let unanswered = runtime().block_on(a.sync_now(false, None)).unwrap_err();
    assert!(
        matches!(&unanswered, MendError::SyncRetryLater { message } if message.contains("no answer")),
        "{unanswered:?}"
    );
}

#[test]
fn sync_calls_need_the_apps_platform_and_a_set_up() {
    let dir = tempfile::tempdir().unwrap();
    let mend = Mend::open(dir.path().to_str().unwrap().to_owned(), OpenOptions::default()).unwrap();
    let refused = runtime().block_on(mend.sync_now(false, None)).unwrap_err();
    assert!(matches!(refused, MendError::Sync { .. }), "{refused:?}");
    assert_eq!(mend.sync_status().unwrap().code, "off");
    assert_eq!(mend.next_sync_at().unwrap(), None);
    mend.set_sync_platform(Arc::new(NoNetwork), Arc::new(Secrets::default()));
    let not_set_up = runtime().block_on(mend.sync_now(false, None)).unwrap_err();
    assert!(matches!(&not_set_up, MendError::Sync { message } if message.contains("not set up")), "{not_set_up:?}");
    let plain = runtime().block_on(mend.sync_setup("http://sync.example.org".into(), "phone".into())).unwrap_err();
    assert!(matches!(&plain, MendError::Sync { message } if message.contains("https://")), "{plain:?}");
}
