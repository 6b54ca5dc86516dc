//! Sync end to end with the real binaries: `mend-server` as a process and three `mend` devices on their own data
//! directories. Set-up on A, join by phrase on B, edits on both, a delete, a conflict on a note (both versions
//! kept), and a restore on a third device C: every device ends with the same journal. Then the blind server: no
//! word from any free-text field (a note, a memorial's name, a medication's name, a reminder's title) and no table
//! name is in the server's files or its log. Once more over HTTPS with a test root.

use std::path::Path;

use mend_e2e::{ServerProcess, json, mend, mend_with_input, ok};

const NOTE: &str = "MARKER-note-7f3a-tender-words";
const MEMORIAL: &str = "MARKER-memorial-b2c9";
const MEDICATION: &str = "MARKER-med-e41d";
const REMINDER: &str = "MARKER-reminder-9a0c";
const ON_A: &str = "MARKER-conflict-written-on-A";
const ON_B: &str = "MARKER-conflict-written-on-B";

/// Runs `mend` with the environment a device needs (an extra trusted root for HTTPS).
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    mend_with_input(dir, args, "", env)
}

fn sync(dir: &Path, env: &[(&str, &str)]) -> serde_json::Value {
    json(run(dir, &["--json", "sync", "now"], env))
}

/// The journal as a device exports it, without the moment of export and the list of deletions this device made
/// or saw (a device restored after a deletion never held the row, so it has no tombstone of it).
fn journal(dir: &Path) -> serde_json::Value {
    let mut doc = json(mend(dir, &["export"]));
    doc.as_object_mut().unwrap().remove("exported_at");
    doc.as_object_mut().unwrap().remove("deleted");
    doc
}

fn guid_with_note(dir: &Path, note: &str) -> String {
    let history = json(mend(dir, &["--json", "history"]));
    let entry = history.as_array().unwrap().iter().find(|e| e["note"].as_str().is_some_and(|n| n.contains(note)));
    entry.unwrap_or_else(|| panic!("no entry with {note:?} in {history}"))["guid"].as_str().unwrap().to_owned()
}

/// The whole story on three devices against `server` (`env` for each `mend`).
fn three_devices(root: &Path, base: &str, env: &[(&str, &str)]) {
    let (a, b, c) = (root.join("a"), root.join("b"), root.join("c"));
    ok(mend(&a, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
    ok(mend(&a, &["checkin", "--mood", "4", "--note", NOTE]));
    ok(mend(&a, &["event", "memorial", "--name", MEMORIAL, "--date", "2026-11-20"]));
    ok(mend(&a, &["event", "medication", "--medicine", "other", "--name", MEDICATION, "--note", "to delete"]));
    ok(mend(
        &a,
        &["reminders", "add", "--kind", "self-care", "--title", REMINDER, "--every", "day", "--times", "09:00"],
    ));

    let set_up = json(run(&a, &["--json", "sync", "setup", "--server", base], env));
    assert_eq!(set_up["state"], "synced", "{set_up}");
    let phrase = set_up["recovery_phrase"].as_str().unwrap().to_owned();
    assert_eq!(phrase.split_whitespace().count(), 24);
    assert_eq!(set_up["pending"], 0, "the first sync uploads the journal already there");

    let joined = json(mend_with_input(&b, &["--json", "sync", "join", "--server", base], &phrase, env));
    assert_eq!(joined["state"], "synced", "{joined}");
    assert_eq!(journal(&a), journal(&b), "B has A's journal");

    // Edits on both, a delete on B, and the same note changed on both before either syncs.
    let noted = guid_with_note(&a, NOTE);
    ok(mend(&a, &["edit", &noted, "--note", ON_A]));
    ok(mend(&b, &["edit", &noted, "--note", ON_B, "--mood", "6"]));
    ok(mend(&b, &["checkin", "--bleeding", "light"]));
    let medication = guid_with_note(&b, "to delete");
    ok(mend(&b, &["delete", &medication, "--yes"]));
    sync(&a, env);
    sync(&b, env);
    let last = sync(&a, env);
    assert_eq!(last["state"], "synced", "{last}");
    assert_eq!(sync(&b, env)["state"], "synced");

    let (on_a, on_b) = (journal(&a), journal(&b));
    assert_eq!(on_a, on_b, "A and B end with the same journal");
    let text = on_a.to_string();
    assert!(text.contains(ON_A) && text.contains(ON_B), "both versions of the note are kept: {text}");
    assert!(text.contains("(also written on another device)"), "and the note says so: {text}");
    assert!(text.contains("\"mood\":6"), "B's mood, changed only there, is kept");
    assert!(!text.contains("to delete"), "the deletion reached A");

    // A third device restored from the phrase alone sees everything.
    let restored = json(mend_with_input(&c, &["--json", "sync", "join", "--server", base], &phrase, env));
    assert_eq!(restored["state"], "synced", "{restored}");
    assert_eq!(journal(&c), on_a, "C has the same journal");
}

/// Every file under `dir` (and the log), as bytes.
fn server_bytes(server: &ServerProcess) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(server.log.display().to_string(), std::fs::read(&server.log).unwrap_or_default())];
    let mut stack = vec![server.data.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn three_devices_end_with_the_same_journal_and_the_server_reads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    three_devices(dir.path(), &server.base, &[]);

    let files = server_bytes(&server);
    assert!(files.len() >= 2, "the server wrote its database: {:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>());
    let markers = [NOTE, MEMORIAL, MEDICATION, REMINDER, ON_A, ON_B, "MARKER", "checkins", "memorial", "Europe/London"];
    for (path, bytes) in &files {
        for marker in markers {
            assert!(!contains(bytes, marker.as_bytes()), "{marker:?} is readable in the server's {path}");
        }
    }
}

#[test]
fn sync_runs_over_https_with_a_test_root() {
    let dir = tempfile::tempdir().unwrap();
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.key_pair.serialize_pem()).unwrap();
    let args = ["--tls-cert", cert.to_str().unwrap(), "--tls-key", key.to_str().unwrap()];
    let server = ServerProcess::start(&dir.path().join("server"), &args);
    assert!(server.base.starts_with("https://127.0.0.1:"), "{}", server.base);

    // Without the test root, the certificate is not trusted and nothing is sent.
    let a = dir.path().join("untrusting");
    let refused = run(&a, &["--json", "sync", "setup", "--server", &server.base], &[]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("certificate"), "{refused:?}");

    three_devices(dir.path(), &server.base, &[("MEND_SYNC_CA_FILE", cert.to_str().unwrap())]);
}

#[test]
fn plain_http_to_another_host_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let out = mend(dir.path(), &["sync", "setup", "--server", "http://sync.example.org"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("plain http:// is allowed only to this computer"));
}

/// Sets up A with one check-in and joins B; gives the phrase.
fn pair(root: &Path, base: &str) -> String {
    let (a, b) = (root.join("a"), root.join("b"));
    ok(mend(&a, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
    ok(mend(&a, &["checkin", "--mood", "5"]));
    let phrase =
        json(mend(&a, &["--json", "sync", "setup", "--server", base]))["recovery_phrase"].as_str().unwrap().to_owned();
    json(mend_with_input(&b, &["--json", "sync", "join", "--server", base], &phrase, &[]));
    phrase
}

#[test]
fn with_auto_on_a_change_goes_up_without_asking_and_sync_off_keeps_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    pair(dir.path(), &server.base);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(json(mend(&a, &["--json", "sync", "auto", "on"]))["auto"], true);
    ok(mend(&a, &["checkin", "--mood", "3", "--note", "went up by itself"]));
    assert_eq!(json(mend(&a, &["--json", "sync", "status"]))["pending"], 0, "the change went up at once");
    sync(&b, &[]);
    assert!(ok(mend(&b, &["history"])).contains("went up by itself"));

    let off = json(mend(&b, &["--json", "sync", "off"]));
    assert_eq!(off["sync"], "off");
    assert_eq!(json(mend(&b, &["--json", "sync", "status"]))["state"], "off");
    assert!(ok(mend(&b, &["history"])).contains("went up by itself"), "sync off keeps the journal");
    let again = mend(&b, &["sync", "now"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("sync is not set up on this device"));
}

#[test]
fn erase_everywhere_deletes_the_server_copy_and_the_other_device_is_told_and_keeps_its_journal() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let phrase = pair(dir.path(), &server.base);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert_eq!(json(mend(&a, &["--json", "erase", "--everywhere", "--yes"]))["erased"], true);
    assert!(!a.join("sync-keys").exists(), "the keys went with the journal");
    assert_eq!(json(mend(&a, &["--json", "sync", "status"]))["state"], "off");

    let told = mend(&b, &["sync", "now"]);
    assert_eq!(told.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&told.stderr).contains("erased on another of your devices"), "{told:?}");
    assert!(ok(mend(&b, &["history"])).contains("mood 5/10"), "B keeps its journal until the person erases it");
    // The phrase no longer finds anything.
    let gone = mend_with_input(&dir.path().join("c"), &["sync", "join", "--server", &server.base], &phrase, &[]);
    assert_eq!(gone.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&gone.stderr).contains("no journal on that server belongs to this recovery phrase")
    );
}

#[test]
fn reminders_ring_only_where_turned_on_and_done_on_one_device_stops_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    pair(dir.path(), &server.base);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let added = json(mend(
        &a,
        &["--json", "reminders", "add", "--kind", "self-care", "--title", "tea", "--at", "2026-12-20T09:00:00+00:00"],
    ));
    let id = added["guid"].as_str().unwrap().to_owned();
    sync(&a, &[]);
    sync(&b, &[]);
    // On a computer, reminders do not ring until the person says so.
    let plan = json(mend(&b, &["--json", "reminders", "plan", "--hours", "8784"]));
    assert_eq!((plan["rings_here"].as_bool(), plan["firings"].as_array().map(Vec::len)), (Some(false), Some(0)));
    ok(mend(&b, &["sync", "reminders", "on"]));
    ok(mend(&a, &["sync", "reminders", "on"]));
    let firings = |dir: &Path| json(mend(dir, &["--json", "reminders", "plan", "--hours", "8784"]))["firings"].clone();
    assert_eq!(firings(&b).as_array().unwrap().len(), 1, "{}", firings(&b));
    // Done on B: after a sync, A no longer rings it.
    ok(mend(&b, &["reminders", "done", &id, "--occurrence", "2026-12-20T09:00:00Z"]));
    sync(&b, &[]);
    assert_eq!(firings(&a).as_array().unwrap().len(), 1, "A has not synced yet");
    sync(&a, &[]);
    assert_eq!(firings(&a).as_array().unwrap().len(), 0, "{}", firings(&a));
}

#[test]
fn on_postgresql_no_text_or_bytea_column_holds_a_word_of_the_journal() {
    let cluster = mend_pg_cluster::Cluster::start();
    let database = cluster.database("blind");
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &["--database", &database]);
    three_devices(dir.path(), &server.base, &[]);

    let columns = cluster.psql(
        "blind",
        "SELECT table_name || ' ' || column_name || ' ' || data_type FROM information_schema.columns \
         WHERE table_schema = 'public' AND data_type IN ('text', 'bytea', 'character varying', 'json', 'jsonb')",
    );
    let columns: Vec<Vec<&str>> = columns.lines().map(|l| l.split(' ').collect()).collect();
    assert!(columns.iter().any(|c| c[2] == "bytea"), "the server keeps records as bytea: {columns:?}");
    let markers = [NOTE, MEMORIAL, MEDICATION, REMINDER, ON_A, ON_B, "MARKER", "checkins", "Europe/London"];
    let mut rows_read = 0;
    for column in &columns {
        let (table, name) = (column[0], column[1]);
        // Every value as hex, so bytes inside binary columns are searched too.
        let sql = if column[2] == "bytea" {
            format!("SELECT encode({name}, 'hex') FROM {table}")
        } else {
            format!("SELECT encode(convert_to({name}::text, 'UTF8'), 'hex') FROM {table}")
        };
        let values = cluster.psql("blind", &sql);
        for value in values.lines() {
            rows_read += 1;
            for marker in markers {
                let hex: String = marker.bytes().map(|b| format!("{b:02x}")).collect();
                assert!(!value.contains(&hex), "{marker:?} is readable in {table}.{name}");
            }
        }
    }
    assert!(rows_read > 20, "the check read the server's rows ({rows_read})");
}

#[test]
fn a_tampered_record_is_refused_reported_and_never_applied_and_the_status_never_says_synced() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    pair(dir.path(), &server.base);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(mend(&a, &["checkin", "--mood", "2", "--note", "the tampered one"]));
    sync(&a, &[]);
    // Someone with the server's files flips one bit in the newest record's ciphertext.
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    let (version, mut body): (i64, Vec<u8>) = db
        .query_row("SELECT version, body FROM records ORDER BY version DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let middle = body.len() / 2;
    body[middle] ^= 0x01;
    let changed =
        db.execute("UPDATE records SET body = ?1 WHERE version = ?2", rusqlite::params![body, version]).unwrap();
    assert_eq!(changed, 1);

    let after = sync(&b, &[]);
    assert_eq!(after["state"], "needs_attention", "{after}");
    assert_eq!(after["unreadable"], 1, "{after}");
    assert!(after["words"].as_str().unwrap().contains("could not be opened"), "{after}");
    assert!(!ok(mend(&b, &["history"])).contains("the tampered one"), "never applied");
    // Syncing again does not make it `synced` while the record stays unreadable.
    assert_eq!(sync(&b, &[])["state"], "needs_attention");
    // Once the device that wrote it writes it again, the new version opens and the status is true again.
    let guid = guid_with_note(&a, "the tampered one");
    ok(mend(&a, &["edit", &guid, "--mood", "3"]));
    sync(&a, &[]);
    let healed = sync(&b, &[]);
    assert_eq!((healed["state"].as_str(), healed["unreadable"].as_u64()), (Some("synced"), Some(0)), "{healed}");
    assert!(ok(mend(&b, &["history"])).contains("the tampered one"));
}

#[test]
fn a_mass_deletion_from_another_device_waits_for_an_ok_and_everything_else_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(mend(&a, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
    for i in 0..20 {
        ok(mend(&a, &["checkin", "--mood", "5", "--note", &format!("entry {i}")]));
    }
    let phrase = json(mend(&a, &["--json", "sync", "setup", "--server", &server.base]))["recovery_phrase"]
        .as_str()
        .unwrap()
        .to_owned();
    json(mend_with_input(&b, &["--json", "sync", "join", "--server", &server.base], &phrase, &[]));
    // B deletes 15 of the 20 (more than 10, and more than 10 %), and writes one new entry.
    let history = json(mend(&b, &["--json", "history"]));
    let guids: Vec<String> =
        history.as_array().unwrap().iter().map(|e| e["guid"].as_str().unwrap().to_owned()).collect();
    for guid in guids.iter().take(15) {
        ok(mend(&b, &["delete", guid, "--yes"]));
    }
    ok(mend(&b, &["checkin", "--mood", "7", "--note", "written after"]));
    sync(&b, &[]);

    let held = sync(&a, &[]);
    assert_eq!(
        (held["state"].as_str(), held["held_deletions"].as_u64()),
        (Some("needs_attention"), Some(15)),
        "{held}"
    );
    assert!(held["words"].as_str().unwrap().contains("--allow-deletions"), "{held}");
    let entries = |dir: &Path| json(mend(dir, &["--json", "history"])).as_array().unwrap().len();
    assert_eq!(entries(&a), 21, "nothing deleted yet: the 20 and the new one");
    assert!(ok(mend(&a, &["history"])).contains("written after"), "everything else was applied");

    let allowed = json(mend(&a, &["--json", "sync", "now", "--allow-deletions"]));
    assert_eq!((allowed["state"].as_str(), allowed["held_deletions"].as_u64()), (Some("synced"), Some(0)), "{allowed}");
    assert_eq!(entries(&a), 6);
    assert_eq!(journal(&a), journal(&b));
}

#[test]
fn a_device_that_cannot_reach_the_server_says_offline_and_keeps_its_change() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    pair(dir.path(), &server.base);
    let a = dir.path().join("a");
    drop(server);
    ok(mend(&a, &["checkin", "--mood", "4", "--note", "kept while offline"]));
    let failed = mend(&a, &["sync", "now"]);
    assert_eq!(failed.status.code(), Some(1));
    let status = json(mend(&a, &["--json", "sync", "status"]));
    assert_eq!((status["state"].as_str(), status["pending"].as_u64()), (Some("offline"), Some(1)), "{status}");
    assert!(status["words"].as_str().unwrap().contains("go up next time"), "{status}");
    assert!(ok(mend(&a, &["history"])).contains("kept while offline"));
}
