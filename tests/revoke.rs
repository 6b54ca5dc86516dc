//! Removing a device and renewing the keys, end to end with the real `mend` and `mend-server` binaries (issue 17).
//!
//! A and B are in sync; C is linked by code; A removes C. C is refused at once and says so (turning sync off, or
//! erasing its journal when asked to, and only when the order checks out); what A writes afterwards never reaches
//! C, every record on the server is in the new epoch, B carries on without doing anything, and the phrase is
//! unchanged and still restores a fourth device that sees everything.
//!
//! The key switch is then interrupted at many points — SIGKILL of the removing client, or of the server — and
//! after each, before anything resumes it, B and a device restored from the phrase must read every record; the
//! next sync on A finishes the switch.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use mend_e2e::running::Running;
use mend_e2e::{ServerProcess, binary, json, mend, mend_with_input, ok};
use serde_json::Value;

const NAME_A: &str = "Sam's phone";
const NAME_B: &str = "kitchen laptop";
const NAME_C: &str = "old phone";
const NOTE_A: &str = "a quiet walk by the river";
const NOTE_B: &str = "slept a little better";
const AFTER_A: &str = "tea with my sister, after the phone was lost";
const AFTER_B: &str = "back at work for a morning";

fn init(dir: &Path) {
    ok(mend(dir, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
}

fn set_up(dir: &Path, base: &str) -> String {
    init(dir);
    let out = json(mend(dir, &["--json", "sync", "setup", "--server", base, "--name", NAME_A]));
    assert_eq!(out["state"], "synced", "{out}");
    out["recovery_phrase"].as_str().unwrap().to_owned()
}

fn join(dir: &Path, base: &str, name: &str, phrase: &str) {
    let out = json(mend_with_input(dir, &["--json", "sync", "join", "--server", base, "--name", name], phrase, &[]));
    assert_eq!(out["state"], "synced", "{out}");
}

/// Syncs `dir`: its status afterwards.
fn sync(dir: &Path) -> Value {
    let out = json(mend(dir, &["--json", "sync", "now"]));
    assert_eq!(out["state"], "synced", "{out}");
    out
}

fn note(dir: &Path, text: &str) {
    ok(mend(dir, &["checkin", "--mood", "5", "--note", text]));
}

fn has(dir: &Path, text: &str) -> bool {
    ok(mend(dir, &["export"])).contains(text)
}

/// C links to A's journal by code, the digits confirmed on A.
fn link(c: &Path, a: &Path, base: &str) {
    let linking = Running::start(c, &["--json", "sync", "link", "--server", base, "--name", NAME_C]);
    let code = linking.next().expect("the code line")["code"].as_str().unwrap().to_owned();
    let mut approving = Running::start(a, &["--json", "sync", "approve", &code]);
    let digits = linking.next().expect("C's digits")["digits"].as_str().unwrap().to_owned();
    assert_eq!(approving.next().expect("A's digits")["digits"], digits.as_str());
    approving.answer(&digits);
    let (approved, stderr) = approving.finish();
    assert!(approved, "{stderr}");
    assert_eq!(linking.next().expect("C's last line")["event"], "linked");
}

/// The epochs of the live records in the server's database.
fn live_epochs(server: &ServerProcess) -> Vec<u32> {
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    let mut statement = db.prepare("SELECT DISTINCT epoch FROM records WHERE deleted = 0 ORDER BY epoch").unwrap();
    statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

fn devices(dir: &Path) -> Vec<Value> {
    json(mend(dir, &["--json", "sync", "devices"])).as_array().unwrap().clone()
}

#[test]
fn a_removed_device_is_cut_off_at_once_and_the_phrase_still_restores_everything() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let [a, b, c, d] = ["a", "b", "c", "d"].map(|n| dir.path().join(n));
    let phrase = set_up(&a, &server.base);
    note(&a, NOTE_A);
    sync(&a);
    join(&b, &server.base, NAME_B, &phrase);
    note(&b, NOTE_B);
    sync(&b);
    link(&c, &a, &server.base);
    sync(&c);
    assert!(has(&c, NOTE_A) && has(&c, NOTE_B));
    sync(&a);

    // A removes C: at once, and the keys are renewed.
    let removed = json(mend(&a, &["--json", "sync", "revoke", NAME_C]));
    assert_eq!(removed["removed"], NAME_C, "{removed}");
    assert_eq!(removed["keys_renewed_to_epoch"], 1, "{removed}");
    assert_eq!(live_epochs(&server), vec![1], "every live record is sealed under the new key");
    let listed = devices(&a);
    assert!(listed.iter().any(|d| d["name"] == NAME_C && !d["removed_at"].is_null()), "{listed:?}");

    // C is refused, says so plainly, keeps its journal (no wipe was asked for) and stops syncing.
    let refused = mend(&c, &["sync", "now"]);
    assert_eq!(refused.status.code(), Some(1));
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains("removed from your synced journal") && words.contains("sync is now off"), "{words}");
    assert!(has(&c, NOTE_A), "C keeps what it had");
    let status = json(mend(&c, &["--json", "sync", "status"]));
    assert_eq!(status["state"], "off", "{status}");

    // A writes; B, which did nothing, reads it and writes in the new epoch; C never sees it.
    note(&a, AFTER_A);
    sync(&a);
    sync(&b);
    assert!(has(&b, AFTER_A));
    note(&b, AFTER_B);
    sync(&b);
    sync(&a);
    assert!(has(&a, AFTER_B));
    assert_eq!(live_epochs(&server), vec![1]);
    assert!(!has(&c, AFTER_A));

    // The phrase did not change: it still checks out, and restores a fourth device that sees everything.
    let check = json(mend_with_input(&a, &["--json", "sync", "phrase", "--check"], &phrase, &[]));
    assert_eq!(check["matches"], true);
    join(&d, &server.base, "new phone", &phrase);
    let restored = sync(&d);
    assert_eq!(restored["unreadable"], 0, "{restored}");
    for text in [NOTE_A, NOTE_B, AFTER_A, AFTER_B] {
        assert!(has(&d, text), "the restored device lacks {text:?}");
    }
}

#[test]
fn a_wipe_is_done_only_when_the_order_checks_out() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let [a, b, c] = ["a", "b", "c"].map(|n| dir.path().join(n));
    let phrase = set_up(&a, &server.base);
    note(&a, NOTE_A);
    sync(&a);
    for (device, name) in [(&b, NAME_B), (&c, NAME_C)] {
        join(device, &server.base, name, &phrase);
        assert!(has(device, NOTE_A));
    }

    // B is removed with a wipe, but the server hands B an order of its own making: B erases nothing.
    let removed = json(mend(&a, &["--json", "sync", "revoke", NAME_B, "--wipe"]));
    assert_eq!(removed["wipe"], true, "{removed}");
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    let forged = db.execute("UPDATE devices SET wipe_order = zeroblob(60) WHERE wipe_order IS NOT NULL", []).unwrap();
    assert_eq!(forged, 1);
    let refused = mend(&b, &["sync", "now"]);
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains("did not check out, so nothing was erased"), "{words}");
    assert!(has(&b, NOTE_A), "a forged order erases nothing");

    // C is removed with a wipe, untouched: C erases its journal and its keys, and says why.
    let removed = json(mend(&a, &["--json", "sync", "revoke", NAME_C, "--wipe"]));
    assert_eq!(removed["keys_renewed_to_epoch"], 2, "{removed}");
    let refused = mend(&c, &["sync", "now"]);
    assert_eq!(refused.status.code(), Some(1));
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains("asked it to erase what it held") && words.contains("now erased"), "{words}");
    assert!(!has(&c, NOTE_A), "C's journal is erased");
    assert!(!c.join("sync-keys").exists(), "and its keys");

    // A device cannot remove itself, and a name nobody has is refused with words.
    let own = mend(&a, &["sync", "revoke", NAME_A]);
    assert!(String::from_utf8_lossy(&own.stderr).contains("cannot remove itself"));
    let nobody = mend(&a, &["sync", "revoke", "a tablet I never had"]);
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("none of your devices"));
}

#[test]
fn a_device_the_server_made_up_is_never_handed_the_new_key() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let [a, c] = ["a", "c"].map(|n| dir.path().join(n));
    let phrase = set_up(&a, &server.base);
    note(&a, NOTE_A);
    sync(&a);
    join(&c, &server.base, NAME_C, &phrase);

    // The server adds a device of its own to the account, with A's sealed name copied onto it.
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    db.execute(
        "INSERT INTO devices (device_id, account_id, signing_key, exchange_key, name, added_at, wipe)
         SELECT zeroblob(16), account_id, randomblob(32), randomblob(32), name, added_at, 0 FROM devices LIMIT 1",
        [],
    )
    .unwrap();
    let listed = devices(&a);
    assert_eq!(listed.len(), 3);
    assert_eq!(listed.iter().filter(|d| d["name"] == NAME_A).count(), 1, "the copy's name does not open: {listed:?}");

    let removed = json(mend(&a, &["--json", "sync", "revoke", NAME_C]));
    assert_eq!(removed["keys_renewed_to_epoch"], 1, "{removed}");
    let handed: i64 = db
        .query_row("SELECT count(*) FROM device_wraps WHERE device_id = zeroblob(16) AND epoch = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(handed, 0, "the made-up device was handed the new key");
}

#[test]
fn a_key_the_server_makes_up_for_a_new_epoch_is_never_used() {
    use mend_core::sync::keys::{DataKey, wrap_for_device};
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let [a, b] = ["a", "b"].map(|n| dir.path().join(n));
    let phrase = set_up(&a, &server.base);
    join(&b, &server.base, NAME_B, &phrase);

    // The server moves the account to an epoch 1 of its own making: a key it chose, wrapped to B's public key
    // (which it holds), with a recovery wrap it cannot link to epoch 0's key.
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    let on_b = devices(&b);
    let b_id = on_b.iter().find(|d| d["this_device"] == true).unwrap()["id"].as_str().unwrap().to_owned();
    let device_id: Vec<u8> =
        (0..b_id.len()).step_by(2).map(|i| u8::from_str_radix(&b_id[i..i + 2], 16).unwrap()).collect();
    let (account_id, exchange): (Vec<u8>, Vec<u8>) = db
        .query_row("SELECT account_id, exchange_key FROM devices WHERE device_id = ?1", [&device_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let chosen = DataKey::generate();
    let wrap = wrap_for_device(&chosen, &exchange.try_into().unwrap(), 1).unwrap();
    db.execute("UPDATE accounts SET epoch = 1", []).unwrap();
    db.execute("INSERT INTO kek_wraps (account_id, epoch, wrap) VALUES (?1, 1, randomblob(280))", [&account_id])
        .unwrap();
    db.execute(
        "INSERT INTO device_wraps (device_id, epoch, account_id, wrap) VALUES (?1, 1, ?2, ?3)",
        rusqlite::params![device_id, account_id, wrap],
    )
    .unwrap();

    // B's next entry is refused in epoch 0; B does not take the made-up key, and seals nothing with it.
    note(&b, AFTER_B);
    let refused = mend(&b, &["sync", "now"]);
    assert_eq!(refused.status.code(), Some(1), "{}", String::from_utf8_lossy(&refused.stdout));
    let words = String::from_utf8_lossy(&refused.stderr);
    assert!(words.contains("sync keys"), "{words}");
    let in_epoch_1: i64 = db.query_row("SELECT count(*) FROM records WHERE epoch = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(in_epoch_1, 0, "a record was sealed under the server's key");
}

/// How an interruption is made.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Client,
    Server,
}

#[test]
fn a_key_switch_interrupted_at_any_step_leaves_every_device_able_to_read_everything() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(&dir.path().join("server"), &[]);
    let [a, b] = ["a", "b"].map(|n| dir.path().join(n));
    let phrase = set_up(&a, &server.base);
    // Six hundred check-ins (by import: six batches to seal again), so a switch has many steps to stop between.
    note(&a, "the first");
    let mut doc: Value = json(mend(&a, &["export"]));
    let first = doc["checkins"][0].clone();
    let mut notes = Vec::new();
    let checkins: Vec<Value> = (0..600)
        .map(|i| {
            notes.push(format!("day {i}: a little lighter"));
            let mut checkin = first.clone();
            checkin["guid"] = Value::from(format!("import{i:010}"));
            checkin["note"] = Value::from(notes.last().unwrap().as_str());
            checkin
        })
        .collect();
    doc["checkins"] = Value::from(checkins);
    let file = dir.path().join("many.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    ok(mend(&a, &["import", file.to_str().unwrap()]));
    sync(&a);
    join(&b, &server.base, NAME_B, &phrase);

    // How long an uninterrupted removal takes, to spread the interruptions over it.
    let spare = dir.path().join("spare");
    join(&spare, &server.base, "spare", &phrase);
    let started = Instant::now();
    ok(mend(&a, &["sync", "revoke", "spare"]));
    let full = started.elapsed();

    let stops = [Stop::Client, Stop::Server];
    let fractions = [0.0, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0];
    let mut interrupted = 0;
    for (round, fraction) in fractions.iter().enumerate() {
        let stop = stops[round % 2];
        let victim = dir.path().join(format!("victim-{round}"));
        let name = format!("victim {round}");
        join(&victim, &server.base, &name, &phrase);
        notes.push(format!("round {round} on B"));
        note(&b, notes.last().unwrap());
        sync(&b);

        let mut removing = Command::new(binary("MEND_BIN", "mend"))
            .arg("--data-dir")
            .arg(&a)
            .args(["sync", "revoke", &name])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(*fraction));
        match stop {
            Stop::Client => {
                let _ = removing.kill();
                let _ = removing.wait();
            }
            Stop::Server => {
                server.kill();
                let _ = removing.wait();
                server.restart(&[]);
            }
        }
        let unfinished = switch_unfinished(&server);
        interrupted += usize::from(unfinished);

        // Before anything resumes the switch: B, and a device restored from the phrase, read every record.
        let on_b = sync(&b);
        assert_eq!(on_b["unreadable"], 0, "round {round} ({stop:?}): B could not read {on_b}");
        let restored = dir.path().join(format!("restored-{round}"));
        join(&restored, &server.base, &format!("restored {round}"), &phrase);
        let status = sync(&restored);
        assert_eq!(status["unreadable"], 0, "round {round} ({stop:?}): the phrase could not read {status}");
        let exported = ok(mend(&restored, &["export"]));
        for text in &notes {
            assert!(exported.contains(text.as_str()), "round {round} ({stop:?}): the phrase lost {text:?}");
        }
        // The restored device is removed again at the end of the round (below), so the account stays small.

        // A's next sync finishes what was stopped; the removal is made if it never reached the server.
        eprintln!(
            "round {round}: {stop:?} after {:?} of {full:?}; switch unfinished: {unfinished}",
            full.mul_f64(*fraction)
        );
        sync(&a);
        if devices(&a).iter().any(|d| d["name"] == name.as_str() && d["removed_at"].is_null()) {
            ok(mend(&a, &["sync", "revoke", &name]));
        }
        ok(mend(&a, &["sync", "revoke", &format!("restored {round}")]));
        let epochs = live_epochs(&server);
        assert_eq!(epochs.len(), 1, "round {round}: one epoch once the switch is finished, not {epochs:?}");
        let on_b = sync(&b);
        assert_eq!(on_b["unreadable"], 0, "round {round}: {on_b}");
    }
    let exported = ok(mend(&b, &["export"]));
    assert!(notes.iter().all(|text| exported.contains(text.as_str())));
    assert!(interrupted >= 2, "only {interrupted} of the rounds stopped a switch half-way: the test tests too little");
}

/// Whether the server holds a staged next epoch the account has not switched to (a switch stopped half-way).
fn switch_unfinished(server: &ServerProcess) -> bool {
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    db.query_row(
        "SELECT EXISTS (SELECT 1 FROM kek_wraps k JOIN accounts a ON a.account_id = k.account_id WHERE k.epoch > a.epoch)",
        [],
        |row| row.get(0),
    )
    .unwrap()
}
