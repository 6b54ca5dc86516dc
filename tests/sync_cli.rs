//! Sync end to end with the real binaries: `mend-server` as a process and `mend` devices on their own data
//! directories.

use mend_e2e::{ServerProcess, mend, mend_with_input};

fn ok(out: std::process::Output) -> String {
    assert!(out.status.success(), "mend failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(out: std::process::Output) -> serde_json::Value {
    serde_json::from_str(&ok(out)).unwrap()
}

#[test]
fn two_devices_sync_a_journal_through_a_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(mend(&a, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
    ok(mend(&a, &["checkin", "--mood", "4", "--note", "first words"]));
    let set_up = json(mend(&a, &["--json", "sync", "setup", "--server", &server.base]));
    assert_eq!(set_up["state"], "synced", "{set_up}");
    let phrase = set_up["recovery_phrase"].as_str().unwrap().to_owned();
    assert_eq!(phrase.split_whitespace().count(), 24);
    let joined = json(mend_with_input(&b, &["--json", "sync", "join", "--server", &server.base], &phrase, &[]));
    assert_eq!(joined["state"], "synced", "{joined}");
    let history = json(mend(&b, &["--json", "history"]));
    assert_eq!(history[0]["note"], "first words", "{history}");
}
