//! Linking a new device by a code, end to end with the real `mend` and `mend-server` binaries (issue 17): the new
//! device C runs `mend sync link` and shows a code; A, in sync, runs `mend sync approve CODE` and is given C's
//! digits; C is enrolled, syncs and sees A's entry, and A lists C by name. Refused with clear words, and nothing
//! enrolled: a code nobody is waiting with, digits that differ (on standard input or by `--confirm`), a code used
//! once already, a code past its ten minutes (the server's clock cannot be moved, so the mailbox's first message
//! is moved eleven minutes back in the server's database), and a server in the middle that swaps the new
//! device's hello for one with its own keys, or changes the key it reveals (a loopback proxy in this file).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use mend_core::sync::link::LinkCode;
use mend_core::sync::link::exchange::{self, Ephemeral, Hello};
use mend_e2e::running::Running;
use mend_e2e::{ServerProcess, json, mend, ok};
use mend_protocol::mailboxes::Post;
use serde_json::Value;

const NAME_A: &str = "MARKER-name-Sam-phone";
const NAME_C: &str = "MARKER-name-new-laptop";
const NOTE_A: &str = "a quiet walk by the river";
const TAMPERED: &str = "did not check out";

/// A in sync with one entry.
fn set_up_a(dir: &Path, base: &str) {
    ok(mend(dir, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
    ok(mend(dir, &["checkin", "--mood", "4", "--note", NOTE_A]));
    let out = json(mend(dir, &["--json", "sync", "setup", "--server", base, "--name", NAME_A]));
    assert_eq!(out["state"], "synced", "{out}");
}

fn devices(dir: &Path) -> Vec<Value> {
    json(mend(dir, &["--json", "sync", "devices"])).as_array().unwrap().clone()
}

/// C starts linking through `base`: gives the running process and its code.
fn start_link(dir: &Path, base: &str) -> (Running, String) {
    let c = Running::start(dir, &["--json", "sync", "link", "--server", base, "--name", NAME_C]);
    let first = c.next().expect("the code line");
    assert_eq!(first["event"], "code", "{first}");
    assert_eq!(first["expires_in_secs"], 600);
    let code = first["code"].as_str().unwrap().to_owned();
    assert_eq!(first["uri"].as_str().unwrap(), format!("mend://link#{code}"));
    (c, code)
}

fn approve(dir: &Path, code: &str, extra: &[&str]) -> Running {
    let mut args = vec!["--json", "sync", "approve", code];
    args.extend_from_slice(extra);
    Running::start(dir, &args)
}

/// Another six digits than `digits`.
fn other_than(digits: &str) -> String {
    digits.chars().map(|c| char::from(b'0' + (c as u8 - b'0' + 1) % 10)).collect()
}

#[test]
fn a_new_device_is_linked_by_its_code_and_the_digits_and_sees_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    set_up_a(&a, &server.base);

    let (linking, code) = start_link(&c, &server.base);
    let mut approving = approve(&a, &code, &[]);
    let on_c = linking.next().expect("C's digits");
    assert_eq!(on_c["event"], "digits", "{on_c}");
    let on_a = approving.next().expect("A's digits");
    assert_eq!(on_a["event"], "digits", "{on_a}");
    assert_eq!(on_a["digits"], on_c["digits"], "both screens show the same digits");
    assert_eq!(on_a["name"], NAME_C);
    approving.answer(on_c["digits"].as_str().unwrap());
    let done = approving.next().expect("A's answer");
    assert_eq!(done["event"], "approved", "{done}");
    assert_eq!(done["name"], NAME_C);
    let (approved, stderr) = approving.finish();
    assert!(approved, "{stderr}");
    let linked = linking.next().expect("C's last line");
    assert_eq!(linked["event"], "linked", "{linked}");
    assert_eq!(linked["state"], "synced", "{linked}");
    let (ended, stderr) = linking.finish();
    assert!(ended, "{stderr}");

    // C has A's entry, and both list each other by name.
    let exported = ok(mend(&c, &["export"]));
    assert!(exported.contains(NOTE_A), "C does not have A's entry");
    let on_a = devices(&a);
    assert_eq!(on_a.len(), 2, "{on_a:?}");
    assert!(on_a.iter().any(|d| d["name"] == NAME_C && d["this_device"] == false), "{on_a:?}");
    let on_c = devices(&c);
    assert!(on_c.iter().any(|d| d["name"] == NAME_C && d["this_device"] == true), "{on_c:?}");
    assert!(on_c.iter().any(|d| d["name"] == NAME_A), "{on_c:?}");

    // What C writes reaches A.
    ok(mend(&c, &["checkin", "--note", "lit a candle tonight"]));
    assert_eq!(json(mend(&c, &["--json", "sync", "now"]))["state"], "synced");
    assert_eq!(json(mend(&a, &["--json", "sync", "now"]))["state"], "synced");
    assert!(ok(mend(&a, &["export"])).contains("lit a candle tonight"));

    // The same code a second time is refused, and nothing more is enrolled.
    let again = mend(&a, &["sync", "approve", &code, "--confirm", "123456"]);
    assert_eq!(again.status.code(), Some(1));
    let words = String::from_utf8_lossy(&again.stderr);
    assert!(words.contains("that code was already used"), "{words}");
    assert_eq!(devices(&a).len(), 2);

    // The server never saw the code, the names or the note.
    for entry in std::fs::read_dir(&server.data).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        for secret in [code.as_bytes(), b"MARKER", NOTE_A.as_bytes()] {
            assert!(!bytes.windows(secret.len()).any(|w| w == secret));
        }
    }
}

#[test]
fn a_wrong_code_or_something_that_is_not_a_code_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let a = dir.path().join("a");
    set_up_a(&a, &server.base);
    let unknown = mend(&a, &["sync", "approve", &LinkCode::generate().text(), "--confirm", "123456"]);
    assert_eq!(unknown.status.code(), Some(1));
    let words = String::from_utf8_lossy(&unknown.stderr);
    assert!(words.contains("no new device is waiting with that code"), "{words}");
    let not_a_code = mend(&a, &["--json", "sync", "approve", "hello", "--confirm", "123456"]);
    assert_eq!(not_a_code.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_a_code.stderr).contains("that is not a linking code"));
    assert_eq!(devices(&a).len(), 1);
}

#[test]
fn digits_that_differ_enrol_nothing_and_the_new_device_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    set_up_a(&a, &server.base);

    // Typed on standard input.
    let (linking, code) = start_link(&c, &server.base);
    let mut approving = approve(&a, &code, &[]);
    let digits = linking.next().expect("C's digits")["digits"].as_str().unwrap().to_owned();
    assert_eq!(approving.next().expect("A's digits")["digits"], digits);
    approving.answer(&other_than(&digits));
    let (approved, stderr) = approving.finish();
    assert!(!approved);
    assert!(stderr.contains("the digits did not match, so the new device was not linked"), "{stderr}");
    let (linked, stderr) = linking.finish();
    assert!(!linked);
    assert!(stderr.contains("linking was not approved on the other device"), "{stderr}");
    assert_eq!(devices(&a).len(), 1);
    assert_eq!(json(mend(&c, &["--json", "sync", "status"]))["state"], "off");

    // Given by --confirm (which a run without a terminal needs; --yes is no such thing).
    let (linking, code) = start_link(&c, &server.base);
    let approving = approve(&a, &code, &["--confirm", "000000"]);
    let digits = linking.next().expect("C's digits")["digits"].as_str().unwrap().to_owned();
    let (approved, stderr) = approving.finish();
    if digits != "000000" {
        assert!(!approved);
        assert!(stderr.contains("the digits did not match"), "{stderr}");
        let (linked, _) = linking.finish();
        assert!(!linked);
        assert_eq!(devices(&a).len(), 1);
    }
    let yes = mend(&a, &["sync", "approve", &code, "--yes"]);
    assert_eq!(yes.status.code(), Some(2), "there is no --yes");
}

#[test]
fn a_code_past_its_ten_minutes_has_expired() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    set_up_a(&a, &server.base);
    let (linking, code) = start_link(&c, &server.base);
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    db.busy_timeout(Duration::from_secs(10)).unwrap();
    let moved = db.execute("UPDATE link_mail SET posted_at = posted_at - 660", []).unwrap();
    assert_eq!(moved, 1);
    drop(db);
    let late = mend(&a, &["sync", "approve", &code, "--confirm", "123456"]);
    assert_eq!(late.status.code(), Some(1));
    let words = String::from_utf8_lossy(&late.stderr);
    assert!(words.contains("that code has expired: start linking again on the new device"), "{words}");
    // The new device stops waiting with the same words.
    let (linked, stderr) = linking.finish();
    assert!(!linked);
    assert!(stderr.contains("that code has expired"), "{stderr}");
    assert_eq!(devices(&a).len(), 1);
}

/// What the proxy does to the new device's posts to the link mailbox.
#[derive(Clone, Copy)]
enum Meddle {
    /// Its hello becomes one the proxy made, with keys of its own (it does not know the code).
    SwapHello,
    /// One byte of its reveal (its ephemeral key, sealed) is changed.
    AlterReveal,
}

/// A loopback HTTP proxy to `upstream` that meddles with link-mailbox posts; one request per connection.
fn proxy(upstream: &str, meddle: Meddle) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let upstream = upstream.trim_start_matches("http://").to_owned();
    let posts = Arc::new(AtomicUsize::new(0));
    std::thread::spawn(move || {
        for conn in listener.incoming().map_while(Result::ok) {
            let (upstream, posts) = (upstream.clone(), Arc::clone(&posts));
            std::thread::spawn(move || relay(conn, &upstream, &posts, meddle));
        }
    });
    base
}

fn relay(mut conn: TcpStream, upstream: &str, posts: &AtomicUsize, meddle: Meddle) {
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if line == "\r\n" {
            break;
        }
        head.push(line.trim_end().to_owned());
    }
    let length = head
        .iter()
        .find_map(|h| h.to_ascii_lowercase().strip_prefix("content-length:").map(|n| n.trim().parse().unwrap()))
        .unwrap_or(0usize);
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).unwrap();
    if head[0].starts_with("POST /v1/link/") {
        let n = posts.fetch_add(1, Ordering::SeqCst);
        let mut post: Post = mend_protocol::decode(&body).unwrap();
        match (meddle, n) {
            (Meddle::SwapHello, 0) => {
                let own = Ephemeral::generate();
                let hello = Hello {
                    commitment: exchange::commitment(&own.public()),
                    signing_key: [9; 32],
                    exchange_key: Ephemeral::generate().public(),
                    name: NAME_C.into(),
                };
                post.body = exchange::seal_hello(&LinkCode::generate(), &hello);
            }
            (Meddle::AlterReveal, 1) => {
                let middle = post.body.len() / 2;
                post.body[middle] ^= 1;
            }
            _ => {}
        }
        body = mend_protocol::encode(&post);
    }
    let mut out = TcpStream::connect(upstream).unwrap();
    let mut request = format!("{}\r\n", head[0]);
    for header in &head[1..] {
        let lower = header.to_ascii_lowercase();
        if !lower.starts_with("content-length:") && !lower.starts_with("connection:") {
            request.push_str(&format!("{header}\r\n"));
        }
    }
    request.push_str(&format!("content-length: {}\r\nconnection: close\r\n\r\n", body.len()));
    out.write_all(request.as_bytes()).unwrap();
    out.write_all(&body).unwrap();
    let mut reply = Vec::new();
    out.read_to_end(&mut reply).unwrap();
    conn.write_all(&reply).unwrap();
}

#[test]
fn a_server_in_the_middle_that_swaps_the_hello_is_refused_and_nothing_is_enrolled() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    set_up_a(&a, &server.base);
    let through = proxy(&server.base, Meddle::SwapHello);
    let (linking, code) = start_link(&c, &through);
    let refused = mend(&a, &["sync", "approve", &code, "--confirm", "123456"]);
    assert_eq!(refused.status.code(), Some(1));
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains(TAMPERED) && words.contains("Nothing was linked"), "{words}");
    let (linked, stderr) = linking.finish();
    assert!(!linked);
    assert!(stderr.contains(TAMPERED), "{stderr}");
    assert_eq!(devices(&a).len(), 1);
    assert_eq!(json(mend(&c, &["--json", "sync", "status"]))["state"], "off");
}

#[test]
fn a_server_in_the_middle_that_changes_the_revealed_key_is_refused_and_nothing_is_enrolled() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    set_up_a(&a, &server.base);
    let through = proxy(&server.base, Meddle::AlterReveal);
    let (linking, code) = start_link(&c, &through);
    let approving = approve(&a, &code, &["--confirm", "123456"]);
    let on_c = linking.next().expect("C's digits");
    assert_eq!(on_c["event"], "digits", "{on_c}");
    let (approved, stderr) = approving.finish();
    assert!(!approved);
    assert!(stderr.contains(TAMPERED), "{stderr}");
    drop(linking);
    assert_eq!(devices(&a).len(), 1);
}

#[test]
fn in_words_the_new_device_shows_the_code_and_digits_and_the_approving_one_takes_them_on_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    set_up_a(&a, &server.base);
    let linking = Running::start(&c, &["sync", "link", "--server", &server.base, "--name", NAME_C]);
    let line = |running: &Running| running.line();
    let code = loop {
        let text = line(&linking);
        if let Some(code) = text.trim().strip_prefix("mend sync approve ") {
            break code.to_owned();
        }
    };
    let mut approving = Running::start(&a, &["sync", "approve", &code]);
    let digits = loop {
        let text = line(&linking);
        if let Some(rest) = text.strip_prefix("The other device should show these digits: ") {
            break rest[..7].to_owned();
        }
    };
    let on_a = line(&approving);
    assert!(on_a.contains(&format!("This device shows {digits}")) && on_a.contains(NAME_C), "{on_a}");
    approving.answer(&digits);
    assert!(line(&approving).contains("is linked to your synced journal"));
    assert!(approving.finish().0);
    assert!(line(&linking).starts_with("This device is linked to your synced journal."));
    assert!(linking.finish().0);
    assert!(ok(mend(&c, &["export"])).contains(NOTE_A));
}

#[test]
fn a_device_with_entries_of_its_own_asks_before_linking_and_one_in_sync_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, c) = (dir.path().join("a"), dir.path().join("c"));
    set_up_a(&a, &server.base);
    ok(mend(&c, &["checkin", "--note", "a slow morning"]));
    let asked = mend(&c, &["sync", "link", "--server", &server.base]);
    assert_eq!(asked.status.code(), Some(2));
    let words = String::from_utf8_lossy(&asked.stderr);
    assert!(words.contains("already has 1 entry of its own") && words.contains("--yes"), "{words}");
    let in_sync = mend(&a, &["sync", "link", "--server", &server.base]);
    assert_eq!(in_sync.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&in_sync.stderr).contains("sync is already set up on this device"));

    // With --yes it links, and the entry of its own goes up to the synced journal.
    let c_run = Running::start(&c, &["--json", "sync", "link", "--server", &server.base, "--yes"]);
    let code = c_run.next().unwrap()["code"].as_str().unwrap().to_owned();
    let mut approving = approve(&a, &code, &[]);
    let digits = c_run.next().unwrap()["digits"].as_str().unwrap().to_owned();
    assert_eq!(approving.next().unwrap()["digits"], digits.as_str());
    approving.answer(&digits);
    assert!(approving.finish().0);
    assert_eq!(c_run.next().unwrap()["state"], "synced");
    assert!(c_run.finish().0);
    assert_eq!(json(mend(&a, &["--json", "sync", "now"]))["state"], "synced");
    assert!(ok(mend(&a, &["export"])).contains("a slow morning"));
}
