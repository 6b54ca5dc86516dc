//! Devices and a new recovery phrase end to end, with the real `mend` and `mend-server` binaries (issue 17).
//! A sets up and B joins: `mend sync devices` on each lists both by name and marks itself, and the server's files
//! hold neither name; a sealed name altered on the server shows as unreadable, never as another name. A makes a
//! new phrase: the old one no longer finds the journal, a new device C joins with the new one and sees everything
//! A and B wrote, and A and B carry on syncing without typing anything. `phrase --check` says yes to the phrase
//! as it is now and no to any other; a name reaches a terminal with its control characters shown, not obeyed.

use std::path::Path;

use mend_e2e::{ServerProcess, json, mend, mend_with_input, ok};
use serde_json::Value;

const NAME_A: &str = "MARKER-name-Sam-phone";
const NAME_B: &str = "MARKER-name-kitchen-laptop";
const NOTE_A: &str = "a quiet walk by the river";
const NOTE_B: &str = "slept a little better";
const LATER_A: &str = "tea with my sister";
const LATER_B: &str = "back at work for a morning";
const LATER_C: &str = "lit a candle tonight";

fn set_up(dir: &Path, base: &str, name: &str) -> String {
    ok(mend(dir, &["init", "--loss-date", "2026-11-20", "--weeks", "9", "--region", "GB", "--tz", "Europe/London"]));
    let out = json(mend(dir, &["--json", "sync", "setup", "--server", base, "--name", name]));
    assert_eq!(out["state"], "synced", "{out}");
    out["recovery_phrase"].as_str().unwrap().to_owned()
}

fn join(dir: &Path, base: &str, name: &str, phrase: &str) -> std::process::Output {
    mend_with_input(dir, &["--json", "sync", "join", "--server", base, "--name", name], phrase, &[])
}

fn sync(dir: &Path) {
    let out = json(mend(dir, &["--json", "sync", "now"]));
    assert_eq!(out["state"], "synced", "{out}");
}

fn devices(dir: &Path) -> Vec<Value> {
    json(mend(dir, &["--json", "sync", "devices"])).as_array().unwrap().clone()
}

fn check(dir: &Path, phrase: &str) -> bool {
    let out = json(mend_with_input(dir, &["--json", "sync", "phrase", "--check"], phrase, &[]));
    out["matches"].as_bool().unwrap()
}

/// The journal as a device exports it, without the moment of export and the deletions it saw.
fn journal(dir: &Path) -> Value {
    let mut doc = json(mend(dir, &["export"]));
    doc.as_object_mut().unwrap().remove("exported_at");
    doc.as_object_mut().unwrap().remove("deleted");
    doc
}

/// Every file the server wrote (and its log), as bytes.
fn server_bytes(server: &ServerProcess) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![(server.log.display().to_string(), std::fs::read(&server.log).unwrap_or_default())];
    for entry in std::fs::read_dir(&server.data).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn each_device_lists_both_by_name_the_server_reads_neither_and_an_altered_name_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let phrase = set_up(&a, &server.base, NAME_A);
    assert_eq!(json(join(&b, &server.base, NAME_B, &phrase))["state"], "synced");

    // The server lists the oldest first, and devices added in the same second by id: find each by its name.
    let on_a = devices(&a);
    assert_eq!(on_a.len(), 2, "{on_a:?}");
    let named = |list: &[Value], name: &str| list.iter().find(|d| d["name"] == name).cloned().unwrap();
    assert_eq!(named(&on_a, NAME_A)["this_device"], true, "{on_a:?}");
    assert_eq!(named(&on_a, NAME_B)["this_device"], false, "{on_a:?}");
    for device in &on_a {
        assert!(device["added_at"].as_str().is_some() && device["last_seen_at"].as_str().is_some(), "{device}");
        assert_eq!(device["removed_at"], Value::Null);
        assert_eq!(device["shown_as"], device["name"]);
    }
    let on_b = devices(&b);
    assert_eq!(on_b.len(), 2, "{on_b:?}");
    assert_eq!(named(&on_b, NAME_A)["this_device"], false, "{on_b:?}");
    assert_eq!(named(&on_b, NAME_B)["this_device"], true, "{on_b:?}");
    assert_eq!(named(&on_a, NAME_B)["id"], named(&on_b, NAME_B)["id"], "both devices agree on B's id");

    let human = ok(mend(&a, &["sync", "devices"]));
    assert!(human.contains(&format!("{NAME_A} (this device)")) && human.contains(NAME_B), "{human}");
    assert!(human.contains("on 2 devices"), "{human}");

    for (path, bytes) in server_bytes(&server) {
        for name in [NAME_A, NAME_B, "MARKER"] {
            assert!(!contains(&bytes, name.as_bytes()), "{name:?} is readable in the server's {path}");
        }
    }

    // Someone with the server's database alters B's sealed name: it shows as unreadable, A's name still reads.
    let db = rusqlite::Connection::open(server.data.join("mend-server.sqlite3")).unwrap();
    db.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    let b_id = unhex(named(&on_a, NAME_B)["id"].as_str().unwrap());
    let mut sealed: Vec<u8> =
        db.query_row("SELECT name FROM devices WHERE device_id = ?1", [&b_id], |row| row.get(0)).unwrap();
    let middle = sealed.len() / 2;
    sealed[middle] ^= 0x20;
    db.execute("UPDATE devices SET name = ?2 WHERE device_id = ?1", rusqlite::params![b_id, sealed]).unwrap();
    drop(db);
    let altered = devices(&a);
    assert_eq!(altered.len(), 2, "{altered:?}");
    assert_eq!(named(&altered, NAME_A)["this_device"], true);
    let b_now = altered.iter().find(|d| d["this_device"] == false).unwrap();
    assert_eq!(b_now["name"], Value::Null, "{altered:?}");
    assert_eq!(b_now["shown_as"], "a device whose name can't be read");
    let human = ok(mend(&a, &["sync", "devices"]));
    assert!(human.contains("a device whose name can't be read") && !human.contains(NAME_B), "{human}");
}

#[test]
fn a_new_phrase_replaces_the_old_one_and_every_device_keeps_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    let old = set_up(&a, &server.base, "A");
    assert_eq!(json(join(&b, &server.base, "B", &old))["state"], "synced");
    ok(mend(&a, &["checkin", "--mood", "4", "--note", NOTE_A]));
    ok(mend(&b, &["checkin", "--mood", "5", "--note", NOTE_B]));
    sync(&a);
    sync(&b);
    sync(&a);
    assert!(check(&a, &old) && check(&b, &old), "the phrase set-up gave is the journal's phrase");

    // A refuses without a terminal or --yes, and nothing changes.
    let refused = mend(&a, &["--json", "sync", "phrase", "--new"]);
    assert_eq!(refused.status.code(), Some(2), "{}", String::from_utf8_lossy(&refused.stderr));
    assert!(check(&a, &old));

    let made = json(mend(&a, &["--json", "sync", "phrase", "--new", "--yes"]));
    let new = made["recovery_phrase"].as_str().unwrap().to_owned();
    assert_eq!(new.split_whitespace().count(), 24);
    assert_ne!(new, old);

    // The old phrase no longer finds the journal, in plain words; C is left as it was.
    let with_old = join(&c, &server.base, "C", &old);
    assert!(!with_old.status.success());
    let words = String::from_utf8_lossy(&with_old.stderr);
    assert!(words.contains("no journal on that server belongs to this recovery phrase"), "{words}");
    assert!(words.contains("if you made a new phrase since, use the new one"), "{words}");
    assert!(!words.contains(&old), "{words}");

    // B never typed the new phrase, and still agrees on which one works.
    assert!(!check(&b, &old) && check(&b, &new) && check(&a, &new) && !check(&a, &old));

    // C joins with the new phrase and has everything A and B wrote.
    let joined = json(join(&c, &server.base, "C", &new));
    assert_eq!(joined["state"], "synced", "{joined}");
    let everything = journal(&a);
    assert_eq!(journal(&c), everything);
    let text = everything.to_string();
    assert!(text.contains(NOTE_A) && text.contains(NOTE_B), "{text}");

    // A and B keep syncing without typing anything, and C's entries reach them.
    ok(mend(&a, &["checkin", "--note", LATER_A]));
    ok(mend(&b, &["checkin", "--note", LATER_B]));
    ok(mend(&c, &["checkin", "--note", LATER_C]));
    for device in [&a, &b, &c, &a, &b] {
        sync(device);
    }
    let text = journal(&a).to_string();
    assert!(text.contains(LATER_A) && text.contains(LATER_B) && text.contains(LATER_C), "{text}");
    assert_eq!(journal(&a), journal(&b));
    assert_eq!(journal(&a), journal(&c));
    // Every device reads every name, C's too: it sealed its name again under the account's naming key.
    for device in [&a, &b, &c] {
        let mut names: Vec<String> =
            devices(device).iter().map(|d| d["name"].as_str().unwrap_or("?").to_owned()).collect();
        names.sort();
        assert_eq!(names, ["A", "B", "C"], "{}", device.display());
    }
}

#[test]
fn check_answers_plainly_for_the_right_phrase_another_one_and_a_mistyped_one_and_names_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(&dir.path().join("server"), &[]);
    let (a, other) = (dir.path().join("a"), dir.path().join("other"));
    let phrase = set_up(&a, &server.base, "A");
    let someone_elses = set_up(&other, &server.base, "phone\x1b[2J\u{202e}gnp");

    // A name is text from the network: the terminal gets its control and bidi characters as codes, JSON exactly.
    let listed = ok(mend(&other, &["sync", "devices"]));
    assert!(listed.contains("phone\\u{1b}[2J\\u{202e}gnp (this device)"), "{listed}");
    assert!(!listed.contains('\x1b') && !listed.contains('\u{202e}'), "{listed}");
    assert_eq!(devices(&other)[0]["name"], "phone\x1b[2J\u{202e}gnp");

    let right = json(mend_with_input(&a, &["--json", "sync", "phrase", "--check"], &phrase, &[]));
    assert_eq!(right["matches"], true, "{right}");
    assert_eq!(right["words"], "That is your recovery phrase. Keep it somewhere safe and private.");
    let human = ok(mend_with_input(&a, &["sync", "phrase", "--check"], &phrase.to_uppercase(), &[]));
    assert!(human.contains("That is your recovery phrase"), "{human}");

    // A real phrase, but another journal's.
    let wrong = json(mend_with_input(&a, &["--json", "sync", "phrase", "--check"], &someone_elses, &[]));
    assert_eq!(wrong["matches"], false, "{wrong}");
    assert!(wrong["words"].as_str().unwrap().starts_with("Those words are not your recovery phrase"), "{wrong}");

    // Two words swapped: almost always the words no longer fit together (said without repeating a word); in the
    // rare case they still do, they are another phrase, and the answer is no.
    let mut words: Vec<&str> = phrase.split(' ').collect();
    words.swap(0, 1);
    if words[0] != words[1] {
        let swapped = mend_with_input(&a, &["--json", "sync", "phrase", "--check"], &words.join(" "), &[]);
        let stderr = String::from_utf8_lossy(&swapped.stderr);
        if swapped.status.success() {
            assert_eq!(json(swapped)["matches"], false);
        } else {
            assert!(stderr.contains("the words do not fit together"), "{stderr}");
            assert!(!stderr.contains(words[0]), "{stderr}");
        }
    }
    let short = mend_with_input(&a, &["--json", "sync", "phrase", "--check"], "river stone", &[]);
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("24 words"));
}
